#include "client/calendar_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/build_paths.h"

namespace disposalctl {
namespace {

using disposal::v1::CalendarYear;
using disposal::v1::SpecialDay;

// The repository root (the clone this build was configured from).
std::filesystem::path RepositoryRoot() { return ::disposal::testing::RepoRoot(); }

std::string RealCalendarPath() {
  return (RepositoryRoot() / "schema" / "data" / "calendar-cn-2021-2026.csv").string();
}

// "2021-10-01 holiday 国庆节" for one special day, so a whole year compares in one EXPECT.
std::string DayLine(const SpecialDay& day) {
  char date[16];
  std::snprintf(date, sizeof(date), "%04d-%02d-%02d", day.date().year(), day.date().month(),
                day.date().day());
  const char* kind = day.kind() == disposal::v1::DAY_KIND_HOLIDAY              ? "holiday"
                     : day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY ? "makeup"
                                                                               : "unspecified";
  return std::string(date) + " " + kind + " " + day.name();
}

std::vector<std::string> DayLines(const CalendarYear& year) {
  std::vector<std::string> lines;
  for (const SpecialDay& day : year.special_days()) lines.push_back(DayLine(day));
  return lines;
}

// A National Day week in the style of the real file: a comment, the source, holidays,
// a make-up day, a blank line, one day listed out of date order, and a second year.
constexpr char kSample[] =
    "# National Day 2021, as the notice has it.\n"
    "# source: 国办发明电〔2020〕27号\n"
    "2021-10-01,holiday,国庆节\n"
    "2021-10-02,holiday,国庆节\n"
    "2021-10-03,holiday,国庆节\n"
    "2021-10-04,holiday,国庆节\n"
    "2021-10-05,holiday,国庆节\n"
    "2021-10-06,holiday,国庆节\n"
    "2021-10-07,holiday,国庆节\n"
    "2021-10-09,makeup,国庆节\n"
    "\n"
    "# the make-up day before the holiday, listed last on purpose\n"
    "2021-09-26,makeup,国庆节\n"
    "2022-01-01,holiday,元旦\n";

Status Parse(const std::string& text, std::vector<CalendarYear>* years) {
  return ParseCalendarFile(text, years);
}

// The message of a refusal, or "(accepted)" when the text parsed.
std::string RefusalOf(const std::string& text) {
  std::vector<CalendarYear> years;
  Status status = ParseCalendarFile(text, &years);
  return status.ok() ? "(accepted)" : status.message();
}

TEST(ParseCalendarFile, SplitsTheSampleIntoOneYearPerYearMentioned) {
  std::vector<CalendarYear> years;
  Status status = Parse(kSample, &years);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year(), 2021);
  EXPECT_EQ(years[1].year(), 2022);
}

TEST(ParseCalendarFile, ReadsHolidayRangeAndMakeupDaysInDateOrder) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse(kSample, &years).ok());
  ASSERT_EQ(years.size(), 2u);
  std::vector<std::string> expected = {
      "2021-09-26 makeup 国庆节",  "2021-10-01 holiday 国庆节", "2021-10-02 holiday 国庆节",
      "2021-10-03 holiday 国庆节", "2021-10-04 holiday 国庆节", "2021-10-05 holiday 国庆节",
      "2021-10-06 holiday 国庆节", "2021-10-07 holiday 国庆节", "2021-10-09 makeup 国庆节"};
  EXPECT_EQ(DayLines(years[0]), expected);
  EXPECT_EQ(DayLines(years[1]), std::vector<std::string>{"2022-01-01 holiday 元旦"});
}

TEST(ParseCalendarFile, GivesTheSourceLineToEveryYearAfterIt) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse(kSample, &years).ok());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].source(), "国办发明电〔2020〕27号");
  EXPECT_EQ(years[1].source(), "国办发明电〔2020〕27号");
}

