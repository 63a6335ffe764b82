#include "client/friendly_json.h"

#include <gtest/gtest.h>

#include <string>

#include "client/document.h"
#include "disposal/v1/claims.pb.h"
#include "disposal/v1/eligibility.pb.h"

namespace disposalctl {
namespace {

using disposal::v1::Claim;
using nlohmann::json;

json YamlTree(const std::string& yaml) {
  json tree;
  Status status = ParseDocument(yaml, DocumentFormat::kYaml, &tree);
  EXPECT_TRUE(status.ok()) << status.message();
  return tree;
}

json JsonTree(const std::string& text) {
  json tree;
  Status status = ParseDocument(text, DocumentFormat::kJson, &tree);
  EXPECT_TRUE(status.ok()) << status.message();
  return tree;
}

// Loads `yaml` into a Claim, expecting success.
Claim ClaimFromYaml(const std::string& yaml) {
  Claim claim;
  Status status = MessageFromDocument(YamlTree(yaml), "claim", &claim);
  EXPECT_TRUE(status.ok()) << status.message();
  return claim;
}

// Loads `yaml` into a Claim, expecting a failure; gives its message.
std::string ClaimFailure(const std::string& yaml) {
  Claim claim;
  Status status = MessageFromDocument(YamlTree(yaml), "claim", &claim);
  EXPECT_FALSE(status.ok()) << "accepted:\n" << yaml;
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  return status.message();
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

constexpr char kSmallClaim[] = R"(
title: 测试债权
status: in-disposal
currency_code: CNY
version: 7
debtor:
  organization:
    name: 某某房地产开发有限公司
    credit_code: 91230103129876548L
    financial_institution: false
    state_owned: yes
tranches:
  - original_creditor: 中航信托股份有限公司
    principal: 38865.89万
    interest: 32036.62万
    interest_cutoff_date: 2021-06-30
    contract_rate: 4.35%
    penalty_rate: "0.0653"
  - original_creditor: 德阳银行成都分行
    principal: 6000万元
    interest: "374,255.00"
    interest_cutoff_date: 2021-6-3
penalty:
  amount: 1.5亿
collateral:
  - kind: street-front-shop
    description: 门市
    lien_rank: 2
    appraised_value: 806,450,600.00
    encumbrances:
      - kind: SEIZED
        date: 2020-01-15
litigation:
  - court: 黑龙江省高级人民法院
    stage: IN_TRIAL
)";

TEST(MessageFromDocument, ReadsPlainFieldsOfAYamlClaim) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  EXPECT_EQ(claim.title(), "测试债权");
  EXPECT_EQ(claim.currency_code(), "CNY");
  EXPECT_EQ(claim.version(), 7);
  EXPECT_EQ(claim.debtor().organization().name(), "某某房地产开发有限公司");
  EXPECT_EQ(claim.debtor().organization().credit_code(), "91230103129876548L");
  ASSERT_EQ(claim.tranches_size(), 2);
  EXPECT_EQ(claim.tranches(1).original_creditor(), "德阳银行成都分行");
  EXPECT_EQ(claim.litigation(0).court(), "黑龙江省高级人民法院");
}

TEST(MessageFromDocument, ReadsYamlBooleansWrittenAsTrueFalseYesNo) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  EXPECT_FALSE(claim.debtor().organization().financial_institution());
  EXPECT_TRUE(claim.debtor().organization().state_owned());
}

TEST(MessageFromDocument, ReadsFriendlyAmountsExactly) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  ASSERT_EQ(claim.tranches_size(), 2);
  EXPECT_EQ(claim.tranches(0).principal().units(), 388658900);
  EXPECT_EQ(claim.tranches(0).principal().nanos(), 0);
  EXPECT_EQ(claim.tranches(0).interest().units(), 320366200);
  EXPECT_EQ(claim.tranches(1).principal().units(), 60000000);
  EXPECT_EQ(claim.tranches(1).interest().units(), 374255);
  EXPECT_EQ(claim.penalty().amount().units(), 150000000);
  EXPECT_EQ(claim.collateral(0).appraised_value().units(), 806450600);
}

