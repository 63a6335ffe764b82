// The seed disposal through disposalctl against a real disposal-server: created, published on
// 2021-07-28, objected to, cleared, and the calendar commands.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/server_fixture.h"
#include "support/test_year_2027.h"

namespace disposal::testing {
namespace {

class SeedDisposalEndToEnd : public ServerFixture {
 protected:
  // Loads the seed claim and the seed disposal; returns the disposal's id.
  std::string CreateSeedDisposal() {
    const std::string claim =
        CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
               "e2e-claim"});
    EXPECT_EQ(claim.size(), 36u);
    return CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"),
                  "--claim", claim, "--request-id", "e2e-disposal"});
  }

  std::string Publish(const std::string& disposal) {
    CommandResult published = Ctl({"disposal", "publish", disposal, "--date", "2021-07-28"});
    EXPECT_EQ(published.exit_code, 0) << published.err;
    return published.out;
  }
};

// The file `disposal create --claim` took, its lots without claims, updates one field of the
// draft (a mask without lots sends none), and takes --claim for a whole update.
TEST_F(SeedDisposalEndToEnd, TheCreateFileUpdatesTheDraftWithAMaskOrWithTheClaimOption) {
  const std::string disposal = CreateSeedDisposal();
  ASSERT_EQ(disposal.size(), 36u);
  const std::string file = RepoFile("deploy/examples/seed-disposal.yaml");
  CommandResult masked = Ctl({"disposal", "update", disposal, "-f", file, "--version", "1",
                              "--mask", "window_working_days"});
  EXPECT_EQ(masked.exit_code, 0) << masked.err;
  CommandResult claim_unused = Ctl({"disposal", "update", disposal, "-f", file, "--version", "2",
                                    "--mask", "deposit", "--claim", disposal});
  EXPECT_EQ(claim_unused.exit_code, 2) << claim_unused.err;
  EXPECT_NE(claim_unused.err.find("--claim"), std::string::npos) << claim_unused.err;
  const std::string claim =
      CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
             "e2e-claim"});  // the same claim, again
  CommandResult whole =
      Ctl({"disposal", "update", disposal, "-f", file, "--version", "2", "--claim", claim});
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
}

TEST_F(SeedDisposalEndToEnd, PublishedSeedShowsTheDeadlineAndBookValue) {
  const std::string disposal = CreateSeedDisposal();
  ASSERT_EQ(disposal.size(), 36u);
  Publish(disposal);
  CommandResult shown = Ctl({"disposal", "show", disposal});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  for (const char* expected : {"2021-07-28", "2021-08-25", "24:00 Asia/Shanghai", "806,450,600.00",
                               "80645.06", "http://www.gwamcc.com"}) {
    EXPECT_NE(shown.out.find(expected), std::string::npos) << expected << "\n" << shown.out;
  }
}

