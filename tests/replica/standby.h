// The test cluster's hot standby (tests/support/pg_cluster.sh start-replica), as the replica
// tests drive it: waiting for it to hold a test's database, pausing and resuming its replay.
#ifndef DISPOSAL_TESTS_REPLICA_STANDBY_H_
#define DISPOSAL_TESTS_REPLICA_STANDBY_H_

#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "support/test_database.h"

namespace disposal::testing {

// Runs `sql` on the standby's maintenance database (or `url`'s) as the superuser; the first
// column of the first row as text ("" when none or NULL).
inline std::string OnStandby(const std::string& sql, const std::string& url = ReplicaAdminUrl()) {
  pqxx::connection connection(url);
  pqxx::nontransaction txn(connection);
  const pqxx::result rows = txn.exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

// Waits (up to a minute) until the standby holds `db` with every migration the primary has.
inline bool WaitForStandbyToHold(TestDatabase& db) {
  const std::string migrations = db.Query("SELECT count(*) FROM schema_migrations");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (OnStandby("SELECT count(*) FROM schema_migrations", ReplicaUrlOf(db.name())) ==
          migrations) {
        return true;
      }
    } catch (const std::exception&) {
      // Not there yet: the standby has not replayed CREATE DATABASE.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// What the standby's log receiver and replay are doing, for a failed wait's message: its
// receiver's status (none when it is not streaming) and how far replay is behind the primary.
inline std::string StandbyState() {
  try {
    const std::string primary_lsn = OnStandby("SELECT pg_current_wal_lsn()", ClusterAdminUrl());
    return "receiver " +
           OnStandby("SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'none')") +
           ", replay " +
           OnStandby("SELECT pg_size_pretty(pg_wal_lsn_diff('" + primary_lsn +
                     "', pg_last_wal_replay_lsn()))") +
           " behind the primary, replay " + OnStandby("SELECT pg_get_wal_replay_pause_state()");
  } catch (const std::exception& error) {
    return std::string("unknown: ") + error.what();
  }
}

// Stops the standby's replay (reads on it then see the database as it was) and waits until it
// has stopped.
inline void PauseStandbyReplay() {
  OnStandby("SELECT pg_wal_replay_pause()");
  for (int i = 0; i < 200 && OnStandby("SELECT pg_get_wal_replay_pause_state()") != "paused"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(OnStandby("SELECT pg_get_wal_replay_pause_state()"), "paused");
}

inline void ResumeStandbyReplay() { OnStandby("SELECT pg_wal_replay_resume()"); }

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_REPLICA_STANDBY_H_
