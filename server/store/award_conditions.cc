#include "store/award_conditions.h"

#include <utility>
#include <vector>

#include "store/calendar_rows.h"
#include "store/claim_rows.h"
#include "store/disposal_rows.h"

namespace disposal::store {
namespace {

// The key of the transaction-scoped advisory lock every registry change takes before its
// first statement (schema/0014): held shared here, no registry change can commit between
// reading the version and this transaction's commit.
constexpr int64_t kRegistryVersionLockKey = 7453006418498691705;

// The claims the buyer's decision read, still at the versions it read. Not held: a change
// committed after this read is ordered after the award (and holding the other claims of the
// disposal could deadlock with an award of another lot, which holds its own claim).
Status CheckClaimVersions(pqxx::work& txn, const domain::ClaimVersions& read) {
  const auto changed = FirstChangedClaim(txn, read, /*hold=*/false);
  if (!changed) return OkStatus();
  return Error::Aborted(
      "claim " + changed->id + " changed (now version " + std::to_string(changed->version_now) +
      ") since the buyer's eligibility was decided on version " +
      std::to_string(changed->version_read) + "; nothing was booked: try the award again");
}

}  // namespace

Status CheckAwardConditions(pqxx::work& txn, const std::string& disposal_id,
                            const domain::AwardConditions& conditions) {
  std::vector<domain::DisposalRecord> records = LoadDisposals(txn, {disposal_id});
  if (records.empty()) return Error::NotFound("disposal " + disposal_id + " does not exist");
  RETURN_IF_ERROR(CheckCalendarUnchanged(txn, conditions.calendar_revision));
  RETURN_IF_ERROR(conditions.gate(std::move(records.front())));
  RETURN_IF_ERROR(CheckClaimVersions(txn, conditions.claim_versions));
  // Tried, not waited for: a registry change in progress (an import may take minutes) would
  // keep this transaction, with its claim and disposal locks, waiting, and would move the
  // version anyway.
  if (!txn.exec_params("SELECT pg_try_advisory_xact_lock_shared($1)", kRegistryVersionLockKey)[0][0]
           .as<bool>()) {
    return Error::Aborted(
        "a registry change is being committed; nothing was booked: try the award again");
  }
  const int64_t current =
      txn.exec("SELECT coalesce(max(version), 0) FROM registry_versions")[0][0].as<int64_t>();
  if (current == conditions.receipt.registry_version) return OkStatus();
  return Error::Aborted("the registry changed (now version " + std::to_string(current) +
                        ") since the buyer's eligibility was decided on version " +
                        std::to_string(conditions.receipt.registry_version) +
                        "; nothing was booked: try the award again");
}

void InsertDecisionReceipt(pqxx::work& txn, const domain::DecisionRecord& receipt) {
  txn.exec_params(
      "INSERT INTO eligibility_decisions (decision_id, decided_at, actor, disposal_id, bidder, "
      "  outcome, registry_version, request, decision) "
      "VALUES ($1::uuid, to_timestamp(0) + $2::bigint * interval '1 microsecond', $3, $4::uuid, "
      "  $5, $6, $7, $8, $9)",
      receipt.decision_id, receipt.decided_micros, receipt.actor, receipt.disposal_id,
      receipt.bidder, receipt.outcome, receipt.registry_version,
      pqxx::binarystring(receipt.request), pqxx::binarystring(receipt.decision));
}

}  // namespace disposal::store
