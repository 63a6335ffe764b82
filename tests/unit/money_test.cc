#include "domain/money.h"

#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace disposal::domain {
namespace {

// The reference arithmetic uses wide fixed-size Boost integers and rationals built from them:
// far wider than any value here (so exact), checked (so misuse throws), and, unlike the
// allocator-backed cpp_int, free of GCC 12 -Wmaybe-uninitialized false positives at -O2.
namespace mp = boost::multiprecision;
using BigInt = mp::checked_int512_t;
using BigRational = mp::number<
    mp::rational_adaptor<mp::cpp_int_backend<512, 512, mp::signed_magnitude, mp::checked, void>>>;

// ------------------------------------------------------------------------------------ helpers

template <typename T>
::testing::AssertionResult RefusedWith(const Result<T>& result, const std::string& field,
                                       const std::string& part) {
  if (result.ok()) return ::testing::AssertionFailure() << "accepted";
  const Error& error = result.error();
  if (error.code != ErrorCode::kInvalidArgument || error.field != field ||
      error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult AmountRefused(std::string_view text, const std::string& part) {
  return RefusedWith(Money::Parse(text), "amount", part) << " for '" << text << "'";
}

::testing::AssertionResult RateRefused(std::string_view text, const std::string& part) {
  return RefusedWith(Rate::Parse(text), "rate", part) << " for '" << text << "'";
}

// Parses text the test expects to be valid; a failure is reported and yields zero.
Money AmountOf(std::string_view text) {
  const Result<Money> parsed = Money::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().Message());
  return parsed.ok() ? parsed.value() : Money();
}

Rate RateOf(std::string_view text) {
  const Result<Rate> parsed = Rate::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().Message());
  return parsed.ok() ? parsed.value() : Rate();
}

// Expects success and returns the printed amount, or a marker that makes comparisons fail.
std::string Printed(const Result<Money>& result) {
  return result.ok() ? result.value().ToString() : "error: " + result.error().Message();
}

// ------------------------------------------------- independent reference arithmetic (no Money)

// Decimal digits to an integer by hand: Boost's string constructor reads "0123" as octal.
BigInt DigitsValue(const std::string& digits) {
  BigInt value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

const BigInt kReferenceMaxFen = DigitsValue(std::string(20, '9'));

// |fen| as digits with the point `decimals` from the right, at least one integer digit.
std::string ReferenceDecimal(const BigInt& fen, size_t decimals) {
  std::string digits = BigInt(abs(fen)).str();
  if (digits.size() < decimals + 1) digits.insert(0, decimals + 1 - digits.size(), '0');
  const size_t point = digits.size() - decimals;
  return (fen < 0 ? "-" : "") + digits.substr(0, point) + "." + digits.substr(point);
}

std::string ReferenceFormat(const BigInt& fen) { return ReferenceDecimal(fen, 2); }

std::string ReferenceGrouped(const BigInt& fen) {
  std::string plain = ReferenceDecimal(abs(fen), 2);
  for (int comma = static_cast<int>(plain.size()) - 6; comma > 0; comma -= 3) {
    plain.insert(static_cast<size_t>(comma), ",");
  }
  return (fen < 0 ? "-" : "") + plain;
}

BigInt FloorOf(const BigRational& value) {
  const BigInt n = numerator(value);
  const BigInt d = denominator(value);  // always positive
  BigInt q = n / d;
  if (q * d > n) q -= 1;
  return q;
}

BigInt CeilOf(const BigRational& value) { return -FloorOf(-value); }

BigInt ReferenceRound(const BigRational& value, RoundingMode mode) {
  const BigRational half(1, 2);
  const bool negative = value < 0;
  const BigRational magnitude = negative ? BigRational(-value) : value;
  BigInt rounded_magnitude;
  switch (mode) {
    case RoundingMode::kFloor:
      return FloorOf(value);
    case RoundingMode::kCeiling:
      return CeilOf(value);
    case RoundingMode::kDown:
      rounded_magnitude = FloorOf(magnitude);
      break;
    case RoundingMode::kUp:
      rounded_magnitude = CeilOf(magnitude);
      break;
    case RoundingMode::kHalfUp:
      rounded_magnitude = FloorOf(magnitude + half);
      break;
    case RoundingMode::kHalfEven: {
      const BigInt whole = FloorOf(magnitude);
      const BigRational fraction = magnitude - BigRational(whole);
      const bool up = fraction > half || (fraction == half && whole % 2 == 1);
      rounded_magnitude = up ? BigInt(whole + 1) : whole;
      break;
    }
  }
  return negative ? BigInt(-rounded_magnitude) : rounded_magnitude;
}

std::string RandomDigits(std::mt19937_64& random, int count) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string digits;
  for (int i = 0; i < count; ++i) digits += static_cast<char>('0' + digit(random));
  return digits;
}

// A random fen amount with 1..max_digits digits and a random sign.
BigInt RandomFen(std::mt19937_64& random, int max_digits) {
  const int count = std::uniform_int_distribution<int>(1, max_digits)(random);
  const BigInt magnitude = DigitsValue(RandomDigits(random, count));
  return random() % 2 == 0 ? magnitude : BigInt(-magnitude);
}

// Writes fen in one of the accepted input forms, chosen at random, using only the test's own
// formatting: plain, grouped, in 万 or 亿 (zeros trimmed), with optional sign, 元 and spaces.
std::string RandomInputForm(std::mt19937_64& random, const BigInt& fen) {
  std::string text;
  switch (random() % 4) {
    case 0:
      text = ReferenceFormat(fen);
      break;
    case 1:
      text = ReferenceGrouped(fen);
      break;
    default: {
      const bool wan = random() % 2 == 0;
      text = ReferenceDecimal(fen, wan ? 6 : 10);
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
      text += wan ? "万" : "亿";
    }
  }
  if (random() % 3 == 0) text += "元";
  if (fen >= 0 && random() % 4 == 0) text.insert(0, "+");
  if (random() % 4 == 0) text = " \t" + text + " ";
  return text;
}

// ------------------------------------------------------------------------------ Money::Parse

TEST(MoneyParseTest, PlainYuanWithAndWithoutDecimals) {
  EXPECT_EQ(AmountOf("806450600").fen(), Money::Fen(80645060000LL));
  EXPECT_EQ(AmountOf("806450600.00").fen(), Money::Fen(80645060000LL));
  EXPECT_EQ(AmountOf("0.5").fen(), Money::Fen(50));
  EXPECT_EQ(AmountOf("12.34").fen(), Money::Fen(1234));
  EXPECT_EQ(AmountOf("007.10").fen(), Money::Fen(710));
}

TEST(MoneyParseTest, ThousandsSeparatorsInGroupsOfThree) {
  EXPECT_EQ(AmountOf("806,450,600.00").fen(), Money::Fen(80645060000LL));
  EXPECT_EQ(AmountOf("1,000").fen(), Money::Fen(100000));
  EXPECT_EQ(AmountOf("12,345.6").fen(), Money::Fen(1234560));
}

TEST(MoneyParseTest, WanAndYiUnitsScaleTheNumber) {
  EXPECT_EQ(AmountOf("80645.06万").fen(), Money::Fen(80645060000LL));
  EXPECT_EQ(AmountOf("80645.06万元").fen(), Money::Fen(80645060000LL));
  EXPECT_EQ(AmountOf("6000万").fen(), Money::Fen(6000000000LL));
  EXPECT_EQ(AmountOf("1.5亿").fen(), Money::Fen(15000000000LL));
  EXPECT_EQ(AmountOf("1.5亿元").fen(), Money::Fen(15000000000LL));
  EXPECT_EQ(AmountOf("1.234567万").fen(), Money::Fen(1234567));
  EXPECT_EQ(AmountOf("0.0000000001亿").fen(), Money::Fen(1));
  EXPECT_EQ(AmountOf("1,234.5万").fen(), Money::Fen(1234500000));
}

TEST(MoneyParseTest, YuanSuffixAloneIsAccepted) {
  EXPECT_EQ(AmountOf("12.00元").fen(), Money::Fen(1200));
}

TEST(MoneyParseTest, SignsAndSurroundingWhitespace) {
  EXPECT_EQ(AmountOf("-0.05").fen(), Money::Fen(-5));
  EXPECT_EQ(AmountOf("+3").fen(), Money::Fen(300));
  EXPECT_EQ(AmountOf(" \t 12.5 \n").fen(), Money::Fen(1250));
  EXPECT_EQ(AmountOf("-1.5亿元").fen(), Money::Fen(-15000000000LL));
}

TEST(MoneyParseTest, NegativeZeroIsPlainZero) {
  const Money zero = AmountOf("-0.00");
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.is_negative());
  EXPECT_EQ(zero.ToString(), "0.00");
}

