// Costs the AMC advances to enforce a claim (实现债权的有关费用). They are the first thing a
// debtor's payment repays (民法典 art. 561), so they are booked on the claim's own costs account.
#include "domain/ledger.h"

namespace disposal::domain {
namespace {

// Costs are repaid first by the debtor's payments, each allocated on the balances of its date:
// a cost booked, or taken back, on or before the latest of them would change an allocation
// already made.
Status CheckAfterDebtorPayments(const ClaimLedgerState& state, const Date& date,
                                const std::string& what) {
  if (!state.latest_debtor_payment || *state.latest_debtor_payment < date) return OkStatus();
  return Error::FailedPrecondition(
      what + " dated " + FormatIsoDate(date) + " would change how the debtor's payment of " +
      FormatIsoDate(*state.latest_debtor_payment) +
      " was allocated (costs first); date it after that payment, or reverse the payment first");
}

}  // namespace

Result<LedgerEntry> PlanCost(const ClaimLedgerState& state, const CostAdvance& cost,
                             const std::string& request_id) {
  const Date opening = LedgerOpeningDate(state.claim);
  if (cost.paid_date < opening) {
    return Error::FailedPrecondition("paid_date " + FormatIsoDate(cost.paid_date) +
                                     " is before the claim's books open on " +
                                     FormatIsoDate(opening));
  }
  if (const auto sale = ClaimLevelSale(state)) {
    return Error::FailedPrecondition("the claim's costs left the books with " +
                                     SaleText(sale->first, sale->second) +
                                     "; costs paid since cannot be booked on it");
  }
  RETURN_IF_ERROR(CheckAfterDebtorPayments(state, cost.paid_date, "paid_date: a cost"));
  LedgerEntry entry;
  entry.kind = EntryKind::kCost;
  entry.request_id = request_id;
  entry.effective_date = cost.paid_date;
  entry.claim_id = state.claim.id;
  entry.memo = cost.description;
  entry.postings.push_back({{ClaimCostsAccount(state.claim.id), Side::kDebit, cost.amount}, 0});
  entry.postings.push_back({{std::string(kAmcCashAccount), Side::kCredit, cost.amount}, 0});
  return entry;
}

Status CheckCostReversible(const LedgerEntry& cost, const ClaimLedgerState& state) {
  return CheckAfterDebtorPayments(state, cost.effective_date,
                                  "taking back the cost of entry " + std::to_string(cost.entry_id));
}

Result<LedgerEntry> Ledger::RecordCost(const CostAdvance& cost, const RequestKey& key,
                                       const AuditContext& audit) {
  if (cost.amount.is_negative() || cost.amount.is_zero()) {
    return Error::InvalidArgument("amount", "must be more than zero");
  }
  if (!IsRealDate(cost.paid_date.year, cost.paid_date.month, cost.paid_date.day)) {
    return Error::InvalidArgument("paid_date", "must be a real date");
  }
  if (cost.paid_date > today_()) {
    return Error::InvalidArgument("paid_date", "must not be in the future");
  }
  ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
  if (earlier && !earlier->entries.empty()) return std::move(earlier->entries.back());
  ASSIGN_OR_RETURN(ClaimLedgerState state, repository_.LoadClaimState(cost.claim_id));
  std::vector<LedgerEntry> entries;
  if (!state.opened) {
    LedgerEntry opening = OpeningEntry(state.claim, "opening/" + state.claim.id);
    if (!opening.postings.empty()) entries.push_back(std::move(opening));
  }
  ASSIGN_OR_RETURN(LedgerEntry entry, PlanCost(state, cost, key.request_id));
  entries.push_back(std::move(entry));
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> booked,
                   repository_.Book(cost.claim_id, state, entries, key, audit));
  return std::move(booked.back());
}

}  // namespace disposal::domain
