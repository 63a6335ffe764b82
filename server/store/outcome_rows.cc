#include "store/outcome_rows.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/claim_codes.h"
#include "store/disposal_codes.h"
#include "store/field_values.h"
#include "store/sql_values.h"

namespace disposal::store {

using domain::OutcomeRecord;

const char kStandingOutcome[] =
    " AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = outcomes.entry_id)";

namespace {

constexpr char kOutcomeColumns[] =
    "id::text, disposal_id::text, lot_id::text, claim_id::text, tranche_number, method, "
    "buyer_kind, buyer_name, buyer_identifier, price::text, book_value::text, "
    "award_date::text, eligibility_decision_id::text, entry_id, award_number, "
    "coalesce((SELECT r.entry_id FROM journal_entries r WHERE r.reverses = outcomes.entry_id), 0), "
    "deposit_paid::text, "
    "(SELECT d.deposit::text FROM disposals d WHERE d.id = outcomes.disposal_id)";

// A bucket as outcome_reduction_parts names it (its CHECK allows only these).
domain::AllocationBucket BucketFromName(const std::string& name) {
  for (domain::AllocationBucket bucket : domain::kAllocationBuckets) {
    if (domain::BucketName(bucket) == name) return bucket;
  }
  throw std::runtime_error("outcome_reduction_parts: unknown bucket " + name);
}

OutcomeRecord OutcomeFromRow(const pqxx::row& row) {
  OutcomeRecord outcome;
  outcome.id = row[0].as<std::string>();
  outcome.disposal_id = row[1].as<std::string>();
  outcome.lot_id = row[2].as<std::string>();
  outcome.claim_id = row[3].as<std::string>();
  if (!row[4].is_null()) outcome.tranche_number = row[4].as<int>();
  outcome.method = DisposalMethodFromCode(row[5].as<std::string>());
  outcome.buyer.kind = PartyKindFromCode(row[6].as<std::string>());
  outcome.buyer.name = row[7].as<std::string>();
  outcome.buyer.identifier = row[8].as<std::string>();
  outcome.price = MoneyField(row[9]);
  outcome.book_value = MoneyField(row[10]);
  outcome.award_date = DateField(row[11]);
  outcome.eligibility_decision_id = row[12].as<std::string>();
  outcome.entry_id = row[13].as<int64_t>();
  outcome.award_number = row[14].as<int>();
  outcome.rescission_entry_id = row[15].as<int64_t>();
  if (!row[16].is_null()) outcome.deposit_paid = MoneyField(row[16]);
  outcome.disposal_deposit = MoneyField(row[17]);
  return outcome;
}

// Each outcome's schedule with what each instalment has been paid so far, in one query. The
// buyer's payments not reversed pay the instalments earliest first (as ApplyToSchedule does),
// recomputed on every read: how a payment was applied when it was booked (payment_instalments)
// no longer holds once an earlier payment was reversed.
void ReadSchedules(pqxx::work& txn, std::vector<OutcomeRecord>* outcomes,
                   const std::map<std::string, size_t>& by_id) {
  std::vector<std::string> ids;
  for (const OutcomeRecord& outcome : *outcomes) ids.push_back(outcome.id);
  // Instalments are numbered in due-date order (the schedule is validated so).
  for (const pqxx::row& row : txn.exec_params(
           "WITH paid AS ("
           "  SELECT o.id AS outcome_id, coalesce(sum(p.amount), 0) AS total "
           "  FROM unnest($1::uuid[]) AS o(id) LEFT JOIN payments p ON p.outcome_id = o.id "
           "  AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses = p.entry_id) "
           "  GROUP BY o.id), "
           "instalment AS ("
           "  SELECT outcome_id, number, due_date, amount, coalesce(sum(amount) OVER ("
           "    PARTITION BY outcome_id ORDER BY number "
           "    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS due_before "
           "  FROM outcome_instalments WHERE outcome_id = ANY($1::uuid[])) "
           "SELECT i.outcome_id::text, i.due_date::text, i.amount::text, "
           "  least(i.amount, greatest(0, paid.total - i.due_before))::text "
           "FROM instalment i JOIN paid USING (outcome_id) ORDER BY i.outcome_id, i.number",
           PlainArrayLiteral(ids))) {
    OutcomeRecord& outcome = (*outcomes)[by_id.at(row[0].as<std::string>())];
    outcome.schedule.push_back({DateField(row[1]), MoneyField(row[2]), MoneyField(row[3])});
  }
}

// The buyer's deposit kept when each rescinded award was rescinded: the 'forfeiture' entry
// booked by the rescission's call, unless reversed since; in one query.
void ReadForfeitures(pqxx::work& txn, std::vector<OutcomeRecord>* outcomes) {
  std::map<int64_t, size_t> by_rescission;
  for (size_t i = 0; i < outcomes->size(); ++i) {
    if ((*outcomes)[i].rescission_entry_id != 0)
      by_rescission[(*outcomes)[i].rescission_entry_id] = i;
  }
  if (by_rescission.empty()) return;
  std::vector<std::string> entries;
  for (const auto& [entry, index] : by_rescission) entries.push_back(std::to_string(entry));
  for (const pqxx::row& row : txn.exec_params(
           "SELECT r.entry_id, f.entry_id, p.credit::text FROM journal_entries r "
           "JOIN journal_entries f ON f.call_request_id = r.call_request_id "
           "  AND f.kind = 'forfeiture' "
           "JOIN journal_postings p ON p.entry_id = f.entry_id "
           "  AND p.account = 'amc/forfeited_deposits' AND p.credit > 0 "
           "WHERE r.entry_id = ANY($1::bigint[]) "
           "AND NOT EXISTS (SELECT 1 FROM journal_entries x WHERE x.reverses = f.entry_id)",
           PlainArrayLiteral(entries))) {
    OutcomeRecord& outcome = (*outcomes)[by_rescission.at(row[0].as<int64_t>())];
    outcome.forfeiture_entry_id = row[1].as<int64_t>();
    outcome.forfeited_deposit = MoneyField(row[2]);
  }
}

// What each debt reduction settled and forgave of its lot's parts, in one query.
void ReadReductions(pqxx::work& txn, std::vector<OutcomeRecord>* outcomes,
                    const std::map<std::string, size_t>& by_id) {
  std::vector<std::string> ids;
  for (const OutcomeRecord& outcome : *outcomes) {
    if (outcome.method == domain::DisposalMethod::kDebtReduction) ids.push_back(outcome.id);
  }
  if (ids.empty()) return;
  for (const pqxx::row& row :
       txn.exec_params("SELECT outcome_id::text, bucket, owed::text, settled::text, forgiven::text "
                       "FROM outcome_reduction_parts WHERE outcome_id = ANY($1::uuid[]) "
                       "ORDER BY outcome_id, position",
                       PlainArrayLiteral(ids))) {
    OutcomeRecord& outcome = (*outcomes)[by_id.at(row[0].as<std::string>())];
    outcome.reduction.push_back({BucketFromName(row[1].as<std::string>()), MoneyField(row[2]),
                                 MoneyField(row[3]), MoneyField(row[4])});
  }
}

// The outcomes `rows` hold, with their schedules, deposits kept and reductions' parts.
std::vector<OutcomeRecord> OutcomesFrom(pqxx::work& txn, const pqxx::result& rows) {
  std::vector<OutcomeRecord> outcomes;
  std::map<std::string, size_t> by_id;
  for (const pqxx::row& row : rows) {
    outcomes.push_back(OutcomeFromRow(row));
    by_id[outcomes.back().id] = outcomes.size() - 1;
  }
  if (outcomes.empty()) return outcomes;
  ReadSchedules(txn, &outcomes, by_id);
  ReadForfeitures(txn, &outcomes);
  ReadReductions(txn, &outcomes, by_id);
  return outcomes;
}

}  // namespace

std::optional<OutcomeRecord> LoadOutcome(pqxx::work& txn, const std::string& where,
                                         const std::string& parameter) {
  std::vector<OutcomeRecord> outcomes = OutcomesFrom(
      txn,
      txn.exec_params(std::string("SELECT ") + kOutcomeColumns + " FROM outcomes WHERE " + where,
                      parameter));
  if (outcomes.empty()) return std::nullopt;
  return std::move(outcomes.front());
}

std::vector<OutcomeRecord> LoadOutcomes(pqxx::work& txn, const domain::OutcomeParent& parent,
                                        int64_t after_entry_id, int limit) {
  return OutcomesFrom(
      txn, txn.exec_params(std::string("SELECT ") + kOutcomeColumns + " FROM outcomes WHERE " +
                               (parent.is_claim ? "claim_id" : "disposal_id") +
                               " = $1::uuid AND entry_id > $2 "
                               "ORDER BY entry_id LIMIT $3",
                           parent.id, after_entry_id, limit));
}

}  // namespace disposal::store
