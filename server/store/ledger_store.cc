#include "store/ledger_store.h"

#include <pqxx/pqxx>
#include <stdexcept>

#include "domain/text_rules.h"
#include "store/audit_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::Date;
using domain::EntryKind;
using domain::LedgerEntry;
using domain::Money;

constexpr char kEntryColumns[] =
    "entry_id, request_id, kind, effective_date::text, "
    "(extract(epoch FROM recorded_at) * 1000000)::bigint, coalesce(claim_id::text, ''), "
    "period_start::text, period_end::text, coalesce(reverses, 0), memo, actor, "
    "encode(request_hash, 'hex')";

const char* KindCode(EntryKind kind) {
  switch (kind) {
    case EntryKind::kOpening:
      return "opening";
    case EntryKind::kAccrual:
      return "accrual";
    case EntryKind::kOutcome:
      return "outcome";
    case EntryKind::kPayment:
      return "payment";
    case EntryKind::kWriteOff:
      return "write_off";
    case EntryKind::kReversal:
      return "reversal";
  }
  return "accrual";
}

EntryKind KindFrom(const std::string& code) {
  for (EntryKind kind : {EntryKind::kOpening, EntryKind::kAccrual, EntryKind::kOutcome,
                         EntryKind::kPayment, EntryKind::kWriteOff, EntryKind::kReversal}) {
    if (code == KindCode(kind)) return kind;
  }
  throw std::runtime_error("corrupt entry kind in the database");
}

// Stored values passed every CHECK on the way in; one that no longer parses is corruption.
template <typename T>
T Expect(Result<T> result, const char* what) {
  if (!result.ok()) throw std::runtime_error(std::string("corrupt ") + what + " in the database");
  return std::move(result).value();
}

Money MoneyFrom(const pqxx::field& field) { return Expect(Money::Parse(field.c_str()), "amount"); }
Date DateFrom(const pqxx::field& field) {
  return Expect(domain::ParseIsoDate(field.c_str()), "date");
}

LedgerEntry EntryFromRow(const pqxx::row& row) {
  LedgerEntry entry;
  entry.entry_id = row[0].as<int64_t>();
  entry.request_id = row[1].as<std::string>();
  entry.kind = KindFrom(row[2].as<std::string>());
  entry.effective_date = DateFrom(row[3]);
  entry.record_micros = row[4].as<int64_t>();
  entry.claim_id = row[5].as<std::string>();
  if (!row[6].is_null()) entry.period = domain::AccrualPeriod{DateFrom(row[6]), DateFrom(row[7])};
  entry.reverses_entry_id = row[8].as<int64_t>();
  entry.memo = row[9].as<std::string>();
  entry.actor = row[10].as<std::string>();
  return entry;
}

// Entries with their postings, by entry id, from a WHERE clause over journal_entries whose
// only parameter is $1.
std::vector<LedgerEntry> LoadEntries(pqxx::work& txn, const std::string& where,
                                     const std::string& parameter, std::string* request_hash) {
  std::vector<LedgerEntry> entries;
  std::string ids = "{";
  for (const pqxx::row& row :
       txn.exec_params(std::string("SELECT ") + kEntryColumns + " FROM journal_entries WHERE " +
                           where + " ORDER BY entry_id",
                       parameter)) {
    entries.push_back(EntryFromRow(row));
    if (request_hash != nullptr) *request_hash = row[11].as<std::string>();
    ids += (ids.size() > 1 ? "," : "") + std::to_string(entries.back().entry_id);
  }
  if (entries.empty()) return entries;
  size_t next = 0;
  for (const pqxx::row& row : txn.exec_params(
           "SELECT entry_id, account, coalesce(tranche, 0), debit::text, credit::text "
           "FROM journal_postings WHERE entry_id = ANY($1::bigint[]) ORDER BY entry_id, line",
           ids + "}")) {
    const int64_t id = row[0].as<int64_t>();
    while (entries[next].entry_id != id) ++next;
    const Money debit = MoneyFrom(row[3]);
    const bool is_debit = !debit.is_zero();
    entries[next].postings.push_back(
        {{row[1].as<std::string>(), is_debit ? domain::Side::kDebit : domain::Side::kCredit,
          is_debit ? debit : MoneyFrom(row[4])},
         row[2].as<int>()});
  }
  return entries;
}

std::optional<Date> AccruedThrough(pqxx::work& txn, const std::string& claim_id) {
  const pqxx::field field = txn.exec_params(
      "SELECT max(period_end)::text FROM journal_entries "
      "WHERE claim_id = $1::uuid AND kind = 'accrual'",
      claim_id)[0][0];
  if (field.is_null()) return std::nullopt;
  return DateFrom(field);
}

