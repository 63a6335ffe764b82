#include "client/claim_view.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>

namespace disposalctl {
namespace {

using disposal::v1::Claim;
using disposal::v1::Money;

void SetMoney(Money* money, std::int64_t units, std::int32_t nanos = 0) {
  money->set_units(units);
  money->set_nanos(nanos);
}

// One tranche of the seed claim, with an unliquidated penalty and no server totals.
Claim SmallClaim() {
  Claim claim;
  claim.set_id("c-1");
  claim.set_version(3);
  claim.set_title("测试债权");
  claim.set_status(disposal::v1::CLAIM_STATUS_HELD);
  disposal::v1::Organization* debtor = claim.mutable_debtor()->mutable_organization();
  debtor->set_name("某某房地产开发有限公司");
  debtor->set_credit_code("91230103129876548L");
  disposal::v1::Tranche* tranche = claim.add_tranches();
  tranche->set_original_creditor("中航信托股份有限公司");
  SetMoney(tranche->mutable_principal(), 388658900);
  SetMoney(tranche->mutable_interest(), 320366200);
  tranche->mutable_interest_cutoff_date()->set_year(2021);
  tranche->mutable_interest_cutoff_date()->set_month(6);
  tranche->mutable_interest_cutoff_date()->set_day(30);
  tranche->mutable_contract_rate()->set_value("0.0435");
  claim.mutable_penalty()->set_unliquidated_basis("具体金额以法院判定为准");
  return claim;
}

std::string Statement(const Claim& claim) {
  std::ostringstream out;
  PrintClaimStatement(claim, out);
  return out.str();
}

// The first line of `text` that starts with `label` and a space, or "(no such line)".
std::string LineOf(const std::string& text, const std::string& label) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.compare(0, label.size() + 1, label + " ") == 0) return line;
  }
  return "(no such line)";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(PrintClaimStatement, UnderlinesTheTitleByItsDisplayWidth) {
  std::string text = Statement(SmallClaim());
  EXPECT_EQ(text.rfind("测试债权\n========\n", 0), 0u) << text;
}

TEST(PrintClaimStatement, ShowsIdentityStatusAndDebtor) {
  std::string text = Statement(SmallClaim());
  EXPECT_TRUE(Contains(LineOf(text, "id"), "c-1")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "version"), "3")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "status"), "held")) << text;
  EXPECT_TRUE(
      Contains(LineOf(text, "debtor"), "某某房地产开发有限公司 (credit code 91230103129876548L)"))
      << text;
  EXPECT_TRUE(Contains(LineOf(text, "currency"), "CNY")) << text;
}

// As every other view: 2026-11-29 11:29:25 UTC is 19:29:25 in Asia/Shanghai.
TEST(PrintClaimStatement, ShowsCreateAndUpdateTimesInShanghaiTime) {
  Claim claim = SmallClaim();
  claim.mutable_create_time()->set_seconds(1'795'951'765);
  claim.mutable_update_time()->set_seconds(1'795'951'765 + 3600);
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(LineOf(text, "created"), "2026-11-29 19:29:25 Asia/Shanghai")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "updated"), "2026-11-29 20:29:25 Asia/Shanghai")) << text;
}

TEST(PrintClaimStatement, ShowsPrincipalAndInterestInYuanAndWanYuan) {
  std::string text = Statement(SmallClaim());
  EXPECT_TRUE(Contains(LineOf(text, "principal"), "388,658,900.00 元 (38865.89 万元)")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "interest"), "320,366,200.00 元 (32036.62 万元)")) << text;
}

TEST(PrintClaimStatement, SaysTheCourtSetsAnUnliquidatedPenalty) {
  std::string text = Statement(SmallClaim());
  EXPECT_TRUE(Contains(LineOf(text, "penalty"), "to be set by the court: 具体金额以法院判定为准"))
      << text;
}

TEST(PrintClaimStatement, SumsTranchesAndLeavesOutAnUnliquidatedPenalty) {
  std::string text = Statement(SmallClaim());
  EXPECT_TRUE(Contains(LineOf(text, "total"),
                       "709,025,100.00 元 (70902.51 万元), not counting the penalty"))
      << text;
}

