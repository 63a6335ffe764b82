// An answer disposalctl cannot write (standard output on a full disk, /dev/full, or a pipe whose
// reader is gone) is a failure, exit status 1 with OUTPUT_FAILED, whatever the call did; a
// change names its request id, and a token whose printed secret was lost says so and how to get
// rid of the token.
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

// The claim is made but its answer is lost: the error names the request id the client chose,
// and a rerun with it answers with the same claim instead of making a second one.
TEST_F(OutputEndToEnd, AChangeWhoseAnswerIsLostNamesItsRequestIdWhichAnswersItAgain) {
  const std::string file = RepoFile("deploy/examples/seed-claim.yaml");
  const CommandResult created = CtlToFullDisk("staff", "claim create -f " + file);
  EXPECT_EQ(created.exit_code, 1) << created.err;
  const std::string marker = "rerun with --request-id ";
  const size_t at = created.err.find(marker);
  ASSERT_NE(at, std::string::npos) << created.err;
  const std::string request_id = created.err.substr(at + marker.size(), 36);
  const std::string again = CtlId({"claim", "create", "-f", file, "--request-id", request_id});
  ASSERT_EQ(again.size(), 36u);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claims"), "1");
  EXPECT_EQ(db_.Query("SELECT id::text FROM claims"), again);
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
