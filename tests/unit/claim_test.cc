// Claim validation rules and derived totals, without a database.
#include "domain/claim.h"

#include <gtest/gtest.h>

#include "domain/identifiers.h"

namespace disposal::domain {
namespace {

const Date kToday{2026, 11, 28};

Money Wan(const char* text) { return Money::Parse(std::string(text) + "万").value(); }

Tranche MakeTranche(const char* creditor, const char* principal_wan, const char* interest_wan) {
  Tranche tranche;
  tranche.original_creditor = creditor;
  tranche.principal = Wan(principal_wan);
  tranche.interest = Wan(interest_wan);
  tranche.interest_cutoff_date = Date{2021, 6, 30};
  return tranche;
}

ClaimContent SeedContent() {
  ClaimContent content;
  content.title = "黑龙江省日出康城房地产开发有限公司债权";
  content.debtor = {PartyKind::kOrganization, "黑龙江省日出康城房地产开发有限公司",
                    "91110000600037341L", false, false};
  content.holder = {PartyKind::kOrganization, "中国长城资产管理股份有限公司黑龙江省分公司",
                    "91110000600037341L", true, true};
  content.tranches.push_back(MakeTranche("中航信托股份有限公司", "38865.89", "32036.62"));
  content.tranches.push_back(MakeTranche("德阳银行成都分行", "6000", "3742.55"));
  content.penalty.unliquidated = true;
  content.penalty.basis = "具体金额以法院判定为准";
  return content;
}

TEST(ClaimTotalsTest, SeedTranchesSumToTheNoticeFigures) {
  ClaimTotals totals = ComputeTotals(SeedContent()).value();
  EXPECT_EQ(totals.principal.ToGroupedString(), "448,658,900.00");
  EXPECT_EQ(totals.interest.ToGroupedString(), "357,791,700.00");
  EXPECT_EQ(totals.total.ToGroupedString(), "806,450,600.00");
  EXPECT_EQ(totals.total.ToWanString(), "80645.06");
  EXPECT_TRUE(totals.penalty_unliquidated);
  EXPECT_TRUE(totals.penalty.is_zero());
}

TEST(ClaimTotalsTest, KnownPenaltyIsAddedToTheTotal) {
  ClaimContent content = SeedContent();
  content.penalty.unliquidated = false;
  content.penalty.amount = Money::Parse("0.01").value();
  ClaimTotals totals = ComputeTotals(content).value();
  EXPECT_FALSE(totals.penalty_unliquidated);
  EXPECT_EQ(totals.total.ToString(), "806450600.01");
}

TEST(ClaimTotalsTest, OverflowingTotalIsAnError) {
  ClaimContent content = SeedContent();
  content.tranches.resize(1);
  content.tranches[0].principal = Money::FromFen(Money::kMaxFen).value();
  content.tranches[0].interest = Money::FromFen(Money::kMaxFen).value();
  const Result<ClaimTotals> totals = ComputeTotals(content);
  ASSERT_FALSE(totals.ok());
  EXPECT_EQ(totals.error().field, "claim.totals.total");
  EXPECT_FALSE(ValidateClaimContent(content, kToday).ok());
}

TEST(ClaimTotalsTest, OverflowingPrincipalsAreNamedAsTheirTotal) {
  ClaimContent content = SeedContent();
  content.tranches.resize(1);
  content.tranches.push_back(content.tranches[0]);
  content.tranches[0].principal = Money::FromFen(Money::kMaxFen).value();
  const Result<ClaimTotals> totals = ComputeTotals(content);
  ASSERT_FALSE(totals.ok());
  EXPECT_EQ(totals.error().field, "claim.totals.principal");
}

TEST(ClaimValidationTest, SeedContentIsValid) {
  Status status = ValidateClaimContent(SeedContent(), kToday);
  EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().Message());
}

// Runs validation and returns "field: reason", or "" when the content is valid.
std::string ErrorOf(const ClaimContent& content) {
  Status status = ValidateClaimContent(content, kToday);
  return status.ok() ? "" : status.error().Message();
}

TEST(ClaimValidationTest, MissingTrancheIsRefused) {
  ClaimContent content = SeedContent();
  content.tranches.clear();
  EXPECT_EQ(ErrorOf(content).rfind("claim.tranches:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, NegativePrincipalNamesTheTranche) {
  ClaimContent content = SeedContent();
  content.tranches[1].principal = Money::Parse("-1").value();
  EXPECT_EQ(ErrorOf(content).rfind("claim.tranches[1].principal:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, RateAboveOneIsRefused) {
  ClaimContent content = SeedContent();
  content.tranches[0].contract_rate = Rate::Parse("4.35").value();
  EXPECT_EQ(ErrorOf(content).rfind("claim.tranches[0].contract_rate:", 0), 0u) << ErrorOf(content);
}

// "field: reason" of CheckPenaltyRates, or "" when it passes.
std::string PenaltyRateErrorOf(const ClaimContent& content, const ClaimContent* before) {
  Status status = CheckPenaltyRates(content, before);
  return status.ok() ? "" : status.error().Message();
}

TEST(ClaimValidationTest, PenaltyRateBelowTheContractRateNamesTheField) {
  ClaimContent content = SeedContent();
  content.tranches[0].contract_rate = Rate::Parse("0.0435").value();
  content.tranches[0].penalty_rate = Rate::Parse("0.04").value();
  EXPECT_EQ(PenaltyRateErrorOf(content, nullptr).rfind("claim.tranches[0].penalty_rate:", 0), 0u)
      << PenaltyRateErrorOf(content, nullptr);
  content.tranches[0].penalty_rate = Rate::Parse("0.0435").value();
  EXPECT_EQ(PenaltyRateErrorOf(content, nullptr), "");
}

TEST(ClaimValidationTest, PenaltyRateStoredBelowTheContractRateIsKeptByUpdatesThatLeaveIt) {
  ClaimContent before = SeedContent();
  before.tranches[0].contract_rate = Rate::Parse("0.0435").value();
  before.tranches[0].penalty_rate = Rate::Parse("0.04").value();
  ClaimContent updated = before;
  updated.title = "another title";
  EXPECT_EQ(PenaltyRateErrorOf(updated, &before), "");
}

TEST(ClaimValidationTest, PenaltyRateStoredBelowTheContractRateIsKeptWhenATrancheBeforeGoes) {
  ClaimContent before = SeedContent();
  before.tranches[1].contract_rate = Rate::Parse("0.0435").value();
  before.tranches[1].penalty_rate = Rate::Parse("0.04").value();
  ClaimContent updated = before;
  updated.tranches.erase(updated.tranches.begin());  // the second tranche is now the first
  EXPECT_EQ(PenaltyRateErrorOf(updated, &before), "");
  updated.tranches[0].penalty_rate = Rate::Parse("0.041").value();
  EXPECT_EQ(PenaltyRateErrorOf(updated, &before).rfind("claim.tranches[0].penalty_rate:", 0), 0u);
}

TEST(ClaimValidationTest, PersonAsHolderIsRefused) {
  ClaimContent content = SeedContent();
  content.holder = {PartyKind::kPerson, "张三", "11010519491231002X", false, false};
  EXPECT_EQ(ErrorOf(content).rfind("claim.holder:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, WrongDebtorCheckCharacterNamesTheField) {
  ClaimContent content = SeedContent();
  content.debtor.identifier = "91110000600037341M";
  EXPECT_EQ(ErrorOf(content).rfind("claim.debtor.organization.credit_code:", 0), 0u)
      << ErrorOf(content);
}

TEST(ClaimValidationTest, GuarantorBornInTheFutureIsRefused) {
  ClaimContent content = SeedContent();
  Guarantee guarantee;
  guarantee.guarantor = {PartyKind::kPerson, "未来人", "", false, false};
  std::string first17 = "11010520991231002";
  guarantee.guarantor.identifier = first17 + NationalIdCheckCharacter(first17);
  content.guarantees.push_back(guarantee);
  EXPECT_EQ(ErrorOf(content).rfind("claim.guarantees[0].guarantor.person.national_id:", 0), 0u)
      << ErrorOf(content);
}

TEST(ClaimValidationTest, PenaltyNeedsEitherUnliquidatedOrAnAmount) {
  ClaimContent content = SeedContent();
  content.penalty.unliquidated = false;
  content.penalty.amount.reset();
  EXPECT_EQ(ErrorOf(content).rfind("claim.penalty:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, TitleLengthCountsCharactersNotBytes) {
  ClaimContent content = SeedContent();
  content.title.clear();
  for (int i = 0; i < 200; ++i) content.title += "债";
  EXPECT_EQ(ErrorOf(content), "");
  content.title += "权";
  EXPECT_EQ(ErrorOf(content).rfind("claim.title:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, TooManyTranchesAreRefusedNotTruncated) {
  ClaimContent content = SeedContent();
  content.tranches.resize(kTranchesMax + 1, content.tranches[0]);
  EXPECT_EQ(ErrorOf(content).rfind("claim.tranches:", 0), 0u) << ErrorOf(content);
}

TEST(ClaimValidationTest, LienRankOutsideRangeNamesTheCollateral) {
  ClaimContent content = SeedContent();
  Collateral collateral;
  collateral.description = "地下停车场";
  collateral.lien_rank = 0;
  content.collateral.push_back(collateral);
  EXPECT_EQ(ErrorOf(content).rfind("claim.collateral[0].lien_rank:", 0), 0u) << ErrorOf(content);
}

TEST(BookedTranchesTest, CreditorAndRatesMayChangeOnceBooked) {
  const ClaimContent before = SeedContent();
  ClaimContent after = before;
  after.tranches[1].original_creditor_current_name = "长城华西银行成都分行";
  after.tranches[0].contract_rate = Rate::Parse("0.05").value();
  EXPECT_TRUE(CheckBookedTranchesKept(before, after, Date{2021, 6, 30}).ok());
}

TEST(BookedTranchesTest, RemovedTrancheIsRefusedNamingTheTranches) {
  const ClaimContent before = SeedContent();
  ClaimContent after = before;
  after.tranches.pop_back();
  const Status status = CheckBookedTranchesKept(before, after, Date{2021, 6, 30});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().field, "claim.tranches");
  EXPECT_NE(status.error().reason.find("2 tranches"), std::string::npos) << status.error().reason;
}

TEST(BookedTranchesTest, ChangedPrincipalIsRefusedWithTheBookedFigureGroupedAndTheTrancheNumber) {
  const ClaimContent before = SeedContent();
  ClaimContent after = before;
  after.tranches[0].principal = Money::Parse("1.00").value();
  const Status status = CheckBookedTranchesKept(before, after, Date{2021, 6, 30});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "claim.tranches[0].principal");
  const std::string booked = before.tranches[0].principal.ToGroupedString() + " on tranche 1:";
  EXPECT_EQ(status.error().reason.rfind("is booked as " + booked, 0), 0u) << status.error().reason;
  EXPECT_NE(booked.find(','), std::string::npos) << booked;
}

}  // namespace
}  // namespace disposal::domain
