// Internal to store/: disposal, lot, channel and submission rows inside a caller's transaction.
#ifndef DISPOSAL_SERVER_STORE_DISPOSAL_ROWS_H_
#define DISPOSAL_SERVER_STORE_DISPOSAL_ROWS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/disposal_repository.h"

namespace disposal::store {

// Inserts a draft at version 1 with its channels and lots; returns the new id.
std::string InsertDisposal(pqxx::work& txn, const domain::DisposalContent& content);

// Rewrites a draft's row when id, version and state match; false when no row matched.
bool UpdateDraftRow(pqxx::work& txn, const std::string& id, int64_t expected_version,
                    const domain::DisposalContent& content);

// FAILED_PRECONDITION when `content` would remove a lot that submissions name, or make it offer
// another claim or tranche (a submission stays with its lot's id, which would then mean
// something else); nullopt otherwise. Reserve prices may change.
std::optional<Error> RefuseMovingLotsWithSubmissions(pqxx::work& txn, const std::string& id,
                                                     const domain::DisposalContent& content);

// Replaces the channels, and the lots by position (a lot keeps its id while it keeps its place).
void ReplaceChannelsAndLots(pqxx::work& txn, const std::string& id,
                            const domain::DisposalContent& content);

// Loads disposals with their channels, lots (and frozen book values), submission summaries and
// the lots' standing sales (as the ledger had them at `as_of_micros`, when given), in the order
// of `ids`; unknown ids are skipped.
std::vector<domain::DisposalRecord> LoadDisposals(
    pqxx::work& txn, const std::vector<std::string>& ids,
    std::optional<int64_t> as_of_micros = std::nullopt);

// Why a conditional update of disposal `id` matched nothing: NOT_FOUND, ABORTED (stale version)
// or FAILED_PRECONDITION (`required_state` not met; `action` says what was attempted).
Error DisposalUpdateRefusal(pqxx::work& txn, const std::string& id, int64_t expected_version,
                            const std::string& required_state, const std::string& action);

domain::Submission SubmissionFromRow(const pqxx::row& row);
extern const char* const kSubmissionColumns;

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DISPOSAL_ROWS_H_
