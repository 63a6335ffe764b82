// Input files are checked to be UTF-8 before they are read, naming the first line that is not.
#include "client/utf8_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client/document.h"
#include "client/eligibility_input.h"

namespace disposalctl {
namespace {

// "张三" in GBK: D5 C5 C8 FD.
const std::string kZhangInGbk = "\xD5\xC5\xC8\xFD";

TEST(CheckUtf8Text, AcceptsUtf8WithChineseText) {
  EXPECT_TRUE(CheckUtf8Text("title: 张三的债权\nstatus: held\n").ok());
}

TEST(CheckUtf8Text, NamesTheLineOfTheFirstByteThatIsNotUtf8) {
  const Status refused = CheckUtf8Text("title: a\nname: " + kZhangInGbk + "\n");
  EXPECT_EQ(refused.exit_code(), kExitBadInput);
  EXPECT_EQ(refused.message().rfind("line 2: not UTF-8 text", 0), 0u) << refused.message();
}

TEST(CheckUtf8Text, RefusesAnOverlongEncoding) {
  EXPECT_FALSE(CheckUtf8Text("a\xC0\xAF").ok());  // '/' in two bytes
}

TEST(CheckUtf8Text, ADocumentInGbkIsRefusedBeforeItIsParsed) {
  nlohmann::json tree;
  const Status refused =
      ParseDocument("title: " + kZhangInGbk + "\n", DocumentFormat::kYaml, &tree);
  EXPECT_EQ(refused.message().rfind("line 1: not UTF-8 text", 0), 0u) << refused.message();
}

TEST(CheckUtf8Text, ABidderFileInGbkIsRefusedNamingItsLine) {
  std::vector<BidderRow> bidders;
  const Status refused = ParseBidderCsv(
      "kind,identifier,name\nperson,11010519491231002X," + kZhangInGbk + "\n", &bidders);
  EXPECT_EQ(refused.message().rfind("line 2: not UTF-8 text", 0), 0u) << refused.message();
}

}  // namespace
}  // namespace disposalctl