TEST(MoneyParseTest, TrailingZerosBeyondTheFenAreExact) {
  EXPECT_EQ(AmountOf("1.230").fen(), Money::Fen(123));
  EXPECT_EQ(AmountOf("1.2300000000").fen(), Money::Fen(123));
  EXPECT_EQ(AmountOf("1.23456700万").fen(), Money::Fen(1234567));
}

TEST(MoneyParseTest, LargestAmountsAreAccepted) {
  EXPECT_EQ(AmountOf("999999999999999999.99").fen(), Money::kMaxFen);
  EXPECT_EQ(AmountOf("999,999,999,999,999,999.99").fen(), Money::kMaxFen);
  EXPECT_EQ(AmountOf("-999999999999999999.99").fen(), -Money::kMaxFen);
  EXPECT_EQ(AmountOf("9999999999.9999999999亿").fen(), Money::kMaxFen);
}

TEST(MoneyParseTest, RefusesEmptyText) {
  EXPECT_TRUE(AmountRefused("", "empty"));
  EXPECT_TRUE(AmountRefused("   ", "empty"));
}

TEST(MoneyParseTest, RefusesMalformedNumbersSayingWhatIsWrong) {
  EXPECT_TRUE(AmountRefused("1..2", "more than one decimal point"));
  EXPECT_TRUE(AmountRefused("1.2.3", "more than one decimal point"));
  EXPECT_TRUE(AmountRefused("abc", "unexpected character 'a'"));
  EXPECT_TRUE(AmountRefused("1e5", "unexpected character 'e'"));
  EXPECT_TRUE(AmountRefused(".5", "no digits before the decimal point"));
  EXPECT_TRUE(AmountRefused("5.", "no digits after the decimal point"));
  EXPECT_TRUE(AmountRefused("-", "no digits"));
  EXPECT_TRUE(AmountRefused("--5", "unexpected character '-'"));
  EXPECT_TRUE(AmountRefused("1 000", "unexpected character ' '"));
  EXPECT_TRUE(AmountRefused("万", "unexpected character '万'"));
  EXPECT_TRUE(AmountRefused("5元万", "unexpected character '万'"));
  EXPECT_TRUE(AmountRefused("5万万", "unexpected character '万'"));
  EXPECT_TRUE(AmountRefused("0x10", "unexpected character 'x'"));
}

