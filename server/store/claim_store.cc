#include "store/claim_store.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/accrual_plan.h"
#include "domain/notice_correction.h"
#include "domain/penalty_judgment.h"
#include "domain/text_rules.h"
#include "store/as_of_history.h"
#include "store/audit_rows.h"
#include "store/calendar_rows.h"
#include "store/claim_codes.h"
#include "store/claim_ledger_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/disposal_rows.h"
#include "store/ledger_rows.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::Claim;

constexpr const char* kCreateRpc = "disposal.v1.ClaimService/CreateClaim";
constexpr const char* kUpdateRpc = "disposal.v1.ClaimService/UpdateClaim";

Result<Claim> LoadOne(pqxx::work& txn, const std::string& id) {
  std::vector<Claim> claims = LoadClaims(txn, {id});
  if (claims.empty()) return Error::NotFound("claim " + id + " does not exist");
  return std::move(claims.front());
}

// The claim a request key already produced, for a retry: held FOR SHARE first, so that an
// update committing meanwhile (which holds it FOR UPDATE) is waited for, and the claim's rows,
// read by several statements, are all of one version.
Result<Claim> LoadEarlier(pqxx::work& txn, const std::string& id) {
  txn.exec_params("SELECT 1 FROM claims WHERE id = $1::uuid FOR SHARE", id);
  return LoadOne(txn, id);
}

// Explains why a conditional update matched no row: the claim is missing or has moved on.
Error StaleOrMissing(pqxx::work& txn, const std::string& id, int64_t expected_version) {
  pqxx::result row = txn.exec_params("SELECT version FROM claims WHERE id = $1::uuid", id);
  if (row.empty()) return Error::NotFound("claim " + id + " does not exist");
  return Error::Aborted("claim " + id + " is at version " + row[0][0].as<std::string>() + ", not " +
                        std::to_string(expected_version) +
                        ": someone changed it since you read it; read it again and reapply");
}

}  // namespace

Result<std::optional<Claim>> PgClaimRepository::Earlier(const domain::RequestKey& key,
                                                        const std::string& rpc) {
  using Found = std::optional<Claim>;
  return database_.pool().InTransaction<Found>([&](pqxx::work& txn) -> Result<Found> {
    ASSIGN_OR_RETURN(std::optional<std::string> earlier, ClaimRequestKey(txn, key, rpc));
    if (!earlier) return Found();
    ASSIGN_OR_RETURN(Claim claim, LoadEarlier(txn, *earlier));
    return Found(std::move(claim));
  });
}

Result<Claim> PgClaimRepository::Create(const domain::ClaimContent& content,
                                        const domain::RequestKey& key,
                                        const domain::AuditContext& audit) {
  return database_.pool().InTransaction<Claim>([&](pqxx::work& txn) -> Result<Claim> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kCreateRpc);
    if (!earlier.ok()) return earlier.error();
    if (earlier.value()) return LoadEarlier(txn, *earlier.value());
    const std::string id = InsertClaimRow(txn, content);
    ReplaceClaimChildren(txn, id, content);
    StampWithHistoryTime(txn, "claims", id, true);
    RecordRequestKey(txn, key, kCreateRpc, id);
    AppendAuditEvent(txn, audit, "claim", id, 1);
    return LoadOne(txn, id);
  });
}

Result<Claim> PgClaimRepository::Get(const std::string& id) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<Claim>([&](pqxx::work& txn) -> Result<Claim> {
    ReadOneSnapshot(txn);
    return LoadOne(txn, normalized);
  });
}

Result<Claim> PgClaimRepository::GetAsOf(const std::string& id, int64_t as_of_micros) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<Claim>([&](pqxx::work& txn) -> Result<Claim> {
    ASSIGN_OR_RETURN(std::vector<Claim> claims, LoadClaimsAsOf(txn, {normalized}, as_of_micros));
    if (claims.empty()) {
      return Error::NotFound("claim " + normalized + " did not exist at " +
                             AsOfText(txn, as_of_micros));
    }
    return std::move(claims.front());
  });
}

