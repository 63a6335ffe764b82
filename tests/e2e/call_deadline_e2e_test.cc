// A client's deadline through the real server and disposalctl: a change that waits on a lock
// past the client's --timeout is given up by the server too, not left waiting (holding a
// connection) for the database's own statement bound of 10 s, and writes nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class CallDeadlineEndToEnd : public ServerFixture {
 protected:
  // Statements bounded at five minutes: only the call's deadline can end the wait within the
  // minute the test polls for.
  std::vector<std::string> ExtraServerFlags() override {
    return {"--statement-timeout-seconds", "300"};
  }

  // Sessions of the test database waiting on a lock now.
  int LockWaiters() {
    return std::stoi(
        db_.Query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                  "AND datname = current_database()"));
  }

  // Polls for up to `seconds` until no session waits on a lock; true when none does.
  bool NoLockWaitersWithin(int seconds) {
    for (int i = 0; i < seconds * 20; ++i) {
      if (LockWaiters() == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
};

TEST_F(CallDeadlineEndToEnd, ChangeWaitingPastTheClientsTimeoutIsGivenUpByTheServer) {
  const std::string claim =
      CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
             "e2e-deadline-claim"});
  ASSERT_EQ(claim.size(), 36u);
  const std::string status_file = "/tmp/disposal-e2e-" + std::to_string(port_) + "-status.yaml";
  std::ofstream(status_file) << "status: IN_DISPOSAL\n";

  // Another session holds the claim's row, as a long transaction would.
  pqxx::connection holder(db_.url());
  pqxx::work held(holder);
  held.exec_params("SELECT 1 FROM claims WHERE id = $1::uuid FOR UPDATE", claim);

  CommandResult updated = Ctl({"--timeout", "1", "claim", "update", claim, "-f", status_file,
                               "--version", "1", "--mask", "status"});
  EXPECT_NE(updated.exit_code, 0);
  EXPECT_NE(updated.err.find("DEADLINE_EXCEEDED"), std::string::npos) << updated.err;
  // The server's statement was cancelled with the call: nobody waits on the row any more,
  // though it is still held (the statement bound alone would take five minutes).
  EXPECT_TRUE(NoLockWaitersWithin(60)) << LockWaiters() << " sessions still wait on the lock";
  held.abort();

  CommandResult shown = Ctl({"--output", "json", "claim", "get", claim});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("HELD"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("IN_DISPOSAL"), std::string::npos) << shown.out;
  std::remove(status_file.c_str());
}

// Stopping the server while a call waits on a lock: the drain (here 1 s) cancels the call, but
// its handler would wait on for the statement bound (five minutes). The server ends itself 5 s
// past the drain, and the waiting transaction is rolled back whole.
class StopEndToEnd : public CallDeadlineEndToEnd {
 protected:
  std::vector<std::string> ExtraServerFlags() override {
    std::vector<std::string> flags = CallDeadlineEndToEnd::ExtraServerFlags();
    flags.insert(flags.end(), {"--drain-seconds", DrainSeconds()});
    return flags;
  }
  virtual const char* DrainSeconds() const { return "1"; }

  // A claim, its row held by another session, and a status change (no deadline to speak of:
  // 300 s) waiting on it in a disposalctl of its own.
  void StartAChangeWaitingOnALock() {
    claim_ = CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"),
                    "--request-id", "e2e-stop-claim"});
    ASSERT_EQ(claim_.size(), 36u);
    status_file_ = "/tmp/disposal-e2e-" + std::to_string(port_) + "-stop-status.yaml";
    std::ofstream(status_file_) << "status: IN_DISPOSAL\n";
    holder_ = std::make_unique<pqxx::connection>(db_.url());
    held_ = std::make_unique<pqxx::work>(*holder_);
    held_->exec_params("SELECT 1 FROM claims WHERE id = $1::uuid FOR UPDATE", claim_);
    change_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{kCtlBinary, "--server", Address(), "--token-file",
                                 TokenFile("staff"), "--timeout", "300", "claim", "update", claim_,
                                 "-f", status_file_, "--version", "1", "--mask", "status"},
        log_path_ + ".ctl");
    bool waiting = false;
    for (int i = 0; i < 600 && !waiting; ++i) {
      waiting = LockWaiters() == 1;
      if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(waiting) << ReadFile(log_path_);
  }

  void TearDown() override {
    if (held_) held_->abort();
    std::remove(status_file_.c_str());
    std::remove((log_path_ + ".ctl").c_str());
    CallDeadlineEndToEnd::TearDown();
  }

  std::string claim_, status_file_;
  std::unique_ptr<pqxx::connection> holder_;
  std::unique_ptr<pqxx::work> held_;
  std::unique_ptr<ChildProcess> change_;
};

TEST_F(StopEndToEnd, CallStillWaitingOnTheDatabaseAfterTheDrainIsEndedWithTheProcess) {
  StartAChangeWaitingOnALock();
  // Within a minute, though the statement could wait five.
  EXPECT_EQ(server_->Stop(SIGTERM, 60), 1) << ReadFile(log_path_);
  const std::string log = ReadFile(log_path_);
  EXPECT_NE(log.find("\"event\":\"stop_forced\""), std::string::npos) << log;
  EXPECT_NE(log.find("past the drain"), std::string::npos) << log;
  // The server's transaction ends with its connection (PostgreSQL notices when the lock it
  // waits for is granted): the row is as it was.
  held_->abort();
  held_.reset();
  EXPECT_TRUE(NoLockWaitersWithin(30)) << LockWaiters() << " sessions still wait on the lock";
  EXPECT_EQ(db_.Query("SELECT status FROM claims WHERE id = '" + claim_ + "'"), "held");
}

// With a long drain, the operator's second signal ends the wait at once.
class SecondSignalEndToEnd : public StopEndToEnd {
 protected:
  const char* DrainSeconds() const override { return "300"; }
};

TEST_F(SecondSignalEndToEnd, SecondStopSignalEndsADrainThatWaitsForACall) {
  StartAChangeWaitingOnALock();
  server_->Signal(SIGTERM);
  ASSERT_TRUE(WaitForFileText(log_path_, "\"event\":\"draining\"", 30)) << ReadFile(log_path_);
  EXPECT_EQ(server_->Stop(SIGINT, 30), 1) << ReadFile(log_path_);
  const std::string log = ReadFile(log_path_);
  EXPECT_NE(log.find("\"event\":\"stop_forced\""), std::string::npos) << log;
  EXPECT_NE(log.find("again while stopping"), std::string::npos) << log;
}

}  // namespace
}  // namespace disposal::testing
