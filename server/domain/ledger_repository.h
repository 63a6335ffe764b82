// What the ledger use cases need from storage; store/ implements it on PostgreSQL, where the
// schema itself refuses unbalanced entries and changes to booked rows.
#ifndef DISPOSAL_SERVER_DOMAIN_LEDGER_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_LEDGER_REPOSITORY_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/accrual.h"
#include "domain/claim.h"
#include "domain/claim_repository.h"
#include "domain/journal.h"

namespace disposal::domain {

// kPenalty: a penalty (违约金) fixed after the claim's ledger opened, or changed since, booked
// by the claim's update: its penalty account against amc/interest_income.
// kCost: costs the AMC advanced to enforce the claim (court fees, appraisal, auction
// commission), debited to the claim's costs account against cash.
// kForfeiture: a defaulting buyer's deposit kept, booked with the rescission of the award:
// cash against amc/forfeited_deposits.
enum class EntryKind {
  kOpening,
  kAccrual,
  kOutcome,
  kPayment,
  kWriteOff,
  kReversal,
  kCost,
  kPenalty,
  kForfeiture
};

// A posting as booked: the journal's posting plus the claim tranche it concerns (0: none).
struct BookedPosting {
  Posting posting;
  int tranche = 0;
};

// An entry to book, or as booked (the store fills entry_id, record_micros and actor).
struct LedgerEntry {
  int64_t entry_id = 0;
  EntryKind kind = EntryKind::kAccrual;
  std::string request_id;
  Date effective_date{};
  int64_t record_micros = 0;
  std::string claim_id;                 // empty when no claim is concerned
  std::optional<AccrualPeriod> period;  // accruals only
  int64_t reverses_entry_id = 0;        // reversals only
  std::string memo;
  std::string actor;
  std::vector<BookedPosting> postings;
  // An accrual that compounded interest on overdue interest (recorded as it is booked; not
  // read back with the entry).
  bool compounds = false;
  // An accrual: the terms it was booked on (recorded as it is booked; not read back with the
  // entry).
  std::optional<AccrualCallTerms> terms;
};

// What the entries effective on one date did to one tranche's principal account: debits minus
// credits, so the opening entry is positive and a repayment negative.
struct PrincipalChange {
  Date date{};
  int tranche = 0;
  Money delta;
  // Booked after the latest accrual entry still standing, and dated before the date accrued
  // through: the periods booked so far were computed without it.
  bool late = false;
  bool operator==(const PrincipalChange& other) const {
    return date == other.date && tranche == other.tranche && delta == other.delta &&
           late == other.late;
  }
};

// A claim as the ledger sees it: its terms and what has been booked so far.
struct ClaimLedgerState {
  Claim claim;
  bool opened = false;                  // its opening entry is booked
  std::optional<Date> accrued_through;  // the latest accrual period's end
  // Its standing outcomes' award dates by the tranche their lot offered (0: the whole claim);
  // a sold tranche accrues nothing more. Filled by LoadClaimState, not by LoadStatementBasis as of
  // a past time.
  std::map<int, Date> sold;
  // By tranche: the periods accrued while the tranche was sold by an award rescinded since
  // (those periods left it out; a reversal of one waived nothing of it), and of those the ones
  // no accrual has caught it up on yet (none booked since the rescission). Filled by
  // LoadClaimState.
  std::map<int, std::vector<AccrualPeriod>> accrued_while_sold;
  std::map<int, std::vector<AccrualPeriod>> awaiting_catch_up;
  // Its principal accounts' changes, the opening entry's included, by date then tranche:
  // interest accrues on what is left. Filled by LoadClaimState, not by LoadStatementBasis as of a
  // past time.
  std::vector<PrincipalChange> principal_changes;
  // Its interest accounts' changes by entries other than accruals and their reversals (the
  // opening entry, payments, awards, write-offs and their reversals), by date then tranche:
  // the overdue interest a compound accrual runs on is what these leave. Filled by
  // LoadClaimState, not by LoadStatementBasis as of a
  // past time.
  std::vector<PrincipalChange> interest_changes;
  // What the debtor's payments and write-offs (and their reversals) took off its principal
  // accounts, by date (tranche as booked): the court's judgment debt still unpaid steps down
  // with them (法释〔2014〕8号 art. 1). Filled by LoadClaimState, not by LoadStatementBasis as of a
  // past time.
  std::vector<PrincipalChange> judgment_debt_changes;
  // Its accrual periods that booked none of the court's doubled-part interest (claim level),
  // accrued before it was asked for or without it, since the last accrual that booked some:
  // when asked for, it is caught up on them (once: that accrual books some). Filled by
  // LoadClaimState.
  std::vector<AccrualPeriod> periods_without_court;
  // Its standing accrual periods that compounded interest on overdue interest (those booked
  // since migration 0017). Filled by LoadClaimState.
  std::vector<AccrualPeriod> compounded_periods;
  // Its accrual periods that were reversed (by period end): a correction for a late principal
  // change leaves them out. Filled by LoadClaimState.
  std::vector<AccrualPeriod> reversed_periods;
  // The latest received date of the debtor's payments still standing: they were allocated
  // (costs first) on the balances of their dates, so no cost is booked or taken back on or
  // before it. Filled by LoadClaimState.
  std::optional<Date> latest_debtor_payment;
  // The terms of its latest accrual entry not reversed (none when no such accrual was booked,
  // or only before migration 0021). Filled by LoadClaimState.
  std::optional<AccrualCallTerms> last_accrual_terms;
};

// An account's sums as of a date; `kind` set when the sums are split by entry kind.
struct AccountTotals {
  std::string account;
  std::optional<EntryKind> kind;
  Money debits;
  Money credits;
  // With `kind` a reversal: the kind of the entries it reversed (an accrual's reversal takes
  // interest back, a payment's puts a balance back).
  std::optional<EntryKind> reversed_kind = std::nullopt;
};

// A claim's statement's inputs (LedgerRepository::LoadStatementBasis).
struct ClaimStatementBasis {
  ClaimLedgerState state;
  // The claim's penalty as it stood on the statement's date, when an UpdateClaim changed it
  // with effect after that date (the claim in `state` then has the changed one); nullopt when
  // the claim's own penalty applies.
  std::optional<Penalty> penalty_on_date;
  // The end of its latest accrual period effective on or before the statement's date; nullopt
  // when none.
  std::optional<Date> accrued_through;
  // The sums, by account, entry kind (and for reversals the reversed entry's kind), of the
  // postings of the entries booked about the claim (its own accounts and their counterparts:
  // cash, income, receivables, loss) effective on or before the statement's date.
  std::vector<AccountTotals> totals;
};

// What an earlier call under the same request key did.
struct EarlierBooking {
  std::vector<LedgerEntry> entries;  // empty: it booked nothing
  // A call that booked nothing: the claim's accrued-through date when it was answered.
  std::optional<Date> accrued_through;
};

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;

