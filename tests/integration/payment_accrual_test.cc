// A debtor's payment that accrues the claim's interest through its date first
// (RecordPaymentRequest.accrue_first), through LedgerService against a real PostgreSQL: the
// interest art. 561 pays before principal then includes the days since the last accrual.
//
// The seed claim's first tranche, 388,658,900.00 at 4.35% from its cut-off 2021-06-30, accrues
// over the 15 days to 2021-07-15 388,658,900.00 x 0.0435 x 15 / 360 = 704,444.2563 -> 704,444.26
// on ACT/360, and x 15 / 365 = 694,794.3288 -> 694,794.33 on ACT/365. Interest at cut-off is
// 357,791,700.00 and the principal 448,658,900.00 (806,450,600.00 in all).
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class PaymentAccrualTest : public OutcomeFixture {
 protected:
  v1::RecordPaymentRequest DebtorPayment(const char* amount, const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = Day(2021, 7, 15);
    request.set_request_id(request_id);
    request.mutable_accrue_first();  // ACT/360, no compound or court interest
    return request;
  }

  int AccrualEntries() { return Count("journal_entries WHERE kind = 'accrual'"); }
};

TEST_F(PaymentAccrualTest, InterestToThePaymentsDateIsPaidBeforePrincipal) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("400000000.00", "pay-accrued"), &payment).ok());
  ASSERT_EQ(payment.applications_size(), 2);
  EXPECT_EQ(payment.applications(0).bucket(), v1::ALLOCATION_BUCKET_INTEREST);
  EXPECT_EQ(Text(payment.applications(0).amount()), "358496144.26");
  EXPECT_EQ(payment.applications(1).bucket(), v1::ALLOCATION_BUCKET_PRINCIPAL);
  EXPECT_EQ(Text(payment.applications(1).amount()), "41503855.74");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.accrued_interest()), "704444.26");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "407155044.26");
  EXPECT_EQ(statement.accrued_through().day(), 15);
}

TEST_F(PaymentAccrualTest, AccrualIsBookedUnderThePaymentsRequestIdAndDate) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-small"), &payment).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual' AND request_id = 'pay-small/2021-07-15' "
                  "AND call_request_id = 'pay-small' AND period_end = '2021-07-15'"),
            1);
  EXPECT_EQ(AccrualEntries(), 1);
}

TEST_F(PaymentAccrualTest, PayoffInFullMidMonthIsRefusedWithoutAccruingFirstAndBookedWithIt) {
  v1::RecordPaymentRequest request = DebtorPayment("807155044.26", "pay-off-plain");
  request.clear_accrue_first();
  v1::Payment payment;
  const grpc::Status plain = Pay(request, &payment);
  EXPECT_EQ(plain.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << plain.error_message();
  EXPECT_NE(plain.error_message().find("806,450,600.00 due"), std::string::npos)
      << plain.error_message();
  ASSERT_TRUE(Pay(DebtorPayment("807155044.26", "pay-off-accrued"), &payment).ok());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
}

TEST_F(PaymentAccrualTest, OverpaymentNamesTheDueWithTheInterestToDateAndBooksNoAccrual) {
  v1::Payment payment;
  const grpc::Status status = Pay(DebtorPayment("900000000.00", "pay-over"), &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("807,155,044.26 due"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

TEST_F(PaymentAccrualTest, RetryReturnsTheFirstPaymentAndAccruesOnce) {
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-retried"), &first).ok());
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-retried"), &retry).ok());
  EXPECT_EQ(retry.entry_id(), first.entry_id());
  EXPECT_EQ(AccrualEntries(), 1);
  EXPECT_EQ(Count("payments"), 1);
}

TEST_F(PaymentAccrualTest, ClaimAccruedPastThePaymentsDateAccruesNothingMore) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-after-accrual"), &payment).ok());
  EXPECT_EQ(AccrualEntries(), 1);
  EXPECT_EQ(Statement(claim_id_).accrued_through().day(), 31);
}

TEST_F(PaymentAccrualTest, PaymentNamesTheEntriesItBookedFirst) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-names-first"), &payment).ok());
  ASSERT_EQ(payment.booked_first_size(), 2) << payment.ShortDebugString();
  EXPECT_EQ(payment.booked_first(0).kind(), v1::ENTRY_KIND_OPENING);
  EXPECT_EQ(payment.booked_first(1).kind(), v1::ENTRY_KIND_ACCRUAL);
  EXPECT_EQ(payment.booked_first(1).period_end().day(), 15);
  EXPECT_LT(payment.booked_first(1).entry_id(), payment.entry_id());
}

TEST_F(PaymentAccrualTest, RetryNamesTheSameEntriesBookedFirst) {
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-names-first-again"), &first).ok());
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-names-first-again"), &retry).ok());
  ASSERT_EQ(first.booked_first_size(), 2) << first.ShortDebugString();
  ASSERT_EQ(retry.booked_first_size(), first.booked_first_size());
  for (int i = 0; i < first.booked_first_size(); ++i) {
    EXPECT_EQ(retry.booked_first(i).entry_id(), first.booked_first(i).entry_id());
  }
}

TEST_F(PaymentAccrualTest, PaymentThatBookedNothingFirstNamesNone) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july-first", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-after-july"), &payment).ok());
  EXPECT_EQ(payment.booked_first_size(), 0) << payment.ShortDebugString();
}