TEST(PrintClaimStatement, ShowsTrancheRowWithAmountsDateAndRate) {
  std::string text = Statement(SmallClaim());
  std::string row = LineOf(text, "1");
  EXPECT_TRUE(Contains(row, "中航信托股份有限公司")) << text;
  EXPECT_TRUE(Contains(row, "388,658,900.00")) << row;
  EXPECT_TRUE(Contains(row, "38865.89")) << row;
  EXPECT_TRUE(Contains(row, "320,366,200.00")) << row;
  EXPECT_TRUE(Contains(row, "32036.62")) << row;
  EXPECT_TRUE(Contains(row, "2021-06-30")) << row;
  EXPECT_TRUE(Contains(row, "4.35%")) << row;
}

TEST(PrintClaimStatement, SumsEveryTrancheWhenTheClaimHasNoTotals) {
  Claim claim = SmallClaim();
  disposal::v1::Tranche* second = claim.add_tranches();
  second->set_original_creditor("德阳银行成都分行");
  SetMoney(second->mutable_principal(), 60000000);
  SetMoney(second->mutable_interest(), 37425500);
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(LineOf(text, "principal"), "448,658,900.00 元 (44865.89 万元)")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "interest"), "357,791,700.00 元 (35779.17 万元)")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "total"), "806,450,600.00 元 (80645.06 万元)")) << text;
}

TEST(PrintClaimStatement, UsesTheServerTotalsWhenPresent) {
  Claim claim = SmallClaim();
  disposal::v1::ClaimTotals* totals = claim.mutable_totals();
  SetMoney(totals->mutable_principal(), 448658900);
  SetMoney(totals->mutable_interest(), 357791700);
  SetMoney(totals->mutable_total(), 806450600);
  totals->set_penalty_unliquidated(true);
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(LineOf(text, "principal"), "448,658,900.00 元 (44865.89 万元)")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "total"),
                       "806,450,600.00 元 (80645.06 万元), not counting the penalty"))
      << text;
  EXPECT_FALSE(Contains(text, "709,025,100.00")) << text;
}

TEST(PrintClaimStatement, CountsALiquidatedPenaltyInTheTotal) {
  Claim claim = SmallClaim();
  SetMoney(claim.mutable_penalty()->mutable_amount(), 1000, 500000000);
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(LineOf(text, "penalty"), "1,000.50 元 (0.10005 万元)")) << text;
  EXPECT_TRUE(Contains(LineOf(text, "total"), "709,026,100.50 元 (70902.61005 万元)")) << text;
  EXPECT_FALSE(Contains(text, "not counting the penalty")) << text;
  EXPECT_FALSE(Contains(text, "court")) << text;
}

TEST(PrintClaimStatement, SaysNoneForAClaimWithoutPenaltyOrCollateral) {
  Claim claim = SmallClaim();
  claim.clear_penalty();
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(LineOf(text, "penalty"), "none recorded")) << text;
  EXPECT_TRUE(Contains(text, "\nCollateral\nnone\n")) << text;
  EXPECT_TRUE(Contains(text, "\nGuarantees\nnone\n")) << text;
  EXPECT_TRUE(Contains(text, "\nLitigation\nnone\n")) << text;
}

TEST(PrintClaimStatement, SaysEachAccrualGivesTheTermsOfAClaimWithoutItsOwn) {
  std::string text = Statement(SmallClaim());
  EXPECT_EQ(LineOf(text, "accrues"), "accrues     on the terms each accrual gives") << text;
}

TEST(PrintClaimStatement, ShowsTheClaimsOwnBasisCompoundAndCourtInterest) {
  Claim claim = SmallClaim();
  disposal::v1::ClaimAccrualTerms* terms = claim.mutable_accrual_terms();
  terms->set_basis(disposal::v1::DAY_COUNT_BASIS_ACT_365);
  terms->set_compound_overdue_interest(true);
  SetMoney(terms->mutable_court_delay()->mutable_judgment_debt(), 1000);
  terms->mutable_court_delay()->mutable_delay_start()->set_year(2021);
  terms->mutable_court_delay()->mutable_delay_start()->set_month(7);
  terms->mutable_court_delay()->mutable_delay_start()->set_day(1);
  terms->mutable_court_delay()->mutable_daily_rate()->set_value("0.000175");
  std::string text = Statement(claim);
  EXPECT_EQ(LineOf(text, "accrues"),
            "accrues     ACT/365, compound interest on overdue interest, the court's interest on "
            "1,000.00 from 2021-07-01 at 0.000175 a day")
      << text;
}

