// A claim's own accrual terms (Claim.accrual_terms, schema/0022), through ClaimService and
// LedgerService against a real PostgreSQL: accruals use them, and a debtor's payment or an
// award without accrue_first accrues the claim's interest through its date on them first.
//
// The seed claim's first tranche, 388,658,900.00 at 4.35% from its cut-off 2021-06-30, accrues
// over the 15 days to 2021-07-15 704,444.26 on ACT/360 and 694,794.33 on ACT/365; through the
// award date 2021-09-01 (63 days) 2,958,665.88 on ACT/360. The second tranche has no rate.
#include "support/instant.h"
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

using google::protobuf::Timestamp;

class ClaimAccrualTermsTest : public OutcomeFixture {
 protected:
  // Replaces the claim's accrual terms (none: clears them) through UpdateClaim.
  grpc::Status SetTerms(const v1::ClaimAccrualTerms* terms, v1::Claim* out) {
    v1::Claim current;
    const grpc::Status read = GetClaim(claim_id_, &current);
    if (!read.ok()) return read;
    v1::UpdateClaimRequest request;
    *request.mutable_claim() = current;
    request.mutable_claim()->clear_accrual_terms();
    if (terms != nullptr) *request.mutable_claim()->mutable_accrual_terms() = *terms;
    request.mutable_update_mask()->add_paths("accrual_terms");
    grpc::ClientContext context;
    return claim_stub_->UpdateClaim(&context, request, out);
  }

  void UseTerms(v1::DayCountBasis basis) {
    v1::ClaimAccrualTerms terms;
    terms.set_basis(basis);
    v1::Claim updated;
    ASSERT_TRUE(SetTerms(&terms, &updated).ok());
  }

  static v1::ClaimAccrualTerms CourtTerms() {
    v1::ClaimAccrualTerms terms;
    terms.set_basis(v1::DAY_COUNT_BASIS_ACT_365);
    terms.set_compound_overdue_interest(true);
    *terms.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
    *terms.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
    return terms;
  }

  v1::RecordPaymentRequest DebtorPayment(const char* amount, const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = Day(2021, 7, 15);
    request.set_request_id(request_id);
    return request;
  }

  int AccrualEntries() { return Count("journal_entries WHERE kind = 'accrual'"); }
};

TEST_F(ClaimAccrualTermsTest, TermsSetOnTheClaimReadBackWithTheCourtsDatesAndRate) {
  const v1::ClaimAccrualTerms terms = CourtTerms();
  v1::Claim updated, read;
  ASSERT_TRUE(SetTerms(&terms, &updated).ok());
  ASSERT_TRUE(GetClaim(claim_id_, &read).ok());
  ASSERT_TRUE(read.has_accrual_terms());
  EXPECT_EQ(read.accrual_terms().basis(), v1::DAY_COUNT_BASIS_ACT_365);
  EXPECT_TRUE(read.accrual_terms().compound_overdue_interest());
  const v1::CourtDelayInterest& court = read.accrual_terms().court_delay();
  EXPECT_EQ(Text(court.judgment_debt()), "448658900.00");
  EXPECT_EQ(court.delay_start().month(), 7);
  EXPECT_EQ(court.delay_start().day(), 1);
  EXPECT_EQ(court.daily_rate().value(), "0.000175");  // the default, stated on the way out
  EXPECT_EQ(read.version(), updated.version());
}

TEST_F(ClaimAccrualTermsTest, UnspecifiedBasisReadsBackAsAct360) {
  UseTerms(v1::DAY_COUNT_BASIS_UNSPECIFIED);
  v1::Claim read;
  ASSERT_TRUE(GetClaim(claim_id_, &read).ok());
  EXPECT_EQ(read.accrual_terms().basis(), v1::DAY_COUNT_BASIS_ACT_360);
}

TEST_F(ClaimAccrualTermsTest, UpdateWithTheMaskPathAndNoTermsClearsThem) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Claim cleared, read;
  ASSERT_TRUE(SetTerms(nullptr, &cleared).ok());
  ASSERT_TRUE(GetClaim(claim_id_, &read).ok());
  EXPECT_FALSE(read.has_accrual_terms());
  EXPECT_EQ(Count("claim_accrual_terms"), 0);
}

TEST_F(ClaimAccrualTermsTest, UpdateOfOtherFieldsKeepsTheTerms) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Claim current, updated;
  ASSERT_TRUE(GetClaim(claim_id_, &current).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = current;
  request.mutable_claim()->set_title("改名后的债权");
  request.mutable_claim()->clear_accrual_terms();
  request.mutable_update_mask()->add_paths("title");
  grpc::ClientContext context;
  ASSERT_TRUE(claim_stub_->UpdateClaim(&context, request, &updated).ok());
  EXPECT_EQ(updated.accrual_terms().basis(), v1::DAY_COUNT_BASIS_ACT_365);
}

