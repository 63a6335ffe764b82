#include "store/replica_reads.h"

#include <algorithm>
#include <string>
#include <thread>

#include "domain/call_deadline.h"
#include "log/log.h"

namespace disposal::store {
namespace {

// How often a standby that is behind is asked again while a read waits for it.
constexpr std::chrono::milliseconds kReplayPoll{5};
// How long reads skip a standby found behind: a stream's next pages would wait for it again.
constexpr std::chrono::seconds kSkipBehind{1};
constexpr std::chrono::seconds kLogEvery{60};

constexpr const char* kReasonNames[] = {"behind", "unreachable",   "not_standby",    "busy",
                                        "failed", "other_cluster", "cluster_unknown"};

// The cluster's system identifier (kept in its control file, copied to every standby made
// from it), or none where the server's role may not read it (a hardened installation that
// revoked pg_control_system() from PUBLIC; asked first, as naming the function in a statement
// fails it whether or not it would run). A standby is then not known to be the primary's.
std::optional<std::string> SystemIdentifier(pqxx::transaction_base& txn) {
  if (!txn.exec1("SELECT has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')")[0]
           .as<bool>()) {
    return std::nullopt;
  }
  return txn.exec1("SELECT system_identifier::text FROM pg_control_system()")[0].as<std::string>();
}

DatabaseOptions StandbyOptions(const DatabaseOptions& primary) {
  DatabaseOptions standby = primary;
  standby.url = primary.replica.url;
  standby.pool_size = primary.replica.pool_size;
  // A read waits for a standby connection no longer than for the standby to catch up: the
  // primary can serve it meanwhile.
  standby.acquire_timeout = std::min(primary.acquire_timeout, primary.replica.catch_up_wait);
  standby.replica = {};
  return standby;
}

// The primary's write-ahead log insert position: every transaction committed (visible) by now
// has its commit record before it. (Not the write or flush position: with synchronous_commit
// off a commit is visible before its record is written out.) A position just past a page's
// header (24 bytes into a page, 40 into a segment) is where the last record ended, at the page's
// start, which is what a standby that replayed it reports: taken back to there, so that an idle
// primary's position is reached.
constexpr char kPrimaryPosition[] = R"sql(
  SELECT (CASE WHEN o % pg_size_bytes(current_setting('wal_segment_size')) = 40 THEN l - 40
               WHEN o % current_setting('wal_block_size')::numeric = 24 THEN l - 24
               ELSE l END)::text
  FROM (SELECT l, l - '0/0'::pg_lsn AS o
        FROM (SELECT pg_current_wal_insert_lsn() AS l) position) offsets)sql";

}  // namespace

ReplicaReads::ReplicaReads(const DatabaseOptions& primary_options)
    : options_(primary_options.replica), pool_(StandbyOptions(primary_options)) {}

ReplicaReadCounts ReplicaReads::counts() const {
  const auto count = [this](Reason reason) { return fell_back_[static_cast<int>(reason)].load(); };
  ReplicaReadCounts counts;
  counts.on_replica = on_replica_.load();
  counts.replica_behind = count(Reason::kBehind);
  counts.replica_unreachable = count(Reason::kUnreachable);
  counts.replica_not_standby = count(Reason::kNotStandby);
  counts.replica_busy = count(Reason::kBusy);
  counts.replica_failed = count(Reason::kFailed);
  counts.replica_other_cluster = count(Reason::kOtherCluster);
  counts.replica_cluster_unknown = count(Reason::kClusterUnknown);
  return counts;
}

