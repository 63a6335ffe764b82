// Payments through LedgerService against a real PostgreSQL: a buyer's instalments paid
// earliest first, a debtor's payments allocated costs -> interest -> principal with interest
// accruing on the principal left, overpayments refused with the amount due, retries, and
// payments reversed (a bounced transfer) with what they paid put back.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

using PaymentTest = OutcomeFixture;

TEST_F(PaymentTest, InstalmentsArePaidEarliestFirstAndAnOverpaymentNamesTheAmountDue) {
  v1::RecordOutcomeRequest request = Award(disposal_, 1, "90000000.00", 2021, 9, 1);
  v1::Instalment* first = request.add_instalments();
  *first->mutable_due_date() = Day(2021, 10, 1);
  *first->mutable_amount() = Amount("30000000.00");
  v1::Instalment* second = request.add_instalments();
  *second->mutable_due_date() = Day(2021, 12, 1);
  *second->mutable_amount() = Amount("60000000.00");
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(request, &outcome).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "50000000.00", "pay-1"), &payment).ok());
  ASSERT_EQ(payment.applications_size(), 2);
  EXPECT_EQ(Text(payment.applications(0).amount()), "30000000.00");
  EXPECT_EQ(payment.applications(1).instalment_number(), 2);
  EXPECT_EQ(Text(payment.applications(1).amount()), "20000000.00");
  const grpc::Status over = Pay(BuyerPayment(outcome, "50000000.00", "pay-2"), &payment);
  EXPECT_EQ(over.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(over.error_message().rfind("amount: ", 0), 0u) << over.error_message();
  EXPECT_NE(over.error_message().find("40,000,000.00"), std::string::npos) << over.error_message();
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "40000000.00", "pay-3"), &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).receivable_balance()), "0.00");
}

// Request ids are one namespace across the services: an id a ledger call used is taken for a
// claim's update too, and the other way round.
class SharedRequestIdTest : public PaymentTest {
 protected:
  grpc::Status RenameClaim(const std::string& request_id) {
    v1::Claim claim;
    EXPECT_TRUE(GetClaim(claim_id_, &claim).ok());
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    v1::UpdateClaimRequest request;
    *request.mutable_claim() = claim;
    request.mutable_claim()->set_title("改名");
    request.mutable_update_mask()->add_paths("title");
    request.set_request_id(request_id);
    v1::Claim updated;
    return claim_stub_->UpdateClaim(&context, request, &updated);
  }

  v1::RecordPaymentRequest DebtorPayment(const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount("1000.00");
    *request.mutable_received_date() = Day(2021, 7, 15);
    request.set_request_id(request_id);
    return request;
  }
};

TEST_F(SharedRequestIdTest, AnIdAPaymentUsedIsAlreadyExistsForAClaimUpdate) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("shared-1"), &payment).ok());
  const grpc::Status renamed = RenameClaim("shared-1");
  EXPECT_EQ(renamed.error_code(), grpc::StatusCode::ALREADY_EXISTS) << renamed.error_message();
  EXPECT_NE(renamed.error_message().find("already used by a ledger call"), std::string::npos)
      << renamed.error_message();
  v1::Claim read;
  ASSERT_TRUE(GetClaim(claim_id_, &read).ok());
  EXPECT_NE(read.title(), "改名");
}

TEST_F(SharedRequestIdTest, AnIdAClaimUpdateUsedIsAlreadyExistsForAPayment) {
  ASSERT_TRUE(RenameClaim("shared-2").ok());
  const int payments = Count("payments");
  v1::Payment payment;
  const grpc::Status paid = Pay(DebtorPayment("shared-2"), &payment);
  EXPECT_EQ(paid.error_code(), grpc::StatusCode::ALREADY_EXISTS) << paid.error_message();
  EXPECT_EQ(Count("payments"), payments);
}

TEST_F(SharedRequestIdTest, AnIdAClaimUpdateUsedIsAlreadyExistsForAnAccrual) {
  ASSERT_TRUE(RenameClaim("shared-3").ok());
  v1::AccrueInterestResponse accrued;
  const grpc::Status status = Accrue(claim_id_, Day(2021, 9, 20), "shared-3", &accrued);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_NE(status.error_message().find("already used by a call of another service"),
            std::string::npos)
      << status.error_message();
}

