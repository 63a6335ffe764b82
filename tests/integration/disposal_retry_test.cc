// A retried CreateDisposal or UpdateDisposal gets its first call's answer even when the claims
// its lots name changed since that call was stored: the retry is answered before its body is
// checked against them again (here the draft was withdrawn and the claim's tranche 2 removed).
#include "support/disposal_fixture.h"

namespace disposal::testing {
namespace {

class DisposalRetryTest : public DisposalFixture {
 protected:
  // Withdraws `draft` and removes the claim's tranche 2, which the draft offered.
  void WithdrawAndRemoveTrancheTwo(const v1::Disposal& draft) {
    v1::Disposal withdrawn;
    ASSERT_TRUE(Transition(draft, v1::TRANSITION_WITHDRAW, &withdrawn).ok());
    v1::Claim claim;
    ASSERT_TRUE(GetClaim(draft.lots(0).claim_id(), &claim).ok());
    claim.mutable_tranches()->RemoveLast();
    const grpc::Status removed = UpdateTranches(claim);
    ASSERT_TRUE(removed.ok()) << removed.error_message();
  }

  grpc::Status Update(const v1::Disposal& draft, const std::string& title,
                      const std::string& request_id, v1::Disposal* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    v1::UpdateDisposalRequest request;
    *request.mutable_disposal() = draft;
    request.mutable_disposal()->set_title(title);
    request.mutable_update_mask()->add_paths("title");
    request.set_request_id(request_id);
    return stub_->UpdateDisposal(&context, request, out);
  }
};

TEST_F(DisposalRetryTest, CreateRetryAfterItsClaimChangedGetsTheFirstCallsDisposal) {
  const v1::Disposal offer = SeedDisposal(CreateSeedClaim());
  v1::Disposal first;
  ASSERT_TRUE(CreateDisposal(offer, "create-once", &first).ok());
  WithdrawAndRemoveTrancheTwo(first);
  v1::Disposal again;
  const grpc::Status retried = CreateDisposal(offer, "create-once", &again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_EQ(again.id(), first.id());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM disposals"), "1");
}

TEST_F(DisposalRetryTest, UpdateRetryAfterItsClaimChangedGetsTheFirstCallsDisposal) {
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "create", &draft).ok());
  v1::Disposal updated;
  ASSERT_TRUE(Update(draft, "改名", "update-once", &updated).ok());
  WithdrawAndRemoveTrancheTwo(updated);
  v1::Disposal again;
  const grpc::Status retried = Update(draft, "改名", "update-once", &again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_EQ(again.id(), draft.id());
  EXPECT_EQ(again.title(), "改名");
}

TEST_F(DisposalRetryTest, AnUpdatesRequestIdReusedForAnUnknownDisposalIsAlreadyExists) {
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "create", &draft).ok());
  v1::Disposal updated;
  ASSERT_TRUE(Update(draft, "改名", "update-reused", &updated).ok());
  v1::Disposal unknown = draft;
  unknown.set_id("00000000-0000-4000-8000-000000000000");
  v1::Disposal again;
  const grpc::Status reused = Update(unknown, "改名", "update-reused", &again);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS) << reused.error_message();
}

}  // namespace
}  // namespace disposal::testing
