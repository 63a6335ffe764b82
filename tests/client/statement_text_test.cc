#include "client/statement_text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace disposalctl {
namespace {

TEST(PrintField, PadsTheLabelToItsWidthThenTwoSpaces) {
  std::ostringstream out;
  PrintField("id", "d-1", 6, out);
  EXPECT_EQ(out.str(), "id      d-1\n");
}

TEST(PrintField, PadsAChineseLabelByDisplayWidth) {
  std::ostringstream out;
  PrintField("王先生", "0451-53620829", 8, out);
  EXPECT_EQ(out.str(), "王先生    0451-53620829\n");
}

TEST(PrintField, TurnsControlCharactersInTheValueIntoSpaces) {
  std::ostringstream out;
  PrintField("note", "a\nb\x1b[0m", 4, out);
  EXPECT_EQ(out.str(), "note  a b [0m\n");
}

TEST(PrintSection, WritesABlankLineThenTheTitle) {
  std::ostringstream out;
  PrintSection("Lots", out);
  EXPECT_EQ(out.str(), "\nLots\n");
}

TEST(PrintTitle, UnderlinesByDisplayWidth) {
  std::ostringstream out;
  PrintTitle("处置 A", out);
  EXPECT_EQ(out.str(), "处置 A\n======\n");
}

TEST(PrintIndentedText, IndentsEachLineAndDropsTheFinalNewline) {
  std::ostringstream out;
  PrintIndentedText("第一行\n\n第三行\n", out);
  EXPECT_EQ(out.str(), "  第一行\n\n  第三行\n");
}

TEST(PrintIndentedText, KeepsNewlinesButBlanksOtherControls) {
  std::ostringstream out;
  PrintIndentedText("a\tb\rc\nd", out);
  EXPECT_EQ(out.str(), "  a b c\n  d\n");
}

TEST(OrDash, GivesADashForEmptyText) {
  EXPECT_EQ(OrDash(""), "-");
  EXPECT_EQ(OrDash("x"), "x");
}

TEST(YuanAndWan, ShowsBothUnits) {
  disposal::v1::Money money;
  money.set_units(806450600);
  EXPECT_EQ(YuanAndWan(money), "806,450,600.00 元 (80645.06 万元)");
}

TEST(YuanAndWan, KeepsFenInTheWanFigure) {
  disposal::v1::Money money;
  money.set_units(12345);
  money.set_nanos(670000000);
  EXPECT_EQ(YuanAndWan(money), "12,345.67 元 (1.234567 万元)");
}

}  // namespace
}  // namespace disposalctl