  // What a call with this request key already did (a retry returns it), nullopt when there was
  // none; ALREADY_EXISTS when the key was used with another body.
  virtual Result<std::optional<EarlierBooking>> EarlierEntries(const RequestKey& key) = 0;

  // NOT_FOUND for an unknown claim.
  virtual Result<ClaimLedgerState> LoadClaimState(const std::string& claim_id) = 0;
  // What a claim's statement as of `as_of` is built from, read on one snapshot, so that a
  // booking committed meanwhile is in all of it or in none (NOT_FOUND for an unknown claim).
  // With `recorded_by_micros` (microseconds since the Unix epoch), as the database was then:
  // the claim as ClaimRepository::GetAsOf, the entries recorded at or before then.
  virtual Result<ClaimStatementBasis> LoadStatementBasis(
      const std::string& claim_id, const Date& as_of,
      std::optional<int64_t> recorded_by_micros) = 0;

  // Books the entries in one transaction under the request key, with an audit event on the
  // claim, provided the claim's version (its terms), accrued-through date, sales and principal
  // changes are still those of `basis`,
  // the state the entries were planned from (ABORTED otherwise: another call booked in
  // between). A call with the same key that got there first wins: its entries are returned.
  // Accounts are opened as needed. With no entries, the request key is recorded as a call that
  // booked nothing (with the basis' accrued-through date), so that it cannot be reused.
  virtual Result<std::vector<LedgerEntry>> Book(const std::string& claim_id,
                                                const ClaimLedgerState& basis,
                                                const std::vector<LedgerEntry>& entries,
                                                const RequestKey& key,
                                                const AuditContext& audit) = 0;

  // NOT_FOUND for an unknown entry.
  virtual Result<LedgerEntry> GetEntry(int64_t entry_id) = 0;
  // A claim's entries (those with postings on its accounts), by entry id, after `after_id`.
  virtual Result<std::vector<LedgerEntry>> ListClaimEntries(const std::string& claim_id,
                                                            int64_t after_id, int limit) = 0;
  // Every account's sums over entries effective on or before `as_of`, by account name; with
  // `recorded_by_micros`, only over the entries recorded at or before that time.
  virtual Result<std::vector<AccountTotals>> Totals(const Date& as_of,
                                                    std::optional<int64_t> recorded_by_micros) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_LEDGER_REPOSITORY_H_
