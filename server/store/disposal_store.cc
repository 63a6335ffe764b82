#include "store/disposal_store.h"

#include <algorithm>
#include <cctype>

#include "domain/calendar.h"
#include "domain/text_rules.h"
#include "store/as_of_history.h"
#include "store/audit_rows.h"
#include "store/calendar_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/disposal_codes.h"
#include "store/disposal_rows.h"
#include "store/field_values.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::DisposalRecord;
using domain::Submission;

constexpr char kCreateRpc[] = "disposal.v1.DisposalService/CreateDisposal";
constexpr char kUpdateRpc[] = "disposal.v1.DisposalService/UpdateDisposal";
constexpr char kPublishRpc[] = "disposal.v1.DisposalService/PublishDisposal";
constexpr char kTransitionRpc[] = "disposal.v1.DisposalService/TransitionDisposal";
constexpr char kRecordRpc[] = "disposal.v1.DisposalService/RecordSubmission";
constexpr char kResolveRpc[] = "disposal.v1.DisposalService/ResolveSubmission";

Result<DisposalRecord> LoadOne(pqxx::work& txn, const std::string& id) {
  std::vector<DisposalRecord> records = LoadDisposals(txn, {id});
  if (records.empty()) return Error::NotFound("disposal " + id + " does not exist");
  return std::move(records.front());
}

// The disposal with its row locked FOR UPDATE.
Result<DisposalRecord> LockedOne(pqxx::work& txn, const std::string& id) {
  txn.exec_params("SELECT 1 FROM disposals WHERE id = $1::uuid FOR UPDATE", id);
  return LoadOne(txn, id);
}

Result<Submission> LoadSubmission(pqxx::work& txn, const std::string& id) {
  if (!domain::IsUuid(id))
    return Error::InvalidArgument("id", "must be a UUID, got " + domain::Quoted(id));
  pqxx::result row = txn.exec_params(
      std::string("SELECT ") + kSubmissionColumns + " FROM submissions WHERE id = $1::uuid", id);
  if (row.empty()) return Error::NotFound("submission " + id + " does not exist");
  return SubmissionFromRow(row[0]);
}

// What the claims' books hold of principal and interest per tranche, from the entries
// effective through `through` (and recorded by `recorded_by_micros` when given), for the claims
// whose ledger is open by then: a claim without such entries is absent.
std::map<std::string, std::map<int, domain::Money>> BookedPrincipalAndInterest(
    pqxx::work& txn, const std::vector<std::string>& ids, const domain::Date& through,
    std::optional<int64_t> recorded_by_micros) {
  std::map<std::string, std::map<int, domain::Money>> booked;
  if (ids.empty()) return booked;
  const std::optional<std::string> recorded_by =
      recorded_by_micros ? std::optional<std::string>(std::to_string(*recorded_by_micros))
                         : std::nullopt;
  const pqxx::result rows = txn.exec_params(
      "SELECT e.claim_id::text, p.tranche, sum(p.debit - p.credit)::text "
      "FROM journal_entries e JOIN journal_postings p USING (entry_id) "
      "WHERE e.claim_id = ANY($1::uuid[]) AND e.effective_date <= $2::date "
      "AND ($3::bigint IS NULL OR e.recorded_at <= to_timestamp(0) + $3::bigint * "
      "interval '1 microsecond') AND p.tranche IS NOT NULL "
      "AND p.account IN ('claim/' || e.claim_id || '/principal', "
      "'claim/' || e.claim_id || '/interest') GROUP BY 1, 2",
      PlainArrayLiteral(ids), domain::FormatIsoDate(through), OrNull(recorded_by));
  for (const pqxx::row& row : rows) {
    booked[row[0].as<std::string>()][row[1].as<int>()] =
        domain::Money::Parse(row[2].as<std::string>()).value();
  }
  return booked;
}

// ABORTED when what the claims' books hold through `through` is no longer `booked`, as the
// book values being frozen were read: a booking (an accrual, a payment, a rescission) committed
// in between. Called with the claims held FOR SHARE, which bookings (FOR UPDATE) wait for.
Status CheckBooksUnchanged(pqxx::work& txn, const domain::ClaimVersions& claim_versions,
                           const domain::BookedValues& booked, const domain::Date& through) {
  std::vector<std::string> ids;
  for (const auto& [id, version] : claim_versions) ids.push_back(id);
  if (BookedPrincipalAndInterest(txn, ids, through, std::nullopt) == booked) return OkStatus();
  return Error::Aborted(
      "a claim's books changed while the disposal was being published (its book value was read "
      "before); retry");
}

