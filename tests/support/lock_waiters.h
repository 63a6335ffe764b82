// Waiting for sessions to queue on a lock, so that a test can make concurrent calls overlap
// where it wants them to instead of hoping the scheduler does.
#ifndef DISPOSAL_TESTS_SUPPORT_LOCK_WAITERS_H_
#define DISPOSAL_TESTS_SUPPORT_LOCK_WAITERS_H_

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "support/test_database.h"

namespace disposal::testing {

// Waits (at most 30 s: it returns as soon as they are seen) until `count` sessions of `db`'s
// database wait on a lock, or `done` turns true (the call that should have waited finished
// instead). True when the waiters were seen, so that a test can tell the overlap it arranged from
// one that never happened.
inline bool WaitForLockWaiters(TestDatabase& db, int count, const std::atomic<bool>& done) {
  for (int i = 0; i < 600 && !done; ++i) {
    const int waiting =
        std::stoi(db.Query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                           "'Lock' AND datname = current_database()"));
    if (waiting >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_LOCK_WAITERS_H_
