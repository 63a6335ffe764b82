// Interest accrual: hand-computed figures, the day-count and rounding rules, and the property
// that booking differences of rounded cumulative amounts adds up exactly to the one-shot figure.
#include "domain/accrual.h"

#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace disposal::domain {
namespace {

// The reference arithmetic uses a wide fixed-size checked Boost integer: far wider than any
// value here (so exact), checked (so misuse throws), and free of the allocator-backed
// cpp_int's GCC 12 -Wmaybe-uninitialized false positives at -O2.
namespace mp = boost::multiprecision;
using BigInt = mp::checked_int512_t;

constexpr RoundingMode kAllModes[] = {RoundingMode::kHalfUp, RoundingMode::kHalfEven,
                                      RoundingMode::kDown,   RoundingMode::kUp,
                                      RoundingMode::kFloor,  RoundingMode::kCeiling};

// ------------------------------------------------------------------------------------ helpers

Date On(int year, int month, int day) { return Date{year, month, day}; }

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

// Tranche 1 of the seed claim: principal 38865.89万, interest 32036.62万 as of 2021-06-30.
// The rates and dates are illustrative; the seed leaves them to the contract and the court.
AccrualTerms SeedTrancheOne() {
  AccrualTerms terms;
  terms.principal = AmountOf("38865.89万");
  terms.contract_rate = RateOf("4.35%");
  terms.basis = DayCountBasis::kAct360;
  terms.penalty = PenaltyTerms{RateOf("6.525%"), On(2021, 9, 30)};
  terms.compound = CompoundTerms{RateOf("4.35%"), AmountOf("32036.62万"), {}};
  terms.court = CourtDelayTerms{AmountOf("38865.89万"), On(2021, 11, 30)};
  return terms;
}

// ------------------------------------------------- independent reference arithmetic (no Money)

// floor(numerator / denominator) for a positive denominator.
BigInt FloorDivide(const BigInt& numerator, const BigInt& denominator) {
  BigInt quotient = numerator / denominator;
  if (numerator % denominator != 0 && numerator < 0) quotient -= 1;
  return quotient;
}

// Rounds numerator / denominator by bracketing it between two neighbouring integers and
// choosing one, a different route from the implementation's truncate-then-adjust.
BigInt ReferenceRound(const BigInt& numerator, const BigInt& denominator, RoundingMode mode) {
  const BigInt low = FloorDivide(numerator, denominator);
  const BigInt excess = numerator - low * denominator;  // 0 <= excess < denominator
  if (excess == 0) return low;
  const BigInt high = low + 1;
  const BigInt toward_zero = numerator > 0 ? low : high;
  const BigInt away_from_zero = numerator > 0 ? high : low;
  const BigInt nearest = 2 * excess < denominator ? low : high;
  const bool tie = 2 * excess == denominator;
  switch (mode) {
    case RoundingMode::kFloor:
      return low;
    case RoundingMode::kCeiling:
      return high;
    case RoundingMode::kDown:
      return toward_zero;
    case RoundingMode::kUp:
      return away_from_zero;
    case RoundingMode::kHalfUp:
      return tie ? away_from_zero : nearest;
    case RoundingMode::kHalfEven:
      return tie ? (low % 2 == 0 ? low : high) : nearest;
  }
  ADD_FAILURE() << "unknown rounding mode";
  return 0;
}

BigInt TenToThe(int exponent) {
  BigInt power = 1;
  for (int i = 0; i < exponent; ++i) power *= 10;
  return power;
}

// ---------------------------------------------------------------------------------- AccrualDays

TEST(AccrualDaysTest, CountsTheDaysAfterTheStartThroughTheEnd) {
  EXPECT_EQ(AccrualDays(On(2021, 6, 30), On(2021, 7, 31)).value(), 31);
  EXPECT_EQ(AccrualDays(On(2021, 6, 30), On(2021, 6, 30)).value(), 0);
  EXPECT_EQ(AccrualDays(On(2024, 1, 31), On(2024, 2, 29)).value(), 29);  // leap February
  EXPECT_EQ(AccrualDays(On(2020, 12, 31), On(2021, 12, 31)).value(), 365);
}

TEST(AccrualDaysTest, RefusesAnEndBeforeTheStartNamingThroughDate) {
  EXPECT_TRUE(RefusedWith(AccrualDays(On(2021, 7, 1), On(2021, 6, 30)), "through_date", "before"));
}

TEST(AccrualDaysTest, RefusesDatesThatDoNotExist) {
  EXPECT_TRUE(
      RefusedWith(AccrualDays(On(2021, 2, 29), On(2021, 6, 30)), "start_date", "not a real date"));
  EXPECT_TRUE(RefusedWith(AccrualDays(On(2021, 6, 30), On(2021, 13, 1)), "through_date",
                          "not a real date"));
}

// ------------------------------------------------------------------------------- SimpleInterest

TEST(SimpleInterestTest, ActualOver360IsPrincipalTimesRateTimesDaysOver360) {
  // 1,000,000 x 0.0435 x 31 / 360 = 1,348,500 / 360 = 3745.8333... -> 3,745.83
  EXPECT_EQ(Printed(SimpleInterest(AmountOf("1,000,000.00"), RateOf("4.35%"), On(2021, 6, 30),
                                   On(2021, 7, 31), DayCountBasis::kAct360)),
            "3745.83");
}

TEST(SimpleInterestTest, ActualOver365DiffersFromActualOver360) {
  // 1,000,000 x 0.0435 x 31 / 365 = 1,348,500 / 365 = 3694.5205... -> 3,694.52
  const Result<Money> act365 =
      SimpleInterest(AmountOf("1,000,000.00"), RateOf("4.35%"), On(2021, 6, 30), On(2021, 7, 31),
                     DayCountBasis::kAct365);
  const Result<Money> act360 =
      SimpleInterest(AmountOf("1,000,000.00"), RateOf("4.35%"), On(2021, 6, 30), On(2021, 7, 31),
                     DayCountBasis::kAct360);
  EXPECT_EQ(Printed(act365), "3694.52");
  EXPECT_NE(Printed(act365), Printed(act360));
  EXPECT_EQ(BasisDays(DayCountBasis::kAct360), 360);
  EXPECT_EQ(BasisDays(DayCountBasis::kAct365), 365);
}

TEST(SimpleInterestTest, SeedTrancheOnePrincipalForOneMonth) {
  // 388,658,900 x 0.0435 = 16,906,662.15; x 31 = 524,106,526.65; / 360 = 1,455,851.4629...
  EXPECT_EQ(Printed(SimpleInterest(AmountOf("38865.89万"), RateOf("4.35%"), On(2021, 6, 30),
                                   On(2021, 7, 31), DayCountBasis::kAct360)),
            "1455851.46");
}

TEST(SimpleInterestTest, ExactHalfFenTieRoundsHalfUpByDefault) {
  // 1,000.00 = 100,000 fen; 100,000 x 0.0378 x 1 / 360 = 3,780 / 360 = 10.5 fen exactly.
  const Money principal = AmountOf("1000.00");
  const Rate rate = RateOf("3.78%");
  const auto interest = [&](RoundingMode mode) {
    return Printed(SimpleInterest(principal, rate, On(2021, 6, 30), On(2021, 7, 1),
                                  DayCountBasis::kAct360, mode));
  };
  EXPECT_EQ(Printed(SimpleInterest(principal, rate, On(2021, 6, 30), On(2021, 7, 1),
                                   DayCountBasis::kAct360)),
            "0.11");
  EXPECT_EQ(interest(RoundingMode::kHalfEven), "0.10");
  EXPECT_EQ(interest(RoundingMode::kDown), "0.10");
  EXPECT_EQ(interest(RoundingMode::kCeiling), "0.11");
}

TEST(SimpleInterestTest, HalfUpDecidesOnlyExactTies) {
  // 100,000 x 0.037799 / 360 = 3,779.9 / 360 = 10.4997... fen: just below the tie.
  EXPECT_EQ(Printed(SimpleInterest(AmountOf("1000.00"), RateOf("3.7799%"), On(2021, 6, 30),
                                   On(2021, 7, 1), DayCountBasis::kAct360)),
            "0.10");
}

TEST(SimpleInterestTest, NegativeTieRoundsAwayFromZero) {
  // -100,000 x 0.0378 / 360 = -10.5 fen: half-up goes to -11, the ceiling to -10.
  const Money principal = AmountOf("-1000.00");
  EXPECT_EQ(Printed(SimpleInterest(principal, RateOf("3.78%"), On(2021, 6, 30), On(2021, 7, 1),
                                   DayCountBasis::kAct360)),
            "-0.11");
  EXPECT_EQ(Printed(SimpleInterest(principal, RateOf("3.78%"), On(2021, 6, 30), On(2021, 7, 1),
                                   DayCountBasis::kAct360, RoundingMode::kCeiling)),
            "-0.10");
}

TEST(SimpleInterestTest, ZeroDaysAccrueNothing) {
  EXPECT_EQ(Printed(SimpleInterest(AmountOf("38865.89万"), RateOf("24%"), On(2021, 6, 30),
                                   On(2021, 6, 30), DayCountBasis::kAct365, RoundingMode::kUp)),
            "0.00");
}

TEST(SimpleInterestTest, RefusesAnEndBeforeTheStartNamingThroughDate) {
  EXPECT_TRUE(RefusedWith(SimpleInterest(AmountOf("1000.00"), RateOf("4.35%"), On(2021, 7, 31),
                                         On(2021, 6, 30), DayCountBasis::kAct360),
                          "through_date", "before"));
}

TEST(SimpleInterestTest, RefusesAResultBeyondTheMoneyRange) {
  // The largest amount at 200% for 360 days is twice the largest amount.
  const Money largest = Money::FromFen(Money::kMaxFen).value();
  EXPECT_TRUE(RefusedWith(SimpleInterest(largest, RateOf("2"), On(2021, 1, 1), On(2021, 12, 27),
                                         DayCountBasis::kAct360),
                          "amount", "out of range (overflow)"));
  // At 100% it is exactly the largest amount, still in range.
  EXPECT_EQ(Printed(SimpleInterest(largest, RateOf("1"), On(2021, 1, 1), On(2021, 12, 27),
                                   DayCountBasis::kAct360)),
            largest.ToString());
}

// ---------------------------------------------------------------------------- DailyRateInterest

TEST(DailyRateInterestTest, CourtRateOnTenMillionForThirtyDays) {
  // 10,000,000 x 0.000175 x 30 = 52,500.00
  EXPECT_EQ(CourtDoubledPartDailyRate(), RateOf("0.0175%"));
  EXPECT_EQ(Printed(DailyRateInterest(AmountOf("10,000,000.00"), CourtDoubledPartDailyRate(),
                                      On(2021, 6, 30), On(2021, 7, 30))),
            "52500.00");
}

TEST(DailyRateInterestTest, RefusesAnEndBeforeTheStartNamingThroughDate) {
  EXPECT_TRUE(RefusedWith(DailyRateInterest(AmountOf("1000.00"), CourtDoubledPartDailyRate(),
                                            On(2021, 7, 30), On(2021, 6, 30)),
                          "through_date", "before"));
}

// ------------------------------------------------------------------------------ PenaltyInterest

TEST(PenaltyInterestTest, CountsOnlyTheDaysAfterTheDueDate) {
  // Due 2021-06-15, accrued over (06-01, 06-30]: only (06-15, 06-30] = 15 days count.
  // 1,000,000 x 0.06525 x 15 / 360 = 978,750 / 360 = 2,718.75
  EXPECT_EQ(Printed(PenaltyInterest(AmountOf("1,000,000.00"), RateOf("6.525%"), On(2021, 6, 15),
                                    On(2021, 6, 1), On(2021, 6, 30), DayCountBasis::kAct360)),
            "2718.75");
}

TEST(PenaltyInterestTest, NothingAccruesUntilTheDueDateHasPassed) {
  const Money principal = AmountOf("1,000,000.00");
  EXPECT_EQ(Printed(PenaltyInterest(principal, RateOf("6.525%"), On(2021, 6, 30), On(2021, 6, 1),
                                    On(2021, 6, 30), DayCountBasis::kAct360)),
            "0.00");
  EXPECT_EQ(Printed(PenaltyInterest(principal, RateOf("6.525%"), On(2021, 12, 31), On(2021, 6, 1),
                                    On(2021, 6, 30), DayCountBasis::kAct360)),
            "0.00");
}

TEST(PenaltyInterestTest, DueBeforeTheSpanCountsTheWholeSpan) {
  // (06-01, 06-30] = 29 days; 1,000,000 x 0.06525 x 29 / 360 = 1,892,250 / 360 = 5,256.25
  EXPECT_EQ(Printed(PenaltyInterest(AmountOf("1,000,000.00"), RateOf("6.525%"), On(2021, 5, 1),
                                    On(2021, 6, 1), On(2021, 6, 30), DayCountBasis::kAct360)),
            "5256.25");
}

TEST(PenaltyInterestTest, RefusesADueDateThatDoesNotExist) {
  EXPECT_TRUE(RefusedWith(PenaltyInterest(AmountOf("1000.00"), RateOf("6.525%"), On(2021, 4, 31),
                                          On(2021, 6, 1), On(2021, 6, 30), DayCountBasis::kAct360),
                          "due_date", "not a real date"));
}

// ------------------------------------------------------------ interest on interest, court part

TEST(InterestOnOverdueInterestTest, IsSimpleInterestOnTheOverdueInterest) {
  // Seed tranche 1's interest 32036.62万 over (2021-06-30, 2021-12-31] = 184 days at 4.35%:
  // 320,366,200 x 0.0435 = 13,935,929.70; x 184 = 2,564,211,064.80; / 360 = 7,122,808.5133...
  EXPECT_EQ(
      Printed(InterestOnOverdueInterest(AmountOf("32036.62万"), RateOf("4.35%"), On(2021, 6, 30),
                                        On(2021, 12, 31), DayCountBasis::kAct360)),
      "7122808.51");
}

TEST(CourtDoubledPartInterestTest, DelayStartsTheDayAfterPerformanceWasDue) {
  // Due 2021-11-30; (2021-06-30, 2021-12-30] holds 30 days of delay: 10,000,000 x 0.000175 x 30.
  const Money debt = AmountOf("10,000,000.00");
  EXPECT_EQ(Printed(CourtDoubledPartInterest(debt, CourtDoubledPartDailyRate(), On(2021, 11, 30),
                                             On(2021, 6, 30), On(2021, 12, 30))),
            "52500.00");
  EXPECT_EQ(Printed(CourtDoubledPartInterest(debt, CourtDoubledPartDailyRate(), On(2021, 11, 30),
                                             On(2021, 6, 30), On(2021, 11, 30))),
            "0.00");
}

TEST(CourtDoubledPartInterestTest, JudgmentDebtOfZeroIsRefusedNamingIt) {
  AccrualTerms terms;
  terms.court = CourtDelayTerms{Money(), On(2021, 11, 30), CourtDoubledPartDailyRate()};
  const auto accrued = CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 12, 31));
  ASSERT_FALSE(accrued.ok());
  EXPECT_EQ(accrued.error().field, "court.judgment_debt");
  EXPECT_NE(accrued.error().reason.find("more than zero"), std::string::npos);
}

