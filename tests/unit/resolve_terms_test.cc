// Which terms an accrual runs on (ResolveTerms): a claim's own, the request's, or those of the
// claim's latest accrual; and the accrual a payment or an award books first on a claim's own
// terms (OnClaimTerms), whose errors name accrue_first's fields.
#include <gtest/gtest.h>

#include "domain/ledger.h"

namespace disposal::domain {
namespace {

constexpr char kClaimId[] = "00000000-0000-4000-8000-0000000000bb";

AccrualCallTerms Act365Compound() {
  AccrualCallTerms terms;
  terms.basis = DayCountBasis::kAct365;
  terms.compound_overdue_interest = true;
  return terms;
}

CourtDelayTerms Court(const char* debt) {
  CourtDelayTerms court;
  court.judgment_debt = Money::Parse(debt).value();
  court.performance_due_date = Date{2021, 6, 30};
  return court;
}

ClaimLedgerState WithOwnTerms(const AccrualCallTerms& terms) {
  ClaimLedgerState state;
  state.claim.id = kClaimId;
  state.claim.content.accrual_terms = terms;
  return state;
}

// A request naming ACT/360 as its basis, without compound or court interest.
AccrualRequest StatedAct360() {
  AccrualRequest request;
  request.basis = DayCountBasis::kAct360;
  request.basis_stated = true;
  return request;
}

TEST(ResolveTermsTest, ClaimsOwnTermsReplaceTermsTheRequestLeftOut) {
  const Result<AccrualRequest> resolved =
      ResolveTerms(AccrualRequest{}, WithOwnTerms(Act365Compound()));
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  EXPECT_EQ(resolved.value().basis, DayCountBasis::kAct365);
  EXPECT_TRUE(resolved.value().compound_overdue_interest);
  EXPECT_FALSE(resolved.value().court.has_value());
}

TEST(ResolveTermsTest, StatedTermsEqualToTheClaimsAreAccepted) {
  AccrualRequest request = StatedAct360();
  request.basis = DayCountBasis::kAct365;
  request.compound_overdue_interest = true;
  const Result<AccrualRequest> resolved = ResolveTerms(request, WithOwnTerms(Act365Compound()));
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  EXPECT_EQ(resolved.value().basis, DayCountBasis::kAct365);
}

TEST(ResolveTermsTest, StatedBasisThatDiffersIsFailedPreconditionNamingTheBasis) {
  const Result<AccrualRequest> resolved =
      ResolveTerms(StatedAct360(), WithOwnTerms(Act365Compound()));
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(resolved.error().field, "basis");
  EXPECT_EQ(resolved.error().reason.rfind("the claim accrues on its own terms (ACT/365, compound "
                                          "interest, no court interest), not on the request's "
                                          "(ACT/360)",
                                          0),
            0u)
      << resolved.error().reason;
}

TEST(ResolveTermsTest, CompoundInterestTheClaimsTermsLackIsRefusedNamingIt) {
  AccrualRequest request;  // the basis left to the default: the claim's ACT/365 stands
  request.compound_overdue_interest = true;
  AccrualCallTerms own;
  own.basis = DayCountBasis::kAct365;
  const Result<AccrualRequest> resolved = ResolveTerms(request, WithOwnTerms(own));
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().field, "compound_overdue_interest");
  EXPECT_NE(resolved.error().reason.find("not on the request's (compound interest)"),
            std::string::npos)
      << resolved.error().reason;
}

TEST(ResolveTermsTest, CompoundInterestIsAllowedOnceWhileACompoundCorrectionWaits) {
  ClaimLedgerState state = WithOwnTerms(AccrualCallTerms{});  // ACT/360, no compound
  state.compounded_periods.push_back({Date{2021, 6, 30}, Date{2021, 7, 31}});
  PrincipalChange paid;  // interest paid on 2021-07-15, booked after July's accrual
  paid.date = Date{2021, 7, 15};
  paid.tranche = 1;
  paid.delta = Money::Parse("-100.00").value();
  paid.late = true;
  state.interest_changes.push_back(paid);
  AccrualRequest request;
  request.compound_overdue_interest = true;
  const Result<AccrualRequest> resolved = ResolveTerms(request, state);
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  EXPECT_TRUE(resolved.value().compound_overdue_interest);
  EXPECT_EQ(resolved.value().basis, DayCountBasis::kAct360);
}

TEST(ResolveTermsTest, StatedCourtInterestThatDiffersIsRefusedNamingTheCourtTerms) {
  AccrualCallTerms own;
  own.court = Court("1000.00");
  AccrualRequest request;
  request.court = Court("2000.00");
  const Result<AccrualRequest> resolved = ResolveTerms(request, WithOwnTerms(own));
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().field, "court_delay");
  EXPECT_NE(resolved.error().reason.find(
                "the court's interest on 1000.00 from 2021-07-01 at 0.000175 a day"),
            std::string::npos)
      << resolved.error().reason;
}