TEST_F(PaymentTest, BuyerPaymentDatedBeforeTheAwardIsRefused) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::RecordPaymentRequest request = BuyerPayment(outcome, "10000000.00", "pay-early");
  *request.mutable_received_date() = Day(2021, 8, 1);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("before the award"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(PaymentTest, BuyerPaymentWithAnAllocationOrderIsInvalidArgumentAndBooksNothing) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::RecordPaymentRequest request = BuyerPayment(outcome, "10000000.00", "pay-ordered");
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PRINCIPAL);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("allocation_order"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(PaymentTest, AnEmptyOutcomeIdIsInvalidArgumentNamingIt) {
  v1::RecordPaymentRequest request;
  request.set_outcome_id("");
  *request.mutable_amount() = Amount("10000000.00");
  *request.mutable_received_date() = Day(2021, 10, 8);
  request.set_request_id("pay-no-outcome");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("outcome_id", 0), 0u) << status.error_message();
}

TEST_F(PaymentTest, PaymentRetryWithTheSameRequestIdBooksOnce) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "pay-retry"), &first).ok());
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "pay-retry"), &retry).ok());
  EXPECT_EQ(retry.entry_id(), first.entry_id());
  EXPECT_EQ(Count("payments"), 1);
}

// A used request id is ALREADY_EXISTS for another body even where that body names something
// that does not exist: the id is what the caller got wrong, not the claim or outcome.
TEST_F(SharedRequestIdTest, AUsedIdWithAnotherBodyNamingNoClaimIsAlreadyExists) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("shared-4"), &payment).ok());
  v1::RecordPaymentRequest other = DebtorPayment("shared-4");
  other.set_claim_id("5d9a1c4e-0b7f-4c1e-9e2a-3f6b8d0c1a2b");
  const grpc::Status paid = Pay(other, &payment);
  EXPECT_EQ(paid.error_code(), grpc::StatusCode::ALREADY_EXISTS) << paid.error_message();
}

TEST_F(SharedRequestIdTest, AUsedIdWithAnotherBodyNamingNoOutcomeIsAlreadyExists) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("shared-5"), &payment).ok());
  v1::RecordPaymentRequest other = DebtorPayment("shared-5");
  other.clear_claim_id();
  other.set_outcome_id("5d9a1c4e-0b7f-4c1e-9e2a-3f6b8d0c1a2b");
  const grpc::Status paid = Pay(other, &payment);
  EXPECT_EQ(paid.error_code(), grpc::StatusCode::ALREADY_EXISTS) << paid.error_message();
}

// An unknown claim with a new request id is still NOT_FOUND.
TEST_F(SharedRequestIdTest, ANewIdNamingNoClaimIsNotFound) {
  v1::RecordPaymentRequest request = DebtorPayment("shared-6");
  request.set_claim_id("5d9a1c4e-0b7f-4c1e-9e2a-3f6b8d0c1a2b");
  v1::Payment payment;
  const grpc::Status paid = Pay(request, &payment);
  EXPECT_EQ(paid.error_code(), grpc::StatusCode::NOT_FOUND) << paid.error_message();
}

TEST_F(PaymentTest, DebtorPaymentGoesToInterestBeforePrincipal) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("400000000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  // Interest at cut-off 357,791,700.00 first, then 42,208,300.00 of principal.
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "406450600.00");
  EXPECT_EQ(Text(statement.recovered()), "400000000.00");
}

TEST_F(PaymentTest, InterestAfterADebtorPaymentAccruesOnThePrincipalLeft) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  // The interest at cut-off (357,791,700.00), then 100,000,000.00 of tranche 1's principal.
  *request.mutable_amount() = Amount("457791700.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays-principal");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-after-payment", &accrued).ok());
  // 4.35% ACT/360 on 388,658,900.00 for the 15 days through the payment, then on 288,658,900.00
  // from the day after: (388,658,900 x 15 + 288,658,900 x 16) x 0.0435 / 360 = 1,262,518.1296
  // through July; through August 2,343,786.2622 cumulative, so August books the difference of
  // the rounded figures.
  ASSERT_EQ(accrued.entries_size(), 2);
  EXPECT_EQ(Text(accrued.interest()), "2343786.26");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.accrued_interest()), "2343786.26");
  EXPECT_EQ(Text(statement.principal_balance()), "348658900.00");
}