TEST(CourtDoubledPartInterestTest, RunsOnTheJudgmentDebtStillUnpaidEachDay) {
  // 0.000175 x (1,000,000.00 x 10 days + 600,000.00 x 21 days), the debt lowered after
  // 2021-07-10 by a payment.
  AccrualTerms terms;
  terms.court =
      CourtDelayTerms{AmountOf("1,000,000.00"), On(2021, 6, 30), CourtDoubledPartDailyRate()};
  terms.court_steps = {{On(2021, 7, 10), AmountOf("600,000.00")}};
  const Result<AccrualBreakdown> total = CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(total.ok()) << total.error().Message();
  EXPECT_EQ(total.value().court_doubled.ToString(), "3955.00");
}

// ---------------------------------------------------------------------------- CumulativeAccrual

// Contract, penalty and compound interest all go to the interest account: their exact sum is
// rounded once, and the components are the steps of the rounded running total. Rounding each on
// its own would book 8,641,182.88 + 6,480,887.16 + 7,122,808.51 = 22,244,878.55 here by luck;
// in general it can be off by up to a fen per component.
TEST(CumulativeAccrualTest, SeedTrancheOneRoundsTheInterestAccountsSumOnce) {
  // (2021-06-30, 2021-12-31] = 184 days.
  const Result<AccrualBreakdown> accrued =
      CumulativeAccrual(SeedTrancheOne(), On(2021, 6, 30), On(2021, 12, 31));
  ASSERT_TRUE(accrued.ok()) << accrued.error().Message();
  // 388,658,900 x 0.0435 = 16,906,662.15; x 184 = 3,110,825,835.60; / 360 = 8,641,182.8766...
  EXPECT_EQ(accrued.value().interest.ToString(), "8641182.88");
  // Due 09-30, so 92 days: 388,658,900 x 0.06525 = 25,359,993.225; x 92 = 2,333,119,376.70;
  // / 360 = 6,480,887.1575. Running total 15,122,070.0341... -> 15,122,070.03, less 8,641,182.88.
  EXPECT_EQ(accrued.value().penalty.ToString(), "6480887.15");
  // 320,366,200 x 0.0435 x 184 / 360 = 7,122,808.5133...; running total 22,244,878.5475 ->
  // 22,244,878.55, less 15,122,070.03.
  EXPECT_EQ(accrued.value().compound.ToString(), "7122808.52");
  // Due 11-30, so 31 days: 388,658,900 x 0.000175 = 68,015.3075; x 31 = 2,108,474.5325. The
  // penalty account's own rounding.
  EXPECT_EQ(accrued.value().court_doubled.ToString(), "2108474.53");
}

