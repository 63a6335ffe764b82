// Servers cache what the eligibility rules read about a disposal and drop it when told it
// changed (NOTIFY disposal_context_changed); since anyone connected may send that, each change
// is also counted in its own transaction, and a server drops its cache only when the count moved.
#include <string>

#include "store/registry_store.h"
#include "support/disposal_fixture.h"

namespace disposal::testing {
namespace {

class ContextChangesTest : public DisposalFixture {
 protected:
  int64_t Count() {
    store::PgRegistryRepository registry(db_.database());
    const Result<int64_t> count = registry.DisposalContextChangeCount();
    EXPECT_TRUE(count.ok()) << count.error().Message();
    return count.ok() ? count.value() : -1;
  }
};

TEST_F(ContextChangesTest, AClaimUpdateIsCounted) {
  const std::string claim_id = CreateSeedClaim();
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  const int64_t before = Count();
  claim.mutable_tranches(0)->set_contract_reference("更正后的借款合同");
  ASSERT_TRUE(UpdateTranches(claim).ok());
  EXPECT_GT(Count(), before);
}

TEST_F(ContextChangesTest, APublicationIsCounted) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "draft", &draft).ok());
  const int64_t before = Count();
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  EXPECT_GT(Count(), before);
}

// Refused after the claim's row was updated (a draft offers the tranche it would remove), the
// update rolls back, and so does its count.
TEST_F(ContextChangesTest, AClaimUpdateRefusedAfterItsRowWasWrittenCountsNothing) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "offers-both", &draft).ok());
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  claim.mutable_tranches()->RemoveLast();
  const int64_t before = Count();
  ASSERT_EQ(UpdateTranches(claim).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count(), before);
}

}  // namespace
}  // namespace disposal::testing
