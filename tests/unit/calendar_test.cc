// The working-day calendar and period counting (民法典 arts. 200-204). Expected dates are worked
// out by hand from the State Council's yearly holiday notices and a wall calendar, never from the
// code under test.
#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/festival_days.h"
#include "support/build_paths.h"

namespace disposal::domain {
namespace {

// 2021, 2022 and 2026 in full, copied from the State Council's notices for those years.
// 2023-2025 are deliberately absent.
constexpr char kSample[] = R"(# sample for the tests
# source: 国办发明电〔2020〕27号 and later notices

2021-01-01,holiday,元旦
2021-01-02,holiday,元旦
2021-01-03,holiday,元旦
2021-02-07,makeup,春节
2021-02-11,holiday,春节
2021-02-12,holiday,春节
2021-02-13,holiday,春节
2021-02-14,holiday,春节
2021-02-15,holiday,春节
2021-02-16,holiday,春节
2021-02-17,holiday,春节
2021-02-20,makeup,春节
2021-04-03,holiday,清明节
2021-04-04,holiday,清明节
2021-04-05,holiday,清明节
2021-04-25,makeup,劳动节
2021-05-01,holiday,劳动节
2021-05-02,holiday,劳动节
2021-05-03,holiday,劳动节
2021-05-04,holiday,劳动节
2021-05-05,holiday,劳动节
2021-05-08,makeup,劳动节
2021-06-12,holiday,端午节
2021-06-13,holiday,端午节
2021-06-14,holiday,端午节
2021-09-18,makeup,中秋节
2021-09-19,holiday,中秋节
2021-09-20,holiday,中秋节
2021-09-21,holiday,中秋节
2021-09-26,makeup,国庆节
2021-10-01,holiday,国庆节
2021-10-02,holiday,国庆节
2021-10-03,holiday,国庆节
2021-10-04,holiday,国庆节
2021-10-05,holiday,国庆节
2021-10-06,holiday,国庆节
2021-10-07,holiday,国庆节
2021-10-09,makeup,国庆节
2022-01-01,holiday,元旦
2022-01-02,holiday,元旦
2022-01-03,holiday,元旦
2022-01-29,makeup,春节
2022-01-30,makeup,春节
2022-01-31,holiday,春节
2022-02-01,holiday,春节
2022-02-02,holiday,春节
2022-02-03,holiday,春节
2022-02-04,holiday,春节
2022-02-05,holiday,春节
2022-02-06,holiday,春节
2022-04-02,makeup,清明节
2022-04-03,holiday,清明节
2022-04-04,holiday,清明节
2022-04-05,holiday,清明节
2022-04-24,makeup,劳动节
2022-04-30,holiday,劳动节
2022-05-01,holiday,劳动节
2022-05-02,holiday,劳动节
2022-05-03,holiday,劳动节
2022-05-04,holiday,劳动节
2022-05-07,makeup,劳动节
2022-06-03,holiday,端午节
2022-06-04,holiday,端午节
2022-06-05,holiday,端午节
2022-09-10,holiday,中秋节
2022-09-11,holiday,中秋节
2022-09-12,holiday,中秋节
2022-10-01,holiday,国庆节
2022-10-02,holiday,国庆节
2022-10-03,holiday,国庆节
2022-10-04,holiday,国庆节
2022-10-05,holiday,国庆节
2022-10-06,holiday,国庆节
2022-10-07,holiday,国庆节
2022-10-08,makeup,国庆节
2022-10-09,makeup,国庆节
2022-12-31,holiday,元旦
2026-01-01,holiday,元旦
2026-01-02,holiday,元旦
2026-01-03,holiday,元旦
2026-01-04,makeup,元旦
2026-02-14,makeup,春节
2026-02-15,holiday,春节
2026-02-16,holiday,春节
2026-02-17,holiday,春节
2026-02-18,holiday,春节
2026-02-19,holiday,春节
2026-02-20,holiday,春节
2026-02-21,holiday,春节
2026-02-22,holiday,春节
2026-02-23,holiday,春节
2026-02-28,makeup,春节
2026-04-04,holiday,清明节
2026-04-05,holiday,清明节
2026-04-06,holiday,清明节
2026-05-01,holiday,劳动节
2026-05-02,holiday,劳动节
2026-05-03,holiday,劳动节
2026-05-04,holiday,劳动节
2026-05-05,holiday,劳动节
2026-05-09,makeup,劳动节
2026-06-19,holiday,端午节
2026-06-20,holiday,端午节
2026-06-21,holiday,端午节
2026-09-20,makeup,中秋节
2026-09-25,holiday,中秋节
2026-09-26,holiday,中秋节
2026-09-27,holiday,中秋节
2026-10-01,holiday,国庆节
2026-10-02,holiday,国庆节
2026-10-03,holiday,国庆节
2026-10-04,holiday,国庆节
2026-10-05,holiday,国庆节
2026-10-06,holiday,国庆节
2026-10-07,holiday,国庆节
2026-10-10,makeup,国庆节
)";

// The sample's 2021, whole, with `source`.
CalendarYear Whole2021(const std::string& source = "国办发明电〔2020〕27号") {
  CalendarYear year = ParseCalendarFile(kSample).value().front();
  year.source = source;
  return year;
}

WorkingDayCalendar SampleCalendar() {
  return WorkingDayCalendar(ParseCalendarFile(kSample).value());
}

std::string RealDataFilePath() {
  return ::disposal::testing::RepoFile("schema/data/calendar-cn-2021-2026.csv");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

template <typename T>
::testing::AssertionResult FailsWith(const Result<T>& result, ErrorCode code,
                                     const std::string& field, const std::string& part) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded";
  const Error& error = result.error();
  if (error.code != code || error.field != field || error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

TEST(WorkingDayTest, MakeupWeekendDayIsAWorkingDay) {
  ASSERT_EQ(Weekday(Date{2021, 2, 7}), 7);  // a Sunday
  EXPECT_TRUE(SampleCalendar().IsWorkingDay(Date{2021, 2, 7}).value());
}

TEST(WorkingDayTest, HolidayOnAWeekdayIsNotAWorkingDay) {
  ASSERT_EQ(Weekday(Date{2021, 10, 4}), 1);  // a Monday
  EXPECT_FALSE(SampleCalendar().IsWorkingDay(Date{2021, 10, 4}).value());
}

TEST(WorkingDayTest, OrdinaryWeekendIsOffAndOrdinaryWeekdayIsWorking) {
  const WorkingDayCalendar calendar = SampleCalendar();
  EXPECT_FALSE(calendar.IsWorkingDay(Date{2021, 8, 7}).value());  // Saturday
  EXPECT_FALSE(calendar.IsWorkingDay(Date{2021, 8, 8}).value());  // Sunday
  EXPECT_TRUE(calendar.IsWorkingDay(Date{2021, 8, 9}).value());   // Monday
}

TEST(WorkingDayTest, YearNotHeldIsRefusedNamingTheYear) {
  // 2023 is not in the sample: no guessing from weekends.
  EXPECT_TRUE(
      FailsWith(SampleCalendar().IsWorkingDay(Date{2023, 3, 1}), ErrorCode::kFailedPrecondition, "",
                "the working-day calendar has no data for 2023; staff or an admin import it with "
                "ImportCalendarYear (disposalctl calendar import)"));
}

TEST(WorkingDayTest, TheLastDaysOfAYearWaitForTheNextYearsNotice) {
  const WorkingDayCalendar calendar = SampleCalendar();            // holds 2022, not 2023
  EXPECT_TRUE(calendar.IsWorkingDay(Date{2022, 12, 28}).value());  // Wednesday
  EXPECT_TRUE(FailsWith(calendar.IsWorkingDay(Date{2022, 12, 29}), ErrorCode::kFailedPrecondition,
                        "",
                        "the working-day calendar has no data for 2023, whose notice may move "
                        "2022-12-29 (the 2019 New Year holiday began on 2018-12-30); staff or an "
                        "admin import it with ImportCalendarYear (disposalctl calendar import)"));
  // 2022 is followed by a year held in the real data: 2021-12-31, a Friday, is a working day.
  EXPECT_TRUE(calendar.IsWorkingDay(Date{2021, 12, 31}).value());
}

TEST(AddWorkingDaysTest, SeedNoticeWindowEndsOn25August2021) {
  // Published Wed 2021-07-28. Counting from Thu 07-29: 07-29, 07-30 (2); 08-02..06 (7);
  // 08-09..13 (12); 08-16..20 (17); 08-23, 08-24, 08-25 (20). No holidays in between.
  EXPECT_EQ(SampleCalendar().AddWorkingDays(Date{2021, 7, 28}, 20).value(), (Date{2021, 8, 25}));
}

TEST(AddWorkingDaysTest, StartDayIsNotCounted) {
  const WorkingDayCalendar calendar = SampleCalendar();
  // Mon 2021-08-02 is itself a working day, but counting begins the next day.
  EXPECT_EQ(calendar.AddWorkingDays(Date{2021, 8, 2}, 1).value(), (Date{2021, 8, 3}));
  // From Sat 2021-07-31 the first working day counted is Mon 08-02.
  EXPECT_EQ(calendar.AddWorkingDays(Date{2021, 7, 31}, 1).value(), (Date{2021, 8, 2}));
}

TEST(AddWorkingDaysTest, PeriodSkipsTheNationalDayHolidayAndCountsItsMakeupDay) {
  const WorkingDayCalendar calendar = SampleCalendar();
  // From Wed 09-29: Thu 09-30 (1); 10-01..07 off; Fri 10-08 (2); Sat 10-09 make-up day (3).
  EXPECT_EQ(calendar.AddWorkingDays(Date{2021, 9, 29}, 3).value(), (Date{2021, 10, 9}));
  // A period that would end on the holiday ends after it instead (民法典 art. 203).
  EXPECT_EQ(calendar.AddWorkingDays(Date{2021, 9, 30}, 1).value(), (Date{2021, 10, 8}));
}

TEST(AddWorkingDaysTest, PeriodCrossesTheYearBoundaryAfterNewYear) {
  // From Thu 2021-12-30: Fri 12-31 (1); 2022-01-01..03 off; Tue 01-04 (2); Wed 01-05 (3).
  EXPECT_EQ(SampleCalendar().AddWorkingDays(Date{2021, 12, 30}, 3).value(), (Date{2022, 1, 5}));
}

TEST(AddWorkingDaysTest, StartInAYearNotHeldIsFineWhenNoneOfItIsCounted) {
  // The start day is not counted, so 2020 is never consulted; 2021-01-01..03 are off.
  EXPECT_EQ(SampleCalendar().AddWorkingDays(Date{2020, 12, 31}, 1).value(), (Date{2021, 1, 4}));
}

TEST(AddWorkingDaysTest, UnknownYearIsRefusedNamingTheYear) {
  // From Sun 2026-12-20 only 9 working days remain in 2026 (12-21..25, 12-28..31), and the
  // 2027 notice may move 12-29..31.
  EXPECT_TRUE(FailsWith(SampleCalendar().AddWorkingDays(Date{2026, 12, 20}, 20),
                        ErrorCode::kFailedPrecondition, "",
                        "the working-day calendar has no data for 2027, whose notice may move "
                        "2026-12-29 (the 2019 New Year holiday began on 2018-12-30); staff or an "
                        "admin import it with ImportCalendarYear (disposalctl calendar import)"));
}

TEST(AddWorkingDaysTest, WorkingDaysOutsideOneTo250AreRefused) {
  const WorkingDayCalendar calendar = SampleCalendar();
  EXPECT_TRUE(FailsWith(calendar.AddWorkingDays(Date{2021, 3, 1}, 0), ErrorCode::kInvalidArgument,
                        "working_days", "got 0"));
  EXPECT_TRUE(FailsWith(calendar.AddWorkingDays(Date{2021, 3, 1}, 251), ErrorCode::kInvalidArgument,
                        "working_days", "got 251"));
}

TEST(WorkingDaysBetweenTest, CountsDaysAfterFromThroughTo) {
  const WorkingDayCalendar calendar = SampleCalendar();
  EXPECT_EQ(calendar.WorkingDaysBetween(Date{2021, 7, 28}, Date{2021, 8, 25}).value(), 20);
  // 10-01..07 off; Fri 10-08 and the make-up Sat 10-09 count.
  EXPECT_EQ(calendar.WorkingDaysBetween(Date{2021, 9, 30}, Date{2021, 10, 9}).value(), 2);
  EXPECT_EQ(calendar.WorkingDaysBetween(Date{2021, 8, 25}, Date{2021, 8, 25}).value(), 0);
  EXPECT_EQ(calendar.WorkingDaysBetween(Date{2021, 8, 25}, Date{2021, 7, 28}).value(), 0);
}

TEST(WorkingDaysBetweenTest, UnknownYearIsRefusedNamingTheYear) {
  EXPECT_TRUE(FailsWith(SampleCalendar().WorkingDaysBetween(Date{2022, 12, 30}, Date{2023, 1, 5}),
                        ErrorCode::kFailedPrecondition, "", "no data for 2023"));
}

TEST(EndOnAWorkingDayTest, AWorkingDayEndsThePeriodItself) {
  EXPECT_EQ(SampleCalendar().EndOnAWorkingDay(Date{2021, 8, 25}).value(), (Date{2021, 8, 25}));
}

TEST(EndOnAWorkingDayTest, AHolidayMovesTheEndToTheFirstWorkingDayAfterTheHolidays) {
  // 民法典 art. 203: 10-01..10-07 are off; Friday 10-08 is the next working day.
  EXPECT_EQ(SampleCalendar().EndOnAWorkingDay(Date{2021, 10, 1}).value(), (Date{2021, 10, 8}));
}

TEST(EndOnAWorkingDayTest, AWeekendMovesTheEndToAMakeupWorkingDay) {
  ASSERT_EQ(Weekday(Date{2021, 2, 6}), 6);  // a Saturday; Sunday 02-07 was a working day
  EXPECT_EQ(SampleCalendar().EndOnAWorkingDay(Date{2021, 2, 6}).value(), (Date{2021, 2, 7}));
}

TEST(EndOnAWorkingDayTest, NewYearHolidaysMoveTheEndIntoTheFollowingWeek) {
  EXPECT_EQ(SampleCalendar().EndOnAWorkingDay(Date{2022, 1, 1}).value(), (Date{2022, 1, 4}));
}

TEST(EndOnAWorkingDayTest, MovingIntoAYearNotHeldIsRefusedNamingTheYear) {
  ASSERT_EQ(Weekday(Date{2022, 12, 31}), 6);  // a Saturday; the next day is in 2023
  EXPECT_TRUE(FailsWith(SampleCalendar().EndOnAWorkingDay(Date{2022, 12, 31}),
                        ErrorCode::kFailedPrecondition, "", "no data for 2023"));
}

TEST(ShanghaiTimeTest, EndOfDayIsMidnightInUtcPlusEight) {
  // 2021-08-25 24:00 +08:00 = 2021-08-25 16:00 UTC. 2021-08-25 is day 18864 since the epoch
  // (2021-01-01 is day 18628, plus 236): 18864 * 86400 + 57600 = 1629907200 seconds.
  EXPECT_EQ(EndOfDayShanghaiMicros(Date{2021, 8, 25}), int64_t{1'629'907'200'000'000});
  // 1970-01-01 24:00 +08:00 = 1970-01-01 16:00 UTC.
  EXPECT_EQ(EndOfDayShanghaiMicros(Date{1970, 1, 1}), int64_t{57'600'000'000});
}

TEST(ShanghaiTimeTest, DateOfAnInstantChangesAtShanghaiMidnight) {
  EXPECT_EQ(ShanghaiDateOf(int64_t{1'629'907'200'000'000} - 1), (Date{2021, 8, 25}));
  EXPECT_EQ(ShanghaiDateOf(int64_t{1'629'907'200'000'000}), (Date{2021, 8, 26}));
  // Before the epoch: 1970-01-01 08:00 +08:00 is the epoch; 16:00 UTC the day before is the
  // Shanghai midnight.
  EXPECT_EQ(ShanghaiDateOf(-1), (Date{1970, 1, 1}));
  EXPECT_EQ(ShanghaiDateOf(int64_t{-28'800'000'000}), (Date{1970, 1, 1}));
  EXPECT_EQ(ShanghaiDateOf(int64_t{-28'800'000'000} - 1), (Date{1969, 12, 31}));
}

TEST(ParseCalendarFileTest, SampleGivesEachYearSortedWithTheSource) {
  auto years = ParseCalendarFile(kSample);
  ASSERT_TRUE(years.ok()) << years.error().Message();
  ASSERT_EQ(years.value().size(), 3u);
  EXPECT_EQ(years.value()[0].year, 2021);
  EXPECT_EQ(years.value()[0].special_days.size(), 38u);  // 31 holidays + 7 make-up days
  EXPECT_EQ(years.value()[1].year, 2022);
  EXPECT_EQ(years.value()[2].year, 2026);
  EXPECT_EQ(years.value()[2].source, "国办发明电〔2020〕27号 and later notices");
  const SpecialDay& makeup = years.value()[0].special_days[3];
  EXPECT_EQ(makeup.date, (Date{2021, 2, 7}));
  EXPECT_EQ(makeup.kind, DayKind::kMakeupWorkingDay);
  EXPECT_EQ(makeup.name, "春节");
}

TEST(ParseCalendarFileTest, RefusesAWeekdayMakeupDayNamingTheLine) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n2021-02-11,holiday,春节\n"
                                          "2021-02-08,makeup,春节\n"),
                        ErrorCode::kInvalidArgument, "line 3",
                        "2021-02-08 is a Monday; a make-up working day must fall on a weekend"));
}

TEST(ParseCalendarFileTest, RefusesADuplicateDateNamingBothLines) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n2021-10-01,holiday,国庆节\n\n"
                                          "# again\n2021-10-01,holiday,国庆节\n"),
                        ErrorCode::kInvalidArgument, "line 5",
                        "2021-10-01 is already listed on line 2"));
}

TEST(ParseCalendarFileTest, RefusesMalformedLinesNamingTheLine) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n2021-10-01,day off,国庆节\n"),
                        ErrorCode::kInvalidArgument, "line 2", "'holiday' or 'makeup'"));
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n\n2021-13-01,holiday,x\n"),
                        ErrorCode::kInvalidArgument, "line 3", "not a real date"));
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n2021-10-01\n"),
                        ErrorCode::kInvalidArgument, "line 2", "YYYY-MM-DD,holiday|makeup,name"));
}

TEST(ParseCalendarFileTest, RefusesAFileWithoutASource) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# no source here\n2021-10-01,holiday,国庆节\n"),
                        ErrorCode::kInvalidArgument, "line 2", "source"));
}

TEST(ParseCalendarFileTest, AcceptsCrlfLineEndingsAndAMissingName) {
  std::string text = "# source: test\r\n";
  for (const SpecialDay& day : Whole2021().special_days) {
    text += FormatIsoDate(day.date) +
            (day.kind == DayKind::kHoliday ? ",holiday," + day.name : std::string(",makeup")) +
            "\r\n";
  }
  auto years = ParseCalendarFile(text);
  ASSERT_TRUE(years.ok()) << years.error().Message();
  ASSERT_EQ(years.value().size(), 1u);
  EXPECT_EQ(years.value()[0].source, "test");
  EXPECT_EQ(years.value()[0].special_days[0].name, "元旦");
  EXPECT_EQ(years.value()[0].special_days[3].name, "");  // 2021-02-07, make-up
}

// The 2023 notice moved 2022-12-31; listed alone, it would make 2022 "held" with every other
// weekday a working day.
TEST(ParseCalendarFileTest, RefusesAYearOfOnlyTheDaysTheNextNoticeReachesBackTo) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: test\n2022-12-31,holiday,元旦\n"
                                          "2023-01-01,holiday,元旦\n2023-05-01,holiday,劳动节\n"
                                          "2023-10-01,holiday,国庆节\n"),
                        ErrorCode::kInvalidArgument, "line 2",
                        "2022: calendar_year.special_days: lacks the holiday 2022-01-01 (元旦)"));
}