// The reviewer's case: 1,000.00 for 3 days (ACT/360) at 4.5% and a 2.25% surcharge: 37.5 and
// 18.75 fen, 56.25 together. Rounded apart they would book 0.38 + 0.19 = 0.57.
TEST(CumulativeAccrualTest, InterestAndSurchargeAreBookedAtTheRoundingOfTheirSum) {
  AccrualTerms terms;
  terms.principal = AmountOf("1,000.00");
  terms.contract_rate = RateOf("4.5%");
  terms.penalty = PenaltyTerms{RateOf("2.25%"), On(2021, 6, 30)};
  const Result<AccrualBreakdown> accrued =
      CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 3));
  ASSERT_TRUE(accrued.ok()) << accrued.error().Message();
  EXPECT_EQ(accrued.value().interest.ToString(), "0.38");
  EXPECT_EQ(accrued.value().penalty.ToString(), "0.18");
}

TEST(CumulativeAccrualTest, CompoundInterestRunsOnTheOverdueInterestLeftEachDay) {
  AccrualTerms terms;
  terms.principal = AmountOf("0.00");
  terms.contract_rate = RateOf("0%");
  // 1,000,000.00 overdue until 07-10, 400,000.00 left after a payment, none after 07-20.
  terms.compound = CompoundTerms{
      RateOf("3.6%"),
      AmountOf("1,000,000.00"),
      {{On(2021, 7, 10), AmountOf("400,000.00")}, {On(2021, 7, 20), AmountOf("0.00")}}};
  const Result<AccrualBreakdown> accrued =
      CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(accrued.ok()) << accrued.error().Message();
  // (1,000,000 x 10 + 400,000 x 10 + 0 x 11) x 0.036 / 360 = 1,400.00
  EXPECT_EQ(accrued.value().compound.ToString(), "1400.00");
}