TEST(MoneyParseTest, RefusesCommasThatAreNotThousandsSeparators) {
  EXPECT_TRUE(AmountRefused("1,23", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("1,2345", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("1234,567", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused(",123", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("123,", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("1,,234", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("0,500", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("00,001", "commas must separate groups of three digits"));
  EXPECT_TRUE(AmountRefused("1.234,5", "commas are allowed only before the decimal point"));
}

TEST(MoneyParseTest, RefusesAmountsFinerThanAFen) {
  EXPECT_TRUE(AmountRefused("0.001", "finer than a fen"));
  EXPECT_TRUE(AmountRefused("1.2345678万", "finer than a fen"));
  EXPECT_TRUE(AmountRefused("0.00000000001亿", "finer than a fen"));
  EXPECT_TRUE(AmountRefused("-12.345元", "finer than a fen"));
}

TEST(MoneyParseTest, RefusesAmountsOutOfRange) {
  EXPECT_TRUE(AmountRefused("1000000000000000000", "out of range"));
  EXPECT_TRUE(AmountRefused("-1000000000000000000.00", "out of range"));
  EXPECT_TRUE(AmountRefused("10000000000亿", "out of range"));
  EXPECT_TRUE(AmountRefused("100000000000000万", "out of range"));
  EXPECT_TRUE(AmountRefused(std::string(400, '9'), "out of range"));
}

// --------------------------------------------------------------------------- Money::FromFen

TEST(MoneyFromFenTest, AcceptsTheRangeAndRefusesBeyondIt) {
  EXPECT_TRUE(Money::FromFen(Money::kMaxFen).ok());
  EXPECT_TRUE(Money::FromFen(-Money::kMaxFen).ok());
  EXPECT_TRUE(RefusedWith(Money::FromFen(Money::kMaxFen + 1), "amount", "out of range"));
  EXPECT_TRUE(RefusedWith(Money::FromFen(-Money::kMaxFen - 1), "amount", "overflow"));
}

// --------------------------------------------------------------------------- formatting

TEST(MoneyFormatTest, ToStringAlwaysHasTwoDecimals) {
  EXPECT_EQ(AmountOf("806450600").ToString(), "806450600.00");
  EXPECT_EQ(AmountOf("-0.05").ToString(), "-0.05");
  EXPECT_EQ(AmountOf("0.5").ToString(), "0.50");
  EXPECT_EQ(Money().ToString(), "0.00");
  EXPECT_EQ(AmountOf("-999999999999999999.99").ToString(), "-999999999999999999.99");
}

TEST(MoneyFormatTest, ToGroupedStringSeparatesThousands) {
  EXPECT_EQ(AmountOf("806450600").ToGroupedString(), "806,450,600.00");
  EXPECT_EQ(AmountOf("-1234567.89").ToGroupedString(), "-1,234,567.89");
  EXPECT_EQ(AmountOf("999").ToGroupedString(), "999.00");
  EXPECT_EQ(AmountOf("1000").ToGroupedString(), "1,000.00");
  EXPECT_EQ(AmountOf("100000").ToGroupedString(), "100,000.00");
  EXPECT_EQ(Money().ToGroupedString(), "0.00");
}

TEST(MoneyFormatTest, ToWanStringIsExactWithTwoToSixDecimals) {
  EXPECT_EQ(AmountOf("806450600").ToWanString(), "80645.06");
  EXPECT_EQ(AmountOf("6000万").ToWanString(), "6000.00");
  EXPECT_EQ(AmountOf("1").ToWanString(), "0.0001");
  EXPECT_EQ(AmountOf("0.01").ToWanString(), "0.000001");
  EXPECT_EQ(AmountOf("12345.67").ToWanString(), "1.234567");
  EXPECT_EQ(AmountOf("-5000").ToWanString(), "-0.50");
  EXPECT_EQ(Money().ToWanString(), "0.00");
}

TEST(MoneyFormatTest, UnitsAndNanosShareTheSign) {
  const Money negative = AmountOf("-1.23");
  EXPECT_EQ(negative.units(), -1);
  EXPECT_EQ(negative.nanos(), -230000000);
  const Money positive = AmountOf("806450600.05");
  EXPECT_EQ(positive.units(), 806450600);
  EXPECT_EQ(positive.nanos(), 50000000);
  const Money largest = Money::FromFen(Money::kMaxFen).value();
  EXPECT_EQ(largest.units(), 999999999999999999LL);
  EXPECT_EQ(largest.nanos(), 990000000);
}

// ----------------------------------------------------------------------- the seed figures

TEST(MoneySeedTest, FirstDebtorPrincipalPlusInterest) {
  const Result<Money> total = AmountOf("38865.89万").Add(AmountOf("6000万"));
  ASSERT_TRUE(total.ok()) << total.error().Message();
  EXPECT_EQ(total.value().ToWanString(), "44865.89");
  EXPECT_EQ(total.value().ToGroupedString(), "448,658,900.00");
}

TEST(MoneySeedTest, SecondDebtorPrincipalPlusInterest) {
  const Result<Money> total = AmountOf("32036.62万").Add(AmountOf("3742.55万"));
  ASSERT_TRUE(total.ok()) << total.error().Message();
  EXPECT_EQ(total.value().ToWanString(), "35779.17");
  EXPECT_EQ(total.value().ToGroupedString(), "357,791,700.00");
}

TEST(MoneySeedTest, PackageTotalMatchesTheNotice) {
  const Result<Money> total = Sum(
      {AmountOf("38865.89万"), AmountOf("6000万"), AmountOf("32036.62万"), AmountOf("3742.55万")});
  ASSERT_TRUE(total.ok()) << total.error().Message();
  EXPECT_EQ(total.value().ToWanString(), "80645.06");
  EXPECT_EQ(total.value().ToGroupedString(), "806,450,600.00");
  EXPECT_EQ(total.value(), AmountOf("806,450,600.00"));
}

// ----------------------------------------------------------------------- Money::FromUnitsNanos

TEST(MoneyFromUnitsNanosTest, BuildsTheSameAmountAsParse) {
  EXPECT_EQ(Printed(Money::FromUnitsNanos(-1, -230000000)), "-1.23");
  EXPECT_EQ(Printed(Money::FromUnitsNanos(0, -50000000)), "-0.05");
  EXPECT_EQ(Printed(Money::FromUnitsNanos(806450600, 0)), "806450600.00");
  EXPECT_EQ(Printed(Money::FromUnitsNanos(999999999999999999LL, 990000000)),
            "999999999999999999.99");
}

TEST(MoneyFromUnitsNanosTest, RefusesNanosOfAWholeUnitOrMore) {
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(0, 1000000000), "amount", "nanos must be"));
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(0, -1000000000), "amount", "nanos must be"));
}

TEST(MoneyFromUnitsNanosTest, RefusesMixedSigns) {
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(1, -10000000), "amount", "same sign"));
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(-1, 10000000), "amount", "same sign"));
}