TEST(CalendarDataFileTest, RealFileParsesIntoTheSixYearsOfTheTable) {
  const std::string text = ReadFile(RealDataFilePath());
  ASSERT_FALSE(text.empty()) << "cannot read " << RealDataFilePath();
  auto years = ParseCalendarFile(text);
  ASSERT_TRUE(years.ok()) << years.error().Message();
  // Per year, holidays + make-up days counted from the ranges in the State Council's notices:
  // 2021 31+7, 2022 32+7 (with 12-31), 2023 26+7, 2024 28+8, 2025 28+5, 2026 33+6.
  const size_t expected[] = {38, 39, 33, 36, 33, 39};
  ASSERT_EQ(years.value().size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(years.value()[i].year, 2021 + static_cast<int>(i));
    EXPECT_EQ(years.value()[i].special_days.size(), expected[i]) << "year " << 2021 + i;
    EXPECT_NE(years.value()[i].source.find("国务院办公厅"), std::string::npos);
  }
}

TEST(CalendarDataFileTest, EveOfSpringFestival2024WasAWorkingDay) {
  const WorkingDayCalendar calendar(ParseCalendarFile(ReadFile(RealDataFilePath())).value());
  EXPECT_TRUE(calendar.IsWorkingDay(Date{2024, 2, 9}).value());    // Friday, 除夕
  EXPECT_FALSE(calendar.IsWorkingDay(Date{2024, 2, 10}).value());  // 春节
  EXPECT_TRUE(calendar.IsWorkingDay(Date{2024, 2, 18}).value());   // make-up Sunday
  // 2022-12-31 (Saturday) belongs to the 2023 New Year; 2023-01-03 is the first working day.
  EXPECT_EQ(calendar.AddWorkingDays(Date{2022, 12, 30}, 1).value(), (Date{2023, 1, 3}));
}