// A shareholding's percent is a number of percent: "30%" would read as the fraction 0.3, a 0.3%
// holding, so it is refused; 30 is taken as it is.
TEST(MessageFromDocument, RefusesAPercentWrittenWithAPercentSign) {
  disposal::v1::ParticipationEntry participation;
  const Status refused = MessageFromDocument(
      YamlTree("national_id: 11010519491231002X\npercent: 30%\n"), "participation", &participation);
  EXPECT_EQ(refused.exit_code(), kExitBadInput);
  EXPECT_NE(refused.message().find("participation.percent"), std::string::npos)
      << refused.message();
  const Status taken = MessageFromDocument(
      YamlTree("national_id: 11010519491231002X\npercent: 30\n"), "participation", &participation);
  ASSERT_TRUE(taken.ok()) << taken.message();
  EXPECT_EQ(participation.percent().value(), "30");
}

TEST(MessageFromDocument, ReadsShortEnumNames) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  EXPECT_EQ(claim.status(), disposal::v1::CLAIM_STATUS_IN_DISPOSAL);
  ASSERT_EQ(claim.collateral_size(), 1);
  EXPECT_EQ(claim.collateral(0).kind(), disposal::v1::COLLATERAL_KIND_STREET_FRONT_SHOP);
  ASSERT_EQ(claim.collateral(0).encumbrances_size(), 1);
  EXPECT_EQ(claim.collateral(0).encumbrances(0).kind(), disposal::v1::ENCUMBRANCE_KIND_SEIZED);
  EXPECT_EQ(claim.litigation(0).stage(), disposal::v1::LITIGATION_STAGE_IN_TRIAL);
}

// A number means whatever the proto's order makes it, and the zero value the server's default:
// in a file an enum is given by name.
TEST(MessageFromDocument, RefusesAnEnumGivenByNumberOrAsUnspecified) {
  for (const char* status : {"2", "0", "unspecified"}) {
    Claim claim;
    const Status refused =
        MessageFromDocument(YamlTree(std::string("status: ") + status + "\n"), "claim", &claim);
    EXPECT_EQ(refused.exit_code(), kExitBadInput) << status;
    EXPECT_NE(refused.message().find("claim.status"), std::string::npos) << refused.message();
  }
}

TEST(MessageFromDocument, ReadsDates) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  ASSERT_EQ(claim.tranches_size(), 2);
  EXPECT_EQ(claim.tranches(0).interest_cutoff_date().year(), 2021);
  EXPECT_EQ(claim.tranches(0).interest_cutoff_date().month(), 6);
  EXPECT_EQ(claim.tranches(0).interest_cutoff_date().day(), 30);
  EXPECT_EQ(claim.tranches(1).interest_cutoff_date().day(), 3);
  EXPECT_EQ(claim.collateral(0).encumbrances(0).date().month(), 1);
  EXPECT_EQ(claim.collateral(0).encumbrances(0).date().day(), 15);
}

TEST(MessageFromDocument, ReadsRatesAsFractions) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  EXPECT_EQ(claim.tranches(0).contract_rate().value(), "0.0435");
  EXPECT_EQ(claim.tranches(0).penalty_rate().value(), "0.0653");
  EXPECT_FALSE(claim.tranches(1).has_contract_rate());
}

TEST(MessageFromDocument, ReadsIntegersWrittenAsYamlText) {
  Claim claim = ClaimFromYaml(kSmallClaim);
  EXPECT_EQ(claim.collateral(0).lien_rank(), 2);
}

TEST(MessageFromDocument, ReadsJsonNamesAndJsonNumbers) {
  Claim claim;
  Status status =
      MessageFromDocument(JsonTree(R"({"title": "x", "tranches": [{"originalCreditor": "甲",
                  "principal": 38865.89, "interestCutoffDate": "2021-06-30",
                  "contractRate": 0.0435}]})"),
                          "claim", &claim);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(claim.tranches_size(), 1);
  EXPECT_EQ(claim.tranches(0).original_creditor(), "甲");
  EXPECT_EQ(claim.tranches(0).principal().units(), 38865);
  EXPECT_EQ(claim.tranches(0).principal().nanos(), 890000000);
  EXPECT_EQ(claim.tranches(0).interest_cutoff_date().year(), 2021);
  EXPECT_EQ(claim.tranches(0).contract_rate().value(), "0.0435");
}

