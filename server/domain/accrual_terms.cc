#include "domain/accrual_terms.h"

#include <string>
#include <utility>

#include "domain/date.h"

namespace disposal::domain {

// Compound interest left off while a payment of interest recorded late (dated in periods that
// compounded) awaits the correction that only a compounding accrual books: refused, rather than
// leave the over-accrued compound interest standing for good.
std::optional<PendingCompoundCorrection> FirstPendingCompoundCorrection(
    const std::vector<PrincipalChange>& interest_changes,
    const std::vector<AccrualPeriod>& compounded_periods,
    const std::function<bool(const PrincipalChange&)>& concerns) {
  for (const PrincipalChange& change : interest_changes) {
    if (!change.late || change.delta.is_zero() || !concerns(change)) continue;
    for (const AccrualPeriod& period : compounded_periods) {
      if (change.date < period.end) return PendingCompoundCorrection{change, period};
    }
  }
  return std::nullopt;
}

namespace accrual_internal {

Status CheckCompoundCorrectionBooked(const ClaimLedgerState& state, const AccrualRequest& request) {
  if (request.compound_overdue_interest) return OkStatus();
  const auto pending =
      FirstPendingCompoundCorrection(state.interest_changes, state.compounded_periods,
                                     [](const PrincipalChange&) { return true; });
  if (!pending) return OkStatus();
  return Error::FailedPrecondition(
      "compound_overdue_interest: the accrual through " + FormatIsoDate(pending->period.end) +
      " compounded interest, and a change of tranche " + std::to_string(pending->change.tranche) +
      "'s interest dated " + FormatIsoDate(pending->change.date) +
      " recorded since awaits its correction there; accrue with compound interest once" +
      (state.claim.content.accrual_terms
           ? " (AccrueInterest with compound_overdue_interest: the claim's own terms allow it "
             "while a correction waits)"
           : ""));
}

}  // namespace accrual_internal

namespace {

bool CompoundCorrectionPending(const ClaimLedgerState& state) {
  return FirstPendingCompoundCorrection(state.interest_changes, state.compounded_periods,
                                        [](const PrincipalChange&) { return true; })
      .has_value();
}

std::string DescribeCourt(const CourtDelayTerms& court) {
  return "the court's interest on " + court.judgment_debt.ToString() + " from " +
         FormatIsoDate(AddDays(court.performance_due_date, 1)) + " at " +
         court.daily_rate.ToString() + " a day";
}

std::string DescribeBasis(DayCountBasis basis) {
  return basis == DayCountBasis::kAct365 ? "ACT/365" : "ACT/360";
}

std::string DescribeTerms(const AccrualCallTerms& terms) {
  std::string text = DescribeBasis(terms.basis);
  text += terms.compound_overdue_interest ? ", compound interest" : ", no compound interest";
  text += terms.court ? ", " + DescribeCourt(*terms.court) : ", no court interest";
  return text;
}

// What the request itself asked for: a basis it named, compound and court interest.
std::string DescribeStated(const AccrualRequest& request) {
  std::string text;
  auto add = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (request.basis_stated) add(DescribeBasis(request.basis));
  if (request.compound_overdue_interest) add("compound interest");
  if (request.court) add(DescribeCourt(*request.court));
  return text;
}

// The first of the request's terms that the claim's own do not have ("basis",
// "compound_overdue_interest" or "court_delay"), or null. A basis left to the default and
// compound or court interest not asked for are not stated, so they differ from nothing.
// Compound interest the claim's terms lack is allowed while a compound correction waits: only
// an accrual that compounds books it. So is the court's interest, when the terms have none,
// while a correction of it for a payment recorded late waits.
const char* FirstConflict(const AccrualRequest& request, const AccrualCallTerms& own,
                          bool compound_correction_pending, bool court_correction_pending) {
  if (request.basis_stated && request.basis != own.basis) return "basis";
  if (request.compound_overdue_interest && !own.compound_overdue_interest &&
      !compound_correction_pending) {
    return "compound_overdue_interest";
  }
  const bool court_once = !own.court && court_correction_pending;
  if (request.court && !(request.court == own.court) && !court_once) return "court_delay";
  return nullptr;
}

bool CourtCorrectionPending(const ClaimLedgerState& state) {
  return FirstLateJudgmentDebtChange(state.judgment_debt_changes).has_value();
}

AccrualRequest WithTerms(AccrualRequest request, const AccrualCallTerms& terms) {
  request.basis = terms.basis;
  request.compound_overdue_interest = terms.compound_overdue_interest;
  request.court = terms.court;
  request.as_last_accrued = false;
  return request;
}

}  // namespace

std::optional<PrincipalChange> FirstLateJudgmentDebtChange(
    const std::vector<PrincipalChange>& judgment_debt_changes) {
  for (const PrincipalChange& change : judgment_debt_changes) {
    if (change.late && !change.delta.is_zero()) return change;
  }
  return std::nullopt;
}

Result<AccrualRequest> ResolveTerms(AccrualRequest request, const ClaimLedgerState& state) {
  if (const std::optional<AccrualCallTerms>& own = state.claim.content.accrual_terms) {
    const char* conflict = request.as_last_accrued
                               ? nullptr
                               : FirstConflict(request, *own, CompoundCorrectionPending(state),
                                               CourtCorrectionPending(state));
    if (conflict != nullptr) {
      return Error{ErrorCode::kFailedPrecondition, conflict,
                   "the claim accrues on its own terms (" + DescribeTerms(*own) +
                       "), not on the request's (" + DescribeStated(request) +
                       "); leave the terms out, or change the claim's accrual_terms"};
    }
    // Without a conflict, compound interest or the court's interest the claim's terms lack is
    // a pending correction's.
    const bool compound_once = request.compound_overdue_interest && !request.as_last_accrued;
    std::optional<CourtDelayTerms> court_once;
    if (!own->court && !request.as_last_accrued) court_once = request.court;
    AccrualRequest resolved = WithTerms(std::move(request), *own);
    resolved.compound_overdue_interest = resolved.compound_overdue_interest || compound_once;
    if (court_once) resolved.court = court_once;
    return resolved;
  }
  if (!request.as_last_accrued) return request;
  if (!state.last_accrual_terms && state.accrued_through) {
    return Error::FailedPrecondition(
        "the claim's accruals have no terms on record (booked before they were kept); give the "
        "basis, compound and court terms instead of as_last_accrued");
  }
  return WithTerms(std::move(request), state.last_accrual_terms.value_or(AccrualCallTerms{}));
}

}  // namespace disposal::domain
