#include "store/audit_store.h"

#include <limits>
#include <optional>

#include "store/connection_pool.h"
#include "store/replica_reads.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

// Each page is its own short read: events are append-only, so pages read at different times
// still form one consistent prefix of the chain.
//
// A page must be an index range scan of audit_events_chain_idx in (chain_seq, seq) order that
// stops after LIMIT rows; anything else reads and sorts the whole rest of the chain for every
// page, so a stream of n events costs n^2 / (2 * page) rows. Hence:
//  - an absent filter is a NULL parameter, whose clause PostgreSQL folds away when it plans the
//    page, rather than an always-true comparison it cannot estimate;
//  - bounds are compared with event_time itself, never through audit_micros(), so that the
//    planner sees the indexed column;
//  - sorting is switched off for the page's transaction, so that a filter the planner cannot
//    estimate (the kinds) never turns the plan into a sort of the rest of the chain.
constexpr char kPageQuery[] = R"sql(
  SELECT seq, chain_seq, micros, actor, role, token_id, rpc, request_id, subject_kind,
         subject_id, subject_version, CASE WHEN octet_length(payload) <= $10 THEN payload END,
         octet_length(payload), prev_hash, hash
  FROM (
    SELECT seq, chain_seq, (extract(epoch FROM event_time) * 1000000)::bigint AS micros, actor,
           role, token_id, rpc, request_id, subject_kind, subject_id::text AS subject_id,
           subject_version, payload::text AS payload, prev_hash, hash
    FROM audit_events
    WHERE subject_kind = $1 AND subject_id = $2::uuid AND (chain_seq, seq) > ($3, $4)
      AND chain_seq <= $5
      AND ($6::bigint IS NULL OR event_time >= to_timestamp(0) + $6::bigint * interval '1 microsecond')
      AND ($7::bigint IS NULL OR event_time < to_timestamp(0) + $7::bigint * interval '1 microsecond')
      AND ($8::text[] IS NULL OR split_part(rpc, '/', 2) = ANY ($8::text[]))
    ORDER BY chain_seq, seq
    LIMIT $9) page
  ORDER BY chain_seq, seq)sql";

// Payloads larger than this are not sent with the page's rows but read one at a time while the
// page's byte budget lasts, so that the page's result holds at most 16 MiB of payloads (a
// thousand of this size) however large its events are.
constexpr int64_t kInlinePayloadBytesMax = 16 * 1024;

constexpr char kPayloadQuery[] = "SELECT payload::text FROM audit_events WHERE seq = $1";

// A bound of HistoryFilter as a parameter: NULL when unbounded.
std::optional<std::string> BoundText(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min() ||
      micros == std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return std::to_string(micros);
}

std::string Bytes(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

domain::AuditRecord RecordOf(const pqxx::row& row) {
  domain::AuditRecord e;
  e.seq = row[0].as<int64_t>();
  e.chain_seq = row[1].as<int64_t>();
  e.event_time_micros = row[2].as<int64_t>();
  e.actor = row[3].as<std::string>();
  e.role = row[4].as<std::string>();
  e.token_id = row[5].as<std::string>();
  e.rpc = row[6].as<std::string>();
  e.request_id = row[7].as<std::string>();
  e.subject_kind = row[8].as<std::string>();
  e.subject_id = row[9].as<std::string>();
  e.subject_version = row[10].as<int64_t>();
  if (!row[11].is_null()) e.payload_json = row[11].as<std::string>();
  e.prev_hash = Bytes(row[13]);
  e.hash = Bytes(row[14]);
  return e;
}

// The page's rows as events, cut where their payloads would pass the page's byte budget; the
// payloads not sent with the rows are read here.
domain::AuditPage PageWithinBudget(pqxx::work& txn, const pqxx::result& rows, int limit) {
  domain::AuditPage page;
  page.events.reserve(rows.size());
  size_t bytes = 0;
  for (const pqxx::row& row : rows) {
    const size_t size = row[12].as<size_t>();
    if (!page.events.empty() && bytes + size > domain::kAuditPagePayloadBytesMax) {
      page.more = true;
      return page;
    }
    page.events.push_back(RecordOf(row));
    if (row[11].is_null()) {
      page.events.back().payload_json =
          txn.exec_params1(kPayloadQuery, page.events.back().seq)[0].as<std::string>();
    }
    bytes += size;
  }
  page.more = rows.size() == static_cast<size_t>(limit);
  return page;
}

}  // namespace

Result<std::optional<domain::ChainHead>> PgAuditRepository::Head(
    const domain::AuditSubjectRef& subject) {
  return InReadTransaction<std::optional<domain::ChainHead>>(
      database_, [&](pqxx::work& txn) -> Result<std::optional<domain::ChainHead>> {
        pqxx::result rows = txn.exec_params(
            "SELECT chain_seq, hash FROM audit_heads WHERE subject_kind = $1 AND "
            "subject_id = $2::uuid",
            subject.kind, subject.id);
        if (rows.empty()) return std::optional<domain::ChainHead>();
        return std::optional<domain::ChainHead>(
            domain::ChainHead{rows[0][0].as<int64_t>(), Bytes(rows[0][1])});
      });
}

Result<domain::ChainExtent> PgAuditRepository::Extent(const domain::AuditSubjectRef& subject) {
  // One statement, so one snapshot: an append committed between two reads would otherwise
  // show an event past the head read first.
  return InReadTransaction<domain::ChainExtent>(
      database_, [&](pqxx::work& txn) -> Result<domain::ChainExtent> {
        const pqxx::row row = txn.exec_params1(
            "SELECT h.chain_seq, h.hash, "
            "       (SELECT max(chain_seq) FROM audit_events "
            "        WHERE subject_kind = $1 AND subject_id = $2::uuid) "
            "FROM (VALUES (1)) AS one "
            "LEFT JOIN audit_heads h ON h.subject_kind = $1 AND h.subject_id = $2::uuid",
            subject.kind, subject.id);
        domain::ChainExtent extent;
        if (!row[0].is_null()) extent.head = domain::ChainHead{row[0].as<int64_t>(), Bytes(row[1])};
        if (!row[2].is_null()) extent.last_stored_chain_seq = row[2].as<int64_t>();
        return extent;
      });
}

Result<domain::AuditPage> PgAuditRepository::Page(const domain::AuditSubjectRef& subject,
                                                  const domain::HistoryFilter& filter,
                                                  const domain::ChainPosition& after,
                                                  int64_t through, int limit) {
  return InReadTransaction<domain::AuditPage>(
      database_, [&](pqxx::work& txn) -> Result<domain::AuditPage> {
        txn.exec("SET LOCAL enable_sort = off");
        const std::optional<std::string> start = BoundText(filter.start_micros);
        const std::optional<std::string> end = BoundText(filter.end_micros);
        const std::optional<std::string> kinds =
            filter.kinds.empty() ? std::nullopt
                                 : std::optional<std::string>(PlainArrayLiteral(filter.kinds));
        pqxx::result rows = txn.exec_params(kPageQuery, subject.kind, subject.id, after.chain_seq,
                                            after.seq, through, OrNull(start), OrNull(end),
                                            OrNull(kinds), limit, kInlinePayloadBytesMax);
        return PageWithinBudget(txn, rows, limit);
      });
}

}  // namespace disposal::store
