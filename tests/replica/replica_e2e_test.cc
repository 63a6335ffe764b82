// A real disposal-server with --read-database-url naming the test cluster's hot standby, and
// an auditor's disposalctl: histories and chain checks read from the standby, and a change the
// standby has not replayed yet still shown (read from the primary).
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "replica/standby.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kNotUsedLine[] = "\"event\":\"read_replica_not_used\"";

class ReplicaEndToEnd : public ServerFixture {
 protected:
  void SetUp() override {
    ResumeStandbyReplay();
    ServerFixture::SetUp();
    claim_ = CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"),
                    "--request-id", "e2e-replica-claim"});
    ASSERT_EQ(claim_.size(), 36u);
  }

  void TearDown() override {
    ResumeStandbyReplay();
    ServerFixture::TearDown();
  }

  // The standby must hold the database before the server first reads from it.
  std::vector<std::string> ExtraServerFlags() override {
    EXPECT_TRUE(WaitForStandbyToHold(db_))
        << "the standby never showed " << db_.name() << " (" << StandbyState() << ")";
    metrics_port_ = FreeTcpPort();
    return {"--read-database-url", ReplicaUrlOf(db_.name()),
            "--read-catch-up-ms",  CatchUpMillis(),
            "--metrics-listen",    "127.0.0.1:" + std::to_string(metrics_port_)};
  }

  // Auditors' reads the standby served so far, by the server's own count.
  int64_t ReadsOnTheStandby() {
    return MetricValue(HttpGet(metrics_port_, "/metrics"),
                       "disposal_auditor_reads_total{served_by=\"replica\",reason=\"\"}");
  }

  // The most the server allows: the standby replays the writes of the tests running beside
  // this one too, and a read that finds it behind for longer goes to the primary, which these
  // tests count as a miss.
  virtual std::string CatchUpMillis() { return "10000"; }

  // Marks the claim in disposal: its second event.
  void UpdateClaim() {
    const std::string status_file = "/tmp/disposal-e2e-" + std::to_string(port_) + "-status.yaml";
    std::ofstream(status_file) << "status: IN_DISPOSAL\n";
    CommandResult updated =
        Ctl({"claim", "update", claim_, "-f", status_file, "--version", "1", "--mask", "status"});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
  }

  std::string claim_;
  int metrics_port_ = 0;
};

TEST_F(ReplicaEndToEnd, AuditorsHistoryAndChainCheckAreReadFromTheStandby) {
  UpdateClaim();

  CommandResult history = CtlAs("auditor", {"audit", "history", claim_});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("UpdateClaim"), std::string::npos) << history.out;
  CommandResult checked = CtlAs("auditor", {"audit", "check", claim_});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("ok: 2 events"), std::string::npos) << checked.out;
  EXPECT_EQ(ReadFile(log_path_).find(kNotUsedLine), std::string::npos) << ReadFile(log_path_);
  // The server's own connections to the standby, held open by its pool once used.
  EXPECT_NE(OnStandby("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db_.name() +
                      "' AND pid <> pg_backend_pid()"),
            "0");
}

TEST_F(ReplicaEndToEnd, AnAuditorReplaysADecisionWhoseReceiptIsReadFromTheStandby) {
  const std::string disposal =
      CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"), "--claim",
             claim_, "--request-id", "e2e-replica-disposal"});
  ASSERT_EQ(disposal.size(), 36u);
  CommandResult checked = Ctl({"--output", "json", "eligibility", "check", disposal, "--person",
                               "230103196803150315", "--name", "股东甲（示例）"});
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  const std::string decision = JsonString(checked.out, "decision_id");
  const int64_t before = ReadsOnTheStandby();
  ASSERT_GE(before, 0) << "no count of the standby's reads";
  const CommandResult replayed = ReplayOnceWritten(decision);
  EXPECT_EQ(replayed.exit_code, 0) << replayed.err << replayed.out;
  EXPECT_NE(replayed.out.find("same"), std::string::npos) << replayed.out;
  EXPECT_EQ(ReadFile(log_path_).find(kNotUsedLine), std::string::npos) << ReadFile(log_path_);
  EXPECT_GT(ReadsOnTheStandby(), before) << "the receipt was not read on the standby";
}

class PausedReplicaEndToEnd : public ReplicaEndToEnd {
 protected:
  std::string CatchUpMillis() override { return "100"; }
};

TEST_F(PausedReplicaEndToEnd, AChangeTheStandbyHasNotReplayedIsStillInTheAuditorsHistory) {
  PauseStandbyReplay();
  UpdateClaim();

  CommandResult history = CtlAs("auditor", {"audit", "history", claim_});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("UpdateClaim"), std::string::npos) << history.out;
  EXPECT_TRUE(WaitForFileText(log_path_, "\"reason\":\"behind\"", 5)) << ReadFile(log_path_);
}

}  // namespace
}  // namespace disposal::testing