// A notice with a lot sold cannot be withdrawn: the sale stands in the ledger, and takes the
// buyer's payments, until it is rescinded. The disposal's row is locked first, so that an award
// in progress (which holds it FOR SHARE) is committed, and seen, before the check.
Status RefuseWithdrawingASale(pqxx::work& txn, const std::string& id) {
  txn.exec_params("SELECT 1 FROM disposals WHERE id = $1::uuid FOR UPDATE", id);
  const pqxx::result sold = txn.exec_params(
      "SELECT l.id::text, o.id::text FROM disposal_lots l JOIN outcomes o ON o.lot_id = l.id "
      "WHERE l.disposal_id = $1::uuid AND NOT EXISTS "
      "(SELECT 1 FROM journal_entries r WHERE r.reverses = o.entry_id) ORDER BY l.position LIMIT 1",
      id);
  if (sold.empty()) return OkStatus();
  return Error::FailedPrecondition("lot " + sold[0][0].as<std::string>() +
                                   " has a standing outcome (" + sold[0][1].as<std::string>() +
                                   "); rescind it before withdrawing the notice");
}

int64_t VersionOf(pqxx::work& txn, const std::string& id) {
  return txn.exec_params("SELECT version FROM disposals WHERE id = $1::uuid", id)[0][0]
      .as<int64_t>();
}

// The claims still at the versions their book values were read at; their rows stay locked
// (FOR SHARE) until the publication commits, so the frozen values cannot go stale. Ledger
// bookings on these claims (which lock them FOR UPDATE) wait that long; a publication is short.
// The claims the lots were checked against, held (FOR SHARE) until commit: a claim update
// that would take or renumber a tranche a lot names waits, then sees the lot.
Status CheckClaimsUnchanged(pqxx::work& txn, const domain::ClaimVersions& claim_versions,
                            const char* doing) {
  if (auto changed = FirstChangedClaim(txn, claim_versions, /*hold=*/true)) {
    return Error::Aborted("claim " + changed->id + " changed while the disposal was being " +
                          doing + "; retry");
  }
  return OkStatus();
}

// FAILED_PRECONDITION when a lot of disposal `id` offers what another notice's lot sold, by an
// outcome that stands (not rescinded), whatever that notice's state or validity: an awarded
// notice stays published in its row, and once its validity ends it no longer counts as live.
Status RefuseLotsSoldElsewhere(pqxx::work& txn, const std::string& id) {
  const pqxx::result sold = txn.exec_params(
      "SELECT mine.position, mine.claim_id::text, o.id::text, o.disposal_id::text "
      "FROM disposal_lots mine JOIN outcomes o ON o.claim_id = mine.claim_id "
      "AND o.disposal_id <> mine.disposal_id AND (o.tranche_number IS NULL OR "
      "mine.tranche_number IS NULL OR o.tranche_number = mine.tranche_number) "
      "WHERE mine.disposal_id = $1::uuid AND NOT EXISTS "
      "(SELECT 1 FROM journal_entries r WHERE r.reverses = o.entry_id) "
      "ORDER BY mine.position, o.entry_id LIMIT 1",
      id);
  if (sold.empty()) return OkStatus();
  return Error::FailedPrecondition(
      "lots[" + sold[0][0].as<std::string>() + "] offers claim " + sold[0][1].as<std::string>() +
      ", of which outcome " + sold[0][2].as<std::string>() + " of disposal " +
      sold[0][3].as<std::string>() +
      " sold what this lot offers, and stands: offer only the tranches left");
}

