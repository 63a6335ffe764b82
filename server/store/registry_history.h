// Internal to store/: the registry as it was at an earlier version, rebuilt from the registry
// and its history (schema/0009_registry_history.sql).
//
// Version V here means every change of the transactions numbered V or lower. A snapshot loaded
// while a lower-numbered transaction was still open lacked that transaction's changes; its
// rebuild includes them. Only concurrent registry writers can cause this.
#ifndef DISPOSAL_SERVER_STORE_REGISTRY_HISTORY_H_
#define DISPOSAL_SERVER_STORE_REGISTRY_HISTORY_H_

#include <memory>
#include <pqxx/pqxx>

#include "domain/eligibility.h"

namespace disposal::store {

// REQUIRES: `txn` is fresh (no statement run yet): it is made repeatable-read, and it writes
// temporary tables that its end drops. FAILED_PRECONDITION for a version older than the kept
// history or newer than the registry.
Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadRegistrySnapshotAt(pqxx::work& txn,
                                                                               int64_t version);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REGISTRY_HISTORY_H_