Result<domain::ClaimPage> PgClaimRepository::List(const domain::ClaimFilter& filter,
                                                  const std::optional<domain::ClaimCursor>& after,
                                                  int page_size) {
  using Page = domain::ClaimPage;
  return database_.pool().InTransaction<Page>([&](pqxx::work& txn) -> Result<Page> {
    ReadOneSnapshot(txn);
    const std::optional<std::string> status =
        filter.status ? std::optional<std::string>(ToCode(*filter.status)) : std::nullopt;
    const std::optional<std::string> after_micros =
        after ? std::optional<std::string>(std::to_string(after->create_time_micros))
              : std::nullopt;
    const std::optional<std::string> after_id =
        after ? std::optional<std::string>(after->id) : std::nullopt;
    auto text = [](const std::optional<std::string>& v) { return v ? v->c_str() : nullptr; };
    // One row more than the page tells whether another page follows.
    pqxx::result rows = txn.exec_params(
        "SELECT id::text, (extract(epoch FROM create_time) * 1000000)::bigint FROM claims "
        "WHERE ($1::text IS NULL OR debtor_identifier = $1) AND ($2::text IS NULL OR status = $2) "
        "AND ($3::bigint IS NULL OR (create_time, id) < "
        "(to_timestamp(0) + $3::bigint * interval '1 microsecond', $4::uuid)) "
        "ORDER BY create_time DESC, id DESC LIMIT $5",
        text(filter.debtor_identifier), text(status), text(after_micros), text(after_id),
        page_size + 1);
    std::vector<std::string> ids;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page_size; ++i) {
      ids.push_back(rows[i][0].as<std::string>());
    }
    Page page;
    page.claims = LoadClaims(txn, ids);
    if (static_cast<int>(rows.size()) > page_size) {
      const pqxx::row& last = rows[page_size - 1];
      page.next = domain::ClaimCursor{last[1].as<int64_t>(), last[0].as<std::string>()};
    }
    return page;
  });
}

// A published notice that offers the claim whole offered the loans it held then: a tranche added,
// removed or replaced since would have the award sell loans no notice offered (and no objection
// window covered). A draft reads the claim as it stands, and a withdrawn notice offers nothing.
// Each tranche's figures may still be corrected, as a lot's own tranche's may.
Status CheckWholeClaimOfferKept(pqxx::work& txn, const std::string& claim_id,
                                const domain::ClaimContent& before,
                                const domain::ClaimContent& content) {
  const pqxx::result offered = txn.exec_params(
      "SELECT l.position, d.id::text, d.stored_state FROM disposal_lots l "
      "JOIN disposals d ON d.id = l.disposal_id WHERE l.claim_id = $1::uuid "
      "AND l.tranche_number IS NULL AND d.stored_state NOT IN ('draft', 'withdrawn') "
      "ORDER BY d.id, l.position LIMIT 1",
      claim_id);
  if (offered.empty()) return OkStatus();
  bool kept = content.tranches.size() == before.tranches.size();
  for (size_t i = 0; kept && i < content.tranches.size(); ++i) {
    kept = content.tranches[i].original_creditor == before.tranches[i].original_creditor &&
           content.tranches[i].contract_reference == before.tranches[i].contract_reference;
  }
  if (kept) return OkStatus();
  const pqxx::row lot = offered[0];
  return Error{ErrorCode::kFailedPrecondition, "claim.tranches",
               "the claim is offered whole by lot " + std::to_string(lot[0].as<int>() + 1) +
                   " of disposal " + lot[1].as<std::string>() + " (" + lot[2].as<std::string>() +
                   "), whose notice offered its " + std::to_string(before.tranches.size()) +
                   " loans as they were: adding, removing, reordering or replacing one would "
                   "have the lot sell loans no notice offered; withdraw the disposal first"};
}

