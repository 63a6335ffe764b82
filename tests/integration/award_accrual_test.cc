// An award that accrues the claim's interest through its date first
// (RecordOutcomeRequest.accrue_first), through LedgerService against a real PostgreSQL: the lot
// is sold at its book value with the interest of the days since the last accrual.
//
// The seed claim's first tranche (lot 0), 388,658,900.00 at 4.35% ACT/360 from its cut-off
// 2021-06-30, accrues 2,911,702.93 through 2021-08-31 (62 days) and 2,958,665.88 through the
// award date 2021-09-01 (63 days): at the award its book value is 709,025,100.00 +
// 2,958,665.88 = 711,983,765.88. The second tranche (lot 1) has no rate.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class AwardAccrualTest : public OutcomeFixture {
 protected:
  v1::RecordOutcomeRequest AccruingAward(int lot, const char* price) {
    v1::RecordOutcomeRequest request = Award(disposal_, lot, price, 2021, 9, 1);
    request.mutable_accrue_first();  // ACT/360, no compound or court interest
    return request;
  }

  int AccrualEntries() { return Count("journal_entries WHERE kind = 'accrual'"); }
};

TEST_F(AwardAccrualTest, LotIsSoldWithTheInterestToTheAwardDate) {
  v1::Outcome outcome;
  const v1::RecordOutcomeRequest request = AccruingAward(0, "300000000.00");
  ASSERT_TRUE(RecordOutcome(request, &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), "711983765.88");
  // Month by month, under the award's request id: July, August and the award's day.
  EXPECT_EQ(AccrualEntries(), 3);
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual' AND call_request_id = '" +
                  request.request_id() + "'"),
            3);
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.accrued_interest()), "2958665.88");
  EXPECT_EQ(Text(statement.principal_balance()), "60000000.00");  // lot 1's, still held
  EXPECT_EQ(Text(statement.disposal_loss()), "411983765.88");
}

TEST_F(AwardAccrualTest, AccruedToThePreviousMonthEndTheAwardAccruesTheDaysSince) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(AccruingAward(0, "300000000.00"), &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), "711983765.88");
  EXPECT_EQ(AccrualEntries(), 3);  // two by the accrual call, one by the award
}

TEST_F(AwardAccrualTest, WithoutAccrueFirstTheLotIsSoldAtItsValueAsAccrued) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), "711936802.93");
  EXPECT_EQ(AccrualEntries(), 2);
}

TEST_F(AwardAccrualTest, LotWithoutARateIsSoldAtItsOwnValueWhileTheOtherTrancheAccrues) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(AccruingAward(1, "50000000.00"), &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), kLotTwoBookValue);
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "2958665.88");
}

TEST_F(AwardAccrualTest, RetryReturnsTheFirstAwardAndAccruesOnce) {
  v1::Outcome first, retry;
  ASSERT_TRUE(RecordOutcome(AccruingAward(0, "300000000.00"), &first).ok());
  ASSERT_TRUE(RecordOutcome(AccruingAward(0, "300000000.00"), &retry).ok());
  EXPECT_EQ(retry.id(), first.id());
  EXPECT_EQ(Text(retry.book_value()), "711983765.88");
  EXPECT_EQ(AccrualEntries(), 3);
}

TEST_F(AwardAccrualTest, AwardRefusedWhenPlannedBooksNoAccrualEither) {
  // A debtor's payment on tranche 1's interest dated after the award: the award, planned on
  // the books with its accrual in them, is refused, and the accrual goes with it.
  v1::RecordPaymentRequest payment_request;
  payment_request.set_claim_id(claim_id_);
  *payment_request.mutable_amount() = Amount("1000.00");
  *payment_request.mutable_received_date() = Day(2021, 9, 5);
  payment_request.set_request_id("debtor-pays-after-award-date");
  v1::Payment payment;
  ASSERT_TRUE(Pay(payment_request, &payment).ok());
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(AccruingAward(0, "300000000.00"), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  // Refused by the plan (the payment after it), not before the accrual was planned.
  EXPECT_NE(status.error_message().find("an award cannot be dated before bookings already made"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(AccrualEntries(), 0);
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(AwardAccrualTest, BadAccrualTermsAreInvalidArgumentNamingTheNestedField) {
  v1::RecordOutcomeRequest request = AccruingAward(0, "300000000.00");
  request.mutable_accrue_first()->set_basis(static_cast<v1::DayCountBasis>(9));
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("accrue_first.basis"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

}  // namespace
}  // namespace disposal::testing
