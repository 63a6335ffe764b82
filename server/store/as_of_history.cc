#include "store/as_of_history.h"

#include <stdexcept>

#include "store/claim_rows.h"
#include "store/disposal_rows.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

// A table the loaders read and the column naming the subject its rows belong to. These names
// are written into the SQL below; they come from these lists only, never from a request.
struct FamilyTable {
  const char* table;
  const char* subject_column;
};

constexpr FamilyTable kClaimTables[] = {
    {"claims", "id"},
    {"claim_tranches", "claim_id"},
    {"claim_collateral", "claim_id"},
    {"claim_encumbrances", "claim_id"},
    {"claim_guarantees", "claim_id"},
    {"claim_pledges", "claim_id"},
    {"claim_litigation", "claim_id"},
    {"claim_accrual_terms", "claim_id"},
};

constexpr FamilyTable kDisposalTables[] = {
    {"disposals", "id"},
    {"disposal_channels", "disposal_id"},
    {"disposal_lots", "disposal_id"},
    {"submissions", "disposal_id"},
};

// The time as SQL, from parameter $`n` (microseconds since the Unix epoch).
std::string TimeParameter(int n) {
  return "(to_timestamp(0) + $" + std::to_string(n) + "::bigint * interval '1 microsecond')";
}

// What the changes after the time did to the subjects' rows, per distinct row: -1 for a row
// they added (there now, absent then), +1 for a row they removed. A transaction's changes to a
// subject count at its first change's time, so a rebuild never shows half a transaction. As
// in the registry's rebuild the sum telescopes, so the changes' order does not matter.
const std::string kCollectUndo = R"sql(
  INSERT INTO subject_undo_changes (table_name, body, delta)
  SELECT h.table_name, c.body, c.delta
  FROM subject_history h
  CROSS JOIN LATERAL (VALUES (h.old_row, 1), (h.new_row, -1)) AS c (body, delta)
  WHERE c.body IS NOT NULL
    AND h.subject_id = ANY($1::uuid[]) AND h.table_name = ANY($3::text[])
    AND (h.subject_id, h.txid) IN (
      SELECT subject_id, txid FROM subject_history
      WHERE subject_id = ANY($1::uuid[]) AND table_name = ANY($3::text[])
      GROUP BY subject_id, txid
      HAVING min(change_time) > )sql" +
                                 TimeParameter(2) + R"sql())sql";

// Sums each distinct row's changes (see kCollectUndo), after NormalizeUndo.
constexpr char kSumUndo[] = R"sql(
  INSERT INTO subject_undo (table_name, body, delta)
  SELECT table_name, body, sum(delta) FROM subject_undo_changes
  GROUP BY table_name, body
  HAVING sum(delta) <> 0)sql";

// A history row keeps the columns its table had when it was written: one written before a
// column was added lacks that key, and would never equal the same row written (or read back)
// since. Passing each row through the table's current row type gives every row every column,
// absent ones as null, as to_jsonb() of a live row has them. `table` is one of the family's
// fixed names, never input.
void NormalizeUndo(pqxx::work& txn, const std::string& table) {
  txn.exec_params("UPDATE subject_undo_changes SET body = to_jsonb(jsonb_populate_record(NULL::" +
                      table + ", body)) WHERE table_name = $1",
                  table);
}

// One repeatable-read snapshot: the tables and their history agree.
void Prepare(pqxx::work& txn) {
  txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  // The history's JSON renders timestamps in UTC; the copies' rows must render the same way.
  txn.exec("SET LOCAL TimeZone = 'UTC'");
}

// Copies the family's rows of the subjects into temporary tables and undoes the later changes
// there. Returns whether the time precedes the history's start (the copies then hold the
// subjects as they were when it started). One family per transaction.
template <size_t N>
bool RebuildFamily(pqxx::work& txn, const FamilyTable (&family)[N], const std::string& ids,
                   int64_t as_of_micros) {
  std::string names = "{";
  for (const FamilyTable& t : family) names += std::string(names.size() > 1 ? "," : "") + t.table;
  names += "}";
  txn.exec(
      "CREATE TEMP TABLE subject_undo_changes (table_name text, body jsonb, delta bigint) "
      "ON COMMIT DROP");
  txn.exec(
      "CREATE TEMP TABLE subject_undo (table_name text, body jsonb, delta bigint) ON COMMIT DROP");
  txn.exec_params(kCollectUndo, ids, as_of_micros, names);
  // Before the copies below shadow the tables' names: the row types are the real tables'.
  for (const FamilyTable& t : family) NormalizeUndo(txn, t.table);
  txn.exec(kSumUndo);
  for (const FamilyTable& t : family) {
    const std::string table = t.table;
    // Named like the table, the copy shadows it for the rest of the transaction; CREATE ... AS
    // reads the real table, whose name is resolved before the copy exists.
    txn.exec_params("CREATE TEMP TABLE " + table + " ON COMMIT DROP AS SELECT * FROM " + table +
                        " WHERE " + t.subject_column + " = ANY($1::uuid[])",
                    ids);
    txn.exec_params("DELETE FROM pg_temp." + table +
                        " t USING subject_undo u "
                        "WHERE u.table_name = $1 AND u.delta < 0 AND u.body = to_jsonb(t)",
                    table);
    txn.exec_params("INSERT INTO pg_temp." + table + " SELECT r.* FROM subject_undo u, " +
                        "jsonb_populate_record(NULL::pg_temp." + table +
                        ", u.body) r WHERE u.table_name = $1 AND u.delta > 0",
                    table);
  }
  return txn
      .exec_params1("SELECT start_time > " + TimeParameter(1) + " FROM subject_history_start",
                    as_of_micros)[0]
      .as<bool>();
}

