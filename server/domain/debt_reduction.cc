#include "domain/debt_reduction.h"

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

}  // namespace disposal::domain
