// The audit payload of a change: the request as the caller sent it, never left blank.
#include "api/request_context.h"

#include <grpcpp/server_context.h>
#include <gtest/gtest.h>

#include "disposal/v1/claims.pb.h"
#include "domain/audit_chain.h"

namespace disposal::api {
namespace {

constexpr char kRpc[] = "disposal.v1.ClaimService/UpdateClaim";

TEST(AuditPayload, IsTheRequestAsJsonWithItsFieldNames) {
  grpc::ServerContext context;
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_title("德阳债权");
  request.set_request_id("r-1");
  const domain::AuditContext audit = AuditOf(context, kRpc, request, "r-1");
  EXPECT_NE(audit.payload_json.find("\"title\":\"德阳债权\""), std::string::npos)
      << audit.payload_json;
  EXPECT_NE(audit.payload_json.find("\"request_id\":\"r-1\""), std::string::npos)
      << audit.payload_json;
}

// A timestamp past 9999 has no JSON form: the request is kept as its bytes, so that a caller
// cannot blank the record of its own change by adding one to a field the call ignores.
TEST(AuditPayload, ARequestJsonCannotHoldIsKeptAsItsBytesNotBlanked) {
  grpc::ServerContext context;
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_title("德阳债权");
  request.mutable_claim()->mutable_create_time()->set_seconds(253402300800);
  const domain::AuditContext audit = AuditOf(context, kRpc, request, "r-2");
  EXPECT_EQ(audit.payload_json,
            "{\"request_protobuf_hex\":\"" + domain::HexOf(request.SerializeAsString()) + "\"}");
}

}  // namespace
}  // namespace disposal::api
