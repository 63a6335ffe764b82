// The audit payload of a change: the request as the caller sent it, never left blank.
#include "api/request_context.h"

#include <grpcpp/server_context.h>
#include <gtest/gtest.h>

#include "disposal/v1/claims.pb.h"
#include "domain/audit_chain.h"
#include "domain/sha256.h"

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

// PostgreSQL's jsonb has no U+0000: a request carrying one in a field the call ignores is kept
// as its bytes, rather than failing the call when its event is written.
TEST(AuditPayload, ARequestWithANulCharacterIsKeptAsItsBytes) {
  grpc::ServerContext context;
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_title("德阳债权");
  request.mutable_claim()->set_id(std::string("a\0", 2));
  const domain::AuditContext audit = AuditOf(context, kRpc, request, "r-3");
  EXPECT_EQ(audit.payload_json,
            "{\"request_protobuf_hex\":\"" + domain::HexOf(request.SerializeAsString()) + "\"}");
}

// An event is streamed whole in one message: a request whose payload would not fit (here a NUL
// in an ignored field, kept as hex at twice the request's size) is kept as its digest.
TEST(AuditPayload, APayloadTooLargeToStreamIsKeptAsTheRequestsDigest) {
  grpc::ServerContext context;
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_id(std::string("\0", 1) +
                                  std::string(kAuditPayloadBytesMax / 2, 'x'));
  const domain::AuditContext audit = AuditOf(context, kRpc, request, "r-5");
  const std::string bytes = request.SerializeAsString();
  EXPECT_EQ(audit.payload_json,
            "{\"request_protobuf_sha256\":\"" + domain::HexOf(domain::Sha256(bytes)) +
                "\",\"request_bytes\":" + std::to_string(bytes.size()) +
                ",\"payload_bytes\":" + std::to_string(25 + 2 * bytes.size() + 2) + "}");
  // One byte less in the field, and the hex fits: it is kept whole.
  request.mutable_claim()->set_id(std::string("\0", 1) +
                                  std::string(kAuditPayloadBytesMax / 2 - 40, 'x'));
  EXPECT_EQ(
      AuditOf(context, kRpc, request, "r-6").payload_json.rfind("{\"request_protobuf_hex\"", 0),
      0u);
}

// A backslash the caller typed before "u0000" is text, not the escape.
TEST(AuditPayload, ABackslashBeforeU0000IsTextAndStaysJson) {
  grpc::ServerContext context;
  v1::UpdateClaimRequest request;
  request.mutable_claim()->set_title("path\\u0000");
  const domain::AuditContext audit = AuditOf(context, kRpc, request, "r-4");
  EXPECT_NE(audit.payload_json.find("\"title\":\"path\\\\u0000\""), std::string::npos)
      << audit.payload_json;
}

}  // namespace
}  // namespace disposal::api
