// A client's deadline through the real server and disposalctl: a change that waits on a lock
// past the client's --timeout is given up by the server too, not left waiting (holding a
// connection) for the database's own statement bound of 10 s, and writes nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
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

}  // namespace
}  // namespace disposal::testing
