#include "store/ledger_store.h"

#include <map>
#include <pqxx/pqxx>
#include <stdexcept>

#include "domain/text_rules.h"
#include "store/as_of_history.h"
#include "store/audit_rows.h"
#include "store/claim_ledger_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/ledger_rows.h"
#include "store/prepared.h"
#include "store/replica_reads.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::Date;
using domain::LedgerEntry;

std::vector<domain::AccountTotals> TotalsFrom(const pqxx::result& rows, bool with_kind) {
  std::vector<domain::AccountTotals> totals;
  for (const pqxx::row& row : rows) {
    domain::AccountTotals t;
    t.account = row[0].as<std::string>();
    t.debits = MoneyField(row[1]);
    t.credits = MoneyField(row[2]);
    if (with_kind) t.kind = KindFrom(row[3].as<std::string>());
    if (with_kind && !row[4].is_null()) t.reversed_kind = KindFrom(row[4].as<std::string>());
    totals.push_back(std::move(t));
  }
  return totals;
}

// An entry is reversed at most once (the schema's unique index says so too, less kindly).
Status CheckNotReversed(pqxx::work& txn, const LedgerEntry& reversal) {
  const pqxx::result earlier = txn.exec_params(
      "SELECT entry_id FROM journal_entries WHERE reverses = $1", reversal.reverses_entry_id);
  if (earlier.empty()) return OkStatus();
  return Error::FailedPrecondition("entry " + std::to_string(reversal.reverses_entry_id) +
                                   " was already reversed by entry " +
                                   earlier[0][0].as<std::string>());
}

Status CheckClaimId(const std::string& claim_id) {
  if (!domain::IsUuid(claim_id)) return domain::NotAUuid("claim_id", claim_id);
  return OkStatus();
}

// What journal_entries (the table, or a copy of it as it was) says about the claim's ledger.
domain::ClaimLedgerState LedgerStateOf(pqxx::work& txn, domain::Claim claim) {
  domain::ClaimLedgerState state;
  state.claim = std::move(claim);
  state.opened = LedgerOpened(txn, state.claim.id);
  state.accrued_through = AccruedThrough(txn, state.claim.id);
  return state;
}

// An accrual whose days a principal change booked after it falls in: the next accrual corrects
// it (or did already), and reversing it would leave that correction standing alone.
Status CheckNotCorrectedSince(pqxx::work& txn, const LedgerEntry& reversal) {
  const pqxx::result rows = txn.exec_params(
      "SELECT e.entry_id, e.effective_date::text FROM journal_entries a "
      "JOIN journal_postings p ON p.account = 'claim/' || a.claim_id || '/principal' "
      "JOIN journal_entries e ON e.entry_id = p.entry_id "
      "WHERE a.entry_id = $1 AND a.kind = 'accrual' AND e.entry_id > a.entry_id "
      "AND e.effective_date < a.period_end "
      // A rescission puts back a tranche the accruals booked while it was sold left out: it
      // corrects none of them (the next accrual catches the tranche up instead).
      "AND NOT EXISTS (SELECT 1 FROM journal_entries s WHERE s.entry_id = e.reverses "
      "  AND s.kind = 'outcome') LIMIT 1",
      reversal.reverses_entry_id);
  if (rows.empty()) return OkStatus();
  return Error::FailedPrecondition(
      "entry " + std::to_string(reversal.reverses_entry_id) + " accrued interest over " +
      rows[0][1].as<std::string>() + ", where entry " + rows[0][0].as<std::string>() +
      " booked since changed the principal; the accrual is corrected for it and cannot be "
      "reversed");
}