TEST(ParseCalendarFile, IgnoresCommentsThatAreNotSourceLines) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse("# holidays: see below\n"
                    "# source: A\n"
                    "# sources: not a source line\n"
                    "#  comment 2021-01-02,holiday,x\n"
                    "2021-01-01,holiday,元旦\n",
                    &years)
                  .ok());
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].source(), "A");
  EXPECT_EQ(DayLines(years[0]), std::vector<std::string>{"2021-01-01 holiday 元旦"});
}

TEST(ParseCalendarFile, GivesAYearListedBeforeAnySourceTheFirstSource) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse("2021-01-01,holiday,元旦\n"
                    "# source: first notice\n"
                    "2022-01-01,holiday,元旦\n",
                    &years)
                  .ok());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].source(), "first notice");
  EXPECT_EQ(years[1].source(), "first notice");
}

TEST(ParseCalendarFile, GivesEachYearTheSourceInForceAtItsFirstDay) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse("# source: notice for 2021\n"
                    "2021-01-01,holiday,元旦\n"
                    "# source: notice for 2022\n"
                    "2022-01-01,holiday,元旦\n",
                    &years)
                  .ok());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].source(), "notice for 2021");
  EXPECT_EQ(years[1].source(), "notice for 2022");
}

TEST(ParseCalendarFile, LeavesTheNameEmptyWhenLeftOut) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse("# source: A\n2021-01-01,holiday\n2021-01-02,holiday,\n", &years).ok());
  ASSERT_EQ(years.size(), 1u);
  ASSERT_EQ(years[0].special_days_size(), 2);
  EXPECT_EQ(years[0].special_days(0).name(), "");
  EXPECT_EQ(years[0].special_days(1).name(), "");
  EXPECT_EQ(years[0].special_days(0).kind(), disposal::v1::DAY_KIND_HOLIDAY);
}

TEST(ParseCalendarFile, KeepsCommasInTheNameAndTrimsSpaces) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(Parse("# source: A\n  2021-01-01 , holiday , 元旦, New Year  \n", &years).ok());
  ASSERT_EQ(years.size(), 1u);
  ASSERT_EQ(years[0].special_days_size(), 1);
  EXPECT_EQ(DayLine(years[0].special_days(0)), "2021-01-01 holiday 元旦, New Year");
}

TEST(ParseCalendarFile, AcceptsCrlfLineEndsAndAByteOrderMark) {
  std::vector<CalendarYear> years;
  Status status = Parse(
      "\xEF\xBB\xBF# source: A\r\n2021-02-07,makeup,春节\r\n2021-02-11,holiday,春节\r\n", &years);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].source(), "A");
  EXPECT_EQ(DayLines(years[0]),
            (std::vector<std::string>{"2021-02-07 makeup 春节", "2021-02-11 holiday 春节"}));
}

TEST(ParseCalendarFile, RefusesAMakeupDayOnAWeekdayNamingTheLine) {
  // 2021-10-08 was a Friday.
  std::string message =
      RefusalOf("# source: A\n2021-10-07,holiday,国庆节\n2021-10-08,makeup,国庆节\n");
  EXPECT_EQ(message,
            "line 3: 2021-10-08 (Fri) is not a weekend day; a make-up working day must fall on a "
            "Saturday or Sunday");
}

TEST(ParseCalendarFile, AcceptsAHolidayOnAWeekday) {
  std::vector<CalendarYear> years;
  EXPECT_TRUE(Parse("# source: A\n2021-10-08,holiday,x\n", &years).ok());
}

TEST(ParseCalendarFile, RefusesADateListedTwiceNamingBothLines) {
  std::string message = RefusalOf(
      "# source: A\n2021-10-01,holiday,国庆节\n2021-10-02,holiday,国庆节\n"
      "2021-10-01,holiday,国庆节\n");
  EXPECT_EQ(message, "line 4: 2021-10-01 is already listed on line 2");
}

