#include "client/eligibility_input.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace disposalctl {
namespace {

using disposal::v1::CheckBidderEligibilityRequest;

constexpr char kDisposal[] = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
constexpr char kZhang[] = "11010519491231002X";
constexpr char kCompany[] = "91110000100000000R";

CheckBidderOptions PersonOptions() {
  CheckBidderOptions options;
  options.disposal_id = kDisposal;
  options.person = kZhang;
  options.name = "张三";
  return options;
}

::testing::AssertionResult FailsWith(const Status& status, const std::string& part) {
  if (status.ok()) return ::testing::AssertionFailure() << "succeeded";
  if (status.exit_code() != kExitBadInput || status.message().find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected failure: " << status.ToLine();
  }
  return ::testing::AssertionSuccess();
}

TEST(BuildCheckRequestTest, BuildsAPersonWithAmountsAndDate) {
  CheckBidderOptions options = PersonOptions();
  options.own_labour_income = true;
  options.deposit_paid = "50万";
  options.proof_of_funds = "1,234,567.89";
  options.as_of = "2026-11-05";
  CheckBidderEligibilityRequest request;
  Status status = BuildCheckRequest(options, &request);
  ASSERT_TRUE(status.ok()) << status.ToLine();
  EXPECT_EQ(request.disposal_id(), kDisposal);
  ASSERT_TRUE(request.bidder().has_person());
  EXPECT_EQ(request.bidder().person().national_id(), kZhang);
  EXPECT_EQ(request.bidder().person().name(), "张三");
  EXPECT_TRUE(request.declared_own_labour_income());
  EXPECT_EQ(request.deposit_paid().units(), 500000);
  EXPECT_EQ(request.deposit_paid().nanos(), 0);
  EXPECT_EQ(request.proof_of_funds().units(), 1234567);
  EXPECT_EQ(request.proof_of_funds().nanos(), 890000000);
  EXPECT_EQ(request.as_of().year(), 2026);
  EXPECT_EQ(request.as_of().month(), 11);
  EXPECT_EQ(request.as_of().day(), 5);
}

TEST(BuildCheckRequestTest, LeavesOptionalFieldsUnsetForAnOrganization) {
  CheckBidderOptions options;
  options.disposal_id = kDisposal;
  options.organization = kCompany;
  options.name = "某投资公司";
  CheckBidderEligibilityRequest request;
  ASSERT_TRUE(BuildCheckRequest(options, &request).ok());
  ASSERT_TRUE(request.bidder().has_organization());
  EXPECT_EQ(request.bidder().organization().credit_code(), kCompany);
  EXPECT_EQ(request.bidder().organization().name(), "某投资公司");
  EXPECT_FALSE(request.has_deposit_paid());
  EXPECT_FALSE(request.has_proof_of_funds());
  EXPECT_FALSE(request.has_as_of());
}

TEST(BuildCheckRequestTest, RefusesBadOptions) {
  CheckBidderEligibilityRequest request;
  CheckBidderOptions neither = PersonOptions();
  neither.person.clear();
  EXPECT_TRUE(FailsWith(BuildCheckRequest(neither, &request), "--person NATIONAL_ID or"));
  CheckBidderOptions both = PersonOptions();
  both.organization = kCompany;
  EXPECT_TRUE(FailsWith(BuildCheckRequest(both, &request), "exactly one"));
  CheckBidderOptions nameless = PersonOptions();
  nameless.name.clear();
  EXPECT_TRUE(FailsWith(BuildCheckRequest(nameless, &request), "--name"));
  CheckBidderOptions company = PersonOptions();
  company.person.clear();
  company.organization = kCompany;
  company.own_labour_income = true;
  EXPECT_TRUE(FailsWith(BuildCheckRequest(company, &request), "--own-labour-income"));
  CheckBidderOptions amount = PersonOptions();
  amount.deposit_paid = "lots";
  EXPECT_TRUE(FailsWith(BuildCheckRequest(amount, &request), "--deposit-paid: \"lots\""));
  CheckBidderOptions fen = PersonOptions();
  fen.proof_of_funds = "0.001";
  EXPECT_TRUE(FailsWith(BuildCheckRequest(fen, &request), "--proof-of-funds"));
  CheckBidderOptions date = PersonOptions();
  date.as_of = "2026-02-30";
  EXPECT_TRUE(FailsWith(BuildCheckRequest(date, &request), "--as-of"));
  CheckBidderOptions negative = PersonOptions();
  negative.deposit_paid = "-50万";
  EXPECT_TRUE(FailsWith(BuildCheckRequest(negative, &request),
                        "--deposit-paid: \"-50万\" must be zero or more"));
}

TEST(ParseBidderCsvTest, RefusesANegativeAmountOnItsLine) {
  std::vector<BidderRow> bidders;
  const std::string zhang = "person," + std::string(kZhang) + ",张三,0,";
  EXPECT_TRUE(FailsWith(ParseBidderCsv(zhang + "0,-1.00\n", &bidders),
                        "line 1: proof_of_funds: \"-1.00\" must be zero or more"));
}

TEST(ParseBidderCsvTest, ReadsPersonsAndOrganizationsWithLineNumbers) {
  const std::string text = std::string("\xEF\xBB\xBF") +
                           "kind,identifier,name,own_labour_income\r\n"
                           "# bidders registered by 2026-11-01\n"
                           "person," +
                           kZhang +
                           ",张三\r\n"
                           "\n"
                           "person, 110105200901010011 , 李小明 ,1\n"
                           "organization," +
                           kCompany + ",\"某某投资有限公司,北京分公司\"\n";
  std::vector<BidderRow> bidders;
  Status status = ParseBidderCsv(text, &bidders);
  ASSERT_TRUE(status.ok()) << status.ToLine();
  ASSERT_EQ(bidders.size(), 3u);
  EXPECT_EQ(bidders[0].line, 3u);
  EXPECT_EQ(PartyKindName(bidders[0].bidder), "person");
  EXPECT_EQ(PartyIdentifier(bidders[0].bidder), kZhang);
  EXPECT_EQ(PartyName(bidders[0].bidder), "张三");
  EXPECT_FALSE(bidders[0].own_labour_income);
  EXPECT_EQ(bidders[1].line, 5u);
  EXPECT_EQ(PartyIdentifier(bidders[1].bidder), "110105200901010011");
  EXPECT_EQ(PartyName(bidders[1].bidder), "李小明");
  EXPECT_TRUE(bidders[1].own_labour_income);
  EXPECT_EQ(bidders[2].line, 6u);
  EXPECT_EQ(PartyKindName(bidders[2].bidder), "organization");
  EXPECT_EQ(PartyIdentifier(bidders[2].bidder), kCompany);
  EXPECT_EQ(PartyName(bidders[2].bidder), "某某投资有限公司,北京分公司");
}

TEST(ParseBidderCsvTest, ReadsTheDepositPaidAndProofOfFundsOfEachBidder) {
  std::vector<BidderRow> bidders;
  const Status status =
      ParseBidderCsv("person," + std::string(kZhang) + ",张三,0,50万\n" + "organization," +
                         kCompany + ",某公司,,,1000000\n" + "person," + kZhang + ",张三\n",
                     &bidders);
  ASSERT_TRUE(status.ok()) << status.ToLine();
  ASSERT_EQ(bidders.size(), 3u);
  ASSERT_TRUE(bidders[0].deposit_paid.has_value());
  EXPECT_EQ(bidders[0].deposit_paid->units(), 500000);
  EXPECT_FALSE(bidders[0].proof_of_funds.has_value());
  EXPECT_FALSE(bidders[1].deposit_paid.has_value());
  ASSERT_TRUE(bidders[1].proof_of_funds.has_value());
  EXPECT_EQ(bidders[1].proof_of_funds->units(), 1000000);
  EXPECT_FALSE(bidders[2].deposit_paid.has_value());
}

// Unquoted, "50,000" is two columns: a deposit of 50 and proof of funds of "000".
TEST(ParseBidderCsvTest, RefusesAnAmountSplitAtAnUnquotedThousandsComma) {
  std::vector<BidderRow> bidders;
  const std::string zhang = "person," + std::string(kZhang) + ",张三,0,";
  EXPECT_TRUE(FailsWith(ParseBidderCsv(zhang + "50,000\n", &bidders),
                        "line 1: proof_of_funds: \"000\" has a leading zero"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv(zhang + "50,500\n", &bidders),
                        "line 1: deposit_paid and proof_of_funds: \"50\" and \"500\" read as "
                        "one amount split at its thousands comma"));
  // As staff write money: a group of three then the rest of the amount.
  for (const char* written : {"1,500万", "12,345.67", "1,500.00"}) {
    EXPECT_TRUE(FailsWith(ParseBidderCsv(zhang + written + "\n", &bidders),
                          "read as one amount split at its thousands comma"))
        << written;
  }
  // Two amounts whose second does not begin with a group of three digits are two amounts.
  ASSERT_TRUE(ParseBidderCsv(zhang + "1,5000\n" + zhang + "1,50万\n", &bidders).ok());
  EXPECT_EQ(bidders[0].proof_of_funds->units(), 5000);
}

TEST(ParseBidderCsvTest, AcceptsAQuotedAmountWithCommasAndTwoAmountsWithDecimals) {
  std::vector<BidderRow> bidders;
  const std::string zhang = "person," + std::string(kZhang) + ",张三,0,";
  ASSERT_TRUE(ParseBidderCsv(zhang + "\"50,000\"\n" + zhang + "50.00,500.00\n", &bidders).ok());
  ASSERT_EQ(bidders.size(), 2u);
  EXPECT_EQ(bidders[0].deposit_paid->units(), 50000);
  EXPECT_EQ(bidders[1].deposit_paid->units(), 50);
  EXPECT_EQ(bidders[1].proof_of_funds->units(), 500);
}

TEST(ParseBidderCsvTest, QuotesMayBeDoubledInsideAQuotedName) {
  std::vector<BidderRow> bidders;
  Status status = ParseBidderCsv(
      "organization,\"" + std::string(kCompany) + "\",\"某公司 \"\"东区\"\"\"  ,0\n", &bidders);
  ASSERT_TRUE(status.ok()) << status.ToLine();
  ASSERT_EQ(bidders.size(), 1u);
  EXPECT_EQ(PartyName(bidders[0].bidder), "某公司 \"东区\"");
}

TEST(ParseBidderCsvTest, RefusesBadLinesNamingThem) {
  std::vector<BidderRow> bidders;
  const std::string good = "person," + std::string(kZhang) + ",张三\n";
  EXPECT_TRUE(FailsWith(ParseBidderCsv(good + "company,x,y\n", &bidders),
                        "line 2: unknown kind \"company\""));
  EXPECT_TRUE(FailsWith(ParseBidderCsv(good + "person," + kZhang + "\n", &bidders),
                        "line 2: expected kind,identifier,name"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv(good + "person,a,b,1,2,3,4\n", &bidders), "got 7 columns"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,x,y,0,lots\n", &bidders), "line 1: deposit_paid"));
  EXPECT_TRUE(
      FailsWith(ParseBidderCsv("person,x,y,0,,1.234\n", &bidders), "line 1: proof_of_funds"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,,张三\n", &bidders), "line 1: the identifier"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,x,\"\"\n", &bidders), "line 1: the name"));
  EXPECT_TRUE(
      FailsWith(ParseBidderCsv("person,x,y,yes\n", &bidders), "own_labour_income must be 0 or 1"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("organization,x,y,1\n", &bidders), "persons only"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,x,\"y\n", &bidders), "line 1: a quote is never"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,x,\"y\"z\n", &bidders), "text after a closing"));
  EXPECT_TRUE(FailsWith(ParseBidderCsv("person,x,y\"z\n", &bidders), "a quote inside"));
}

TEST(ParseBidderCsvTest, RefusesAFileWithoutBidders) {
  std::vector<BidderRow> bidders;
  EXPECT_TRUE(FailsWith(ParseBidderCsv("", &bidders), "no bidders"));
  EXPECT_TRUE(
      FailsWith(ParseBidderCsv("# nothing\n\nkind,identifier,name\n", &bidders), "no bidders"));
}

}  // namespace
}  // namespace disposalctl