// An award is rescinded (its entry reversed) only as the claim's latest standing booking,
// accruals aside: a payment on its receivable or spread over the tranches still held, or a
// later lot's award, was planned on the lot being sold, and must be reversed first. Costs
// concern the claim, not the lot (none are booked once the claim-level balances are sold); a
// deposit kept from a later lot's defaulting buyer concerns that rescinded award alone.
// Accruals booked since left the lot out; they stand, and the first accrual after the rescission
// catches the lot up on their periods (AccruedWhileSoldOf).
Status CheckNothingStandsAfterAward(pqxx::work& txn, const LedgerEntry& reversal) {
  const pqxx::result rows = txn.exec_params(
      "SELECT e.entry_id, e.kind, e.effective_date::text FROM journal_entries a "
      "JOIN journal_entries e ON e.claim_id = a.claim_id AND e.entry_id > a.entry_id "
      "WHERE a.entry_id = $1 AND a.kind = 'outcome' "
      "AND e.kind NOT IN ('reversal', 'accrual', 'cost', 'penalty', 'forfeiture') "
      "AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = e.entry_id) "
      "ORDER BY e.entry_id DESC LIMIT 1",
      reversal.reverses_entry_id);
  if (rows.empty()) return OkStatus();
  return Error::FailedPrecondition(
      "entry " + rows[0][0].as<std::string>() + " (" + rows[0][1].as<std::string>() + ", dated " +
      rows[0][2].as<std::string>() + ") was booked on the claim after the award in entry " +
      std::to_string(reversal.reverses_entry_id) +
      " and still stands; reverse it first (an award is rescinded only as the claim's latest "
      "booking, accruals aside)");
}

// Each debtor's payment was allocated on the balances it found when booked, the payments
// booked before it on them: taking back one that a later-booked payment found would leave that
// one's split made on money that never came. Only the latest standing is reversed; the later
// ones first, to be recorded again after. Booking order, which is received-date order for
// every payment since payments dated before a standing one are refused (PlanDebtorPayment),
// and the order the allocations actually depended on for those booked before that.
Status CheckNoLaterDebtorPaymentStands(pqxx::work& txn, const LedgerEntry& reversal) {
  const pqxx::result rows = txn.exec_params(
      "SELECT l.entry_id, l.received_date::text FROM payments p "
      "JOIN payments l ON l.claim_id = p.claim_id AND l.outcome_id IS NULL "
      "  AND l.entry_id > p.entry_id "
      "WHERE p.entry_id = $1 AND p.outcome_id IS NULL "
      "AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = l.entry_id) "
      "ORDER BY l.entry_id DESC LIMIT 1",
      reversal.reverses_entry_id);
  if (rows.empty()) return OkStatus();
  return Error::FailedPrecondition(
      "the debtor's payment in entry " + rows[0][0].as<std::string>() + " (received " +
      rows[0][1].as<std::string>() + ") was booked after the one in entry " +
      std::to_string(reversal.reverses_entry_id) +
      " and still stands; reverse it first (a debtor's payment is reversed only as the claim's "
      "latest)");
}

// The first accrual after a rescission that had accruals booked while the award stood caught
// the tranche up on them, in its first period; reversing it would waive that catch-up along
// with its own days, by an amount that depends on how the accrual call was split.
Status CheckNotACatchUp(pqxx::work& txn, const LedgerEntry& reversal) {
  const pqxx::result rows = txn.exec_params(
      "SELECT o.tranche_number, r.entry_id FROM journal_entries c "
      "JOIN outcomes o ON o.claim_id = c.claim_id AND o.tranche_number IS NOT NULL "
      "JOIN claim_tranches t ON t.claim_id = o.claim_id AND t.position + 1 = o.tranche_number "
      "  AND (t.contract_rate IS NOT NULL OR t.penalty_rate IS NOT NULL) "
      "JOIN journal_entries r ON r.reverses = o.entry_id "
      "WHERE c.entry_id = $1 AND c.kind = 'accrual' AND EXISTS ("
      "  SELECT 1 FROM journal_entries a WHERE a.claim_id = o.claim_id AND a.kind = 'accrual' "
      "  AND a.entry_id > o.entry_id AND a.entry_id < r.entry_id) "
      "AND c.entry_id = (SELECT min(n.entry_id) FROM journal_entries n "
      "  WHERE n.claim_id = o.claim_id AND n.kind = 'accrual' AND n.entry_id > r.entry_id) "
      "LIMIT 1",
      reversal.reverses_entry_id);
  if (rows.empty()) return OkStatus();
  return Error::FailedPrecondition(
      "entry " + std::to_string(reversal.reverses_entry_id) + " caught tranche " +
      rows[0][0].as<std::string>() +
      " up on the interest accrued while it was sold (the award rescinded by entry " +
      rows[0][1].as<std::string>() + "); it cannot be reversed");
}