Error BeforeHistory(pqxx::work& txn, const std::string& what, int64_t as_of_micros) {
  const std::string start =
      txn.exec1(
             "SELECT to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
             "FROM subject_history_start")[0]
          .as<std::string>();
  return Error::FailedPrecondition(what + " existed before its history starts (" + start +
                                   "); its state at " + AsOfText(txn, as_of_micros) +
                                   " is not known");
}

Result<std::vector<domain::Claim>> RebuiltClaims(pqxx::work& txn,
                                                 const std::vector<std::string>& ids,
                                                 int64_t as_of_micros) {
  const bool before = RebuildFamily(txn, kClaimTables, PlainArrayLiteral(ids), as_of_micros);
  std::vector<domain::Claim> claims = LoadClaims(txn, ids);
  if (before && !claims.empty())
    return BeforeHistory(txn, "claim " + claims.front().id, as_of_micros);
  return claims;
}

}  // namespace

std::string AsOfText(pqxx::work& txn, int64_t as_of_micros) {
  return txn
      .exec_params1("SELECT to_char(" + TimeParameter(1) +
                        " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
                    as_of_micros)[0]
      .as<std::string>();
}

Result<std::vector<domain::Claim>> LoadClaimsAsOf(pqxx::work& txn,
                                                  const std::vector<std::string>& ids,
                                                  int64_t as_of_micros) {
  if (ids.empty()) return std::vector<domain::Claim>();
  Prepare(txn);
  return RebuiltClaims(txn, ids, as_of_micros);
}

Result<domain::DisposalRecord> LoadDisposalAsOf(pqxx::work& txn, const std::string& id,
                                                int64_t as_of_micros) {
  Prepare(txn);
  const bool before = RebuildFamily(txn, kDisposalTables, PlainArrayLiteral({id}), as_of_micros);
  std::vector<domain::DisposalRecord> records = LoadDisposals(txn, {id}, as_of_micros);
  if (records.empty()) {
    return Error::NotFound("disposal " + id + " did not exist at " + AsOfText(txn, as_of_micros));
  }
  if (before) return BeforeHistory(txn, "disposal " + id, as_of_micros);
  return std::move(records.front());
}

void StampWithHistoryTime(pqxx::work& txn, const std::string& table, const std::string& id,
                          bool created) {
  if (table != "claims" && table != "disposals") throw std::logic_error("no history: " + table);
  txn.exec_params("UPDATE " + table + " SET update_time = h.at" +
                      (created ? ", create_time = h.at" : "") +
                      " FROM (SELECT min(change_time) AS at FROM subject_history "
                      "WHERE subject_id = $1::uuid AND txid = txid_current() "
                      // This transaction's rows only: the index range from its start (a
                      // minute's margin for the clock), not the subject's whole history.
                      "AND change_time >= now() - interval '1 minute') h "
                      "WHERE id = $1::uuid AND h.at IS NOT NULL",
                  id);
}

Result<domain::Claim> LoadClaimLedgerAsOf(pqxx::work& txn, const std::string& id,
                                          int64_t as_of_micros) {
  Prepare(txn);
  ASSIGN_OR_RETURN(std::vector<domain::Claim> claims, RebuiltClaims(txn, {id}, as_of_micros));
  if (claims.empty()) {
    return Error::NotFound("claim " + id + " did not exist at " + AsOfText(txn, as_of_micros));
  }
  // Booked rows are never changed, so the entries recorded by then are the ledger as it was.
  txn.exec_params(
      "CREATE TEMP TABLE journal_entries ON COMMIT DROP AS SELECT * FROM "
      "journal_entries WHERE claim_id = $1::uuid AND recorded_at <= " +
          TimeParameter(2),
      id, as_of_micros);
  return std::move(claims.front());
}

}  // namespace disposal::store
