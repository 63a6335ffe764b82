// A debtor's payment recorded after the accrual of the month it was received in (received
// 2021-07-15, recorded once July was accrued through 07-31), through LedgerService against a
// real PostgreSQL: art. 561's interest to the payment's date includes the days of that month,
// though the entry that books them is dated later, so the payment is allocated as if it had
// been recorded on time.
//
// The seed claim's first tranche, 388,658,900.00 at 4.35% ACT/360 from its cut-off 2021-06-30,
// accrues 704,444.26 over the 15 days to 2021-07-15; interest at cut-off is 357,791,700.00.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class PaymentInsideAccrualTest : public OutcomeFixture {
 protected:
  v1::RecordPaymentRequest DebtorPayment(const std::string& claim_id, const char* amount,
                                         const v1::Date& received, const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = received;
    request.set_request_id(request_id);
    return request;
  }

  void AccrueThrough(const std::string& claim_id, const v1::Date& through,
                     const std::string& request_id) {
    v1::AccrueInterestResponse accrued;
    const grpc::Status status = Accrue(claim_id, through, request_id, &accrued);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A second seed claim whose 400,000,000.00 of 07-15 was recorded on time (accruing first),
  // accrued through August; its id.
  std::string PaidOnTimeThenAccruedThroughAugust() {
    const std::string on_time = CreateSeedClaim("seed-claim-on-time");
    v1::RecordPaymentRequest first =
        DebtorPayment(on_time, "400000000.00", Day(2021, 7, 15), "pay-on-time");
    first.mutable_accrue_first();
    v1::Payment payment;
    EXPECT_TRUE(Pay(first, &payment).ok());
    AccrueThrough(on_time, Day(2021, 8, 31), "accrue-on-time-august");
    return on_time;
  }

  // The fixture's claim: accrued through July, the same payment recorded after it, then
  // August accrued, which corrects July for the principal paid on 07-15.
  void PaidLateThenAccruedThroughAugust() {
    AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
    v1::Payment payment;
    EXPECT_TRUE(
        Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment).ok());
    AccrueThrough(claim_id_, Day(2021, 8, 31), "accrue-august");
  }
};

// August's accrual corrects July for the 07-15 payment recorded after July's, in its own
// entry dated 08-31: a payment received on 08-15 owes that correction with August's first
// fifteen days, and is told what the claim whose 07-15 payment was recorded on time is told.
TEST_F(PaymentInsideAccrualTest, PaymentInsideTheMonthThatCorrectedTheOneBeforeOwesAsIfOnTime) {
  const std::string on_time = PaidOnTimeThenAccruedThroughAugust();
  PaidLateThenAccruedThroughAugust();

  const std::string due_on_time = DueOn(on_time, Day(2021, 8, 15), "too-much-on-time");
  EXPECT_EQ(DueOn(claim_id_, Day(2021, 8, 15), "too-much-late"), due_on_time);
  // And paying exactly that clears the principal on both.
  v1::Payment late_payoff, on_time_payoff;
  const std::string amount = [&] {
    std::string digits;
    for (const char c : due_on_time) {
      if (c != ',') digits += c;
    }
    return digits;
  }();
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, amount.c_str(), Day(2021, 8, 15), "payoff-late"), &late_payoff)
          .ok());
  ASSERT_TRUE(Pay(DebtorPayment(on_time, amount.c_str(), Day(2021, 8, 15), "payoff-on-time"),
                  &on_time_payoff)
                  .ok());
  EXPECT_EQ(Applications(late_payoff), Applications(on_time_payoff));
}

TEST_F(PaymentInsideAccrualTest, PaymentRecordedAfterItsMonthsAccrualPaysThatMonthsDaysFirst) {
  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment payment;
  const grpc::Status status =
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // 357,791,700.00 at cut-off + 704,444.26 for 07-01..07-15; the rest to principal.
  EXPECT_EQ(Applications(payment),
            (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:358496144.26",
                                      "ALLOCATION_BUCKET_PRINCIPAL:41503855.74"}));
}

TEST_F(PaymentInsideAccrualTest, LateRecordedPaymentIsAllocatedAsOneRecordedOnTime) {
  const std::string on_time = CreateSeedClaim("seed-claim-on-time");
  AccrueThrough(on_time, Day(2021, 6, 30), "accrue-on-time-june");
  v1::Payment paid_on_time;
  v1::RecordPaymentRequest first =
      DebtorPayment(on_time, "400000000.00", Day(2021, 7, 15), "pay-on-time");
  first.mutable_accrue_first();
  ASSERT_TRUE(Pay(first, &paid_on_time).ok());

  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment paid_late;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &paid_late).ok());
  EXPECT_EQ(Applications(paid_late), Applications(paid_on_time));
}

// The 07-15 payment bounced after August's accrual had corrected July for it: its reversal
// puts the principal back, and a payment received on 08-15 owes what a claim never paid owes.
TEST_F(PaymentInsideAccrualTest, PaymentAfterALateRecordedPaymentReversedOwesAsIfNonePaid) {
  const std::string never_paid = CreateSeedClaim("seed-claim-never-paid");
  AccrueThrough(never_paid, Day(2021, 8, 31), "accrue-never-paid-august");

  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment bounced;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &bounced).ok());
  AccrueThrough(claim_id_, Day(2021, 8, 31), "accrue-august");
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(bounced.entry_id(), "bounced", &reversal).ok());

  EXPECT_EQ(DueOn(claim_id_, Day(2021, 8, 15), "too-much-bounced"),
            DueOn(never_paid, Day(2021, 8, 15), "too-much-never-paid"));
}