TEST(ResolveTermsTest, StatedCourtInterestEqualToTheClaimsIsAccepted) {
  AccrualCallTerms own;
  own.court = Court("1000.00");
  AccrualRequest request;
  request.court = Court("1000.00");
  const Result<AccrualRequest> resolved = ResolveTerms(request, WithOwnTerms(own));
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  ASSERT_TRUE(resolved.value().court.has_value());
  EXPECT_EQ(resolved.value().court->judgment_debt.ToString(), "1000.00");
}

TEST(ResolveTermsTest, AsLastAccruedOnAClaimWithTermsTakesTheClaimsOverTheLatestAccruals) {
  ClaimLedgerState state = WithOwnTerms(Act365Compound());
  state.accrued_through = Date{2021, 7, 31};
  state.last_accrual_terms = AccrualCallTerms{};  // ACT/360, as accrued before the claim had terms
  AccrualRequest request;
  request.as_last_accrued = true;
  const Result<AccrualRequest> resolved = ResolveTerms(request, state);
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  EXPECT_EQ(resolved.value().basis, DayCountBasis::kAct365);
  EXPECT_FALSE(resolved.value().as_last_accrued);
}

TEST(ResolveTermsTest, WithoutClaimTermsTheRequestsStatedTermsAreKept) {
  ClaimLedgerState state;
  state.claim.id = kClaimId;
  AccrualRequest request = StatedAct360();
  request.basis = DayCountBasis::kAct365;
  const Result<AccrualRequest> resolved = ResolveTerms(request, state);
  ASSERT_TRUE(resolved.ok()) << resolved.error().reason;
  EXPECT_EQ(resolved.value().basis, DayCountBasis::kAct365);
}

TEST(OnClaimTermsTest, PlansTheAccrualToTheDateOnTheClaimsTermsUnderTheCallersRequestId) {
  ClaimLedgerState state = WithOwnTerms(Act365Compound());
  Tranche tranche;
  tranche.principal = Money::Parse("36500.00").value();
  tranche.interest_cutoff_date = Date{2021, 6, 30};
  tranche.contract_rate = Rate::Parse("0.10").value();
  state.claim.content.tranches.push_back(tranche);
  AccrualRequest asked;
  asked.claim_id = kClaimId;
  asked.through_date = Date{2021, 7, 10};
  asked.as_last_accrued = true;
  const Result<std::vector<LedgerEntry>> entries = OnClaimTerms(asked, "pay-1", true)(state);
  ASSERT_TRUE(entries.ok()) << entries.error().reason;
  ASSERT_EQ(entries.value().size(), 2u);  // the opening entry, then July's first ten days
  EXPECT_EQ(entries.value()[0].kind, EntryKind::kOpening);
  const LedgerEntry& accrual = entries.value()[1];
  EXPECT_EQ(accrual.request_id, "pay-1/2021-07-10");
  ASSERT_TRUE(accrual.terms.has_value());
  EXPECT_EQ(accrual.terms->basis, DayCountBasis::kAct365);
  EXPECT_TRUE(accrual.terms->compound_overdue_interest);
}

TEST(OnClaimTermsTest, AConflictNamesTheFieldUnderAccrueFirst) {
  ClaimLedgerState state = WithOwnTerms(Act365Compound());
  AccrualRequest asked = StatedAct360();
  asked.claim_id = kClaimId;
  asked.through_date = Date{2021, 7, 10};
  const Result<std::vector<LedgerEntry>> entries = OnClaimTerms(asked, "pay-2", true)(state);
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.error().field, "accrue_first.basis");
}

}  // namespace
}  // namespace disposal::domain
