// Reads that may go to a real hot standby of the test cluster (auditors' histories and receipts,
// the ledger's totals): served by the standby once it has
// replayed what the primary had when the read began, by the primary otherwise (standby behind,
// unreachable, or not a standby at all), and never staler than the primary either way.
#include "store/replica_reads.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "domain/call_deadline.h"
#include "replica/standby.h"
#include "store/audit_store.h"
#include "store/decision_audit_store.h"
#include "store/ledger_store.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "0b6f7a52-3c3e-4d4e-9a43-7e4b1c2d3e4f";

class ReplicaReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResumeStandbyReplay();  // a test that failed half-way may have left it paused
    ASSERT_TRUE(WaitForStandbyToHold(db_))
        << "the standby never showed " << db_.name() << " (" << StandbyState() << ")";
  }

  void TearDown() override { ResumeStandbyReplay(); }

  // The test's database with `replica_url` for auditors' reads.
  std::unique_ptr<store::Database> Reading(const std::string& replica_url,
                                           std::chrono::milliseconds catch_up_wait) {
    store::DatabaseOptions options;
    options.url = db_.url();
    options.replica.url = replica_url;
    options.replica.catch_up_wait = catch_up_wait;
    return std::make_unique<store::Database>(options);
  }

  // Appends an event to kClaim's chain the way the server does, through audit_append().
  void Append(int version) {
    db_.Query("SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/" +
              std::string(version == 1 ? "CreateClaim" : "UpdateClaim") + "', 'req-" +
              std::to_string(version) + "', 'claim', '" + kClaim + "', " + std::to_string(version) +
              ", '{}')");
  }

  // kClaim's history as an auditor's stream reads it: the head, then the events through it.
  static std::vector<int64_t> VersionsInHistory(store::Database& database) {
    store::PgAuditRepository audit(database);
    const domain::AuditSubjectRef subject{"claim", kClaim};
    Result<std::optional<domain::ChainHead>> head = audit.Head(subject);
    EXPECT_TRUE(head.ok()) << head.error().Message();
    if (!head.ok() || !head.value()) return {};
    Result<domain::AuditPage> page = audit.Page(subject, {}, {}, head.value()->chain_seq, 1000);
    EXPECT_TRUE(page.ok()) << page.error().Message();
    std::vector<int64_t> versions;
    if (page.ok()) {
      for (const domain::AuditRecord& event : page.value().events) {
        versions.push_back(event.subject_version);
      }
    }
    return versions;
  }

  std::string EventsOnStandby() {
    return OnStandby(
        "SELECT count(*) FROM audit_events WHERE subject_id = '" + std::string(kClaim) + "'",
        ReplicaUrlOf(db_.name()));
  }

  // Waits (up to 30 s) until the standby holds `count` of kClaim's events.
  bool WaitForEventsOnStandby(const std::string& count) {
    for (int i = 0; i < 600; ++i) {
      if (EventsOnStandby() == count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  TestDatabase db_;
};

TEST_F(ReplicaReadsTest, HistoryIsReadFromTheStandbyOnceItHasReplayedTheLatestChange) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  for (int version = 1; version <= 3; ++version) Append(version);

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2, 3}));
  const store::ReplicaReadCounts counts = database->replica_read_counts();
  EXPECT_EQ(counts.on_replica, 2u);  // the head and the page
  EXPECT_EQ(counts.replica_behind + counts.replica_unreachable + counts.replica_not_standby, 0u);
}

TEST_F(ReplicaReadsTest, AChangeTheStandbyHasNotReplayedIsReadFromThePrimary) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::milliseconds(100));
  Append(1);
  ASSERT_TRUE(WaitForEventsOnStandby("1"));
  PauseStandbyReplay();
  Append(2);
  ASSERT_EQ(EventsOnStandby(), "1") << "the standby replayed the change while paused";

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(database->replica_read_counts().replica_behind, 2u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
}

