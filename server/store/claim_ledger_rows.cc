// Internal to store/: what a claim's journal says about the state of its ledger, read under
// the claim's lock: the reads behind ClaimLedgerState, ClaimBooks and PenaltyBooks (sales,
// principal and interest changes, accrual periods and their terms, the latest debtor's
// payment), split from ledger_rows.cc, which keeps the entries' own rows.
#include "store/claim_ledger_rows.h"

#include "store/accrual_terms_rows.h"
#include "store/field_values.h"
#include "store/ledger_rows.h"
#include "store/prepared.h"

namespace disposal::store {

using domain::Date;
using domain::LedgerEntry;

namespace {

// Periods accrued while a lot's tranche was sold (between its award and the award's
// rescission), and whether an accrual counted by `caught_up_by` (as `n`) followed the
// rescission and caught the tranche up on them.
std::string AccruedWhileSoldSql(const std::string& caught_up_by) {
  return "SELECT o.tranche_number, a.period_start::text, a.period_end::text, EXISTS ("
         "  SELECT 1 FROM journal_entries n WHERE n.claim_id = o.claim_id "
         "  AND n.kind = 'accrual' AND n.entry_id > r.entry_id" +
         caught_up_by +
         ") "
         "FROM outcomes o JOIN journal_entries r ON r.reverses = o.entry_id "
         "JOIN journal_entries a ON a.claim_id = o.claim_id AND a.kind = 'accrual' "
         "  AND a.entry_id > o.entry_id AND a.entry_id < r.entry_id "
         "WHERE o.claim_id = $1::uuid AND o.tranche_number IS NOT NULL "
         "ORDER BY 1, a.period_end";
}

AccruedWhileSold AccruedWhileSoldFrom(const pqxx::result& rows) {
  AccruedWhileSold periods;
  for (const pqxx::row& row : rows) {
    const domain::AccrualPeriod period{DateField(row[1]), DateField(row[2])};
    periods.all[row[0].as<int>()].push_back(period);
    if (!row[3].as<bool>()) periods.awaiting_catch_up[row[0].as<int>()].push_back(period);
  }
  return periods;
}

}  // namespace

AccruedWhileSold AccruedWhileSoldOf(pqxx::work& txn, const std::string& claim_id) {
  static const PreparedStatement kPeriods{"accrued_while_sold", AccruedWhileSoldSql("")};
  return AccruedWhileSoldFrom(ExecPrepared(txn, kPeriods, claim_id));
}

std::set<int> AccruingTranchesOf(pqxx::work& txn, const std::string& claim_id) {
  std::set<int> tranches;
  for (const pqxx::row& row :
       txn.exec_params("SELECT position + 1 FROM claim_tranches WHERE claim_id = $1::uuid "
                       "AND (contract_rate IS NOT NULL OR penalty_rate IS NOT NULL)",
                       claim_id)) {
    tranches.insert(row[0].as<int>());
  }
  return tranches;
}

namespace {

// An account's changes by date and tranche, with whether each is late: booked after the latest
// accrual entry still standing among `accruals` (entry ids grow under the claim's lock; clocks
// may step back) and effective before the latest period end among them. `accruals` selects
// the claim's accrual entries counted, as `a`.
std::string AccountChangesSql(const std::string& accruals) {
  return "WITH accrued AS ("
         "  SELECT max(a.entry_id) FILTER (WHERE NOT EXISTS ("
         "           SELECT 1 FROM journal_entries r WHERE r.reverses = a.entry_id)) AS standing, "
         "         max(a.period_end) AS through "
         "  FROM " +
         accruals +
         ") "
         "SELECT e.effective_date::text, coalesce(p.tranche, 0), "
         "  (sum(p.debit) - sum(p.credit))::text, "
         "  coalesce(e.entry_id > a.standing AND e.effective_date < a.through, false) AS late "
         "FROM journal_postings p JOIN journal_entries e USING (entry_id) CROSS JOIN accrued a "
         "WHERE p.account = $1 ";
}
constexpr char kEveryAccrual[] =
    "journal_entries a WHERE a.claim_id = $2::uuid AND a.kind = 'accrual'";
constexpr char kAccountChangesOrder[] = "GROUP BY 1, 2, 4 ORDER BY 1, 2, 4";
// The accruals AsBookedThrough counts: those ending on or before $3.
constexpr char kAccrualsThrough[] =
    "journal_entries a WHERE a.claim_id = $2::uuid AND a.kind = 'accrual' "
    "AND a.period_end <= $3::date";
constexpr char kInterestChangesOnly[] =
    "AND e.kind <> 'accrual' AND NOT EXISTS ("
    "  SELECT 1 FROM journal_entries o WHERE o.entry_id = e.reverses AND o.kind = 'accrual') ";
constexpr char kCourtAccruals[] =
    "journal_entries a JOIN accrual_terms t USING (entry_id) "
    "WHERE a.claim_id = $2::uuid AND a.kind = 'accrual' AND t.court_judgment_debt IS NOT NULL";
constexpr char kJudgmentDebtChangesOnly[] =
    "AND (e.kind IN ('payment', 'write_off', 'outcome') OR EXISTS ("
    "  SELECT 1 FROM journal_entries o WHERE o.entry_id = e.reverses "
    "  AND o.kind IN ('payment', 'write_off', 'outcome'))) ";

std::vector<domain::PrincipalChange> ChangesOf(pqxx::work& txn, const PreparedStatement& query,
                                               const std::string& account,
                                               const std::string& claim_id) {
  std::vector<domain::PrincipalChange> changes;
  for (const pqxx::row& row : ExecPrepared(txn, query, account, claim_id)) {
    changes.push_back({DateField(row[0]), row[1].as<int>(), MoneyField(row[2]), row[3].as<bool>()});
  }
  return changes;
}

std::vector<domain::PrincipalChange> ChangesThrough(pqxx::work& txn, const PreparedStatement& query,
                                                    const std::string& account,
                                                    const std::string& claim_id,
                                                    const domain::Date& through) {
  std::vector<domain::PrincipalChange> changes;
  for (const pqxx::row& row :
       ExecPrepared(txn, query, account, claim_id, domain::FormatIsoDate(through))) {
    changes.push_back({DateField(row[0]), row[1].as<int>(), MoneyField(row[2]), row[3].as<bool>()});
  }
  return changes;
}

}  // namespace

// What the claim's entries, the opening one included, did to its principal accounts, by
// effective date and tranche.
std::vector<domain::PrincipalChange> PrincipalChangesOf(pqxx::work& txn,
                                                        const std::string& claim_id) {
  static const PreparedStatement kChanges{"principal_changes",
                                          AccountChangesSql(kEveryAccrual) + kAccountChangesOrder};
  return ChangesOf(txn, kChanges, domain::ClaimPrincipalAccount(claim_id), claim_id);
}

std::vector<domain::PrincipalChange> InterestChangesOf(pqxx::work& txn,
                                                       const std::string& claim_id) {
  static const PreparedStatement kChanges{
      "interest_changes",
      AccountChangesSql(kEveryAccrual) + kInterestChangesOnly + kAccountChangesOrder};
  return ChangesOf(txn, kChanges, domain::ClaimInterestAccount(claim_id), claim_id);
}

std::vector<domain::PrincipalChange> JudgmentDebtChangesOf(pqxx::work& txn,
                                                           const std::string& claim_id) {
  // Late here means booked after the latest standing accrual that booked the court's interest
  // and dated before its period end: only those periods ran on the judgment debt, and an
  // accrual without it in between corrected nothing of them. A lot's award takes its principal
  // off the judgment debt the AMC holds (the buyer holds that part of the judgment now, with
  // its interest from the day after); a rescission puts it back.
  static const PreparedStatement kChanges{
      "judgment_debt_changes",
      AccountChangesSql(kCourtAccruals) + kJudgmentDebtChangesOnly + kAccountChangesOrder};
  return ChangesOf(txn, kChanges, domain::ClaimPrincipalAccount(claim_id), claim_id);
}

std::vector<domain::AccrualPeriod> PeriodsFrom(const pqxx::result& rows) {
  std::vector<domain::AccrualPeriod> periods;
  for (const pqxx::row& row : rows) periods.push_back({DateField(row[0]), DateField(row[1])});
  return periods;
}

std::vector<domain::AccrualPeriod> CompoundedPeriodsOf(pqxx::work& txn,
                                                       const std::string& claim_id) {
  static const PreparedStatement kPeriods{
      "compounded_periods",
      "SELECT e.period_start::text, e.period_end::text FROM journal_entries e "
      "JOIN accrual_compounding c USING (entry_id) "
      "WHERE e.claim_id = $1::uuid AND e.kind = 'accrual' "
      "AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = e.entry_id) "
      "ORDER BY e.period_end"};
  return PeriodsFrom(ExecPrepared(txn, kPeriods, claim_id));
}

namespace {

// The accrual periods since the last that booked the court's interest, among the claim's
// accruals selected by `among` (a condition on `e`).
std::string PeriodsWithoutCourtSql(const std::string& among) {
  return "WITH accrual AS ("
         "  SELECT e.period_start, e.period_end, EXISTS ("
         "           SELECT 1 FROM journal_postings p "
         "           WHERE p.entry_id = e.entry_id AND p.account = $1 AND p.tranche IS NULL) "
         "         AS court "
         "  FROM journal_entries e WHERE e.claim_id = $2::uuid AND e.kind = 'accrual'" +
         among +
         ") "
         "SELECT period_start::text, period_end::text FROM accrual "
         "WHERE NOT court AND period_end > coalesce("
         "  (SELECT max(period_end) FROM accrual WHERE court), '-infinity'::date) "
         "ORDER BY period_end";
}

}  // namespace

std::vector<domain::AccrualPeriod> PeriodsWithoutCourtInterestOf(pqxx::work& txn,
                                                                 const std::string& claim_id) {
  static const PreparedStatement kPeriods{"periods_without_court_interest",
                                          PeriodsWithoutCourtSql("")};
  return PeriodsFrom(ExecPrepared(txn, kPeriods, domain::ClaimPenaltyAccount(claim_id), claim_id));
}

std::optional<domain::Date> LedgerOpenedOn(pqxx::work& txn, const std::string& claim_id) {
  const pqxx::result rows = txn.exec_params(
      "SELECT effective_date::text FROM journal_entries WHERE claim_id = $1::uuid AND "
      "kind = 'opening'",
      claim_id);
  if (rows.empty()) return std::nullopt;
  return DateField(rows[0][0]);
}

bool LedgerOpened(pqxx::work& txn, const std::string& claim_id) {
  return LedgerOpenedOn(txn, claim_id).has_value();
}

// The claim's standing outcomes' award dates by the tranche their lot offered (0: the whole
// claim). A rescinded award (its entry reversed) sold nothing.
std::map<int, Date> SalesOf(pqxx::work& txn, const std::string& claim_id) {
  std::map<int, Date> sold;
  for (const pqxx::row& row : txn.exec_params(
           "SELECT coalesce(tranche_number, 0), min(award_date)::text FROM outcomes o "
           "WHERE claim_id = $1::uuid AND NOT EXISTS ("
           "  SELECT 1 FROM journal_entries r WHERE r.reverses = o.entry_id) GROUP BY 1",
           claim_id)) {
    sold[row[0].as<int>()] = DateField(row[1]);
  }
  return sold;
}

// The claim's accrual periods that have been reversed.
std::vector<domain::AccrualPeriod> ReversedPeriodsOf(pqxx::work& txn, const std::string& claim_id) {
  return PeriodsFrom(
      txn.exec_params("SELECT a.period_start::text, a.period_end::text FROM journal_entries a "
                      "WHERE a.claim_id = $1::uuid AND a.kind = 'accrual' AND EXISTS ("
                      "  SELECT 1 FROM journal_entries r WHERE r.reverses = a.entry_id) "
                      "ORDER BY a.period_end",
                      claim_id));
}

std::optional<domain::AccrualCallTerms> LastAccrualTermsOf(pqxx::work& txn,
                                                           const std::string& claim_id) {
  const pqxx::result rows =
      txn.exec_params(std::string("SELECT ") + kAccrualTermsSelect +
                          " FROM accrual_terms t JOIN journal_entries e USING (entry_id) "
                          "WHERE e.claim_id = $1::uuid AND NOT EXISTS ("
                          "  SELECT 1 FROM journal_entries r WHERE r.reverses = e.entry_id) "
                          "ORDER BY t.entry_id DESC LIMIT 1",
                      claim_id);
  if (rows.empty()) return std::nullopt;
  return AccrualTermsFrom(rows[0], 0);
}

std::optional<StandingAccrual> StandingAccrualAround(pqxx::work& txn, const std::string& claim_id,
                                                     const Date& date) {
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT e.period_start::text, e.period_end::text, ") + kAccrualTermsSelect +
          " FROM journal_entries e JOIN accrual_terms t USING (entry_id) "
          "WHERE e.claim_id = $1::uuid AND e.kind = 'accrual' "
          "  AND e.period_start < $2::date AND e.period_end > $2::date AND NOT EXISTS ("
          "    SELECT 1 FROM journal_entries r WHERE r.reverses = e.entry_id) "
          "ORDER BY e.entry_id DESC LIMIT 1",
      claim_id, domain::FormatIsoDate(date));
  if (rows.empty()) return std::nullopt;
  return StandingAccrual{{DateField(rows[0][0]), DateField(rows[0][1])},
                         AccrualTermsFrom(rows[0], 2)};
}

