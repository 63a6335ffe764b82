#include "store/ledger_rows.h"

#include <stdexcept>

#include "domain/text_rules.h"
#include "store/accrual_terms_rows.h"
#include "store/code_table.h"
#include "store/field_values.h"
#include "store/prepared.h"
#include "store/sql_values.h"

namespace disposal::store {

using domain::Date;
using domain::EntryKind;
using domain::LedgerEntry;
using domain::Money;

namespace {

constexpr CodeTable<EntryKind, 9> kEntryKinds{{
    {EntryKind::kOpening, "opening"},
    {EntryKind::kAccrual, "accrual"},
    {EntryKind::kOutcome, "outcome"},
    {EntryKind::kPayment, "payment"},
    {EntryKind::kWriteOff, "write_off"},
    {EntryKind::kReversal, "reversal"},
    {EntryKind::kCost, "cost"},
    {EntryKind::kPenalty, "penalty"},
    {EntryKind::kForfeiture, "forfeiture"},
}};

constexpr char kEntryColumns[] =
    "entry_id, request_id, kind, effective_date::text, "
    "(extract(epoch FROM recorded_at) * 1000000)::bigint, coalesce(claim_id::text, ''), "
    "period_start::text, period_end::text, coalesce(reverses, 0), memo, actor, "
    "encode(request_hash, 'hex')";

}  // namespace

std::string KindCode(EntryKind kind) { return Code(kEntryKinds, kind); }
EntryKind KindFrom(const std::string& code) { return Decode(kEntryKinds, code); }

namespace {

LedgerEntry EntryFromRow(const pqxx::row& row) {
  LedgerEntry entry;
  entry.entry_id = row[0].as<int64_t>();
  entry.request_id = row[1].as<std::string>();
  entry.kind = KindFrom(row[2].as<std::string>());
  entry.effective_date = DateField(row[3]);
  entry.record_micros = row[4].as<int64_t>();
  entry.claim_id = row[5].as<std::string>();
  if (!row[6].is_null()) entry.period = domain::AccrualPeriod{DateField(row[6]), DateField(row[7])};
  entry.reverses_entry_id = row[8].as<int64_t>();
  entry.memo = row[9].as<std::string>();
  entry.actor = row[10].as<std::string>();
  return entry;
}

}  // namespace

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
    const Money debit = MoneyField(row[3]);
    const bool is_debit = !debit.is_zero();
    entries[next].postings.push_back(
        {{row[1].as<std::string>(), is_debit ? domain::Side::kDebit : domain::Side::kCredit,
          is_debit ? debit : MoneyField(row[4])},
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
  return DateField(field);
}

EntryValues ValuesOf(const LedgerEntry& entry, const domain::RequestKey& key,
                     const std::string& actor) {
  EntryValues values;
  values.request_id = entry.request_id;
  values.call_request_id = key.request_id;
  values.body_sha256 = key.body_sha256;
  values.kind = KindCode(entry.kind);
  values.effective_date = domain::FormatIsoDate(entry.effective_date);
  values.actor = actor;
  if (!entry.claim_id.empty()) values.claim_id = entry.claim_id;
  if (entry.period) {
    values.period_start = domain::FormatIsoDate(entry.period->start);
    values.period_end = domain::FormatIsoDate(entry.period->end);
  }
  if (entry.reverses_entry_id != 0) values.reverses = std::to_string(entry.reverses_entry_id);
  values.memo = entry.memo;
  std::vector<std::string> accounts, tranches, debits, credits;
  for (const domain::BookedPosting& booked : entry.postings) {
    const bool debit = booked.posting.side == domain::Side::kDebit;
    accounts.push_back(booked.posting.account);
    tranches.push_back(std::to_string(booked.tranche));
    debits.push_back(debit ? booked.posting.amount.ToString() : "0");
    credits.push_back(debit ? "0" : booked.posting.amount.ToString());
  }
  values.accounts = PlainArrayLiteral(accounts);
  values.tranches = PlainArrayLiteral(tranches);
  values.debits = PlainArrayLiteral(debits);
  values.credits = PlainArrayLiteral(credits);
  return values;
}

int64_t InsertEntry(pqxx::work& txn, const LedgerEntry& entry, const domain::RequestKey& key,
                    const std::string& actor) {
  const EntryValues v = ValuesOf(entry, key, actor);
  static const PreparedStatement kInsert{
      "insert_entry", std::string(kInsertEntryCte) + " SELECT entry_id FROM entry"};
  return ExecPrepared(txn, kInsert, v.request_id, v.call_request_id, v.body_sha256, v.kind,
                      v.effective_date, v.actor, OrNull(v.claim_id), OrNull(v.period_start),
                      OrNull(v.period_end), OrNull(v.reverses), v.memo, v.accounts, v.tranches,
                      v.debits, v.credits)[0][0]
      .as<int64_t>();
}

std::optional<int64_t> LockClaim(pqxx::work& txn, const std::string& claim_id) {
  static const PreparedStatement kLock{"lock_claim",
                                       "SELECT version FROM claims WHERE id = $1::uuid FOR UPDATE"};
  const pqxx::result claim = ExecPrepared(txn, kLock, claim_id);
  if (claim.empty()) return std::nullopt;
  return claim[0][0].as<int64_t>();
}

std::optional<CallWithoutEntries> FindCallWithoutEntries(pqxx::work& txn,
                                                         const std::string& call_request_id) {
  static const PreparedStatement kFind{
      "find_call_without_entries",
      "SELECT encode(request_hash, 'hex'), accrued_through::text "
      "FROM ledger_calls_without_entries WHERE call_request_id = $1"};
  const pqxx::result rows = ExecPrepared(txn, kFind, call_request_id);
  if (rows.empty()) return std::nullopt;
  CallWithoutEntries call;
  call.request_hash = rows[0][0].as<std::string>();
  if (!rows[0][1].is_null()) call.accrued_through = DateField(rows[0][1]);
  return call;
}

void RecordCallWithoutEntries(pqxx::work& txn, const domain::RequestKey& key,
                              const std::string& claim_id,
                              const std::optional<domain::Date>& accrued_through,
                              const std::string& actor) {
  static const PreparedStatement kRecord{
      "record_call_without_entries",
      "INSERT INTO ledger_calls_without_entries "
      "  (call_request_id, request_hash, claim_id, accrued_through, actor) "
      "VALUES ($1, decode($2, 'hex'), $3::uuid, $4::date, $5)"};
  const std::optional<std::string> through =
      accrued_through ? std::optional<std::string>(domain::FormatIsoDate(*accrued_through))
                      : std::nullopt;
  ExecPrepared(txn, kRecord, key.request_id, key.body_sha256, claim_id, OrNull(through), actor);
}

namespace {

bool RequestIdTakenElsewhere(pqxx::work& txn, const std::string& request_id) {
  if (request_id.empty()) return false;
  static const PreparedStatement kTaken{
      "request_id_taken_elsewhere",
      "SELECT EXISTS (SELECT 1 FROM request_keys WHERE request_id = $1)"};
  return ExecPrepared(txn, kTaken, request_id)[0][0].as<bool>();
}

}  // namespace

Result<std::vector<LedgerEntry>> EarlierCall(pqxx::work& txn, const domain::RequestKey& key,
                                             std::optional<CallWithoutEntries>* without_entries) {
  std::string hash;
  std::vector<LedgerEntry> earlier =
      LoadEntries(txn, "call_request_id = $1", key.request_id, &hash);
  if (earlier.empty()) {
    std::optional<CallWithoutEntries> call = FindCallWithoutEntries(txn, key.request_id);
    if (call) hash = call->request_hash;
    if (call && hash == key.body_sha256 && without_entries != nullptr) *without_entries = call;
    if (call && hash == key.body_sha256) return earlier;
    // One namespace with the claims', disposals' and registry's calls (request_keys).
    if (!call && RequestIdTakenElsewhere(txn, key.request_id)) {
      return Error::AlreadyExists("request_id",
                                  "\"" + key.request_id +
                                      "\" was already used by a call of another service; use a "
                                      "new request id for a new request");
    }
    if (!call) return earlier;
  }
  if (hash != key.body_sha256) {
    return Error::AlreadyExists("request_id",
                                "was used for a different request; use a new request id");
  }
  return earlier;
}

void RecordCompounding(pqxx::work& txn, int64_t entry_id) {
  static const PreparedStatement kRecord{"record_compounding",
                                         "INSERT INTO accrual_compounding (entry_id) VALUES ($1)"};
  ExecPrepared(txn, kRecord, entry_id);
}

void RecordAccrualTerms(pqxx::work& txn, int64_t entry_id, const domain::AccrualCallTerms& terms) {
  static const PreparedStatement kRecord{
      "record_accrual_terms",
      "INSERT INTO accrual_terms (entry_id, basis, compound, court_judgment_debt, "
      "court_due_date, court_daily_rate) VALUES ($1, $2, $3, $4::numeric, $5::date, "
      "$6::numeric)"};
  const AccrualTermsColumns c = ColumnsOf(terms);
  ExecPrepared(txn, kRecord, entry_id, c.basis, c.compound, OrNull(c.court_judgment_debt),
               OrNull(c.court_due_date), OrNull(c.court_daily_rate));
}

int64_t InsertLedgerEntry(pqxx::work& txn, const LedgerEntry& entry, const domain::RequestKey& key,
                          const std::string& actor) {
  const int64_t inserted = InsertEntry(txn, entry, key, actor);
  if (entry.compounds) RecordCompounding(txn, inserted);
  if (entry.terms) RecordAccrualTerms(txn, inserted, *entry.terms);
  return inserted;
}

}  // namespace disposal::store