// A debtor's payment of `amount` on `claim_id`, received on `received`.
v1::RecordPaymentRequest DebtorPays(const std::string& claim_id, const std::string& amount,
                                    const v1::Date& received, const std::string& request_id) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id);
  *request.mutable_amount() = Amount(amount.c_str());
  *request.mutable_received_date() = received;
  request.set_request_id(request_id);
  return request;
}

TEST_F(PaymentTest, DebtorOverpaymentIsRefusedWithTheAmountDue) {
  const v1::RecordPaymentRequest request =
      DebtorPays(claim_id_, "900000000.00", Day(2021, 7, 15), "debtor-overpays");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message().rfind("amount: ", 0), 0u) << status.error_message();
  EXPECT_NE(status.error_message().find("806,450,600.00"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(PaymentTest, PaymentWithoutAReceivedDateIsRefusedAsMissingIt) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("1000.00");
  request.set_request_id("debtor-undated");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "received_date: is required");
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(PaymentTest, DebtorPaymentReceivedBeforeThePayOffIsRefusedAndTheBooksStayPaidOff) {
  v1::RecordPaymentRequest pay_off;
  pay_off.set_claim_id(claim_id_);
  *pay_off.mutable_amount() = Amount("806450600.00");
  *pay_off.mutable_received_date() = Day(2021, 7, 20);
  pay_off.set_request_id("debtor-pays-off");
  v1::Payment payment;
  ASSERT_TRUE(Pay(pay_off, &payment).ok());
  v1::RecordPaymentRequest earlier;
  earlier.set_claim_id(claim_id_);
  *earlier.mutable_amount() = Amount("100.00");
  *earlier.mutable_received_date() = Day(2021, 7, 15);
  earlier.set_request_id("debtor-pays-earlier");
  const grpc::Status status = Pay(earlier, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("before the debtor's payment of 2021-07-20"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 1);
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
}

TEST_F(PaymentTest, ReversedBuyerPaymentIsOwedAgainOnItsInstalment) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "90000000.00", "pay-all"), &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "bounced-transfer", &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reversal.reverses_entry_id(), payment.entry_id());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.receivable_balance()), "90000000.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
  // The instalment is due again: paying it once more is accepted, a cent more is not.
  v1::Payment again;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "90000000.00", "pay-again"), &again).ok());
  EXPECT_EQ(Pay(BuyerPayment(outcome, "0.01", "pay-too-much"), &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PaymentTest, ReversedDebtorPaymentRestoresTheBalancesItPaid) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("400000000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "debtor-payment-bounced", &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "357791700.00");
  EXPECT_EQ(Text(statement.principal_balance()), "448658900.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
  EXPECT_EQ(Text(statement.accrued_interest()), "0.00");  // interest put back was not accrued
  // The principal is whole again for accrual: July accrues on all of tranche 1.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-after-bounce", &accrued).ok());
  EXPECT_EQ(Text(accrued.interest()), "1455851.46");
}

TEST_F(PaymentTest, ReversingADebtorPaymentOnATrancheSoldSinceIsRefused) {
  const v1::RecordPaymentRequest request =
      DebtorPays(claim_id_, "1000.00", Day(2021, 7, 15), "debtor-pays-a-little");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "too-late", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("tranche 1 (sold 2021-09-01)"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

// The claim-level sale is the last lot's: a payment that went to tranche 1 names tranche 1's.
TEST_F(PaymentTest, ReversingAPaymentAfterBothLotsAreSoldNamesItsOwnTranchesSale) {
  const v1::RecordPaymentRequest request =
      DebtorPays(claim_id_, "1000.00", Day(2021, 7, 15), "debtor-pays-a-little");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 15), &lot_two).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "too-late", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("tranche 1 (sold 2021-09-01)"), std::string::npos)
      << status.error_message();
}

// "exceeds the 0.00 due" alone would read as paid off: the refusal names the sale.
TEST_F(PaymentTest, DebtorPaymentOnAClaimWhollySoldNamesTheSale) {
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 15), &lot_two).ok());
  const v1::RecordPaymentRequest request =
      DebtorPays(claim_id_, "100.00", Day(2021, 10, 8), "debtor-pays-after-the-sale");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("exceeds the 0.00 due: the claim left the books with "
                                        "tranche 2 (sold 2021-09-15)"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

// The debtor's payment of the cut-off interest and 100,000,000.00 of tranche 1's principal.
v1::RecordPaymentRequest PrincipalPayment(const std::string& claim_id, const v1::Date& received) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id);
  *request.mutable_amount() = Amount("457791700.00");
  *request.mutable_received_date() = received;
  request.set_request_id("debtor-pays-principal");
  return request;
}

