#include "domain/penalty_judgment.h"

#include "domain/accrual_plan.h"
#include "domain/journal.h"

namespace disposal::domain {
namespace {

Status CheckFixedDate(const PenaltyBooks& books, const Date& fixed_date) {
  if (fixed_date < books.opened_on) {
    return Error{ErrorCode::kFailedPrecondition, "penalty_fixed_date",
                 FormatIsoDate(fixed_date) + " is before the claim's books open (" +
                     FormatIsoDate(books.opened_on) + ")"};
  }
  if (books.latest_change && fixed_date < *books.latest_change) {
    return Error{ErrorCode::kFailedPrecondition, "penalty_fixed_date",
                 FormatIsoDate(fixed_date) + " is before the penalty's latest change (" +
                     FormatIsoDate(*books.latest_change) +
                     "), which it would amend before it was made"};
  }
  if (books.latest_debtor_payment && fixed_date <= *books.latest_debtor_payment) {
    return Error{ErrorCode::kFailedPrecondition, "penalty_fixed_date",
                 "the debtor's payment of " + FormatIsoDate(*books.latest_debtor_payment) +
                     " was allocated without this penalty; date it after that payment, or "
                     "reverse the payment first"};
  }
  return OkStatus();
}

}  // namespace

Money PenaltyAmount(const Penalty& penalty) {
  return !penalty.unliquidated && penalty.amount ? *penalty.amount : Money();
}

Result<std::optional<LedgerEntry>> PenaltyChangeEntry(const Claim& updated,
                                                      const PenaltyBooks& books,
                                                      const Date& fixed_date,
                                                      const std::string& request_id) {
  const Money target = PenaltyAmount(updated.content.penalty);
  ASSIGN_OR_RETURN(const Money change, target.Subtract(books.fixed));
  if (change.is_zero()) return std::optional<LedgerEntry>();
  if (const auto sale = ClaimLevelSale(updated, books.sold)) {
    return Error{ErrorCode::kFailedPrecondition, "claim.penalty",
                 "the whole claim was sold (its last award dated " + FormatIsoDate(sale->second) +
                     "), and its penalty with it: a penalty of " + target.ToString() +
                     " cannot be booked, " + books.fixed.ToString() + " is"};
  }
  ASSIGN_OR_RETURN(const Money unpaid, books.balance.Subtract(books.court_interest));
  ASSIGN_OR_RETURN(const Money left, unpaid.Add(change));
  if (change.is_negative() && left.is_negative()) {
    ASSIGN_OR_RETURN(const Money paid, books.fixed.Subtract(unpaid));
    return Error{ErrorCode::kFailedPrecondition, "claim.penalty",
                 "the debtor paid " + paid.ToString() + " of the penalty of " +
                     books.fixed.ToString() + ": lowering it to " + target.ToString() +
                     " would owe the debtor a refund, which is not booked"};
  }
  RETURN_IF_ERROR(CheckFixedDate(books, fixed_date));
  LedgerEntry entry;
  entry.kind = EntryKind::kPenalty;
  entry.request_id = request_id;
  entry.effective_date = fixed_date;
  entry.claim_id = updated.id;
  entry.memo = "penalty set to " + target.ToString() + " (" + books.fixed.ToString() +
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
