// Internal to store/: claims and disposals as they were at a past time, rebuilt from their
// tables and their history (schema/0010_as_of_history.sql).
//
// The rebuild copies the subjects' rows into temporary tables named like the real ones, which
// shadow them for unqualified names until the transaction ends, undoes there every change made
// after the time, and then runs the ordinary loaders on the copies. A transaction's changes to
// one subject count at the time of its first change to it (see the migration for why).
#ifndef DISPOSAL_SERVER_STORE_AS_OF_HISTORY_H_
#define DISPOSAL_SERVER_STORE_AS_OF_HISTORY_H_

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/claim.h"
#include "domain/disposal_repository.h"

namespace disposal::store {

// Every function here REQUIRES a fresh `txn` (no statement run yet): it is made
// repeatable-read, and the temporary tables it writes shadow the real ones until it ends, so
// the transaction must not write afterwards. `as_of_micros` is microseconds since the Unix
// epoch. A subject that existed before the history started has no known state before then:
// reading one as of an earlier time is FAILED_PRECONDITION.

// The claims with these ids that existed at the time, in the order given.
Result<std::vector<domain::Claim>> LoadClaimsAsOf(pqxx::work& txn,
                                                  const std::vector<std::string>& ids,
                                                  int64_t as_of_micros);

// The disposal as it was; NOT_FOUND when it did not exist yet.
Result<domain::DisposalRecord> LoadDisposalAsOf(pqxx::work& txn, const std::string& id,
                                                int64_t as_of_micros);

// The claim as it was, with journal_entries shadowed by that claim's entries recorded at or
// before the time, so that the ledger's readers see the claim's ledger as it was.
Result<domain::Claim> LoadClaimLedgerAsOf(pqxx::work& txn, const std::string& id,
                                          int64_t as_of_micros);

// "2021-07-20T02:00:00.000000Z", for messages.
std::string AsOfText(pqxx::work& txn, int64_t as_of_micros);

// Sets the update_time (and, when `created`, the create_time) of `table`'s row `id` ("claims"
// or "disposals") to the time the row history gives this transaction's change to that subject
// (its first change's), once the change's statements have run. now() is the transaction's
// start, which the history, stamped as each change is made, puts before the change: a read as
// of a claim's own create_time said it did not exist yet, and one as of its update_time showed
// the version before.
void StampWithHistoryTime(pqxx::work& txn, const std::string& table, const std::string& id,
                          bool created);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_AS_OF_HISTORY_H_
