// A debt reduction (债务减免): the AMC accepts an agreed amount for a lot and forgives the rest.
// The agreed amount settles the lot's parts as a payment would (costs -> interest -> principal,
// 民法典 art. 561, then the penalty; or the contract's order), so that what is forgiven is named
// part by part: usually the penalty and principal, the parts settled last.
#ifndef DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_
#define DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_

#include <map>
#include <string>
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

// One reason of a counterparty's eligibility check, as CheckReductionCounterparty weighs it.
struct CheckedReason {
  std::string rule_id;
  std::string citation;
  // The identifiers of its path's steps, from the counterparty's own ("" for a step without).
  std::vector<std::string> path;
};

// Whether a counterparty may agree a debt reduction of a claim, given the reasons its
// eligibility check at award time gave (whatever their outcome). A reduction is agreed with
// those bound to pay the claim: its debtor, a guarantor or a pledgor (the identifiers
// `obligors_by_claim` holds at `claim_id`), who settle the claim rather than buy it. So what
// keeps the debtor's side from buying does not refuse it: the 2024 notice's debtor and
// related parties (excl.debtor, excl.debtor.controller, excl.debtor.related_entity), the
// dishonest judgment debtors' list (on which a defaulting debtor is expected), a finding that
// ends at a party of any of the disposal's claims (the management of a state-owned debtor,
// item 5, and an entity or relative reached through it, items 7 and 8), and a name-match
// review under those rules. Every other reason refuses it: the officials and staff of §1,
// their entities and relatives, sanctions lists, capacity, the deposit, any other review.
// FAILED_PRECONDITION naming "buyer" otherwise.
Status CheckReductionCounterparty(
    const std::string& identifier, const std::string& claim_id,
    const std::map<std::string, std::vector<std::string>>& obligors_by_claim,
    const std::vector<CheckedReason>& reasons);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DEBT_REDUCTION_H_