TEST_F(ReplicaReadsTest, TheStandbyServesReadsAgainASecondAfterItWasFoundBehind) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(2));
  Append(1);
  ASSERT_TRUE(WaitForEventsOnStandby("1"));
  PauseStandbyReplay();
  Append(2);
  ASSERT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2}));
  ASSERT_EQ(database->replica_read_counts().on_replica, 0u);
  ResumeStandbyReplay();
  ASSERT_TRUE(WaitForEventsOnStandby("2"));

  // Within the second, reads skip it; past it, they are its again. The test cluster is shared
  // with tests running beside this one, whose writes the standby may not have replayed within
  // the 2 s: each such miss skips it for another second, so a few rounds are allowed.
  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2}));
  bool served_by_standby = false;
  for (int round = 0; round < 10 && !served_by_standby; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const uint64_t before = database->replica_read_counts().on_replica;
    EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2}));
    served_by_standby = database->replica_read_counts().on_replica > before;
  }
  EXPECT_TRUE(served_by_standby) << "the standby was skipped for good after it was behind once";
}

TEST_F(ReplicaReadsTest, AStaleStandbyConnectionIsReplacedWithoutLeavingTheStandby) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  Append(1);
  ASSERT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  // The standby ends the pool's idle connections (as a restart would).
  OnStandby("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
            db_.name() + "' AND pid <> pg_backend_pid()");

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().on_replica, 4u);
  EXPECT_EQ(database->replica_read_counts().replica_unreachable, 0u);
}

// After a switch to a new log file an idle primary's insert position lies past the new file's
// header, where a standby that has replayed everything does not report itself. (Meaningful
// when nothing else writes to the cluster: run alone, e.g. ctest -R AfterASwitch. Beside other
// tests the wait is generous, so that their writes replayed late do not fail it.)
TEST_F(ReplicaReadsTest, AnIdlePrimarysPositionAfterASwitchOfLogFileIsReached) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(30));
  Append(1);
  db_.Query("SELECT pg_switch_wal()::text");

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().on_replica, 2u);
  EXPECT_EQ(database->replica_read_counts().replica_behind, 0u);
}

TEST_F(ReplicaReadsTest, AnUnreachableStandbyLeavesReadsToThePrimary) {
  // Port 1: nothing listens there, so connecting is refused at once.
  auto database =
      Reading("postgresql://postgres@127.0.0.1:1/" + db_.name(), std::chrono::seconds(10));
  Append(1);

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().replica_unreachable, 2u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
}

TEST_F(ReplicaReadsTest, AReplicaUrlNamingAPrimaryIsNotReadFrom) {
  auto database = Reading(db_.url(), std::chrono::seconds(10));
  Append(1);

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().replica_not_standby, 2u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
}

TEST_F(ReplicaReadsTest, AStandbyOfAnotherClusterIsNotReadFrom) {
  // In recovery, with the server's role, but its log positions and data are another
  // cluster's: the system identifiers differ.
  ASSERT_EQ(OnStandby("SELECT pg_is_in_recovery()::text", LoneStandbyUrl()), "true");
  auto database = Reading(LoneStandbyUrl(), std::chrono::seconds(10));
  Append(1);

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().replica_other_cluster, 2u);
  EXPECT_EQ(database->replica_read_counts().replica_behind, 0u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
}

TEST_F(ReplicaReadsTest, AStandbyWhoseClusterCannotBeToldIsNotReadFrom) {
  // A hardened installation: the server's role may not read the clusters' system identifiers
  // (in this test's database only: function privileges are per database).
  db_.Query("REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  Append(1);

  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().replica_cluster_unknown, 2u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
}

TEST_F(ReplicaReadsTest, AReadTheStandbyRefusesIsServedByThePrimary) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));

  // A temporary table: a hot standby refuses to create one (read-only transaction).
  Result<int> read = store::InReadTransaction<int>(*database, [](pqxx::work& txn) -> Result<int> {
    txn.exec("CREATE TEMP TABLE scratch (n int) ON COMMIT DROP");
    txn.exec("INSERT INTO scratch VALUES (7)");
    return txn.exec1("SELECT n FROM scratch")[0].as<int>();
  });
  ASSERT_TRUE(read.ok()) << read.error().Message();
  EXPECT_EQ(read.value(), 7);
  EXPECT_EQ(database->replica_read_counts().replica_failed, 1u);
  EXPECT_EQ(database->replica_read_counts().on_replica, 0u);
  // A failed read is not an unreachable standby: the next read goes to it.
  Append(1);
  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1}));
  EXPECT_EQ(database->replica_read_counts().on_replica, 2u);
}

