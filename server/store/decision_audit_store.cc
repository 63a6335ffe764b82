#include "store/decision_audit_store.h"

#include "store/connection_pool.h"
#include "store/registry_history.h"
#include "store/replica_reads.h"

namespace disposal::store {
namespace {

// A receipt's columns but its request and decision, which only FindDecision reads.
const std::string kSummaryColumns =
    "decision_id::text, (extract(epoch FROM decided_at) * 1000000)::bigint, actor, "
    "disposal_id::text, bidder, outcome, registry_version";

const std::string kFindDecision = "SELECT " + kSummaryColumns +
                                  ", request, decision FROM eligibility_decisions "
                                  "WHERE decision_id = $1::uuid";

// The summary columns, first in `row`.
domain::DecisionRecord SummaryFrom(const pqxx::row& row) {
  domain::DecisionRecord record;
  record.decision_id = row[0].as<std::string>();
  record.decided_micros = row[1].as<int64_t>();
  record.actor = row[2].as<std::string>();
  record.disposal_id = row[3].as<std::string>();
  record.bidder = row[4].as<std::string>();
  record.outcome = row[5].as<std::string>();
  record.registry_version = row[6].as<int64_t>();
  return record;
}

domain::DecisionRecord RecordFrom(const pqxx::row& row) {
  domain::DecisionRecord record = SummaryFrom(row);
  record.request = pqxx::binarystring(row[7]).str();
  record.decision = pqxx::binarystring(row[8]).str();
  return record;
}

// An optional filter's parameter: libpqxx sends a null pointer as SQL NULL.
const char* NullIfEmpty(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

}  // namespace

Result<domain::DecisionRecord> PgDecisionAuditRepository::FindDecision(
    const std::string& decision_id) {
  using Record = domain::DecisionRecord;
  return InReadTransaction<Record>(database_, [&](pqxx::work& txn) -> Result<Record> {
    const pqxx::result rows = txn.exec_params(kFindDecision, decision_id);
    if (rows.empty()) {
      return Error::NotFound("eligibility decision " + decision_id + " does not exist");
    }
    return RecordFrom(rows[0]);
  });
}

Result<domain::DecisionScan> PgDecisionAuditRepository::ListDecisions(
    const domain::DecisionFilter& filter, const std::string& after_decision_id, size_t limit) {
  using Scan = domain::DecisionScan;
  return InReadTransaction<Scan>(database_, [&](pqxx::work& txn) -> Result<Scan> {
    // One snapshot for the page and, when it is short, how far the read went.
    txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // The disposal's next decisions in id order, at most kDecisionsExaminedMax: the id's bounds
    // are plain ranges (NULLs coalesced to the smallest and largest UUIDs), so that the
    // disposal's index serves them in any plan.
    const std::string window =
        "SELECT " + kSummaryColumns +
        ", decision_id AS id FROM eligibility_decisions WHERE disposal_id = $1::uuid "
        "AND decision_id > coalesce($2::uuid, '00000000-0000-0000-0000-000000000000') "
        "AND decision_id < coalesce($3::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff') "
        "ORDER BY decision_id LIMIT " +
        std::to_string(domain::kDecisionsExaminedMax);
    const pqxx::result rows = txn.exec_params(
        "SELECT * FROM (" + window +
            ") examined WHERE ($4::text IS NULL OR bidder = $4) "
            "AND ($5::text IS NULL OR outcome = $5) ORDER BY id LIMIT $6",
        filter.disposal_id, NullIfEmpty(after_decision_id), NullIfEmpty(filter.before_decision_id),
        NullIfEmpty(filter.bidder), NullIfEmpty(filter.outcome), static_cast<int64_t>(limit));
    Scan scan;
    for (const pqxx::row& row : rows) scan.matched.push_back(SummaryFrom(row));
    if (scan.matched.size() >= limit) return scan;
    // A short page: did the read stop at its bound before the end? (Lower-case hex text sorts
    // as the UUIDs do; PostgreSQL has no max() of uuid.)
    const pqxx::row read = txn.exec_params1(
        "SELECT count(*), max(id::text) FROM (" + window + ") examined", filter.disposal_id,
        NullIfEmpty(after_decision_id), NullIfEmpty(filter.before_decision_id));
    if (read[0].as<int64_t>() >= static_cast<int64_t>(domain::kDecisionsExaminedMax)) {
      scan.stopped_after_id = read[1].as<std::string>();
    }
    return scan;
  });
}

Result<std::shared_ptr<const domain::RegistrySnapshot>> PgDecisionAuditRepository::LoadSnapshotAt(
    int64_t version) {
  using Snapshot = std::shared_ptr<const domain::RegistrySnapshot>;
  // On the primary: building the snapshot writes temporary tables, which a standby refuses.
  return database_.pool().InTransaction<Snapshot>(
      [&](pqxx::work& txn) -> Result<Snapshot> { return LoadRegistrySnapshotAt(txn, version); });
}

}  // namespace disposal::store
