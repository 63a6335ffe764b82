// The ledger through disposalctl against a real disposal-server: the seed claim's interest
// accrued month by month, its statement, the trial balance, retries and reversals.
//
// The seed file publishes no rates (the notice gives none), so the tests load it with the
// first tranche at 4.35% a year. Accrued ACT/360 from its cut-off, 2021-06-30, through
// 2021-09-30 (92 days): 388,658,900.00 x 0.0435 x 92 / 360 = 4,320,591.4383 -> 4,320,591.44.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kCutoffLine[] = "    interest_cutoff_date: 2021-06-30\n";
constexpr char kThroughSeptember[] = "4,320,591.44";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The line starting with `prefix`, or "" when there is none.
std::string LineStartingWith(const std::string& text, const std::string& prefix) {
  for (const std::string& line : Lines(text)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

// Table rows whose kind column says `kind` (kinds are padded between two-space gaps).
long RowsOfKind(const std::string& text, const std::string& kind) {
  const std::vector<std::string> lines = Lines(text);
  return std::count_if(lines.begin(), lines.end(), [&kind](const std::string& line) {
    return line.find("  " + kind + "  ") != std::string::npos;
  });
}

std::string LastLine(const std::string& text) {
  const std::vector<std::string> lines = Lines(text);
  return lines.empty() ? "" : lines.back();
}

class LedgerEndToEnd : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    claim_ = CtlId({"claim", "create", "-f", RatedSeedFile(), "--request-id", "e2e-ledger-claim"});
    ASSERT_EQ(claim_.size(), 36u);
  }

  // The seed claim with a contract rate of 4.35% on its first tranche, written beside the
  // server's log.
  std::string RatedSeedFile() {
    std::string seed = ReadFile(RepoFile("deploy/examples/seed-claim.yaml"));
    const size_t cutoff = seed.find(kCutoffLine);
    EXPECT_NE(cutoff, std::string::npos) << "the seed's first tranche has no cut-off line";
    EXPECT_EQ(seed.find("contract_rate"), std::string::npos) << "the seed now has rates";
    seed.insert(cutoff + std::string(kCutoffLine).size(), "    contract_rate: 4.35%\n");
    const std::string path = "/tmp/disposal-e2e-" + std::to_string(port_) + "-rated-seed.yaml";
    std::ofstream(path) << seed;
    return path;
  }

  CommandResult AccrueThroughSeptember(const std::string& request_id) {
    return Ctl({"ledger", "accrue", claim_, "--through", "2021-09-30", "--request-id", request_id});
  }

  std::string claim_;
};

TEST_F(LedgerEndToEnd, AccrualThroughSeptemberBooksThreeMonthlyEntriesAddingUpExactly) {
  CommandResult accrued = AccrueThroughSeptember("e2e-accrue");
  ASSERT_EQ(accrued.exit_code, 0) << accrued.err;
  EXPECT_EQ(RowsOfKind(accrued.out, "accrual"), 3) << accrued.out;
  for (const char* period :
       {"2021-06-30 .. 2021-07-31", "2021-07-31 .. 2021-08-31", "2021-08-31 .. 2021-09-30"}) {
    EXPECT_NE(accrued.out.find(period), std::string::npos) << period << "\n" << accrued.out;
  }
  const std::string summary = LastLine(accrued.out);
  EXPECT_NE(summary.find("3 accrual"), std::string::npos) << summary;
  EXPECT_NE(summary.find(std::string("interest ") + kThroughSeptember + " 元"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("accrued through 2021-09-30"), std::string::npos) << summary;
}

TEST_F(LedgerEndToEnd, StatementShowsTheAccruedInterestAndTheOpeningPrincipal) {
  ASSERT_EQ(AccrueThroughSeptember("e2e-accrue").exit_code, 0);
  CommandResult statement = Ctl({"statement", claim_});
  ASSERT_EQ(statement.exit_code, 0) << statement.err;
  EXPECT_NE(LineStartingWith(statement.out, "accrued interest").find(kThroughSeptember),
            std::string::npos)
      << statement.out;
  EXPECT_NE(LineStartingWith(statement.out, "opening principal").find("448,658,900.00"),
            std::string::npos)
      << statement.out;
  EXPECT_EQ(LastLine(statement.out), "accrued through    2021-09-30") << statement.out;
}

TEST_F(LedgerEndToEnd, TrialBalanceAfterTheAccrualIsBalanced) {
  ASSERT_EQ(AccrueThroughSeptember("e2e-accrue").exit_code, 0);
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 0) << trial.err;
  EXPECT_EQ(LastLine(trial.out), "balanced") << trial.out;
  EXPECT_NE(LineStartingWith(trial.out, "amc/interest_income").find(kThroughSeptember),
            std::string::npos)
      << trial.out;
}

