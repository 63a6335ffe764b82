// Interest on a principal that changes: each day accrues on the principal outstanding that day,
// a repayment counts from the day after it, and the periods of a span still add up exactly to
// the one-shot figure. Also how a tranche's principal steps are derived from its ledger.
#include <gtest/gtest.h>

#include <vector>

#include "domain/accrual.h"
#include "domain/ledger.h"

namespace disposal::domain {
namespace {

Date On(int year, int month, int day) { return Date{year, month, day}; }
Money Yuan(const char* text) { return Money::Parse(text).value(); }

// 1,000,000.00 at 3.6% ACT/360 (100.00 a day) from 2021-06-30, paid down to 500,000.00 on
// 2021-07-10 (50.00 a day from 07-11).
AccrualTerms PaidDownOnJulyTenth() {
  AccrualTerms terms;
  terms.principal = Yuan("1000000.00");
  terms.contract_rate = Rate::Parse("0.036").value();
  terms.principal_steps = {{On(2021, 7, 10), Yuan("500000.00")}};
  return terms;
}

TEST(PrincipalStepsAccrualTest, EachDayAccruesOnThePrincipalOutstandingThatDay) {
  // 10 days at 100.00, then 21 days at 50.00.
  const Result<AccrualBreakdown> july =
      CumulativeAccrual(PaidDownOnJulyTenth(), On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(july.ok()) << july.error().Message();
  EXPECT_EQ(july.value().interest.ToString(), "2050.00");
}

TEST(PrincipalStepsAccrualTest, RepaymentCountsFromTheDayAfterIt) {
  const Result<AccrualBreakdown> through_payment_day =
      CumulativeAccrual(PaidDownOnJulyTenth(), On(2021, 6, 30), On(2021, 7, 10));
  const Result<AccrualBreakdown> one_day_more =
      CumulativeAccrual(PaidDownOnJulyTenth(), On(2021, 6, 30), On(2021, 7, 11));
  ASSERT_TRUE(through_payment_day.ok() && one_day_more.ok());
  EXPECT_EQ(through_payment_day.value().interest.ToString(), "1000.00");
  EXPECT_EQ(one_day_more.value().interest.ToString(), "1050.00");
}

TEST(PrincipalStepsAccrualTest, StepBeforeTheSpanSetsItsPrincipalAndOneAfterItIsIgnored) {
  AccrualTerms terms = PaidDownOnJulyTenth();
  terms.principal_steps = {{On(2021, 6, 1), Yuan("200000.00")}, {On(2021, 8, 5), Yuan("0")}};
  const Result<AccrualBreakdown> july = CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(july.ok()) << july.error().Message();
  EXPECT_EQ(july.value().interest.ToString(), "620.00");  // 31 days at 20.00
}

TEST(PrincipalStepsAccrualTest, PenaltyInterestAlsoRunsOnThePrincipalLeft) {
  AccrualTerms terms = PaidDownOnJulyTenth();
  terms.contract_rate = Rate();
  // 1.8% from 07-05: 5 days at 50.00, then 21 days at 25.00.
  terms.penalty = PenaltyTerms{Rate::Parse("0.018").value(), On(2021, 7, 5)};
  const Result<AccrualBreakdown> july = CumulativeAccrual(terms, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_TRUE(july.ok()) << july.error().Message();
  EXPECT_EQ(july.value().penalty.ToString(), "775.00");
}

TEST(PrincipalStepsAccrualTest, MonthlyPeriodsAddUpToTheOneShotFigureAcrossSteps) {
  AccrualTerms terms;
  terms.principal = Yuan("388658900.00");
  terms.contract_rate = Rate::Parse("0.0435").value();
  terms.principal_steps = {{On(2021, 7, 15), Yuan("288658900.00")},
                           {On(2021, 9, 3), Yuan("123456789.01")},
                           {On(2021, 11, 30), Yuan("0.37")}};
  const Date start = On(2021, 6, 30), through = On(2022, 1, 20);
  const Result<std::vector<AccrualPeriod>> periods = MonthEndPeriods(start, through);
  ASSERT_TRUE(periods.ok());
  Money sum;
  for (const AccrualPeriod& period : periods.value()) {
    const Result<AccrualBreakdown> part = PeriodAccrual(terms, start, period.start, period.end);
    ASSERT_TRUE(part.ok()) << part.error().Message();
    sum = sum.Add(part.value().interest).value();
  }
  const Result<AccrualBreakdown> once = CumulativeAccrual(terms, start, through);
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(sum, once.value().interest);
  EXPECT_FALSE(once.value().interest.is_zero());
}

TEST(PrincipalStepsAccrualTest, StepsOutOfOrderOrNegativeAreRefusedNamingTheStep) {
  AccrualTerms unordered = PaidDownOnJulyTenth();
  unordered.principal_steps.push_back({On(2021, 7, 10), Yuan("1.00")});
  const Result<AccrualBreakdown> same_day =
      CumulativeAccrual(unordered, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_FALSE(same_day.ok());
  EXPECT_EQ(same_day.error().field, "principal_steps[1].date");
  AccrualTerms negative = PaidDownOnJulyTenth();
  negative.principal_steps[0].principal = Yuan("-1.00");
  const Result<AccrualBreakdown> below_zero =
      CumulativeAccrual(negative, On(2021, 6, 30), On(2021, 7, 31));
  ASSERT_FALSE(below_zero.ok());
  EXPECT_EQ(below_zero.error().field, "principal_steps[0].principal");
}

TEST(PrincipalStepsOfLedgerTest, FollowsTheTranchesOwnChangesOneStepPerDate) {
  const std::vector<PrincipalChange> changes = {
      {On(2021, 7, 10), 1, Yuan("-100.00")},
      {On(2021, 7, 10), 2, Yuan("-999.00")},  // another tranche's
      {On(2021, 7, 20), 1, Yuan("-50.00")},
      {On(2021, 7, 25), 1, Yuan("0")},  // no change, no step
      {On(2021, 8, 1), 1, Yuan("30.00")},
  };
  const std::vector<PrincipalStep> steps = PrincipalSteps(Yuan("1000.00"), 1, changes);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].date, On(2021, 7, 10));
  EXPECT_EQ(steps[0].principal, Yuan("900.00"));
  EXPECT_EQ(steps[1].principal, Yuan("850.00"));
  EXPECT_EQ(steps[2].date, On(2021, 8, 1));
  EXPECT_EQ(steps[2].principal, Yuan("880.00"));
}

TEST(PrincipalStepsOfLedgerTest, AccountPaidBeyondZeroAccruesNothing) {
  const std::vector<PrincipalStep> steps =
      PrincipalSteps(Yuan("100.00"), 1, {{On(2021, 7, 10), 1, Yuan("-150.00")}});
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].principal.is_zero());
}

}  // namespace
}  // namespace disposal::domain