// A draft is changed through disposalctl, field by field; a change based on a version read
// before someone else's is refused and changes nothing.
TEST_F(SeedDisposalEndToEnd, ADraftIsUpdatedFromAFileAndAStaleVersionIsRefused) {
  const std::string disposal = CreateSeedDisposal();
  ASSERT_EQ(disposal.size(), 36u);
  const std::string file = "/tmp/disposal-e2e-deposit-" + std::to_string(port_) + ".yaml";
  std::ofstream(file) << "deposit: 100万\n";
  CommandResult updated = Ctl({"--output", "json", "disposal", "update", disposal, "-f", file,
                               "--version", "1", "--mask", "deposit"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_NE(updated.out.find("\"version\": \"2\""), std::string::npos) << updated.out;
  EXPECT_NE(updated.out.find("\"units\": \"1000000\""), std::string::npos) << updated.out;
  EXPECT_NE(updated.out.find("日出康城"), std::string::npos) << "the title was kept\n"
                                                             << updated.out;

  CommandResult stale =
      Ctl({"disposal", "update", disposal, "-f", file, "--version", "1", "--mask", "deposit"});
  EXPECT_EQ(stale.exit_code, 1) << stale.err;
  EXPECT_NE(stale.err.find("ABORTED"), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("disposal show " + disposal), std::string::npos) << stale.err;
  std::remove(file.c_str());
}

TEST_F(SeedDisposalEndToEnd, ObjectionBlocksTheAwardUntilItIsResolved) {
  const std::string disposal = CreateSeedDisposal();
  Publish(disposal);
  const std::string objection = CtlId(
      {"objection", "add", disposal, "--kind", "objection", "--channel", "letter", "--submitter",
       "某债权人", "--received", "2021-08-02T10:00:00+08:00", "--text", "对转让价格提出异议"});
  ASSERT_EQ(objection.size(), 36u);
  const std::vector<std::string> gate = {
      "--output", "json", "disposal", "gate", disposal, "--at", "2021-09-01T10:00:00+08:00"};
  CommandResult blocked = Ctl(gate);
  ASSERT_EQ(blocked.exit_code, 0) << blocked.err;
  EXPECT_NE(blocked.out.find("OBJECTION_UNRESOLVED"), std::string::npos) << blocked.out;

  CommandResult listed = Ctl({"objection", "list", disposal, "--unresolved"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("某债权人"), std::string::npos) << listed.out;

  CommandResult resolved = Ctl({"objection", "resolve", objection, "--resolution", "dismissed",
                                "--note", "经核查，异议不成立"});
  ASSERT_EQ(resolved.exit_code, 0) << resolved.err;
  CommandResult cleared = Ctl(gate);
  ASSERT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_NE(cleared.out.find("\"allowed\": true"), std::string::npos) << cleared.out;
}

TEST_F(SeedDisposalEndToEnd, GateRefusesWhileTheWindowIsOpen) {
  const std::string disposal = CreateSeedDisposal();
  Publish(disposal);
  CommandResult open = Ctl({"disposal", "gate", disposal, "--at", "2021-08-10T10:00:00+08:00"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_EQ(open.out.rfind("award refused:", 0), 0u) << open.out;
  EXPECT_NE(open.out.find("window-open: the objection window is open until 2021-08-25 24:00"),
            std::string::npos)
      << open.out;
}

TEST_F(SeedDisposalEndToEnd, LateObjectionIsRecordedAndMarkedLate) {
  const std::string disposal = CreateSeedDisposal();
  Publish(disposal);
  CommandResult late = Ctl({"--output", "json", "objection", "add", disposal, "--kind", "objection",
                            "--channel", "phone", "--submitter", "迟到者", "--received",
                            "2021-08-26T09:00:00+08:00", "--text", "逾期异议"});
  ASSERT_EQ(late.exit_code, 0) << late.err;
  EXPECT_NE(late.out.find("\"late\": true"), std::string::npos) << late.out;
}

TEST_F(SeedDisposalEndToEnd, CalendarDeadlineCountsWorkingDaysAfterTheStart) {
  CommandResult deadline = Ctl({"calendar", "deadline", "2021-07-28", "20"});
  ASSERT_EQ(deadline.exit_code, 0) << deadline.err;
  EXPECT_NE(deadline.out.find("2021-08-25"), std::string::npos) << deadline.out;
  CommandResult unknown = Ctl({"calendar", "deadline", "2026-12-20", "20"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("FAILED_PRECONDITION"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("2027"), std::string::npos) << unknown.err;
}

TEST_F(SeedDisposalEndToEnd, ANoticeCountingItsPublicationDayCountsItAsTheWindowsFirstDay) {
  const std::string claim =
      CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
             "e2e-claim"});
  std::ifstream seed(RepoFile("deploy/examples/seed-disposal.yaml"));
  std::stringstream read;
  read << seed.rdbuf();
  std::string yaml = read.str();
  // Tier 4 needs 20 working days after publication: counting 07-28 itself takes 21.
  const std::string twenty = "window_working_days: 20";
  ASSERT_NE(yaml.find(twenty), std::string::npos);
  yaml.replace(yaml.find(twenty), twenty.size(), "window_working_days: 21");
  yaml += "\nwindow_counting: START_DAY_COUNTED\n";
  const std::string file = "/tmp/disposal-e2e-counting-" + std::to_string(port_) + ".yaml";
  std::ofstream(file) << yaml;
  const std::string disposal =
      CtlId({"disposal", "create", "-f", file, "--claim", claim, "--request-id", "e2e-counting"});
  ASSERT_EQ(disposal.size(), 36u);
  Publish(disposal);
  CommandResult shown = Ctl({"disposal", "show", disposal});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  // 07-28 is the first of the 21: the 21st is 08-25.
  EXPECT_NE(shown.out.find("2021-08-25"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("21 working days, the publication day counted"), std::string::npos)
      << shown.out;
}

// 2022 as its notice gave it, but for two days the notice moved into the National Day week
// (Thursday 10-06 and Friday 10-07) and the weekend days worked for them (10-08, 10-09): whole
// by every rule a year's import is held to (the law's three days and more are left), so that
// only the held days it would drop refuse it.
std::string Year2022WithoutItsMovedNationalDays() {
  std::istringstream real(ReadFile(RepoFile("schema/data/calendar-cn-2021-2026.csv")));
  std::string lines;
  for (std::string line; std::getline(real, line);) {
    if (line.rfind("2022-", 0) != 0) continue;
    bool moved = false;
    for (const char* day : {"2022-10-06", "2022-10-07", "2022-10-08", "2022-10-09"}) {
      moved = moved || line.rfind(day, 0) == 0;
    }
    if (!moved) lines += line + "\n";
  }
  return lines;
}

// Days off of 2020, 18 of them weekdays (the law gives 11), each festival's among them:
// enough to be taken as its arrangement.
std::string Year2020DaysOff() {
  std::string lines;
  for (const char* day : {"01-01", "01-24", "01-25", "01-26", "01-27", "01-28", "01-29", "01-30",
                          "04-06", "05-01", "05-02", "05-03", "05-04", "05-05", "06-25", "06-26",
                          "10-01", "10-02", "10-05", "10-06", "10-07", "10-08"}) {
    lines += std::string("2020-") + day + ",holiday,\n";
  }
  return lines;
}

TEST_F(SeedDisposalEndToEnd, CalendarImportAddsAYear) {
  const std::string file = "/tmp/disposal-e2e-calendar-" + std::to_string(port_) + ".csv";
  std::ofstream(file) << TestYear2027File();
  CommandResult imported = CtlAs("admin", {"calendar", "import", file});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  CommandResult shown = Ctl({"calendar", "show", "2027"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("元旦"), std::string::npos) << shown.out;
  CommandResult deadline = Ctl({"calendar", "deadline", "2026-12-20", "20"});
  EXPECT_EQ(deadline.exit_code, 0) << deadline.err;
}

TEST_F(SeedDisposalEndToEnd, CalendarImportThatWouldDropHeldDaysIsRefusedWithoutReplace) {
  // A 2022 with fewer days than the one held must not wipe the rest of it unasked.
  const std::string file = "/tmp/disposal-e2e-calendar-2022-" + std::to_string(port_) + ".csv";
  std::ofstream(file) << "# source: a shorter 2022\n" << Year2022WithoutItsMovedNationalDays();
  CommandResult refused = CtlAs("admin", {"calendar", "import", file});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("FAILED_PRECONDITION"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--replace"), std::string::npos) << refused.err;
  // The held year takes 10-06 and 10-07 off and works Saturday 10-08.
  CommandResult deadline = Ctl({"calendar", "deadline", "2022-10-05", "1"});
  ASSERT_EQ(deadline.exit_code, 0) << deadline.err;
  EXPECT_NE(deadline.out.find("2022-10-08"), std::string::npos)
      << "2022's National Day week was cut: " << deadline.out;

  CommandResult replaced = CtlAs("admin", {"calendar", "import", file, "--replace"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  CommandResult after = Ctl({"calendar", "deadline", "2022-10-05", "1"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("2022-10-06"), std::string::npos) << after.out;
}

TEST_F(SeedDisposalEndToEnd, ARefusedImportRerunWithReplaceAndItsRequestIdCompletes) {
  const std::string file = "/tmp/disposal-e2e-calendar-rerun-" + std::to_string(port_) + ".csv";
  std::ofstream(file) << "# source: test\n"
                      << Year2020DaysOff() << Year2022WithoutItsMovedNationalDays();
  // 2022 would lose its other days: refused when checked, before 2020 (not held) is imported.
  CommandResult refused = CtlAs("admin", {"calendar", "import", file, "--request-id", "cal-r"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("--replace"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos) << refused.err;
  EXPECT_EQ(Ctl({"calendar", "show", "2020"}).exit_code, 1) << "2020 was imported";
  CommandResult rerun =
      CtlAs("admin", {"calendar", "import", file, "--request-id", "cal-r", "--replace"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  CommandResult after = Ctl({"calendar", "deadline", "2022-10-05", "1"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("2022-10-06"), std::string::npos) << after.out;
}

// disposalctl does not know the Mid-Autumn Festival's dates; the server, asked to check each
// year before any is imported, refuses 2027 without it, and 2020 before it is not imported.
TEST_F(SeedDisposalEndToEnd, CalendarImportOfAFileWithAYearTheServerRefusesImportsNoneOfIt) {
  std::string year2027;
  std::istringstream lines(TestYear2027File());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("2027-09-15", 0) != 0 && line.rfind("#", 0) != 0) year2027 += line + "\n";
  }
  const std::string file = "/tmp/disposal-e2e-calendar-checked-" + std::to_string(port_) + ".csv";
  std::ofstream(file) << "# source: test\n" << Year2020DaysOff() << year2027;
  CommandResult refused = CtlAs("admin", {"calendar", "import", file});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("INVALID_ARGUMENT"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("2027-09-15 (中秋节, a Wednesday)"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was imported"), std::string::npos) << refused.err;
  EXPECT_EQ(Ctl({"calendar", "show", "2020"}).exit_code, 1) << "2020 was imported";
  EXPECT_EQ(Ctl({"calendar", "show", "2027"}).exit_code, 1) << "2027 was imported";
}

TEST_F(SeedDisposalEndToEnd, CalendarImportOfOnlyTheDayANextNoticeMovesIsRefusedEvenWithReplace) {
  // The 2023 notice moved 2022-12-31. As "2022" alone it is not the year's arrangement: held,
  // it would make every other weekday of 2022 a working day.
  const std::string file = "/tmp/disposal-e2e-calendar-fragment-" + std::to_string(port_) + ".csv";
  std::ofstream(file) << "# source: the 2023 notice\n2022-12-31,holiday,元旦\n";
  for (const bool replace : {false, true}) {
    std::vector<std::string> arguments = {"calendar", "import", file};
    if (replace) arguments.push_back("--replace");
    CommandResult refused = CtlAs("admin", arguments);
    EXPECT_EQ(refused.exit_code, 2) << refused.out;  // found before sending; the server too
    EXPECT_NE(refused.err.find("INVALID_ARGUMENT"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("lacks the holiday 2022-01-01"), std::string::npos) << refused.err;
  }
  CommandResult deadline = Ctl({"calendar", "deadline", "2022-09-30", "1"});
  ASSERT_EQ(deadline.exit_code, 0) << deadline.err;
  EXPECT_NE(deadline.out.find("2022-10-08"), std::string::npos)
      << "2022's National Day week was lost: " << deadline.out;
}

}  // namespace
}  // namespace disposal::testing