TEST(CumulativeAccrualTest, CompoundStepsOutOfOrderAreRefusedNamingTheStep) {
  AccrualTerms terms;
  terms.principal = AmountOf("1.00");
  terms.compound =
      CompoundTerms{RateOf("3.6%"),
                    AmountOf("1,000.00"),
                    {{On(2021, 7, 20), AmountOf("400.00")}, {On(2021, 7, 10), AmountOf("0.00")}}};
  EXPECT_TRUE(RefusedWith(CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31)),
                          "compound.steps[1].date", "after the step before"));
}

TEST(CumulativeAccrualTest, AbsentComponentsAccrueNothing) {
  AccrualTerms terms;
  terms.principal = AmountOf("1,000,000.00");
  terms.contract_rate = RateOf("4.35%");
  const Result<AccrualBreakdown> accrued =
      CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(accrued.ok()) << accrued.error().Message();
  EXPECT_EQ(accrued.value().interest.ToString(), "3745.83");
  EXPECT_TRUE(accrued.value().penalty.is_zero());
  EXPECT_TRUE(accrued.value().compound.is_zero());
  EXPECT_TRUE(accrued.value().court_doubled.is_zero());
}

TEST(CumulativeAccrualTest, RefusesNegativeOrIncompleteTermsNamingTheField) {
  AccrualTerms negative_principal = SeedTrancheOne();
  negative_principal.principal = AmountOf("-1.00");
  EXPECT_TRUE(RefusedWith(CumulativeAccrual(negative_principal, On(2021, 6, 30), On(2021, 7, 31)),
                          "principal", "negative"));

  AccrualTerms no_due_date = SeedTrancheOne();
  no_due_date.penalty = PenaltyTerms{RateOf("6.525%")};
  EXPECT_TRUE(RefusedWith(CumulativeAccrual(no_due_date, On(2021, 6, 30), On(2021, 7, 31)),
                          "penalty.principal_due_date", "not a real date"));

  AccrualTerms negative_court_rate = SeedTrancheOne();
  negative_court_rate.court->daily_rate = RateOf("-0.0175%");
  EXPECT_TRUE(RefusedWith(CumulativeAccrual(negative_court_rate, On(2021, 6, 30), On(2021, 7, 31)),
                          "court.daily_rate", "negative"));
}