TEST(ParseCalendarFile, RefusesADateListedTwiceUnderDifferentKinds) {
  // 2021-10-09 was a Saturday, so either kind is possible on it; both together are not.
  std::string message =
      RefusalOf("# source: A\n2021-10-09,makeup,国庆节\n\n# again\n2021-10-09,holiday,国庆节\n");
  EXPECT_EQ(message, "line 5: 2021-10-09 is already listed on line 2");
}

TEST(ParseCalendarFile, RefusesALineWithoutCommasNamingTheLine) {
  EXPECT_EQ(RefusalOf("# source: A\n\n2021-10-01 holiday 国庆节\n"),
            "line 3: expected YYYY-MM-DD,holiday|makeup,name");
}

TEST(ParseCalendarFile, RefusesADayThatDoesNotExistNamingTheLine) {
  EXPECT_EQ(RefusalOf("# source: A\n2021-02-29,holiday,x\n"),
            "line 2: \"2021-02-29\" is not a day of the calendar");
}

TEST(ParseCalendarFile, RefusesADateOfTheWrongShapeNamingTheLine) {
  EXPECT_EQ(RefusalOf("# source: A\n21-10-01,holiday,x\n"),
            "line 2: \"21-10-01\" is not a date; write YYYY-MM-DD, e.g. \"2021-06-30\"");
}

TEST(ParseCalendarFile, RefusesAnUnknownKindNamingTheLine) {
  EXPECT_EQ(RefusalOf("# source: A\n2021-10-01,holiday,x\n2021-10-09,workday,x\n"),
            "line 3: kind \"workday\" must be holiday or makeup");
}

TEST(ParseCalendarFile, RefusesAKindWrittenInCapitals) {
  EXPECT_EQ(RefusalOf("# source: A\n2021-10-01,Holiday,x\n"),
            "line 2: kind \"Holiday\" must be holiday or makeup");
}

TEST(ParseCalendarFile, RefusesAnEmptySourceLine) {
  EXPECT_EQ(RefusalOf("2021-10-01,holiday,x\n#   source:   \n"),
            "line 2: the source line names no source");
}

TEST(ParseCalendarFile, RefusesAYearWhoseDaysFallUnderTwoSources) {
  EXPECT_EQ(
      RefusalOf("# source: A\n2021-01-01,holiday,元旦\n# source: B\n2021-02-11,holiday,春节\n"),
      "line 4: 2021 already takes the source on line 1; one year has one source");
}

TEST(ParseCalendarFile, AcceptsTheSameSourceRepeatedWithinAYear) {
  std::vector<CalendarYear> years;
  ASSERT_TRUE(
      Parse("# source: A\n2021-01-01,holiday,元旦\n# source: A\n2021-02-11,holiday,春节\n", &years)
          .ok());
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].special_days_size(), 2);
  EXPECT_EQ(years[0].source(), "A");
}

// The header promises that a year listed before any source line takes the file's first
// source, and that a year whose days fall under two different sources is refused. Here
// 2021 starts before any source (so takes A), and its second day is listed under B.
TEST(ParseCalendarFile, RefusesAYearStartedBeforeAnySourceAndContinuedUnderALaterOne) {
  std::vector<CalendarYear> years;
  Status status = Parse(
      "2021-01-01,holiday,元旦\n"
      "# source: A\n"
      "2022-01-01,holiday,元旦\n"
      "# source: B\n"
      "2021-02-11,holiday,春节\n",
      &years);
  EXPECT_FALSE(status.ok()) << "2021 was given source \""
                            << (years.empty() ? std::string("?") : years[0].source()) << "\"";
  EXPECT_EQ(status.message().rfind("line 5: ", 0), 0u) << status.message();
}

TEST(ParseCalendarFile, RefusesAFileWithoutDays) {
  EXPECT_EQ(RefusalOf("# source: A\n# nothing else\n\n"),
            "no days: expected lines such as \"2021-01-01,holiday,元旦\"");
  EXPECT_EQ(RefusalOf(""), "no days: expected lines such as \"2021-01-01,holiday,元旦\"");
}

