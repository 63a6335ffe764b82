#include "client/disposal_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/build_paths.h"

namespace disposalctl {
namespace {

using disposal::v1::Disposal;

std::filesystem::path RepositoryRoot() { return ::disposal::testing::RepoRoot(); }

std::string SeedDisposalPath() {
  return (RepositoryRoot() / "deploy" / "examples" / "seed-disposal.yaml").string();
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

// Three lots: the first without a claim id, the second with one, the third with an
// empty one and no tranche.
constexpr char kThreeLots[] =
    "title: 测试处置\n"
    "lots:\n"
    "  - tranche_number: 1\n"
    "  - claim_id: claim-in-file\n"
    "    tranche_number: 2\n"
    "  - claim_id: \"\"\n";

TEST(LoadDisposalFile, FillsEveryLotWithoutAClaimFromTheClaimOption) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "claim-from-option", &disposal);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(disposal.lots_size(), 3);
  EXPECT_EQ(disposal.lots(0).claim_id(), "claim-from-option");
  EXPECT_EQ(disposal.lots(2).claim_id(), "claim-from-option");
}

// `disposal update --mask window_working_days` sends no lots: a lot without its claim in the
// file is no reason to refuse it.
TEST(LoadDisposalFile, LotsNotSentAreNotAskedForTheirClaims) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  const Status status = LoadDisposalFile(file.path(), "", &disposal, /*lots_sent=*/false);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(disposal.lots(0).claim_id(), "");
}

TEST(LoadDisposalFile, LotsSentWithoutTheirClaimAreRefusedNamingTheLot) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  const Status status = LoadDisposalFile(file.path(), "", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("disposal.lots[0].claim_id is empty"), std::string::npos)
      << status.message();
}

TEST(LoadDisposalFile, KeepsAClaimIdGivenInTheFile) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  ASSERT_TRUE(LoadDisposalFile(file.path(), "claim-from-option", &disposal).ok());
  ASSERT_EQ(disposal.lots_size(), 3);
  EXPECT_EQ(disposal.lots(1).claim_id(), "claim-in-file");
}

// A file reused as a template names its old claim in every lot: the --claim given for the new
// one would go unused and the draft offer the old claim.
TEST(LoadDisposalFile, RefusesAClaimOptionNoLotTakesNamingBothClaims) {
  ScratchFile file(".json",
                   R"({"title": "t", "lots": [{"claim_id": "old"}, {"claim_id": "old"}]})");
  Disposal disposal;
  const Status status = LoadDisposalFile(file.path(), "new", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("names old"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("--claim new"), std::string::npos) << status.message();
}

// A script that always passes --claim, with a template already naming that claim.
TEST(LoadDisposalFile, AcceptsAClaimOptionNamingTheClaimEveryLotNames) {
  ScratchFile file(".json", R"({"title": "t", "lots": [{"claim_id": "same"}]})");
  Disposal disposal;
  const Status status = LoadDisposalFile(file.path(), "same", &disposal);
  EXPECT_TRUE(status.ok()) << status.message();
}

TEST(LoadDisposalFile, KeepsTrancheNumbersAndTheirAbsence) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  ASSERT_TRUE(LoadDisposalFile(file.path(), "c", &disposal).ok());
  ASSERT_EQ(disposal.lots_size(), 3);
  ASSERT_TRUE(disposal.lots(0).has_tranche_number());
  EXPECT_EQ(disposal.lots(0).tranche_number(), 1);
  ASSERT_TRUE(disposal.lots(1).has_tranche_number());
  EXPECT_EQ(disposal.lots(1).tranche_number(), 2);
  EXPECT_FALSE(disposal.lots(2).has_tranche_number());
  EXPECT_EQ(disposal.title(), "测试处置");
}

TEST(LoadDisposalFile, RefusesALotWithoutClaimWhenNoClaimOptionNamingTheLot) {
  ScratchFile file(".yaml", kThreeLots);
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
  EXPECT_EQ(status.message(), file.path() +
                                  ": disposal.lots[0].claim_id is empty; give it in the file or "
                                  "pass --claim ID");
}

TEST(LoadDisposalFile, NamesTheFirstLotStillWithoutClaim) {
  ScratchFile file(".json",
                   R"({"title": "t", "lots": [{"claim_id": "a"}, {"claim_id": "b"}, {}]})");
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), file.path() +
                                  ": disposal.lots[2].claim_id is empty; give it in the file or "
                                  "pass --claim ID");
}