// FAILED_PRECONDITION when a lot of disposal `id` offers what a lot of another live notice
// (published or suspended, valid on `publication_date`) offers too: the same claim, and the
// same tranche or either the whole claim. Two notices selling one tranche would have the
// second award fail after a whole notice period, and a whole-claim lot would sell only what
// the other left. Publications of a claim take turns (an advisory lock per claim, in id
// order), so that two publishing at once cannot each miss the other. The key has a '/', which
// no request id has: a request's own lock (LockRequestId) never shares it.
Status RefuseLotsOfferedElsewhere(pqxx::work& txn, const std::string& id,
                                  const domain::Date& publication_date,
                                  const domain::DisposalRepository::LiveOn& still_live) {
  txn.exec_params(
      "SELECT pg_advisory_xact_lock(hashtextextended('disposal-offer/' || claim_id::text, 0)) "
      "FROM (SELECT DISTINCT claim_id FROM disposal_lots WHERE disposal_id = $1::uuid "
      "ORDER BY claim_id) c",
      id);
  // The stored validity end is the one computed at that notice's publication; the calendar may
  // have moved it since, by at most a run of rest days either way: those within reach are
  // judged on the calendar as it now reads (`still_live`).
  const pqxx::result rows = txn.exec_params(
      "SELECT mine.position, o.disposal_id::text, o.position, mine.claim_id::text, "
      "d.publication_date::text, d.validity_months "
      "FROM disposal_lots mine JOIN disposal_lots o ON o.claim_id = mine.claim_id "
      "AND o.disposal_id <> mine.disposal_id AND (o.tranche_number IS NULL OR "
      "mine.tranche_number IS NULL OR o.tranche_number = mine.tranche_number) "
      "JOIN disposals d ON d.id = o.disposal_id "
      "WHERE mine.disposal_id = $1::uuid AND d.stored_state IN ('published', 'suspended') "
      "AND d.validity_end_date + $3::int >= $2::date ORDER BY mine.position, o.disposal_id",
      id, domain::FormatIsoDate(publication_date), domain::kRestDaysInARowMax);
  for (const pqxx::row& row : rows) {
    if (!still_live(DateField(row[4]), row[5].as<int>())) continue;
    return Error::FailedPrecondition(
        "lots[" + row[0].as<std::string>() + "] offers claim " + row[3].as<std::string>() +
        " as lots[" + row[2].as<std::string>() + "] of disposal " + row[1].as<std::string>() +
        " does, a notice still live: withdraw that one, or offer another tranche");
  }
  return RefuseLotsSoldElsewhere(txn, id);
}

}  // namespace

Result<std::optional<std::string>> PgDisposalRepository::EarlierResult(
    const domain::RequestKey& key, const std::string& rpc) {
  using Earlier = std::optional<std::string>;
  return database_.pool().InTransaction<Earlier>(
      [&](pqxx::work& txn) { return ClaimRequestKey(txn, key, rpc); });
}

Result<domain::OfferedClaims> PgDisposalRepository::LoadClaims(const std::vector<std::string>& ids,
                                                               const domain::Date& books_through) {
  std::vector<std::string> valid;
  for (const std::string& id : ids) {
    if (domain::IsUuid(id)) valid.push_back(domain::AsciiLowercase(id));
  }
  using Offered = domain::OfferedClaims;
  return database_.pool().InTransaction<Offered>([&](pqxx::work& txn) -> Result<Offered> {
    ReadOneSnapshot(txn);
    Offered offered;
    offered.claims = store::LoadClaims(txn, valid);
    offered.booked = BookedPrincipalAndInterest(txn, valid, books_through, std::nullopt);
    return offered;
  });
}

Result<DisposalRecord> PgDisposalRepository::Create(const domain::DisposalContent& content,
                                                    const domain::ClaimVersions& claim_versions,
                                                    const domain::RequestKey& key,
                                                    const domain::AuditContext& audit) {
  return database_.pool().InTransaction<DisposalRecord>(
      [&](pqxx::work& txn) -> Result<DisposalRecord> {
        Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kCreateRpc);
        if (!earlier.ok()) return earlier.error();
        if (earlier.value()) return LoadOne(txn, *earlier.value());
        RETURN_IF_ERROR(CheckClaimsUnchanged(txn, claim_versions, "recorded"));
        const std::string id = InsertDisposal(txn, content);
        StampWithHistoryTime(txn, "disposals", id, true);
        RecordRequestKey(txn, key, kCreateRpc, id);
        AppendAuditEvent(txn, audit, "disposal", id, 1);
        return LoadOne(txn, id);
      });
}

Result<DisposalRecord> PgDisposalRepository::Get(const std::string& id) {
  if (!domain::IsUuid(id))
    return Error::InvalidArgument("id", "must be a UUID, got " + domain::Quoted(id));
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<DisposalRecord>([&](pqxx::work& txn) {
    ReadOneSnapshot(txn);  // the disposal's row, its channels, lots and submissions
    return LoadOne(txn, normalized);
  });
}

Result<DisposalRecord> PgDisposalRepository::GetAsOf(const std::string& id, int64_t as_of_micros) {
  if (!domain::IsUuid(id))
    return Error::InvalidArgument("id", "must be a UUID, got " + domain::Quoted(id));
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<DisposalRecord>(
      [&](pqxx::work& txn) { return LoadDisposalAsOf(txn, normalized, as_of_micros); });
}

