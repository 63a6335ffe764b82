// A partner's view through disposalctl against a real disposal-server: the registry imported,
// the seed disposal's bidders checked one by one and in a batch, with explained decisions.
#include <fstream>
#include <pqxx/pqxx>

#include "domain/identifiers.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

std::string PersonId(const std::string& birth, int serial) {
  std::string serial_text = std::to_string(serial);
  std::string first17 = "230103" + birth + std::string(3 - serial_text.size(), '0') + serial_text;
  return first17 + domain::NationalIdCheckCharacter(first17);
}

class EligibilityEndToEnd : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    const std::string claim =
        CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
               "e2e-claim"});
    claim_ = claim;
    disposal_ = CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"),
                       "--claim", claim, "--request-id", "e2e-disposal"});
    ASSERT_EQ(disposal_.size(), 36u);
    // Partners check bidders against published notices only.
    CommandResult published = Ctl({"disposal", "publish", disposal_, "--date", "2021-07-28"});
    ASSERT_EQ(published.exit_code, 0) << published.err;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + name;
    std::ofstream(path) << text;
    return path;
  }

  std::string claim_;
  std::string disposal_;
  const std::string appraiser_ = PersonId("19750101", 1);
  const std::string bystander_ = PersonId("19800101", 2);
};

TEST_F(EligibilityEndToEnd, AppraiserEngagedOnTheSeedDisposalIsIneligibleWithTheRule) {
  const std::string csv = "person," + appraiser_ + ",评估师甲\nengagement," + disposal_ + "," +
                          appraiser_ + ",appraiser\n";
  CommandResult imported = CtlAs("admin", {"registry", "import", WriteFile("registry.csv", csv)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;

  CommandResult checked = Ctl({"--output", "json", "eligibility", "check", disposal_, "--person",
                               appraiser_, "--name", "评估师甲"});
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("ELIGIBILITY_OUTCOME_INELIGIBLE"), std::string::npos) << checked.out;
  EXPECT_NE(checked.out.find("excl.6.intermediary"), std::string::npos) << checked.out;
  EXPECT_FALSE(JsonString(checked.out, "decision_id").empty()) << checked.out;

  CommandResult other = Ctl({"--output", "json", "eligibility", "check", disposal_, "--person",
                             bystander_, "--name", "投资者乙"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.out.find("ELIGIBILITY_OUTCOME_ELIGIBLE"), std::string::npos) << other.out;
}

// The whole file is sent, then the server waits (here on a lock the test holds) past the
// client's deadline: the import may yet be applied, and the client says so and how to check.
TEST_F(EligibilityEndToEnd, AnImportTimingOutAfterTheWholeFileWasSentSaysItMayHaveBeenApplied) {
  const std::string csv = "person," + bystander_ + ",投资者乙\n";
  const std::string file = WriteFile("late.csv", csv);
  pqxx::connection holder(db_.url());
  pqxx::work held(holder);
  held.exec("LOCK TABLE registry_persons IN ACCESS EXCLUSIVE MODE");
  CommandResult imported = CtlAs("admin", {"registry", "import", file, "--timeout", "2"});
  held.abort();
  EXPECT_EQ(imported.exit_code, 1) << imported.err;
  EXPECT_NE(imported.err.find("DEADLINE_EXCEEDED"), std::string::npos) << imported.err;
  EXPECT_NE(imported.err.find("may have been applied"), std::string::npos) << imported.err;
  EXPECT_NE(imported.err.find("audit history --registry --kind ImportRegistry"), std::string::npos)
      << imported.err;
}

// A partner learns why a bidder is refused, not who the persons behind it are: the AMC officer
// on the disposal reached through the bidder's spouse is masked for it, whole for the staff.
TEST_F(EligibilityEndToEnd, APartnerSeesOtherPersonsMaskedAndStaffSeeThemWhole) {
  const std::string csv = "person," + appraiser_ + ",评估师甲\nperson," + bystander_ +
                          ",投资者乙\nrelation," + bystander_ + ",spouse," + appraiser_ +
                          "\nengagement," + disposal_ + "," + appraiser_ + ",amc_staff\n";
  CommandResult imported = CtlAs("admin", {"registry", "import", WriteFile("spouse.csv", csv)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  const std::vector<std::string> check = {"--output", "json",    "eligibility",
                                          "check",    disposal_, "--person",
                                          bystander_, "--name",  "投资者乙"};
  CommandResult partner = CtlAs("partner", check);
  ASSERT_EQ(partner.exit_code, 0) << partner.err;
  EXPECT_NE(partner.out.find("ELIGIBILITY_OUTCOME_INELIGIBLE"), std::string::npos) << partner.out;
  EXPECT_EQ(partner.out.find(appraiser_), std::string::npos) << partner.out;
  EXPECT_EQ(partner.out.find("评估师甲"), std::string::npos) << partner.out;
  EXPECT_NE(partner.out.find(appraiser_.substr(0, 3) + "*************" + appraiser_.substr(16)),
            std::string::npos)
      << partner.out;
  CommandResult staff = Ctl(check);
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  EXPECT_NE(staff.out.find(appraiser_), std::string::npos) << staff.out;
  EXPECT_NE(staff.out.find("评估师甲"), std::string::npos) << staff.out;
}

// A draft's terms may still change and its existence is the AMC's own: a partner's check
// against it is answered as one against an id that names nothing, word for word; the staff
// may check against it.
TEST_F(EligibilityEndToEnd, APartnerCannotTellADraftFromAnUnknownIdAndTheStaffIsAnswered) {
  const std::string draft =
      CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"), "--claim",
             claim_, "--request-id", "e2e-draft"});
  ASSERT_EQ(draft.size(), 36u);
  const std::string unknown = "0f0e0d0c-0b0a-4908-8706-050403020100";
  auto check_against = [&](const std::string& disposal) {
    return std::vector<std::string>{"eligibility", "check",  disposal,  "--person",
                                    bystander_,    "--name", "投资者乙"};
  };
  CommandResult partner = CtlAs("partner", check_against(draft));
  EXPECT_NE(partner.exit_code, 0);
  EXPECT_NE(partner.err.find("NOT_FOUND"), std::string::npos) << partner.err;
  EXPECT_EQ(partner.err.find("draft"), std::string::npos) << partner.err;
  CommandResult nothing = CtlAs("partner", check_against(unknown));
  EXPECT_EQ(nothing.exit_code, partner.exit_code);
  std::string expected = nothing.err;
  for (size_t at = expected.find(unknown); at != std::string::npos; at = expected.find(unknown)) {
    expected.replace(at, unknown.size(), draft);
  }
  EXPECT_EQ(partner.err, expected);
  CommandResult staff = Ctl(check_against(draft));
  EXPECT_EQ(staff.exit_code, 0) << staff.err;
}

// A draft withdrawn before it was ever published had no notice either: a partner's check
// against it is answered as one against an unknown id, not with its deposit.
TEST_F(EligibilityEndToEnd, APartnerCannotTellADraftWithdrawnUnpublishedFromAnUnknownId) {
  const std::string draft =
      CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"), "--claim",
             claim_, "--request-id", "e2e-draft-withdrawn"});
  ASSERT_EQ(draft.size(), 36u);
  const CommandResult withdrawn =
      Ctl({"disposal", "withdraw", draft, "--reason", "entered twice", "--version", "1"});
  ASSERT_EQ(withdrawn.exit_code, 0) << withdrawn.err;
  const CommandResult partner = CtlAs(
      "partner", {"eligibility", "check", draft, "--person", bystander_, "--name", "投资者乙"});
  EXPECT_NE(partner.exit_code, 0) << partner.out;
  EXPECT_NE(partner.err.find("NOT_FOUND"), std::string::npos) << partner.err;
  EXPECT_NE(partner.err.find("disposal " + draft + " does not exist"), std::string::npos)
      << partner.err;
  EXPECT_EQ(partner.out.find("deposit"), std::string::npos) << partner.out;
}

