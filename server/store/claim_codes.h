// Internal to store/: the text codes the schema's CHECK constraints use for domain enums.
#ifndef DISPOSAL_SERVER_STORE_CLAIM_CODES_H_
#define DISPOSAL_SERVER_STORE_CLAIM_CODES_H_

#include <string>

#include "domain/claim.h"

namespace disposal::store {

std::string ToCode(domain::PartyKind kind);
std::string ToCode(domain::ClaimStatus status);
std::string ToCode(domain::CollateralKind kind);
std::string ToCode(domain::EncumbranceKind kind);
std::string ToCode(domain::LiabilityType type);
std::string ToCode(domain::LitigationStage stage);

// Each throws std::runtime_error on a code the schema does not allow (corrupt data).
domain::PartyKind PartyKindFromCode(const std::string& code);
domain::ClaimStatus ClaimStatusFromCode(const std::string& code);
domain::CollateralKind CollateralKindFromCode(const std::string& code);
domain::EncumbranceKind EncumbranceKindFromCode(const std::string& code);
domain::LiabilityType LiabilityTypeFromCode(const std::string& code);
domain::LitigationStage LitigationStageFromCode(const std::string& code);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CLAIM_CODES_H_