constexpr char kRecordedBy[] =
    "($2::bigint IS NULL OR e.recorded_at <= to_timestamp(0) + $2::bigint * interval "
    "'1 microsecond')";

// The end of the claim's latest accrual period effective on or before `as_of` (and recorded
// at or before `recorded_by_micros` when given); nullopt when none.
std::optional<Date> AccruedThroughIn(pqxx::work& txn, const std::string& id, const Date& as_of,
                                     std::optional<int64_t> recorded_by_micros) {
  const pqxx::field end = txn.exec_params(
      std::string("SELECT max(e.period_end)::text FROM journal_entries e "
                  "WHERE e.claim_id = $1::uuid AND e.kind = 'accrual' "
                  "AND e.effective_date <= $3::date AND ") +
          kRecordedBy,
      id, OrNull(MicrosText(recorded_by_micros)), domain::FormatIsoDate(as_of))[0][0];
  if (end.is_null()) return std::nullopt;
  return DateField(end);
}

// The time, in microseconds, at which the claim's history counts the update that booked its
// earliest penalty entry effective after `as_of` (recorded at or before `recorded_by_micros`
// when given); nullopt when there is none. The claim just before then had the penalty that
// stood on `as_of`. UpdateClaim changes the claim's rows, then books the entry, in one
// transaction, which the history counts at its first change to the claim (as_of_history.cc):
// the last such time of the claim's transactions not after the entry's recording.
std::optional<int64_t> PenaltyChangedAfter(pqxx::work& txn, const std::string& id,
                                           const Date& as_of,
                                           std::optional<int64_t> recorded_by_micros) {
  const pqxx::field changed = txn.exec_params(
      std::string("WITH entry AS (SELECT e.recorded_at FROM journal_entries e "
                  "  WHERE e.claim_id = $1::uuid AND e.kind = 'penalty' "
                  "  AND e.effective_date > $3::date AND ") +
          kRecordedBy +
          "  ORDER BY e.effective_date, e.recorded_at LIMIT 1), "
          "updates AS (SELECT min(h.change_time) AS first_change FROM subject_history h "
          "  WHERE h.subject_id = $1::uuid GROUP BY h.txid) "
          "SELECT audit_micros(max(u.first_change)) FROM entry, updates u "
          "WHERE u.first_change <= entry.recorded_at",
      id, OrNull(MicrosText(recorded_by_micros)), domain::FormatIsoDate(as_of))[0][0];
  if (changed.is_null()) return std::nullopt;
  return changed.as<int64_t>();
}

// The sums of the postings of the claim's entries by account, kind and reversed kind (see
// domain::ClaimStatementBasis::totals).
std::vector<domain::AccountTotals> ClaimTotalsIn(pqxx::work& txn, const std::string& id,
                                                 const Date& as_of,
                                                 std::optional<int64_t> recorded_by_micros) {
  return TotalsFrom(
      txn.exec_params(std::string("SELECT p.account, sum(p.debit)::text, sum(p.credit)::text, "
                                  "e.kind, r.kind FROM journal_postings p JOIN journal_entries e "
                                  "USING (entry_id) "
                                  "LEFT JOIN journal_entries r ON r.entry_id = e.reverses "
                                  "WHERE e.claim_id = $1::uuid "
                                  "AND e.effective_date <= $3::date AND ") +
                          kRecordedBy +
                          " GROUP BY p.account, e.kind, r.kind ORDER BY p.account, e.kind, r.kind",
                      id, OrNull(MicrosText(recorded_by_micros)), domain::FormatIsoDate(as_of)),
      true);
}

}  // namespace

Result<std::optional<domain::EarlierBooking>> PgLedgerRepository::EarlierEntries(
    const domain::RequestKey& key) {
  using Earlier = std::optional<domain::EarlierBooking>;
  return database_.pool().InTransaction<Earlier>([&](pqxx::work& txn) -> Result<Earlier> {
    std::optional<CallWithoutEntries> call;
    ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries, EarlierCall(txn, key, &call));
    if (!entries.empty()) return Earlier(domain::EarlierBooking{std::move(entries), {}});
    if (!call) return Earlier();
    return Earlier(domain::EarlierBooking{{}, call->accrued_through});
  });
}

