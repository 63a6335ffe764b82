// The ledger's use cases: opening a claim's accounts, accruing its interest period by period
// (planned in accrual_plan.h), reversing entries, recording outcomes and payments, and reading
// balances and statements as of a date.
#ifndef DISPOSAL_SERVER_DOMAIN_LEDGER_H_
#define DISPOSAL_SERVER_DOMAIN_LEDGER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accrual_plan.h"
#include "domain/ledger_repository.h"
#include "domain/outcome.h"

namespace disposal::domain {

struct AccrualResult {
  std::vector<LedgerEntry> entries;
  Money interest;
  Money penalty;
  std::optional<Date> accrued_through;
};

struct ClaimStatementView {
  std::string claim_id;
  Date as_of{};
  Money opening_principal, opening_interest, opening_penalty;
  Money accrued_interest, accrued_penalty;
  Money penalty_judged;  // penalties fixed after the ledger opened (kPenalty entries)
  Money principal_balance, interest_balance, penalty_balance, costs_balance;
  Money recovered;           // cash received from the debtor or the buyers of its lots
  Money deposits_kept;       // deposits kept from defaulting buyers, net of refunds
  Money costs_advanced;      // cash the AMC paid for the claim's costs, net of reversals
  Money receivable_balance;  // what the buyers still owe
  Money disposal_loss;       // loss (positive) or gain (negative) booked by awards
  Money debt_relief;
  std::optional<Date> accrued_through;
  // The claim's penalty (违约金) as of the statement: unliquidated, never shown as a zero owed.
  bool penalty_unliquidated = false;
  std::string penalty_unliquidated_basis;
};

// Costs the AMC paid to enforce a claim (court fees, appraisal, auction commission).
struct CostAdvance {
  std::string claim_id;
  Money amount;
  Date paid_date{};
  std::string description;
};

// The entry that books `cost` on the claim: debit its costs account at claim level (tranche 0:
// costs concern the claim, not one tranche) and credit cash. FAILED_PRECONDITION for a date
// before the claim's books open, or on or before the latest debtor payment still standing, or
// once the claim-level balances left the books with a sale (the whole claim, or its last
// tranche sold lot by lot): nothing would be left to repay them to.
Result<LedgerEntry> PlanCost(const ClaimLedgerState& state, const CostAdvance& cost,
                             const std::string& request_id);
// Also FAILED_PRECONDITION, from PlanCost and for reversing a cost entry: dated on or before
// the latest debtor payment still standing, which was allocated (costs first) without it.
Status CheckCostReversible(const LedgerEntry& cost, const ClaimLedgerState& state);

// The entries a debtor's payment or an award dated `request.through_date` books before itself:
// the claim's interest accrued through that date on `request`'s terms (PlanAccruals), after
// the opening entry when the claim's books are not open yet. None when the date is on or
// before the day the books open or the date accrued through, or when nothing of the claim
// accrues.
Result<std::vector<LedgerEntry>> AccrualsThrough(const ClaimLedgerState& state,
                                                 const AccrualRequest& request,
                                                 const std::string& request_id);

// `AccrualsThrough` for a payment's or an award's accrue_first: errors naming a field name it
// under "accrue_first".
Result<std::vector<LedgerEntry>> AccrualsFirst(const ClaimLedgerState& state,
                                               const AccrualRequest& asked,
                                               const std::string& request_id);

// What a debtor's payment or an award books first when its claim turns out to have accrual
// terms of its own (EntriesFirst::on_claim_terms): `asked` (its accrue_first, or "as last
// accrued") through its date on the claim's terms, request ids "<request_id>/<period end>".
// A field named by a refusal is under "accrue_first" only when the call `stated` it.
std::function<Result<std::vector<LedgerEntry>>(const ClaimLedgerState&)> OnClaimTerms(
    AccrualRequest asked, const std::string& request_id, bool stated);

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
  // `outcome`); the booking transaction checks `conditions` again. The schedule must add up to
  // the price; an empty schedule is a lump sum due on the award date.
  // With `accrue_first` (its claim_id and through_date are filled here), the claim's interest
  // is first accrued through the award date on those terms, in the award's transaction, so that
  // the lot is sold at its book value with the interest of the days since the last accrual.
  Result<OutcomeRecord> RecordOutcome(OutcomeRecord outcome, const AwardConditions& conditions,
                                      const RequestKey& key, const AuditContext& audit,
                                      std::optional<AccrualRequest> accrue_first = std::nullopt);
  Result<OutcomeRecord> GetOutcome(const std::string& id) { return outcomes_.GetOutcome(id); }
  Result<std::vector<OutcomeRecord>> Outcomes(const OutcomeParent& parent, int64_t after_entry_id,
                                              int limit) {
    return outcomes_.ListOutcomes(parent, after_entry_id, limit);
  }
  // Rescinds an award: reverses its entry on the award date (Reverse's rules), with
  // `forfeited_deposit` books the buyer's deposit kept (PlanForfeiture, dated today) in the same
  // transaction, and returns the outcome as it now stands.
  Result<OutcomeRecord> RescindOutcome(const std::string& id, const std::string& memo,
                                       const std::optional<Money>& forfeited_deposit,
                                       const RequestKey& key, const AuditContext& audit);
  // What an earlier call with this request key booked, so that a retry is answered before the
  // award's gate and eligibility are asked again (they may have changed since).
  Result<std::optional<OutcomeRecord>> EarlierOutcome(const RequestKey& key) {
    return outcomes_.EarlierOutcome(key);
  }
  // Books costs paid for a claim (PlanCost), after its opening entry when its accounts are not
  // open yet, in one transaction. A retry with the same request key returns the first entry.
  Result<LedgerEntry> RecordCost(const CostAdvance& cost, const RequestKey& key,
                                 const AuditContext& audit);
  // A buyer's payment (outcome_id set) or a debtor's (claim_id set); `order` for a debtor's.
  // With `accrue_first` (a debtor's payment; its claim_id and through_date are filled here),
  // the claim's interest is first accrued through the payment's date on those terms, in the
  // payment's transaction, so that art. 561's interest includes the days since the last
  // accrual; nothing is accrued when the claim is accrued through that date already or
  // nothing of it accrues.
  Result<PaymentRecord> RecordPayment(PaymentRecord payment, const AllocationOrder& order,
                                      const RequestKey& key, const AuditContext& audit,
                                      std::optional<AccrualRequest> accrue_first = std::nullopt);

 private:
  Error NamingTheSale(const std::string& claim_id, Error refused);

  // The reversal of `entry_id` and the claim state it was planned on; Reverse's checks.
  struct PlannedReversal {
    LedgerEntry reversal;
    ClaimLedgerState state;
  };
  Result<PlannedReversal> PlanReversal(int64_t entry_id, const std::optional<Date>& effective_date,
                                       const std::string& memo, const RequestKey& key);

  LedgerRepository& repository_;
  OutcomeRepository& outcomes_;
  std::function<Date()> today_;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_LEDGER_H_
