// The ledger's use cases: opening a claim's accounts, accruing its interest period by period,
// reversing entries, and reading balances and statements as of a date. The planning steps are
// pure functions, so the arithmetic is tested without a database.
#ifndef DISPOSAL_SERVER_DOMAIN_LEDGER_H_
#define DISPOSAL_SERVER_DOMAIN_LEDGER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/ledger_repository.h"
#include "domain/outcome.h"

namespace disposal::domain {

// The accounts an entry kind moves money from and to. Accrued amounts go to:
//   interest: contract interest, and compound interest on overdue interest (利息, 复利);
//   penalty: penalty interest on overdue principal above the contract rate (罚息), and the
//            court's doubled-part interest; the unliquidated 违约金 is never booked.
struct AccrualRequest {
  std::string claim_id;
  Date through_date{};
  DayCountBasis basis = DayCountBasis::kAct360;
  bool compound_overdue_interest = false;
  std::optional<CourtDelayTerms> court;
};

struct AccrualResult {
  std::vector<LedgerEntry> entries;
  Money interest;
  Money penalty;
  std::optional<Date> accrued_through;
};

struct ClaimStatementView {
  std::string claim_id;
  Date as_of{};
  Money opening_principal, opening_interest;
  Money accrued_interest, accrued_penalty;
  Money principal_balance, interest_balance, penalty_balance, costs_balance;
  Money recovered;           // cash received from the debtor or the buyers of its lots
  Money receivable_balance;  // what the buyers still owe
  Money disposal_loss;       // loss (positive) or gain (negative) booked by awards
  Money debt_relief;
  std::optional<Date> accrued_through;
};

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

class Ledger {
 public:
  // `today` gives the current business date in Asia/Shanghai.
  Ledger(LedgerRepository& repository, OutcomeRepository& outcomes, std::function<Date()> today)
      : repository_(repository), outcomes_(outcomes), today_(std::move(today)) {}

  // Opens the claim's accounts when needed and books its accruals through the date, in one
  // transaction. A retry with the same request key returns the first result.
  Result<AccrualResult> Accrue(const AccrualRequest& request, const RequestKey& key,
                               const AuditContext& audit);
  // Books the opposite of an entry: an accrual, a payment (which then no longer counts towards
  // its schedule), or an award (which rescinds it; the store refuses it while a payment or a
  // later award booked on the claim after it stands). FAILED_PRECONDITION for an opening
  // entry, a reversal, or an entry on a tranche sold since.
  Result<LedgerEntry> Reverse(int64_t entry_id, const std::optional<Date>& effective_date,
                              const std::string& memo, const RequestKey& key,
                              const AuditContext& audit);
  // `as_of` is the effective date counted to; `as_of_micros` (microseconds since the Unix
  // epoch) reads the ledger as it stood then: only entries recorded by then count, and a
  // statement shows the claim as it was. Without `as_of`, the date is today, or the
  // (Asia/Shanghai) date of `as_of_micros` when given.
  // The effective date those count to: `as_of`, else the Asia/Shanghai date of `as_of_micros`,
  // else today.
  Date AsOfDate(const std::optional<Date>& as_of, std::optional<int64_t> as_of_micros) const;
  Result<std::vector<AccountTotals>> TrialBalance(const std::optional<Date>& as_of,
                                                  std::optional<int64_t> as_of_micros = {});
  Result<ClaimStatementView> Statement(const std::string& claim_id,
                                       const std::optional<Date>& as_of,
                                       std::optional<int64_t> as_of_micros = {});
  Result<std::vector<LedgerEntry>> Entries(const std::string& claim_id, int64_t after_id,
                                           int limit);

  // Books an award whose gate and eligibility the caller has checked (the decision id is in
  // `outcome`). The schedule must add up to the price; an empty schedule is a lump sum due on
  // the award date.
  Result<OutcomeRecord> RecordOutcome(OutcomeRecord outcome, const RequestKey& key,
                                      const AuditContext& audit);
  Result<OutcomeRecord> GetOutcome(const std::string& id) { return outcomes_.GetOutcome(id); }
  // Rescinds an award: reverses its entry on the award date (Reverse's rules), and returns the
  // outcome as it now stands.
  Result<OutcomeRecord> RescindOutcome(const std::string& id, const std::string& memo,
                                       const RequestKey& key, const AuditContext& audit);
  // What an earlier call with this request key booked, so that a retry is answered before the
  // award's gate and eligibility are asked again (they may have changed since).
  Result<std::optional<OutcomeRecord>> EarlierOutcome(const RequestKey& key) {
    return outcomes_.EarlierOutcome(key);
  }
  // A buyer's payment (outcome_id set) or a debtor's (claim_id set); `order` for a debtor's.
  Result<PaymentRecord> RecordPayment(PaymentRecord payment, const AllocationOrder& order,
                                      const RequestKey& key, const AuditContext& audit);

 private:
  LedgerRepository& repository_;
  OutcomeRepository& outcomes_;
  std::function<Date()> today_;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_LEDGER_H_