std::optional<Date> LatestDebtorPaymentOf(pqxx::work& txn, const std::string& claim_id) {
  const pqxx::result rows = txn.exec_params(
      "SELECT max(p.received_date)::text FROM payments p WHERE p.claim_id = $1::uuid "
      "AND p.outcome_id IS NULL AND NOT EXISTS ("
      "  SELECT 1 FROM journal_entries r WHERE r.reverses = p.entry_id)",
      claim_id);
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return DateField(rows[0][0]);
}

bool LedgerBasisUnchanged(pqxx::work& txn, const std::string& claim_id, int64_t version,
                          const domain::ClaimLedgerState& basis,
                          const std::vector<LedgerEntry>& entries) {
  const bool plans_opening =
      !entries.empty() && entries.front().kind == domain::EntryKind::kOpening;
  return version == basis.claim.version && AccruedThrough(txn, claim_id) == basis.accrued_through &&
         SalesOf(txn, claim_id) == basis.sold &&
         PrincipalChangesOf(txn, claim_id) == basis.principal_changes &&
         InterestChangesOf(txn, claim_id) == basis.interest_changes &&
         ReversedPeriodsOf(txn, claim_id) == basis.reversed_periods &&
         LatestDebtorPaymentOf(txn, claim_id) == basis.latest_debtor_payment &&
         !(plans_opening && LedgerOpened(txn, claim_id));
}

