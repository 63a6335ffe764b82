// Planning a claim's accruals, pure: which parts accrue (tranches with a rate, the court's
// interest), the entry of each month-end period, corrections of periods already booked, and
// the opening entry that brings the claim's book value into the ledger. No I/O: the arithmetic
// is tested without a database.
#ifndef DISPOSAL_SERVER_DOMAIN_ACCRUAL_PLAN_H_
#define DISPOSAL_SERVER_DOMAIN_ACCRUAL_PLAN_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/ledger_repository.h"

namespace disposal::domain {

// The accounts an entry kind moves money from and to. Accrued amounts go to:
//   interest: contract interest, penalty interest on overdue principal above the contract rate
//             (罚息) and compound interest on overdue interest (利息, 复利): art. 561's interest;
//   penalty: the court's doubled-part interest, paid last; the unliquidated 违约金 is never
//            booked.
struct AccrualRequest {
  std::string claim_id;
  Date through_date{};
  DayCountBasis basis = DayCountBasis::kAct360;
  bool compound_overdue_interest = false;
  std::optional<CourtDelayTerms> court;
  // Whether the caller named the basis (rather than leaving it to the default). A claim with
  // terms of its own refuses a named basis, compound interest or court interest that its own
  // terms do not have.
  bool basis_stated = false;
  // Instead of the three above: the claim's own terms, or the terms of its latest accrual
  // (ClaimLedgerState::last_accrual_terms), or the defaults when it has none. Resolved by
  // ResolveTerms.
  bool as_last_accrued = false;
};

// `request` with its terms resolved. A claim with terms of its own accrues on them: the
// request's must be unstated or the same (FAILED_PRECONDITION naming the claim's otherwise).
// Else as given, or those of the claim's latest accrual when it asks for them (the defaults
// when the claim was never accrued). FAILED_PRECONDITION when it asks for them and the claim
// was accrued without its terms on record (before migration 0021): the defaults could be
// wrong for it.
Result<AccrualRequest> ResolveTerms(AccrualRequest request, const ClaimLedgerState& state);

// A tranche's principal over time, for accrual: `acquired` changed by each of `changes` (sorted
// by date) that concerns the tranche, one step per date. Once the claim's ledger is open the
// caller passes zero as `acquired`: the opening entry's change brings in the principal as
// booked, so later edits of the claim's figures do not move the timeline.
std::vector<PrincipalStep> PrincipalSteps(const Money& acquired, int tranche,
                                          const std::vector<PrincipalChange>& changes);

// The day the claim's books open: its tranches' earliest interest cut-off date. The claim's
// figures are as of then, so nothing can be booked on it with an earlier date.
Date LedgerOpeningDate(const Claim& claim);

// The opening entry that brings a claim's book value into the ledger: per tranche, debit its
// principal and interest at the cut-off date, credit amc/acquisitions. Effective on
// LedgerOpeningDate. Empty postings when the claim's book value is zero.
LedgerEntry OpeningEntry(const Claim& claim, const std::string& request_id);

// The accrual entries for (accrued-through or the earliest cut-off, request.through_date], one
// per month-end period with anything to book. Each tranche accrues from its own cut-off date;
// per component, an entry books cumulative(period end) - cumulative(period start), so any
// split adds up exactly to the one-shot figure. FAILED_PRECONDITION when no tranche has a rate
// (and no court interest is asked for) or a penalty rate is below its contract rate.
Result<std::vector<LedgerEntry>> PlanAccruals(const ClaimLedgerState& state,
                                              const AccrualRequest& request,
                                              const std::string& request_id);

// What the standing accrual of `period`, booked on `terms` and ending after `date`, holds for
// the days (period.start, date]: an entry of that span, never booked, on the claim as it stands
// (its principal changes so far). A debtor's payment received on `date` owes it as art. 561's
// interest, though the entry that books it is dated at the period's end. A part the period held
// nothing of (accrued while its lot was sold, not caught up yet) owes none of it; no postings
// when nothing of the claim accrues.
Result<LedgerEntry> AccrualOfDaysBookedLater(const ClaimLedgerState& state,
                                             const AccrualCallTerms& terms,
                                             const AccrualPeriod& period, const Date& date);

// What a debtor's payment received inside the standing accrual `period` (booked on `terms`)
// owes for the periods before it beyond what their entries hold: the correction for
// principal changes recorded after those entries were booked (a payment received on 07-15,
// recorded after July's accrual, is corrected for in August's entry, dated 08-31, or not yet).
// It is interest of days before the payment's, owed with the period's days
// (AccrualOfDaysBookedLater). `state` is the claim as it stands; `as_booked` the same claim
// with its changes marked late as of the accrual that ends at `period.start` (what the entries
// through that day were computed on). No postings when nothing differs.
Result<LedgerEntry> CorrectionCarriedBy(const ClaimLedgerState& state,
                                        const ClaimLedgerState& as_booked,
                                        const AccrualCallTerms& terms, const AccrualPeriod& period);

// Whether any part of the claim would accrue under `request`: a tranche with a rate not sold,
// or the court's interest while some of the claim is held. PlanAccruals refuses the others.
bool AnythingAccrues(const ClaimLedgerState& state, const AccrualRequest& request);

// A change of interest recorded late (dated before the end of a period that compounded) whose
// correction only the next accrual with compound interest books, and that period.
struct PendingCompoundCorrection {
  PrincipalChange change;
  AccrualPeriod period;
};

// The first such change among `interest_changes` that `concerns` accepts; none when every
// compounded period is corrected. Both the accrual that would leave compound interest off and
// an award of the lot wait for it.
std::optional<PendingCompoundCorrection> FirstPendingCompoundCorrection(
    const std::vector<PrincipalChange>& interest_changes,
    const std::vector<AccrualPeriod>& compounded_periods,
    const std::function<bool(const PrincipalChange&)>& concerns);

// The first debtor's payment or lot's award recorded late that lowered the judgment debt in
// periods that booked the court's interest (ClaimLedgerState::judgment_debt_changes): only an
// accrual with the court's interest corrects them, and the claim-level balances wait for it.
// None when no correction waits.
std::optional<PrincipalChange> FirstLateJudgmentDebtChange(
    const std::vector<PrincipalChange>& judgment_debt_changes);

// "tranche 1 (sold 2021-09-01)", or "the whole claim (sold ...)" for tranche 0.
std::string SaleText(int tranche, const Date& award);

// Whether each of the claim's tranches has been sold lot by lot.
bool EveryTrancheSold(const ClaimLedgerState& state);

// The sale the claim-level balances (tranche 0: the court's interest, costs) left the books
// with, as (tranche, award date): the whole claim's, or, sold lot by lot, the latest award;
// nullopt while some of the claim is held.
std::optional<std::pair<int, Date>> ClaimLevelSale(const ClaimLedgerState& state);
// The same for `claim` with `sold` (award dates by tranche, 0 for the whole claim).
std::optional<std::pair<int, Date>> ClaimLevelSale(const Claim& claim,
                                                   const std::map<int, Date>& sold);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ACCRUAL_PLAN_H_
