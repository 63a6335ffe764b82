#include "domain/penalty_judgment.h"

#include "domain/journal.h"

namespace disposal::domain {
namespace {

// The latest award date when every tranche (or the whole claim) is sold; none otherwise.
std::optional<Date> WholeClaimSoldOn(const std::map<int, Date>& sold, size_t tranches) {
  if (const auto whole = sold.find(0); whole != sold.end()) return whole->second;
  std::optional<Date> last;
  for (size_t tranche = 1; tranche <= tranches; ++tranche) {
    const auto found = sold.find(static_cast<int>(tranche));
    if (found == sold.end()) return std::nullopt;
    if (!last || *last < found->second) last = found->second;
  }
  return last;
}

}  // namespace

Result<std::optional<LedgerEntry>> PenaltyChangeEntry(const Claim& updated,
                                                      const Money& fixed_on_books,
                                                      const std::map<int, Date>& sold,
                                                      const Date& today,
                                                      const std::string& request_id) {
  const Penalty& penalty = updated.content.penalty;
  const Money target = !penalty.unliquidated && penalty.amount ? *penalty.amount : Money();
  ASSIGN_OR_RETURN(const Money change, target.Subtract(fixed_on_books));
  if (change.is_zero()) return std::optional<LedgerEntry>();
  if (const auto sold_on = WholeClaimSoldOn(sold, updated.content.tranches.size())) {
    return Error{ErrorCode::kFailedPrecondition, "claim.penalty",
                 "the whole claim was sold (its last award dated " + FormatIsoDate(*sold_on) +
                     "), and its penalty with it: a penalty of " + target.ToString() +
                     " cannot be booked, " + fixed_on_books.ToString() + " is"};
  }
  LedgerEntry entry;
  entry.kind = EntryKind::kPenalty;
  entry.request_id = request_id;
  entry.effective_date = today;
  entry.claim_id = updated.id;
  entry.memo = "penalty set to " + target.ToString() + " (" + fixed_on_books.ToString() +
               " on the books before)";
  const bool more = !change.is_negative();
  const Money size = more ? change : Money().Subtract(change).value();  // within the change
  entry.postings.push_back(
      {{ClaimPenaltyAccount(updated.id), more ? Side::kDebit : Side::kCredit, size}, 0});
  entry.postings.push_back(
      {{std::string(kAmcInterestIncomeAccount), more ? Side::kCredit : Side::kDebit, size}, 0});
  return std::optional<LedgerEntry>(std::move(entry));
}

}  // namespace disposal::domain