TEST(MoneyFromUnitsNanosTest, RefusesFractionsOfAFen) {
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(0, 1), "amount", "finer than a fen"));
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(5, 5000000), "amount", "finer than a fen"));
}

TEST(MoneyFromUnitsNanosTest, RefusesUnitsOutOfRange) {
  EXPECT_TRUE(
      RefusedWith(Money::FromUnitsNanos(1000000000000000000LL, 0), "amount", "out of range"));
  EXPECT_TRUE(RefusedWith(Money::FromUnitsNanos(std::numeric_limits<int64_t>::min(), 0), "amount",
                          "out of range"));
}

// ------------------------------------------------------------------------- Add and Subtract

TEST(MoneyArithmeticTest, AddAndSubtractAreExact) {
  EXPECT_EQ(Printed(AmountOf("0.10").Add(AmountOf("0.20"))), "0.30");
  EXPECT_EQ(Printed(AmountOf("0.10").Subtract(AmountOf("0.30"))), "-0.20");
  EXPECT_EQ(Printed(AmountOf("-5").Add(AmountOf("5"))), "0.00");
}

TEST(MoneyArithmeticTest, AddRefusesOverflow) {
  const Money largest = AmountOf("999999999999999999.99");
  EXPECT_TRUE(RefusedWith(largest.Add(AmountOf("0.01")), "amount", "out of range (overflow)"));
  EXPECT_TRUE(RefusedWith(largest.Add(largest), "amount", "overflow"));
  EXPECT_EQ(Printed(largest.Add(AmountOf("-0.01"))), "999999999999999999.98");
}