// The claim an account belongs to ("claim/<uuid>/..."), or NULL.
std::optional<std::string> AccountClaim(const std::string& account) {
  if (account.rfind("claim/", 0) != 0 || account.size() < 6 + 36) return std::nullopt;
  return account.substr(6, 36);
}

int64_t InsertEntry(pqxx::work& txn, const LedgerEntry& entry, const domain::RequestKey& key,
                    const std::string& actor) {
  const std::optional<std::string> claim =
      entry.claim_id.empty() ? std::nullopt : std::optional<std::string>(entry.claim_id);
  std::optional<std::string> start, end, reverses;
  if (entry.period) {
    start = domain::FormatIsoDate(entry.period->start);
    end = domain::FormatIsoDate(entry.period->end);
  }
  if (entry.reverses_entry_id != 0) reverses = std::to_string(entry.reverses_entry_id);
  const int64_t id =
      txn.exec_params(
             "INSERT INTO journal_entries (request_id, call_request_id, request_hash, "
             "kind, effective_date, actor, claim_id, period_start, period_end, "
             "reverses, memo) VALUES ($1, $2, decode($3, 'hex'), $4, $5::date, $6, "
             "$7::uuid, $8::date, $9::date, $10::bigint, $11) RETURNING entry_id",
             entry.request_id, key.request_id, key.body_sha256, KindCode(entry.kind),
             domain::FormatIsoDate(entry.effective_date), actor, OrNull(claim), OrNull(start),
             OrNull(end), OrNull(reverses), entry.memo)[0][0]
          .as<int64_t>();
  int line = 0;
  for (const domain::BookedPosting& booked : entry.postings) {
    const domain::Posting& posting = booked.posting;
    txn.exec_params(
        "INSERT INTO ledger_accounts (account, claim_id) VALUES ($1, $2::uuid) "
        "ON CONFLICT (account) DO NOTHING",
        posting.account, OrNull(AccountClaim(posting.account)));
    const bool debit = posting.side == domain::Side::kDebit;
    const std::optional<std::string> tranche =
        booked.tranche > 0 ? std::optional<std::string>(std::to_string(booked.tranche))
                           : std::nullopt;
    txn.exec_params(
        "INSERT INTO journal_postings (entry_id, line, account, tranche, debit, credit) "
        "VALUES ($1, $2, $3, $4::smallint, $5::numeric, $6::numeric)",
        id, ++line, posting.account, OrNull(tranche), debit ? posting.amount.ToString() : "0",
        debit ? "0" : posting.amount.ToString());
  }
  return id;
}

std::vector<domain::AccountTotals> TotalsFrom(const pqxx::result& rows, bool with_kind) {
  std::vector<domain::AccountTotals> totals;
  for (const pqxx::row& row : rows) {
    domain::AccountTotals t;
    t.account = row[0].as<std::string>();
    t.debits = MoneyFrom(row[1]);
    t.credits = MoneyFrom(row[2]);
    if (with_kind) t.kind = KindFrom(row[3].as<std::string>());
    totals.push_back(std::move(t));
  }
  return totals;
}

Status CheckClaimId(const std::string& claim_id) {
  if (!domain::IsUuid(claim_id)) return Error::InvalidArgument("claim_id", "must be a UUID");
  return OkStatus();
}

}  // namespace

Result<std::optional<std::vector<LedgerEntry>>> PgLedgerRepository::EarlierEntries(
    const domain::RequestKey& key) {
  using Earlier = std::optional<std::vector<LedgerEntry>>;
  return database_.pool().InTransaction<Earlier>([&](pqxx::work& txn) -> Result<Earlier> {
    std::string hash;
    std::vector<LedgerEntry> entries =
        LoadEntries(txn, "call_request_id = $1", key.request_id, &hash);
    if (entries.empty()) return Earlier();
    if (hash != key.body_sha256) {
      return Error::AlreadyExists("request_id",
                                  "was used for a different request; use a new request id");
    }
    return Earlier(std::move(entries));
  });
}