TEST(LoadDisposalFile, AcceptsLotsThatAllNameTheirClaimWithoutTheClaimOption) {
  ScratchFile file(".json", R"({"title": "t", "lots": [{"claim_id": "a"}, {"claim_id": "b"}]})");
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "", &disposal);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(disposal.lots_size(), 2);
  EXPECT_EQ(disposal.lots(0).claim_id(), "a");
  EXPECT_EQ(disposal.lots(1).claim_id(), "b");
}

TEST(LoadDisposalFile, AcceptsADisposalWithoutLots) {
  ScratchFile file(".yaml", "title: t\n");
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "", &disposal);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(disposal.lots_size(), 0);
}

TEST(LoadDisposalFile, RefusesAnEmptyFileNamingIt) {
  ScratchFile file(".yaml", "");
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "c", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), file.path() + ": empty; expected a disposal");
}

TEST(LoadDisposalFile, RefusesAMissingFileNamingIt) {
  Disposal disposal;
  std::string path =
      (std::filesystem::path(::testing::TempDir()) / "no-such-disposal.yaml").string();
  Status status = LoadDisposalFile(path, "c", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind(path + ": ", 0), 0u) << status.message();
}

TEST(LoadDisposalFile, NamesTheBadValueByItsPath) {
  ScratchFile file(".yaml", "title: t\nlots:\n  - claim_id: a\n    reserve_price: 1,23\n");
  Disposal disposal;
  Status status = LoadDisposalFile(file.path(), "c", &disposal);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind(file.path() + ": disposal.lots[0].reserve_price: ", 0), 0u)
      << status.message();
}

class SeedDisposalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(SeedDisposalPath())) << SeedDisposalPath();
    Status status = LoadDisposalFile(SeedDisposalPath(), "seed-claim-id", &disposal_);
    ASSERT_TRUE(status.ok()) << status.message();
  }

  Disposal disposal_;
};

TEST_F(SeedDisposalTest, GivesBothTranchesTheClaimOption) {
  ASSERT_EQ(disposal_.lots_size(), 2);
  EXPECT_EQ(disposal_.lots(0).claim_id(), "seed-claim-id");
  EXPECT_EQ(disposal_.lots(0).tranche_number(), 1);
  EXPECT_EQ(disposal_.lots(1).claim_id(), "seed-claim-id");
  EXPECT_EQ(disposal_.lots(1).tranche_number(), 2);
}

TEST_F(SeedDisposalTest, ReadsMethodsTermsWindowAndValidity) {
  ASSERT_EQ(disposal_.methods_size(), 6);
  EXPECT_EQ(disposal_.methods(0), disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION);
  EXPECT_EQ(disposal_.methods(4), disposal::v1::DISPOSAL_METHOD_SEPARATE_LISTING);
  EXPECT_EQ(disposal_.methods(5), disposal::v1::DISPOSAL_METHOD_OTHER);
  ASSERT_EQ(disposal_.payment_terms_size(), 2);
  EXPECT_EQ(disposal_.payment_terms(1), disposal::v1::PAYMENT_TERM_INSTALMENTS);
  EXPECT_EQ(disposal_.window_working_days(), 20);
  EXPECT_EQ(disposal_.validity_months(), 12);
  EXPECT_EQ(disposal_.deposit().units(), 0);
  EXPECT_EQ(disposal_.deposit().nanos(), 0);
  EXPECT_FALSE(disposal_.has_reserve_price());
}

TEST_F(SeedDisposalTest, ReadsChannelsAndContacts) {
  ASSERT_EQ(disposal_.channels_size(), 2);
  EXPECT_EQ(disposal_.channels(0).kind(), disposal::v1::CHANNEL_KIND_WEBSITE);
  EXPECT_EQ(disposal_.channels(0).name(), "http://www.gwamcc.com");
  EXPECT_EQ(disposal_.channels(1).level(), disposal::v1::NEWSPAPER_LEVEL_PROVINCIAL);
  ASSERT_EQ(disposal_.contact_details().contacts_size(), 2);
  EXPECT_EQ(disposal_.contact_details().contacts(1).name(), "赵先生");
  EXPECT_EQ(disposal_.contact_details().postcode(), "150001");
  EXPECT_EQ(disposal_.contact_details().supervisory_contact().phones(0), "0451-53622431");
}

}  // namespace
}  // namespace disposalctl