TEST(MoneyArithmeticTest, SubtractRefusesOverflow) {
  const Money smallest = AmountOf("-999999999999999999.99");
  EXPECT_TRUE(RefusedWith(smallest.Subtract(AmountOf("0.01")), "amount", "overflow"));
  EXPECT_TRUE(
      RefusedWith(AmountOf("999999999999999999.99").Subtract(smallest), "amount", "overflow"));
}

TEST(MoneyArithmeticTest, SumOfNothingIsZero) { EXPECT_EQ(Printed(Sum({})), "0.00"); }

TEST(MoneyArithmeticTest, SumRefusesATotalOutOfRangeButNotAPassingPartial) {
  const Money largest = AmountOf("999999999999999999.99");
  EXPECT_TRUE(RefusedWith(Sum({largest, AmountOf("0.01")}), "amount", "overflow"));
  EXPECT_EQ(Printed(Sum({largest, AmountOf("0.01"), AmountOf("-0.01")})), "999999999999999999.99");
}

TEST(MoneyArithmeticTest, ComparisonsFollowTheAmount) {
  const Money small = AmountOf("-0.01");
  const Money large = AmountOf("0.01");
  EXPECT_TRUE(small < large);
  EXPECT_TRUE(small <= large);
  EXPECT_TRUE(large > small);
  EXPECT_TRUE(large >= small);
  EXPECT_TRUE(small != large);
  EXPECT_TRUE(AmountOf("1万") == AmountOf("10,000.00"));
  EXPECT_TRUE(small.is_negative());
  EXPECT_FALSE(large.is_negative());
  EXPECT_TRUE(Money().is_zero());
}

// ------------------------------------------------------------------------- Multiply, rounding

TEST(MoneyMultiplyTest, ExactProductsNeedNoRounding) {
  // 806,450,600.00 x 4.35% = 35,080,601.10 exactly.
  EXPECT_EQ(Printed(AmountOf("806450600").Multiply(RateOf("0.0435"), RoundingMode::kDown)),
            "35080601.10");
  // Daily doubled interest 0.0175% on 10,000.00 = 1.75.
  EXPECT_EQ(Printed(AmountOf("10000").Multiply(RateOf("0.0175%"), RoundingMode::kHalfEven)),
            "1.75");
  EXPECT_EQ(Printed(AmountOf("12.34").Multiply(RateOf("0"), RoundingMode::kUp)), "0.00");
  EXPECT_EQ(Printed(AmountOf("12.34").Multiply(RateOf("-1"), RoundingMode::kUp)), "-12.34");
}

// One fen times rate r gives r fen exactly, so the rate below is the exact product in fen.
// Expected results per mode follow the definitions (as tabulated for java.math.RoundingMode).
struct RoundingCase {
  const char* product_in_fen;
  int64_t up, down, ceiling, floor, half_up, half_even;
};

constexpr RoundingCase kRoundingCases[] = {
    {"2.5", 3, 2, 3, 2, 3, 2},
    {"1.5", 2, 1, 2, 1, 2, 2},
    {"0.5", 1, 0, 1, 0, 1, 0},
    {"1.3", 2, 1, 2, 1, 1, 1},
    {"1.7", 2, 1, 2, 1, 2, 2},
    {"2.0", 2, 2, 2, 2, 2, 2},
    {"-0.5", -1, 0, 0, -1, -1, 0},
    {"-1.5", -2, -1, -1, -2, -2, -2},
    {"-2.5", -3, -2, -2, -3, -3, -2},
    {"-1.3", -2, -1, -1, -2, -1, -1},
    {"-1.7", -2, -1, -1, -2, -2, -2},
    {"2.500000000001", 3, 2, 3, 2, 3, 3},
    {"-2.499999999999", -3, -2, -2, -3, -2, -2},
};

int64_t FenAfterRounding(const char* product_in_fen, RoundingMode mode) {
  const Result<Money> product = AmountOf("0.01").Multiply(RateOf(product_in_fen), mode);
  EXPECT_TRUE(product.ok());
  return product.ok() ? product.value().fen().convert_to<int64_t>() : 999999;
}

TEST(MoneyRoundingTest, UpRoundsAwayFromZero) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kUp), c.up) << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, DownTruncatesTowardZero) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kDown), c.down) << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, CeilingRoundsTowardPositiveInfinity) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kCeiling), c.ceiling)
        << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, FloorRoundsTowardNegativeInfinity) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kFloor), c.floor)
        << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, HalfUpRoundsTiesAwayFromZero) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kHalfUp), c.half_up)
        << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, HalfEvenRoundsTiesToTheEvenFen) {
  for (const RoundingCase& c : kRoundingCases) {
    EXPECT_EQ(FenAfterRounding(c.product_in_fen, RoundingMode::kHalfEven), c.half_even)
        << c.product_in_fen;
  }
}