Result<domain::ClaimLedgerState> PgLedgerRepository::LoadClaimState(const std::string& claim_id) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = domain::AsciiLowercase(claim_id);
  using State = domain::ClaimLedgerState;
  return database_.pool().InTransaction<State>([&](pqxx::work& txn) -> Result<State> {
    ReadOneSnapshot(txn);  // the claim and its ledger, as of one instant
    std::vector<domain::Claim> claims = LoadClaims(txn, {id});
    if (claims.empty()) return Error::NotFound("claim " + id + " does not exist");
    return ClaimLedgerStateIn(txn, std::move(claims.front()));
  });
}

Result<domain::ClaimStatementBasis> PgLedgerRepository::LoadStatementBasis(
    const std::string& claim_id, const Date& as_of, std::optional<int64_t> recorded_by_micros) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = domain::AsciiLowercase(claim_id);
  using Basis = domain::ClaimStatementBasis;
  std::optional<int64_t> penalty_changed_micros;
  ASSIGN_OR_RETURN(
      Basis basis, database_.pool().InTransaction<Basis>([&](pqxx::work& txn) -> Result<Basis> {
        if (recorded_by_micros) {
          // One snapshot too, but not read-only: the claim as it was is rebuilt in temporary
          // tables.
          txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        } else {
          ReadOneSnapshot(txn);
        }
        Basis basis;
        // First: the claim as of a past time leaves a temporary journal_entries standing in for
        // the table, which these two must not read.
        basis.accrued_through = AccruedThroughIn(txn, id, as_of, recorded_by_micros);
        basis.totals = ClaimTotalsIn(txn, id, as_of, recorded_by_micros);
        penalty_changed_micros = PenaltyChangedAfter(txn, id, as_of, recorded_by_micros);
        if (recorded_by_micros) {
          ASSIGN_OR_RETURN(domain::Claim claim, LoadClaimLedgerAsOf(txn, id, *recorded_by_micros));
          basis.state = LedgerStateOf(txn, std::move(claim));
          return basis;
        }
        std::vector<domain::Claim> claims = LoadClaims(txn, {id});
        if (claims.empty()) return Error::NotFound("claim " + id + " does not exist");
        basis.state = ClaimLedgerStateIn(txn, std::move(claims.front()));
        return basis;
      }));
  if (!penalty_changed_micros) return basis;
  // The claim's history is only appended to: the claim as it was then is the same whenever it
  // is read, so a second transaction reads it consistently with the first.
  ASSIGN_OR_RETURN(basis.penalty_on_date,
                   database_.pool().InTransaction<domain::Penalty>(
                       [&](pqxx::work& txn) -> Result<domain::Penalty> {
                         ASSIGN_OR_RETURN(std::vector<domain::Claim> claims,
                                          LoadClaimsAsOf(txn, {id}, *penalty_changed_micros - 1));
                         if (claims.empty())
                           return Error::NotFound("claim " + id + " does not exist");
                         return claims.front().content.penalty;
                       }));
  return basis;
}