TEST(PrintClaimStatement, ShowsAct360ForAClaimsOwnTermsWithTheDefaultBasis) {
  Claim claim = SmallClaim();
  claim.mutable_accrual_terms()->set_basis(disposal::v1::DAY_COUNT_BASIS_UNSPECIFIED);
  EXPECT_EQ(LineOf(Statement(claim), "accrues"), "accrues     ACT/360");
}

TEST(PrintClaimStatement, ShowsCollateralKindEncumbranceAndLitigation) {
  Claim claim = SmallClaim();
  disposal::v1::Collateral* collateral = claim.add_collateral();
  collateral->set_kind(disposal::v1::COLLATERAL_KIND_STREET_FRONT_SHOP);
  collateral->set_description("天悦国际 项目门市");
  collateral->set_lien_rank(1);
  SetMoney(collateral->mutable_appraised_value(), 12345678);
  collateral->add_encumbrances()->set_kind(disposal::v1::ENCUMBRANCE_KIND_TAKEN_IN_PAYMENT);
  disposal::v1::Litigation* lawsuit = claim.add_litigation();
  lawsuit->set_court("黑龙江省高级人民法院");
  lawsuit->set_stage(disposal::v1::LITIGATION_STAGE_IN_TRIAL);
  std::string text = Statement(claim);
  EXPECT_TRUE(Contains(text, "street-front-shop")) << text;
  EXPECT_TRUE(Contains(text, "12,345,678.00")) << text;
  EXPECT_TRUE(Contains(text, "taken-in-payment")) << text;
  EXPECT_TRUE(Contains(text, "黑龙江省高级人民法院")) << text;
  EXPECT_TRUE(Contains(text, "(not yet known)")) << text;
  EXPECT_TRUE(Contains(text, "in-trial")) << text;
}

TEST(PrintClaimTable, ShowsOneRowPerClaimWithWanYuanFigures) {
  google::protobuf::RepeatedPtrField<Claim> claims;
  *claims.Add() = SmallClaim();
  std::ostringstream out;
  PrintClaimTable(claims, out);
  std::string text = out.str();
  EXPECT_TRUE(Contains(text, "principal 万元")) << text;
  std::string row = LineOf(text, "c-1");
  EXPECT_TRUE(Contains(row, "测试债权")) << text;
  EXPECT_TRUE(Contains(row, "某某房地产开发有限公司")) << row;
  EXPECT_TRUE(Contains(row, "held")) << row;
  EXPECT_TRUE(Contains(row, "38865.89")) << row;
  EXPECT_TRUE(Contains(row, "70902.51")) << row;
  EXPECT_FALSE(Contains(row, "388,658,900.00")) << row;
}

TEST(PrintClaimTable, CutsLongTitlesToFortyColumns) {
  google::protobuf::RepeatedPtrField<Claim> claims;
  Claim claim = SmallClaim();
  claim.set_title(std::string(30, 'x') + "黑龙江省日出康城房地产");
  *claims.Add() = claim;
  std::ostringstream out;
  PrintClaimTable(claims, out);
  std::string row = LineOf(out.str(), "c-1");
  EXPECT_TRUE(Contains(row, std::string(30, 'x') + "黑龙江省…")) << row;
  EXPECT_FALSE(Contains(row, "日出")) << row;
}

// A carriage return in a title or a party's name would move the cursor back and let the
// text after it overwrite what the auditor reads.
TEST(PrintClaimStatement, ShowsControlCharactersOfTheTitleAndPartiesAsSpaces) {
  Claim claim = SmallClaim();
  claim.set_title("甲公司债权\r乙");
  claim.mutable_debtor()->mutable_organization()->set_name("某某公司\r\x1b[2J");
  const std::string text = Statement(claim);
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.rfind("甲公司债权 乙\n=============\n", 0), 0u) << text;
}

}  // namespace
}  // namespace disposalctl
