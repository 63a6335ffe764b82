#include "store/ledger_rows.h"

#include <stdexcept>

#include "domain/text_rules.h"
#include "store/code_table.h"
#include "store/field_values.h"
#include "store/sql_values.h"

namespace disposal::store {

using domain::Date;
using domain::EntryKind;
using domain::LedgerEntry;
using domain::Money;

namespace {

constexpr CodeTable<EntryKind, 6> kEntryKinds{{
    {EntryKind::kOpening, "opening"},
    {EntryKind::kAccrual, "accrual"},
    {EntryKind::kOutcome, "outcome"},
    {EntryKind::kPayment, "payment"},
    {EntryKind::kWriteOff, "write_off"},
    {EntryKind::kReversal, "reversal"},
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
  std::vector<std::string> accounts, tranches, debits, credits;
  for (const domain::BookedPosting& booked : entry.postings) {
    const bool debit = booked.posting.side == domain::Side::kDebit;
    accounts.push_back(booked.posting.account);
    tranches.push_back(std::to_string(booked.tranche));
    debits.push_back(debit ? booked.posting.amount.ToString() : "0");
    credits.push_back(debit ? "0" : booked.posting.amount.ToString());
  }
  // The entry, the accounts it opens and its postings in one statement: one round trip per
  // entry. The postings' foreign keys are checked after the statement, when the accounts exist.
  return txn
      .exec_params1(
          "WITH entry AS ("
          "  INSERT INTO journal_entries (request_id, call_request_id, request_hash, kind, "
          "    effective_date, actor, claim_id, period_start, period_end, reverses, memo) "
          "  VALUES ($1, $2, decode($3, 'hex'), $4, $5::date, $6, $7::uuid, $8::date, "
          "    $9::date, $10::bigint, $11) RETURNING entry_id), "
          "accounts AS ("
          "  INSERT INTO ledger_accounts (account, claim_id) "
          "  SELECT DISTINCT a, CASE WHEN a LIKE 'claim/%' THEN substr(a, 7, 36)::uuid END "
          "  FROM unnest($12::text[]) AS a ON CONFLICT (account) DO NOTHING), "
          "postings AS ("
          "  INSERT INTO journal_postings (entry_id, line, account, tranche, debit, credit) "
          "  SELECT (SELECT entry_id FROM entry), p.line, p.account, nullif(p.tranche, 0), "
          "    p.debit, p.credit "
          "  FROM unnest($12::text[], $13::smallint[], $14::numeric[], $15::numeric[]) "
          "    WITH ORDINALITY AS p(account, tranche, debit, credit, line)) "
          "SELECT entry_id FROM entry",
          entry.request_id, key.request_id, key.body_sha256, KindCode(entry.kind),
          domain::FormatIsoDate(entry.effective_date), actor, OrNull(claim), OrNull(start),
          OrNull(end), OrNull(reverses), entry.memo, PlainArrayLiteral(accounts),
          PlainArrayLiteral(tranches), PlainArrayLiteral(debits), PlainArrayLiteral(credits))[0]
      .as<int64_t>();
}

std::optional<int64_t> LockClaim(pqxx::work& txn, const std::string& claim_id) {
  const pqxx::result claim =
      txn.exec_params("SELECT version FROM claims WHERE id = $1::uuid FOR UPDATE", claim_id);
  if (claim.empty()) return std::nullopt;
  return claim[0][0].as<int64_t>();
}

Result<std::vector<LedgerEntry>> EarlierCall(pqxx::work& txn, const domain::RequestKey& key) {
  std::string hash;
  std::vector<LedgerEntry> earlier =
      LoadEntries(txn, "call_request_id = $1", key.request_id, &hash);
  if (!earlier.empty() && hash != key.body_sha256) {
    return Error::AlreadyExists("request_id",
                                "was used for a different request; use a new request id");
  }
  return earlier;
}

}  // namespace disposal::store
