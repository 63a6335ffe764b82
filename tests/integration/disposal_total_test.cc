// A disposal's book value is the sum of its lots', and each lot is at most one claim's whole,
// which always fits an amount; lots of several claims together may not. Such a disposal is
// refused before anything is written, and a draft whose claims grew past it later stays
// readable (to be changed or withdrawn) but cannot be published. Real PostgreSQL.
#include <string>

#include "support/disposal_fixture.h"

namespace disposal::testing {
namespace {

class DisposalTotalTest : public DisposalFixture {
 protected:
  // A claim like the seed's, with `principal_yuan` of principal on its first tranche.
  std::string CreateClaimWithPrincipal(int64_t principal_yuan, const std::string& request_id) {
    grpc::ClientContext context;
    v1::CreateClaimRequest request;
    *request.mutable_claim() = SampleClaim();
    *request.mutable_claim()->mutable_tranches(0)->mutable_principal() = Yuan(principal_yuan);
    request.set_request_id(request_id);
    v1::Claim claim;
    const grpc::Status status = claim_stub_->CreateClaim(&context, request, &claim);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return claim.id();
  }

  // A draft offering the first tranche of each claim as a lot of its own.
  v1::Disposal FirstTranchesOf(const std::string& a, const std::string& b) {
    v1::Disposal disposal = SeedDisposal(a);
    disposal.mutable_lots(1)->set_claim_id(b);
    disposal.mutable_lots(1)->set_tranche_number(1);
    return disposal;
  }

  grpc::Status List(v1::ListDisposalsResponse* out) {
    grpc::ClientContext context;
    v1::ListDisposalsRequest request;
    return stub_->ListDisposals(&context, request, out);
  }
};

constexpr int64_t kSixHundredQuadrillion = 600'000'000'000'000'000;

TEST_F(DisposalTotalTest, LotsWhoseValuesTogetherPassTheLargestAmountAreRefusedAndNothingWritten) {
  const std::string a = CreateClaimWithPrincipal(kSixHundredQuadrillion, "claim-a");
  const std::string b = CreateClaimWithPrincipal(kSixHundredQuadrillion, "claim-b");
  v1::Disposal created;

  const grpc::Status status = CreateDisposal(FirstTranchesOf(a, b), "too-large", &created);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("disposal.lots: ", 0), 0u) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM disposals"), "0");
}

TEST_F(DisposalTotalTest, ADraftWhoseClaimsGrewPastTheLargestAmountIsStillReadAndListed) {
  const std::string a = CreateClaimWithPrincipal(kSixHundredQuadrillion / 2, "claim-a");
  const std::string b = CreateClaimWithPrincipal(kSixHundredQuadrillion / 2, "claim-b");
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(FirstTranchesOf(a, b), "fits", &draft).ok());
  ASSERT_TRUE(draft.has_book_value());
  v1::Claim grown;
  ASSERT_TRUE(GetClaim(a, &grown).ok());
  *grown.mutable_tranches(0)->mutable_principal() = Yuan(2 * kSixHundredQuadrillion / 3 * 2);
  ASSERT_TRUE(UpdateTranches(grown).ok());

  v1::Disposal read;
  const grpc::Status got = Get(draft.id(), &read);
  v1::ListDisposalsResponse listed;
  const grpc::Status list = List(&listed);

  ASSERT_TRUE(got.ok()) << got.error_message();
  EXPECT_FALSE(read.has_book_value());
  ASSERT_TRUE(list.ok()) << list.error_message();
  EXPECT_EQ(listed.disposals_size(), 1);
}

TEST_F(DisposalTotalTest, ADraftWhoseClaimsGrewPastTheLargestAmountIsNotPublished) {
  const std::string a = CreateClaimWithPrincipal(kSixHundredQuadrillion / 2, "claim-a");
  const std::string b = CreateClaimWithPrincipal(kSixHundredQuadrillion / 2, "claim-b");
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(FirstTranchesOf(a, b), "fits", &draft).ok());
  v1::Claim grown;
  ASSERT_TRUE(GetClaim(a, &grown).ok());
  *grown.mutable_tranches(0)->mutable_principal() = Yuan(2 * kSixHundredQuadrillion / 3 * 2);
  ASSERT_TRUE(UpdateTranches(grown).ok());

  v1::Disposal published;
  const grpc::Status status = Publish(draft, 2021, 7, 28, &published);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("disposal.lots"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