TEST_F(PaymentTest, PrincipalPaymentReversedAfterAnAccrualIsAccruedAgainByTheNextOne) {
  v1::Payment payment;
  ASSERT_TRUE(Pay(PrincipalPayment(claim_id_, Day(2021, 7, 15)), &payment).ok());
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  EXPECT_EQ(Text(july.interest()), "1262518.13");  // on 288,658,900.00 from 07-16
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(payment.entry_id(), "bounced-after-accrual", &reversal).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  // August books its own interest and July's shortfall: together the one-shot figure on the
  // whole principal, 388,658,900.00 x 0.0435 x 62 / 360 = 2,911,702.93.
  EXPECT_EQ(Text(august.interest()), "1649184.80");
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "2911702.93");
}

TEST_F(PaymentTest, PrincipalPaymentReceivedBeforeTheAccruedDateIsCorrectedByTheNextAccrual) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  EXPECT_EQ(Text(july.interest()), "1455851.46");  // on the whole principal
  // Received 07-15, recorded after July was accrued: it owes 07-01..07-15's 704,444.26 of
  // interest too, so 100,000,000.00 of principal takes 458,496,144.26.
  v1::RecordPaymentRequest request = PrincipalPayment(claim_id_, Day(2021, 7, 15));
  *request.mutable_amount() = Amount("458496144.26");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  // Through August on 388,658,900.00 for 15 days, then 288,658,900.00: 2,343,786.26 in all,
  // so August books 887,934.80 (its own 1,081,268.13 less July's 193,333.33 too much).
  EXPECT_EQ(Text(august.interest()), "887934.80");
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "2343786.26");
}

TEST_F(PaymentTest, LatePaymentAfterAReversedAccrualCorrectsNothingThatWasReversed) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(july.entries(1).entry_id(), "july-in-error", &reversal).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(PrincipalPayment(claim_id_, Day(2021, 7, 15)), &payment).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  // August alone, on 288,658,900.00: July's interest was taken back, nothing to correct there.
  EXPECT_EQ(Text(august.interest()), "1081268.13");
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "1081268.13");
}

TEST_F(PaymentTest, AccrualCorrectedForALatePaymentCannotBeReversed) {
  v1::AccrueInterestResponse july;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(PrincipalPayment(claim_id_, Day(2021, 7, 15)), &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(july.entries(1).entry_id(), "july-in-error", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("cannot be reversed"), std::string::npos)
      << status.error_message();
}

TEST_F(PaymentTest, AwardWaitsForTheAccrualThatCorrectsALatePayment) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(PrincipalPayment(claim_id_, Day(2021, 7, 15)), &payment).ok());
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("accrue interest first"), std::string::npos)
      << status.error_message();
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 1), "accrue-to-the-award", &accrued).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
}

TEST_F(PaymentTest, LatePaymentReversedLeavesNothingToCorrectBeforeAnAward) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(PrincipalPayment(claim_id_, Day(2021, 7, 15)), &payment).ok());
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(payment.entry_id(), "bounced", &reversal).ok());
  // Both late, on the same day and tranche: they cancel out, and no accrual has to correct.
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Text(outcome.book_value()), "711936802.93");  // 709,025,100.00 + 2,911,702.93
}

