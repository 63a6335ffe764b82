// claim update with --mask: a field the file sets but the mask leaves out keeps the server's
// value, so disposalctl says so rather than let the user think it was sent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "client/claim_actions.h"

namespace disposalctl {
namespace {

// What `claim update --dry-run` says on stderr for a file holding `yaml`, with `mask`.
std::string NoteFor(const std::string& yaml, const std::vector<std::string>& mask) {
  // One file per test and process: the suite's tests run at once, as separate processes, and
  // two runs may share the machine.
  const std::string path = ::testing::TempDir() + "claim-update-mask-" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
                           std::to_string(getpid()) + ".yaml";
  std::ofstream(path) << yaml;
  UpdateClaimOptions options;
  options.id = "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182";
  options.file = path;
  options.version = 3;
  options.mask = mask;
  options.dry_run = true;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const Status status = UpdateClaim(GlobalOptions(), options);
  ::testing::internal::GetCapturedStdout();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(status.ok()) << status.message();
  return err;
}

TEST(ClaimUpdateMask, NamesTheFieldsTheFileSetsThatTheMaskLeavesOut) {
  const std::string note = NoteFor("title: 某债权\nstatus: IN_DISPOSAL\n", {"status"});
  EXPECT_NE(note.find("also sets title, which --mask leaves out: the claim keeps its own"),
            std::string::npos)
      << note;
}

TEST(ClaimUpdateMask, SaysNothingWhenTheMaskCoversWhatTheFileSets) {
  EXPECT_EQ(NoteFor("status: IN_DISPOSAL\nversion: 3\n", {"status"}), "");
}

}  // namespace
}  // namespace disposalctl