TEST(CourtDailyRateTest, TheStatutesPercentageGivenAsAFractionIsRefused) {
  EXPECT_TRUE(CheckCourtDailyRate(RateOf("0.0175%"), "daily_rate").ok());
  EXPECT_TRUE(CheckCourtDailyRate(RateOf("0.1%"), "daily_rate").ok());
  const Status typo = CheckCourtDailyRate(RateOf("1.75%"), "daily_rate");  // "0.0175"
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().field, "daily_rate");
  EXPECT_NE(typo.error().reason.find("at most 0.001"), std::string::npos) << typo.error().reason;
}

TEST(CumulativeAccrualTest, RefusesAnEndBeforeTheStartNamingThroughDate) {
  EXPECT_TRUE(RefusedWith(CumulativeAccrual(SeedTrancheOne(), On(2021, 6, 30), On(2021, 6, 29)),
                          "through_date", "before"));
}

// -------------------------------------------------------------------------------- PeriodAccrual

TEST(PeriodAccrualTest, BooksTheDifferenceOfRoundedCumulativeAmounts) {
  AccrualTerms terms;
  terms.principal = AmountOf("1,000,000.00");
  terms.contract_rate = RateOf("4.35%");
  // July alone: 3,745.8333... -> 3,745.83. July and August, 62 days: 1,000,000 x 0.0435 x 62 /
  // 360 = 7,491.6666... -> 7,491.67. Rounding each month on its own would book 3,745.83 twice
  // (7,491.66); booking the difference books 7,491.67 - 3,745.83 = 3,745.84 for August.
  const Date start = On(2021, 6, 30);
  const Result<AccrualBreakdown> july = PeriodAccrual(terms, start, start, On(2021, 7, 31));
  const Result<AccrualBreakdown> august =
      PeriodAccrual(terms, start, On(2021, 7, 31), On(2021, 8, 31));
  const Result<AccrualBreakdown> both = CumulativeAccrual(terms, start, On(2021, 8, 31));
  ASSERT_TRUE(july.ok() && august.ok() && both.ok());
  EXPECT_EQ(july.value().interest.ToString(), "3745.83");
  EXPECT_EQ(august.value().interest.ToString(), "3745.84");
  EXPECT_EQ(both.value().interest.ToString(), "7491.67");
}

