// Internal to store/: auditors' reads from a streaming replica (a hot standby) of the database,
// never staler than the primary was when the read began.
//
// Before each read the primary is asked how far its write-ahead log goes (one short statement);
// the standby serves the read only once it has replayed that far, so it holds every change
// committed before the call began and the auditor gets the answer the primary would have given.
// The check and the read run on one standby connection: behind a balancer over several
// standbys, the one that was checked is the one read. The heavy part (pages of a history, a
// chain's events, decision receipts) then runs on the standby. Otherwise the primary serves the
// read, in one transaction there:
//  - the standby has not caught up within ReplicaOptions::catch_up_wait: reads skip it for a
//    second, so that a lagging standby does not cost every page of a stream the wait;
//  - it cannot be reached, or a fresh connection is lost too (a stale idle one is tried again
//    once): reads skip it for retry_after;
//  - its pool stays busy for catch_up_wait, or it refuses the read (a conflict with recovery, a
//    write such as a temporary table): this read only (an error the primary would give alike,
//    such as a statement timeout, is the answer);
//  - it is not in recovery (a promoted standby, a URL naming a primary), or it is a standby
//    of another cluster (its system identifier is not the primary's: its log positions mean
//    nothing here, and its data is another database's), or that cannot be told (the
//    server's role may not read the identifiers): this read only.
#ifndef DISPOSAL_SERVER_STORE_REPLICA_READS_H_
#define DISPOSAL_SERVER_STORE_REPLICA_READS_H_

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "store/connection_pool.h"
#include "store/database.h"

namespace disposal::store {

class ReplicaReads {
 public:
  // The standby's connections work like the primary's (`primary_options`: timeouts, session
  // role), with the standby's URL and pool size, and wait for a free one catch_up_wait at most.
  explicit ReplicaReads(const DatabaseOptions& primary_options);

  // Runs `work(txn)` (a read) in one transaction on the standby when it may serve it, else on
  // `primary`. UNAVAILABLE when the primary cannot say how far its log goes (unreachable, its
  // pool busy): the standby is then not read either, as nothing would bound its staleness.
  template <typename T, typename Work>
  Result<T> Read(ConnectionPool& primary, Work&& work);

  ReplicaReadCounts counts() const;

 private:
  enum class Reason {
    kBehind,
    kUnreachable,
    kNotStandby,
    kBusy,
    kFailed,
    kOtherCluster,
    kClusterUnknown
  };
  static constexpr int kReasons = 7;

  // The primary's log position every transaction it has committed lies before, and the
  // cluster's system identifier, which its standbys share ("" when the role may not read it).
  struct PrimaryPosition {
    std::string lsn;
    std::string system_identifier;
  };
  // The identifier is read once (kept in primary_cluster_), and again while it cannot be.
  Result<PrimaryPosition> PrimaryLogPosition(ConnectionPool& primary);
  // On `connection` (no transaction open): waits up to catch_up_wait, and no longer than the
  // call has left, for the standby to replay through the primary's position. Sets `*reason`
  // (and `*detail` when there is more to say) unless it has; `*cut_short` when the call's
  // deadline ended the wait before catch_up_wait did.
  bool WaitForReplay(pqxx::connection& connection, const PrimaryPosition& primary,
                     std::optional<Reason>* reason, std::string* detail, bool* cut_short);
  // Whether the standby's system identifier (none when unreadable) is the primary's ("" when
  // unreadable). Sets `*reason` and `*detail` when it is not, or cannot be told.
  static bool SameCluster(const std::string& primary, const std::optional<std::string>& standby,
                          std::optional<Reason>* reason, std::string* detail);
  // Whether an error a standby gave may not be the primary's (a conflict with recovery, a
  // refused write): the primary is then asked. Others (a timeout, say) are the answer.
  static bool StandbyMayRefuse(const std::string& sqlstate);
  // Why reads skip the standby now (it could not be reached, or was behind, lately); none
  // when they do not.
  std::optional<Reason> Skipping();
  // Counts a read the primary serves, skips the standby for a while when `reason` asks for it
  // (unless `may_skip` is false: a standby behind only for a caller in a hurry is not skipped
  // for everyone), and says why in the server's log (once a minute at most per reason: a
  // standby that is away would otherwise write a line per read).
  void FellBack(Reason reason, const std::string& detail, bool may_skip = true);

