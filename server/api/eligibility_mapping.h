// Translation between disposal.v1 eligibility/registry messages and the domain types.
#ifndef DISPOSAL_SERVER_API_ELIGIBILITY_MAPPING_H_
#define DISPOSAL_SERVER_API_ELIGIBILITY_MAPPING_H_

#include "disposal/v1/eligibility.pb.h"
#include "domain/eligibility_checker.h"
#include "domain/registry_repository.h"

namespace disposal::api {

// Validates the bidder (identifier check digits, birth date), amounts and date. `as_of_given`
// tells whether the request fixed the date.
Result<domain::BidderQuery> BidderQueryFromProto(const v1::CheckBidderEligibilityRequest& request,
                                                 bool* as_of_given);

void DecisionToProto(const domain::Decision& decision,
                     const std::vector<std::string>& described_settings,
                     v1::EligibilityDecision* out);

// A partner's copy of `decision`, mapped from `result`: every person its reasons reach other
// than the bidder (a step after the first that `result` marks as a person; organisations are
// told by their kind, not by their identifier's shape) is shown masked, in the steps and in the
// messages: the national ID as its first 3 and last 2 characters, the name as its first
// character, each followed by '*'s. The outcome, rule ids, citations, relations, roles and
// organisations stay. A partner learns why, not who: otherwise a made-up ID with a common name
// would list the registry's excluded persons and their families. The receipt keeps the whole
// decision for staff and auditors.
void MaskThirdPartyPersons(const domain::EligibilityResult& result,
                           v1::EligibilityDecision* decision);

// Maps and validates one change; errors name the field under `prefix`.
Result<domain::RegistryChange> RegistryChangeFromProto(const v1::RegistryChange& change,
                                                       const std::string& prefix);

// What the registry holds on one party, as GetRegistryParty answers it.
void RegistryPartyToProto(const domain::RegistryParty& party, v1::RegistryParty* out);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ELIGIBILITY_MAPPING_H_
