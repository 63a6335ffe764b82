// Internal to store/: what the registry holds on one party, for a person to read.
#ifndef DISPOSAL_SERVER_STORE_REGISTRY_PARTY_READER_H_
#define DISPOSAL_SERVER_STORE_REGISTRY_PARTY_READER_H_

#include <pqxx/pqxx>
#include <string>

#include "domain/registry_repository.h"

namespace disposal::store {

// REQUIRES: `txn` is fresh (no statement run yet): it is made repeatable-read and read-only,
// so that the version and every list agree.
domain::RegistryParty ReadRegistryParty(pqxx::work& txn, const std::string& identifier,
                                        bool is_person);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REGISTRY_PARTY_READER_H_