TEST_F(EligibilityEndToEnd, ImportWithABadRowIsRefusedNamingTheLine) {
  const std::string csv = "person," + appraiser_ + ",甲\nperson,230103197501010010,乙\n";
  CommandResult imported = CtlAs("admin", {"registry", "import", WriteFile("bad.csv", csv)});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_NE(imported.out.find("line 2: column 2 (national_id)"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("line 1:"), std::string::npos) << imported.out;
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

// The table's row for `identifier` (the first line holding it), "" when there is none.
std::string RowOf(const std::string& table, const std::string& identifier) {
  const size_t at = table.find(identifier);
  if (at == std::string::npos) return "";
  const size_t start = table.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
  return table.substr(start, table.find('\n', at) - start);
}

// Before ending an entry, staff look it up: `registry show` prints what the import stored,
// with the keys a change needs, and an unknown person fails NOT_FOUND.
TEST_F(EligibilityEndToEnd, RegistryShowPrintsWhatTheImportStoredAboutAPerson) {
  const std::string csv = "person," + appraiser_ + ",评估师甲\nengagement," + disposal_ + "," +
                          appraiser_ + ",appraiser\nrole," + appraiser_ +
                          ",appraiser,某评估公司,,2015-03-01,2025-06-30\n";
  CommandResult imported = CtlAs("admin", {"registry", "import", WriteFile("show.csv", csv)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  CommandResult shown = Ctl({"registry", "show", "--person", appraiser_});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("person            " + appraiser_ + "  评估师甲"), std::string::npos)
      << shown.out;
  EXPECT_NE(RowOf(shown.out, disposal_).find("appraiser"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("2015-03-01  2025-06-30"), std::string::npos) << shown.out;
  CommandResult unknown = Ctl({"registry", "show", "--person", bystander_});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("NOT_FOUND"), std::string::npos) << unknown.err;
}

TEST_F(EligibilityEndToEnd, BatchCheckAnswersEveryBidderAndFlagsTheInvalidOneAlone) {
  const std::string third = PersonId("19850101", 3);
  const std::string bidders = "person," + bystander_ +
                              ",投资者乙\nperson,230103197501010010,坏号码\n" + "person," + third +
                              ",投资者丙\n";
  CommandResult batch =
      Ctl({"eligibility", "check-batch", disposal_, "-f", WriteFile("bidders.csv", bidders)});
  EXPECT_EQ(batch.exit_code, 1) << batch.err;  // one item failed
  const std::string first_row = RowOf(batch.out, bystander_);
  const std::string bad_row = RowOf(batch.out, "230103197501010010");
  const std::string third_row = RowOf(batch.out, third);
  EXPECT_NE(first_row.find(" ELIGIBLE "), std::string::npos) << batch.out;
  EXPECT_NE(bad_row.find(" ERROR "), std::string::npos) << batch.out;
  EXPECT_NE(bad_row.find("INVALID_ARGUMENT"), std::string::npos) << batch.out;
  EXPECT_NE(third_row.find(" ELIGIBLE "), std::string::npos) << batch.out;
}

TEST_F(EligibilityEndToEnd, MalformedIdentifierIsInvalidArgumentNotIneligible) {
  CommandResult checked = Ctl(
      {"eligibility", "check", disposal_, "--person", "230103197501010010", "--name", "坏号码"});
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_NE(checked.err.find("INVALID_ARGUMENT"), std::string::npos) << checked.err;
}

}  // namespace
}  // namespace disposal::testing