// September accrued without the court's interest, October with it again: October's entry
// catches September's court interest up, and a payment received on 10-15 owes it, as on a
// claim accrued with the court's interest throughout.
TEST_F(PaymentInsideAccrualTest, PaymentInsideTheMonthThatCaughtUpTheCourtsInterestOwesIt) {
  const std::string throughout = CreateSeedClaim("seed-claim-court-throughout");
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(
      AccrueWithCourtInterestOn(throughout, Day(2021, 10, 31), "accrue-court-throughout", &accrued)
          .ok());

  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-court-august", &accrued).ok());
  AccrueThrough(claim_id_, Day(2021, 9, 30), "accrue-september-without");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-court-october", &accrued).ok());

  EXPECT_EQ(DueOn(claim_id_, Day(2021, 10, 15), "too-much-caught-up"),
            DueOn(throughout, Day(2021, 10, 15), "too-much-throughout"));
}

TEST_F(PaymentInsideAccrualTest, LateRecordedPaymentReconcilesToTheFenAfterTheNextAccrual) {
  const std::string on_time = PaidOnTimeThenAccruedThroughAugust();
  PaidLateThenAccruedThroughAugust();

  const v1::ClaimStatement expected = Statement(on_time);
  const v1::ClaimStatement late = Statement(claim_id_);
  EXPECT_EQ(Text(late.principal_balance()), Text(expected.principal_balance()));
  EXPECT_EQ(Text(late.interest_balance()), Text(expected.interest_balance()));
  EXPECT_EQ(Text(late.accrued_interest()), Text(expected.accrued_interest()));
  EXPECT_EQ(Text(late.recovered()), Text(expected.recovered()));
}

TEST_F(PaymentInsideAccrualTest, InterestPaidAheadOfItsAccrualShowsAsCreditUntilThen) {
  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment payment;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment).ok());
  const v1::Date mid_july = Day(2021, 7, 20);
  EXPECT_EQ(Text(Statement(claim_id_, &mid_july).interest_balance()), "-704444.26");
  // 388,658,900.00 x 4.35% x 31 / 360 = 1,455,851.46 for July, less the 704,444.26 paid ahead.
  const v1::Date july_end = Day(2021, 7, 31);
  EXPECT_EQ(Text(Statement(claim_id_, &july_end).interest_balance()), "751407.20");
}

TEST_F(PaymentInsideAccrualTest, SecondPaymentInTheSameMonthOwesTheDaysSinceTheFirst) {
  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment payment;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment).ok());
  // The interest account stands at -704,444.26 on 07-20 (paid ahead of July's accrual): no
  // debtor's credit, since 07-01..07-20's interest is owed by then; 1,000.00 of 07-16..07-20's
  // interest on the principal left is unpaid, so all of this pays interest.
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "1000.00", Day(2021, 7, 20), "pay-late-again"), &payment).ok());
  EXPECT_EQ(Applications(payment),
            (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:1000.00"}));
}

TEST_F(PaymentInsideAccrualTest, InterestPaidAheadOnATrancheSoldSinceIsNoCreditLater) {
  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment payment;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment).ok());
  AccrueThrough(claim_id_, Day(2021, 8, 31), "accrue-august");  // corrects July first
  Awarded(0, "300000000.00", 1);                                // tranche 1, 2021-09-01
  // On 07-20 tranche 1's interest stood at -704,444.26, paid ahead of July's accrual, which
  // then booked it; the tranche has left the books since. Neither is the debtor's credit.
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "1000.00", Day(2021, 7, 20), "pay-late-again"), &payment).ok());
  EXPECT_EQ(Applications(payment),
            (std::vector<std::string>{"ALLOCATION_BUCKET_PRINCIPAL:1000.00"}));
}

TEST_F(PaymentInsideAccrualTest, PaymentOnThePeriodsLastDayFindsItsAccrualOnTheBooks) {
  AccrueThrough(claim_id_, Day(2021, 7, 31), "accrue-july");
  v1::Payment payment;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "1000.00", Day(2021, 7, 31), "pay-month-end"), &payment).ok());
  ASSERT_EQ(payment.applications_size(), 1);
  EXPECT_EQ(Text(payment.applications(0).amount()), "1000.00");
  const v1::Date july_end = Day(2021, 7, 31);
  // 357,791,700.00 + 1,455,851.46 - 1,000.00: nothing counted twice.
  EXPECT_EQ(Text(Statement(claim_id_, &july_end).interest_balance()), "359246551.46");
}

TEST_F(PaymentInsideAccrualTest, ReversedAccrualWaivedItsDaysAndOwesNone) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
  ASSERT_EQ(accrued.entries_size(), 2);  // the opening entry, then July's
  ASSERT_EQ(accrued.entries(1).kind(), v1::ENTRY_KIND_ACCRUAL);
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(accrued.entries(1).entry_id(), "reverse-july", &reversal).ok());
  v1::Payment payment;
  ASSERT_TRUE(
      Pay(DebtorPayment(claim_id_, "400000000.00", Day(2021, 7, 15), "pay-late"), &payment).ok());
  EXPECT_EQ(Applications(payment),
            (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:357791700.00",
                                      "ALLOCATION_BUCKET_PRINCIPAL:42208300.00"}));
}

}  // namespace
}  // namespace disposal::testing
