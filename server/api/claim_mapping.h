// Translation between the disposal.v1 messages and the domain's claim types.
#ifndef DISPOSAL_SERVER_API_CLAIM_MAPPING_H_
#define DISPOSAL_SERVER_API_CLAIM_MAPPING_H_

#include "api/wire_values.h"
#include "disposal/v1/claims.pb.h"
#include "domain/claim.h"

namespace disposal::api {

// Converts wire values (Money, Decimal, Date, enums, parties) into domain values. Errors are
// INVALID_ARGUMENT naming the field under `prefix` (e.g. "claim.tranches[0].principal").
// Business rules (lengths, ranges, identifiers) are the domain's: see ValidateClaimContent.
Result<domain::ClaimContent> ClaimContentFromProto(const v1::Claim& claim,
                                                   const std::string& prefix);

// Fills every field, including the derived totals. Fails only if the totals overflow.
Result<v1::Claim> ClaimToProto(const domain::Claim& claim);

Result<domain::ClaimStatus> ClaimStatusFromProto(v1::ClaimStatus status, const std::string& field);
v1::ClaimStatus ClaimStatusToProto(domain::ClaimStatus status);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_CLAIM_MAPPING_H_