TEST_F(LedgerEndToEnd, AccrualRetriedWithTheSameRequestIdReturnsTheSameEntries) {
  CommandResult first = AccrueThroughSeptember("e2e-retry");
  CommandResult retry = AccrueThroughSeptember("e2e-retry");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(retry.out, first.out);
  CommandResult entries = Ctl({"ledger", "entries", claim_, "--all"});
  ASSERT_EQ(entries.exit_code, 0) << entries.err;
  EXPECT_EQ(RowsOfKind(entries.out, "accrual"), 3) << entries.out;
  EXPECT_EQ(RowsOfKind(entries.out, "opening"), 1) << entries.out;
}

TEST_F(LedgerEndToEnd, ReversingSeptembersAccrualKeepsTheLedgerBalanced) {
  CommandResult accrued = AccrueThroughSeptember("e2e-accrue");
  ASSERT_EQ(accrued.exit_code, 0) << accrued.err;
  std::string entry_id;
  for (const std::string& line : Lines(accrued.out)) {
    if (line.find("2021-08-31 .. 2021-09-30") != std::string::npos) {
      std::istringstream(line) >> entry_id;
    }
  }
  ASSERT_FALSE(entry_id.empty()) << accrued.out;
  CommandResult reversed =
      Ctl({"ledger", "reverse", entry_id, "--memo", "accrued at the wrong rate"});
  ASSERT_EQ(reversed.exit_code, 0) << reversed.err;
  EXPECT_EQ(LineStartingWith(reversed.out, "reverses"), "reverses    entry " + entry_id)
      << reversed.out;
  EXPECT_NE(reversed.out.find("1,408,888.51"), std::string::npos) << reversed.out;
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 0) << trial.err;
  EXPECT_EQ(LastLine(trial.out), "balanced") << trial.out;
}

TEST_F(LedgerEndToEnd, UnbalancedLedgerFailsTheTrialBalanceNamingBothTotals) {
  ASSERT_EQ(AccrueThroughSeptember("e2e-accrue").exit_code, 0);
  // The database refuses an unbalanced entry; only a superuser bypassing its triggers can
  // leave the ledger in the state this check exists to catch.
  db_.Query(
      "SET LOCAL session_replication_role = replica; "
      "INSERT INTO journal_postings (entry_id, line, account, credit) "
      "SELECT max(entry_id), 99, 'amc/interest_income', 0.01 FROM journal_entries");
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 1);
  EXPECT_NE(trial.err.find("FAILED_PRECONDITION"), std::string::npos) << trial.err;
  EXPECT_EQ(LastLine(trial.out).rfind("NOT BALANCED: debits ", 0), 0u) << trial.out;
}

TEST_F(LedgerEndToEnd, StatementOfAnUnknownClaimIsNotFound) {
  CommandResult statement = Ctl({"statement", "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(statement.exit_code, 1);
  EXPECT_NE(statement.err.find("NOT_FOUND"), std::string::npos) << statement.err;
}

TEST_F(LedgerEndToEnd, AccrualOfAClaimWithoutRatesIsRefused) {
  const std::string unrated =
      CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
             "e2e-ledger-unrated"});
  ASSERT_EQ(unrated.size(), 36u);
  CommandResult accrued = Ctl({"ledger", "accrue", unrated, "--through", "2021-09-30"});
  EXPECT_EQ(accrued.exit_code, 1);
  EXPECT_NE(accrued.err.find("FAILED_PRECONDITION"), std::string::npos) << accrued.err;
}

}  // namespace
}  // namespace disposal::testing