TEST(ValidateCalendarYearTest, NamesTheWeekdayMakeupDay) {
  CalendarYear year{2021,
                    {{Date{2021, 2, 7}, DayKind::kMakeupWorkingDay, "春节"},
                     {Date{2021, 2, 8}, DayKind::kMakeupWorkingDay, "春节"}},
                    "国办发明电〔2020〕27号"};
  Status status = ValidateCalendarYear(year);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().Message(),
            "calendar_year.special_days[1]: 2021-02-08 is a Monday; a make-up working day must "
            "fall on a weekend");
}

TEST(ValidateCalendarYearTest, RefusesDaysOfAnotherYearDuplicatesAndAMissingSource) {
  const SpecialDay new_year{Date{2021, 1, 1}, DayKind::kHoliday, "元旦"};
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2022, {new_year}, "x"})),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days[0]",
                        "not in 2022"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2021, {new_year, new_year}, "x"})),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days[1]",
                        "already listed"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(Whole2021(""))), ErrorCode::kInvalidArgument,
                        "calendar_year.source", "1..500"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2021, {}, "x"})), ErrorCode::kInvalidArgument,
                        "calendar_year.special_days", "1..100"));
}

TEST(ValidateCalendarYearTest, RefusesASourceWithANulOrAControlCharacter) {
  for (const std::string& source :
       {std::string("国务院\0通知", 16), std::string("国务院\x1b[2J")}) {
    EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(Whole2021(source))),
                          ErrorCode::kInvalidArgument, "calendar_year.source", "must not contain"));
  }
}