TEST_F(PaymentAccrualTest, TermsGivenWithThePaymentAreThoseAccruedOn) {
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-act365");
  request.mutable_accrue_first()->set_basis(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "694794.33");
}

TEST_F(PaymentAccrualTest, AsLastAccruedUsesTheBasisOfTheClaimsLatestAccrual) {
  v1::AccrueInterestRequest accrue = AccrueRequest(claim_id_, Day(2021, 7, 31), "accrue-365");
  accrue.set_basis(v1::DAY_COUNT_BASIS_ACT_365);
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(accrue, &accrued).ok());
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-as-last");
  *request.mutable_received_date() = Day(2021, 8, 15);
  request.mutable_accrue_first()->set_as_last_accrued(true);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  // 46 days on ACT/365: 388,658,900.00 x 0.0435 x 46 / 365 = 2,130,702.63 (August on ACT/360
  // would give 2,140,352.55).
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "2130702.63");
}

TEST_F(PaymentAccrualTest, AsLastAccruedKeepsTheCourtsInterestOfTheLatestAccrual) {
  v1::AccrueInterestRequest accrue = AccrueRequest(claim_id_, Day(2021, 7, 31), "accrue-court");
  *accrue.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
  *accrue.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(accrue, &accrued).ok());
  ASSERT_EQ(Text(Statement(claim_id_).accrued_penalty()), "2433974.53");  // 31 days
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-as-last-court");
  *request.mutable_received_date() = Day(2021, 8, 15);
  request.mutable_accrue_first()->set_as_last_accrued(true);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  // 448,658,900.00 x 0.0175% x 46 days.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_penalty()), "3611704.15");
}

TEST_F(PaymentAccrualTest, AsLastAccruedOnAClaimNeverAccruedUsesTheDefaults) {
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-as-last-default");
  request.mutable_accrue_first()->set_as_last_accrued(true);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "704444.26");  // ACT/360
}

TEST_F(PaymentAccrualTest, AsLastAccruedOnAClaimAccruedBeforeTermsWereKeptIsRefused) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-legacy", &accrued).ok());
  // As a database migrated from before accrual terms were kept: its accruals have none.
  db_.Query(
      "ALTER TABLE accrual_terms DISABLE TRIGGER accrual_terms_no_update_delete; "
      "DELETE FROM accrual_terms; "
      "ALTER TABLE accrual_terms ENABLE TRIGGER accrual_terms_no_update_delete; SELECT 1");
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-as-last-legacy");
  *request.mutable_received_date() = Day(2021, 8, 15);
  request.mutable_accrue_first()->set_as_last_accrued(true);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("no terms on record"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(PaymentAccrualTest, AsLastAccruedWithTermsIsInvalidArgumentNamingTheField) {
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-as-last-and-terms");
  request.mutable_accrue_first()->set_as_last_accrued(true);
  request.mutable_accrue_first()->set_basis(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("accrue_first.as_last_accrued"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

TEST_F(PaymentAccrualTest, BuyersPaymentWithAccrueFirstIsInvalidArgumentNamingTheField) {
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-buyer-accrues");
  request.set_outcome_id("00000000-0000-4000-8000-000000000001");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("accrue_first"), std::string::npos)
      << status.error_message();
}

TEST_F(PaymentAccrualTest, BadCourtTermsAreInvalidArgumentNamingTheNestedField) {
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-bad-court");
  *request.mutable_accrue_first()->mutable_court_delay()->mutable_judgment_debt() = Amount("0.00");
  *request.mutable_accrue_first()->mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("accrue_first.court_delay.judgment_debt"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

}  // namespace
}  // namespace disposal::testing