// A disposal's lot names a tranche by its position: while one offers a tranche, the claim may
// not lose any (the lot's tranche would be gone, or renumbered to another one behind its back;
// a draft's book value is read from it, an award would sell it). Withdrawn disposals offer
// nothing. Called before the claim's tranches are replaced, under the claim's row lock.
// And each offered tranche stays the same loan (its original creditor and contract): tranches
// reordered, or one replaced by another, would have the lot sell a loan its notice never
// offered. Its figures may still be corrected (until the ledger opens: CheckBookedTranchesKept).
Status CheckOfferedTranchesKept(pqxx::work& txn, const std::string& claim_id,
                                const domain::ClaimContent& before,
                                const domain::ClaimContent& content) {
  // Each offered tranche once, with the first lot (by disposal, then position) offering it.
  const pqxx::result offered = txn.exec_params(
      "SELECT DISTINCT ON (l.tranche_number) l.tranche_number, l.position, d.id::text, "
      "d.stored_state FROM disposal_lots l JOIN disposals d ON d.id = l.disposal_id "
      "WHERE l.claim_id = $1::uuid AND l.tranche_number IS NOT NULL "
      "AND d.stored_state <> 'withdrawn' ORDER BY l.tranche_number, d.id, l.position",
      claim_id);
  if (offered.empty()) return OkStatus();
  const auto offered_by = [](const pqxx::row& lot) {
    return "tranche " + lot[0].as<std::string>() + " is offered by lot " +
           std::to_string(lot[1].as<int>() + 1) + " of disposal " + lot[2].as<std::string>() +
           " (" + lot[3].as<std::string>() + ")";
  };
  if (content.tranches.size() < before.tranches.size()) {
    return Error{ErrorCode::kFailedPrecondition, "claim.tranches",
                 offered_by(offered[offered.size() - 1]) +
                     ", and lots name tranches by position: removing a tranche would take or "
                     "renumber it; withdraw the disposal or change its lots first"};
  }
  for (const pqxx::row& lot : offered) {
    const size_t index = lot[0].as<size_t>() - 1;
    if (index >= before.tranches.size()) continue;
    const domain::Tranche& was = before.tranches[index];
    const domain::Tranche& now = content.tranches[index];
    if (now.original_creditor == was.original_creditor &&
        now.contract_reference == was.contract_reference) {
      continue;
    }
    return Error{ErrorCode::kFailedPrecondition, "claim.tranches[" + std::to_string(index) + "]",
                 offered_by(lot) + " as the loan of " + was.original_creditor +
                     (was.contract_reference.empty() ? "" : " under " + was.contract_reference) +
                     ": it must stay that loan (reordered or replaced tranches would have the lot "
                     "sell another); withdraw the disposal or change its lots first"};
  }
  return OkStatus();
}

// The claims of `records`' lots other than `claim_id`, as they stand (NoticeValueOn values
// their lots on them).
std::vector<Claim> OtherClaimsAsTheyStand(pqxx::work& txn, const std::string& claim_id,
                                          const std::vector<domain::DisposalRecord>& records) {
  std::set<std::string> others;
  for (const domain::DisposalRecord& record : records) {
    for (const domain::Lot& lot : record.disposal.content.lots) {
      if (lot.claim_id != claim_id) others.insert(lot.claim_id);
    }
  }
  return LoadClaims(txn, std::vector<std::string>(others.begin(), others.end()));
}

// Whether the notice of `disposal` counts a working day as its window's first (PlanPublication):
// only a window that counts its publication day, published on a working day.
bool CountsAWorkingPublicationDay(pqxx::work& txn, const domain::Disposal& disposal,
                                  std::optional<domain::WorkingDayCalendar>& calendar) {
  if (disposal.content.window_counting != domain::PeriodCounting::kStartDayCounted ||
      !disposal.publication) {
    return false;
  }
  if (!calendar) calendar.emplace(LoadCalendarYears(txn));
  // The year was held when the notice was published; a calendar that has lost it since is read
  // the stricter way (the publication day counted, one working day fewer after it).
  const Result<bool> working = calendar->IsWorkingDay(disposal.publication->publication_date);
  return !working.ok() || working.value();
}

// Every notice published on the claim, not withdrawn and not sold, whose value this update
// raises still meets the publication rules for its book value on its claims' figures as
// they stand, this one's as corrected (CheckNoticeFitsCorrection): the award books those
// figures, and a notice tiered for a smaller value would have sold them. An expired notice too:
// it may still be withdrawn, which frees the claim. Called only before the claim's ledger opens
// (its figures are the books' then, and CheckBookedTranchesKept keeps them).
Status CheckPublishedNoticesFit(pqxx::work& txn, const std::string& claim_id,
                                const domain::ClaimContent& before,
                                const domain::ClaimContent& content) {
  const pqxx::result offering = txn.exec_params(
      "SELECT DISTINCT l.disposal_id::text FROM disposal_lots l "
      "JOIN disposals d ON d.id = l.disposal_id WHERE l.claim_id = $1::uuid "
      "AND d.stored_state NOT IN ('draft', 'withdrawn', 'awarded', 'settled') ORDER BY 1",
      claim_id);
  if (offering.empty()) return OkStatus();
  std::vector<std::string> ids;
  for (const pqxx::row& row : offering) {
    ids.push_back(row[0].as<std::string>());
    // One claim's correction at a time per notice, in the notices' order (no deadlock): two
    // claims of one notice corrected at once would each be checked on the other's old figures.
    // The claims are read after it, each statement seeing what committed before.
    txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended('notice-figures/' || $1, 0))",
                    ids.back());
  }
  const std::vector<domain::DisposalRecord> records = LoadDisposals(txn, ids);
  const std::vector<Claim> others = OtherClaimsAsTheyStand(txn, claim_id, records);
  Claim was, corrected;
  was.id = corrected.id = claim_id;
  was.content = before;
  corrected.content = content;
  domain::ClaimsAsTheyStand standing_before, standing_after;
  for (const Claim& other : others) standing_before[other.id] = standing_after[other.id] = &other;
  standing_before[claim_id] = &was;
  standing_after[claim_id] = &corrected;
  std::optional<domain::WorkingDayCalendar> calendar;  // read only when a window counts day one
  for (const domain::DisposalRecord& record : records) {
    const Result<domain::Money> value_before =
        domain::NoticeValueOn(record, standing_before, claim_id);
    const Result<domain::Money> value_after =
        domain::NoticeValueOn(record, standing_after, claim_id);
    if (value_before.ok() && value_after.ok() && !(value_before.value() < value_after.value())) {
      continue;  // its value did not rise (a rate, a guarantor, a figure lowered)
    }
    RETURN_IF_ERROR(domain::CheckNoticeFitsCorrection(
        record, standing_after, claim_id,
        CountsAWorkingPublicationDay(txn, record.disposal, calendar)));
  }
  return OkStatus();
}