TEST(MoneyRoundingTest, RoundsOnceOnTheExactProduct) {
  // 0.05 x 0.0999 = 0.004995 yuan = 0.4995 fen. Rounding in two steps (to 0.5 fen, then
  // half up) would give 1 fen; rounding once gives 0.
  EXPECT_EQ(Printed(AmountOf("0.05").Multiply(RateOf("0.0999"), RoundingMode::kHalfUp)), "0.00");
  // 1 yuan x 0.004449 = 0.4449 fen -> 0 under half-up, never 1.
  EXPECT_EQ(Printed(AmountOf("1").Multiply(RateOf("0.004449"), RoundingMode::kHalfUp)), "0.00");
}

TEST(MoneyMultiplyTest, RefusesProductsOutOfRange) {
  const Money largest = AmountOf("999999999999999999.99");
  EXPECT_TRUE(RefusedWith(largest.Multiply(RateOf("2"), RoundingMode::kDown), "amount",
                          "out of range (overflow)"));
  EXPECT_TRUE(RefusedWith(largest.Multiply(RateOf("-999999.999999999999"), RoundingMode::kDown),
                          "amount", "overflow"));
  EXPECT_TRUE(RefusedWith(largest.Multiply(RateOf("1.000000000001"), RoundingMode::kUp), "amount",
                          "overflow"));
  EXPECT_EQ(Printed(largest.Multiply(RateOf("-1"), RoundingMode::kDown)), "-999999999999999999.99");
}

TEST(MoneyMultiplyTest, RoundingDecidesWhetherAProductJustAboveTheLimitFits) {
  // 99,999,999,999,900,000,000 fen x 1.000000000001 = the largest amount + 0.9999 fen.
  const Money amount = AmountOf("999999999999000000.00");
  const Rate rate = RateOf("1.000000000001");
  EXPECT_EQ(Printed(amount.Multiply(rate, RoundingMode::kDown)), "999999999999999999.99");
  EXPECT_EQ(Printed(amount.Multiply(rate, RoundingMode::kFloor)), "999999999999999999.99");
  EXPECT_TRUE(RefusedWith(amount.Multiply(rate, RoundingMode::kHalfUp), "amount", "overflow"));
  EXPECT_TRUE(RefusedWith(amount.Multiply(rate, RoundingMode::kCeiling), "amount", "overflow"));
}

// ----------------------------------------------------------------------------------- Rate

TEST(RateTest, ParsesPlainDecimalsAndPrintsThemCanonically) {
  EXPECT_EQ(RateOf("0.0435").ToString(), "0.0435");
  EXPECT_EQ(RateOf("-0.5").ToString(), "-0.5");
  EXPECT_EQ(RateOf("0.10").ToString(), "0.1");
  EXPECT_EQ(RateOf("1.000000000000").ToString(), "1");
  EXPECT_EQ(RateOf("0").ToString(), "0");
  EXPECT_EQ(RateOf("-0").ToString(), "0");
  EXPECT_EQ(RateOf("+12").ToString(), "12");
  EXPECT_EQ(RateOf(" 0.5 ").ToString(), "0.5");
  EXPECT_EQ(RateOf("0.000000000001").ToString(), "0.000000000001");
  EXPECT_EQ(RateOf("999999.999999999999").ToString(), "999999.999999999999");
}

TEST(RateTest, PercentSuffixDividesByOneHundred) {
  EXPECT_EQ(RateOf("4.35%").ToString(), "0.0435");
  EXPECT_EQ(RateOf("0.0175%").ToString(), "0.000175");
  EXPECT_EQ(RateOf("100%").ToString(), "1");
  EXPECT_EQ(RateOf("-50%").ToString(), "-0.5");
  EXPECT_EQ(RateOf("99999999.99%").ToString(), "999999.9999");
}

TEST(RateTest, ExposesTheCanonicalScaledForm) {
  const Rate rate = RateOf("0.04350");
  EXPECT_EQ(rate.scaled(), Rate::Scaled(435));
  EXPECT_EQ(rate.scale(), 4);
  const Rate from_scaled = Rate::FromScaled(4350, 5);
  EXPECT_EQ(from_scaled.scaled(), Rate::Scaled(435));
  EXPECT_EQ(from_scaled.scale(), 4);
  EXPECT_EQ(Rate::FromScaled(5, -2).ToString(), "500");
  EXPECT_EQ(Rate::FromScaled(-175, 6).ToString(), "-0.000175");
}

TEST(RateTest, ComparesByValue) {
  EXPECT_TRUE(RateOf("0.10") == RateOf("0.1"));
  EXPECT_TRUE(RateOf("4.35%") == RateOf("0.0435"));
  EXPECT_TRUE(RateOf("0.1") < RateOf("0.1000001"));
  EXPECT_TRUE(RateOf("-0.5") < RateOf("0.0435"));
  EXPECT_TRUE(RateOf("2") > RateOf("1.999999999999"));
  EXPECT_TRUE(RateOf("-2") < RateOf("-1.999999999999"));
  EXPECT_TRUE(RateOf("3") >= RateOf("3.0"));
  EXPECT_TRUE(RateOf("3") <= RateOf("3.0"));
  EXPECT_TRUE(RateOf("3") != RateOf("0.3"));
}

