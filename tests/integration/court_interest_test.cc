// The court's doubled-part interest (加倍部分债务利息) runs on the judgment debt still unpaid
// (法释〔2014〕8号 art. 1): through LedgerService against a real PostgreSQL, a debtor's payment
// of principal after performance was due lowers it from the day after, and a payment recorded
// late is corrected for by the next accrual.
//
// The fixture's court terms: 448,658,900.00 of judgment debt, delayed from 2021-07-01, at
// 0.0175% a day.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class CourtInterestTest : public OutcomeFixture {
 protected:
  // A debtor's payment of principal only (the contract's order puts principal first).
  grpc::Status PayPrincipal(const char* amount, const v1::Date& received,
                            const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = received;
    for (v1::AllocationBucket bucket :
         {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_COSTS,
          v1::ALLOCATION_BUCKET_INTEREST, v1::ALLOCATION_BUCKET_PENALTY}) {
      request.add_allocation_order(bucket);
    }
    request.set_request_id(request_id);
    v1::Payment payment;
    return Pay(request, &payment);
  }

  std::string AccruedPenalty() { return Text(Statement(claim_id_).accrued_penalty()); }

  // Gives the claim accrual terms of its own: ACT/360, without the court's interest.
  grpc::Status SetTermsWithoutCourtInterest() {
    v1::Claim current, updated;
    const grpc::Status read = GetClaim(claim_id_, &current);
    if (!read.ok()) return read;
    v1::UpdateClaimRequest request;
    *request.mutable_claim() = current;
    request.mutable_claim()->mutable_accrual_terms()->set_basis(v1::DAY_COUNT_BASIS_ACT_360);
    request.mutable_update_mask()->add_paths("accrual_terms");
    grpc::ClientContext context;
    return claim_stub_->UpdateClaim(&context, request, &updated);
  }
};

TEST_F(CourtInterestTest, PaymentOfPrincipalLowersTheJudgmentDebtFromTheDayAfter) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &july).ok());
  // 448,658,900.00 x 0.0175% x 31 days.
  EXPECT_EQ(AccruedPenalty(), "2433974.53");
  const grpc::Status paid = PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal");
  ASSERT_TRUE(paid.ok()) << paid.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  // 0.0175% x (448,658,900.00 x 41 days + 348,658,900.00 x 21 days), not 62 days on the whole.
  EXPECT_EQ(AccruedPenalty(), "4500449.07");
}

TEST_F(CourtInterestTest, PaymentRecordedLateIsCorrectedForByTheNextAccrual) {
  v1::AccrueInterestResponse august, september;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  // 448,658,900.00 x 0.0175% x 62 days, before the payment was known.
  EXPECT_EQ(AccruedPenalty(), "4867949.07");
  const grpc::Status paid = PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal-late");
  ASSERT_TRUE(paid.ok()) << paid.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-september", &september).ok());
  // 0.0175% x (448,658,900.00 x 41 days + 348,658,900.00 x 51 days): August corrected.
  EXPECT_EQ(AccruedPenalty(), "6330908.29");
}

TEST_F(CourtInterestTest, PaymentBeforePerformanceWasDueLeavesTheJudgmentDebtAsGiven) {
  v1::AccrueInterestResponse july;
  const grpc::Status paid = PayPrincipal("100000000.00", Day(2021, 7, 10), "pay-before-delay");
  ASSERT_TRUE(paid.ok()) << paid.error_message();
  ASSERT_TRUE(
      AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &july, Day(2021, 7, 15)).ok());
  // The judgment debt given is what was unpaid when the delay began: 448,658,900.00 x 0.0175%
  // x 17 days (2021-07-15 to 2021-07-31), the payment of 2021-07-10 not taken off it again.
  EXPECT_EQ(AccruedPenalty(), "1334760.23");
}

// Tranche 1 (388,658,900.00 of principal) sold on 2021-09-01: from 2021-09-02 the AMC holds only
// tranche 2's 60,000,000.00 of the judgment, and its court interest runs on that alone.
TEST_F(CourtInterestTest, AnAwardedLotsPrincipalLeavesTheJudgmentDebtFromTheDayAfter) {
  v1::AccrueInterestResponse august, october;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  v1::Outcome sold;
  const grpc::Status awarded =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &sold);
  ASSERT_TRUE(awarded.ok()) << awarded.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &october).ok());
  // 0.0175% x (448,658,900.00 x 63 days + 60,000,000.00 x 60 days), rounded once.
  EXPECT_EQ(AccruedPenalty(), "5576464.37");
}

// Rescinded, the sale gives the judgment debt back: the next accrual books the court's interest
// on the whole of it again, the rescinded sale's days included.
TEST_F(CourtInterestTest, ARescindedAwardPutsItsPrincipalBackIntoTheJudgmentDebt) {
  v1::AccrueInterestResponse august, october, november;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  v1::Outcome sold, rescinded;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &sold).ok());
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &october).ok());
  const grpc::Status undone = Rescind(sold.id(), "买受人未付款", "rescind-sale", &rescinded);
  ASSERT_TRUE(undone.ok()) << undone.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "accrue-november", &november).ok());
  // 448,658,900.00 x 0.0175% x 153 days (2021-07-01 to 2021-11-30).
  EXPECT_EQ(AccruedPenalty(), "12012842.05");
}