Result<std::vector<LedgerEntry>> PgLedgerRepository::Book(const std::string& claim_id,
                                                          const domain::ClaimLedgerState& basis,
                                                          const std::vector<LedgerEntry>& entries,
                                                          const domain::RequestKey& key,
                                                          const domain::AuditContext& audit) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = domain::AsciiLowercase(claim_id);
  using Entries = std::vector<LedgerEntry>;
  return database_.pool().InTransaction<Entries>([&](pqxx::work& txn) -> Result<Entries> {
    // One call per request id, then one booking per claim at a time; the loser of a race sees
    // the winner's entries.
    LockRequestId(txn, key.request_id);
    const std::optional<int64_t> version = LockClaim(txn, id);
    if (!version) return Error::NotFound("claim " + id + " does not exist");
    std::optional<CallWithoutEntries> booked_nothing;
    ASSIGN_OR_RETURN(Entries earlier, EarlierCall(txn, key, &booked_nothing));
    if (!earlier.empty()) return earlier;
    // A retry racing its first call, which booked nothing: the same answer, nothing recorded.
    if (booked_nothing) return Entries();
    // The plan was made from reads that each saw the database at their own moment, so a
    // racing booking (or an edit of the claim's terms) may have come in between: refuse, never
    // book twice or on stale terms.
    if (!LedgerBasisUnchanged(txn, id, *version, basis, entries)) {
      return Error::Aborted("the claim's ledger changed while this call was prepared; retry");
    }
    for (const LedgerEntry& entry : entries) {
      if (entry.reverses_entry_id != 0) {
        RETURN_IF_ERROR(CheckNotReversed(txn, entry));
        RETURN_IF_ERROR(CheckNotCorrectedSince(txn, entry));
        RETURN_IF_ERROR(CheckNothingStandsAfterAward(txn, entry));
        RETURN_IF_ERROR(CheckNoLaterDebtorPaymentStands(txn, entry));
        RETURN_IF_ERROR(CheckNotACatchUp(txn, entry));
      }
      InsertLedgerEntry(txn, entry, key, audit.actor);
    }
    if (entries.empty()) {
      RecordCallWithoutEntries(txn, key, id, basis.accrued_through, audit.actor);
      return Entries();
    }
    AppendAuditEvent(txn, audit, "claim", id, *version);
    return LoadEntries(txn, "call_request_id = $1", key.request_id, nullptr);
  });
}

Result<LedgerEntry> PgLedgerRepository::GetEntry(int64_t entry_id) {
  return database_.pool().InTransaction<LedgerEntry>([&](pqxx::work& txn) -> Result<LedgerEntry> {
    std::vector<LedgerEntry> found =
        LoadEntries(txn, "entry_id = $1::bigint", std::to_string(entry_id), nullptr);
    if (found.empty())
      return Error::NotFound("journal entry " + std::to_string(entry_id) + " does not exist");
    return std::move(found.front());
  });
}

Result<std::vector<LedgerEntry>> PgLedgerRepository::ListClaimEntries(const std::string& claim_id,
                                                                      int64_t after_id, int limit) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = domain::AsciiLowercase(claim_id);
  using Entries = std::vector<LedgerEntry>;
  return database_.pool().InTransaction<Entries>([&](pqxx::work& txn) -> Result<Entries> {
    // The ids first (bounded), then the entries with their postings.
    std::string ids = "{";
    for (const pqxx::row& row :
         txn.exec_params("SELECT entry_id FROM journal_entries WHERE claim_id = $1::uuid "
                         "AND entry_id > $2 ORDER BY entry_id LIMIT $3",
                         id, after_id, limit)) {
      ids += (ids.size() > 1 ? "," : "") + row[0].as<std::string>();
    }
    if (ids.size() == 1) {
      // An empty page of a claim that is not there is no answer: say so.
      if (txn.exec_params("SELECT 1 FROM claims WHERE id = $1::uuid", id).empty()) {
        return Error::NotFound("claim " + id + " does not exist");
      }
      return Entries();
    }
    return LoadEntries(txn, "entry_id = ANY($1::bigint[])", ids + "}", nullptr);
  });
}

Result<std::vector<domain::AccountTotals>> PgLedgerRepository::Totals(
    const Date& as_of, std::optional<int64_t> recorded_by_micros) {
  using Totals = std::vector<domain::AccountTotals>;
  return InReadTransaction<Totals>(database_, [&](pqxx::work& txn) -> Result<Totals> {
    return TotalsFrom(
        txn.exec_params(std::string("SELECT p.account, sum(p.debit)::text, "
                                    "sum(p.credit)::text FROM journal_postings p "
                                    "JOIN journal_entries e USING (entry_id) "
                                    "WHERE e.effective_date <= $1::date AND ") +
                            kRecordedBy + " GROUP BY p.account ORDER BY p.account",
                        domain::FormatIsoDate(as_of), OrNull(MicrosText(recorded_by_micros))),
        false);
  });
}

}  // namespace disposal::store
