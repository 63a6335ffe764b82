// An answer disposalctl cannot write (standard output on a full disk, /dev/full, or a pipe whose
// reader is gone) is a failure,
// exit status 1 with OUTPUT_FAILED, whatever the call did; a token whose printed secret was
// lost says so and how to get rid of the token.
#include <string>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class OutputEndToEnd : public ServerFixture {
 protected:
  // disposalctl as `role` with `args`, its standard output sent to /dev/full.
  CommandResult CtlToFullDisk(const std::string& role, const std::string& args) {
    return RunCommand({"/bin/sh", "-c",
                       kCtlBinary + " --server " + Address() + " --token-file " + TokenFile(role) +
                           " " + args + " > /dev/full"});
  }
};

TEST_F(OutputEndToEnd, AnAnswerThatCannotBeWrittenExitsOneWithOutputFailed) {
  const CommandResult listed = CtlToFullDisk("staff", "calendar show 2021");
  EXPECT_EQ(listed.exit_code, 1) << listed.err;
  EXPECT_NE(listed.err.find("OUTPUT_FAILED"), std::string::npos) << listed.err;
}

TEST_F(OutputEndToEnd, ATokenWhosePrintedSecretIsLostSaysToRevokeIt) {
  const CommandResult created =
      CtlToFullDisk("admin", "token create --name lost.secret --role staff");
  EXPECT_EQ(created.exit_code, 1) << created.err;
  EXPECT_NE(created.err.find("secret is lost"), std::string::npos) << created.err;
  EXPECT_NE(created.err.find("disposalctl token revoke"), std::string::npos) << created.err;
}

TEST_F(OutputEndToEnd, ATokenPrintedIntoAClosedPipeSaysItsSecretIsLost) {
  // The reader is gone before the answer comes: a write to the pipe fails (no SIGPIPE death).
  const CommandResult created =
      RunCommand({"/bin/bash", "-c",
                  "set -o pipefail; " + kCtlBinary + " --server " + Address() + " --token-file " +
                      TokenFile("admin") + " token create --name closed.pipe --role staff | true"});
  EXPECT_EQ(created.exit_code, 1) << created.err;
  EXPECT_NE(created.err.find("secret is lost"), std::string::npos) << created.err;
}

}  // namespace
}  // namespace disposal::testing