TEST_F(PaymentTest, InterestCreditedBackAfterItWasPaidLeavesTheBooksWithTheLot) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  v1::RecordPaymentRequest interest;  // all interest, paid on 08-01
  interest.set_claim_id(claim_id_);
  *interest.mutable_amount() = Amount("359247551.46");
  *interest.mutable_received_date() = Day(2021, 8, 1);
  interest.set_request_id("debtor-pays-interest");
  // 300,000,000.00 received 07-10, booked after July's accrual, paid to principal first (the
  // contract's order); then all interest as booked, July's on the whole principal.
  v1::RecordPaymentRequest principal = PrincipalPayment(claim_id_, Day(2021, 7, 10));
  *principal.mutable_amount() = Amount("300000000.00");
  for (const v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_INTEREST,
        v1::ALLOCATION_BUCKET_COSTS, v1::ALLOCATION_BUCKET_PENALTY}) {
    principal.add_allocation_order(bucket);
  }
  v1::Payment payment;
  ASSERT_TRUE(Pay(principal, &payment).ok());
  ASSERT_TRUE(Pay(interest, &payment).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  // August on 88,658,900.00 less July's interest on the 300,000,000.00 paid from 07-11.
  EXPECT_EQ(Text(august.interest()), "-429148.53");
  EXPECT_EQ(Text(Statement(claim_id_).interest_balance()), "-429148.53");
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "80000000.00", 2021, 9, 1), &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), "88229751.47");  // 88,658,900.00 - 429,148.53
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "60000000.00");  // tranche 2's
}

TEST_F(PaymentTest, PaymentIsReversedOnItsOwnDateOnly) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "pay-part"), &payment).ok());
  for (const v1::Date& date : {Day(2021, 10, 9), Day(2021, 10, 7), Day(2030, 1, 1)}) {
    v1::ReverseEntryRequest request;
    request.set_entry_id(payment.entry_id());
    request.set_memo("bounced transfer");
    request.set_request_id("reverse-on-" + std::to_string(date.day()));
    *request.mutable_effective_date() = date;
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    v1::JournalEntry reversal;
    const grpc::Status status = ledger_stub_->ReverseEntry(&context, request, &reversal);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date.ShortDebugString();
    // One answer for every other date, before or after it, or in the future.
    EXPECT_EQ(status.error_message(),
              "effective_date: a payment is reversed on its own date 2021-10-08");
  }
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

TEST_F(PaymentTest, ReversingAClaimLevelPaymentAfterTheLastLotIsSoldIsRefused) {
  // Court interest accrues at claim level (tranche 0); the debtor pays it first.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-court", &accrued).ok());
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("1000.00");
  *request.mutable_received_date() = Day(2021, 8, 2);
  request.set_request_id("debtor-pays-court-interest");
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PENALTY);
  request.add_allocation_order(v1::ALLOCATION_BUCKET_COSTS);
  request.add_allocation_order(v1::ALLOCATION_BUCKET_INTEREST);
  request.add_allocation_order(v1::ALLOCATION_BUCKET_PRINCIPAL);
  v1::Payment payment;
  const grpc::Status paid = Pay(request, &payment);
  ASSERT_TRUE(paid.ok()) << paid.error_message();
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "too-late", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("(sold 2021-09-01); reversing it would leave a balance"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Text(Statement(claim_id_).penalty_balance()), "0.00");
}

// The interest overdue at cut-off compounds only while it is unpaid: paid off, it stops.
TEST_F(PaymentTest, CompoundInterestStopsOnceTheOverdueInterestIsPaid) {
  v1::RecordPaymentRequest pay_off;
  pay_off.set_claim_id(claim_id_);
  *pay_off.mutable_amount() = Amount("806450600.00");  // principal + interest at cut-off
  *pay_off.mutable_received_date() = Day(2021, 7, 20);
  pay_off.set_request_id("debtor-pays-off");
  v1::Payment payment;
  ASSERT_TRUE(Pay(pay_off, &payment).ok());
  v1::AccrueInterestRequest august = AccrueRequest(claim_id_, Day(2021, 8, 31), "accrue-aug");
  august.set_compound_overdue_interest(true);
  v1::AccrueInterestResponse through_august;
  const grpc::Status first = Accrue(august, &through_august);
  ASSERT_TRUE(first.ok()) << first.error_message();
  v1::AccrueInterestRequest september = AccrueRequest(claim_id_, Day(2021, 9, 30), "accrue-sep");
  september.set_compound_overdue_interest(true);
  v1::AccrueInterestResponse in_september;
  const grpc::Status second = Accrue(september, &in_september);
  ASSERT_TRUE(second.ok()) << second.error_message();
  EXPECT_EQ(Text(in_september.interest()), "0.00");
  EXPECT_EQ(in_september.entries_size(), 0);
}

