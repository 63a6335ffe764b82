#include "domain/debt_reduction.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "domain/eligibility.h"

namespace disposal::domain {

Result<std::vector<ReductionPart>> SettleReduction(const Outstanding& owed, const Money& agreed,
                                                   const AllocationOrder& order) {
  Outstanding due = owed;
  ASSIGN_OR_RETURN(const CarriedCredit carried, CarryCredit(&due, order));
  ASSIGN_OR_RETURN(const Money total_due, TotalOf(due));
  if (agreed > total_due) {
    return Error::FailedPrecondition(
        "price", "a debt reduction settles for at most what the lot owes, " +
                     total_due.ToGroupedString() + ", not " + agreed.ToGroupedString());
  }
  ASSIGN_OR_RETURN(const Allocation allocation, Allocate(agreed, due, order));
  std::vector<ReductionPart> parts;
  for (const AllocationLine& line : allocation.lines) {
    ReductionPart part{line.bucket, AmountIn(owed, line.bucket), {}, {}};
    // What the agreed amount paid it, with the credit carried to it, less the credit it gave.
    ASSIGN_OR_RETURN(part.settled, line.applied.Add(AmountIn(carried.paid, line.bucket)));
    ASSIGN_OR_RETURN(part.settled, part.settled.Subtract(AmountIn(carried.used, line.bucket)));
    ASSIGN_OR_RETURN(part.forgiven, part.owed.Subtract(part.settled));
    parts.push_back(part);
  }
  return parts;
}

namespace {

// The exclusions aimed at the debtor's side of the claims (eligibility.cc's rule ids).
constexpr std::array<std::string_view, 4> kDebtorSideRules = {
    "excl.debtor", "excl.debtor.controller", "excl.debtor.related_entity", "excl.list.dishonest"};

bool Contains(const std::vector<std::string>& identifiers, const std::string& identifier) {
  return std::find(identifiers.begin(), identifiers.end(), identifier) != identifiers.end();
}

bool IsDebtorSide(const CheckedReason& reason, const std::vector<std::string>& disposal_obligors) {
  if (std::find(kDebtorSideRules.begin(), kDebtorSideRules.end(), reason.rule_id) !=
      kDebtorSideRules.end()) {
    return true;
  }
  if (reason.rule_id == "review.name_match" &&
      (reason.citation == kNotice2024Citation || reason.citation == kDishonestCitation)) {
    return true;
  }
  // A finding that reaches a party of the claims through others; not one of the counterparty
  // alone (its capacity, its deposit: a path of its own step only).
  return reason.path.size() > 1 && !reason.path.back().empty() &&
         Contains(disposal_obligors, reason.path.back());
}

}  // namespace

Status CheckReductionCounterparty(
    const std::string& identifier, const std::string& claim_id,
    const std::map<std::string, std::vector<std::string>>& obligors_by_claim,
    const std::vector<CheckedReason>& reasons) {
  const auto claim = obligors_by_claim.find(claim_id);
  if (claim == obligors_by_claim.end() || !Contains(claim->second, identifier)) {
    return Error::FailedPrecondition(
        "buyer",
        "a debt reduction is agreed with the lot's claim's debtor, a guarantor or a "
        "pledgor; " +
            identifier + " is none of them (a third party buys the claim: record a sale)");
  }
  std::vector<std::string> disposal_obligors;
  for (const auto& [id, obligors] : obligors_by_claim) {
    disposal_obligors.insert(disposal_obligors.end(), obligors.begin(), obligors.end());
  }
  std::vector<std::string> refusing;
  for (const CheckedReason& reason : reasons) {
    if (IsDebtorSide(reason, disposal_obligors) || Contains(refusing, reason.rule_id)) continue;
    refusing.push_back(reason.rule_id);
  }
  if (refusing.empty()) return OkStatus();
  std::string rules;
  for (const std::string& rule_id : refusing) rules += (rules.empty() ? "" : ", ") + rule_id;
  return Error::FailedPrecondition(
      "buyer",
      "the debtor's side may agree a debt reduction, but this counterparty is also "
      "caught by " +
          rules);
}

}  // namespace disposal::domain
