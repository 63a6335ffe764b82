// The ledger through disposalctl against a real disposal-server: the seed claim's interest
// accrued month by month, its statement, the trial balance, retries and reversals; then the
// seed flow: the seed disposal's two lots awarded, the buyers' instalments paid, the claim
// cleared.
//
// The seed file publishes no rates (the notice gives none), so the tests load it with the
// first tranche at 4.35% a year. Accrued ACT/360 from its cut-off, 2021-06-30, through
// 2021-09-30 (92 days): 388,658,900.00 x 0.0435 x 92 / 360 = 4,320,591.4383 -> 4,320,591.44.
//
// Through 2021-08-31 the first tranche accrues 1,455,851.46 + 1,455,851.47 = 2,911,702.93, so
// at an award on 2021-09-01 its book value is 388,658,900.00 + 320,366,200.00 + 2,911,702.93 =
// 711,936,802.93; the second tranche (no rate) is still 60,000,000.00 + 37,425,500.00 =
// 97,425,500.00.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/identifiers.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kCutoffLine[] = "    interest_cutoff_date: 2021-06-30\n";
constexpr char kThroughSeptember[] = "4,320,591.44";
// After the objection window (2021-08-25 24:00 Asia/Shanghai) and within the notice's year.
constexpr char kAwardTime[] = "2021-09-01T10:00:00+08:00";

// A valid resident ID number of someone born on `birth` (YYYYMMDD) in 哈尔滨市南岗区; none of
// the seed's parties.
std::string PersonId(const std::string& birth, int serial) {
  std::string serial_text = std::to_string(serial);
  std::string first17 = "230103" + birth + std::string(3 - serial_text.size(), '0') + serial_text;
  return first17 + domain::NationalIdCheckCharacter(first17);
}

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

// The first word after `label` on the line starting with it: the 元 figure of a statement item
// ("0.00" in "principal balance   0.00 元 (0.00 万元)"), or an outcome's id.
std::string ValueAfter(const std::string& text, const std::string& label) {
  const std::string line = LineStartingWith(text, label + "  ");
  std::istringstream rest(line.empty() ? "" : line.substr(label.size()));
  std::string value;
  rest >> value;
  return value;
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
  EXPECT_EQ(LastLine(statement.out), "accrued through     2021-09-30") << statement.out;
}