// Once the claim's ledger is open, books a change of the penalty by this update
// (PenaltyChangeEntry). Its call id is made of the claim's id and new version, so that it never
// answers for a ledger call's request id; the entry's own id is the update's request id (or
// that call id) followed by "/penalty".
Status BookPenaltyChange(pqxx::work& txn, const domain::Penalty& before, const Claim& updated,
                         const domain::RequestKey& key, const domain::AuditContext& audit,
                         const domain::Date& fixed_date) {
  if (domain::PenaltyAmount(before) == domain::PenaltyAmount(updated.content.penalty)) {
    return OkStatus();
  }
  if (!LedgerOpened(txn, updated.id)) return OkStatus();
  domain::RequestKey ledger_key = key;
  ledger_key.request_id = "claim-update/" + updated.id + "/v" + std::to_string(updated.version);
  const std::string entry_id = (key.request_id.empty() ? ledger_key.request_id : key.request_id);
  const domain::PenaltyBooks books = PenaltyBooksOf(txn, updated.id);
  ASSIGN_OR_RETURN(std::optional<domain::LedgerEntry> entry,
                   domain::PenaltyChangeEntry(updated, books, fixed_date, entry_id + "/penalty"));
  if (entry) InsertLedgerEntry(txn, *entry, ledger_key, audit.actor);
  return OkStatus();
}

Result<Claim> PgClaimRepository::Update(const std::string& id, int64_t expected_version,
                                        const domain::ClaimContent& content,
                                        const domain::RequestKey& key,
                                        const domain::AuditContext& audit,
                                        const domain::Date& penalty_fixed_date) {
  const std::string normalized = domain::AsciiLowercase(id);
  return database_.pool().InTransaction<Claim>([&](pqxx::work& txn) -> Result<Claim> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kUpdateRpc);
    if (!earlier.ok()) return earlier.error();
    if (earlier.value()) return LoadEarlier(txn, *earlier.value());
    // The claim as it stands, under its lock: the update replaces it only at expected_version.
    LockClaim(txn, normalized);
    std::vector<Claim> before = LoadClaims(txn, {normalized});
    if (!UpdateClaimRow(txn, normalized, expected_version, content)) {
      return StaleOrMissing(txn, normalized, expected_version);
    }
    RETURN_IF_ERROR(CheckOfferedTranchesKept(txn, normalized, before.front().content, content));
    RETURN_IF_ERROR(CheckWholeClaimOfferKept(txn, normalized, before.front().content, content));
    if (const std::optional<domain::Date> opened = LedgerOpenedOn(txn, normalized)) {
      RETURN_IF_ERROR(domain::CheckBookedTranchesKept(before.front().content, content, *opened));
    } else {
      RETURN_IF_ERROR(CheckPublishedNoticesFit(txn, normalized, before.front().content, content));
    }
    ReplaceClaimChildren(txn, normalized, content);
    StampWithHistoryTime(txn, "claims", normalized, false);
    ASSIGN_OR_RETURN(Claim updated, LoadOne(txn, normalized));
    RETURN_IF_ERROR(BookPenaltyChange(txn, before.front().content.penalty, updated, key, audit,
                                      penalty_fixed_date));
    RecordRequestKey(txn, key, kUpdateRpc, normalized);
    AppendAuditEvent(txn, audit, "claim", normalized, expected_version + 1);
    return updated;
  });
}

}  // namespace disposal::store
