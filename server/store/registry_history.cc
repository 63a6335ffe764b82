// Rebuilding the registry as of an earlier version: copy each registry table into a temporary
// table of the same name, undo there every change recorded after that version, and let the
// snapshot loader read the copies (temporary tables come first in the search path, so the
// loader's unqualified names find them).
#include "store/registry_history.h"

#include <string>

#include "store/connection_pool.h"
#include "store/registry_snapshot_loader.h"

namespace disposal::store {
namespace {

// Every table the loader reads. These names are written into the SQL below; they come from
// this list only, never from a request.
constexpr const char* kRegistryTables[] = {
    "registry_persons",      "registry_organizations",  "registry_roles",
    "registry_relations",    "registry_participations", "registry_engagements",
    "registry_list_entries",
};

// Copying a large registry is one statement per table, longer than the pool's bound for a
// request's statement; a replay is a rare auditor's call and may take its time.
constexpr std::chrono::seconds kStatementTimeout{300};

constexpr char kUndoTable[] =
    "CREATE TEMP TABLE registry_undo (table_name text, body jsonb, delta bigint) ON COMMIT DROP";

// What the changes after $1 did, per distinct row: -1 for a row they added (in the registry now,
// absent then), +1 for a row they removed. Each change removes its old row and adds its new one,
// so the sum over a row's changes telescopes: the order of the changes does not matter, and
// undoing them all takes two set operations per table instead of one statement per change.
constexpr char kCollectUndo[] = R"sql(
  INSERT INTO registry_undo (table_name, body, delta)
  SELECT h.table_name, c.body, sum(c.delta)
  FROM registry_history h
  CROSS JOIN LATERAL (VALUES (h.old_row, 1), (h.new_row, -1)) AS c (body, delta)
  WHERE c.body IS NOT NULL
    -- A range for the BRIN index first, then the exact transactions.
    AND h.txid >= (SELECT min(txid) FROM registry_versions WHERE version > $1)
    AND h.txid IN (SELECT txid FROM registry_versions WHERE version > $1)
  GROUP BY h.table_name, c.body
  HAVING sum(c.delta) <> 0)sql";

Status CheckKept(pqxx::work& txn, int64_t version) {
  const pqxx::row bounds = txn.exec1(
      "SELECT (SELECT version FROM registry_history_start), "
      "(SELECT coalesce(max(version), 0) FROM registry_versions)");
  const int64_t start = bounds[0].as<int64_t>();
  const int64_t newest = bounds[1].as<int64_t>();
  if (version < start) {
    return Error::FailedPrecondition("registry history starts at version " + std::to_string(start) +
                                     "; version " + std::to_string(version) +
                                     " cannot be reconstructed");
  }
  if (version > newest) {
    return Error::FailedPrecondition("registry version " + std::to_string(version) +
                                     " does not exist; the newest is " + std::to_string(newest));
  }
  return OkStatus();
}

// The copy is named like the table, so it shadows the table for the rest of the transaction.
// CREATE ... AS reads the permanent table: the name is resolved before the copy exists.
void CopyAndUndo(pqxx::work& txn, const std::string& table) {
  txn.exec("CREATE TEMP TABLE " + table + " ON COMMIT DROP AS TABLE " + table);
  txn.exec_params("DELETE FROM pg_temp." + table +
                      " t USING registry_undo u "
                      "WHERE u.table_name = $1 AND u.delta < 0 AND u.body = to_jsonb(t)",
                  table);
  txn.exec_params("INSERT INTO pg_temp." + table + " SELECT r.* FROM registry_undo u, " +
                      "jsonb_populate_record(NULL::pg_temp." + table +
                      ", u.body) r WHERE u.table_name = $1 AND u.delta > 0",
                  table);
}

}  // namespace

Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadRegistrySnapshotAt(pqxx::work& txn,
                                                                               int64_t version) {
  // One repeatable-read snapshot: the registry, its history and the versions agree.
  txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  LengthenStatementTimeout(txn, kStatementTimeout);
  RETURN_IF_ERROR(CheckKept(txn, version));
  txn.exec(kUndoTable);
  txn.exec_params(kCollectUndo, version);
  for (const char* table : kRegistryTables) CopyAndUndo(txn, table);
  return ReadRegistrySnapshot(txn, version);
}

}  // namespace disposal::store