Result<domain::ClaimLedgerState> PgLedgerRepository::LoadClaimState(const std::string& claim_id) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = Lowercase(claim_id);
  using State = domain::ClaimLedgerState;
  return database_.pool().InTransaction<State>([&](pqxx::work& txn) -> Result<State> {
    std::vector<domain::Claim> claims = LoadClaims(txn, {id});
    if (claims.empty()) return Error::NotFound("claim " + id + " not found");
    State state;
    state.claim = std::move(claims.front());
    state.opened = txn.exec_params(
                          "SELECT EXISTS (SELECT 1 FROM journal_entries "
                          "WHERE claim_id = $1::uuid AND kind = 'opening')",
                          id)[0][0]
                       .as<bool>();
    state.accrued_through = AccruedThrough(txn, id);
    return state;
  });
}

Result<std::vector<LedgerEntry>> PgLedgerRepository::Book(
    const std::string& claim_id, const std::optional<Date>& expected_accrued_through,
    const std::vector<LedgerEntry>& entries, const domain::RequestKey& key,
    const domain::AuditContext& audit) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = Lowercase(claim_id);
  using Entries = std::vector<LedgerEntry>;
  return database_.pool().InTransaction<Entries>([&](pqxx::work& txn) -> Result<Entries> {
    // One booking per claim at a time; the loser of a race sees the winner's entries.
    const pqxx::result claim =
        txn.exec_params("SELECT version FROM claims WHERE id = $1::uuid FOR UPDATE", id);
    if (claim.empty()) return Error::NotFound("claim " + id + " not found");
    std::string hash;
    Entries earlier = LoadEntries(txn, "call_request_id = $1", key.request_id, &hash);
    if (!earlier.empty()) {
      if (hash != key.body_sha256) {
        return Error::AlreadyExists("request_id",
                                    "was used for a different request; use a new request id");
      }
      return earlier;
    }
    if (AccruedThrough(txn, id) != expected_accrued_through) {
      return Error::Aborted("the claim's ledger changed while this call was prepared; retry");
    }
    for (const LedgerEntry& entry : entries) InsertEntry(txn, entry, key, audit.actor);
    if (!entries.empty()) AppendAuditEvent(txn, audit, "claim", id, claim[0][0].as<int64_t>());
    return LoadEntries(txn, "call_request_id = $1", key.request_id, nullptr);
  });
}

Result<LedgerEntry> PgLedgerRepository::GetEntry(int64_t entry_id) {
  return database_.pool().InTransaction<LedgerEntry>([&](pqxx::work& txn) -> Result<LedgerEntry> {
    std::vector<LedgerEntry> found =
        LoadEntries(txn, "entry_id = $1::bigint", std::to_string(entry_id), nullptr);
    if (found.empty()) return Error::NotFound("journal entry " + std::to_string(entry_id));
    return std::move(found.front());
  });
}

Result<std::vector<LedgerEntry>> PgLedgerRepository::ListClaimEntries(const std::string& claim_id,
                                                                      int64_t after_id, int limit) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = Lowercase(claim_id);
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
    if (ids.size() == 1) return Entries();
    return LoadEntries(txn, "entry_id = ANY($1::bigint[])", ids + "}", nullptr);
  });
}

Result<std::vector<domain::AccountTotals>> PgLedgerRepository::Totals(const Date& as_of) {
  using Totals = std::vector<domain::AccountTotals>;
  return database_.pool().InTransaction<Totals>([&](pqxx::work& txn) -> Result<Totals> {
    return TotalsFrom(txn.exec_params("SELECT p.account, sum(p.debit)::text, sum(p.credit)::text "
                                      "FROM journal_postings p JOIN journal_entries e "
                                      "USING (entry_id) WHERE e.effective_date <= $1::date "
                                      "GROUP BY p.account ORDER BY p.account",
                                      domain::FormatIsoDate(as_of)),
                      false);
  });
}

Result<std::vector<domain::AccountTotals>> PgLedgerRepository::ClaimTotalsByKind(
    const std::string& claim_id, const Date& as_of) {
  RETURN_IF_ERROR(CheckClaimId(claim_id));
  const std::string id = Lowercase(claim_id);
  using Totals = std::vector<domain::AccountTotals>;
  return database_.pool().InTransaction<Totals>([&](pqxx::work& txn) -> Result<Totals> {
    return TotalsFrom(
        txn.exec_params("SELECT p.account, sum(p.debit)::text, sum(p.credit)::text, e.kind "
                        "FROM journal_postings p JOIN journal_entries e USING (entry_id) "
                        "JOIN ledger_accounts a ON a.account = p.account "
                        "WHERE a.claim_id = $1::uuid AND e.effective_date <= $2::date "
                        "GROUP BY p.account, e.kind ORDER BY p.account, e.kind",
                        id, domain::FormatIsoDate(as_of)),
        true);
  });
}

}  // namespace disposal::store
