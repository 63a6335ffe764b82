// Internal to store/: reads the registry into an immutable snapshot.
#ifndef DISPOSAL_SERVER_STORE_REGISTRY_SNAPSHOT_LOADER_H_
#define DISPOSAL_SERVER_STORE_REGISTRY_SNAPSHOT_LOADER_H_

#include <memory>
#include <pqxx/pqxx>

#include "domain/eligibility.h"

namespace disposal::store {

// REQUIRES: `txn` is fresh (no statement run yet): it is made repeatable-read and read-only.
std::shared_ptr<const domain::RegistrySnapshot> LoadRegistrySnapshot(pqxx::work& txn);

// Reads the registry tables that the unqualified names resolve to into a snapshot labelled
// `version`: the permanent tables, or temporary tables of the same names that shadow them (the
// registry as of an earlier version, see registry_history.h). The caller makes `txn` see one
// consistent state.
std::shared_ptr<const domain::RegistrySnapshot> ReadRegistrySnapshot(pqxx::work& txn,
                                                                     int64_t version);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REGISTRY_SNAPSHOT_LOADER_H_