TEST(ParseCalendarFile, RefusesAFileWithoutASourceLine) {
  EXPECT_EQ(RefusalOf("2021-01-01,holiday,元旦\n"),
            "no \"# source: TEXT\" line: name the notice the arrangement comes from");
}

TEST(ParseCalendarFile, RefusalIsInvalidInput) {
  std::vector<CalendarYear> years;
  Status status = Parse("# source: A\n2021-10-01,workday,x\n", &years);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
  EXPECT_EQ(status.exit_code(), kExitBadInput);
}

class RealCalendarFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(RealCalendarPath(), std::ios::binary);
    ASSERT_TRUE(in) << RealCalendarPath();
    std::ostringstream text;
    text << in.rdbuf();
    Status status = ParseCalendarFile(text.str(), &years_);
    ASSERT_TRUE(status.ok()) << status.message();
  }

  std::vector<CalendarYear> years_;
};

TEST_F(RealCalendarFileTest, HoldsTheSixYears2021To2026) {
  ASSERT_EQ(years_.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(years_[i].year(), 2021 + i);
}

TEST_F(RealCalendarFileTest, HoldsTheDayCountOfEachYear) {
  ASSERT_EQ(years_.size(), 6u);
  EXPECT_EQ(years_[0].special_days_size(), 38);  // 2021
  EXPECT_EQ(years_[1].special_days_size(), 39);  // 2022
  EXPECT_EQ(years_[2].special_days_size(), 33);  // 2023
  EXPECT_EQ(years_[3].special_days_size(), 36);  // 2024
  EXPECT_EQ(years_[4].special_days_size(), 33);  // 2025
  EXPECT_EQ(years_[5].special_days_size(), 39);  // 2026
}

TEST_F(RealCalendarFileTest, GivesEveryYearTheFileSource) {
  const std::string source =
      "State Council General Office yearly notices (国务院办公厅关于XXXX年部分节假日安排的通知), "
      "as collected by the public datasets holiday-cn and chinese-calendar";
  for (const CalendarYear& year : years_) EXPECT_EQ(year.source(), source) << year.year();
}

TEST_F(RealCalendarFileTest, Holds2021SeptemberAndOctoberAsTheNoticeHasThem) {
  ASSERT_FALSE(years_.empty());
  std::vector<std::string> autumn;
  for (const SpecialDay& day : years_[0].special_days()) {
    if (day.date().month() >= 9) autumn.push_back(DayLine(day));
  }
  std::vector<std::string> expected = {
      "2021-09-18 makeup 中秋节",  "2021-09-19 holiday 中秋节", "2021-09-20 holiday 中秋节",
      "2021-09-21 holiday 中秋节", "2021-09-26 makeup 国庆节",  "2021-10-01 holiday 国庆节",
      "2021-10-02 holiday 国庆节", "2021-10-03 holiday 国庆节", "2021-10-04 holiday 国庆节",
      "2021-10-05 holiday 国庆节", "2021-10-06 holiday 国庆节", "2021-10-07 holiday 国庆节",
      "2021-10-09 makeup 国庆节"};
  EXPECT_EQ(autumn, expected);
}

TEST_F(RealCalendarFileTest, Counts2021HolidaysAndMakeupDays) {
  ASSERT_FALSE(years_.empty());
  int holidays = 0;
  int makeups = 0;
  for (const SpecialDay& day : years_[0].special_days()) {
    if (day.kind() == disposal::v1::DAY_KIND_HOLIDAY) ++holidays;
    if (day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY) ++makeups;
  }
  // 元旦 3, 春节 7, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7; seven make-up Saturdays/Sundays.
  EXPECT_EQ(holidays, 31);
  EXPECT_EQ(makeups, 7);
}

TEST_F(RealCalendarFileTest, HoldsEachYearWhole) {
  const Status status = CheckEachYearWhole(years_);
  EXPECT_TRUE(status.ok()) << status.message();
}

// The real year `number` without its days named `festival`, but for those in `kept`
// ("MM-DD"), as CheckEachYearWhole sees it.
std::string RealYearWithout(const std::vector<CalendarYear>& years, int number,
                            const std::string& festival, const std::vector<std::string>& kept) {
  for (const CalendarYear& year : years) {
    if (year.year() != number) continue;
    CalendarYear cut = year;
    cut.clear_special_days();
    for (const SpecialDay& day : year.special_days()) {
      char month_day[8];
      std::snprintf(month_day, sizeof month_day, "%02d-%02d", day.date().month(), day.date().day());
      const bool keep = std::find(kept.begin(), kept.end(), month_day) != kept.end();
      if (day.name() != festival || keep) *cut.add_special_days() = day;
    }
    const Status status = CheckEachYearWhole({cut});
    return status.ok() ? "(whole)" : status.message();
  }
  return "no year " + std::to_string(number);
}

// The law gives Labour Day 2 days from 2025 and the Spring Festival 4: a year holding fewer
// of their weekdays off is refused, though the year's total is reached.
TEST_F(RealCalendarFileTest, RefusesA2025LabourDayOfOneDayAndA2026WithoutItsSpringFestival) {
  EXPECT_EQ(RealYearWithout(years_, 2025, "劳动节", {"05-01"})
                .rfind("2025 lists 1 weekday off from 2025-04-28 to 2025-05-08, where 劳动节's "
                       "days off fall; the law gives it 2 days",
                       0),
            0u);
  EXPECT_EQ(RealYearWithout(years_, 2026, "春节", {})
                .rfind("2026 lists 0 weekdays off from 2026-01-19 to 2026-02-28, where 春节's "
                       "days off fall; the law gives it 4 days",
                       0),
            0u);
  EXPECT_EQ(RealYearWithout(years_, 2024, "劳动节", {"05-01"}), "(whole)");
}

// Days a notice moves come with the weekend days worked for them: 2024's National Day week
// moved Friday 10-04 and Monday 10-07 for Sunday 09-29 and Saturday 10-12. Without the two
// weekdays but with 09-29 worked, the week gives 2 days off, not the law's 3.
TEST_F(RealCalendarFileTest, RefusesAFestivalWeekWithoutItsMovedDaysButWithTheirMakeupDay) {
  EXPECT_EQ(
      RealYearWithout(years_, 2024, "国庆节",
                      {"09-29", "10-01", "10-02", "10-03", "10-05", "10-06", "10-12"})
          .rfind("2024 lists 3 weekdays off and 1 weekend day made working (2 days off, net) from "
                 "2024-09-28 to 2024-10-10, where 国庆节's days off fall; the law gives it "
                 "3 days",
                 0),
      0u);
  EXPECT_EQ(RealYearWithout(years_, 2024, "国庆节", {"10-01", "10-02", "10-03", "10-05", "10-06"}),
            "(whole)");
}

// What CheckEachYearWhole says of `text`'s years, or "(whole)".
std::string WholenessOf(const std::string& text) {
  std::vector<CalendarYear> years;
  Status status = ParseCalendarFile(text, &years);
  if (status.ok()) status = CheckEachYearWhole(years);
  return status.ok() ? "(whole)" : status.message();
}

TEST(CheckEachYearWhole, RefusesAYearOfOnlyTheDayTheNextNoticeMovesNamingYearAndDay) {
  const std::string message = WholenessOf(
      "# source: the 2023 notice\n2022-12-31,holiday,元旦\n2023-01-01,holiday,元旦\n"
      "2023-05-01,holiday,劳动节\n2023-10-01,holiday,国庆节\n");
  EXPECT_EQ(message.rfind("2022 lacks the holiday 2022-01-01 (元旦)", 0), 0u) << message;
}

// The three compulsory days alone are not a year's notice: it gives at least the 11 days off
// the law gives from 2008 (13 from 2025) on weekdays, one falling on a weekend made up on one.
TEST(CheckEachYearWhole, RefusesAYearListingFewerWeekdaysOffThanTheLawGivesDaysOff) {
  const std::string message = WholenessOf(
      "# source: A\n2023-01-01,holiday,元旦\n2023-05-01,holiday,劳动节\n"
      "2023-10-01,holiday,国庆节\n");
  EXPECT_EQ(message.rfind("2023 lists 1 weekday off; a year's notice gives at least the 11", 0), 0u)
      << message;
}

// What CheckEachYearWhole says of 2023 as above, without the days named in `left_out`.
std::string Year2023Without(const std::vector<std::string>& left_out) {
  std::string text = "# source: A\n";
  for (const char* day :
       {"01-01", "01-02", "01-23", "01-24", "01-25", "01-26", "01-27", "04-05", "05-01", "05-02",
        "05-03", "06-22", "06-23", "09-29", "10-01", "10-02", "10-03", "10-04", "10-05", "10-06"}) {
    if (std::find(left_out.begin(), left_out.end(), day) != left_out.end()) continue;
    text += std::string("2023-") + day + ",holiday,\n";
  }
  return WholenessOf(text);
}

// A festival's weekdays off lie in a span its date keeps them in, whatever the year's total:
// 2023 lists 18 weekdays off against the law's 11, so dropping one festival keeps the total.
TEST(CheckEachYearWhole, RefusesAYearWithoutOneFestivalsWeekdaysOffNamingIt) {
  EXPECT_EQ(Year2023Without({"01-23", "01-24", "01-25", "01-26", "01-27"})
                .rfind("2023 lists 0 weekdays off from 2023-01-19 to 2023-02-28, where 春节's "
                       "days off fall; the law gives it 3 days",
                       0),
            0u);
  EXPECT_EQ(Year2023Without({"04-05"}).rfind(
                "2023 lists 0 weekdays off from 2023-04-02 to 2023-04-08, where 清明节's", 0),
            0u);
  EXPECT_EQ(
      Year2023Without({"06-22", "06-23"})
          .rfind("2023 lists 0 weekdays off from 2023-05-26 to 2023-06-27, where 端午节's", 0),
      0u);
  EXPECT_EQ(Year2023Without({"10-02", "10-03", "10-04", "10-05", "10-06"})
                .rfind("2023 lists 1 weekday off from 2023-09-28 to 2023-10-10, where 国庆节's "
                       "days off fall; the law gives it 3 days",
                       0),
            0u);
}

// 2023's days off as its notice gave them, weekends left out but the compulsory Sundays.
TEST(CheckEachYearWhole, AcceptsAYearListingTheWeekdaysOffTheLawGives) {
  std::string text = "# source: A\n";
  for (const char* day :
       {"01-01", "01-02", "01-23", "01-24", "01-25", "01-26", "01-27", "04-05", "05-01", "05-02",
        "05-03", "06-22", "06-23", "09-29", "10-01", "10-02", "10-03", "10-04", "10-05", "10-06"}) {
    text += std::string("2023-") + day + ",holiday,\n";
  }
  EXPECT_EQ(WholenessOf(text), "(whole)");
}

TEST(CheckEachYearWhole, RefusesAYearWhoseFirstOfMayIsAMakeupDay) {
  // 2021-05-01 was a Saturday, so the weekend rule lets it pass as a make-up day.
  EXPECT_EQ(WholenessOf("# source: A\n2021-01-01,holiday,元旦\n2021-05-01,makeup,劳动节\n"
                        "2021-10-01,holiday,国庆节\n")
                .rfind("2021 lacks the holiday 2021-05-01 (劳动节)", 0),
            0u);
}

}  // namespace
}  // namespace disposalctl
