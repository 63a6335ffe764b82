#include "store/request_keys.h"

namespace disposal::store {

void LockRequestId(pqxx::work& txn, const std::string& request_id) {
  if (request_id.empty()) return;
  txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", request_id);
}

Result<std::optional<std::string>> ClaimRequestKey(pqxx::work& txn, const domain::RequestKey& key,
                                                   const std::string& rpc) {
  if (key.request_id.empty()) return std::optional<std::string>();
  // A transaction-scoped advisory lock on the id serialises concurrent retries of one request:
  // the second waits for the first to commit, then sees its row.
  LockRequestId(txn, key.request_id);
  // Request ids are one namespace: the ledger's calls keep theirs with their entries (or as a
  // call that booked nothing), and an id one of them used is taken here too.
  pqxx::result row = txn.exec_params(
      "SELECT r.rpc, r.body_sha256, r.resource_id::text, "
      "  EXISTS (SELECT 1 FROM journal_entries WHERE call_request_id = $1) "
      "  OR EXISTS (SELECT 1 FROM ledger_calls_without_entries WHERE call_request_id = $1) "
      "FROM (SELECT 1) one LEFT JOIN request_keys r ON r.request_id = $1",
      key.request_id);
  if (row[0][0].is_null()) {
    if (!row[0][3].as<bool>()) return std::optional<std::string>();
    return Error::AlreadyExists("request_id", "\"" + key.request_id +
                                                  "\" was already used by a ledger call; use a "
                                                  "new request id for a new request");
  }
  if (row[0][0].as<std::string>() != rpc || row[0][1].as<std::string>() != key.body_sha256) {
    return Error::AlreadyExists("request_id", "\"" + key.request_id +
                                                  "\" was already used for a different request; "
                                                  "use a new request id for a new request");
  }
  return std::optional<std::string>(row[0][2].as<std::string>());
}

void RecordRequestKey(pqxx::work& txn, const domain::RequestKey& key, const std::string& rpc,
                      const std::string& resource_id) {
  if (key.request_id.empty()) return;
  txn.exec_params(
      "INSERT INTO request_keys (request_id, rpc, body_sha256, resource_id) "
      "VALUES ($1, $2, $3, $4::uuid)",
      key.request_id, rpc, key.body_sha256, resource_id);
}

}  // namespace disposal::store