Result<domain::OfferedClaims> PgDisposalRepository::LoadClaimsAsOf(
    const std::vector<std::string>& ids, int64_t as_of_micros) {
  std::vector<std::string> valid;
  for (const std::string& id : ids) {
    if (domain::IsUuid(id)) valid.push_back(domain::AsciiLowercase(id));
  }
  using Offered = domain::OfferedClaims;
  return database_.pool().InTransaction<Offered>([&](pqxx::work& txn) -> Result<Offered> {
    Offered offered;
    ASSIGN_OR_RETURN(offered.claims, store::LoadClaimsAsOf(txn, valid, as_of_micros));
    offered.booked =
        BookedPrincipalAndInterest(txn, valid, domain::ShanghaiDateOf(as_of_micros), as_of_micros);
    return offered;
  });
}

Result<domain::DisposalPage> PgDisposalRepository::List(
    const std::optional<domain::ClaimCursor>& after, int page_size) {
  using Page = domain::DisposalPage;
  return database_.pool().InTransaction<Page>([&](pqxx::work& txn) -> Result<Page> {
    ReadOneSnapshot(txn);
    const std::optional<std::string> micros =
        after ? std::optional<std::string>(std::to_string(after->create_time_micros))
              : std::nullopt;
    const std::optional<std::string> after_id =
        after ? std::optional<std::string>(after->id) : std::nullopt;
    pqxx::result rows = txn.exec_params(
        "SELECT id::text, (extract(epoch FROM create_time) * 1000000)::bigint FROM disposals "
        "WHERE ($1::bigint IS NULL OR (create_time, id) < "
        "(to_timestamp(0) + $1::bigint * interval '1 microsecond', $2::uuid)) "
        "ORDER BY create_time DESC, id DESC LIMIT $3",
        micros ? micros->c_str() : nullptr, after_id ? after_id->c_str() : nullptr, page_size + 1);
    std::vector<std::string> ids;
    for (int i = 0; i < std::min<int>(rows.size(), page_size); ++i) {
      ids.push_back(rows[i][0].as<std::string>());
    }
    Page page;
    page.records = LoadDisposals(txn, ids);
    if (static_cast<int>(rows.size()) > page_size) {
      page.next = domain::ClaimCursor{rows[page_size - 1][1].as<int64_t>(),
                                      rows[page_size - 1][0].as<std::string>()};
    }
    return page;
  });
}

Result<DisposalRecord> PgDisposalRepository::UpdateDraft(
    const std::string& id, int64_t expected_version, const domain::DisposalContent& content,
    const domain::ClaimVersions& claim_versions, const domain::RequestKey& key,
    const domain::AuditContext& audit) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<DisposalRecord>(
      [&](pqxx::work& txn) -> Result<DisposalRecord> {
        Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kUpdateRpc);
        if (!earlier.ok()) return earlier.error();
        if (earlier.value()) return LoadOne(txn, *earlier.value());
        RETURN_IF_ERROR(CheckClaimsUnchanged(txn, claim_versions, "changed"));
        if (!UpdateDraftRow(txn, normalized, expected_version, content)) {
          return DisposalUpdateRefusal(txn, normalized, expected_version, "draft", "change");
        }
        if (auto refused = RefuseMovingLotsWithSubmissions(txn, normalized, content)) {
          return *refused;
        }
        ReplaceChannelsAndLots(txn, normalized, content);
        StampWithHistoryTime(txn, "disposals", normalized, false);
        RecordRequestKey(txn, key, kUpdateRpc, normalized);
        AppendAuditEvent(txn, audit, "disposal", normalized, expected_version + 1);
        return LoadOne(txn, normalized);
      });
}

