// Internal to store/: text codes for the registry enums.
#ifndef DISPOSAL_SERVER_STORE_REGISTRY_CODES_H_
#define DISPOSAL_SERVER_STORE_REGISTRY_CODES_H_

#include <string>
#include <vector>

#include "domain/eligibility.h"

namespace disposal::store {

std::string ToCode(domain::PersonRole role);
std::string ToCode(domain::RelationKind kind);
std::string ToCode(domain::ParticipationKind kind);
std::string ToCode(domain::ListKind kind);
domain::PersonRole PersonRoleFromCode(const std::string& code);
domain::RelationKind RelationKindFromCode(const std::string& code);
domain::ParticipationKind ParticipationKindFromCode(const std::string& code);
domain::ListKind ListKindFromCode(const std::string& code);
// Every list kind's code, e.g. to look up an identifier on each list through the primary key.
std::vector<std::string> AllListKindCodes();

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REGISTRY_CODES_H_