TEST(RateTest, RefusesMalformedText) {
  EXPECT_TRUE(RateRefused("", "empty"));
  EXPECT_TRUE(RateRefused("abc", "malformed"));
  EXPECT_TRUE(RateRefused("1,000", "unexpected character ','"));
  EXPECT_TRUE(RateRefused("4.35%%", "unexpected character '%'"));
  EXPECT_TRUE(RateRefused("%", "malformed"));
  EXPECT_TRUE(RateRefused(".5", "no digits before the decimal point"));
  EXPECT_TRUE(RateRefused("1e-3", "unexpected character 'e'"));
  EXPECT_TRUE(RateRefused("0.1.2", "more than one decimal point"));
}

TEST(RateTest, RefusesMoreThanTwelveDecimals) {
  EXPECT_TRUE(RateRefused("0.0000000000001", "too many decimals"));
  EXPECT_TRUE(RateRefused("0.00000000001%", "too many decimals"));
  EXPECT_TRUE(RateOf("0.1000000000000000").ToString() == "0.1");  // zeros do not count
}

TEST(RateTest, RefusesMagnitudesOfAMillionOrMore) {
  EXPECT_TRUE(RateRefused("1000000", "too large"));
  EXPECT_TRUE(RateRefused("-1000000.5", "too large"));
  EXPECT_TRUE(RateRefused("100000000%", "too large"));
}

// ------------------------------------------------------------------ randomised properties

constexpr int kIterations = 2000;

