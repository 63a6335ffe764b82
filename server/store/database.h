// The PostgreSQL database behind the service: a bounded connection pool and the schema.
// This header is free of libpqxx so that callers outside store/ never see it.
#ifndef DISPOSAL_SERVER_STORE_DATABASE_H_
#define DISPOSAL_SERVER_STORE_DATABASE_H_

#include <chrono>
#include <memory>
#include <string>

#include "domain/result.h"

namespace disposal::store {

// A streaming replica (a hot standby) of the same cluster, for auditors' reads (history streams,
// chain verification, decision receipts, trial balances' totals). See store/replica_reads.h.
struct ReplicaOptions {
  // libpq connection URL of the standby; empty: every read goes to the primary.
  std::string url;
  // Connections to the standby held open at most.
  size_t pool_size = 4;
  // How long a read waits for the standby to replay what the primary had when the read began
  // before it is served by the primary instead. What the primary had includes log not yet
  // written out (asynchronous commits, transactions in progress), which reaches a standby only
  // once the primary's WAL writer has flushed it (wal_writer_delay, 200 ms by default).
  std::chrono::milliseconds catch_up_wait{1000};
  // After the standby could not be reached, how long reads go to the primary before it is
  // tried again (so that each read does not pay the connect timeout).
  std::chrono::seconds retry_after{10};
};

struct DatabaseOptions {
  // libpq connection URL, e.g. postgresql://disposal@127.0.0.1:5432/disposal.
  std::string url;
  // Connections held open at most; each serves one transaction at a time.
  size_t pool_size = 8;
  // How long a call waits for a free connection before it gets UNAVAILABLE.
  std::chrono::milliseconds acquire_timeout{5000};
  // Server-side bound on any one statement.
  std::chrono::milliseconds statement_timeout{10000};
  // Bound on establishing a connection (libpq connect_timeout).
  std::chrono::seconds connect_timeout{5};
  // The role every pooled connection works as (SET ROLE), whatever role it logs in as:
  // "disposal_app" may not change or remove history (schema/0007). Migrations run as the
  // login role. Empty: work as the login role (tools that must, e.g. benchmarks' set-up).
  std::string session_role = "disposal_app";
  // Auditors' reads go to this standby when it is set and has caught up.
  ReplicaOptions replica;
  // How long a migration waits for a table lock (e.g. behind a running server's transaction
  // during an upgrade) before it gives up with UNAVAILABLE, to be tried again: waiting on,
  // it would queue every other session's statements on that table behind it.
  std::chrono::milliseconds migration_lock_timeout{5000};
};

// How auditors' reads were served since start (for the tests and the server's log).
struct ReplicaReadCounts {
  uint64_t on_replica = 0;
  // Served by the primary: the standby had not replayed far enough in time (or had not lately),
  // could not be reached (or lately), was not a standby at all, or was a standby of another
  // cluster (its system identifier is not the primary's).
  uint64_t replica_behind = 0;
  uint64_t replica_unreachable = 0;
  uint64_t replica_not_standby = 0;
  uint64_t replica_other_cluster = 0;
  // Or whether it was could not be told: the server's role may not read the clusters' system
  // identifiers (pg_control_system()).
  uint64_t replica_cluster_unknown = 0;
  // Its pool stayed busy, or it refused the read (a conflict with recovery, a write).
  uint64_t replica_busy = 0;
  uint64_t replica_failed = 0;
};

class ConnectionPool;
class ReplicaReads;
struct HealthProbe;

// INVALID_ARGUMENT naming `setting` (e.g. "--database-url") when libpq cannot parse `url` as a
// connection URI or key=value string. libpq's own message quotes the part it stumbled on, which
// may be the password: the reason keeps only what comes before the first quote.
Status CheckConnectionUrl(const std::string& url, const std::string& setting);

class Database {
 public:
  // Connects lazily: nothing is opened until the first call needs a connection.
  explicit Database(DatabaseOptions options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs "SELECT 1" on a connection of its own, not the pool's: a busy pool is no sign of an
  // unreachable database, and the health check must not wait behind the calls it reports on.
  // UNAVAILABLE when the database cannot be reached. Calls are serialised.
  Status Ping();

  // Applies every embedded migration not yet applied, each in its own transaction with its
  // record in schema_migrations, under an advisory lock so that concurrent servers apply each
  // exactly once. FAILED_PRECONDITION when an applied migration's text has changed since;
  // UNAVAILABLE when one waited longer than migration_lock_timeout for a lock (that one and the
  // rest are left unapplied; calling again retries them).
  // Runs on a connection of its own as the login role (the schema's owner), not the pool's
  // session role.
  Status Migrate();

  // Why the login role has more rights than the server needs, or "" when it has not: a
  // superuser, or the owner of the history tables (or a member of it), could rewrite the audit
  // chain after a RESET ROLE. The server warns at start-up; production logs in as a role that
  // is only a member of disposal_app.
  Result<std::string> LoginRightsBeyondTheServers();

  ConnectionPool& pool() { return *pool_; }
  // The standby auditors' reads may use; null when none is configured.
  ReplicaReads* replica() { return replica_.get(); }
  // Zero counts when no standby is configured.
  ReplicaReadCounts replica_read_counts() const;
  // The libpq connection string the pool uses (for connections of their own, e.g. LISTEN).
  const std::string& connection_string() const;
  // The role the pool's connections work as (DatabaseOptions::session_role); empty: the login's.
  const std::string& session_role() const;

 private:
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<ReplicaReads> replica_;
  std::unique_ptr<HealthProbe> probe_;
  std::chrono::milliseconds migration_lock_timeout_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DATABASE_H_