TEST(ParseCalendarFileTest, RefusesASourceLineWithAControlCharacterNamingTheLine) {
  EXPECT_TRUE(FailsWith(ParseCalendarFile("# source: notice\x07\n2021-10-01,holiday,国庆节\n"),
                        ErrorCode::kInvalidArgument, "line 1", "must not contain"));
}

TEST(ValidateCalendarYearTest, RefusesAYearWithoutEachHolidayTheLawGivesEveryYear) {
  const SpecialDay new_year{Date{2021, 1, 1}, DayKind::kHoliday, "元旦"};
  const SpecialDay labour_day{Date{2021, 5, 1}, DayKind::kHoliday, "劳动节"};
  const SpecialDay national_day{Date{2021, 10, 1}, DayKind::kHoliday, "国庆节"};
  EXPECT_TRUE(ValidateCalendarYear(Whole2021()).ok());
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2021, {new_year, national_day}, "x"})),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "lacks the holiday 2021-05-01 (劳动节)"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2021, {labour_day, national_day}, "x"})),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "lacks the holiday 2021-01-01 (元旦)"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear({2021, {new_year, labour_day}, "x"})),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "lacks the holiday 2021-10-01 (国庆节)"));
}

// Every year's notice gives at least the days off the law gives that year (11 from 2008, 13
// from 2025) on weekdays, one falling on a weekend made up on a weekday: a year of the three
// compulsory days alone is a fragment, and so is one that lists weekends in place of a
// festival's weekdays.
TEST(ValidateCalendarYearTest, RefusesAYearListingFewerWeekdaysOffThanTheLawGivesDaysOff) {
  const SpecialDay new_year{Date{2021, 1, 1}, DayKind::kHoliday, "元旦"};
  const SpecialDay labour_day{Date{2021, 5, 1}, DayKind::kHoliday, "劳动节"};
  const SpecialDay national_day{Date{2021, 10, 1}, DayKind::kHoliday, "国庆节"};
  EXPECT_TRUE(FailsWith(
      Status(ValidateCalendarYear({2021, {new_year, labour_day, national_day}, "x"})),
      ErrorCode::kInvalidArgument, "calendar_year.special_days",
      "lists 2 weekdays off; a year's notice gives at least the 11 days off the law gives"));
  // 2025 without its Spring Festival: 01-01 (Wed), 05-01..05 (Thu-Mon) and 10-01..08
  // (Wed-Wed) are 14 days off, 10 of them weekdays.
  CalendarYear year{2025, {{Date{2025, 1, 1}, DayKind::kHoliday, "元旦"}}, "x"};
  for (const int day : {1, 2, 3, 4, 5}) {
    year.special_days.push_back({Date{2025, 5, day}, DayKind::kHoliday, "劳动节"});
  }
  for (const int day : {1, 2, 3, 4, 5, 6, 7, 8}) {
    year.special_days.push_back({Date{2025, 10, day}, DayKind::kHoliday, "国庆节"});
  }
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(year)), ErrorCode::kInvalidArgument,
                        "calendar_year.special_days",
                        "lists 10 weekdays off; a year's notice gives at least the 13 days off "
                        "the law gives (全国年节及纪念日放假办法, 2024 revision)"));
  // Its Spring Festival's weekdays (01-28..31, 02-03..04), Qingming (04-04, a Friday) and
  // the Dragon Boat Festival (06-02, a Monday) make it whole.
  for (const Date date : {Date{2025, 1, 28}, Date{2025, 1, 29}, Date{2025, 1, 30},
                          Date{2025, 1, 31}, Date{2025, 2, 3}, Date{2025, 2, 4}}) {
    year.special_days.push_back({date, DayKind::kHoliday, "春节"});
  }
  year.special_days.push_back({Date{2025, 4, 4}, DayKind::kHoliday, "清明节"});
  year.special_days.push_back({Date{2025, 6, 2}, DayKind::kHoliday, "端午节"});
  const Status whole = ValidateCalendarYear(year);
  EXPECT_TRUE(whole.ok()) << whole.error().Message();
}

