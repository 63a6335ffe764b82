// An update from a file names its subject twice, in the file and on the command line: the two
// must agree, or the file is another claim's or disposal's, or was read at another version.
#include <gtest/gtest.h>

#include "client/message_file.h"

namespace disposalctl {
namespace {

constexpr char kId[] = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

TEST(CheckFileNamesTheSame, AFileNamingNeitherIdNorVersionAgrees) {
  EXPECT_TRUE(CheckFileNamesTheSame("draft.yaml", "disposal", "", 0, kId, 3).ok());
}

TEST(CheckFileNamesTheSame, AFileOfAnotherSubjectIsRefusedNamingBoth) {
  const Status status = CheckFileNamesTheSame("draft.yaml", "disposal",
                                              "00000000-0000-4000-8000-000000000001", 0, kId, 3);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("draft.yaml holds disposal 00000000-0000-4000-8000-000000000001, "
                                  "not the disposal named on the command line, " +
                                  std::string(kId)),
            std::string::npos)
      << status.message();
}

TEST(CheckFileNamesTheSame, AFileReadAtAnotherVersionIsRefusedNamingBoth) {
  const Status status = CheckFileNamesTheSame("claim.json", "claim", kId, 2, kId, 3);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("claim.json says version 2 but --version is 3"),
            std::string::npos)
      << status.message();
  EXPECT_TRUE(CheckFileNamesTheSame("claim.json", "claim", kId, 3, kId, 3).ok());
}

}  // namespace
}  // namespace disposalctl