// The seed claim again (another request id), for comparisons; returns its id.
std::string ReferenceClaim(v1::ClaimService::Stub& claims, const std::string& request_id) {
  grpc::ClientContext context;
  v1::CreateClaimRequest create;
  *create.mutable_claim() = SampleClaim();
  create.set_request_id(request_id);
  v1::Claim created;
  EXPECT_TRUE(claims.CreateClaim(&context, create, &created).ok());
  return created.id();
}

v1::AccrueInterestRequest Compounding(const std::string& claim_id, const v1::Date& through,
                                      const std::string& request_id) {
  v1::AccrueInterestRequest request;
  request.set_claim_id(claim_id);
  *request.mutable_through_date() = through;
  request.set_request_id(request_id);
  request.set_compound_overdue_interest(true);
  return request;
}

v1::RecordPaymentRequest InterestPayment(const std::string& claim_id,
                                         const std::string& request_id) {
  v1::RecordPaymentRequest pay;
  pay.set_claim_id(claim_id);
  *pay.mutable_amount() = Amount("100000000.00");  // all of it to interest
  *pay.mutable_received_date() = Day(2021, 7, 10);
  pay.set_request_id(request_id);
  return pay;
}

// July accrued with compound interest, then the debtor's payment of 100,000,000.00 of interest
// dated 2021-07-10 recorded after it: late, so the compound interest July charged on what it
// paid awaits a correction.
class LateInterestPaymentTest : public OutcomeFixture {
 protected:
  void CompoundJulyThenPayItsInterestLate(v1::Payment* payment) {
    v1::AccrueInterestResponse out;
    ASSERT_TRUE(Accrue(Compounding(claim_id_, Day(2021, 7, 31), "july"), &out).ok());
    ASSERT_TRUE(Pay(InterestPayment(claim_id_, "late-payment"), payment).ok());
  }
};

// A payment of interest recorded after July was accrued, dated within July: August's accrual
// corrects July's compound interest, so that the claim ends where one paid on time does.
TEST_F(LateInterestPaymentTest, LatePaymentOfInterestCorrectsCompoundInterestAtTheNextAccrual) {
  v1::AccrueInterestResponse out;
  v1::Payment payment;
  ASSERT_NO_FATAL_FAILURE(CompoundJulyThenPayItsInterestLate(&payment));
  ASSERT_TRUE(Accrue(Compounding(claim_id_, Day(2021, 8, 31), "august"), &out).ok());

  const std::string on_time = ReferenceClaim(*claim_stub_, "paid-on-time");
  ASSERT_TRUE(Pay(InterestPayment(on_time, "on-time-payment"), &payment).ok());
  ASSERT_TRUE(Accrue(Compounding(on_time, Day(2021, 8, 31), "on-time-accrual"), &out).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()),
            Text(Statement(on_time).accrued_interest()));
}

// A late payment of interest that bounced: its reversal puts the interest back among the
// overdue interest, and the claim ends where one never paid does.
TEST_F(LateInterestPaymentTest, ReversedLatePaymentLeavesCompoundInterestAsIfItNeverCame) {
  v1::AccrueInterestResponse out;
  v1::Payment payment;
  ASSERT_NO_FATAL_FAILURE(CompoundJulyThenPayItsInterestLate(&payment));
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(payment.entry_id(), "payment-bounced", &reversal).ok());
  ASSERT_TRUE(Accrue(Compounding(claim_id_, Day(2021, 8, 31), "august"), &out).ok());

  const std::string unpaid = ReferenceClaim(*claim_stub_, "never-paid");
  ASSERT_TRUE(Accrue(Compounding(unpaid, Day(2021, 8, 31), "unpaid-accrual"), &out).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()),
            Text(Statement(unpaid).accrued_interest()));
}

