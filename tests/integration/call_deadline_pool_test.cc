// The connection pool within a call that has a deadline: the client has stopped waiting once it
// passes, so the transaction's statements and its wait for a connection end with it, and a
// call whose deadline has passed starts nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "domain/call_deadline.h"
#include "store/connection_pool.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

using std::chrono::milliseconds;

domain::DeadlineClock::time_point In(milliseconds wait) {
  return domain::DeadlineClock::now() + wait;
}

// Three seconds of work under a deadline of 300 ms: without the bound, the pool's own
// statement timeout (10 s) would let it finish and commit.
TEST(CallDeadlinePoolTest, StatementRunningPastTheCallsDeadlineIsCancelledAndNothingWritten) {
  TestDatabase db;
  db.Query("CREATE TABLE deadline_probe (n int)");
  store::Database database(OneOwnerConnection(db));
  domain::CallDeadlineScope deadline(In(milliseconds(300)));
  Result<int> result = database.pool().InTransaction<int>([](pqxx::work& txn) -> Result<int> {
    txn.exec("INSERT INTO deadline_probe VALUES (1)");
    txn.exec("SELECT pg_sleep(3)");
    return 1;
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kDeadlineExceeded) << result.error().Message();
  EXPECT_EQ(db.Query("SELECT count(*) FROM deadline_probe"), "0");
}

TEST(CallDeadlinePoolTest, CallWhoseDeadlinePassedStartsNoTransaction) {
  TestDatabase db;
  store::Database database(OneOwnerConnection(db));
  domain::CallDeadlineScope deadline(In(milliseconds(-1)));
  std::atomic<int> runs{0};
  Result<int> result = database.pool().InTransaction<int>([&](pqxx::work&) -> Result<int> {
    ++runs;
    return 1;
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(runs.load(), 0);
}

// The only connection is busy for 3 s; a call with 300 ms left stops waiting for it when its
// deadline passes rather than after the pool's acquire timeout (5 s), which it would outlast.
TEST(CallDeadlinePoolTest, WaitForABusyConnectionEndsWithTheCallsDeadline) {
  TestDatabase db;
  store::Database database(OneOwnerConnection(db));
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    Result<int> held = database.pool().InTransaction<int>([&](pqxx::work& txn) -> Result<int> {
      holding = true;
      txn.exec("SELECT pg_sleep(3)");
      return 1;
    });
    EXPECT_TRUE(held.ok());
  });
  while (!holding) std::this_thread::yield();
  std::atomic<int> runs{0};
  Result<int> result = [&] {
    domain::CallDeadlineScope deadline(In(milliseconds(300)));
    return database.pool().InTransaction<int>([&](pqxx::work&) -> Result<int> {
      ++runs;
      return 1;
    });
  }();
  holder.join();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kDeadlineExceeded) << result.error().Message();
  EXPECT_EQ(runs.load(), 0);
}

// A deadline far enough away changes nothing: the work runs and commits.
TEST(CallDeadlinePoolTest, WorkWithinTheCallsDeadlineCommits) {
  TestDatabase db;
  db.Query("CREATE TABLE deadline_probe (n int)");
  store::Database database(OneOwnerConnection(db));
  domain::CallDeadlineScope deadline(In(milliseconds(5000)));
  Result<int> result = database.pool().InTransaction<int>([](pqxx::work& txn) -> Result<int> {
    txn.exec("INSERT INTO deadline_probe VALUES (1)");
    return 1;
  });
  ASSERT_TRUE(result.ok()) << result.error().Message();
  EXPECT_EQ(db.Query("SELECT count(*) FROM deadline_probe"), "1");
}

}  // namespace
}  // namespace disposal::testing
