// A change interrupted while in flight: disposalctl, killed by Ctrl-C (SIGINT) or SIGTERM
// before the answer arrives, prints the request id it was sent under, so that the user can
// retry the change safely; a read interrupted prints nothing of the kind. The "server" is a TCP
// listener that accepts the connection and never answers, so the call is certainly in flight when
// the signal comes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class InterruptEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener_, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(listen(listener_, 4), 0);
    socklen_t size = sizeof address;
    ASSERT_EQ(getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size), 0);
    port_ = ntohs(address.sin_port);
    prefix_ = "/tmp/disposal-e2e-interrupt-" + std::to_string(port_);
    std::ofstream(prefix_ + ".token") << "a-token-this-listener-never-reads\n";
  }

  void TearDown() override {
    if (connection_ >= 0) close(connection_);
    if (listener_ >= 0) close(listener_);
    std::remove((prefix_ + ".token").c_str());
    std::remove((prefix_ + ".log").c_str());
  }

  // Runs disposalctl with `args` against the silent listener, waits (bounded) until its call
  // has connected, sends `signal_number`, and returns its exit status; its output is in log().
  int InterruptedCtl(const std::vector<std::string>& args, int signal_number) {
    std::vector<std::string> argv = {kCtlBinary, "--server", "127.0.0.1:" + std::to_string(port_),
                                     "--token-file", prefix_ + ".token"};
    argv.insert(argv.end(), args.begin(), args.end());
    ChildProcess ctl(argv, prefix_ + ".log");
    pollfd incoming{listener_, POLLIN, 0};
    EXPECT_EQ(poll(&incoming, 1, 30'000), 1) << "disposalctl never connected";
    connection_ = accept(listener_, nullptr, nullptr);
    EXPECT_GE(connection_, 0);
    return ctl.Stop(signal_number);
  }

  std::string log() { return ReadFile(prefix_ + ".log"); }

  static std::vector<std::string> CostArgs() {
    return {"cost",          "record",    "--claim", "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182",
            "--amount",      "12,000.00", "--paid",  "2021-07-10",
            "--description", "案件受理费"};
  }

  int listener_ = -1;
  int connection_ = -1;
  int port_ = 0;
  std::string prefix_;
};

TEST_F(InterruptEndToEnd, CtrlCDuringAChangePrintsTheRequestIdToRetryWith) {
  // Killed by the signal, as without the notice: a shell loop of changes stops there.
  EXPECT_EQ(InterruptedCtl(CostArgs(), SIGINT), -1);
  const std::regex retry(
      "may or may not have been made.*rerun with --request-id "
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n");
  EXPECT_TRUE(std::regex_search(log(), retry)) << log();
}

TEST_F(InterruptEndToEnd, TerminatedChangePrintsTheRequestIdToRetryWith) {
  EXPECT_EQ(InterruptedCtl(CostArgs(), SIGTERM), -1);
  EXPECT_NE(log().find("rerun with --request-id "), std::string::npos) << log();
}

TEST_F(InterruptEndToEnd, InterruptedChangeNamesTheUsersOwnRequestId) {
  std::vector<std::string> args = CostArgs();
  args.insert(args.end(), {"--request-id", "cost-0710"});
  EXPECT_EQ(InterruptedCtl(args, SIGINT), -1);
  EXPECT_NE(log().find("rerun with --request-id cost-0710\n"), std::string::npos) << log();
}

TEST_F(InterruptEndToEnd, InterruptedCalendarImportNamesTheImportsIdNotAYears) {
  // Each year goes under "<import id>-<year>", derived again on a rerun: the import's own id
  // is the one to rerun with.
  EXPECT_EQ(InterruptedCtl({"calendar", "import", RepoFile("schema/data/calendar-cn-2021-2026.csv"),
                            "--request-id", "calendar-import-1"},
                           SIGINT),
            -1);
  EXPECT_NE(log().find("rerun with --request-id calendar-import-1\n"), std::string::npos) << log();
}

TEST_F(InterruptEndToEnd, InterruptedRegistryImportSaysImportingTheFileAgainIsSafe) {
  const std::string file = prefix_ + ".csv";
  std::ofstream(file) << "person,11010519491231002X,甲\n";
  EXPECT_EQ(InterruptedCtl({"registry", "import", file}, SIGINT), -1);
  std::remove(file.c_str());
  EXPECT_NE(log().find("nothing of the import was applied unless the whole file had been sent"),
            std::string::npos)
      << log();
  EXPECT_NE(log().find("Importing " + file + " again is safe"), std::string::npos) << log();
}

TEST_F(InterruptEndToEnd, InterruptedTokenCreateSaysToLookForTheTokenByNameAndRevokeIt) {
  EXPECT_EQ(
      InterruptedCtl({"token", "create", "--name", "exchange-7", "--role", "partner"}, SIGINT), -1);
  EXPECT_NE(log().find("may have been created all the same"), std::string::npos) << log();
  EXPECT_NE(log().find("look for \"exchange-7\" in `disposalctl token list` and revoke it"),
            std::string::npos)
      << log();
}

TEST_F(InterruptEndToEnd, InterruptedReadPrintsNoNotice) {
  EXPECT_EQ(InterruptedCtl({"statement", "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182"}, SIGINT), -1);
  EXPECT_EQ(log().find("may or may not"), std::string::npos) << log();
}

}  // namespace
}  // namespace disposal::testing
