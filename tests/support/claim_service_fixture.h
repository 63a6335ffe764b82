// An in-process gRPC server running the real ClaimService over a fresh test database.
#ifndef DISPOSAL_TESTS_SUPPORT_CLAIM_SERVICE_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_CLAIM_SERVICE_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>

#include "api/claim_service.h"
#include "disposal/v1/claims.grpc.pb.h"
#include "domain/claim_registry.h"
#include "store/claim_store.h"
#include "support/sample_claims.h"
#include "support/test_database.h"

namespace disposal::testing {

class ClaimServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    repository_ = std::make_unique<store::PgClaimRepository>(db_.database());
    registry_ = std::make_unique<domain::ClaimRegistry>(*repository_, [] {
      return domain::Date{2026, 11, 28};
    });
    service_ = std::make_unique<api::ClaimServiceImpl>(*registry_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    stub_ = v1::ClaimService::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                          grpc::InsecureChannelCredentials()));
  }

  void TearDown() override { server_->Shutdown(); }

  grpc::Status Create(const v1::Claim& claim, const std::string& request_id, v1::Claim* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    v1::CreateClaimRequest request;
    *request.mutable_claim() = claim;
    request.set_request_id(request_id);
    return stub_->CreateClaim(&context, request, out);
  }

  grpc::Status Get(const std::string& id, v1::Claim* out) {
    grpc::ClientContext context;
    v1::GetClaimRequest request;
    request.set_id(id);
    return stub_->GetClaim(&context, request, out);
  }

  grpc::Status Update(const v1::UpdateClaimRequest& request, v1::Claim* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return stub_->UpdateClaim(&context, request, out);
  }

  // Creates `claims` claims and lists them one per page: the token of the second page.
  std::string SecondPageToken(int claims) {
    for (int i = 0; i < claims; ++i) {
      v1::Claim out;
      EXPECT_TRUE(Create(SampleClaim(i + 1), "token-" + std::to_string(i), &out).ok());
    }
    v1::ListClaimsRequest request;
    request.set_page_size(1);
    v1::ListClaimsResponse response;
    EXPECT_TRUE(List(request, &response).ok());
    EXPECT_FALSE(response.next_page_token().empty());
    return response.next_page_token();
  }

  grpc::Status List(const v1::ListClaimsRequest& request, v1::ListClaimsResponse* out) {
    grpc::ClientContext context;
    return stub_->ListClaims(&context, request, out);
  }

  int Count(const std::string& table) {
    return std::stoi(db_.Query("SELECT count(*) FROM " + table));
  }

  TestDatabase db_;
  std::unique_ptr<store::PgClaimRepository> repository_;
  std::unique_ptr<domain::ClaimRegistry> registry_;
  std::unique_ptr<api::ClaimServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::ClaimService::Stub> stub_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_CLAIM_SERVICE_FIXTURE_H_
