// What a standing outcome sold is not offered again: a later notice naming a sold tranche (or
// the whole claim, of which a tranche is sold) is not published, even once the notice that
// sold it has expired (an awarded notice stays published in its row, but no longer counts as
// live after its validity), and an award of such a lot is refused.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class ResaleTest : public OutcomeFixture {
 protected:
  // A draft of the seed claim offering `tranche` alone, or the whole claim (0).
  v1::Disposal Draft(int tranche, const std::string& request_id) {
    v1::Disposal offer = SeedDisposal(claim_id_);
    offer.mutable_lots()->RemoveLast();
    if (tranche == 0) {
      offer.mutable_lots(0)->clear_tranche_number();
    } else {
      offer.mutable_lots(0)->set_tranche_number(tranche);
    }
    v1::Disposal draft;
    EXPECT_TRUE(CreateDisposal(offer, request_id, &draft).ok());
    return draft;
  }
};

// The seed notice (valid about a year from 2021-07-28) sold tranche 1; a year later, with that
// notice past its validity, the whole claim is offered again.
TEST_F(ResaleTest, ANoticeOfferingTheWholeClaimAfterATrancheWasSoldIsNotPublished) {
  const v1::Outcome sold = Awarded(0, "300000000.00", 1);
  const v1::Disposal draft = Draft(0, "whole-again");
  v1::Disposal published;
  const grpc::Status refused = Publish(draft, 2022, 9, 1, &published);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find(sold.id()), std::string::npos) << refused.error_message();
  EXPECT_EQ(db_.Query("SELECT stored_state FROM disposals WHERE id = '" + draft.id() + "'"),
            "draft");
}

TEST_F(ResaleTest, ANoticeOfferingTheSoldTrancheAgainIsNotPublished) {
  const v1::Outcome sold = Awarded(0, "300000000.00", 1);
  v1::Disposal published;
  const grpc::Status refused = Publish(Draft(1, "tranche-one-again"), 2022, 9, 1, &published);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find(sold.id()), std::string::npos) << refused.error_message();
}

TEST_F(ResaleTest, ANoticeOfferingTheTrancheLeftIsPublished) {
  Awarded(0, "300000000.00", 1);
  v1::Disposal published;
  const grpc::Status status = Publish(Draft(2, "tranche-two-again"), 2022, 9, 1, &published);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(ResaleTest, ANoticeIsPublishedAgainOnceTheSaleIsRescinded) {
  const v1::Outcome sold = Awarded(0, "300000000.00", 1);
  v1::Outcome rescinded;
  const grpc::Status undone = Rescind(sold.id(), "买受人未付款", "rescind-sale", &rescinded);
  ASSERT_TRUE(undone.ok()) << undone.error_message();
  v1::Disposal published;
  const grpc::Status status = Publish(Draft(0, "whole-after-rescission"), 2022, 9, 1, &published);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// A whole-claim notice published after the seed notice expired, unsold; the seed notice's lot
// is then awarded back-dated into its validity. The whole-claim lot's award would sell a claim
// that is no longer whole, at its price for the whole.
TEST_F(ResaleTest, AWholeClaimAwardAfterATrancheWasSoldElsewhereIsRefused) {
  const v1::Disposal draft = Draft(0, "whole-before-sale");
  v1::Disposal whole;
  ASSERT_TRUE(Publish(draft, 2022, 9, 1, &whole).ok());
  const v1::Outcome sold = Awarded(0, "300000000.00", 1);  // 2021-09-01, the seed notice's lot
  v1::Outcome outcome;
  const grpc::Status refused =
      RecordOutcome(Award(whole, 0, "400000000.00", 2022, 11, 1), &outcome);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find(sold.id()), std::string::npos) << refused.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "1");
}

}  // namespace
}  // namespace disposal::testing
