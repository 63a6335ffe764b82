#include "store/booking_snapshot.h"

#include <sstream>

#include "domain/accrual_plan.h"
#include "store/claim_ledger_rows.h"
#include "store/claim_rows.h"
#include "store/field_values.h"
#include "store/prepared.h"

namespace disposal::store {

using domain::LedgerEntry;

BookingSnapshot ReadSnapshot(pqxx::work& txn, const std::string& claim_id,
                             const std::string& request_id, const domain::Date& as_of) {
  static const PreparedStatement kSnapshot{
      "booking_snapshot",
      "SELECT EXISTS (SELECT 1 FROM journal_entries WHERE call_request_id = $2) "
      "  OR EXISTS (SELECT 1 FROM ledger_calls_without_entries WHERE call_request_id = $2) "
      "  OR EXISTS (SELECT 1 FROM request_keys WHERE request_id = $2), "
      "  (SELECT effective_date::text FROM journal_entries "
      "     WHERE claim_id = $1::uuid AND kind = 'opening' LIMIT 1), "
      "  (SELECT string_agg(interest_cutoff_date::text, ',' ORDER BY position) "
      "     FROM claim_tranches WHERE claim_id = $1::uuid), "
      "  c.debtor_name, b.account, b.tranche, b.balance::text, b.latest_effective <= $3::date, "
      "  b.latest_effective::text, "
      "  EXISTS (SELECT 1 FROM claim_accrual_terms WHERE claim_id = $1::uuid) "
      "FROM claims c LEFT JOIN claim_account_balances b ON b.claim_id = c.id "
      "WHERE c.id = $1::uuid"};
  const pqxx::result rows =
      ExecPrepared(txn, kSnapshot, claim_id, request_id, domain::FormatIsoDate(as_of));
  BookingSnapshot snapshot;
  if (rows.empty()) return snapshot;
  snapshot.booked_before = rows[0][0].as<bool>();
  if (!rows[0][1].is_null()) snapshot.opened_on = DateField(rows[0][1]);
  if (!rows[0][2].is_null()) {
    std::stringstream dates(rows[0][2].as<std::string>());
    for (std::string date; std::getline(dates, date, ',');) {
      snapshot.tranche_cutoffs.push_back(Expect(domain::ParseIsoDate(date), "date"));
    }
  }
  snapshot.debtor_name = rows[0][3].as<std::string>();
  snapshot.own_accrual_terms = rows[0][9].as<bool>();
  for (const pqxx::row& row : rows) {
    if (row[4].is_null()) continue;
    const std::pair<std::string, int> key{row[4].as<std::string>(), row[5].as<int>()};
    snapshot.balances[key] = MoneyField(row[6]);
    snapshot.balances_current = snapshot.balances_current && row[7].as<bool>();
    snapshot.latest_posting[key] = DateField(row[8]);
  }
  return snapshot;
}

domain::ClaimBalances SummedBalances(pqxx::work& txn, const std::string& claim_id,
                                     const domain::Date& as_of) {
  domain::ClaimBalances balances;
  for (const pqxx::row& row : txn.exec_params(
           "SELECT p.account, coalesce(p.tranche, 0), (sum(p.debit) - sum(p.credit))::text "
           "FROM journal_postings p JOIN journal_entries e USING (entry_id) "
           "JOIN ledger_accounts a ON a.account = p.account "
           "WHERE a.claim_id = $1::uuid AND e.effective_date <= $2::date "
           "GROUP BY p.account, coalesce(p.tranche, 0)",
           claim_id, domain::FormatIsoDate(as_of))) {
    balances[{row[0].as<std::string>(), row[1].as<int>()}] = MoneyField(row[2]);
  }
  return balances;
}

domain::ClaimBooks BooksFrom(pqxx::work& txn, BookingSnapshot snapshot, const std::string& claim_id,
                             const domain::Date& as_of) {
  domain::ClaimBooks books;
  books.opened = snapshot.opened_on.has_value();
  books.tranche_cutoffs = std::move(snapshot.tranche_cutoffs);
  if (books.opened) {
    books.opening_date = *snapshot.opened_on;
    // Planning an open claim's entries needs only its id and debtor's name; the whole claim
    // (tranches, collateral, guarantees: several queries) only for the opening entry.
    books.claim.id = claim_id;
    books.claim.content.debtor.name = std::move(snapshot.debtor_name);
  } else {
    books.claim = LoadClaims(txn, {claim_id}).front();
    books.opening_date = domain::LedgerOpeningDate(books.claim);
  }
  books.balances = snapshot.balances_current ? std::move(snapshot.balances)
                                             : SummedBalances(txn, claim_id, as_of);
  books.latest_posting = std::move(snapshot.latest_posting);
  return books;
}

Result<domain::ClaimBalances> WithDaysBookedLater(pqxx::work& txn, const std::string& claim_id,
                                                  const domain::Date& date,
                                                  domain::ClaimBalances balances) {
  const std::optional<StandingAccrual> around = StandingAccrualAround(txn, claim_id, date);
  if (!around) return balances;
  const domain::ClaimLedgerState state =
      ClaimLedgerStateIn(txn, LoadClaims(txn, {claim_id}).front());
  ASSIGN_OR_RETURN(const LedgerEntry days,
                   domain::AccrualOfDaysBookedLater(state, around->terms, around->period, date));
  const domain::ClaimLedgerState as_booked = AsBookedThrough(txn, state, around->period.start);
  ASSIGN_OR_RETURN(const LedgerEntry correction,
                   domain::CorrectionCarriedBy(state, as_booked, around->terms, around->period));
  ASSIGN_OR_RETURN(balances, domain::WithAccrued(std::move(balances), days));
  return domain::WithAccrued(std::move(balances), correction);
}

}  // namespace disposal::store