TEST(MessageFromDocument, ReadsProtoJsonFormsOfAmountsDatesAndEnums) {
  Claim claim = ClaimFromYaml(R"(
status: CLAIM_STATUS_HELD
tranches:
  - principal: {units: "12", nanos: 500000000}
    interest_cutoff_date: {year: 2021, month: 6, day: 30}
    contract_rate: {value: "0.0435"}
)");
  EXPECT_EQ(claim.status(), disposal::v1::CLAIM_STATUS_HELD);
  ASSERT_EQ(claim.tranches_size(), 1);
  EXPECT_EQ(claim.tranches(0).principal().units(), 12);
  EXPECT_EQ(claim.tranches(0).principal().nanos(), 500000000);
  EXPECT_EQ(claim.tranches(0).interest_cutoff_date().day(), 30);
  EXPECT_EQ(claim.tranches(0).contract_rate().value(), "0.0435");
}

TEST(MessageFromDocument, ReadsTimestampsInRfc3339) {
  Claim claim = ClaimFromYaml("create_time: 2021-07-28T00:00:00Z\n");
  EXPECT_EQ(claim.create_time().seconds(), 1627430400);
}

// "principal:" left blank is no principal of 0: the file is refused, naming the key.
TEST(MessageFromDocument, RefusesAKeyLeftWithoutAValue) {
  for (const char* yaml :
       {"title: x\nstatus: ~\n", "tranches:\n  - principal:\n", "title: x\nstatus: null\n"}) {
    Claim claim;
    const Status status = MessageFromDocument(YamlTree(yaml), "claim", &claim);
    EXPECT_FALSE(status.ok()) << yaml;
    EXPECT_NE(status.message().find("no value given"), std::string::npos) << status.message();
  }
  Claim claim;
  const Status blank =
      MessageFromDocument(YamlTree("tranches:\n  - principal:\n"), "claim", &claim);
  EXPECT_NE(blank.message().find("claim.tranches[0].principal"), std::string::npos)
      << blank.message();
}

TEST(MessageFromDocument, ClearsTheMessageFirst) {
  Claim claim;
  claim.set_id("old-id");
  claim.set_title("old");
  Status status = MessageFromDocument(YamlTree("title: new\n"), "claim", &claim);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(claim.title(), "new");
  EXPECT_EQ(claim.id(), "");
}

TEST(MessageFromDocument, NamesAmountPathInError) {
  std::string message = ClaimFailure(R"(
tranches:
  - principal: 38865.89万
  - principal: 12.345
)");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[1].principal: ")) << message;
  EXPECT_NE(message.find("\"12.345\""), std::string::npos) << message;
  EXPECT_NE(message.find("finer than a fen"), std::string::npos) << message;
}

TEST(MessageFromDocument, NamesFirstTrancheAmountPathInError) {
  std::string message = ClaimFailure("tranches:\n  - principal: lots\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[0].principal: ")) << message;
  EXPECT_NE(message.find("\"lots\""), std::string::npos) << message;
}

TEST(MessageFromDocument, NamesEnumPathAndListsChoicesInError) {
  std::string message = ClaimFailure("collateral:\n  - kind: house\n");
  EXPECT_TRUE(StartsWith(message, "claim.collateral[0].kind: ")) << message;
  EXPECT_NE(message.find("unknown value \"house\""), std::string::npos) << message;
  EXPECT_NE(message.find("residential, office, street-front-shop"), std::string::npos) << message;
}

TEST(MessageFromDocument, NamesDatePathInError) {
  std::string message = ClaimFailure("tranches:\n  - interest_cutoff_date: 2021-02-29\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[0].interest_cutoff_date: ")) << message;
}

TEST(MessageFromDocument, NamesRatePathInError) {
  std::string message = ClaimFailure("tranches:\n  - contract_rate: high\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[0].contract_rate: ")) << message;
}

TEST(MessageFromDocument, NamesIntegerPathInError) {
  std::string message = ClaimFailure("collateral:\n  - lien_rank: first\n");
  EXPECT_TRUE(StartsWith(message, "claim.collateral[0].lien_rank: ")) << message;
  EXPECT_NE(message.find("whole number"), std::string::npos) << message;
}

