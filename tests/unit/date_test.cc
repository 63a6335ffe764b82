#include "domain/date.h"

#include <gtest/gtest.h>

#include <string>

namespace disposal::domain {
namespace {

// The test's own calendar rules, written from the Gregorian definition, to walk dates one by
// one without using the code under test.
int ReferenceDaysInMonth(int year, int month) {
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  switch (month) {
    case 2:
      return leap ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

Date NextDay(Date date) {
  if (++date.day > ReferenceDaysInMonth(date.year, date.month)) {
    date.day = 1;
    if (++date.month > 12) {
      date.month = 1;
      ++date.year;
    }
  }
  return date;
}

Date PreviousDay(Date date) {
  if (--date.day < 1) {
    if (--date.month < 1) {
      date.month = 12;
      --date.year;
    }
    date.day = ReferenceDaysInMonth(date.year, date.month);
  }
  return date;
}

::testing::AssertionResult RefusedWith(const Result<Date>& result, const std::string& part) {
  if (result.ok()) {
    return ::testing::AssertionFailure() << "accepted " << FormatIsoDate(result.value());
  }
  const Error& error = result.error();
  if (error.code != ErrorCode::kInvalidArgument || error.field != "date" ||
      error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

TEST(DateTest, DaysFromCivilCountsFromTheUnixEpoch) {
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 2}), 1);
  EXPECT_EQ(DaysFromCivil(Date{1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil(Date{2000, 1, 1}), 10957);  // 30 years incl. 7 leap days
  EXPECT_EQ(DaysFromCivil(Date{2000, 3, 1}), 10957 + 31 + 29);
}

TEST(DateTest, DaysFromCivilAndCivilFromDaysAgreeWithADayByDayWalkForward) {
  Date walked{1970, 1, 1};
  for (int64_t days = 0; days <= DaysFromCivil(Date{2300, 12, 31}); ++days) {
    ASSERT_EQ(CivilFromDays(days), walked) << days;
    ASSERT_EQ(DaysFromCivil(walked), days) << FormatIsoDate(walked);
    walked = NextDay(walked);
  }
  EXPECT_EQ(walked, (Date{2301, 1, 1}));
}

TEST(DateTest, DaysFromCivilAndCivilFromDaysAgreeWithADayByDayWalkBackward) {
  Date walked{1970, 1, 1};
  for (int64_t days = 0; days >= DaysFromCivil(Date{1600, 1, 1}); --days) {
    ASSERT_EQ(CivilFromDays(days), walked) << days;
    ASSERT_EQ(DaysFromCivil(walked), days) << FormatIsoDate(walked);
    walked = PreviousDay(walked);
  }
  EXPECT_EQ(walked, (Date{1599, 12, 31}));
}

TEST(DateTest, WeekdayOfKnownDates) {
  EXPECT_EQ(Weekday(Date{2021, 7, 28}), 3);  // the seed notice: a Wednesday
  EXPECT_EQ(Weekday(Date{1970, 1, 1}), 4);   // Thursday
  EXPECT_EQ(Weekday(Date{2000, 1, 1}), 6);   // Saturday
  EXPECT_EQ(Weekday(Date{1949, 10, 1}), 6);  // Saturday
  EXPECT_EQ(Weekday(Date{1900, 1, 1}), 1);   // Monday
  EXPECT_EQ(Weekday(Date{2024, 2, 25}), 7);  // Sunday
}

TEST(DateTest, WeekdayAdvancesByOneEachDayAndWrapsAfterSunday) {
  Date date{1899, 12, 1};
  int expected = Weekday(date);
  for (int i = 0; i < 3000; ++i) {
    date = NextDay(date);
    expected = expected == 7 ? 1 : expected + 1;
    ASSERT_EQ(Weekday(date), expected) << FormatIsoDate(date);
  }
}

TEST(DateTest, AddDaysCrossesMonthYearAndLeapDayBoundaries) {
  EXPECT_EQ(AddDays(Date{2021, 12, 31}, 1), (Date{2022, 1, 1}));
  EXPECT_EQ(AddDays(Date{2020, 2, 28}, 1), (Date{2020, 2, 29}));
  EXPECT_EQ(AddDays(Date{2021, 2, 28}, 1), (Date{2021, 3, 1}));
  EXPECT_EQ(AddDays(Date{2021, 3, 1}, -1), (Date{2021, 2, 28}));
  EXPECT_EQ(AddDays(Date{2021, 7, 28}, 0), (Date{2021, 7, 28}));
  EXPECT_EQ(AddDays(Date{2021, 1, 1}, 365), (Date{2022, 1, 1}));
  EXPECT_EQ(AddDays(Date{2020, 1, 1}, 365), (Date{2020, 12, 31}));
}

TEST(DateTest, ComparisonsOrderByYearThenMonthThenDay) {
  const Date earlier{2021, 6, 30};
  const Date later{2021, 7, 1};
  EXPECT_TRUE(earlier < later);
  EXPECT_TRUE(earlier <= later);
  EXPECT_TRUE(later > earlier);
  EXPECT_TRUE(later >= earlier);
  EXPECT_TRUE(earlier != later);
  EXPECT_FALSE(earlier == later);
  EXPECT_TRUE((Date{2020, 12, 31}) < (Date{2021, 1, 1}));
  EXPECT_TRUE((Date{2021, 1, 1}) == (Date{2021, 1, 1}));
  EXPECT_TRUE((Date{2021, 1, 1}) <= (Date{2021, 1, 1}));
  EXPECT_FALSE((Date{2021, 1, 1}) < (Date{2021, 1, 1}));
}

TEST(DateTest, MakeDateAcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(MakeDate(2020, 2, 29).ok());
  EXPECT_TRUE(MakeDate(2000, 2, 29).ok());  // divisible by 400
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 2, 29), "2021-02-29 is not a real date"));
  EXPECT_TRUE(RefusedWith(MakeDate(1900, 2, 29), "not a real date"));  // century, not by 400
  EXPECT_TRUE(RefusedWith(MakeDate(2100, 2, 29), "not a real date"));
}

TEST(DateTest, MakeDateRefusesImpossibleMonthsAndDays) {
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 13, 1), "not a real date"));
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 0, 1), "not a real date"));
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 4, 31), "not a real date"));
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 1, 0), "not a real date"));
  EXPECT_TRUE(RefusedWith(MakeDate(2021, 1, 32), "not a real date"));
  EXPECT_TRUE(MakeDate(2021, 1, 31).ok());
}

