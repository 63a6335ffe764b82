#include "client/decimal_digits.h"

#include <gtest/gtest.h>

#include <string>

namespace disposalctl {
namespace {

DecimalDigits Number(bool negative, std::string digits, int scale) {
  DecimalDigits number;
  number.negative = negative;
  number.digits = std::move(digits);
  number.scale = scale;
  return number;
}

// The value of `number` in plain notation, for comparing values whose digit strings may
// differ in leading or trailing zeros.
std::string Plain(const DecimalDigits& number) {
  return FormatDecimalDigits(number, 0, Grouping::kRefuse);
}

TEST(ParseDecimalDigits, ReadsSignDigitsAndScale) {
  DecimalDigits number;
  ASSERT_TRUE(ParseDecimalDigits("-38865.89", Grouping::kRefuse, &number).ok());
  EXPECT_TRUE(number.negative);
  EXPECT_EQ(number.digits, "3886589");
  EXPECT_EQ(number.scale, 2);
}

TEST(ParseDecimalDigits, ReadsCommaGroupedWholePartWhenAllowed) {
  DecimalDigits number;
  ASSERT_TRUE(ParseDecimalDigits("806,450,600.00", Grouping::kAllowCommas, &number).ok());
  EXPECT_FALSE(number.negative);
  EXPECT_EQ(number.digits, "80645060000");
  EXPECT_EQ(number.scale, 2);
}

TEST(ParseDecimalDigits, RefusesAGroupedWholePartStartingWithZero) {
  DecimalDigits number;
  EXPECT_FALSE(ParseDecimalDigits("0,500", Grouping::kAllowCommas, &number).ok());
  EXPECT_FALSE(ParseDecimalDigits("00,001.00", Grouping::kAllowCommas, &number).ok());
  EXPECT_TRUE(ParseDecimalDigits("1,000", Grouping::kAllowCommas, &number).ok());
}

TEST(ParseDecimalDigits, RefusesCommasWhenGroupingIsRefused) {
  DecimalDigits number;
  Status status = ParseDecimalDigits("1,000", Grouping::kRefuse, &number);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("\"1,000\""), std::string::npos) << status.message();
}

TEST(ParseDecimalDigits, RefusesExponents) {
  DecimalDigits number;
  EXPECT_FALSE(ParseDecimalDigits("1e5", Grouping::kAllowCommas, &number).ok());
  EXPECT_FALSE(ParseDecimalDigits("1.5E+3", Grouping::kAllowCommas, &number).ok());
}

TEST(ParseDecimalDigits, LeavesNumberUnchangedOnFailure) {
  DecimalDigits number = Number(true, "42", 1);
  EXPECT_FALSE(ParseDecimalDigits("12x", Grouping::kAllowCommas, &number).ok());
  EXPECT_TRUE(number.negative);
  EXPECT_EQ(number.digits, "42");
  EXPECT_EQ(number.scale, 1);
}

TEST(MultiplyByPowerOfTen, MovesThePointRightPastTheFraction) {
  EXPECT_EQ(Plain(MultiplyByPowerOfTen(Number(false, "3886589", 2), 4)), "388658900");
  EXPECT_EQ(Plain(MultiplyByPowerOfTen(Number(false, "15", 1), 8)), "150000000");
  EXPECT_EQ(Plain(MultiplyByPowerOfTen(Number(false, "435", 4), 2)), "4.35");
}

TEST(DivideByPowerOfTen, MovesThePointLeft) {
  EXPECT_EQ(Plain(DivideByPowerOfTen(Number(false, "435", 2), 2)), "0.0435");
  EXPECT_EQ(Plain(DivideByPowerOfTen(Number(true, "1", 0), 6)), "-0.000001");
}

TEST(ToScaledInteger, GivesDigitsOfTheScaledValue) {
  std::string digits;
  ASSERT_TRUE(ToScaledInteger(Number(false, "3886589", 2), 2, &digits));
  EXPECT_EQ(digits, "3886589");
  ASSERT_TRUE(ToScaledInteger(Number(false, "12", 0), 2, &digits));
  EXPECT_EQ(digits, "1200");
  ASSERT_TRUE(ToScaledInteger(Number(false, "00750", 3), 2, &digits));
  EXPECT_EQ(digits, "75");
}

TEST(ToScaledInteger, GivesZeroWithoutLeadingZeros) {
  std::string digits;
  ASSERT_TRUE(ToScaledInteger(Number(false, "0000", 2), 2, &digits));
  EXPECT_EQ(digits, "0");
}

TEST(ToScaledInteger, RefusesToDropANonZeroDigit) {
  std::string digits;
  EXPECT_FALSE(ToScaledInteger(Number(false, "1001", 3), 2, &digits));
  EXPECT_FALSE(ToScaledInteger(Number(false, "15", 3), 2, &digits));
}

// 10^-9 held as the single digit "1" at scale 9: fewer digits than the 7 decimals to drop.
TEST(ToScaledInteger, RefusesTinyValueHeldInFewerDigitsThanItsScale) {
  std::string digits;
  bool scaled = true;
  EXPECT_NO_THROW(scaled = ToScaledInteger(Number(false, "1", 9), 2, &digits));
  EXPECT_FALSE(scaled) << digits;
}

TEST(ToScaledInteger, RefusesTinyValueMadeByDivision) {
  std::string digits;
  bool scaled = true;
  EXPECT_NO_THROW(scaled =
                      ToScaledInteger(DivideByPowerOfTen(Number(false, "5", 0), 6), 2, &digits));
  EXPECT_FALSE(scaled) << digits;
}

TEST(ToScaledInteger, GivesZeroForZeroHeldInFewerDigitsThanItsScale) {
  std::string digits;
  bool scaled = false;
  EXPECT_NO_THROW(scaled = ToScaledInteger(Number(false, "0", 5), 2, &digits));
  EXPECT_TRUE(scaled);
  EXPECT_EQ(digits, "0");
}

TEST(FormatDecimalDigits, PadsToTheMinimumDecimals) {
  EXPECT_EQ(FormatDecimalDigits(Number(false, "6000", 0), 2, Grouping::kRefuse), "6000.00");
  EXPECT_EQ(FormatDecimalDigits(Number(false, "5", 1), 2, Grouping::kRefuse), "0.50");
}

TEST(FormatDecimalDigits, DropsTrailingZerosBeyondTheMinimum) {
  EXPECT_EQ(FormatDecimalDigits(Number(false, "1234500", 5), 2, Grouping::kRefuse), "12.345");
  EXPECT_EQ(FormatDecimalDigits(Number(false, "1200", 3), 0, Grouping::kRefuse), "1.2");
  EXPECT_EQ(FormatDecimalDigits(Number(false, "1000", 3), 0, Grouping::kRefuse), "1");
}

TEST(FormatDecimalDigits, GroupsWholePartByThreesWhenAsked) {
  EXPECT_EQ(FormatDecimalDigits(Number(false, "80645060000", 2), 2, Grouping::kAllowCommas),
            "806,450,600.00");
  EXPECT_EQ(FormatDecimalDigits(Number(false, "1234567", 0), 0, Grouping::kAllowCommas),
            "1,234,567");
  EXPECT_EQ(FormatDecimalDigits(Number(false, "123", 0), 0, Grouping::kAllowCommas), "123");
}

TEST(FormatDecimalDigits, StripsLeadingZerosOfTheWholePart) {
  EXPECT_EQ(FormatDecimalDigits(Number(false, "000123", 0), 0, Grouping::kAllowCommas), "123");
}

TEST(FormatDecimalDigits, NeverPrintsMinusZero) {
  EXPECT_EQ(FormatDecimalDigits(Number(true, "000", 2), 2, Grouping::kRefuse), "0.00");
  EXPECT_EQ(FormatDecimalDigits(Number(true, "0", 0), 0, Grouping::kRefuse), "0");
}

TEST(FormatDecimalDigits, PrintsMinusForNegativeValue) {
  EXPECT_EQ(FormatDecimalDigits(Number(true, "123456", 2), 2, Grouping::kAllowCommas), "-1,234.56");
}

}  // namespace
}  // namespace disposalctl