// The year `number` of the real data file, without the days named `festival`.
CalendarYear RealYearWithout(int number, const std::string& festival) {
  auto years = ParseCalendarFile(ReadFile(RealDataFilePath()));
  EXPECT_TRUE(years.ok());
  if (!years.ok()) return {};
  for (CalendarYear& year : years.value()) {
    if (year.year != number) continue;
    std::vector<SpecialDay> kept;
    for (SpecialDay& day : year.special_days) {
      if (day.name != festival) kept.push_back(std::move(day));
    }
    year.special_days = std::move(kept);
    return year;
  }
  ADD_FAILURE() << number << " is not in the real data file";
  return {};
}

// Each festival's weekdays off lie within a span its lunar or solar date keeps them in; a
// year without them is refused even while its other festivals reach the year's total (the
// real years list 18 or 19 weekdays off against the law's 11 or 13).
TEST(ValidateCalendarYearTest, RefusesAYearWithoutItsSpringFestivalQingmingOrDragonBoat) {
  struct Case {
    int year;
    const char* festival;
    const char* said;
  };
  for (const Case& c : {
           Case{2024, "春节",
                "lists 0 weekdays off from 2024-01-19 to 2024-02-28, where 春节's "
                "days off fall; the law gives it 3 days (全国年节及纪念日放假办法, "
                "2007 revision)"},
           // 13 weekdays off without it: the year's total is reached.
           Case{2026, "春节",
                "from 2026-01-19 to 2026-02-28, where 春节's days off fall; the "
                "law gives it 4 days (全国年节及纪念日放假办法, 2024 revision)"},
           Case{2023, "清明节",
                "lists 0 weekdays off from 2023-04-02 to 2023-04-08, where "
                "清明节's days off fall; the law gives it 1 day"},
           Case{2021, "端午节",
                "lists 0 weekdays off from 2021-05-26 to 2021-06-27, where "
                "端午节's days off fall"},
       }) {
    const CalendarYear year = RealYearWithout(c.year, c.festival);
    EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(year)), ErrorCode::kInvalidArgument,
                          "calendar_year.special_days", c.said))
        << c.year << " " << c.festival;
  }
}

