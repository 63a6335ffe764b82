// The whole-number check of disposalctl's id and version options.
#include "client/number_checks.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace disposalctl
