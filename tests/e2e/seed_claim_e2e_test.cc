// The real disposal-server and disposalctl, as processes, against a fresh database.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/server_fixture.h"
#include "support/tcp_proxy.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

const std::string kServer = kServerBinary;
const std::string kCtl = kCtlBinary;
const std::string kSeedFile = RepoFile("deploy/examples/seed-claim.yaml");

class SeedClaimEndToEnd : public ServerFixture {
 protected:
  // The id printed by `claim create --output json`.
  std::string CreateSeed(const std::string& request_id) {
    return CtlId({"claim", "create", "-f", kSeedFile, "--request-id", request_id});
  }
};

TEST_F(SeedClaimEndToEnd, StatementShowsBothTranchesAndTheNoticeFigures) {
  const std::string id = CreateSeed("e2e-seed");
  ASSERT_EQ(id.size(), 36u);
  CommandResult shown = Ctl({"claim", "get", id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  for (const char* expected :
       {"中航信托股份有限公司", "长城华西银行成都分行", "448,658,900.00", "357,791,700.00",
        "806,450,600.00", "44865.89", "35779.17", "80645.06", "388,658,900.00", "60,000,000.00",
        "黑龙江省高级人民法院"}) {
    EXPECT_NE(shown.out.find(expected), std::string::npos) << expected << "\n" << shown.out;
  }
  EXPECT_NE(shown.out.find("court"), std::string::npos) << shown.out;
}

TEST_F(SeedClaimEndToEnd, LoadingTheSeedTwiceWithOneRequestIdKeepsOneClaim) {
  const std::string first = CreateSeed("e2e-twice");
  const std::string second = CreateSeed("e2e-twice");
  EXPECT_EQ(first, second);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claims"), "1");
}

TEST_F(SeedClaimEndToEnd, ListShowsTheClaimInATable) {
  const std::string id = CreateSeed("e2e-list");
  CommandResult listed = Ctl({"claim", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(id), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("80645.06"), std::string::npos) << listed.out;
}

TEST_F(SeedClaimEndToEnd, FailureExitsNonZeroWithOneLineNamingTheCode) {
  CommandResult missing = Ctl({"claim", "get", "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("NOT_FOUND"), std::string::npos) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
}

TEST_F(SeedClaimEndToEnd, AMisspeltCommandIsNamedWithTheCommandsThereAre) {
  CommandResult typo = Ctl({"claim", "lst"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("\"lst\" is not a command of disposalctl claim; it has: create, get, "
                          "list, update"),
            std::string::npos)
      << typo.err;
}

// A stray word after a full command is not taken for a misspelt command: the command's own
// error (here a required option) is the one shown.
TEST_F(SeedClaimEndToEnd, AStrayWordAfterACommandLeavesItsOwnErrorShown) {
  CommandResult stray = Ctl({"ledger", "reverse", "42", "extra"});
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_NE(stray.err.find("--memo is required"), std::string::npos) << stray.err;
}

TEST_F(SeedClaimEndToEnd, UnreachableServerIsReportedAsUnavailable) {
  CommandResult result =
      RunCommand({kCtl, "--server", "127.0.0.1:" + std::to_string(FreeTcpPort()), "--token-file",
                  TokenFile("staff"), "--timeout", "2", "claim", "list"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("UNAVAILABLE"), std::string::npos) << result.err;
}

// An independent client (Python grpcio) sees health checking and reflection.
CommandResult Probe(const std::string& address, const std::string& what) {
  return RunCommand({"/usr/bin/python3", RepoFile("tests/e2e/grpc_probe.py"), address, what});
}

TEST_F(SeedClaimEndToEnd, HealthCheckReportsServingOnceTheIndexIsLoaded) {
  // NOT_SERVING is right until the eligibility index has loaded; wait for it, bounded.
  CommandResult health;
  for (int attempt = 0; attempt < 50; ++attempt) {
    health = Probe(Address(), "health");
    if (health.out == "SERVING\n") break;
    usleep(100'000);
  }
  ASSERT_EQ(health.exit_code, 0) << health.err;
  EXPECT_EQ(health.out, "SERVING\n");
}

// Reflection takes no token: it is served only when asked for.
TEST_F(SeedClaimEndToEnd, ReflectionIsNotServedByDefault) {
  CommandResult services = Probe(Address(), "reflection");
  EXPECT_NE(services.exit_code, 0) << services.out;
  EXPECT_NE(services.err.find("UNIMPLEMENTED"), std::string::npos) << services.err;
  EXPECT_EQ(services.out.find("disposal.v1.ClaimService"), std::string::npos) << services.out;
}

class ReflectionEndToEnd : public ServerFixture {
 protected:
  std::vector<std::string> ExtraServerFlags() override { return {"--reflection"}; }
};

TEST_F(ReflectionEndToEnd, ReflectionAskedForListsTheClaimService) {
  CommandResult services = Probe(Address(), "reflection");
  ASSERT_EQ(services.exit_code, 0) << services.err;
  EXPECT_NE(services.out.find("disposal.v1.ClaimService"), std::string::npos) << services.out;
  EXPECT_NE(services.out.find("grpc.health.v1.Health"), std::string::npos) << services.out;
}

TEST_F(SeedClaimEndToEnd, SigtermStopsTheServerCleanly) {
  EXPECT_EQ(server_->Stop(SIGTERM), 0) << ReadFile(log_path_);
  EXPECT_NE(ReadFile(log_path_).find("\"stopped\""), std::string::npos) << ReadFile(log_path_);
}

// A second server on a port in use fails to start rather than share it and take half the calls.
TEST_F(SeedClaimEndToEnd, ASecondServerOnAPortInUseFailsToStart) {
  CommandResult second =
      RunCommand({kServerBinary, "--listen", Address(), "--database-url", db_.url()}, 30);
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_NE(second.err.find("listen_failed"), std::string::npos) << second.err;
  EXPECT_EQ(Ctl({"claim", "list"}).exit_code, 0) << "the first server stopped serving";
}

// Waiting for a database that is not there, the server still answers an operator's SIGTERM
// (it would otherwise wait out --database-wait-seconds).
TEST(StartUpEndToEnd, SigtermWhileWaitingForTheDatabaseStopsTheServer) {
  const int database_port = FreeTcpPort();  // nothing listens there
  const int port = FreeTcpPort();
  const std::string log = "/tmp/disposal-e2e-startup-" + std::to_string(port) + ".log";
  ChildProcess server(
      {kServerBinary, "--listen", "127.0.0.1:" + std::to_string(port), "--database-url",
       "postgresql://postgres@127.0.0.1:" + std::to_string(database_port) + "/disposal",
       "--database-wait-seconds", "300"},
      log);
  // Its first failed attempt to connect is logged, after it has blocked the signals.
  ASSERT_TRUE(WaitForFileText(log, "\"event\":\"waiting_for_database\"", 60)) << ReadFile(log);
  EXPECT_EQ(server.Stop(SIGTERM, 10), 0) << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("stopped_while_waiting_for_database"), std::string::npos)
      << ReadFile(log);
}

// A URL libpq cannot parse is named at once, not waited on as an unreachable database, and what
// libpq quotes from it (here the password, with a stray '%' and a quote of its own) is not
// repeated in the log.
TEST(StartUpEndToEnd, UnparseableDatabaseUrlIsRefusedAtOnceNamingTheSettingNotThePassword) {
  const int database_port = FreeTcpPort();
  CommandResult started = RunCommand(
      {kServerBinary, "--listen", "127.0.0.1:" + std::to_string(FreeTcpPort()), "--database-url",
       "postgresql://app:hun\"ter2%zz@127.0.0.1:" + std::to_string(database_port) + "/disposal",
       "--database-wait-seconds", "300"},
      60);
  EXPECT_EQ(started.exit_code, 2) << started.err;
  EXPECT_NE(started.err.find("--database-url"), std::string::npos) << started.err;
  EXPECT_NE(started.err.find("percent-encoded"), std::string::npos) << started.err;
  EXPECT_EQ(started.err.find("hun"), std::string::npos) << started.err;
  EXPECT_EQ(started.err.find("ter2"), std::string::npos) << started.err;
}

int PortOf(const std::string& url) {
  const size_t colon = url.rfind(':');
  return std::stoi(url.substr(colon + 1, url.rfind('/') - colon - 1));
}

// The server reaches PostgreSQL through a proxy the test cuts and restores.
TEST(DatabaseOutageEndToEnd, ServerAnswersUnavailableWhileDatabaseIsDownAndRecoversWithoutRestart) {
  TestDatabase db;
  TcpProxy proxy(PortOf(db.url()));
  const int port = FreeTcpPort();
  const std::string address = "127.0.0.1:" + std::to_string(port);
  const std::string log = "/tmp/disposal-e2e-outage-" + std::to_string(port) + ".log";
  const std::string token = MakeTokenFile(
      db.url(), "staff", "/tmp/disposal-e2e-outage-" + std::to_string(port) + ".token");
  ChildProcess server(
      {kServer, "--listen", address, "--database-url",
       "postgresql://postgres@127.0.0.1:" + std::to_string(proxy.port()) + "/" + db.name()},
      log);
  ASSERT_TRUE(WaitForPort(port, 30)) << ReadFile(log);
  auto list = [&] {
    return RunCommand({kCtl, "--server", address, "--token-file", token, "claim", "list"});
  };
  ASSERT_EQ(list().exit_code, 0);

  proxy.Cut();
  CommandResult down = list();
  EXPECT_NE(down.exit_code, 0);
  EXPECT_NE(down.err.find("UNAVAILABLE"), std::string::npos) << down.err;

  // The health watcher polls every 2 s; wait for it to notice, bounded.
  std::string health;
  for (int attempt = 0; attempt < 50 && health != "NOT_SERVING\n"; ++attempt) {
    health = Probe(address, "health").out;
    if (health != "NOT_SERVING\n") usleep(100'000);
  }
  EXPECT_EQ(health, "NOT_SERVING\n");

  proxy.Restore();
  CommandResult back = list();
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace disposal::testing