TEST(MessageFromDocument, RefusesInt32OutOfRange) {
  std::string message = ClaimFailure("collateral:\n  - lien_rank: 2147483648\n");
  EXPECT_TRUE(StartsWith(message, "claim.collateral[0].lien_rank: ")) << message;
}

TEST(MessageFromDocument, NamesBooleanPathInError) {
  std::string message = ClaimFailure("debtor:\n  organization:\n    state_owned: maybe\n");
  EXPECT_TRUE(StartsWith(message, "claim.debtor.organization.state_owned: ")) << message;
}

TEST(MessageFromDocument, NamesUnknownFieldAndItsMessage) {
  std::string message = ClaimFailure("tranches:\n  - principle: 6000万\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[0]: ")) << message;
  EXPECT_NE(message.find("unknown field \"principle\""), std::string::npos) << message;
}

TEST(MessageFromDocument, RefusesTwoMembersOfOneOneof) {
  std::string message = ClaimFailure("penalty:\n  amount: 12\n  unliquidated_basis: 待定\n");
  EXPECT_TRUE(StartsWith(message, "claim.penalty: ")) << message;
  EXPECT_NE(message.find("give only one of"), std::string::npos) << message;
}

TEST(MessageFromDocument, RefusesFieldGivenByBothItsNames) {
  std::string message =
      ClaimFailure("tranches:\n  - original_creditor: 甲\n    originalCreditor: 乙\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[0]: ")) << message;
  EXPECT_NE(message.find("given twice"), std::string::npos) << message;
}

TEST(MessageFromDocument, RefusesEmptyListEntryNamingIt) {
  std::string message = ClaimFailure("tranches:\n  - principal: 1\n  -\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches[1]: ")) << message;
}

TEST(MessageFromDocument, RefusesScalarWhereAListBelongs) {
  std::string message = ClaimFailure("tranches: 6000万\n");
  EXPECT_TRUE(StartsWith(message, "claim.tranches: ")) << message;
  EXPECT_NE(message.find("expected a list"), std::string::npos) << message;
}

TEST(MessageFromDocument, RefusesListWhereAnAmountBelongs) {
  std::string message = ClaimFailure("penalty:\n  amount: [1, 2]\n");
  EXPECT_TRUE(StartsWith(message, "claim.penalty.amount: ")) << message;
  EXPECT_NE(message.find("expected an amount"), std::string::npos) << message;
}

TEST(ToProtoJson, WritesAmountAsUnitsStringAndNanosNumber) {
  json out;
  Status status = ToProtoJson(json("1,234.56"), *disposal::v1::Money::descriptor(), "m", &out);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(out, json({{"units", "1234"}, {"nanos", 560000000}}));
}

TEST(ToProtoJson, LeavesOutZeroNanosOfAWholeAmount) {
  json out;
  ASSERT_TRUE(ToProtoJson(json("38865.89万"), *disposal::v1::Money::descriptor(), "m", &out).ok());
  EXPECT_EQ(out, json({{"units", "388658900"}}));
}

TEST(ToProtoJson, WritesNegativeAmountWithBothPartsNegative) {
  json out;
  ASSERT_TRUE(ToProtoJson(json("-0.5"), *disposal::v1::Money::descriptor(), "m", &out).ok());
  EXPECT_EQ(out, json({{"nanos", -500000000}}));
}

TEST(ToProtoJson, WritesEnumByFullName) {
  json out;
  ASSERT_TRUE(ToProtoJson(json({{"kind", "residential"}}), *disposal::v1::Collateral::descriptor(),
                          "c", &out)
                  .ok());
  EXPECT_EQ(out, json({{"kind", "COLLATERAL_KIND_RESIDENTIAL"}}));
}

TEST(ToProtoJson, StartsErrorPathsAtTheGivenPath) {
  json out;
  Status status = ToProtoJson(json({{"kind", "house"}}), *disposal::v1::Collateral::descriptor(),
                              "request.claim.collateral[3]", &out);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(StartsWith(status.message(), "request.claim.collateral[3].kind: "))
      << status.message();
}

}  // namespace
}  // namespace disposalctl
