// The whole-number check of disposalctl's number options (ids, versions, page sizes, ...).
#include "client/number_checks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace disposalctl {
namespace {

// The check's message for `text`; empty when accepted.
std::string Checked(const CLI::Validator& check, std::string text) { return check(text); }

TEST(WholeNumberFromTest, AcceptsWholeNumbersFromTheMinimumUp) {
  EXPECT_EQ(Checked(WholeNumberFrom(1), "1"), "");
  EXPECT_EQ(Checked(WholeNumberFrom(1), "9223372036854775807"), "");
  EXPECT_EQ(Checked(WholeNumberFrom(0), "0"), "");
}

TEST(WholeNumberFromTest, RefusesTextNamingTheRangeAndWhatWasGiven) {
  EXPECT_EQ(Checked(WholeNumberFrom(1), "abc"),
            "must be a whole number from 1 to 9223372036854775807, got \"abc\"");
}

TEST(WholeNumberFromTest, RefusesNumbersBelowTheMinimumFractionsAndEmptyText) {
  EXPECT_NE(Checked(WholeNumberFrom(1), "0"), "");
  EXPECT_NE(Checked(WholeNumberFrom(0), "-3"), "");
  EXPECT_NE(Checked(WholeNumberFrom(1), "4.5"), "");
  EXPECT_NE(Checked(WholeNumberFrom(1), ""), "");
}

// It was sent as 9223372036854775807, another entry than the one typed.
TEST(WholeNumberFromTest, RefusesANumberPastInt64InsteadOfClampingIt) {
  EXPECT_NE(Checked(WholeNumberFrom(1), "99999999999999999999999"), "");
}

// The text CLI11 converts after the transform: the number's plain decimal form.
std::string Rewritten(const CLI::Validator& transform, std::string text) {
  const std::string message = transform(text);
  return message.empty() ? text : "refused: " + message;
}

TEST(WholeNumberInTest, RewritesLeadingZerosAwaySoTheNumberIsReadAsDecimal) {
  EXPECT_EQ(Rewritten(WholeNumberFrom(1), "010"), "10");
  EXPECT_EQ(Rewritten(WholeNumberFrom(1), "08"), "8");
  EXPECT_EQ(Rewritten(WholeNumberIn(1, 250), "0020"), "20");
}

TEST(WholeNumberInTest, RefusesHexadecimalAndNumbersPastTheMaximum) {
  EXPECT_EQ(Rewritten(WholeNumberIn(1, 200), "0x10"),
            "refused: must be a whole number from 1 to 200, got \"0x10\"");
  EXPECT_EQ(Rewritten(WholeNumberIn(1, 200), "201"),
            "refused: must be a whole number from 1 to 200, got \"201\"");
  EXPECT_EQ(Rewritten(WholeNumberIn(1, 200), "200"), "200");
}

// CLI11 2.1 converts integers with strtoll(text, base 0): without the rewrite "010" is 8.
TEST(WholeNumberInTest, AnOptionGivenWithALeadingZeroHoldsTheDecimalNumber) {
  CLI::App app;
  std::int64_t entry_id = 0;
  int working_days = 0;
  app.add_option("entry_id", entry_id)->transform(WholeNumberFrom(1));
  app.add_option("--days", working_days)->transform(WholeNumberIn(1, 250));
  const char* argv[] = {"disposalctl", "010", "--days", "020"};
  app.parse(4, argv);
  EXPECT_EQ(entry_id, 10);
  EXPECT_EQ(working_days, 20);
}

}  // namespace
}  // namespace disposalctl