domain::ClaimLedgerState ClaimLedgerStateIn(pqxx::work& txn, domain::Claim claim) {
  domain::ClaimLedgerState state;
  const std::string id = claim.id;
  state.claim = std::move(claim);
  state.opened = LedgerOpened(txn, id);
  state.accrued_through = AccruedThrough(txn, id);
  state.sold = SalesOf(txn, id);
  state.principal_changes = PrincipalChangesOf(txn, id);
  state.interest_changes = InterestChangesOf(txn, id);
  state.judgment_debt_changes = JudgmentDebtChangesOf(txn, id);
  state.periods_without_court = PeriodsWithoutCourtInterestOf(txn, id);
  state.compounded_periods = CompoundedPeriodsOf(txn, id);
  state.reversed_periods = ReversedPeriodsOf(txn, id);
  state.latest_debtor_payment = LatestDebtorPaymentOf(txn, id);
  state.last_accrual_terms = LastAccrualTermsOf(txn, id);
  AccruedWhileSold sold_periods = AccruedWhileSoldOf(txn, id);
  state.accrued_while_sold = std::move(sold_periods.all);
  state.awaiting_catch_up = std::move(sold_periods.awaiting_catch_up);
  return state;
}

bool HasOwnAccrualTerms(pqxx::work& txn, const std::string& claim_id) {
  return txn
      .exec_params1("SELECT EXISTS (SELECT 1 FROM claim_accrual_terms WHERE claim_id = $1::uuid)",
                    claim_id)[0]
      .as<bool>();
}