// The claim's figures at cut-off already net what was paid before: a payment dated earlier is
// refused alike before and after the books open, and leaves no balance below zero.
TEST_F(PaymentTest, DebtorPaymentDatedBeforeTheCutOffIsRefusedOpenOrNot) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("1000000.00");
  *request.mutable_received_date() = Day(2021, 6, 1);  // cut-off 2021-06-30
  request.set_request_id("pay-before-cutoff-1");
  v1::Payment payment;
  const grpc::Status unopened = Pay(request, &payment);
  EXPECT_EQ(unopened.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unopened.error_message().find("received_date 2021-06-01"), std::string::npos)
      << unopened.error_message();
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "open-the-books", &accrued).ok());
  request.set_request_id("pay-before-cutoff-2");
  EXPECT_EQ(Pay(request, &payment).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("payments"), 0);
  const v1::Date june = Day(2021, 6, 15);
  EXPECT_EQ(Text(Statement(claim_id_, &june).interest_balance()), "0.00");
}

// The court's interest asked for only after July was accrued without it: August's accrual
// books it from its delay start, July included, not from August on.
TEST_F(PaymentTest, CourtInterestFirstAskedForLaterIsBookedFromItsDelayStart) {
  v1::AccrueInterestResponse july, august;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &july).ok());
  const grpc::Status status =
      AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-aug-court", &august);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // 448,658,900.00 x 0.0175% x 62 days = 4,867,949.065 -> 4,867,949.07
  EXPECT_EQ(Text(Statement(claim_id_).accrued_penalty()), "4867949.07");
  // Caught up once: September books September's days only (92 days in all).
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-sep-court", &august).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_penalty()), "7223408.29");
}

// July with the court's interest, August without it, September with it again: September
// catches August up, so that all 92 days are booked.
TEST_F(PaymentTest, CourtInterestLeftOutOfOneAccrualIsCaughtUpWhenAskedForAgain) {
  v1::AccrueInterestResponse out;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "july-court", &out).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "august-without", &out).ok());
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "september-court", &out).ok());
  // 448,658,900.00 x 0.0175% x 92 days = 7,223,408.288 -> 7,223,408.29
  EXPECT_EQ(Text(Statement(claim_id_).accrued_penalty()), "7223408.29");
  // Caught up once: October books October's days only (123 days in all).
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "october-court", &out).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_penalty()), "9657382.82");
}