TEST(PeriodAccrualTest, RefusesAPeriodOutsideTheSpan) {
  const AccrualTerms terms = SeedTrancheOne();
  EXPECT_TRUE(RefusedWith(PeriodAccrual(terms, On(2021, 6, 30), On(2021, 6, 29), On(2021, 7, 31)),
                          "period_start", "before"));
  EXPECT_TRUE(RefusedWith(PeriodAccrual(terms, On(2021, 6, 30), On(2021, 7, 31), On(2021, 7, 30)),
                          "period_end", "before"));
}

// ------------------------------------------------------------------------------ MonthEndPeriods

::testing::AssertionResult PeriodsAre(const Result<std::vector<AccrualPeriod>>& periods,
                                      const std::vector<std::string>& expected) {
  if (!periods.ok()) return ::testing::AssertionFailure() << periods.error().Message();
  std::vector<std::string> printed;
  for (const AccrualPeriod& period : periods.value()) {
    printed.push_back(FormatIsoDate(period.start) + ".." + FormatIsoDate(period.end));
  }
  if (printed == expected) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << "got";
  for (const std::string& text : printed) failure << " " << text;
  return failure;
}

TEST(MonthEndPeriodsTest, MidMonthDatesGiveShortFirstAndLastPeriods) {
  EXPECT_TRUE(PeriodsAre(MonthEndPeriods(On(2021, 6, 15), On(2021, 9, 10)),
                         {"2021-06-15..2021-06-30", "2021-06-30..2021-07-31",
                          "2021-07-31..2021-08-31", "2021-08-31..2021-09-10"}));
}

TEST(MonthEndPeriodsTest, MonthEndDatesGiveWholeMonthsAcrossTheYearAndLeapFebruary) {
  EXPECT_TRUE(
      PeriodsAre(MonthEndPeriods(On(2023, 12, 31), On(2024, 3, 31)),
                 {"2023-12-31..2024-01-31", "2024-01-31..2024-02-29", "2024-02-29..2024-03-31"}));
}

TEST(MonthEndPeriodsTest, EqualDatesGiveNoPeriods) {
  EXPECT_TRUE(PeriodsAre(MonthEndPeriods(On(2021, 6, 30), On(2021, 6, 30)), {}));
}

TEST(MonthEndPeriodsTest, RefusesAnEndBeforeTheStartNamingThroughDate) {
  EXPECT_TRUE(
      RefusedWith(MonthEndPeriods(On(2021, 6, 30), On(2021, 6, 1)), "through_date", "before"));
}