TEST_F(ClaimAccrualTermsTest, BadCourtTermsAreInvalidArgumentNamingTheClaimsField) {
  v1::ClaimAccrualTerms terms = CourtTerms();
  *terms.mutable_court_delay()->mutable_judgment_debt() = Amount("0.00");
  v1::Claim updated;
  const grpc::Status status = SetTerms(&terms, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("claim.accrual_terms.court_delay.judgment_debt"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("claim_accrual_terms"), 0);
}

TEST_F(ClaimAccrualTermsTest, ClaimReadAsOfBeforeItsTermsWereSetHasNone) {
  const Timestamp before = Instant();
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::GetClaimRequest request;
  request.set_id(claim_id_);
  *request.mutable_as_of_time() = before;
  v1::Claim then, now;
  grpc::ClientContext context;
  ASSERT_TRUE(claim_stub_->GetClaim(&context, request, &then).ok());
  ASSERT_TRUE(GetClaim(claim_id_, &now).ok());
  EXPECT_FALSE(then.has_accrual_terms());
  EXPECT_TRUE(now.has_accrual_terms());
}

TEST_F(ClaimAccrualTermsTest, AccrualWithoutTermsUsesTheClaimsBasis) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 15), "accrue-own-365", &accrued).ok());
  EXPECT_EQ(Text(accrued.interest()), "694794.33");
  EXPECT_EQ(Count("accrual_terms WHERE basis = 'act365'"), 1);
}

TEST_F(ClaimAccrualTermsTest, AccrualStatingTheClaimsOwnTermsIsBooked) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::AccrueInterestRequest request = AccrueRequest(claim_id_, Day(2021, 7, 15), "accrue-same");
  request.set_basis(v1::DAY_COUNT_BASIS_ACT_365);
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(request, &accrued).ok());
  EXPECT_EQ(Text(accrued.interest()), "694794.33");
}

TEST_F(ClaimAccrualTermsTest, AccrualStatingOtherTermsIsFailedPreconditionNamingTheClaimsTerms) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::AccrueInterestRequest request = AccrueRequest(claim_id_, Day(2021, 7, 15), "accrue-other");
  request.set_compound_overdue_interest(true);
  v1::AccrueInterestResponse accrued;
  const grpc::Status status = Accrue(request, &accrued);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find(
                "compound_overdue_interest: the claim accrues on its own terms (ACT/365, no "
                "compound interest"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

TEST_F(ClaimAccrualTermsTest, ClaimsCourtTermsAccrueTheCourtsInterest) {
  v1::ClaimAccrualTerms terms = CourtTerms();
  terms.set_compound_overdue_interest(false);
  v1::Claim updated;
  ASSERT_TRUE(SetTerms(&terms, &updated).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-own-court", &accrued).ok());
  // 448,658,900.00 x 0.0175% x 31 days.
  EXPECT_EQ(Text(accrued.penalty()), "2433974.53");
}

TEST_F(ClaimAccrualTermsTest, DebtorPaymentWithoutAccrueFirstPaysTheInterestToItsDate) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("400000000.00", "pay-own-terms"), &payment).ok());
  ASSERT_EQ(payment.applications_size(), 2);
  EXPECT_EQ(payment.applications(0).bucket(), v1::ALLOCATION_BUCKET_INTEREST);
  EXPECT_EQ(Text(payment.applications(0).amount()), "358496144.26");
  EXPECT_EQ(Text(payment.applications(1).amount()), "41503855.74");
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual' AND request_id = "
                  "'pay-own-terms/2021-07-15' AND call_request_id = 'pay-own-terms'"),
            1);
}

TEST_F(ClaimAccrualTermsTest, DebtorPaymentAccruesOnTheClaimsBasis) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Payment payment;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-own-365"), &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "694794.33");
}

TEST_F(ClaimAccrualTermsTest, PaymentRetryReturnsTheFirstPaymentAndAccruesOnce) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-own-retried"), &first).ok());
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-own-retried"), &retry).ok());
  EXPECT_EQ(retry.entry_id(), first.entry_id());
  EXPECT_EQ(AccrualEntries(), 1);
  EXPECT_EQ(Count("payments"), 1);
}

TEST_F(ClaimAccrualTermsTest, PaymentStatingOtherTermsIsRefusedAndBooksNothing) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-own-other");
  request.mutable_accrue_first()->set_basis(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("accrue_first.basis"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
}

TEST_F(ClaimAccrualTermsTest, PaymentRetriedWithAnotherBodyIsAlreadyExistsAndBooksNothingMore) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(DebtorPayment("1000.00", "pay-own-changed"), &first).ok());
  const int entries = Count("journal_entries");
  const grpc::Status status = Pay(DebtorPayment("1000.01", "pay-own-changed"), &retry);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(Count("journal_entries"), entries);
}