Result<DisposalRecord> PgDisposalRepository::Publish(
    const std::string& id, int64_t expected_version, const domain::Publication& publication,
    const LiveOn& still_live, const std::vector<domain::Money>& lot_book_values,
    const domain::ClaimVersions& claim_versions, const domain::BookedValues& booked,
    int64_t calendar_revision, const domain::RequestKey& key, const domain::AuditContext& audit) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<DisposalRecord>(
      [&](pqxx::work& txn) -> Result<DisposalRecord> {
        Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kPublishRpc);
        if (!earlier.ok()) return earlier.error();
        if (earlier.value()) return LoadOne(txn, *earlier.value());
        RETURN_IF_ERROR(CheckClaimsUnchanged(txn, claim_versions, "published"));
        RETURN_IF_ERROR(
            CheckBooksUnchanged(txn, claim_versions, booked, publication.publication_date));
        RETURN_IF_ERROR(CheckCalendarUnchanged(txn, calendar_revision));
        RETURN_IF_ERROR(
            RefuseLotsOfferedElsewhere(txn, normalized, publication.publication_date, still_live));
        pqxx::result updated = txn.exec_params(
            "UPDATE disposals SET version = version + 1, update_time = now(), "
            "stored_state = 'published', publication_date = $3::date, "
            "objection_deadline_date = $4::date, "
            "window_end_time = to_timestamp(0) + $5::bigint * interval '1 microsecond', "
            "validity_end_date = $6::date "
            "WHERE id = $1::uuid AND version = $2 AND stored_state = 'draft' RETURNING 1",
            normalized, expected_version, domain::FormatIsoDate(publication.publication_date),
            domain::FormatIsoDate(publication.objection_deadline_date),
            publication.window_end_micros, domain::FormatIsoDate(publication.validity_end_date));
        if (updated.empty()) {
          return DisposalUpdateRefusal(txn, normalized, expected_version, "draft", "publish");
        }
        for (size_t i = 0; i < lot_book_values.size(); ++i) {
          txn.exec_params(
              "UPDATE disposal_lots SET published_book_value = $3::numeric "
              "WHERE disposal_id = $1::uuid AND position = $2",
              normalized, static_cast<int>(i), lot_book_values[i].ToString());
        }
        StampWithHistoryTime(txn, "disposals", normalized, false);
        RecordRequestKey(txn, key, kPublishRpc, normalized);
        AppendAuditEvent(txn, audit, "disposal", normalized, expected_version + 1);
        return LoadOne(txn, normalized);
      });
}

Result<DisposalRecord> PgDisposalRepository::SetState(
    const std::string& id, int64_t expected_version, domain::StoredState from,
    domain::StoredState to, const TransitionCheck& check, int64_t calendar_revision,
    const domain::RequestKey& key, const domain::AuditContext& audit) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<DisposalRecord>(
      [&](pqxx::work& txn) -> Result<DisposalRecord> {
        Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kTransitionRpc);
        if (!earlier.ok()) return earlier.error();
        if (earlier.value()) return LoadOne(txn, *earlier.value());
        ASSIGN_OR_RETURN(DisposalRecord current, LockedOne(txn, normalized));
        // A stale version or state is refused below, by what it is.
        if (current.disposal.version == expected_version && current.disposal.stored_state == from) {
          RETURN_IF_ERROR(CheckCalendarUnchanged(txn, calendar_revision));
          RETURN_IF_ERROR(check(std::move(current)));
        }
        if (to == domain::StoredState::kWithdrawn) {
          RETURN_IF_ERROR(RefuseWithdrawingASale(txn, normalized));
        }
        pqxx::result updated = txn.exec_params(
            "UPDATE disposals SET version = version + 1, update_time = now(), stored_state = $4 "
            "WHERE id = $1::uuid AND version = $2 AND stored_state = $3 RETURNING 1",
            normalized, expected_version, ToCode(from), ToCode(to));
        if (updated.empty()) {
          return DisposalUpdateRefusal(txn, normalized, expected_version, ToCode(from),
                                       "move to " + ToCode(to));
        }
        StampWithHistoryTime(txn, "disposals", normalized, false);
        RecordRequestKey(txn, key, kTransitionRpc, normalized);
        AppendAuditEvent(txn, audit, "disposal", normalized, expected_version + 1);
        return LoadOne(txn, normalized);
      });
}