// ---------------------------------------------------------------------------- random properties

struct RandomSource {
  std::mt19937_64 engine{20210630};

  int64_t Uniform(int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(engine);
  }
  bool Coin() { return Uniform(0, 1) == 1; }
  Date DateNear(const Date& anchor, int64_t spread) {
    return AddDays(anchor, Uniform(-spread, spread));
  }
  Rate AnnualRate() { return Rate::FromScaled(Uniform(0, 300'000), Uniform(4, 7)); }
  Money Amount(int64_t max_fen) { return Money::FromFen(Uniform(0, max_fen)).value(); }
  RoundingMode Mode() { return kAllModes[Uniform(0, 5)]; }
};

AccrualTerms RandomTerms(RandomSource& random, const Date& start, const Date& through) {
  AccrualTerms terms;
  terms.principal = random.Amount(100'000'000'000'000);  // up to 1,000,000,000,000.00
  terms.contract_rate = random.AnnualRate();
  terms.basis = random.Coin() ? DayCountBasis::kAct360 : DayCountBasis::kAct365;
  terms.rounding = random.Mode();
  const Date middle = AddDays(start, (DaysFromCivil(through) - DaysFromCivil(start)) / 2);
  const int64_t spread = DaysFromCivil(through) - DaysFromCivil(start) + 60;
  if (random.Coin())
    terms.penalty = PenaltyTerms{random.AnnualRate(), random.DateNear(middle, spread)};
  if (random.Coin()) {
    terms.compound = CompoundTerms{random.AnnualRate(), random.Amount(10'000'000'000'000), {}};
  }
  if (random.Coin()) {
    terms.court = CourtDelayTerms{Money::FromFen(random.Uniform(1, 100'000'000'000'000)).value(),
                                  random.DateNear(middle, spread),
                                  Rate::FromScaled(random.Uniform(0, 500), 6)};
  }
  return terms;
}

// Fen totals per component, accumulated without Money so the sums cannot be clamped.
struct FenTotals {
  BigInt interest = 0, penalty = 0, compound = 0, court_doubled = 0;

  void Add(const AccrualBreakdown& amounts) {
    interest += BigInt(amounts.interest.fen());
    penalty += BigInt(amounts.penalty.fen());
    compound += BigInt(amounts.compound.fen());
    court_doubled += BigInt(amounts.court_doubled.fen());
  }
};

TEST(PeriodAccrualTest, MonthlyPeriodsSumExactlyToTheOneShotFigurePerComponent) {
  RandomSource random;
  int naive_mismatches = 0;  // spans where rounding each month on its own would drift
  for (int trial = 0; trial < 300; ++trial) {
    const Date start = CivilFromDays(DaysFromCivil(On(2005, 1, 1)) + random.Uniform(0, 6000));
    const Date through = AddDays(start, random.Uniform(0, 1500));
    const AccrualTerms terms = RandomTerms(random, start, through);
    SCOPED_TRACE("trial " + std::to_string(trial) + ": " + FormatIsoDate(start) + ".." +
                 FormatIsoDate(through));

    const Result<std::vector<AccrualPeriod>> periods = MonthEndPeriods(start, through);
    ASSERT_TRUE(periods.ok()) << periods.error().Message();
    FenTotals booked;
    BigInt naive_interest = 0;
    for (const AccrualPeriod& period : periods.value()) {
      const Result<AccrualBreakdown> amounts =
          PeriodAccrual(terms, start, period.start, period.end);
      ASSERT_TRUE(amounts.ok()) << amounts.error().Message();
      booked.Add(amounts.value());
      naive_interest += BigInt(SimpleInterest(terms.principal, terms.contract_rate, period.start,
                                              period.end, terms.basis, terms.rounding)
                                   .value()
                                   .fen());
    }
    const Result<AccrualBreakdown> whole = CumulativeAccrual(terms, start, through);
    ASSERT_TRUE(whole.ok()) << whole.error().Message();
    FenTotals expected;
    expected.Add(whole.value());
    EXPECT_EQ(booked.interest, expected.interest);
    EXPECT_EQ(booked.penalty, expected.penalty);
    EXPECT_EQ(booked.compound, expected.compound);
    EXPECT_EQ(booked.court_doubled, expected.court_doubled);
    if (naive_interest != expected.interest) ++naive_mismatches;
  }
  // The property has teeth: per-period rounding would have missed in some spans.
  EXPECT_GT(naive_mismatches, 0);
}

TEST(MonthEndPeriodsTest, PeriodsAreContiguousEndAtMonthEndsAndCoverTheSpan) {
  RandomSource random;
  for (int trial = 0; trial < 300; ++trial) {
    const Date start = CivilFromDays(DaysFromCivil(On(1999, 1, 1)) + random.Uniform(0, 12000));
    const Date through = AddDays(start, random.Uniform(0, 1000));
    const Result<std::vector<AccrualPeriod>> periods = MonthEndPeriods(start, through);
    ASSERT_TRUE(periods.ok()) << periods.error().Message();
    Date cursor = start;
    for (const AccrualPeriod& period : periods.value()) {
      EXPECT_EQ(period.start, cursor);
      EXPECT_LT(period.start, period.end);
      const bool month_end = period.end.day == DaysInMonth(period.end.year, period.end.month);
      EXPECT_TRUE(month_end || period.end == through) << FormatIsoDate(period.end);
      // A period never crosses a month end.
      EXPECT_LE(DaysFromCivil(period.end) - DaysFromCivil(period.start), 31);
      cursor = period.end;
    }
    EXPECT_EQ(cursor, through);
  }
}

TEST(AccrualRoundingTest, MatchesAnIndependentExactComputation) {
  RandomSource random;
  int in_range = 0;
  int out_of_range = 0;
  const BigInt max_fen = BigInt(Money::kMaxFen);
  for (int trial = 0; trial < 400; ++trial) {
    const Money amount =
        Money::FromFen(random.Uniform(-10'000'000'000'000'000, 10'000'000'000'000'000)).value();
    const int64_t scaled = random.Uniform(0, 10'000'000);
    const int scale = static_cast<int>(random.Uniform(0, 9));
    const Rate rate = Rate::FromScaled(scaled, scale);
    const Date from = CivilFromDays(DaysFromCivil(On(2010, 1, 1)) + random.Uniform(0, 5000));
    const int64_t days = random.Uniform(0, 4000);
    const bool daily = random.Coin();
    const DayCountBasis basis = random.Coin() ? DayCountBasis::kAct360 : DayCountBasis::kAct365;
    const RoundingMode mode = random.Mode();

    const BigInt divisor = daily ? 1 : (basis == DayCountBasis::kAct360 ? 360 : 365);
    const BigInt expected =
        ReferenceRound(BigInt(amount.fen()) * scaled * days, TenToThe(scale) * divisor, mode);
    const Date to = AddDays(from, days);
    const Result<Money> actual = daily ? DailyRateInterest(amount, rate, from, to, mode)
                                       : SimpleInterest(amount, rate, from, to, basis, mode);
    SCOPED_TRACE(amount.ToString() + " x " + rate.ToString() + " x " + std::to_string(days) +
                 (daily ? " daily" : " / basis"));
    if (abs(expected) > max_fen) {
      ++out_of_range;
      EXPECT_TRUE(RefusedWith(actual, "amount", "out of range (overflow)"));
    } else {
      ++in_range;
      ASSERT_TRUE(actual.ok()) << actual.error().Message();
      EXPECT_EQ(BigInt(actual.value().fen()), expected);
    }
  }
  // Both outcomes were exercised.
  EXPECT_GT(in_range, 0);
  EXPECT_GT(out_of_range, 0);
}

TEST(AccrualRoundingTest, ExactTiesMatchTheIndependentComputationInEveryMode) {
  // An odd number of fen at 0.5 per day for an odd number of days is always half a fen over a
  // whole one: fen x 5 x days / 10 = (odd) / 2.
  RandomSource random;
  const Rate half = Rate::FromScaled(5, 1);
  for (int trial = 0; trial < 200; ++trial) {
    const int64_t fen = 2 * random.Uniform(-1'000'000'000'000, 1'000'000'000'000) + 1;
    const int64_t days = 2 * random.Uniform(0, 500) + 1;
    const Date from = CivilFromDays(DaysFromCivil(On(2010, 1, 1)) + random.Uniform(0, 5000));
    for (RoundingMode mode : kAllModes) {
      const BigInt expected = ReferenceRound(BigInt(fen) * 5 * days, 10, mode);
      const Result<Money> actual =
          DailyRateInterest(Money::FromFen(fen).value(), half, from, AddDays(from, days), mode);
      ASSERT_TRUE(actual.ok()) << actual.error().Message();
      EXPECT_EQ(BigInt(actual.value().fen()), expected)
          << fen << " fen x 0.5 x " << days << " days, mode " << static_cast<int>(mode);
    }
  }
}

}  // namespace
}  // namespace disposal::domain