// A Labour Day or National Day cut down to its first day is refused too: the law gives the
// one 2 days from 2025, the other 3.
TEST(ValidateCalendarYearTest, RefusesALabourOrNationalDayCutToItsFirstDay) {
  CalendarYear labour = RealYearWithout(2025, "劳动节");
  labour.special_days.push_back({Date{2025, 5, 1}, DayKind::kHoliday, "劳动节"});
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(labour)), ErrorCode::kInvalidArgument,
                        "calendar_year.special_days",
                        "lists 1 weekday off from 2025-04-28 to 2025-05-08, where 劳动节's days "
                        "off fall; the law gives it 2 days"));
  CalendarYear national = RealYearWithout(2022, "国庆节");
  national.special_days.push_back({Date{2022, 10, 1}, DayKind::kHoliday, "国庆节"});
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(national)), ErrorCode::kInvalidArgument,
                        "calendar_year.special_days",
                        "lists 0 weekdays off from 2022-09-28 to 2022-10-10, where 国庆节's days "
                        "off fall; the law gives it 3 days"));
}

// A year of holidays `days` ({month, day} pairs, all kHoliday).
CalendarYear HolidaysOf(int number, const std::vector<std::pair<int, int>>& days) {
  CalendarYear year{number, {}, "x"};
  for (const auto& [month, day] : days) {
    year.special_days.push_back({Date{number, month, day}, DayKind::kHoliday, ""});
  }
  return year;
}

// 2005 (1999 revision): 01-01..03 (Sat-Mon), 02-09..15 (Wed-Tue), 10-01..07 (Sat-Fri), and
// the Labour Day days given.
CalendarYear Year2005With(const std::vector<int>& may_days) {
  std::vector<std::pair<int, int>> days = {{1, 1}, {1, 2}, {1, 3}};
  for (const int day : {9, 10, 11, 12, 13, 14, 15}) days.push_back({2, day});
  for (const int day : may_days) days.push_back({5, day});
  for (const int day : {1, 2, 3, 4, 5, 6, 7}) days.push_back({10, day});
  return HolidaysOf(2005, days);
}

// Before 2008 the law gave no Qingming or Dragon Boat day off, and Labour Day three.
TEST(ValidateCalendarYearTest, AYearBefore2008NeedsNoQingmingOrDragonBoatButThreeLabourDays) {
  const Status golden_week = ValidateCalendarYear(Year2005With({1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(golden_week.ok()) << golden_week.error().Message();
  // 05-01..03 is a Sunday to Tuesday: two weekdays off.
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(Year2005With({1, 2, 3}))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "lists 2 weekdays off from 2005-04-28 to 2005-05-08, where 劳动节's days "
                        "off fall; the law gives it 3 days (全国年节及纪念日放假办法, 1999 "
                        "revision)"));
}

// 2007's notice had no Qingming day (the 2007 revision took effect in 2008); 2008's did:
// 01-01 (Tue), 02-06..12 (Wed-Tue), 04-04..06 (Fri-Sun), 05-01..03 (Thu-Sat), 06-07..09
// (Sat-Mon), 09-13..15 (Sat-Mon), 09-29..10-05 (Mon-Sun).
TEST(ValidateCalendarYearTest, QingmingIsRequiredFrom2008) {
  std::vector<std::pair<int, int>> days2007 = {{1, 1}, {1, 2}, {1, 3}};
  for (const int day : {18, 19, 20, 21, 22, 23, 24}) days2007.push_back({2, day});
  for (const int day : {1, 2, 3, 4, 5, 6, 7}) days2007.push_back({5, day});
  for (const int day : {1, 2, 3, 4, 5, 6, 7}) days2007.push_back({10, day});
  const Status year2007 = ValidateCalendarYear(HolidaysOf(2007, days2007));
  EXPECT_TRUE(year2007.ok()) << year2007.error().Message();
  std::vector<std::pair<int, int>> days2008 = {{1, 1}, {5, 1}, {5, 2},  {5, 3},  {6, 7},
                                               {6, 8}, {6, 9}, {9, 13}, {9, 14}, {9, 15}};
  for (const int day : {6, 7, 8, 9, 10, 11, 12}) days2008.push_back({2, day});
  for (const int day : {29, 30}) days2008.push_back({9, day});
  for (const int day : {1, 2, 3, 4, 5}) days2008.push_back({10, day});
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(HolidaysOf(2008, days2008))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "from 2008-04-02 to 2008-04-08, where 清明节's days off fall"));
  for (const int day : {4, 5, 6}) days2008.push_back({4, day});
  const Status year2008 = ValidateCalendarYear(HolidaysOf(2008, days2008));
  EXPECT_TRUE(year2008.ok()) << year2008.error().Message();
}

// 2012's notice (国办发明电〔2011〕39号): Qingming 04-02..04 and Labour Day 04-29..05-01 begin
// early, the Dragon Boat Festival (a Saturday) is made up on Friday 06-22.
TEST(ValidateCalendarYearTest, Accepts2012WhoseDaysOffBeganEarly) {
  CalendarYear year =
      HolidaysOf(2012, {{1, 1},  {1, 2},  {1, 3},  {4, 2},  {4, 3},  {4, 4},  {4, 29},
                        {4, 30}, {5, 1},  {6, 22}, {6, 23}, {6, 24}, {9, 30}, {10, 1},
                        {10, 2}, {10, 3}, {10, 4}, {10, 5}, {10, 6}, {10, 7}});
  for (const int day : {22, 23, 24, 25, 26, 27, 28}) {
    year.special_days.push_back({Date{2012, 1, day}, DayKind::kHoliday, "春节"});
  }
  for (const auto& [month, day] :
       std::vector<std::pair<int, int>>{{1, 21}, {1, 29}, {3, 31}, {4, 1}, {4, 28}, {9, 29}}) {
    year.special_days.push_back({Date{2012, month, day}, DayKind::kMakeupWorkingDay, ""});
  }
  const Status whole = ValidateCalendarYear(year);
  EXPECT_TRUE(whole.ok()) << whole.error().Message();
}

