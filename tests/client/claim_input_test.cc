#include "client/claim_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/build_paths.h"

namespace disposalctl {
namespace {

using disposal::v1::Claim;

// The repository root (the clone this build was configured from).
std::filesystem::path RepositoryRoot() { return ::disposal::testing::RepoRoot(); }

std::string SeedClaimPath() {
  return (RepositoryRoot() / "deploy" / "examples" / "seed-claim.yaml").string();
}

// A file under the test temp directory, named after the running test, removed at the end.
class ScratchFile {
 public:
  ScratchFile(const std::string& suffix, const std::string& contents) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            (std::string(test->test_suite_name()) + "." + test->name() + "." +
             std::to_string(getpid()) + suffix);
    std::ofstream out(path_, std::ios::binary);
    out << contents;
  }
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

class SeedClaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(SeedClaimPath())) << SeedClaimPath();
    Status status = LoadClaimFile(SeedClaimPath(), &claim_);
    ASSERT_TRUE(status.ok()) << status.message();
  }

  Claim claim_;
};

TEST_F(SeedClaimTest, ReadsTrancheAmountsExactly) {
  ASSERT_EQ(claim_.tranches_size(), 2);
  EXPECT_EQ(claim_.tranches(0).principal().units(), 388658900);
  EXPECT_EQ(claim_.tranches(0).principal().nanos(), 0);
  EXPECT_EQ(claim_.tranches(1).principal().units(), 60000000);
  EXPECT_EQ(claim_.tranches(1).principal().nanos(), 0);
  EXPECT_EQ(claim_.tranches(0).interest().units(), 320366200);
  EXPECT_EQ(claim_.tranches(0).interest().nanos(), 0);
  EXPECT_EQ(claim_.tranches(1).interest().units(), 37425500);
  EXPECT_EQ(claim_.tranches(1).interest().nanos(), 0);
}

TEST_F(SeedClaimTest, ReadsPartiesAndStatus) {
  EXPECT_EQ(claim_.title(), "黑龙江省日出康城房地产开发有限公司债权");
  EXPECT_EQ(claim_.status(), disposal::v1::CLAIM_STATUS_HELD);
  EXPECT_EQ(claim_.currency_code(), "CNY");
  EXPECT_EQ(claim_.debtor().organization().credit_code(), "91230103129876548L");
  EXPECT_EQ(claim_.holder().organization().credit_code(), "912301037563421826");
  EXPECT_TRUE(claim_.holder().organization().financial_institution());
  EXPECT_TRUE(claim_.holder().organization().state_owned());
  EXPECT_FALSE(claim_.debtor().organization().state_owned());
}

TEST_F(SeedClaimTest, ReadsTrancheDatesAndCreditorNames) {
  ASSERT_EQ(claim_.tranches_size(), 2);
  EXPECT_EQ(claim_.tranches(0).interest_cutoff_date().year(), 2021);
  EXPECT_EQ(claim_.tranches(0).interest_cutoff_date().month(), 6);
  EXPECT_EQ(claim_.tranches(0).interest_cutoff_date().day(), 30);
  EXPECT_EQ(claim_.tranches(1).original_creditor(), "德阳银行成都分行");
  EXPECT_EQ(claim_.tranches(1).original_creditor_current_name(), "长城华西银行成都分行");
}

TEST_F(SeedClaimTest, ReadsUnliquidatedPenalty) {
  EXPECT_TRUE(claim_.penalty().has_unliquidated_basis());
  EXPECT_FALSE(claim_.penalty().has_amount());
}

TEST_F(SeedClaimTest, ExpandsTheSharedEncumbranceListForEveryCollateral) {
  ASSERT_EQ(claim_.collateral_size(), 5);
  EXPECT_EQ(claim_.collateral(0).kind(), disposal::v1::COLLATERAL_KIND_RESIDENTIAL);
  EXPECT_EQ(claim_.collateral(2).kind(), disposal::v1::COLLATERAL_KIND_STREET_FRONT_SHOP);
  EXPECT_EQ(claim_.collateral(4).kind(), disposal::v1::COLLATERAL_KIND_UNDERGROUND_PARKING);
  for (const disposal::v1::Collateral& collateral : claim_.collateral()) {
    ASSERT_EQ(collateral.encumbrances_size(), 3);
    EXPECT_EQ(collateral.encumbrances(1).kind(), disposal::v1::ENCUMBRANCE_KIND_TAKEN_IN_PAYMENT);
    EXPECT_EQ(collateral.lien_rank(), 1);
  }
}

TEST_F(SeedClaimTest, ReadsGuaranteesPledgesAndLitigation) {
  ASSERT_EQ(claim_.guarantees_size(), 4);
  EXPECT_EQ(claim_.guarantees(0).guarantor().person().national_id(), "230103196803150315");
  EXPECT_EQ(claim_.guarantees(3).liability(), disposal::v1::LIABILITY_TYPE_JOINT_AND_SEVERAL);
  ASSERT_EQ(claim_.pledges_size(), 1);
  EXPECT_FALSE(claim_.pledges(0).has_pledgor());
  ASSERT_EQ(claim_.litigation_size(), 1);
  EXPECT_EQ(claim_.litigation(0).stage(), disposal::v1::LITIGATION_STAGE_IN_TRIAL);
  EXPECT_EQ(claim_.litigation(0).case_number(), "");
}

TEST(LoadClaimFile, NamesFileThenValuePathInError) {
  ScratchFile file(".yaml", "title: x\ntranches:\n  - principal: 1\n  - principal: 1,23\n");
  Claim claim;
  Status status = LoadClaimFile(file.path(), &claim);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(status.message().rfind(file.path() + ": claim.tranches[1].principal: ", 0), 0u)
      << status.message();
}

TEST(LoadClaimFile, ReadsJsonFile) {
  ScratchFile file(".json", R"({"title": "债权", "tranches": [{"principal": "6000万"}]})");
  Claim claim;
  Status status = LoadClaimFile(file.path(), &claim);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(claim.title(), "债权");
  ASSERT_EQ(claim.tranches_size(), 1);
  EXPECT_EQ(claim.tranches(0).principal().units(), 60000000);
}

TEST(LoadClaimFile, RefusesEmptyFile) {
  ScratchFile file(".yaml", "# nothing here\n");
  Claim claim;
  Status status = LoadClaimFile(file.path(), &claim);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind(file.path() + ": ", 0), 0u) << status.message();
  EXPECT_NE(status.message().find("empty"), std::string::npos) << status.message();
}

TEST(LoadClaimFile, NamesFileOfSyntaxError) {
  ScratchFile file(".json", "{\"title\": }");
  Claim claim;
  Status status = LoadClaimFile(file.path(), &claim);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind(file.path() + ": ", 0), 0u) << status.message();
  EXPECT_NE(status.message().find("line 1"), std::string::npos) << status.message();
}

TEST(LoadClaimFile, NamesMissingFile) {
  std::string path = ::testing::TempDir() + "/no-such-dir/claim.yaml";
  Claim claim;
  Status status = LoadClaimFile(path, &claim);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
}

}  // namespace
}  // namespace disposalctl
