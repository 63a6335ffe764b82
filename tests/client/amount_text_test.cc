#include "client/amount_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace disposalctl {
namespace {

using disposal::v1::Money;

Money MoneyOf(std::int64_t units, std::int32_t nanos) {
  Money money;
  money.set_units(units);
  money.set_nanos(nanos);
  return money;
}

// Parses `text` and compares the result with the expected units and nanos.
::testing::AssertionResult ReadsAs(std::string_view text, std::int64_t units, std::int32_t nanos) {
  Money money;
  Status status = ParseAmountText(text, &money);
  if (!status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" refused: " << status.message();
  }
  if (money.units() != units || money.nanos() != nanos) {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" read as units " << money.units() << " nanos " << money.nanos()
           << ", expected units " << units << " nanos " << nanos;
  }
  return ::testing::AssertionSuccess();
}

// Expects a refusal of `text` as bad input, quoting the text and saying `reason`.
::testing::AssertionResult RefusedBecause(std::string_view text, std::string_view reason) {
  Money money;
  Status status = ParseAmountText(text, &money);
  if (status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" accepted as units " << money.units()
                                         << " nanos " << money.nanos();
  }
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (status.exit_code() != kExitBadInput || status.code_name() != "INVALID_ARGUMENT" ||
      status.message().find(quoted) == std::string::npos ||
      status.message().find(reason) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" refused with unexpected status " << status.code_name() << " ("
           << status.exit_code() << "): " << status.message();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult RateReadsAs(std::string_view text, const std::string& expected) {
  std::string value = "untouched";
  Status status = ParseRateText(text, &value);
  if (!status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" refused: " << status.message();
  }
  if (value != expected) {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" read as \"" << value << "\", expected \"" << expected << "\"";
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult RateRefused(std::string_view text, std::string_view reason) {
  std::string value = "untouched";
  Status status = ParseRateText(text, &value);
  if (status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" accepted as \"" << value << "\"";
  }
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (status.exit_code() != kExitBadInput || status.message().find(quoted) == std::string::npos ||
      status.message().find(reason) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" refused with unexpected message: " << status.message();
  }
  if (value != "untouched") {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" refused but wrote \"" << value << "\"";
  }
  return ::testing::AssertionSuccess();
}

// ------------------------------------------------------------------------ ParseAmountText

TEST(ParseAmountText, ReadsWanAmountExactly) {
  EXPECT_TRUE(ReadsAs("38865.89万", 388658900, 0));
  EXPECT_TRUE(ReadsAs("32036.62万", 320366200, 0));
  EXPECT_TRUE(ReadsAs("3742.55万", 37425500, 0));
}

TEST(ParseAmountText, ReadsWanYuanSuffix) {
  EXPECT_TRUE(ReadsAs("6000万元", 60000000, 0));
  EXPECT_TRUE(ReadsAs("6000万", 60000000, 0));
}

TEST(ParseAmountText, ReadsThousandsSeparatedYuanWithFen) {
  EXPECT_TRUE(ReadsAs("806,450,600.00", 806450600, 0));
  EXPECT_TRUE(ReadsAs("1,234.56", 1234, 560000000));
  EXPECT_TRUE(ReadsAs("999", 999, 0));
}

TEST(ParseAmountText, ReadsYiWithFraction) {
  EXPECT_TRUE(ReadsAs("1.5亿", 150000000, 0));
  EXPECT_TRUE(ReadsAs("1.5亿元", 150000000, 0));
  EXPECT_TRUE(ReadsAs("0.00000001亿", 1, 0));
}

TEST(ParseAmountText, ReadsOneFen) {
  EXPECT_TRUE(ReadsAs("0.01", 0, 10000000));
  EXPECT_TRUE(ReadsAs("0.000001万", 0, 10000000));
}

TEST(ParseAmountText, ReadsPlainNumberAsYuan) {
  EXPECT_TRUE(ReadsAs("12", 12, 0));
  EXPECT_TRUE(ReadsAs("12.5", 12, 500000000));
  EXPECT_TRUE(ReadsAs("0", 0, 0));
}

TEST(ParseAmountText, ReadsYuanSuffixAndCurrencySigns) {
  EXPECT_TRUE(ReadsAs("12元", 12, 0));
  EXPECT_TRUE(ReadsAs("¥1,000", 1000, 0));
  EXPECT_TRUE(ReadsAs("￥1,000.50", 1000, 500000000));
}

TEST(ParseAmountText, IgnoresSpacesAroundNumberAndUnit) {
  EXPECT_TRUE(ReadsAs(" 6000 万元 ", 60000000, 0));
  EXPECT_TRUE(ReadsAs("\t12 元", 12, 0));
}

TEST(ParseAmountText, AcceptsZerosBeyondTheFen) {
  EXPECT_TRUE(ReadsAs("0.010", 0, 10000000));
  EXPECT_TRUE(ReadsAs("5.000000", 5, 0));
}

TEST(ParseAmountText, ReadsNegativeAmountWithUnitsAndNanosOfTheSameSign) {
  EXPECT_TRUE(ReadsAs("-1,234.56", -1234, -560000000));
  EXPECT_TRUE(ReadsAs("-0.5万", -5000, 0));
  EXPECT_TRUE(ReadsAs("-0.01", 0, -10000000));
}

TEST(ParseAmountText, AcceptsTheLargestServiceAmount) {
  EXPECT_TRUE(ReadsAs("999,999,999,999,999,999.99", 999999999999999999, 990000000));
  EXPECT_TRUE(ReadsAs("-999999999999999999.99", -999999999999999999, -990000000));
}

TEST(ParseAmountText, LeavesCurrencyCodeAlone) {
  Money money;
  money.set_currency_code("CNY");
  ASSERT_TRUE(ParseAmountText("6000万", &money).ok());
  EXPECT_EQ(money.currency_code(), "CNY");
  EXPECT_EQ(money.units(), 60000000);
}

TEST(ParseAmountText, OverwritesNanosOfAPreviousValue) {
  Money money = MoneyOf(7, 990000000);
  ASSERT_TRUE(ParseAmountText("12", &money).ok());
  EXPECT_EQ(money.units(), 12);
  EXPECT_EQ(money.nanos(), 0);
}

TEST(ParseAmountText, RefusesAmountFinerThanAFen) {
  EXPECT_TRUE(RefusedBecause("0.001", "finer than a fen"));
  EXPECT_TRUE(RefusedBecause("12.345", "finer than a fen"));
  EXPECT_TRUE(RefusedBecause("0.0000001万", "finer than a fen"));
  EXPECT_TRUE(RefusedBecause("0.00000000001亿", "finer than a fen"));
  EXPECT_TRUE(RefusedBecause("-0.005", "finer than a fen"));
}

TEST(ParseAmountText, RefusesCommasThatDoNotGroupByThrees) {
  EXPECT_TRUE(RefusedBecause("1,23", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1234,567", "is not an amount"));
  EXPECT_TRUE(RefusedBecause(",123", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1,234,", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1,,234", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("12,34.5", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1,2345", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1.234,56", "is not an amount"));
}

TEST(ParseAmountText, RefusesTextThatIsNotANumber) {
  EXPECT_TRUE(RefusedBecause("", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("abc", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("12abc", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("万", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("元", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1.2.3", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1.", "is not an amount"));
  EXPECT_TRUE(RefusedBecause(".5", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("--1", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("5万万", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("1 000", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("0x10", "is not an amount"));
}

TEST(ParseAmountText, RefusesExponentNotation) {
  EXPECT_TRUE(RefusedBecause("1e5", "is not an amount"));
  EXPECT_TRUE(RefusedBecause("3.8865E8", "is not an amount"));
}

TEST(ParseAmountText, RefusesAmountBeyondTheLargest) {
  EXPECT_TRUE(RefusedBecause("1,000,000,000,000,000,000", "exceeds the largest amount"));
  EXPECT_TRUE(RefusedBecause("-1000000000000000000", "exceeds the largest amount"));
  EXPECT_TRUE(RefusedBecause("100000000000000万", "exceeds the largest amount"));
}

TEST(ParseAmountText, RefusesAmountsThatOverflowInt64Units) {
  EXPECT_TRUE(RefusedBecause("9223372036854775808", "exceeds the largest amount"));
  EXPECT_TRUE(RefusedBecause("99999999999999999999999999", "exceeds the largest amount"));
  EXPECT_TRUE(RefusedBecause("100000000000亿", "exceeds the largest amount"));
}

// ---------------------------------------------------------------------- FormatYuan

TEST(FormatYuan, GroupsThousandsAndShowsTwoDecimals) {
  EXPECT_EQ(FormatYuan(MoneyOf(448658900, 0)), "448,658,900.00");
  EXPECT_EQ(FormatYuan(MoneyOf(806450600, 0)), "806,450,600.00");
  EXPECT_EQ(FormatYuan(MoneyOf(1000, 500000000)), "1,000.50");
  EXPECT_EQ(FormatYuan(MoneyOf(100000, 0)), "100,000.00");
}

TEST(FormatYuan, PrintsSmallAmountsWithoutSeparators) {
  EXPECT_EQ(FormatYuan(MoneyOf(0, 0)), "0.00");
  EXPECT_EQ(FormatYuan(MoneyOf(999, 990000000)), "999.99");
  EXPECT_EQ(FormatYuan(MoneyOf(0, 10000000)), "0.01");
}

TEST(FormatYuan, PrintsNegativeAmountWithLeadingMinus) {
  EXPECT_EQ(FormatYuan(MoneyOf(-1234567, -500000000)), "-1,234,567.50");
  EXPECT_EQ(FormatYuan(MoneyOf(0, -10000000)), "-0.01");
}

TEST(FormatYuan, ShowsDigitsFinerThanAFen) {
  EXPECT_EQ(FormatYuan(MoneyOf(0, 5000000)), "0.005");
  EXPECT_EQ(FormatYuan(MoneyOf(1, 1)), "1.000000001");
}

TEST(FormatYuan, PrintsTheLargestInt64Units) {
  EXPECT_EQ(FormatYuan(MoneyOf(std::numeric_limits<std::int64_t>::max(), 0)),
            "9,223,372,036,854,775,807.00");
  EXPECT_EQ(FormatYuan(MoneyOf(std::numeric_limits<std::int64_t>::min(), 0)),
            "-9,223,372,036,854,775,808.00");
}

TEST(FormatYuan, MarksUnitsAndNanosOfOppositeSignsAsInvalid) {
  std::string text = FormatYuan(MoneyOf(5, -500000000));
  EXPECT_NE(text.find("invalid"), std::string::npos) << text;
}

// -------------------------------------------------------------------- FormatWanYuan

TEST(FormatWanYuan, MovesThePointFourPlacesExactly) {
  EXPECT_EQ(FormatWanYuan(MoneyOf(448658900, 0)), "44865.89");
  EXPECT_EQ(FormatWanYuan(MoneyOf(388658900, 0)), "38865.89");
  EXPECT_EQ(FormatWanYuan(MoneyOf(806450600, 0)), "80645.06");
}

TEST(FormatWanYuan, ShowsAtLeastTwoDecimals) {
  EXPECT_EQ(FormatWanYuan(MoneyOf(60000000, 0)), "6000.00");
  EXPECT_EQ(FormatWanYuan(MoneyOf(0, 0)), "0.00");
}

TEST(FormatWanYuan, ShowsEveryDigitOfASmallAmount) {
  EXPECT_EQ(FormatWanYuan(MoneyOf(0, 10000000)), "0.000001");
  EXPECT_EQ(FormatWanYuan(MoneyOf(1, 0)), "0.0001");
  EXPECT_EQ(FormatWanYuan(MoneyOf(123456789012, 340000000)), "12345678.901234");
}

TEST(FormatWanYuan, UsesNoThousandsSeparators) {
  EXPECT_EQ(FormatWanYuan(MoneyOf(999999999999999999, 990000000)), "99999999999999.999999");
}

TEST(FormatWanYuan, PrintsNegativeAmountWithLeadingMinus) {
  EXPECT_EQ(FormatWanYuan(MoneyOf(-60000000, 0)), "-6000.00");
  EXPECT_EQ(FormatWanYuan(MoneyOf(0, -10000000)), "-0.000001");
}

TEST(FormatWanYuan, GivesBackTheWanTextThatWasRead) {
  Money money;
  ASSERT_TRUE(ParseAmountText("38865.89万", &money).ok());
  EXPECT_EQ(FormatWanYuan(money), "38865.89");
  EXPECT_EQ(FormatYuan(money), "388,658,900.00");
}

// -------------------------------------------------------------------- ParseRateText

TEST(ParseRateText, ReadsPercentageAsFraction) {
  EXPECT_TRUE(RateReadsAs("4.35%", "0.0435"));
  EXPECT_TRUE(RateReadsAs("100%", "1"));
  EXPECT_TRUE(RateReadsAs("0.5%", "0.005"));
}

TEST(ParseRateText, ReadsPercentageWithSpaceOrFullwidthSign) {
  EXPECT_TRUE(RateReadsAs("4.35 %", "0.0435"));
  EXPECT_TRUE(RateReadsAs("4.35％", "0.0435"));
  EXPECT_TRUE(RateReadsAs(" 4.35% ", "0.0435"));
}

TEST(ParseRateText, ReadsFractionUnchanged) {
  EXPECT_TRUE(RateReadsAs("0.0435", "0.0435"));
  EXPECT_TRUE(RateReadsAs("0", "0"));
}

TEST(ParseRateText, DropsTrailingZerosOfTheFraction) {
  EXPECT_TRUE(RateReadsAs("4.350%", "0.0435"));
  EXPECT_TRUE(RateReadsAs("0.043500", "0.0435"));
}

TEST(ParseRateText, AcceptsTwelveDecimals) {
  EXPECT_TRUE(RateReadsAs("0.000000000001", "0.000000000001"));
  EXPECT_TRUE(RateReadsAs("0.0000000001%", "0.000000000001"));
}

TEST(ParseRateText, RefusesMoreThanTwelveDecimals) {
  EXPECT_TRUE(RateRefused("0.0000000000001", "more than 12 decimals"));
  EXPECT_TRUE(RateRefused("0.00000000001%", "more than 12 decimals"));
}

TEST(ParseRateText, RefusesTextThatIsNotARate) {
  EXPECT_TRUE(RateRefused("abc", "is not a rate"));
  EXPECT_TRUE(RateRefused("", "is not a rate"));
  EXPECT_TRUE(RateRefused("%", "is not a rate"));
  EXPECT_TRUE(RateRefused("4.35%%", "is not a rate"));
  EXPECT_TRUE(RateRefused("1,000%", "is not a rate"));
  EXPECT_TRUE(RateRefused("4.35e-2", "is not a rate"));
  EXPECT_TRUE(RateRefused("4.35万", "is not a rate"));
}

// ---------------------------------------------------------------- FormatRatePercent

TEST(FormatRatePercent, PrintsFractionAsPercentage) {
  disposal::v1::Decimal rate;
  rate.set_value("0.0435");
  EXPECT_EQ(FormatRatePercent(rate), "4.35%");
  rate.set_value("0.06");
  EXPECT_EQ(FormatRatePercent(rate), "6%");
  rate.set_value("1");
  EXPECT_EQ(FormatRatePercent(rate), "100%");
}

TEST(FormatRatePercent, PrintsRawTextWhenNotAPlainDecimal) {
  disposal::v1::Decimal rate;
  rate.set_value("about 4%");
  EXPECT_EQ(FormatRatePercent(rate), "about 4%");
}

// ------------------------------------------------------------------------- AddMoney

::testing::AssertionResult SumIs(const Money& a, const Money& b, std::int64_t units,
                                 std::int32_t nanos) {
  Money sum;
  Status status = AddMoney(a, b, &sum);
  if (!status.ok()) return ::testing::AssertionFailure() << "refused: " << status.message();
  if (sum.units() != units || sum.nanos() != nanos) {
    return ::testing::AssertionFailure()
           << "sum is units " << sum.units() << " nanos " << sum.nanos() << ", expected units "
           << units << " nanos " << nanos;
  }
  return ::testing::AssertionSuccess();
}

TEST(AddMoney, AddsUnitsAndNanos) {
  EXPECT_TRUE(SumIs(MoneyOf(388658900, 0), MoneyOf(60000000, 0), 448658900, 0));
  EXPECT_TRUE(SumIs(MoneyOf(1, 200000000), MoneyOf(2, 300000000), 3, 500000000));
}

TEST(AddMoney, CarriesNanosIntoUnits) {
  EXPECT_TRUE(SumIs(MoneyOf(1, 600000000), MoneyOf(2, 500000000), 4, 100000000));
  EXPECT_TRUE(SumIs(MoneyOf(-1, -600000000), MoneyOf(-2, -500000000), -4, -100000000));
}

TEST(AddMoney, GivesUnitsAndNanosTheSameSign) {
  EXPECT_TRUE(SumIs(MoneyOf(5, 0), MoneyOf(-3, -500000000), 1, 500000000));
  EXPECT_TRUE(SumIs(MoneyOf(0, 500000000), MoneyOf(-1, 0), 0, -500000000));
  EXPECT_TRUE(SumIs(MoneyOf(1, 600000000), MoneyOf(-3, -700000000), -2, -100000000));
  EXPECT_TRUE(SumIs(MoneyOf(2, 500000000), MoneyOf(-2, -500000000), 0, 0));
}

TEST(AddMoney, AcceptsTheSumAsOneOfItsOperands) {
  Money total = MoneyOf(1, 600000000);
  ASSERT_TRUE(AddMoney(total, MoneyOf(2, 500000000), &total).ok());
  EXPECT_EQ(total.units(), 4);
  EXPECT_EQ(total.nanos(), 100000000);
}

TEST(AddMoney, AddsTheLargestServiceAmounts) {
  EXPECT_TRUE(SumIs(MoneyOf(999999999999999999, 990000000), MoneyOf(999999999999999999, 990000000),
                    1999999999999999999, 980000000));
}

TEST(AddMoney, RefusesOperandsThatCouldOverflowInt64) {
  Money sum = MoneyOf(7, 0);
  Status status =
      AddMoney(MoneyOf(std::numeric_limits<std::int64_t>::max(), 0), MoneyOf(1, 0), &sum);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(sum.units(), 7);
  EXPECT_FALSE(
      AddMoney(MoneyOf(-1, 0), MoneyOf(std::numeric_limits<std::int64_t>::min(), 0), &sum).ok());
}

}  // namespace
}  // namespace disposalctl
