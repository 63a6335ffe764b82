// Internal to store/: what a claim's journal says about the state of its ledger, read under
// the claim's lock: the reads behind domain::ClaimLedgerState, ClaimBooks and PenaltyBooks.
// The entries' own rows (loading, inserting, request keys) are in ledger_rows.h.
#ifndef DISPOSAL_SERVER_STORE_CLAIM_LEDGER_ROWS_H_
#define DISPOSAL_SERVER_STORE_CLAIM_LEDGER_ROWS_H_

#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "domain/ledger_repository.h"
#include "domain/penalty_judgment.h"

namespace disposal::store {

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

// What the claim's entries, the opening one included, did to its principal accounts, by
// effective date and tranche, each marked late when booked after the latest accrual standing
// and dated before the date accrued through.
std::vector<domain::PrincipalChange> PrincipalChangesOf(pqxx::work& txn,
                                                        const std::string& claim_id);

// Accrual periods from rows whose first two columns are the period's start and end (text).
std::vector<domain::AccrualPeriod> PeriodsFrom(const pqxx::result& rows);

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

// Whether the claim's opening entry is booked.
bool LedgerOpened(pqxx::work& txn, const std::string& claim_id);

// The date of the claim's opening entry; none while its ledger is not open.
std::optional<domain::Date> LedgerOpenedOn(pqxx::work& txn, const std::string& claim_id);

// The claim's standing outcomes' award dates by the tranche their lot offered (0: the whole
// claim). A rescinded award (its entry reversed) sold nothing.
std::map<int, domain::Date> SalesOf(pqxx::work& txn, const std::string& claim_id);

// The claim's accrual periods that have been reversed.
std::vector<domain::AccrualPeriod> ReversedPeriodsOf(pqxx::work& txn, const std::string& claim_id);

// The terms of the claim's latest accrual entry, not reversed, that has them, if any.
std::optional<domain::AccrualCallTerms> LastAccrualTermsOf(pqxx::work& txn,
                                                           const std::string& claim_id);

// A standing accrual (not reversed) and the terms it was booked on.
struct StandingAccrual {
  domain::AccrualPeriod period;
  domain::AccrualCallTerms terms;
};

// `state` (the claim's, ClaimLedgerStateIn) with its principal, interest and judgment-debt
// changes marked late as of the claim's accruals ending on or before `through` instead of all
// of them: the changes the entries through that day were computed on are the ones not late.
domain::ClaimLedgerState AsBookedThrough(pqxx::work& txn, domain::ClaimLedgerState state,
                                         const domain::Date& through);

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

#endif  // DISPOSAL_SERVER_STORE_CLAIM_LEDGER_ROWS_H_
