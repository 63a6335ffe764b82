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

Result<std::vector<LedgerEntry>> EarlierCall(pqxx::work& txn, const domain::RequestKey& key,
                                             std::optional<CallWithoutEntries>* without_entries) {
  std::string hash;
  std::vector<LedgerEntry> earlier =
      LoadEntries(txn, "call_request_id = $1", key.request_id, &hash);
  if (earlier.empty()) {
    std::optional<CallWithoutEntries> call = FindCallWithoutEntries(txn, key.request_id);
    if (call) hash = call->request_hash;
    if (call && hash == key.body_sha256 && without_entries != nullptr) *without_entries = call;
    if (!call || hash == key.body_sha256) return earlier;
  }
  if (hash != key.body_sha256) {
    return Error::AlreadyExists("request_id",
                                "was used for a different request; use a new request id");
  }
  return earlier;
}

AccruedWhileSold AccruedWhileSoldOf(pqxx::work& txn, const std::string& claim_id) {
  static const PreparedStatement kPeriods{
      "accrued_while_sold",
      "SELECT o.tranche_number, a.period_start::text, a.period_end::text, EXISTS ("
      "  SELECT 1 FROM journal_entries n WHERE n.claim_id = o.claim_id "
      "  AND n.kind = 'accrual' AND n.entry_id > r.entry_id) "
      "FROM outcomes o JOIN journal_entries r ON r.reverses = o.entry_id "
      "JOIN journal_entries a ON a.claim_id = o.claim_id AND a.kind = 'accrual' "
      "  AND a.entry_id > o.entry_id AND a.entry_id < r.entry_id "
      "WHERE o.claim_id = $1::uuid AND o.tranche_number IS NOT NULL "
      "ORDER BY 1, a.period_end"};
  AccruedWhileSold periods;
  for (const pqxx::row& row : ExecPrepared(txn, kPeriods, claim_id)) {
    const domain::AccrualPeriod period{DateField(row[1]), DateField(row[2])};
    periods.all[row[0].as<int>()].push_back(period);
    if (!row[3].as<bool>()) periods.awaiting_catch_up[row[0].as<int>()].push_back(period);
  }
  return periods;
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

std::vector<domain::PrincipalChange> ChangesOf(pqxx::work& txn, const PreparedStatement& query,
                                               const std::string& account,
                                               const std::string& claim_id) {
  std::vector<domain::PrincipalChange> changes;
  for (const pqxx::row& row : ExecPrepared(txn, query, account, claim_id)) {
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
      "interest_changes", AccountChangesSql(kEveryAccrual) +
                              "AND e.kind <> 'accrual' AND NOT EXISTS ("
                              "  SELECT 1 FROM journal_entries o WHERE o.entry_id = e.reverses AND "
                              "o.kind = 'accrual') " +
                              kAccountChangesOrder};
  return ChangesOf(txn, kChanges, domain::ClaimInterestAccount(claim_id), claim_id);
}

std::vector<domain::PrincipalChange> JudgmentDebtChangesOf(pqxx::work& txn,
                                                           const std::string& claim_id) {
  // Late here means booked after the latest standing accrual that booked the court's interest
  // and dated before its period end: only those periods ran on the judgment debt, and an
  // accrual without it in between corrected nothing of them.
  static const PreparedStatement kChanges{
      "judgment_debt_changes",
      AccountChangesSql("journal_entries a JOIN accrual_terms t USING (entry_id) "
                        "WHERE a.claim_id = $2::uuid AND a.kind = 'accrual' "
                        "AND t.court_judgment_debt IS NOT NULL") +
          "AND (e.kind IN ('payment', 'write_off') OR EXISTS ("
          "  SELECT 1 FROM journal_entries o WHERE o.entry_id = e.reverses "
          "  AND o.kind IN ('payment', 'write_off'))) " +
          kAccountChangesOrder};
  return ChangesOf(txn, kChanges, domain::ClaimPrincipalAccount(claim_id), claim_id);
}

std::vector<domain::AccrualPeriod> PeriodsFrom(const pqxx::result& rows) {
  std::vector<domain::AccrualPeriod> periods;
  for (const pqxx::row& row : rows) periods.push_back({DateField(row[0]), DateField(row[1])});
  return periods;
}

void RecordCompounding(pqxx::work& txn, int64_t entry_id) {
  static const PreparedStatement kRecord{"record_compounding",
                                         "INSERT INTO accrual_compounding (entry_id) VALUES ($1)"};
  ExecPrepared(txn, kRecord, entry_id);
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

std::vector<domain::AccrualPeriod> PeriodsWithoutCourtInterestOf(pqxx::work& txn,
                                                                 const std::string& claim_id) {
  static const PreparedStatement kPeriods{
      "periods_without_court_interest",
      "WITH accrual AS ("
      "  SELECT e.period_start, e.period_end, EXISTS ("
      "           SELECT 1 FROM journal_postings p "
      "           WHERE p.entry_id = e.entry_id AND p.account = $1 AND p.tranche IS NULL) AS court "
      "  FROM journal_entries e WHERE e.claim_id = $2::uuid AND e.kind = 'accrual') "
      "SELECT period_start::text, period_end::text FROM accrual "
      "WHERE NOT court AND period_end > coalesce("
      "  (SELECT max(period_end) FROM accrual WHERE court), '-infinity'::date) "
      "ORDER BY period_end"};
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

int64_t InsertLedgerEntry(pqxx::work& txn, const LedgerEntry& entry, const domain::RequestKey& key,
                          const std::string& actor) {
  const int64_t inserted = InsertEntry(txn, entry, key, actor);
  if (entry.compounds) RecordCompounding(txn, inserted);
  if (entry.terms) RecordAccrualTerms(txn, inserted, *entry.terms);
  return inserted;
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

}  // namespace disposal::store
