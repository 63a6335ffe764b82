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

// Inserts the entry and its postings (opening the accounts they name); returns its id.
int64_t InsertEntry(pqxx::work& txn, const domain::LedgerEntry& entry,
                    const domain::RequestKey& key, const std::string& actor);

// Locks the claim for booking; its version, or nullopt for an unknown claim.
std::optional<int64_t> LockClaim(pqxx::work& txn, const std::string& claim_id);

// Entries booked earlier under this request key: empty when none, ALREADY_EXISTS when the key
// came with another body.
Result<std::vector<domain::LedgerEntry>> EarlierCall(pqxx::work& txn,
                                                     const domain::RequestKey& key);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_