  ReplicaOptions options_;
  ConnectionPool pool_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point skip_until_{};
  Reason skip_reason_ = Reason::kUnreachable;
  std::string primary_cluster_;  // its system identifier, once read
  std::chrono::steady_clock::time_point last_logged_[kReasons]{};
  std::atomic<uint64_t> on_replica_{0};
  std::atomic<uint64_t> fell_back_[kReasons] = {{0}, {0}, {0}, {0}, {0}, {0}, {0}};
};

template <typename T, typename Work>
Result<T> ReplicaReads::Read(ConnectionPool& primary, Work&& work) {
  if (const std::optional<Reason> skipped = Skipping()) {
    FellBack(*skipped, "skipped for a while after the last attempt");
    return primary.InTransaction<T>(work);
  }
  ASSIGN_OR_RETURN(const PrimaryPosition position, PrimaryLogPosition(primary));
  std::optional<Reason> reason;
  std::string failure;
  bool entered = false, connection_failed = false, cut_short = false;
  const auto attempt = [&](pqxx::connection& connection) -> Result<std::optional<T>> {
    entered = true;
    try {
      if (!WaitForReplay(connection, position, &reason, &failure, &cut_short)) {
        return std::optional<T>();
      }
      pqxx::work txn(connection);
      pool_.BoundByCallDeadline(txn);
      Result<T> done = work(txn);
      if (!done.ok()) return done.error();  // the read's own answer (NOT_FOUND, say)
      txn.commit();
      return std::optional<T>(std::move(done).value());
    } catch (const pqxx::broken_connection&) {
      throw;  // the pool discards the connection
    } catch (const pqxx::in_doubt_error&) {
      throw;  // lost during COMMIT: discarded the same way (a read has nothing in doubt)
    } catch (const pqxx::sql_error& e) {
      if (!StandbyMayRefuse(e.sqlstate())) throw;  // the primary would fail it alike
      reason = Reason::kFailed;
      failure = e.what();
      return std::optional<T>();
    }
  };
  Result<std::optional<T>> read =
      pool_.template OnOneConnection<std::optional<T>>(attempt, &connection_failed);
  if (!read.ok() && entered && connection_failed) {
    // An idle connection that had gone stale (the standby restarted, a balancer moved): the
    // pool has dropped the others too; one more try opens a fresh one.
    entered = connection_failed = false;
    read = pool_.template OnOneConnection<std::optional<T>>(attempt, &connection_failed);
  }
  if (read.ok() && read.value()) {
    ++on_replica_;
    return std::move(*std::move(read).value());
  }
  if (read.ok()) {
    FellBack(*reason, failure, !cut_short);
  } else if (connection_failed) {
    FellBack(Reason::kUnreachable, read.error().Message());
  } else if (!entered) {
    FellBack(Reason::kBusy, read.error().Message());
  } else {
    ++on_replica_;  // the standby's answer, as the primary's would have been
    return read.error();
  }
  return primary.InTransaction<T>(work);
}

// A read that may go to the standby (auditors' histories and receipts, a trial balance's
// totals): on the database's standby when it has one and may serve it
// (see above), else on the primary. Not for reads that write temporary tables (as-of reads of
// claims and disposals, registry snapshots): a standby refuses them.
template <typename T, typename Work>
Result<T> InReadTransaction(Database& database, Work&& work) {
  ReplicaReads* replica = database.replica();
  if (replica == nullptr) return database.pool().InTransaction<T>(std::forward<Work>(work));
  return replica->Read<T>(database.pool(), std::forward<Work>(work));
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REPLICA_READS_H_