// A Dragon Boat Festival on Saturday 25 June (2107) made up on Monday the 27th, the span's
// last day.
TEST(ValidateCalendarYearTest, AcceptsADragonBoatDayMadeUpOnTheSpansLastDay) {
  std::vector<std::pair<int, int>> days = {{1, 1}, {1, 3},  {4, 4},  {5, 1}, {5, 2},
                                           {5, 3}, {6, 25}, {6, 26}, {6, 27}};
  for (const int day : {1, 2, 3, 4, 5, 6, 7, 8}) days.push_back({2, day});
  for (const int day : {1, 2, 3, 4, 5, 6, 7}) days.push_back({10, day});
  const Status whole = ValidateCalendarYear(HolidaysOf(2107, days));
  EXPECT_TRUE(whole.ok()) << whole.error().Message();
  days.erase(std::find(days.begin(), days.end(), std::make_pair(6, 27)));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(HolidaysOf(2107, days))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "from 2107-05-26 to 2107-06-27, where 端午节's days off fall"));
}

// The real year `number` of the data file without the days `dropped` ("MM-DD").
CalendarYear RealYearWithoutDays(int number, const std::set<std::string>& dropped) {
  CalendarYear year = RealYearWithout(number, "(no festival has this name)");
  std::vector<SpecialDay> kept;
  for (SpecialDay& day : year.special_days) {
    const std::string month_day = FormatIsoDate(day.date).substr(5);
    if (dropped.count(month_day) == 0) kept.push_back(std::move(day));
  }
  EXPECT_EQ(kept.size() + dropped.size(), year.special_days.size())
      << "a dropped day is not listed";
  year.special_days = std::move(kept);
  return year;
}

TEST(MidAutumnFestivalTest, FallsOnTheDaysTheNoticesGaveIt) {
  // The notices for 2020 to 2026 (国办发明电〔2019〕16号 ... 国办发明电〔2025〕7号).
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2020).value()), "2020-10-01");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2021).value()), "2021-09-21");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2022).value()), "2022-09-10");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2023).value()), "2023-09-29");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2024).value()), "2024-09-17");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2025).value()), "2025-10-06");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2026).value()), "2026-09-25");
}

// Lunar years are 353-355 days long, or 383-385 with a leap month, and the festival falls
// between 7 September and 8 October: a date mistyped in the table breaks one or the other.
TEST(MidAutumnFestivalTest, EachDateIsALunarYearAfterTheOneBefore) {
  for (int year = 2008; year <= 2100; ++year) {
    const Date date = MidAutumnFestival(year).value();
    EXPECT_TRUE(!(date < Date{year, 9, 7}) && !(Date{year, 10, 8} < date)) << FormatIsoDate(date);
    if (year == 2008) continue;
    const int64_t days = DaysFromCivil(date) - DaysFromCivil(MidAutumnFestival(year - 1).value());
    EXPECT_TRUE((days >= 353 && days <= 355) || (days >= 383 && days <= 385))
        << year << ": " << days << " days after the year before's";
  }
}

TEST(MidAutumnFestivalTest, IsKnownFrom2008WhenItBecameADayOffThrough2100) {
  EXPECT_FALSE(MidAutumnFestival(2007).has_value());
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2008).value()), "2008-09-14");
  EXPECT_EQ(FormatIsoDate(MidAutumnFestival(2100).value()), "2100-09-18");
  EXPECT_FALSE(MidAutumnFestival(2101).has_value());
}

// The law gives the Mid-Autumn Festival's day itself off when it falls on a weekday: 2021's
// Tuesday 09-21, 2026's Friday 09-25.
TEST(ValidateCalendarYearTest, RefusesAYearWithoutItsMidAutumnFestivalOnAWeekday) {
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(RealYearWithout(2021, "中秋节"))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "does not list 2021-09-21 (中秋节, a Tuesday) as a holiday; the law gives "
                        "the day itself off (全国年节及纪念日放假办法, 2007 revision)"));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(RealYearWithoutDays(2026, {"09-25"}))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "does not list 2026-09-25 (中秋节, a Friday) as a holiday; the law gives "
                        "the day itself off (全国年节及纪念日放假办法, 2024 revision)"));
}

// One on a weekend has a weekday given in its place: 2022's Saturday 09-10, Monday 09-12.
// Without it, the National Day's week would have to hold the two festivals' 4 days, as in 2015.
TEST(ValidateCalendarYearTest, RefusesAWeekendMidAutumnFestivalWithoutAWeekdayInItsPlace) {
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(RealYearWithoutDays(2022, {"09-12"}))),
                        ErrorCode::kInvalidArgument, "calendar_year.special_days",
                        "lists no weekday off from 2022-09-08 to 2022-09-12 for 中秋节 "
                        "(2022-09-10, a Saturday), nor, from 2022-09-08 to 2022-10-10 with "
                        "国庆节's days, the 4 days off the law gives the two (it lists 5 weekdays "
                        "off and 2 weekend days made working (3 days off, net); "
                        "全国年节及纪念日放假办法, 2007 revision)"));
}