TEST(DateTest, MakeDateRefusesYearsOutsideTheBusinessRange) {
  EXPECT_TRUE(RefusedWith(MakeDate(1899, 12, 31), "year 1899 is outside 1900..2200"));
  EXPECT_TRUE(RefusedWith(MakeDate(2201, 1, 1), "year 2201 is outside"));
  ASSERT_TRUE(MakeDate(1900, 1, 1).ok());
  ASSERT_TRUE(MakeDate(2200, 12, 31).ok());
  EXPECT_EQ(MakeDate(2200, 12, 31).value(), (Date{2200, 12, 31}));
}

TEST(DateTest, ParseIsoDateReadsYearMonthDay) {
  const Result<Date> parsed = ParseIsoDate("2021-06-30");
  ASSERT_TRUE(parsed.ok()) << parsed.error().Message();
  EXPECT_EQ(parsed.value().year, 2021);
  EXPECT_EQ(parsed.value().month, 6);
  EXPECT_EQ(parsed.value().day, 30);
}

TEST(DateTest, ParseIsoDateRefusesOtherShapes) {
  for (const char* text : {"2021-6-30", "2021/06/30", "20210630", " 2021-06-30", "2021-06-30 ",
                           "2021-06-3x", "", "21-06-30", "2021-06-300", "+021-06-30"}) {
    EXPECT_TRUE(RefusedWith(ParseIsoDate(text), "is not a date in the form YYYY-MM-DD")) << text;
  }
}

TEST(DateTest, ParseIsoDateRefusesUnrealAndOutOfRangeDates) {
  EXPECT_TRUE(RefusedWith(ParseIsoDate("2021-02-30"), "2021-02-30 is not a real date"));
  EXPECT_TRUE(RefusedWith(ParseIsoDate("2021-00-10"), "not a real date"));
  EXPECT_TRUE(RefusedWith(ParseIsoDate("1066-10-14"), "year 1066 is outside"));
}

TEST(DateTest, FormatIsoDateZeroPadsEveryField) {
  EXPECT_EQ(FormatIsoDate(Date{2021, 6, 30}), "2021-06-30");
  EXPECT_EQ(FormatIsoDate(Date{2021, 1, 2}), "2021-01-02");
  EXPECT_EQ(FormatIsoDate(Date{5, 1, 2}), "0005-01-02");
}

TEST(DateTest, FormatIsoDateRoundTripsThroughParseIsoDate) {
  for (Date date{1900, 1, 1}; date.year <= 2200; date = AddDays(date, 37)) {
    const Result<Date> parsed = ParseIsoDate(FormatIsoDate(date));
    ASSERT_TRUE(parsed.ok()) << FormatIsoDate(date);
    ASSERT_EQ(parsed.value(), date);
  }
}

}  // namespace
}  // namespace disposal::domain