TEST_F(LedgerEndToEnd, RecordedCostIsRepaidFirstByTheDebtorAndShownOnTheStatement) {
  CommandResult cost =
      Ctl({"cost", "record", "--claim", claim_, "--amount", "12,000.00", "--paid", "2021-07-10",
           "--description", "案件受理费", "--request-id", "e2e-cost"});
  ASSERT_EQ(cost.exit_code, 0) << cost.err;
  EXPECT_NE(cost.out.find("claim/" + claim_ + "/costs"), std::string::npos) << cost.out;
  CommandResult paid = Ctl({"payment", "record", "--claim", claim_, "--amount", "50,000.00",
                            "--received", "2021-07-15", "--request-id", "e2e-debtor-pays"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  CommandResult statement = Ctl({"statement", claim_});
  ASSERT_EQ(statement.exit_code, 0) << statement.err;
  EXPECT_EQ(ValueAfter(statement.out, "costs advanced"), "12,000.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "costs balance"), "0.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "recovered"), "50,000.00") << statement.out;
}

TEST_F(LedgerEndToEnd, DebtorPaymentWithAccrueFirstPaysTheInterestToItsDate) {
  // 388,658,900.00 x 4.35% x 15 / 360 from 2021-06-30 to 2021-07-15: 704,444.26.
  CommandResult paid =
      Ctl({"payment", "record", "--claim", claim_, "--amount", "40000万", "--received",
           "2021-07-15", "--accrue-first", "--request-id", "e2e-debtor-accrues"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  CommandResult statement = Ctl({"statement", claim_});
  ASSERT_EQ(statement.exit_code, 0) << statement.err;
  EXPECT_EQ(ValueAfter(statement.out, "accrued interest"), "704,444.26") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "interest balance"), "0.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "principal balance"), "407,155,044.26") << statement.out;
}

TEST_F(LedgerEndToEnd, AccrueFirstAloneAccruesOnTheTermsOfTheClaimsLastAccrual) {
  ASSERT_EQ(
      Ctl({"ledger", "accrue", claim_, "--through", "2021-07-31", "--basis", "act365"}).exit_code,
      0);
  CommandResult paid =
      Ctl({"payment", "record", "--claim", claim_, "--amount", "1,000.00", "--received",
           "2021-08-15", "--accrue-first", "--request-id", "e2e-debtor-as-last"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  // 388,658,900.00 x 4.35% x 46 / 365: ACT/365 from the cut-off through 2021-08-15.
  EXPECT_EQ(ValueAfter(Ctl({"statement", claim_}).out, "accrued interest"), "2,130,702.63");
}

TEST_F(LedgerEndToEnd, ClaimWithTermsOfItsOwnAccruesOnThemBeforeADebtorsPayment) {
  const std::string terms = "/tmp/disposal-e2e-" + std::to_string(port_) + "-terms.yaml";
  std::ofstream(terms) << "accrual_terms:\n  basis: ACT_365\n";
  CommandResult updated = Ctl({"claim", "update", claim_, "-f", terms, "--version", "1", "--mask",
                               "accrual_terms", "--request-id", "e2e-claim-terms"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(LineStartingWith(Ctl({"claim", "get", claim_}).out, "accrues"), "accrues     ACT/365");
  CommandResult paid = Ctl({"payment", "record", "--claim", claim_, "--amount", "1,000.00",
                            "--received", "2021-07-15", "--request-id", "e2e-debtor-own-terms"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  // 388,658,900.00 x 4.35% x 15 / 365 from 2021-06-30 to 2021-07-15, without --accrue-first.
  EXPECT_EQ(ValueAfter(Ctl({"statement", claim_}).out, "accrued interest"), "694,794.33");
}

TEST_F(LedgerEndToEnd, ClaimWithTermsOfItsOwnAccruesOnThemWhenBasisIsLeftOut) {
  const std::string terms = "/tmp/disposal-e2e-" + std::to_string(port_) + "-terms365.yaml";
  std::ofstream(terms) << "accrual_terms:\n  basis: ACT_365\n";
  ASSERT_EQ(Ctl({"claim", "update", claim_, "-f", terms, "--version", "1", "--mask",
                 "accrual_terms", "--request-id", "e2e-claim-terms-365"})
                .exit_code,
            0);
  CommandResult accrued = Ctl({"ledger", "accrue", claim_, "--through", "2021-07-31"});
  ASSERT_EQ(accrued.exit_code, 0) << accrued.err;
  // 388,658,900.00 x 4.35% x 31 / 365 from 2021-06-30 through 2021-07-31.
  EXPECT_EQ(ValueAfter(Ctl({"statement", claim_}).out, "accrued interest"), "1,435,908.29");
}

TEST_F(LedgerEndToEnd, DebtorPaymentAccruesTheCourtsInterestFirstWhenItsTermsAreGiven) {
  CommandResult paid =
      Ctl({"payment", "record", "--claim", claim_, "--amount", "1,000.00", "--received",
           "2021-07-15", "--accrue-first", "--court-debt", "1000万", "--court-delay-start",
           "2021-07-01", "--request-id", "e2e-debtor-court-first"});
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  // 10,000,000.00 x 0.0175% a day for the 15 days 2021-07-01 .. 2021-07-15.
  EXPECT_EQ(ValueAfter(Ctl({"statement", claim_}).out, "accrued penalty"), "26,250.00");
}

TEST_F(LedgerEndToEnd, CourtDebtWithoutAccrueFirstIsRefusedByTheCommandLine) {
  CommandResult paid =
      Ctl({"payment", "record", "--claim", claim_, "--amount", "1,000.00", "--received",
           "2021-07-15", "--court-debt", "1000万", "--court-delay-start", "2021-07-01"});
  EXPECT_EQ(paid.exit_code, 2);
  EXPECT_NE(paid.err.find("--accrue-first"), std::string::npos) << paid.err;
}

TEST_F(LedgerEndToEnd, PenaltySetByTheCourtAfterAnAccrualShowsAsJudgedOnTheStatement) {
  ASSERT_EQ(AccrueThroughSeptember("e2e-accrue-before-judgment").exit_code, 0);
  const std::string penalty = "/tmp/disposal-e2e-" + std::to_string(port_) + "-penalty.yaml";
  std::ofstream(penalty) << "penalty:\n  amount: 100万\n";
  CommandResult updated =
      Ctl({"claim", "update", claim_, "-f", penalty, "--version", "1", "--mask", "penalty",
           "--penalty-fixed", "2021-10-15", "--request-id", "e2e-penalty-judged"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  CommandResult entries = Ctl({"ledger", "entries", claim_});
  ASSERT_EQ(entries.exit_code, 0) << entries.err;
  EXPECT_NE(entries.out.find("penalty  2021-10-15"), std::string::npos) << entries.out;
  CommandResult statement = Ctl({"statement", claim_});
  ASSERT_EQ(statement.exit_code, 0) << statement.err;
  EXPECT_EQ(ValueAfter(statement.out, "penalty judged"), "1,000,000.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "penalty balance"), "1,000,000.00") << statement.out;
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 0) << trial.out << trial.err;  // exits 1 when unbalanced
}

TEST_F(LedgerEndToEnd, BasisWithoutAccrueFirstIsABadCommandLine) {
  CommandResult paid = Ctl({"payment", "record", "--claim", claim_, "--amount", "1,000.00",
                            "--received", "2021-07-15", "--basis", "act365"});
  EXPECT_EQ(paid.exit_code, 2) << paid.out;
  EXPECT_NE(paid.err.find("--accrue-first"), std::string::npos) << paid.err;
}

TEST_F(LedgerEndToEnd, CostWithoutADescriptionIsABadCommandLine) {
  CommandResult cost =
      Ctl({"cost", "record", "--claim", claim_, "--amount", "12,000.00", "--paid", "2021-07-10"});
  EXPECT_EQ(cost.exit_code, 2) << cost.out;
  EXPECT_NE(cost.err.find("--description"), std::string::npos) << cost.err;
  EXPECT_EQ(ValueAfter(Ctl({"statement", claim_}).out, "costs advanced"), "0.00");
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

// The seed disposal of the rated seed claim, published on 2021-07-28, and the claim accrued
// through 2021-08-31, the day before the awards.
class LedgerSeedFlowEndToEnd : public LedgerEndToEnd {
 protected:
  void SetUp() override {
    LedgerEndToEnd::SetUp();
    if (HasFatalFailure()) return;
    disposal_ = CtlId({"disposal", "create", "-f", RepoFile("deploy/examples/seed-disposal.yaml"),
                       "--claim", claim_, "--request-id", "e2e-ledger-disposal"});
    ASSERT_EQ(disposal_.size(), 36u);
    CommandResult published = Ctl({"disposal", "publish", disposal_, "--date", "2021-07-28"});
    ASSERT_EQ(published.exit_code, 0) << published.err;
    CommandResult accrued = Ctl({"ledger", "accrue", claim_, "--through", "2021-08-31"});
    ASSERT_EQ(accrued.exit_code, 0) << accrued.err;
  }

  // The id of the lot offering `tranche`, from `disposal show -o json`, where a lot's id comes
  // first among its fields.
  std::string LotOfTranche(int tranche) {
    CommandResult shown = Ctl({"--output", "json", "disposal", "show", disposal_});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    const size_t at = shown.out.find("\"tranche_number\": " + std::to_string(tranche));
    if (at == std::string::npos) return "";
    return JsonString(shown.out.substr(shown.out.rfind("\"id\"", at)), "id");
  }

  // Lot 1 (tranche 1) at auction for 9000万: 3000万 due 2021-10-01, 6000万 due 2021-12-01.
  CommandResult AwardLotOne(const std::string& request_id = "e2e-award-lot-1",
                            const std::vector<std::string>& extra = {}) {
    std::vector<std::string> award = {"outcome", "record",         disposal_,
                                      "--lot",   LotOfTranche(1),  "--method",
                                      "auction", "--buyer-person", PersonId("19780512", 11)};
    award.insert(award.end(), {"--buyer-name", "买受人甲", "--price", "9000万", "--award-time",
                               kAwardTime, "--instalment", "2021-10-01:3000万", "--instalment",
                               "2021-12-01:6000万", "--request-id", request_id});
    award.insert(award.end(), extra.begin(), extra.end());
    return Ctl(award);
  }

  // Lot 2 (tranche 2) listed on its own for 1500万 in one sum; returns the outcome's id.
  std::string AwardLotTwo() {
    return CtlId({"outcome", "record", disposal_, "--lot", LotOfTranche(2), "--method",
                  "separate-listing", "--buyer-person", PersonId("19820303", 22), "--buyer-name",
                  "买受人乙", "--price", "1500万", "--award-time", kAwardTime, "--request-id",
                  "e2e-award-lot-2"});
  }

  CommandResult Pay(const std::string& outcome, const std::string& amount,
                    const std::string& received) {
    return Ctl(
        {"payment", "record", "--outcome", outcome, "--amount", amount, "--received", received});
  }

  std::string disposal_;
};

TEST_F(LedgerSeedFlowEndToEnd, AwardOfLotOneBooksTheTranchesBookValueAndTheLoss) {
  CommandResult awarded = AwardLotOne();
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  EXPECT_EQ(ValueAfter(awarded.out, "outcome").size(), 36u) << awarded.out;
  EXPECT_EQ(LineStartingWith(awarded.out, "claim"),
            "claim                 " + claim_ + ", tranche 1")
      << awarded.out;
  EXPECT_EQ(ValueAfter(awarded.out, "price"), "90,000,000.00") << awarded.out;
  EXPECT_EQ(ValueAfter(awarded.out, "book value"), "711,936,802.93") << awarded.out;
  EXPECT_EQ(ValueAfter(awarded.out, "loss on disposal"), "621,936,802.93") << awarded.out;
  EXPECT_EQ(ValueAfter(awarded.out, "award date"), "2021-09-01") << awarded.out;
  EXPECT_FALSE(ValueAfter(awarded.out, "eligibility decision").empty()) << awarded.out;
  EXPECT_NE(awarded.out.find("Payment schedule (2 instalments)"), std::string::npos) << awarded.out;
  EXPECT_NE(awarded.out.find("  2  2021-12-01  60,000,000.00     0.00   60,000,000.00"),
            std::string::npos)
      << awarded.out;
}

// A debt reduction of lot 1 for 40000万, agreed with the debtor (which the bidder check
// excludes from buying the claim): the agreed amount settles the interest (320,366,200.00
// acquired + 2,911,702.93 accrued) first, then 76,722,097.07 of principal; the rest of the
// principal, 311,936,802.93, is forgiven and is the debt relief booked.
TEST_F(LedgerSeedFlowEndToEnd, DebtReductionShowsWhatItSettledAndForgaveOfEachPart) {
  CommandResult reduced = Ctl(
      {"outcome", "record", disposal_, "--lot", LotOfTranche(1), "--method", "debt-reduction",
       "--buyer-org", "91230103129876548L", "--buyer-name", "黑龙江省日出康城房地产开发有限公司",
       "--price", "40000万", "--award-time", kAwardTime, "--request-id", "e2e-reduction-lot-1"});
  ASSERT_EQ(reduced.exit_code, 0) << reduced.err;
  EXPECT_EQ(ValueAfter(reduced.out, "debt relief"), "311,936,802.93") << reduced.out;
  EXPECT_NE(reduced.out.find("What the reduction settled and forgave"), std::string::npos)
      << reduced.out;
  const std::string interest = LineStartingWith(reduced.out, "interest ");
  EXPECT_LT(interest.find("323,277,902.93"), interest.rfind("323,277,902.93")) << reduced.out;
  const std::string principal = LineStartingWith(reduced.out, "principal ");
  EXPECT_NE(principal.find("388,658,900.00   76,722,097.07  311,936,802.93"), std::string::npos)
      << reduced.out;
  CommandResult shown = Ctl({"outcome", "get", ValueAfter(reduced.out, "outcome")});
  EXPECT_EQ(LineStartingWith(shown.out, "principal "), principal) << shown.out;
}

TEST_F(LedgerSeedFlowEndToEnd, AwardWithAccrueFirstSellsTheLotWithTheAwardDaysInterest) {
  // Accrued through 2021-08-31 (2,911,702.93); the award day adds 46,962.95.
  CommandResult awarded = AwardLotOne("e2e-award-accrued", {"--accrue-first"});
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  EXPECT_EQ(ValueAfter(awarded.out, "book value"), "711,983,765.88") << awarded.out;
  CommandResult statement = Ctl({"statement", claim_});
  EXPECT_EQ(LastLine(statement.out), "accrued through     2021-09-01") << statement.out;
}

TEST_F(LedgerSeedFlowEndToEnd, RescindedAwardShowsOnItsOutcomeAndTheLotIsAwardedAgain) {
  CommandResult awarded = AwardLotOne();
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  const std::string outcome = ValueAfter(awarded.out, "outcome");
  CommandResult rescinded = Ctl({"outcome", "rescind", outcome, "--memo", "买受人未按期付款"});
  ASSERT_EQ(rescinded.exit_code, 0) << rescinded.err;
  const std::string line = LineStartingWith(rescinded.out, "rescinded  ");
  EXPECT_NE(line.find("by entry "), std::string::npos) << rescinded.out;
  EXPECT_NE(line.find("takes no payments"), std::string::npos) << rescinded.out;
  CommandResult shown = Ctl({"outcome", "get", outcome});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(LineStartingWith(shown.out, "rescinded  "), line) << shown.out;

  CommandResult again = AwardLotOne("e2e-award-lot-1-again");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(ValueAfter(again.out, "outcome"), outcome) << again.out;
  EXPECT_EQ(ValueAfter(again.out, "award number"), "2") << again.out;
  EXPECT_EQ(ValueAfter(again.out, "book value"), "711,936,802.93") << again.out;
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 0) << trial.err;
  EXPECT_EQ(LastLine(trial.out), "balanced") << trial.out;
}

TEST_F(LedgerSeedFlowEndToEnd, RescissionKeepsTheDefaultingBuyersDepositAsIncome) {
  CommandResult awarded = AwardLotOne("e2e-award-lot-1", {"--deposit-paid", "1000万"});
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  EXPECT_EQ(ValueAfter(awarded.out, "deposit paid"), "10,000,000.00") << awarded.out;
  const std::string outcome = ValueAfter(awarded.out, "outcome");
  CommandResult rescinded = Ctl(
      {"outcome", "rescind", outcome, "--memo", "买受人未按期付款", "--forfeit-deposit", "500万"});
  ASSERT_EQ(rescinded.exit_code, 0) << rescinded.err;
  const std::string kept = LineStartingWith(rescinded.out, "deposit kept");
  EXPECT_NE(kept.find("5,000,000.00"), std::string::npos) << rescinded.out;
  EXPECT_NE(kept.find("(entry "), std::string::npos) << rescinded.out;
  CommandResult shown = Ctl({"outcome", "get", outcome});
  EXPECT_EQ(LineStartingWith(shown.out, "deposit kept"), kept) << shown.out;
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_NE(LineStartingWith(trial.out, "amc/forfeited_deposits").find("5,000,000.00"),
            std::string::npos)
      << trial.out;
  EXPECT_EQ(LastLine(trial.out), "balanced") << trial.out;
}

TEST_F(LedgerSeedFlowEndToEnd, OutcomeListShowsTheRescindedAwardAndTheOneAfterIt) {
  CommandResult awarded = AwardLotOne("e2e-award-lot-1", {"--deposit-paid", "1000万"});
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  const std::string first = ValueAfter(awarded.out, "outcome");
  ASSERT_EQ(
      Ctl({"outcome", "rescind", first, "--memo", "买受人未按期付款", "--forfeit-deposit", "500万"})
          .exit_code,
      0);
  CommandResult again = AwardLotOne("e2e-award-lot-1-again");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const std::string second = ValueAfter(again.out, "outcome");
  CommandResult listed = Ctl({"outcome", "list", "--disposal", disposal_});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const std::vector<std::string> lines = Lines(listed.out);
  ASSERT_EQ(lines.size(), 4u) << listed.out;  // the header, a rule and two rows
  EXPECT_NE(lines[2].find(first), std::string::npos) << listed.out;
  EXPECT_NE(lines[2].find("rescinded (entry "), std::string::npos) << listed.out;
  EXPECT_NE(lines[2].find("deposit kept 5,000,000.00"), std::string::npos) << listed.out;
  EXPECT_NE(lines[3].find(second), std::string::npos) << listed.out;
  EXPECT_NE(lines[3].find("standing"), std::string::npos) << listed.out;
  CommandResult by_claim = Ctl({"outcome", "list", "--claim", claim_, "--page-size", "1"});
  ASSERT_EQ(by_claim.exit_code, 0) << by_claim.err;
  EXPECT_NE(by_claim.out.find("next page: --page-token "), std::string::npos) << by_claim.out;
}

TEST_F(LedgerSeedFlowEndToEnd, OutcomeListWithoutAParentIsRefusedByTheCommandLine) {
  CommandResult refused = Ctl({"outcome", "list"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--disposal"), std::string::npos) << refused.err;
}

TEST_F(LedgerSeedFlowEndToEnd, DepositAboveThePriceIsRefusedNamingTheField) {
  CommandResult awarded = AwardLotOne();
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  const std::string outcome = ValueAfter(awarded.out, "outcome");
  CommandResult refused = Ctl(
      {"outcome", "rescind", outcome, "--memo", "买受人未按期付款", "--forfeit-deposit", "10亿"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("INVALID_ARGUMENT"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("forfeited_deposit"), std::string::npos) << refused.err;
  EXPECT_EQ(LineStartingWith(Ctl({"outcome", "get", outcome}).out, "rescinded  "), "");
}

TEST_F(LedgerSeedFlowEndToEnd, AwardWithAPaymentIsRescindedOnlyOnceThePaymentIsReversed) {
  CommandResult awarded = AwardLotOne();
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  const std::string outcome = ValueAfter(awarded.out, "outcome");
  CommandResult paid = Pay(outcome, "3000万", "2021-10-01");
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  CommandResult refused = Ctl({"outcome", "rescind", outcome, "--memo", "买受人未按期付款"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("FAILED_PRECONDITION"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("reverse it first"), std::string::npos) << refused.err;
  CommandResult bounced =
      Ctl({"ledger", "reverse", ValueAfter(paid.out, "entry"), "--memo", "退票"});
  ASSERT_EQ(bounced.exit_code, 0) << bounced.err << paid.out;
  CommandResult rescinded = Ctl({"outcome", "rescind", outcome, "--memo", "买受人未按期付款"});
  EXPECT_EQ(rescinded.exit_code, 0) << rescinded.err;
}

TEST_F(LedgerSeedFlowEndToEnd, AwardWhileTheObjectionWindowIsOpenIsRefused) {
  CommandResult early =
      Ctl({"outcome", "record", disposal_, "--lot", LotOfTranche(1), "--method", "auction",
           "--buyer-person", PersonId("19780512", 11), "--buyer-name", "买受人甲", "--price",
           "9000万", "--award-time", "2021-08-20T10:00:00+08:00"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("FAILED_PRECONDITION"), std::string::npos) << early.err;
  // The gate's reason, not the ledger's own (August is accrued past the 20th too).
  EXPECT_NE(early.err.find("the objection window is open until"), std::string::npos) << early.err;
}

TEST_F(LedgerSeedFlowEndToEnd, InstalmentWithoutAnAmountIsABadCommandLine) {
  CommandResult bad = Ctl({"outcome", "record", disposal_, "--method", "auction", "--buyer-person",
                           PersonId("19780512", 11), "--buyer-name", "买受人甲", "--price",
                           "9000万", "--instalment", "2021-10-01"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("INVALID_ARGUMENT: --instalment: \"2021-10-01\""), std::string::npos)
      << bad.err;
}

TEST_F(LedgerSeedFlowEndToEnd, PayingEveryInstalmentClearsTheClaimAndRecoversThePrices) {
  CommandResult awarded = AwardLotOne();
  ASSERT_EQ(awarded.exit_code, 0) << awarded.err;
  const std::string first = ValueAfter(awarded.out, "outcome");
  const std::string second = AwardLotTwo();
  ASSERT_EQ(second.size(), 36u);

  CommandResult paid = Pay(first, "3000万", "2021-10-01");
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  EXPECT_EQ(LastLine(paid.out), "instalment 1  30,000,000.00") << paid.out;
  CommandResult overpaid = Pay(first, "6000.01万", "2021-12-01");
  EXPECT_EQ(overpaid.exit_code, 1);
  EXPECT_NE(overpaid.err.find("FAILED_PRECONDITION"), std::string::npos) << overpaid.err;
  EXPECT_NE(overpaid.err.find("60,000,000.00 due"), std::string::npos) << overpaid.err;
  paid = Pay(first, "6000万", "2021-12-01");
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  EXPECT_EQ(LastLine(paid.out), "instalment 2  60,000,000.00") << paid.out;
  paid = Pay(second, "1500万", "2021-09-01");
  ASSERT_EQ(paid.exit_code, 0) << paid.err;
  EXPECT_EQ(LastLine(paid.out), "instalment 1  15,000,000.00") << paid.out;

  CommandResult shown = Ctl({"outcome", "get", first});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(LastLine(shown.out), "     total       90,000,000.00  90,000,000.00            0.00")
      << shown.out;
  CommandResult statement = Ctl({"statement", claim_});
  ASSERT_EQ(statement.exit_code, 0) << statement.err;
  EXPECT_EQ(ValueAfter(statement.out, "principal balance"), "0.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "interest balance"), "0.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "receivable balance"), "0.00") << statement.out;
  EXPECT_EQ(ValueAfter(statement.out, "recovered"), "105,000,000.00") << statement.out;
  CommandResult trial = Ctl({"trial-balance"});
  EXPECT_EQ(trial.exit_code, 0) << trial.err;
  EXPECT_EQ(LastLine(trial.out), "balanced") << trial.out;
}

TEST_F(LedgerSeedFlowEndToEnd, AwardAcceptsTheLotIdInUpperCase) {
  std::string lot = LotOfTranche(1);
  std::transform(lot.begin(), lot.end(), lot.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  CommandResult awarded = Ctl({"outcome", "record", disposal_, "--lot", lot, "--method", "auction",
                               "--buyer-person", PersonId("19780512", 11), "--buyer-name",
                               "买受人甲", "--price", "9000万", "--award-time", kAwardTime});
  EXPECT_EQ(awarded.exit_code, 0) << awarded.err;
  EXPECT_EQ(ValueAfter(awarded.out, "award date"), "2021-09-01") << awarded.out;
}

TEST_F(LedgerEndToEnd, TrialBalanceAsOfATimeIsHeadedWithThatTimesDate) {
  CommandResult trial = Ctl({"trial-balance", "--as-of-time", "2021-10-08T09:00:00+08:00"});
  ASSERT_EQ(trial.exit_code, 0) << trial.err;
  EXPECT_EQ(Lines(trial.out).front(), "Trial balance as of 2021-10-08") << trial.out;
}

}  // namespace
}  // namespace disposal::testing