// A client that gave up after 3 s must not leave a standby connection working for it for the
// pool's 10 s: the standby's statements are bound by the call's deadline as the primary's. (3 s
// rather than less: the standby must first replay what the primary had, and the other tests'
// databases on the same cluster keep writing.)
TEST_F(ReplicaReadsTest, AStandbyReadIsBoundByTheCallsDeadline) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  Append(1);
  ASSERT_TRUE(WaitForEventsOnStandby("1"));
  const domain::CallDeadlineScope call(domain::DeadlineClock::now() + std::chrono::seconds(3));
  Result<int> read = store::InReadTransaction<int>(*database, [](pqxx::work& txn) -> Result<int> {
    txn.exec("SELECT pg_sleep(30)");
    return 1;
  });
  ASSERT_FALSE(read.ok()) << "the standby's statement outlived the call";
  EXPECT_EQ(read.error().code, ErrorCode::kDeadlineExceeded) << read.error().Message();
  EXPECT_EQ(database->replica_read_counts().on_replica, 1u) << "not read on the standby";
}

// One caller in a hurry (its deadline ending the wait for the standby) reads from the primary
// alone: the standby is not skipped for the others' reads, as it is when it stays behind
// for the whole catch-up wait.
TEST_F(ReplicaReadsTest, ACallersShortDeadlineDoesNotTurnTheStandbyOffForOthers) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  Append(1);
  ASSERT_TRUE(WaitForEventsOnStandby("1"));
  PauseStandbyReplay();
  Append(2);
  {
    // Its wait ends with its deadline, and so does the call (the primary is not asked after it).
    const domain::CallDeadlineScope call(domain::DeadlineClock::now() +
                                         std::chrono::milliseconds(300));
    store::PgAuditRepository audit(*database);
    (void)audit.Head(domain::AuditSubjectRef{"claim", kClaim});
  }
  ASSERT_EQ(database->replica_read_counts().replica_behind, 1u);
  ASSERT_EQ(database->replica_read_counts().on_replica, 0u);
  ResumeStandbyReplay();
  EXPECT_EQ(VersionsInHistory(*database), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(database->replica_read_counts().on_replica, 2u) << "the standby was skipped";
}

TEST_F(ReplicaReadsTest, DecisionListingsAreReadFromTheStandby) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  store::PgDecisionAuditRepository decisions(*database);
  domain::DecisionFilter filter;
  filter.disposal_id = "5d0c4e1a-2b3c-4d5e-8f60-718293a4b5c6";

  Result<domain::DecisionScan> scan = decisions.ListDecisions(filter, "", 10);
  ASSERT_TRUE(scan.ok()) << scan.error().Message();
  EXPECT_TRUE(scan.value().matched.empty());
  EXPECT_EQ(database->replica_read_counts().on_replica, 1u);
}

TEST_F(ReplicaReadsTest, TheTrialBalancesTotalsAreReadFromTheStandby) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  store::PgLedgerRepository ledger(*database);

  Result<std::vector<domain::AccountTotals>> totals =
      ledger.Totals(domain::Date{2021, 9, 30}, std::nullopt);
  ASSERT_TRUE(totals.ok()) << totals.error().Message();
  EXPECT_TRUE(totals.value().empty());
  EXPECT_EQ(database->replica_read_counts().on_replica, 1u);
}

TEST_F(ReplicaReadsTest, AReceiptMissingOnACaughtUpStandbyIsNotFoundThere) {
  auto database = Reading(ReplicaUrlOf(db_.name()), std::chrono::seconds(10));
  store::PgDecisionAuditRepository decisions(*database);

  Result<domain::DecisionRecord> found =
      decisions.FindDecision("0190f5b2-7c1e-7000-8000-000000000001");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(database->replica_read_counts().on_replica, 1u);
}

}  // namespace
}  // namespace disposal::testing
