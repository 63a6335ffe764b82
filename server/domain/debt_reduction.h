// A debt reduction (债务减免): the AMC accepts an agreed amount for a lot and forgives the rest.
// The agreed amount settles the lot's parts as a payment would (costs -> interest -> principal,
// 民法典 art. 561, then the penalty; or the contract's order), so that what is forgiven is named
// part by part: usually the penalty and principal, the parts settled last.
#ifndef DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_
#define DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_

#include <vector>

#include "domain/allocation.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

// What a reduction did to one part of the lot. owed = settled + forgiven; forgiven >= 0.
struct ReductionPart {
  AllocationBucket bucket;
  // The part's balance at the award: below zero for a credit of the debtor's (money paid that
  // the books took back since), which goes, with the agreed amount, to the parts owed.
  Money owed;
  // What the agreed amount (and the debtor's credit) settled of it: the owed balance itself
  // when below zero. The parts' settled amounts add up to the agreed amount.
  Money settled;
  // What the AMC gives up of it. The parts' forgiven amounts add up to the debt relief booked.
  Money forgiven;
};

// Splits `agreed` over the lot's parts in `order`: one part per bucket, in that order.
// FAILED_PRECONDITION naming "price" when `agreed` exceeds what is owed net of the debtor's
// credit (a reduction cannot settle for more than the debt); `agreed` must be > 0.
Result<std::vector<ReductionPart>> SettleReduction(const Outstanding& owed, const Money& agreed,
                                                   const AllocationOrder& order);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_