Result<Submission> PgDisposalRepository::AddSubmission(const Submission& submission,
                                                       const SubmissionPlan& plan,
                                                       int64_t calendar_revision,
                                                       const domain::RequestKey& key,
                                                       const domain::AuditContext& audit) {
  const std::string disposal_id = domain::AsciiLowercase(submission.disposal_id);
  return database_.pool().InTransaction<Submission>([&](pqxx::work& txn) -> Result<Submission> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kRecordRpc);
    if (!earlier.ok()) return earlier.error();
    if (earlier.value()) return LoadSubmission(txn, *earlier.value());
    // The row lock serialises numbering (two submissions never get the same number) and holds
    // the lots and the publication as `plan` reads them.
    ASSIGN_OR_RETURN(DisposalRecord current, LockedOne(txn, disposal_id));
    RETURN_IF_ERROR(CheckCalendarUnchanged(txn, calendar_revision));
    ASSIGN_OR_RETURN(const Submission s, plan(std::move(current)));
    const std::optional<std::string> lot =
        s.lot_id.empty() ? std::nullopt
                         : std::optional<std::string>(domain::AsciiLowercase(s.lot_id));
    pqxx::result row = txn.exec_params(
        "INSERT INTO submissions (id, disposal_id, number, lot_id, kind, channel, received_time, "
        "submitter, submitter_contact, text, late) SELECT gen_random_uuid(), $1::uuid, "
        "coalesce(max(number), 0) + 1, $2::uuid, $3, $4, "
        "to_timestamp(0) + $5::bigint * interval '1 microsecond', $6, $7, $8, $9 "
        "FROM submissions WHERE disposal_id = $1::uuid RETURNING id::text",
        disposal_id, lot ? lot->c_str() : nullptr, ToCode(s.kind), s.channel, s.received_micros,
        s.submitter, s.submitter_contact, s.text, s.late);
    const std::string id = row[0][0].as<std::string>();
    RecordRequestKey(txn, key, kRecordRpc, id);
    AppendAuditEvent(txn, audit, "disposal", disposal_id, VersionOf(txn, disposal_id));
    return LoadSubmission(txn, id);
  });
}

Result<std::vector<Submission>> PgDisposalRepository::ListSubmissions(
    const std::string& disposal_id, const domain::SubmissionFilter& filter, int after_number,
    int page_size) {
  using List = std::vector<Submission>;
  const std::string normalized = domain::AsciiLowercase(disposal_id);
  return database_.pool().InTransaction<List>([&](pqxx::work& txn) -> Result<List> {
    const std::optional<std::string> kind =
        filter.kind ? std::optional<std::string>(ToCode(*filter.kind)) : std::nullopt;
    List submissions;
    for (const pqxx::row& row : txn.exec_params(
             std::string("SELECT ") + kSubmissionColumns +
                 " FROM submissions WHERE disposal_id = $1::uuid AND number > $2 "
                 "AND ($3::text IS NULL OR kind = $3) AND (NOT $4 OR resolution = 'unresolved') "
                 "AND (NOT $5 OR NOT ((extract(epoch FROM received_time) * 1000000)::bigint "
                 "BETWEEN $7::bigint AND $8::bigint - 1)) "
                 "ORDER BY number LIMIT $6",
             normalized, after_number, kind ? kind->c_str() : nullptr, filter.unresolved_only,
             filter.late_only, page_size, filter.on_time.from_micros,
             filter.on_time.until_micros)) {
      submissions.push_back(SubmissionFromRow(row));
    }
    return submissions;
  });
}

Result<Submission> PgDisposalRepository::Resolve(const std::string& submission_id,
                                                 domain::Resolution resolution,
                                                 const std::string& note, int64_t resolve_micros,
                                                 const domain::RequestKey& key,
                                                 const domain::AuditContext& audit) {
  const std::string id = domain::AsciiLowercase(submission_id);
  return database_.pool().InTransaction<Submission>([&](pqxx::work& txn) -> Result<Submission> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kResolveRpc);
    if (!earlier.ok()) return earlier.error();
    if (earlier.value()) return LoadSubmission(txn, *earlier.value());
    // Lock first so that two staff resolving at once cannot both succeed.
    if (domain::IsUuid(id))
      txn.exec_params("SELECT 1 FROM submissions WHERE id = $1::uuid FOR UPDATE", id);
    Result<Submission> current = LoadSubmission(txn, id);
    if (!current.ok()) return current.error();
    if (current.value().resolution != domain::Resolution::kUnresolved) {
      return Error::FailedPrecondition("submission " + std::to_string(current.value().number) +
                                       " is already " + ToCode(current.value().resolution));
    }
    txn.exec_params(
        "UPDATE submissions SET resolution = $2, resolution_note = $3, "
        "resolve_time = to_timestamp(0) + $5::bigint * interval '1 microsecond', "
        "resolved_by = $4 WHERE id = $1::uuid AND resolution = 'unresolved'",
        id, ToCode(resolution), note, audit.actor, resolve_micros);
    RecordRequestKey(txn, key, kResolveRpc, id);
    const std::string& disposal_id = current.value().disposal_id;
    AppendAuditEvent(txn, audit, "disposal", disposal_id, VersionOf(txn, disposal_id));
    return LoadSubmission(txn, id);
  });
}

}  // namespace disposal::store
