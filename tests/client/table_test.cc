#include "client/table.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace disposalctl {
namespace {

std::string Printed(const Table& table) {
  std::ostringstream out;
  table.Print(out);
  return out.str();
}

TEST(DisplayWidth, CountsAsciiOneColumnEach) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc 1,000.00"), 12u);
}

TEST(DisplayWidth, CountsCjkIdeographsTwoColumnsEach) {
  EXPECT_EQ(DisplayWidth("中文"), 4u);
  EXPECT_EQ(DisplayWidth("万元"), 4u);
  EXPECT_EQ(DisplayWidth("principal 元"), 12u);
  EXPECT_EQ(DisplayWidth("黑龙江省日出康城房地产开发有限公司"), 34u);
}

TEST(DisplayWidth, CountsFullwidthFormsAndCjkPunctuationTwoColumns) {
  EXPECT_EQ(DisplayWidth("（示例）"), 8u);
  EXPECT_EQ(DisplayWidth("。"), 2u);
  EXPECT_EQ(DisplayWidth("１"), 2u);
}

TEST(DisplayWidth, CountsKanaAndHangulTwoColumns) {
  EXPECT_EQ(DisplayWidth("カ"), 2u);
  EXPECT_EQ(DisplayWidth("한"), 2u);
}

TEST(DisplayWidth, CountsCombiningMarksZeroColumns) {
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);  // e + U+0301 combining acute accent
}

TEST(DisplayWidth, CountsNarrowNonAsciiOneColumn) {
  EXPECT_EQ(DisplayWidth("¥"), 1u);
  EXPECT_EQ(DisplayWidth("é"), 1u);
  EXPECT_EQ(DisplayWidth("…"), 1u);
}

TEST(DisplayWidth, CountsMalformedBytesOneColumnEach) {
  EXPECT_EQ(DisplayWidth("\xFF"), 1u);
  EXPECT_EQ(DisplayWidth("a\xE4\xB8"), 3u);  // a + two bytes of a cut-off three-byte sequence
  EXPECT_EQ(DisplayWidth("\x80\x80"), 2u);
}

TEST(TruncateToWidth, LeavesTextThatFitsUnchanged) {
  EXPECT_EQ(TruncateToWidth("abcd", 4), "abcd");
  EXPECT_EQ(TruncateToWidth("中文", 4), "中文");
}

TEST(TruncateToWidth, CutsAsciiAndEndsInEllipsis) {
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
  EXPECT_EQ(TruncateToWidth("abcdef", 1), "…");
}

TEST(TruncateToWidth, NeverSplitsAWideCharacter) {
  EXPECT_EQ(TruncateToWidth("中华人民共和国", 5), "中华…");
  EXPECT_EQ(TruncateToWidth("中华人民共和国", 4), "中…");
  EXPECT_EQ(TruncateToWidth("中华人民共和国", 2), "…");
}

TEST(Table, AlignsColumnsAfterCjkText) {
  Table table;
  table.AddColumn("name");
  table.AddColumn("amount", Align::kRight);
  table.AddRow({"中国长城", "1.00"});
  table.AddRow({"abc", "22,000.00"});
  EXPECT_EQ(Printed(table),
            "name         amount\n"
            "--------  ---------\n"
            "中国长城       1.00\n"
            "abc       22,000.00\n");
}

TEST(Table, WidensColumnToItsCjkHeader) {
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("本金 万元", Align::kRight);
  table.AddRow({"1", "6000.00"});
  EXPECT_EQ(Printed(table),
            "#  本金 万元\n"
            "-  ---------\n"
            "1    6000.00\n");
}

TEST(Table, EndsNoLineInSpaces) {
  Table table;
  table.AddColumn("creditor");
  table.AddColumn("note");
  table.AddRow({"甲", ""});
  table.AddRow({"a", "x"});
  EXPECT_EQ(Printed(table),
            "creditor  note\n"
            "--------  ----\n"
            "甲\n"
            "a         x\n");
}

TEST(Table, TurnsControlCharactersIntoSpaces) {
  Table table;
  table.AddColumn("note");
  table.AddRow({"a\nb\tc"});
  EXPECT_EQ(Printed(table),
            "note\n"
            "-----\n"
            "a b c\n");
}

TEST(Table, TruncatesCellsBeyondTheColumnMaximum) {
  Table table;
  table.AddColumn("title", Align::kLeft, 6);
  table.AddColumn("v", Align::kRight);
  table.AddRow({"黑龙江省日出康城", "1"});
  EXPECT_EQ(Printed(table),
            "title  v\n"
            "-----  -\n"
            "黑龙…  1\n");
}

TEST(Table, PrintsRuleWhereAdded) {
  Table table;
  table.AddColumn("item");
  table.AddColumn("amount", Align::kRight);
  table.AddRow({"甲", "1.00"});
  table.AddRule();
  table.AddRow({"total", "1.00"});
  EXPECT_EQ(Printed(table),
            "item   amount\n"
            "-----  ------\n"
            "甲       1.00\n"
            "-----  ------\n"
            "total    1.00\n");
}

TEST(Table, PrintsHeaderAndRuleWithoutRows) {
  Table table;
  table.AddColumn("id");
  table.AddColumn("title");
  EXPECT_EQ(Printed(table),
            "id  title\n"
            "--  -----\n");
}

}  // namespace
}  // namespace disposalctl
