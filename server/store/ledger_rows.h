// Internal to store/: journal entries and postings as rows, shared by the ledger's and the
// outcomes' repositories.
#ifndef DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_
#define DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_

#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "domain/ledger_repository.h"
#include "domain/penalty_judgment.h"
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

// What the claim's entries, the opening one included, did to its principal accounts, by
// effective date and tranche, each marked late when booked after the latest accrual standing
// and dated before the date accrued through.
// By tranche, the periods of the accruals booked while an award of the tranche stood that has
// been rescinded since (they left the tranche out), and of those the ones of rescissions no
// accrual has been booked after yet: the first one catches the tranche up on them.
struct AccruedWhileSold {
  std::map<int, std::vector<domain::AccrualPeriod>> all;
  std::map<int, std::vector<domain::AccrualPeriod>> awaiting_catch_up;
};
AccruedWhileSold AccruedWhileSoldOf(pqxx::work& txn, const std::string& claim_id);

// The claim's tranches (numbered from 1) that accrue: they have a contract or a penalty rate.
std::set<int> AccruingTranchesOf(pqxx::work& txn, const std::string& claim_id);

std::vector<domain::PrincipalChange> PrincipalChangesOf(pqxx::work& txn,
                                                        const std::string& claim_id);

// Accrual periods from rows whose first two columns are the period's start and end (text).
std::vector<domain::AccrualPeriod> PeriodsFrom(const pqxx::result& rows);

// Records that accrual entry `entry_id` compounded interest on overdue interest.
void RecordCompounding(pqxx::work& txn, int64_t entry_id);

// The claim's standing (not reversed) accrual periods recorded as compounding, by period end.
std::vector<domain::AccrualPeriod> CompoundedPeriodsOf(pqxx::work& txn,
                                                       const std::string& claim_id);

// The claim's accrual periods whose entry posted nothing of the court's doubled-part interest
// (the claim-level penalty account, no tranche) and that no later accrual caught up on (an
// entry that posted some of it, after them), by period end.
std::vector<domain::AccrualPeriod> PeriodsWithoutCourtInterestOf(pqxx::work& txn,
                                                                 const std::string& claim_id);

// What the claim's entries other than accruals (and their reversals) did to its interest
// accounts, by effective date and tranche: the opening entry, payments, awards, write-offs and
// their reversals. The overdue interest a compound accrual runs on is what these leave.
std::vector<domain::PrincipalChange> InterestChangesOf(pqxx::work& txn,
                                                       const std::string& claim_id);

// What the debtor's payments (and write-offs), and their reversals, did to the claim's principal
// accounts, by effective date and tranche (ClaimLedgerState::judgment_debt_changes).
std::vector<domain::PrincipalChange> JudgmentDebtChangesOf(pqxx::work& txn,
                                                           const std::string& claim_id);

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

// Whether the claim's opening entry is booked.
bool LedgerOpened(pqxx::work& txn, const std::string& claim_id);

// The date of the claim's opening entry; none while its ledger is not open.
std::optional<domain::Date> LedgerOpenedOn(pqxx::work& txn, const std::string& claim_id);

// The claim's standing outcomes' award dates by the tranche their lot offered (0: the whole
// claim). A rescinded award (its entry reversed) sold nothing.
std::map<int, domain::Date> SalesOf(pqxx::work& txn, const std::string& claim_id);

// The claim's accrual periods that have been reversed.
std::vector<domain::AccrualPeriod> ReversedPeriodsOf(pqxx::work& txn, const std::string& claim_id);

// Keeps the terms an accrual entry was booked on (accrual_terms).
void RecordAccrualTerms(pqxx::work& txn, int64_t entry_id, const domain::AccrualCallTerms& terms);

// The terms of the claim's latest accrual entry, not reversed, that has them, if any.
std::optional<domain::AccrualCallTerms> LastAccrualTermsOf(pqxx::work& txn,
                                                           const std::string& claim_id);

// Inserts `entry` (InsertEntry), with its compounding mark and accrual terms when it has them;
// returns its id.
int64_t InsertLedgerEntry(pqxx::work& txn, const domain::LedgerEntry& entry,
                          const domain::RequestKey& key, const std::string& actor);

// A standing accrual (not reversed) and the terms it was booked on.
struct StandingAccrual {
  domain::AccrualPeriod period;
  domain::AccrualCallTerms terms;
};

// The claim's standing accrual whose period has `date` strictly inside it (after its start,
// before its end), if any, and if its terms are on record (booked since migration 0021).
std::optional<StandingAccrual> StandingAccrualAround(pqxx::work& txn, const std::string& claim_id,
                                                     const domain::Date& date);

// The latest received date of the claim's debtor payments not reversed, if any.
std::optional<domain::Date> LatestDebtorPaymentOf(pqxx::work& txn, const std::string& claim_id);

// Everything planning an accrual reads about the claim's ledger (domain::ClaimLedgerState).
domain::ClaimLedgerState ClaimLedgerStateIn(pqxx::work& txn, domain::Claim claim);

// What a change of the claim's penalty is booked against (domain::PenaltyBooks), for a claim
// whose ledger is open: the penalties fixed (the opening entry's and the penalty entries since;
// neither kind can be reversed), the account's balance at claim level, the court's interest in
// it, the sales, the opening date and the latest change and debtor payment.
domain::PenaltyBooks PenaltyBooksOf(pqxx::work& txn, const std::string& claim_id);

// Whether the claim has accrual terms of its own (claim_accrual_terms).
bool HasOwnAccrualTerms(pqxx::work& txn, const std::string& claim_id);

// Whether the claim's ledger (under the claim's lock, whose version is `version`) is still as
// `basis` read it: its terms, accrued-through date, sales, principal and interest changes,
// reversed periods and latest debtor payment, and not opened since when `entries` plan the opening
// entry. Entries planned from reads that each saw the database at their own moment are booked only
// then.
bool LedgerBasisUnchanged(pqxx::work& txn, const std::string& claim_id, int64_t version,
                          const domain::ClaimLedgerState& basis,
                          const std::vector<domain::LedgerEntry>& entries);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_LEDGER_ROWS_H_
