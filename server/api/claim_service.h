// gRPC handlers for disposal.v1.ClaimService: validate the wire input, call the registry,
// map the result. No SQL and no business rules here.
#ifndef DISPOSAL_SERVER_API_CLAIM_SERVICE_H_
#define DISPOSAL_SERVER_API_CLAIM_SERVICE_H_

#include <functional>

#include "disposal/v1/claims.grpc.pb.h"
#include "domain/claim_registry.h"

namespace disposal::api {

class ClaimServiceImpl : public v1::ClaimService::Service {
 public:
  // `context_changed` runs after an update that may change what eligibility checks read of a
  // disposal (its deposit, its claims' parties): this server's next check then reads it again
  // instead of waiting for the change's notification (which tells the other servers).
  explicit ClaimServiceImpl(domain::ClaimRegistry& registry,
                            std::function<void()> context_changed = nullptr)
      : registry_(registry), context_changed_(std::move(context_changed)) {}

  grpc::Status CreateClaim(grpc::ServerContext* context, const v1::CreateClaimRequest* request,
                           v1::Claim* response) override;
  grpc::Status GetClaim(grpc::ServerContext* context, const v1::GetClaimRequest* request,
                        v1::Claim* response) override;
  grpc::Status ListClaims(grpc::ServerContext* context, const v1::ListClaimsRequest* request,
                          v1::ListClaimsResponse* response) override;
  grpc::Status UpdateClaim(grpc::ServerContext* context, const v1::UpdateClaimRequest* request,
                           v1::Claim* response) override;

 private:
  // True when the call is answered already: its request key produced a claim (`*answered` is
  // OK, `response` that claim as it is now), or was used with another body, or the lookup
  // failed (`*answered` says why). False for a new key, or none.
  bool AnsweredEarlier(const domain::RequestKey& key, const char* rpc, v1::Claim* response,
                       grpc::Status* answered);

  domain::ClaimRegistry& registry_;
  std::function<void()> context_changed_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_CLAIM_SERVICE_H_
