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

// Maps and validates one change; errors name the field under `prefix`.
Result<domain::RegistryChange> RegistryChangeFromProto(const v1::RegistryChange& change,
                                                       const std::string& prefix);

// What the registry holds on one party, as GetRegistryParty answers it.
void RegistryPartyToProto(const domain::RegistryParty& party, v1::RegistryParty* out);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ELIGIBILITY_MAPPING_H_