TEST_F(ClaimAccrualTermsTest, CompoundingSwitchedOffLetsOneCompoundingAccrualCorrectALatePayment) {
  v1::ClaimAccrualTerms terms;
  terms.set_compound_overdue_interest(true);
  v1::Claim updated;
  ASSERT_TRUE(SetTerms(&terms, &updated).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-compounding", &accrued).ok());
  terms.set_compound_overdue_interest(false);
  ASSERT_TRUE(SetTerms(&terms, &updated).ok());
  // Interest paid on 2021-07-20, booked after July's accrual compounded on it.
  v1::RecordPaymentRequest late = DebtorPayment("1000000.00", "pay-late-interest");
  *late.mutable_received_date() = Day(2021, 7, 20);
  v1::Payment payment;
  ASSERT_TRUE(Pay(late, &payment).ok());
  const grpc::Status plain = Accrue(claim_id_, Day(2021, 8, 31), "accrue-plain", &accrued);
  EXPECT_EQ(plain.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << plain.error_message();
  EXPECT_NE(plain.error_message().find("the claim's own terms allow it"), std::string::npos)
      << plain.error_message();
  v1::AccrueInterestRequest once = AccrueRequest(claim_id_, Day(2021, 8, 31), "accrue-once");
  once.set_compound_overdue_interest(true);
  ASSERT_TRUE(Accrue(once, &accrued).ok());
  EXPECT_EQ(Count("accrual_compounding"), 2);  // July's, and August's by this call
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-after", &accrued).ok());
  EXPECT_EQ(Count("accrual_terms WHERE NOT compound"), 1);  // September, on the claim's terms
}

TEST_F(ClaimAccrualTermsTest, UpdateWithAnEmptyMaskKeepsTermsTheFileLeavesOut) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::Claim current, updated;
  ASSERT_TRUE(GetClaim(claim_id_, &current).ok());
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = current;
  request.mutable_claim()->clear_accrual_terms();
  request.mutable_claim()->set_title("整份重写的债权");
  grpc::ClientContext context;
  ASSERT_TRUE(claim_stub_->UpdateClaim(&context, request, &updated).ok());
  EXPECT_EQ(updated.title(), "整份重写的债权");
  EXPECT_EQ(updated.accrual_terms().basis(), v1::DAY_COUNT_BASIS_ACT_365);
}

TEST_F(ClaimAccrualTermsTest, ClaimReadAsOfBetweenTwoTermsShowsTheEarlierOnesExactly) {
  v1::ClaimAccrualTerms court = CourtTerms();
  court.mutable_court_delay()->mutable_daily_rate()->set_value("0.0002");
  v1::Claim updated;
  ASSERT_TRUE(SetTerms(&court, &updated).ok());
  const Timestamp between = Instant();
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::GetClaimRequest request;
  request.set_id(claim_id_);
  *request.mutable_as_of_time() = between;
  v1::Claim then;
  grpc::ClientContext context;
  ASSERT_TRUE(claim_stub_->GetClaim(&context, request, &then).ok());
  EXPECT_EQ(then.accrual_terms().basis(), v1::DAY_COUNT_BASIS_ACT_365);
  EXPECT_TRUE(then.accrual_terms().compound_overdue_interest());
  EXPECT_EQ(Text(then.accrual_terms().court_delay().judgment_debt()), "448658900.00");
  EXPECT_EQ(then.accrual_terms().court_delay().delay_start().day(), 1);
  EXPECT_EQ(then.accrual_terms().court_delay().daily_rate().value(), "0.0002");
}

TEST_F(ClaimAccrualTermsTest, PaymentAsLastAccruedUsesTheClaimsTermsOverTheLatestAccruals) {
  v1::AccrueInterestRequest accrue = AccrueRequest(claim_id_, Day(2021, 7, 31), "accrue-360");
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(accrue, &accrued).ok());  // ACT/360, before the claim had terms
  UseTerms(v1::DAY_COUNT_BASIS_ACT_365);
  v1::RecordPaymentRequest request = DebtorPayment("1000.00", "pay-own-as-last");
  *request.mutable_received_date() = Day(2021, 8, 15);
  request.mutable_accrue_first()->set_as_last_accrued(true);
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  EXPECT_EQ(Count("accrual_terms WHERE basis = 'act365'"), 1);
}

TEST_F(ClaimAccrualTermsTest, AwardWithoutAccrueFirstSellsTheLotWithInterestToTheAwardDate) {
  UseTerms(v1::DAY_COUNT_BASIS_ACT_360);
  v1::Outcome outcome;
  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  ASSERT_TRUE(RecordOutcome(request, &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), "711983765.88");
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual' AND call_request_id = '" +
                  request.request_id() + "'"),
            3);
}

}  // namespace
}  // namespace disposal::testing