Result<ReplicaReads::PrimaryPosition> ReplicaReads::PrimaryLogPosition(ConnectionPool& primary) {
  std::string cluster;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cluster = primary_cluster_;
  }
  ASSIGN_OR_RETURN(
      PrimaryPosition position,
      primary.InTransaction<PrimaryPosition>([&](pqxx::work& txn) -> Result<PrimaryPosition> {
        PrimaryPosition read{txn.exec1(kPrimaryPosition)[0].as<std::string>(), cluster};
        if (read.system_identifier.empty()) {
          read.system_identifier = SystemIdentifier(txn).value_or("");
        }
        return read;
      }));
  if (cluster.empty() && !position.system_identifier.empty()) {
    // A primary's identifier does not change (a standby promoted in its place keeps it).
    std::lock_guard<std::mutex> lock(mutex_);
    primary_cluster_ = position.system_identifier;
  }
  return position;
}

bool ReplicaReads::StandbyMayRefuse(const std::string& sqlstate) {
  // 40001, 40P01: cancelled for a conflict with recovery; 25006: a write in a read-only
  // transaction, which every transaction on a standby is.
  return sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "25006";
}

std::optional<ReplicaReads::Reason> ReplicaReads::Skipping() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::chrono::steady_clock::now() < skip_until_) return skip_reason_;
  return std::nullopt;
}

bool ReplicaReads::WaitForReplay(pqxx::connection& connection, const PrimaryPosition& primary,
                                 std::optional<Reason>* reason, std::string* detail,
                                 bool* cut_short) {
  // No longer than the call has left: past it, the primary's answer is as late as any.
  const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft();
  *cut_short = left && *left < options_.catch_up_wait;
  const auto deadline =
      std::chrono::steady_clock::now() + (*cut_short ? *left : options_.catch_up_wait);
  for (bool first = true;; first = false) {
    pqxx::nontransaction query(connection);
    if (first && !SameCluster(primary.system_identifier, SystemIdentifier(query), reason, detail)) {
      return false;
    }
    const pqxx::row replay = query.exec_params1(
        "SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)",
        primary.lsn);
    if (!replay[0].as<bool>()) {
      *reason = Reason::kNotStandby;
      return false;
    }
    if (replay[1].as<bool>()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      *reason = Reason::kBehind;
      if (*cut_short)
        *detail = "had not replayed what the primary had when the call's deadline came";
      return false;
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kReplayPoll, deadline - now));
  }
}

bool ReplicaReads::SameCluster(const std::string& primary,
                               const std::optional<std::string>& standby,
                               std::optional<Reason>* reason, std::string* detail) {
  if (primary.empty() || !standby) {
    *reason = Reason::kClusterUnknown;
    *detail = std::string(
                  "cannot tell whether the replica is a standby of the primary's "
                  "cluster: the server's role may not run pg_control_system() on the ") +
              (primary.empty() ? "primary" : "replica");
    return false;
  }
  if (*standby == primary) return true;
  *reason = Reason::kOtherCluster;
  *detail = "the replica URL names a server of another cluster (system identifier " + *standby +
            ", the primary's " + primary + ")";
  return false;
}

void ReplicaReads::FellBack(Reason reason, const std::string& detail, bool may_skip) {
  const int index = static_cast<int>(reason);
  ++fell_back_[index];
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool skip = may_skip && (reason == Reason::kUnreachable || reason == Reason::kBehind);
    if (skip && now >= skip_until_) {
      skip_until_ = now + (reason == Reason::kBehind
                               ? std::chrono::duration_cast<std::chrono::seconds>(kSkipBehind)
                               : options_.retry_after);
      skip_reason_ = reason;
    }
    if (last_logged_[index] != std::chrono::steady_clock::time_point{} &&
        now - last_logged_[index] < kLogEvery) {
      return;
    }
    last_logged_[index] = now;
  }
  std::string text = detail;
  if (reason == Reason::kBehind && text.empty()) {
    text = "had not replayed what the primary had within " +
           std::to_string(options_.catch_up_wait.count()) + " ms";
  }
  if (reason == Reason::kNotStandby) text = "the replica URL names a server not in recovery";
  log::Warning("read_replica_not_used",
               {{"reason", kReasonNames[index]},
                {"detail", text},
                {"reads_on_primary_instead", std::to_string(fell_back_[index].load())}});
}

}  // namespace disposal::store