// Tranche 2's figures are as of 2021-09-30: a payment of 2021-08-15 is already netted in them,
// so it is owed to and credited to tranche 1 only.
TEST_F(PaymentTest, PaymentDatedBeforeATranchesOwnCutOffIsNotCreditedToIt) {
  v1::Claim two_cutoffs = SampleClaim();
  *two_cutoffs.mutable_tranches(1)->mutable_interest_cutoff_date() = MakeProtoDate(2021, 9, 30);
  grpc::ClientContext context;
  v1::CreateClaimRequest create;
  *create.mutable_claim() = two_cutoffs;
  create.set_request_id("two-cutoffs");
  v1::Claim created;
  ASSERT_TRUE(claim_stub_->CreateClaim(&context, create, &created).ok());
  v1::RecordPaymentRequest pay;
  pay.set_claim_id(created.id());
  *pay.mutable_amount() = Amount("400000000.00");  // more than tranche 1's interest
  *pay.mutable_received_date() = Day(2021, 8, 15);
  pay.set_request_id("pay-between-cutoffs");
  v1::Payment payment;
  const grpc::Status status = Pay(pay, &payment);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings p JOIN journal_entries e "
                      "USING (entry_id) WHERE e.kind = 'payment' AND p.tranche = 2"),
            "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_postings p JOIN journal_entries e "
                      "USING (entry_id) WHERE e.kind = 'payment' AND p.tranche = 1"),
            "2");  // its interest, then its principal
  // More than tranche 1 owes (709,025,100.00) is an overpayment, whatever tranche 2 holds.
  *pay.mutable_amount() = Amount("320000000.00");
  pay.set_request_id("pay-beyond-tranche-one");
  EXPECT_EQ(Pay(pay, &payment).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// A bounced earlier payment: the cash still standing pays the earliest instalment, which is not
// shown unpaid (and overdue) while a later one shows paid ahead.
TEST_F(PaymentTest, ReversedEarlierBuyerPaymentLeavesTheStandingCashOnTheEarliestInstalment) {
  v1::RecordOutcomeRequest request = Award(disposal_, 1, "90000000.00", 2021, 9, 1);
  v1::Instalment* first = request.add_instalments();
  *first->mutable_due_date() = Day(2021, 10, 1);
  *first->mutable_amount() = Amount("30000000.00");
  v1::Instalment* second = request.add_instalments();
  *second->mutable_due_date() = Day(2021, 12, 1);
  *second->mutable_amount() = Amount("60000000.00");
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(request, &outcome).ok());
  v1::Payment first_payment, second_payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "30000000.00", "pay-1"), &first_payment).ok());
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "30000000.00", "pay-2"), &second_payment).ok());
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(first_payment.entry_id(), "bounce-pay-1", &reversal).ok());

  grpc::ClientContext context;
  v1::GetOutcomeRequest get;
  get.set_id(outcome.id());
  v1::Outcome now;
  ASSERT_TRUE(ledger_stub_->GetOutcome(&context, get, &now).ok());
  EXPECT_EQ(Text(now.instalments(0).paid()), "30000000.00");
  EXPECT_EQ(Text(now.instalments(1).paid()), "0.00");
  // The next payment goes to what is still unpaid: the second instalment.
  v1::Payment third_payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "60000000.00", "pay-3"), &third_payment).ok());
  EXPECT_EQ(Pay(BuyerPayment(outcome, "0.01", "pay-4"), &third_payment).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// July compounded; a payment of interest dated in July is recorded after it. An accrual that
// leaves compound interest off would never book July's correction: refused, naming the field.
// With compound interest the correction is booked, and the claim ends where one paid on time
// does; compound interest may then be left off.
TEST_F(LateInterestPaymentTest,
       CompoundInterestLeftOffWhileALateInterestPaymentAwaitsItsCorrectionIsRefused) {
  v1::AccrueInterestResponse out;
  v1::Payment payment;
  ASSERT_NO_FATAL_FAILURE(CompoundJulyThenPayItsInterestLate(&payment));
  const grpc::Status without = Accrue(AccrueRequest(claim_id_, Day(2021, 8, 31), "august"), &out);
  EXPECT_EQ(without.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(without.error_message().rfind("compound_overdue_interest", 0), 0u)
      << without.error_message();
  ASSERT_TRUE(Accrue(Compounding(claim_id_, Day(2021, 8, 31), "august-compounding"), &out).ok());
  const grpc::Status then = Accrue(AccrueRequest(claim_id_, Day(2021, 9, 30), "september"), &out);
  ASSERT_TRUE(then.ok()) << then.error_message();

  const std::string on_time = ReferenceClaim(*claim_stub_, "paid-on-time");
  ASSERT_TRUE(Pay(InterestPayment(on_time, "on-time-payment"), &payment).ok());
  ASSERT_TRUE(Accrue(Compounding(on_time, Day(2021, 8, 31), "on-time-august"), &out).ok());
  ASSERT_TRUE(Accrue(AccrueRequest(on_time, Day(2021, 9, 30), "on-time-september"), &out).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()),
            Text(Statement(on_time).accrued_interest()));
}

// July compounded; a payment of interest dated in July is recorded after it. Sold before an
// accrual that compounds corrects July, the lot would leave charged compound interest on
// interest already paid: the award waits for that accrual, then goes through.
TEST_F(LateInterestPaymentTest, AwardWaitsForTheCompoundCorrectionOfALateInterestPayment) {
  v1::AccrueInterestResponse out;
  v1::Payment payment;
  ASSERT_NO_FATAL_FAILURE(CompoundJulyThenPayItsInterestLate(&payment));
  v1::Outcome outcome;
  const grpc::Status early =
      RecordOutcome(Award(disposal_, 0, "500000000.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(early.error_message().find("compound_overdue_interest"), std::string::npos)
      << early.error_message();
  ASSERT_TRUE(Accrue(Compounding(claim_id_, Day(2021, 8, 31), "august"), &out).ok());
  const grpc::Status then =
      RecordOutcome(Award(disposal_, 0, "500000000.00", 2021, 9, 1), &outcome);
  EXPECT_TRUE(then.ok()) << then.error_message();
}

}  // namespace
}  // namespace disposal::testing