// Tranche 2 (no rate of its own, so no posting of its own after the opening) can be sold on
// 2021-09-01 after the court's interest was accrued through October: that sale lowered the
// judgment debt in periods already booked. The last lot, which takes the claim-level balances,
// waits for an accrual with the court's interest to correct them.
TEST_F(CourtInterestTest, ALotSoldInsideBookedCourtInterestHoldsTheLastLotUntilCorrected) {
  v1::AccrueInterestResponse october, november;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &october).ok());
  v1::Outcome second, first;
  const grpc::Status sold = RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &second);
  ASSERT_TRUE(sold.ok()) << sold.error_message();
  const grpc::Status held = RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 12, 1), &first);
  EXPECT_EQ(held.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(held.error_message().find("another lot's award"), std::string::npos)
      << held.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "accrue-november", &november).ok());
  // 0.0175% x (448,658,900.00 x 63 days + 388,658,900.00 x 90 days): September and October
  // corrected for the sale.
  EXPECT_EQ(AccruedPenalty(), "11067842.05");
  const grpc::Status last = RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 12, 1), &first);
  EXPECT_TRUE(last.ok()) << last.error_message();
}

TEST_F(CourtInterestTest, ReversedPaymentPutsTheJudgmentDebtBack) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &july).ok());
  ASSERT_TRUE(PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-bounced").ok());
  const int64_t entry_id = std::stoll(
      db_.Query("SELECT entry_id FROM journal_entries WHERE request_id = 'pay-bounced'"));
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(entry_id, "bounced", &reversal).ok());
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  EXPECT_EQ(AccruedPenalty(), "4867949.07");
}

TEST_F(CourtInterestTest, LatePaymentIsCorrectedAfterAnAccrualWithoutTheCourtsInterest) {
  v1::AccrueInterestResponse august, september, october;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  ASSERT_TRUE(PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal-late").ok());
  // September without the court's interest corrects nothing of it.
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &september).ok());
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &october).ok());
  // 0.0175% x (448,658,900.00 x 41 days + 348,658,900.00 x 82 days): August corrected,
  // September caught up.
  EXPECT_EQ(AccruedPenalty(), "8222382.82");
}

TEST_F(CourtInterestTest, PeriodReversedBeforeTheCourtsInterestIsCaughtUpOnTheDebtUnpaid) {
  v1::AccrueInterestResponse july, august, september;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &july).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  ASSERT_EQ(august.entries_size(), 1);
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(august.entries(0).entry_id(), "waive-august", &reversal).ok());
  ASSERT_TRUE(PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal").ok());
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-september", &september).ok());
  // 0.0175% x (448,658,900.00 x 41 days + 348,658,900.00 x 51 days): August's court interest,
  // never booked, is caught up on the debt as the payment left it.
  EXPECT_EQ(AccruedPenalty(), "6330908.29");
}

TEST_F(CourtInterestTest, LastLotWaitsForTheCourtsInterestToBeCorrectedForALatePayment) {
  v1::AccrueInterestResponse august, september;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  ASSERT_TRUE(PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal-late").ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &september).ok());
  v1::Outcome first, last;
  const grpc::Status sold = RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 10, 8), &first);
  ASSERT_TRUE(sold.ok()) << sold.error_message();
  const grpc::Status refused =
      RecordOutcome(Award(disposal_, 0, "200000000.00", 2021, 10, 9), &last);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("court's interest first"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(CourtInterestTest, ClaimWhoseTermsDroppedTheCourtsInterestAccruesItOnceToCorrect) {
  v1::AccrueInterestResponse august, september;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  ASSERT_TRUE(PayPrincipal("100000000.00", Day(2021, 8, 10), "pay-principal-late").ok());
  ASSERT_TRUE(SetTermsWithoutCourtInterest().ok());
  v1::Outcome first, last;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &first).ok());
  // The court's interest, which the claim's terms lack, is accepted while it corrects.
  const grpc::Status corrected =
      AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-september", &september);
  ASSERT_TRUE(corrected.ok()) << corrected.error_message();
  const grpc::Status sold = RecordOutcome(Award(disposal_, 0, "200000000.00", 2021, 10, 8), &last);
  EXPECT_TRUE(sold.ok()) << sold.error_message();
}

TEST_F(CourtInterestTest, ClaimWithoutTheCourtsInterestInItsTermsRefusesItWhenNothingWaits) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &july).ok());
  ASSERT_TRUE(SetTermsWithoutCourtInterest().ok());
  const grpc::Status refused = AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("court_delay"), std::string::npos)
      << refused.error_message();
}

}  // namespace
}  // namespace disposal::testing
