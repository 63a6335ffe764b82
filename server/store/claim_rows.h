// Internal to store/: writing a claim's rows and reading claims back, inside a caller's
// transaction.
#ifndef DISPOSAL_SERVER_STORE_CLAIM_ROWS_H_
#define DISPOSAL_SERVER_STORE_CLAIM_ROWS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/claim.h"

namespace disposal::store {

// Inserts the claims row at version 1. Returns the new id.
std::string InsertClaimRow(pqxx::work& txn, const domain::ClaimContent& content);

// Rewrites the claims row when its version is still `expected_version`; returns false when no
// row matched (unknown id or stale version).
bool UpdateClaimRow(pqxx::work& txn, const std::string& id, int64_t expected_version,
                    const domain::ClaimContent& content);

// Replaces the child rows (tranches, collateral, encumbrances, guarantees, pledges, litigation).
void ReplaceClaimChildren(pqxx::work& txn, const std::string& id,
                          const domain::ClaimContent& content);

// Loads the claims with these ids, in the order given; ids that do not exist are skipped.
// Every child table is read with one query for the whole set. Those are several statements:
// a caller that holds no lock on the claims calls ReadOneSnapshot first.
std::vector<domain::Claim> LoadClaims(pqxx::work& txn, const std::vector<std::string>& ids);

// Makes a read-only transaction see one snapshot, for a read of several statements that takes
// no lock: under READ COMMITTED each statement would see what committed before it, and an
// update committed between the claim's row and its tranches would return a claim that never
// was (or children whose positions no longer match). Call it before the first statement.
void ReadOneSnapshot(pqxx::work& txn);

// A claim of `read` (id -> the version read earlier) whose version is another now, with that
// version; nullopt when every one is as read. With `hold`, the rows stay locked FOR SHARE (taken
// in id order) until the transaction ends, so none can change before it commits.
struct ChangedClaim {
  std::string id;
  int64_t version_read = 0;
  int64_t version_now = 0;
};
std::optional<ChangedClaim> FirstChangedClaim(pqxx::work& txn,
                                              const std::map<std::string, int64_t>& read,
                                              bool hold);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CLAIM_ROWS_H_