// A year shaped like 2015's notice (国办发明电〔2014〕28号: "中秋节：9月27日放假", a Sunday,
// its weekday given inside 10-01..07), in 2056, when the festival falls on Sunday 09-24, a
// week before the National Day's span: 10-01..08 (Sunday to Sunday) off, Saturday 09-30 worked.
CalendarYear Year2056LikeThe2015Notice() {
  CalendarYear year = HolidaysOf(
      2056, {{1, 1}, {1, 2}, {1, 3}, {4, 2}, {4, 3}, {4, 4}, {6, 17}, {6, 18}, {6, 19}, {9, 24}});
  for (int day = 12; day <= 20; ++day)
    year.special_days.push_back({{2056, 2, day}, DayKind::kHoliday, ""});
  for (const auto& [month, day] :
       std::vector<std::pair<int, int>>{{4, 29}, {4, 30}, {5, 1}, {5, 2}, {5, 3}}) {
    year.special_days.push_back({{2056, month, day}, DayKind::kHoliday, ""});
  }
  for (int day = 1; day <= 8; ++day)
    year.special_days.push_back({{2056, 10, day}, DayKind::kHoliday, ""});
  for (const auto& [month, day] :
       std::vector<std::pair<int, int>>{{2, 26}, {4, 1}, {5, 6}, {9, 30}}) {
    year.special_days.push_back({{2056, month, day}, DayKind::kMakeupWorkingDay, ""});
  }
  return year;
}

TEST(ValidateCalendarYearTest, AcceptsAWeekendMidAutumnFestivalGivenItsDayInTheNationalDayWeek) {
  const Status whole = ValidateCalendarYear(Year2056LikeThe2015Notice());
  EXPECT_TRUE(whole.ok()) << whole.error().Message();
  // Friday 10-06 left out: the week holds 4 weekdays off and a Saturday worked, 3 days.
  CalendarYear short_week = Year2056LikeThe2015Notice();
  short_week.special_days.erase(
      std::find_if(short_week.special_days.begin(), short_week.special_days.end(),
                   [](const SpecialDay& day) { return FormatIsoDate(day.date) == "2056-10-06"; }));
  EXPECT_TRUE(FailsWith(Status(ValidateCalendarYear(short_week)), ErrorCode::kInvalidArgument,
                        "calendar_year.special_days",
                        "lists no weekday off from 2056-09-22 to 2056-09-26 for 中秋节 "
                        "(2056-09-24, a Sunday), nor, from 2056-09-22 to 2056-10-10"));
}

// 2089's festival is Sunday 09-18 by some lunar tables and Monday 09-19 by others: a weekday
// off within two days of either will do (Friday 09-16, Monday 09-19), none will not.
TEST(ValidateCalendarYearTest, TakesEitherDayOf2089sMidAutumnFestivalInDoubt) {
  const SpecialDay national_day{{2089, 10, 3}, DayKind::kHoliday, ""};
  for (const int day : {16, 19, 21}) {
    const CalendarYear year{2089, {{{2089, 9, day}, DayKind::kHoliday, ""}, national_day}, "x"};
    const Status status = CheckMidAutumnHasItsDayOff(year, "days");
    EXPECT_TRUE(status.ok()) << day << ": " << status.error().Message();
  }
  const CalendarYear neither{2089, {{{2089, 9, 22}, DayKind::kHoliday, ""}, national_day}, "x"};
  EXPECT_TRUE(FailsWith(CheckMidAutumnHasItsDayOff(neither, "days"), ErrorCode::kInvalidArgument,
                        "days",
                        "lists no weekday off from 2089-09-16 to 2089-09-21 for 中秋节 "
                        "(2089-09-18, a Sunday)"));
}

// 2023's Mid-Autumn Festival (Friday 09-29) began the National Day's week: the two spans are
// counted together, against the law's 1 + 3 days. Without 09-29 the week lists 5 weekdays off
// and 2 weekend days worked: 3.
TEST(ValidateCalendarYearTest, RefusesAMidAutumnFestivalLeftOutOfTheNationalDayWeek) {
  const Status whole = ValidateCalendarYear(RealYearWithoutDays(2023, {}));
  EXPECT_TRUE(whole.ok()) << whole.error().Message();
  EXPECT_TRUE(
      FailsWith(Status(ValidateCalendarYear(RealYearWithoutDays(2023, {"09-29"}))),
                ErrorCode::kInvalidArgument, "calendar_year.special_days",
                "lists 5 weekdays off and 2 weekend days made working (3 days off, net) from "
                "2023-09-27 to 2023-10-10, where 中秋节's (2023-09-29) and 国庆节's days "
                "off fall; the law gives them 4 days"));
}

// Days a notice moves come with the weekend days worked for them: 2024's National Day week
// moved Friday 10-04 and Monday 10-07 for Sunday 09-29 and Saturday 10-12. A list without the
// two weekdays but with 09-29 worked gives the week 2 days off, not the law's 3; without 09-29
// too it is the law's 3 and taken as whole.
TEST(ValidateCalendarYearTest, RefusesAFestivalWeekWithoutItsMovedDaysButWithTheirMakeupDay) {
  EXPECT_TRUE(
      FailsWith(Status(ValidateCalendarYear(RealYearWithoutDays(2024, {"10-04", "10-07"}))),
                ErrorCode::kInvalidArgument, "calendar_year.special_days",
                "lists 3 weekdays off and 1 weekend day made working (2 days off, net) from "
                "2024-09-28 to 2024-10-10, where 国庆节's days off fall; the law gives it "
                "3 days"));
  const Status law_only =
      ValidateCalendarYear(RealYearWithoutDays(2024, {"09-29", "10-04", "10-07", "10-12"}));
  EXPECT_TRUE(law_only.ok()) << law_only.error().Message();
}

TEST(ValidateCalendarYearTest, ACompulsoryDayListedAsAMakeupDayDoesNotCount) {
  // 2022-01-01 was a Saturday: a make-up day there passes the weekend rule, not this one.
  const SpecialDay new_year_at_work{Date{2022, 1, 1}, DayKind::kMakeupWorkingDay, "元旦"};
  const SpecialDay labour_day{Date{2022, 5, 1}, DayKind::kHoliday, "劳动节"};
  const SpecialDay national_day{Date{2022, 10, 1}, DayKind::kHoliday, "国庆节"};
  EXPECT_TRUE(FailsWith(
      Status(ValidateCalendarYear({2022, {new_year_at_work, labour_day, national_day}, "x"})),
      ErrorCode::kInvalidArgument, "calendar_year.special_days",
      "lacks the holiday 2022-01-01 (元旦)"));
}

}  // namespace
}  // namespace disposal::domain
