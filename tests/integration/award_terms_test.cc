// RecordOutcome holds an award to the terms its notice offered: the lot's reserve price and a
// lump sum where the notice offered no instalments. A refused award books nothing and leaves no
// eligibility receipt (the buyer is not checked for terms that were never on offer).
#include "support/ledger_fixture.h"

namespace disposal::testing {
namespace {

class AwardTermsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    v1::Disposal offer = SeedDisposal(CreateSeedClaim());
    *offer.mutable_lots(0)->mutable_reserve_price() = Amount("400000000.00");
    offer.clear_payment_terms();
    offer.add_payment_terms(v1::PAYMENT_TERM_LUMP_SUM);
    v1::Disposal draft;
    ASSERT_TRUE(CreateDisposal(offer, "reserved", &draft).ok());
    ASSERT_TRUE(Publish(draft, 2021, 7, 28, &disposal_).ok());
  }

  // Nothing booked, and no decision receipt written, once the log is flushed.
  void ExpectNothingRecorded() {
    log_->Flush();
    EXPECT_EQ(db_.Query("SELECT count(*) FROM outcomes"), "0");
    EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries"), "0");
    EXPECT_EQ(db_.Query("SELECT count(*) FROM eligibility_decisions"), "0");
  }

  v1::Disposal disposal_;
};

TEST_F(AwardTermsTest, PriceBelowTheLotsReserveIsRefusedAndNothingRecorded) {
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "399999999.99", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("price: ", 0), 0u) << status.error_message();
  EXPECT_NE(status.error_message().find("400,000,000.00"), std::string::npos)
      << status.error_message();
  ExpectNothingRecorded();
}

TEST_F(AwardTermsTest, PriceAtTheLotsReserveIsBooked) {
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "400000000.00", 2021, 9, 1), &outcome);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AwardTermsTest, InstalmentsOnALumpSumNoticeAreRefusedAndNothingRecorded) {
  v1::RecordOutcomeRequest award = Award(disposal_, 1, "90000000.00", 2021, 9, 1);
  v1::Instalment* first = award.add_instalments();
  *first->mutable_due_date() = Day(2021, 9, 1);
  *first->mutable_amount() = Amount("45000000.00");
  v1::Instalment* second = award.add_instalments();
  *second->mutable_due_date() = Day(2021, 12, 1);
  *second->mutable_amount() = Amount("45000000.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("instalments: ", 0), 0u) << status.error_message();
  ExpectNothingRecorded();
}

// Terms no change of the disposal's state could make right are INVALID_ARGUMENT, also where the
// gate refuses the award as well (here the disposal is still a draft, FAILED_PRECONDITION):
// a client is not told to wait for a state that would not help.
class DraftAwardTermsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "draft", &draft_).ok());
  }

  v1::Disposal draft_;
};

TEST_F(DraftAwardTermsTest, ZeroPriceIsInvalidArgumentThoughTheDisposalIsADraft) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(Award(draft_, 0, "0.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("price: ", 0), 0u) << status.error_message();
}

TEST_F(DraftAwardTermsTest, NegativeDepositIsInvalidArgumentThoughTheDisposalIsADraft) {
  v1::RecordOutcomeRequest award = Award(draft_, 0, "90000000.00", 2021, 9, 1);
  *award.mutable_deposit_paid() = Amount("-1.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("deposit_paid: ", 0), 0u) << status.error_message();
}

// The gate's answer itself is unchanged: sound terms on a draft are FAILED_PRECONDITION.
TEST_F(DraftAwardTermsTest, SoundTermsOnADraftAreAFailedPrecondition) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(Award(draft_, 0, "90000000.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