domain::PenaltyBooks PenaltyBooksOf(pqxx::work& txn, const std::string& claim_id) {
  const std::string account = domain::ClaimPenaltyAccount(claim_id);
  const pqxx::row row = txn.exec_params1(
      "SELECT coalesce(sum(p.debit - p.credit) FILTER (WHERE e.kind IN ('opening', 'penalty')), "
      "    0)::numeric(20, 2)::text, "
      "  coalesce(sum(p.debit - p.credit) FILTER (WHERE p.tranche IS NULL AND (e.kind = 'accrual' "
      "    OR (e.kind = 'reversal' AND o.kind = 'accrual'))), 0)::numeric(20, 2)::text, "
      "  (max(e.effective_date) FILTER (WHERE e.kind = 'penalty'))::text, "
      "  (SELECT s.effective_date FROM journal_entries s WHERE s.claim_id = $1::uuid "
      "    AND s.kind = 'opening')::text, "
      "  coalesce((SELECT balance FROM claim_account_balances WHERE claim_id = $1::uuid "
      "    AND account = $2 AND tranche = 0), 0)::numeric(20, 2)::text "
      "FROM journal_postings p JOIN journal_entries e USING (entry_id) "
      "LEFT JOIN journal_entries o ON o.entry_id = e.reverses "
      "WHERE e.claim_id = $1::uuid AND p.account = $2",
      claim_id, account);
  domain::PenaltyBooks books;
  books.fixed = MoneyField(row[0]);
  books.court_interest = MoneyField(row[1]);
  if (!row[2].is_null()) books.latest_change = DateField(row[2]);
  if (!row[3].is_null()) books.opened_on = DateField(row[3]);
  books.balance = MoneyField(row[4]);
  books.sold = SalesOf(txn, claim_id);
  books.latest_debtor_payment = LatestDebtorPaymentOf(txn, claim_id);
  return books;
}

