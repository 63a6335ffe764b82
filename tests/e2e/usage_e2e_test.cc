// disposalctl's command line, with the real binary and no server: what it refuses before it
// sends anything (exit status 2, the option named).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/process.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

// No server listens there: a command that got past its checks would fail to connect (1).
CommandResult CtlWithoutServer(std::vector<std::string> args) {
  args.insert(args.begin(), {kCtlBinary, "--server", "127.0.0.1:" + std::to_string(FreeTcpPort()),
                             "--timeout", "2"});
  return RunCommand(args);
}

// A script whose variable is empty must not have its retry choose a new request id.
TEST(UsageEndToEnd, AnEmptyRequestIdIsRefusedNotTakenAsLeftOut) {
  const CommandResult ran =
      CtlWithoutServer({"payment", "record", "--claim", "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182",
                        "--amount", "5", "--received", "2021-10-15", "--request-id", ""});
  EXPECT_EQ(ran.exit_code, 2) << ran.err;
  EXPECT_NE(ran.err.find("--request-id: an empty value"), std::string::npos) << ran.err;
}

TEST(UsageEndToEnd, AnEmptyDepositToKeepIsRefusedNotTakenAsNone) {
  const CommandResult ran =
      CtlWithoutServer({"outcome", "rescind", "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182", "--memo",
                        "买受人违约", "--forfeit-deposit", ""});
  EXPECT_EQ(ran.exit_code, 2) << ran.err;
  EXPECT_NE(ran.err.find("--forfeit-deposit: an empty value"), std::string::npos) << ran.err;
}

// Leaving a required option out is refused too: the refusal must not advise it.
TEST(UsageEndToEnd, AnEmptyRequiredOptionIsRefusedAsNeedingAValue) {
  const CommandResult ran = CtlWithoutServer({"ledger", "reverse", "22", "--memo", ""});
  EXPECT_EQ(ran.exit_code, 2) << ran.err;
  EXPECT_NE(ran.err.find("--memo: an empty value; it needs one"), std::string::npos) << ran.err;
}

}  // namespace
}  // namespace disposal::testing
