// A debtor's credit through LedgerService against a real PostgreSQL: interest the debtor paid
// that the books took back afterwards (an accrual corrected for a payment recorded late, or
// reversed) leaves the interest account below zero; the debtor's next payment carries that
// credit to what is still owed, so the amount due is net of it and no bucket stays below zero.
//
// The seed claim: 448,658,900.00 of principal and 357,791,700.00 of interest at 2021-06-30.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class DebtorCreditTest : public OutcomeFixture {
 protected:
  // July accrued; 300,000,000.00 received on 07-10, booked after July's accrual and paid to
  // principal first (the contract's order); all interest as booked (July's on the whole
  // principal) paid on 08-01; August's accrual corrects July for the principal paid on 07-10:
  // the claim is left with 148,658,900.00 of principal and -429,148.53 of interest (the
  // debtor's credit).
  void LeaveTheDebtorACredit() {
    v1::AccrueInterestResponse accrued;
    ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
    v1::Payment payment;
    v1::RecordPaymentRequest principal_first =
        DebtorPayment("300000000.00", Day(2021, 7, 10), "pays-principal-late");
    for (const v1::AllocationBucket bucket :
         {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_INTEREST,
          v1::ALLOCATION_BUCKET_COSTS, v1::ALLOCATION_BUCKET_PENALTY}) {
      principal_first.add_allocation_order(bucket);
    }
    ASSERT_TRUE(Pay(principal_first, &payment).ok());
    ASSERT_EQ(Applied(payment, v1::ALLOCATION_BUCKET_PRINCIPAL), "300000000.00");
    ASSERT_TRUE(
        Pay(DebtorPayment("359247551.46", Day(2021, 8, 1), "pays-interest"), &payment).ok());
    ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
    ASSERT_EQ(Text(Statement(claim_id_).interest_balance()), "-429148.53");
  }

  v1::RecordPaymentRequest DebtorPayment(const char* amount, const v1::Date& received,
                                         const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = received;
    request.set_request_id(request_id);
    return request;
  }

  static std::string Applied(const v1::Payment& payment, v1::AllocationBucket bucket) {
    for (const v1::PaymentApplication& application : payment.applications()) {
      if (application.bucket() == bucket) return Text(application.amount());
    }
    return "none";
  }
};

TEST_F(DebtorCreditTest, PayoffIsDueNetOfTheDebtorsCredit) {
  LeaveTheDebtorACredit();
  v1::Payment payment;
  const grpc::Status status =
      Pay(DebtorPayment("148658900.00", Day(2021, 9, 1), "pays-all-principal"), &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("148,229,751.47"), std::string::npos)
      << status.error_message();
}

TEST_F(DebtorCreditTest, PayoffNetOfTheCreditLeavesNoBucketBelowZero) {
  LeaveTheDebtorACredit();
  v1::Payment payment;
  const grpc::Status status =
      Pay(DebtorPayment("148229751.47", Day(2021, 9, 1), "pays-off"), &payment);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
}

TEST_F(DebtorCreditTest, PaymentShowsTheCreditCarriedFromInterestToPrincipal) {
  LeaveTheDebtorACredit();
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000000.00", Day(2021, 9, 1), "pays-some"), &payment).ok());
  EXPECT_EQ(Applied(payment, v1::ALLOCATION_BUCKET_INTEREST), "-429148.53");
  EXPECT_EQ(Applied(payment, v1::ALLOCATION_BUCKET_PRINCIPAL), "1429148.53");
  // A retry rebuilds the same applications from the journal.
  v1::Payment again;
  ASSERT_TRUE(Pay(DebtorPayment("1000000.00", Day(2021, 9, 1), "pays-some"), &again).ok());
  EXPECT_EQ(again.DebugString(), payment.DebugString());
}

TEST_F(DebtorCreditTest, CreditCarriedKeepsTheTrialBalanceAndRecoveriesWhole) {
  LeaveTheDebtorACredit();
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000000.00", Day(2021, 9, 1), "pays-some"), &payment).ok());
  const v1::TrialBalance trial = Trial(Day(2026, 11, 28));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
  // Cash received: 359,247,551.46 + 300,000,000.00 + 1,000,000.00.
  EXPECT_EQ(Text(Statement(claim_id_).recovered()), "660247551.46");
}

TEST_F(DebtorCreditTest, InterestPaidThenReversedIsCarriedByTheNextPayment) {
  v1::AccrueInterestResponse july;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("359247551.46", Day(2021, 8, 1), "pays-interest"), &payment).ok());
  int64_t accrual = 0;  // the call also booked the opening entry
  for (const v1::JournalEntry& entry : july.entries()) {
    if (entry.kind() == v1::ENTRY_KIND_ACCRUAL) accrual = entry.entry_id();
  }
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(accrual, "july-waived", &reversal).ok());
  const std::string credit = Text(Statement(claim_id_).interest_balance());
  ASSERT_EQ(credit.front(), '-') << credit;
  ASSERT_TRUE(Pay(DebtorPayment("1.00", Day(2021, 8, 2), "pays-a-yuan"), &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).interest_balance()), "0.00");
  EXPECT_EQ(Applied(payment, v1::ALLOCATION_BUCKET_INTEREST), credit);
}

}  // namespace
}  // namespace disposal::testing
