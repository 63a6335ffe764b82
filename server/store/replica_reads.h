// Internal to store/: auditors' reads from a streaming replica (a hot standby) of the database,
// never staler than the primary was when the read began.
//
// Before each read the primary is asked how far its write-ahead log goes (one short statement);
// the standby serves the read only once it has replayed that far, so it holds every change
// committed before the call began and the auditor gets the answer the primary would have given.
// The heavy part (pages of a history, a chain's events, a registry snapshot) then runs on the
// standby. Otherwise the primary serves it: when the standby does not catch up within
// ReplicaOptions::catch_up_wait, cannot be reached (it is then left alone for retry_after), or is
// not a standby at all. Each read is one transaction on one of the two.
#ifndef DISPOSAL_SERVER_STORE_REPLICA_READS_H_
#define DISPOSAL_SERVER_STORE_REPLICA_READS_H_

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "store/connection_pool.h"
#include "store/database.h"

namespace disposal::store {

class ReplicaReads {
 public:
  // The standby's connections work like the primary's (`primary_options`: timeouts, session
  // role), with the standby's URL and pool size.
  ReplicaReads(const DatabaseOptions& primary_options);

  // Runs `work(txn)` (a read) in one transaction on the standby when it may serve it, else on
  // `primary`. UNAVAILABLE only when the primary cannot be reached.
  template <typename T, typename Work>
  Result<T> Read(ConnectionPool& primary, Work&& work);

  ReplicaReadCounts counts() const;

 private:
  enum class Route { kReplica, kPrimary };
  enum class Reason { kBehind, kUnreachable, kNotStandby };

  // Whether the standby may serve a read beginning now. An error when the primary cannot say
  // how far its log goes (it is then unreachable, and so is the read).
  Result<Route> Choose(ConnectionPool& primary);
  // Whether the standby has replayed through `lsn`, waiting up to catch_up_wait for it.
  Route WaitForReplay(const std::string& lsn);
  bool Resting();
  // Counts a read the primary serves, and says why in the server's log (once a minute at most
  // per reason: a standby that is away would otherwise write a line per read).
  void FellBack(Reason reason, const std::string& detail);

  ReplicaOptions options_;
  ConnectionPool pool_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point rest_until_{};
  std::chrono::steady_clock::time_point last_logged_[3]{};
  std::atomic<uint64_t> on_replica_{0};
  std::atomic<uint64_t> fell_back_[3] = {{0}, {0}, {0}};
};

template <typename T, typename Work>
Result<T> ReplicaReads::Read(ConnectionPool& primary, Work&& work) {
  ASSIGN_OR_RETURN(const Route route, Choose(primary));
  if (route == Route::kReplica) {
    Result<T> read = pool_.template InTransaction<T>(work);
    // A standby lost between the check and the read: the primary answers instead.
    if (read.ok() || read.error().code != ErrorCode::kUnavailable) {
      ++on_replica_;
      return read;
    }
    FellBack(Reason::kUnreachable, read.error().Message());
  }
  return primary.InTransaction<T>(work);
}

// An auditor's read: on the database's standby when it has one and may serve it (see above),
// else on the primary.
template <typename T, typename Work>
Result<T> InAuditorRead(Database& database, Work&& work) {
  ReplicaReads* replica = database.replica();
  if (replica == nullptr) return database.pool().InTransaction<T>(std::forward<Work>(work));
  return replica->Read<T>(database.pool(), std::forward<Work>(work));
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REPLICA_READS_H_