domain::ClaimLedgerState AsBookedThrough(pqxx::work& txn, domain::ClaimLedgerState state,
                                         const domain::Date& through) {
  static const PreparedStatement kPrincipal{
      "principal_changes_through", AccountChangesSql(kAccrualsThrough) + kAccountChangesOrder};
  static const PreparedStatement kInterest{
      "interest_changes_through",
      AccountChangesSql(kAccrualsThrough) + kInterestChangesOnly + kAccountChangesOrder};
  static const PreparedStatement kJudgmentDebt{
      "judgment_debt_changes_through",
      AccountChangesSql(std::string(kCourtAccruals) + " AND a.period_end <= $3::date") +
          kJudgmentDebtChangesOnly + kAccountChangesOrder};
  const std::string& id = state.claim.id;
  state.principal_changes =
      ChangesThrough(txn, kPrincipal, domain::ClaimPrincipalAccount(id), id, through);
  state.interest_changes =
      ChangesThrough(txn, kInterest, domain::ClaimInterestAccount(id), id, through);
  state.judgment_debt_changes =
      ChangesThrough(txn, kJudgmentDebt, domain::ClaimPrincipalAccount(id), id, through);
  // Which periods held none of the court's interest, and which a rescinded lot's tranche was
  // not caught up on yet, as the accruals through that day left them.
  static const PreparedStatement kWithoutCourt{
      "periods_without_court_interest_through",
      PeriodsWithoutCourtSql(" AND e.period_end <= $3::date")};
  state.periods_without_court = PeriodsFrom(ExecPrepared(
      txn, kWithoutCourt, domain::ClaimPenaltyAccount(id), id, domain::FormatIsoDate(through)));
  static const PreparedStatement kWhileSold{"accrued_while_sold_through",
                                            AccruedWhileSoldSql(" AND n.period_end <= $2::date")};
  AccruedWhileSold sold_periods =
      AccruedWhileSoldFrom(ExecPrepared(txn, kWhileSold, id, domain::FormatIsoDate(through)));
  state.accrued_while_sold = std::move(sold_periods.all);
  state.awaiting_catch_up = std::move(sold_periods.awaiting_catch_up);
  return state;
}

}  // namespace disposal::store
