// A token or key file other users may read is warned of, as ssh warns of its keys.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "client/global_options.h"

namespace disposalctl {
namespace {

class LooseFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "token-" + std::to_string(getpid());
    std::ofstream(path_) << "dsp_secret\n";
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_;
};

TEST_F(LooseFileTest, AFileOthersMayReadIsWarnedOfWithItsMode) {
  ASSERT_EQ(chmod(path_.c_str(), 0644), 0);
  const std::string warning = LooseFileWarning(path_);
  EXPECT_NE(warning.find("mode 0644"), std::string::npos) << warning;
  EXPECT_NE(warning.find("chmod 600 " + path_), std::string::npos) << warning;
}

TEST_F(LooseFileTest, AFileOnlyItsOwnerMayReadIsNot) {
  ASSERT_EQ(chmod(path_.c_str(), 0600), 0);
  EXPECT_EQ(LooseFileWarning(path_), "");
}

}  // namespace
}  // namespace disposalctl