TEST(MoneyPropertyTest, ParseOfEveryInputFormMatchesTheDigits) {
  std::mt19937_64 random(1);
  for (int i = 0; i < kIterations; ++i) {
    const BigInt fen = RandomFen(random, 20);
    const std::string text = RandomInputForm(random, fen);
    const Result<Money> parsed = Money::Parse(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().Message();
    ASSERT_EQ(parsed.value().ToString(), ReferenceFormat(fen)) << text;
  }
}

TEST(MoneyPropertyTest, FormattingRoundTripsThroughParseAndUnitsNanos) {
  std::mt19937_64 random(2);
  for (int i = 0; i < kIterations; ++i) {
    const BigInt fen = RandomFen(random, 20);
    const Result<Money> money = Money::FromFen(Money::Fen(fen));
    ASSERT_TRUE(money.ok()) << fen;
    const Money& m = money.value();
    ASSERT_EQ(m.ToString(), ReferenceFormat(fen));
    ASSERT_EQ(m.ToGroupedString(), ReferenceGrouped(fen));
    EXPECT_EQ(Printed(Money::Parse(m.ToString())), m.ToString());
    EXPECT_EQ(Printed(Money::Parse(m.ToGroupedString())), m.ToString());
    EXPECT_EQ(Printed(Money::Parse(m.ToWanString() + "万")), m.ToString());
    EXPECT_EQ(BigInt(m.units()), BigInt(fen / 100));  // both truncate toward zero
    EXPECT_EQ(BigInt(m.nanos()), BigInt(fen % 100 * 10000000));
    EXPECT_EQ(Printed(Money::FromUnitsNanos(m.units(), m.nanos())), m.ToString());
  }
}

TEST(MoneyPropertyTest, SumsMatchIndependentIntegerArithmetic) {
  std::mt19937_64 random(3);
  int refused = 0;  // the overflow branch must be reached, or it is not tested
  for (int i = 0; i < kIterations; ++i) {
    const int count = std::uniform_int_distribution<int>(1, 6)(random);
    const int max_digits = random() % 2 == 0 ? 20 : 12;
    std::vector<Money> amounts;
    BigInt reference_total = 0;
    bool chain_overflows = false;  // does any left-to-right partial sum leave the range?
    for (int j = 0; j < count; ++j) {
      const BigInt fen = RandomFen(random, max_digits);
      amounts.push_back(AmountOf(RandomInputForm(random, fen)));
      reference_total += fen;
      chain_overflows = chain_overflows || abs(reference_total) > kReferenceMaxFen;
    }
    const bool total_overflows = abs(reference_total) > kReferenceMaxFen;
    const Result<Money> total = Sum(amounts);
    if (total_overflows) {
      ASSERT_TRUE(RefusedWith(total, "amount", "overflow")) << reference_total;
    } else {
      ASSERT_EQ(Printed(total), ReferenceFormat(reference_total));
    }
    Result<Money> chained = amounts.front();
    for (size_t j = 1; j < amounts.size() && chained.ok(); ++j) {
      chained = chained.value().Add(amounts[j]);
    }
    if (chain_overflows) {
      ASSERT_TRUE(RefusedWith(chained, "amount", "overflow"));
      ++refused;
    } else {
      ASSERT_EQ(Printed(chained), ReferenceFormat(reference_total));
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(MoneyPropertyTest, DifferencesMatchIndependentIntegerArithmetic) {
  std::mt19937_64 random(4);
  int refused = 0;  // the overflow branch must be reached, or it is not tested
  for (int i = 0; i < kIterations; ++i) {
    const BigInt a = RandomFen(random, 20);
    BigInt b = RandomFen(random, 20);
    // Every tenth pair of opposite signs far apart: random pairs rarely overflow.
    if (i % 10 == 0) b = a > 0 ? b - kReferenceMaxFen : b + kReferenceMaxFen;
    if (abs(b) > kReferenceMaxFen) b = b > 0 ? kReferenceMaxFen : BigInt(-kReferenceMaxFen);
    const BigInt difference = a - b;
    const Result<Money> result =
        AmountOf(ReferenceFormat(a)).Subtract(AmountOf(ReferenceFormat(b)));
    if (abs(difference) > kReferenceMaxFen) {
      ASSERT_TRUE(RefusedWith(result, "amount", "overflow")) << difference;
      ++refused;
    } else {
      ASSERT_EQ(Printed(result), ReferenceFormat(difference));
    }
  }
  EXPECT_GT(refused, 0);
}

// A random rate as text, with its exact value computed from the same digits.
struct RandomRate {
  std::string text;
  BigRational value;
};

RandomRate MakeRandomRate(std::mt19937_64& random) {
  const bool percent = random() % 4 == 0;
  // |value| < 10^6 and at most 12 decimals after the percent conversion.
  const int integer_count = std::uniform_int_distribution<int>(0, percent ? 8 : 6)(random);
  const int decimal_count = std::uniform_int_distribution<int>(0, percent ? 10 : 12)(random);
  const std::string integer = integer_count == 0 ? "0" : RandomDigits(random, integer_count);
  const std::string decimals = RandomDigits(random, decimal_count);
  const bool negative = random() % 3 == 0;
  RandomRate rate;
  rate.text = (negative ? "-" : "") + integer + (decimals.empty() ? "" : "." + decimals) +
              (percent ? "%" : "");
  const BigInt denominator = mp::pow(BigInt(10), decimal_count + (percent ? 2 : 0));
  rate.value = BigRational(DigitsValue(integer + decimals), denominator);
  if (negative) rate.value = -rate.value;
  return rate;
}

TEST(MoneyPropertyTest, ProductsMatchIndependentRationalArithmetic) {
  constexpr RoundingMode kModes[] = {RoundingMode::kHalfUp, RoundingMode::kHalfEven,
                                     RoundingMode::kDown,   RoundingMode::kUp,
                                     RoundingMode::kFloor,  RoundingMode::kCeiling};
  std::mt19937_64 random(5);
  int refused = 0;
  for (int i = 0; i < kIterations; ++i) {
    const BigInt fen = RandomFen(random, 20);
    const RandomRate rate = MakeRandomRate(random);
    const RoundingMode mode = kModes[random() % 6];
    const BigInt expected = ReferenceRound(BigRational(fen) * rate.value, mode);

    const Result<Money> product = AmountOf(ReferenceFormat(fen)).Multiply(RateOf(rate.text), mode);
    if (abs(expected) > kReferenceMaxFen) {
      ++refused;
      ASSERT_TRUE(RefusedWith(product, "amount", "overflow")) << fen << " x " << rate.text;
    } else {
      ASSERT_EQ(Printed(product), ReferenceFormat(expected))
          << fen << " fen x " << rate.text << " mode " << static_cast<int>(mode);
    }
  }
  // Both outcomes must have been exercised for the property to mean anything.
  EXPECT_GT(refused, 0);
  EXPECT_LT(refused, kIterations / 2);
}

TEST(RatePropertyTest, ToStringRoundTripsThroughParseAndKeepsTheValue) {
  std::mt19937_64 random(6);
  for (int i = 0; i < kIterations; ++i) {
    const RandomRate random_rate = MakeRandomRate(random);
    const Rate rate = RateOf(random_rate.text);
    const Rate reparsed = RateOf(rate.ToString());
    ASSERT_TRUE(reparsed == rate) << random_rate.text << " -> " << rate.ToString();
    const BigRational stored(BigInt(rate.scaled()), mp::pow(BigInt(10), rate.scale()));
    ASSERT_EQ(stored, random_rate.value) << random_rate.text;
  }
}

TEST(RatePropertyTest, OrderingMatchesIndependentRationalComparison) {
  std::mt19937_64 random(7);
  for (int i = 0; i < kIterations; ++i) {
    const RandomRate a = MakeRandomRate(random);
    const RandomRate b = random() % 8 == 0 ? a : MakeRandomRate(random);
    const Rate rate_a = RateOf(a.text);
    const Rate rate_b = RateOf(b.text);
    ASSERT_EQ(rate_a < rate_b, a.value < b.value) << a.text << " vs " << b.text;
    ASSERT_EQ(rate_a == rate_b, a.value == b.value) << a.text << " vs " << b.text;
  }
}

}  // namespace
}  // namespace disposal::domain
