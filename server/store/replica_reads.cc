#include "store/replica_reads.h"

#include <algorithm>
#include <thread>

#include "log/log.h"

namespace disposal::store {
namespace {

// How often a standby that is behind is asked again while a read waits for it.
constexpr std::chrono::milliseconds kReplayPoll{5};
constexpr std::chrono::seconds kLogEvery{60};

constexpr const char* kReasonNames[] = {"behind", "unreachable", "not_standby"};

DatabaseOptions StandbyOptions(const DatabaseOptions& primary) {
  DatabaseOptions standby = primary;
  standby.url = primary.replica.url;
  standby.pool_size = primary.replica.pool_size;
  standby.replica = {};
  return standby;
}

// The primary's write-ahead log insert position: every transaction committed (visible) by now
// has its commit record before it. (Not the write or flush position: with synchronous_commit
// off a commit is visible before its record is written out.)
Result<std::string> PrimaryLogPosition(ConnectionPool& primary) {
  return primary.InTransaction<std::string>([](pqxx::work& txn) -> Result<std::string> {
    return txn.exec1("SELECT pg_current_wal_insert_lsn()::text")[0].as<std::string>();
  });
}

struct Replay {
  bool standby = false;
  bool through = false;  // replayed through the position asked about
};

Result<Replay> StandbyReplay(ConnectionPool& standby, const std::string& lsn) {
  return standby.InTransaction<Replay>([&](pqxx::work& txn) -> Result<Replay> {
    const pqxx::row row = txn.exec_params1(
        "SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", lsn);
    return Replay{row[0].as<bool>(), row[1].as<bool>()};
  });
}

}  // namespace

ReplicaReads::ReplicaReads(const DatabaseOptions& primary_options)
    : options_(primary_options.replica), pool_(StandbyOptions(primary_options)) {}

ReplicaReadCounts ReplicaReads::counts() const {
  ReplicaReadCounts counts;
  counts.on_replica = on_replica_.load();
  counts.replica_behind = fell_back_[static_cast<int>(Reason::kBehind)].load();
  counts.replica_unreachable = fell_back_[static_cast<int>(Reason::kUnreachable)].load();
  counts.replica_not_standby = fell_back_[static_cast<int>(Reason::kNotStandby)].load();
  return counts;
}

bool ReplicaReads::Resting() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::chrono::steady_clock::now() < rest_until_;
}

Result<ReplicaReads::Route> ReplicaReads::Choose(ConnectionPool& primary) {
  if (Resting()) {
    FellBack(Reason::kUnreachable, "resting after it could not be reached");
    return Route::kPrimary;
  }
  ASSIGN_OR_RETURN(const std::string lsn, PrimaryLogPosition(primary));
  return WaitForReplay(lsn);
}

ReplicaReads::Route ReplicaReads::WaitForReplay(const std::string& lsn) {
  const auto deadline = std::chrono::steady_clock::now() + options_.catch_up_wait;
  while (true) {
    Result<Replay> replay = StandbyReplay(pool_, lsn);
    if (!replay.ok()) {
      FellBack(Reason::kUnreachable, replay.error().Message());
      return Route::kPrimary;
    }
    if (!replay.value().standby) {
      // A promoted standby, or a URL naming a primary: what it holds may not be this database's.
      FellBack(Reason::kNotStandby, "the replica URL names a server that is not in recovery");
      return Route::kPrimary;
    }
    if (replay.value().through) return Route::kReplica;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      FellBack(Reason::kBehind, "had not replayed through " + lsn + " within " +
                                    std::to_string(options_.catch_up_wait.count()) + " ms");
      return Route::kPrimary;
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kReplayPoll, deadline - now));
  }
}

void ReplicaReads::FellBack(Reason reason, const std::string& detail) {
  const int index = static_cast<int>(reason);
  ++fell_back_[index];
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reason == Reason::kUnreachable && now >= rest_until_) {
      rest_until_ = now + options_.retry_after;
    }
    if (last_logged_[index] != std::chrono::steady_clock::time_point{} &&
        now - last_logged_[index] < kLogEvery) {
      return;
    }
    last_logged_[index] = now;
  }
  log::Warning("read_replica_not_used",
               {{"reason", kReasonNames[index]},
                {"detail", detail},
                {"reads_on_primary_instead", std::to_string(fell_back_[index].load())}});
}

}  // namespace disposal::store
