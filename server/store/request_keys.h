// Internal to store/: request ids that make mutating calls safe to retry.
#ifndef DISPOSAL_SERVER_STORE_REQUEST_KEYS_H_
#define DISPOSAL_SERVER_STORE_REQUEST_KEYS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/claim_repository.h"
#include "domain/result.h"

namespace disposal::store {

// Waits for any other transaction holding the same request id (of any RPC) to finish, and
// holds the id until this transaction ends. Calls that record their id elsewhere than in
// request_keys (the ledger's journal entries) take it first, before any row lock, so that two
// concurrent calls with one id, even on different claims, never both book. No-op for an empty
// id.
void LockRequestId(pqxx::work& txn, const std::string& request_id);

// Looks up `key.request_id` for `rpc`, waiting for a concurrent call that holds the same id to
// finish. Returns the resource id the first call produced (the caller returns it and writes
// nothing), nullopt when the id is new or empty, or ALREADY_EXISTS when the id was used with a
// different body or another RPC.
Result<std::optional<std::string>> ClaimRequestKey(pqxx::work& txn, const domain::RequestKey& key,
                                                   const std::string& rpc);

// Records the request id with the resource it produced. No-op for an empty request id.
void RecordRequestKey(pqxx::work& txn, const domain::RequestKey& key, const std::string& rpc,
                      const std::string& resource_id);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REQUEST_KEYS_H_
