// Internal to store/: journal entries and postings as rows, shared by the ledger's and the
// outcomes' repositories.
#ifndef DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_
#define DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/ledger_repository.h"
#include "store/field_values.h"

namespace disposal::store {

std::string KindCode(domain::EntryKind kind);
domain::EntryKind KindFrom(const std::string& code);

// Entries with their postings, by entry id, selected by a WHERE clause over journal_entries
// whose only parameter is $1. `request_hash` (when given) receives the body hash they were
// booked with.
std::vector<domain::LedgerEntry> LoadEntries(pqxx::work& txn, const std::string& where,
                                             const std::string& parameter,
                                             std::string* request_hash);

// The end of the claim's latest accrual period, if any.
std::optional<domain::Date> AccruedThrough(pqxx::work& txn, const std::string& claim_id);

// A statement's start that inserts an entry and its postings, opening the accounts they name, as
// the common table expression `entry` (its column: entry_id). Parameters $1..$15 are an
// EntryValues' in declaration order; a statement goes on with its own CTEs or final SELECT.
// The postings' foreign keys are checked after the statement, when the accounts exist.
inline constexpr char kInsertEntryCte[] =
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
    "    WITH ORDINALITY AS p(account, tranche, debit, credit, line))";

// An entry as kInsertEntryCte's parameters.
struct EntryValues {
  std::string request_id, call_request_id, body_sha256, kind, effective_date, actor;
  std::optional<std::string> claim_id, period_start, period_end, reverses;
  std::string memo;
  std::string accounts, tranches, debits, credits;  // array literals, one item per posting
};
EntryValues ValuesOf(const domain::LedgerEntry& entry, const domain::RequestKey& key,
                     const std::string& actor);

// Inserts the entry and its postings (opening the accounts they name); returns its id.
int64_t InsertEntry(pqxx::work& txn, const domain::LedgerEntry& entry,
                    const domain::RequestKey& key, const std::string& actor);

// Locks the claim for booking; its version, or nullopt for an unknown claim.
std::optional<int64_t> LockClaim(pqxx::work& txn, const std::string& claim_id);

struct CallWithoutEntries;

// Entries booked earlier under this request key: empty when none (or when the call booked
// nothing: then `without_entries`, when given, receives that call's row), ALREADY_EXISTS when
// the key came with another body.
Result<std::vector<domain::LedgerEntry>> EarlierCall(
    pqxx::work& txn, const domain::RequestKey& key,
    std::optional<CallWithoutEntries>* without_entries = nullptr);

// A call that booked nothing (schema/0012): its body's hash (hex) and the claim's
// accrued-through date when it was answered.
struct CallWithoutEntries {
  std::string request_hash;
  std::optional<domain::Date> accrued_through;
};
std::optional<CallWithoutEntries> FindCallWithoutEntries(pqxx::work& txn,
                                                         const std::string& call_request_id);
// Records that the call under `key` booked nothing on the claim.
void RecordCallWithoutEntries(pqxx::work& txn, const domain::RequestKey& key,
                              const std::string& claim_id,
                              const std::optional<domain::Date>& accrued_through,
                              const std::string& actor);

// Records that accrual entry `entry_id` compounded interest on overdue interest.
void RecordCompounding(pqxx::work& txn, int64_t entry_id);

// Keeps the terms an accrual entry was booked on (accrual_terms).
void RecordAccrualTerms(pqxx::work& txn, int64_t entry_id, const domain::AccrualCallTerms& terms);

// Inserts `entry` (InsertEntry), with its compounding mark and accrual terms when it has them;
// returns its id.
int64_t InsertLedgerEntry(pqxx::work& txn, const domain::LedgerEntry& entry,
                          const domain::RequestKey& key, const std::string& actor);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_
