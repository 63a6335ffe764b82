#include "client/calendar_view.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "client/calendar_file.h"
#include "support/build_paths.h"

namespace disposalctl {
namespace {

using disposal::v1::CalendarYear;
using disposal::v1::SpecialDay;

// Width of one month in the grid: seven three-column cells one space apart.
constexpr std::size_t kMonth = 27;
// A month's column in the grid: months are kMonth wide and three spaces apart.
constexpr std::size_t kSecondMonthAt = 30;
constexpr std::size_t kThirdMonthAt = 60;

std::filesystem::path RepositoryRoot() { return ::disposal::testing::RepoRoot(); }

CalendarYear RealYear(int number) {
  std::ifstream in(RepositoryRoot() / "schema" / "data" / "calendar-cn-2021-2026.csv",
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<CalendarYear> years;
  Status status = ParseCalendarFile(text.str(), &years);
  EXPECT_TRUE(status.ok()) << status.message();
  for (const CalendarYear& year : years) {
    if (year.year() == number) return year;
  }
  ADD_FAILURE() << "no year " << number << " in the calendar file";
  return CalendarYear();
}

void AddDay(CalendarYear* year, int y, int m, int d, disposal::v1::DayKind kind,
            const std::string& name) {
  SpecialDay* day = year->add_special_days();
  day->mutable_date()->set_year(y);
  day->mutable_date()->set_month(m);
  day->mutable_date()->set_day(d);
  day->set_kind(kind);
  day->set_name(name);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string Printed(const CalendarYear& year) {
  std::ostringstream out;
  PrintCalendarYear(year, out);
  return out.str();
}

// The grid lines of the three months whose title row names `month_name`: the title
// row, the weekday header and the week rows, up to the blank line after them.
std::vector<std::string> BlockOf(const std::vector<std::string>& lines,
                                 const std::string& month_name) {
  std::vector<std::string> block;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(month_name) == std::string::npos) continue;
    for (std::size_t j = i; j < lines.size() && !lines[j].empty(); ++j) block.push_back(lines[j]);
    break;
  }
  return block;
}

// Columns [at, at + width) of `line`, spaces where the line is shorter.
std::string ColumnsOf(const std::string& line, std::size_t at, std::size_t width = kMonth) {
  std::string padded = line + std::string(at + width, ' ');
  return padded.substr(at, width);
}

bool Contains(const std::vector<std::string>& lines, const std::string& line) {
  for (const std::string& each : lines) {
    if (each == line) return true;
  }
  return false;
}

TEST(PrintCalendarYear, CentresTheYearOverTheGrid) {
  std::vector<std::string> lines = Lines(Printed(RealYear(2021)));
  ASSERT_FALSE(lines.empty());
  // Three months of 27 columns and two gaps of 3 make 87; (87 - 4) / 2 = 41.
  EXPECT_EQ(lines[0], std::string(41, ' ') + "2021");
}

TEST(PrintCalendarYear, MarksOctober2021HolidaysAndTheMakeupSaturday) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "October");
  // Title, weekday header, five weeks (Friday 1 to Sunday 31).
  ASSERT_EQ(block.size(), 7u);
  std::vector<std::string> october;
  for (std::size_t i = 2; i < block.size(); ++i) october.push_back(ColumnsOf(block[i], 0));
  std::vector<std::string> expected = {
      "                 1*  2*  3*",  // Fri Sat Sun
      " 4*  5*  6*  7*  8   9+ 10 ",  // 9 October: make-up Saturday
      "11  12  13  14  15  16  17 ",  //
      "18  19  20  21  22  23  24 ",  //
      "25  26  27  28  29  30  31 "};
  EXPECT_EQ(october, expected);
}

TEST(PrintCalendarYear, PutsOctoberFirst2021UnderFriday) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "October");
  ASSERT_GE(block.size(), 3u);
  const std::string& header = block[1];
  const std::string& first_week = block[2];
  EXPECT_EQ(header.substr(0, 26), "Mo  Tu  We  Th  Fr  Sa  Su");
  EXPECT_EQ(header.substr(16, 2), "Fr");
  EXPECT_EQ(first_week.substr(16, 3), " 1*");
  EXPECT_EQ(first_week.find_first_not_of(' '), 17u);
}

TEST(PrintCalendarYear, PrintsThreeMonthsAbreastWithTheirTitlesCentred) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "October");
  ASSERT_GE(block.size(), 2u);
  // (27 - 7) / 2 = 10 before "October"; (27 - 8) / 2 = 9 before November and December.
  EXPECT_EQ(block[0], std::string(10, ' ') + "October" + std::string(10, ' ') + "   " +
                          std::string(9, ' ') + "November" + std::string(10, ' ') + "   " +
                          std::string(9, ' ') + "December");
  EXPECT_EQ(block[1],
            "Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    "
            "Mo  Tu  We  Th  Fr  Sa  Su");
}

TEST(PrintCalendarYear, LinesUpNovemberAndDecemberBesideOctober) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "October");
  ASSERT_EQ(block.size(), 7u);
  // 2021-11-01 was a Monday, 2021-12-01 a Wednesday; neither month has a special day.
  EXPECT_EQ(ColumnsOf(block[2], kSecondMonthAt), " 1   2   3   4   5   6   7 ");
  EXPECT_EQ(ColumnsOf(block[2], kThirdMonthAt), "         1   2   3   4   5 ");
  EXPECT_EQ(ColumnsOf(block[6], kSecondMonthAt), "29  30                     ");
  EXPECT_EQ(block[6].substr(kThirdMonthAt), "27  28  29  30  31");
}

TEST(PrintCalendarYear, MarksTheNewYearAndTheSpringFestivalMakeupSunday) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "January");
  ASSERT_GE(block.size(), 3u);
  // 2021-01-01 Friday (元旦 1-3); 2021-02-07 a make-up Sunday; March starts on a Monday.
  EXPECT_EQ(block[2],
            "                 1*  2*  3*    1   2   3   4   5   6   7+   "
            " 1   2   3   4   5   6   7");
}

TEST(PrintCalendarYear, GivesAMonthOfSixWeeksASixthRow) {
  std::vector<std::string> block = BlockOf(Lines(Printed(RealYear(2021))), "April");
  // 2021-05-01 was a Saturday: May runs over six weeks, April and June over five.
  ASSERT_EQ(block.size(), 8u);
  EXPECT_EQ(ColumnsOf(block[2], kSecondMonthAt), "                     1*  2*");
  EXPECT_EQ(block[7], std::string(kSecondMonthAt, ' ') + "31");
}

TEST(PrintCalendarYear, GivesFebruaryOfALeapYearTwentyNineDays) {
  CalendarYear year;
  year.set_year(2024);
  year.set_source("test");
  std::vector<std::string> block = BlockOf(Lines(Printed(year)), "January");
  // 2024-02-01 was a Thursday: weeks 1-4, 5-11, 12-18, 19-25, 26-29.
  ASSERT_EQ(block.size(), 7u);
  EXPECT_EQ(ColumnsOf(block[2], kSecondMonthAt), "             1   2   3   4 ");
  EXPECT_EQ(ColumnsOf(block[6], kSecondMonthAt), "26  27  28  29             ");
}

TEST(PrintCalendarYear, ListsTheSpecialDaysWithWeekdayKindAndName) {
  std::vector<std::string> lines = Lines(Printed(RealYear(2021)));
  EXPECT_TRUE(Contains(lines, "date        day  kind                 name"))
      << Printed(RealYear(2021));
  EXPECT_TRUE(Contains(lines, "2021-01-01  Fri  holiday              元旦"));
  EXPECT_TRUE(Contains(lines, "2021-10-01  Fri  holiday              国庆节"));
  EXPECT_TRUE(Contains(lines, "2021-10-09  Sat  make-up working day  国庆节"));
  EXPECT_TRUE(Contains(lines, "2021-02-07  Sun  make-up working day  春节"));
}

TEST(PrintCalendarYear, PrintsTheLegendAndTheSource) {
  CalendarYear year;
  year.set_year(2030);
  year.set_source("国办发明电〔2029〕1号");
  AddDay(&year, 2030, 1, 1, disposal::v1::DAY_KIND_HOLIDAY, "元旦");
  std::vector<std::string> lines = Lines(Printed(year));
  EXPECT_TRUE(Contains(lines,
                       "* holiday (not a working day)   + make-up working day (a weekend "
                       "day worked)"));
  EXPECT_TRUE(Contains(lines, "source    国办发明电〔2029〕1号"));
}

TEST(PrintCalendarYear, PrintsTheImportTimeInShanghai) {
  CalendarYear year;
  year.set_year(2030);
  year.set_source("s");
  // 2021-08-25T16:00:00Z is 2021-08-26 00:00:00 in Shanghai.
  year.mutable_import_time()->set_seconds(1629907200);
  std::string text = Printed(year);
  EXPECT_TRUE(Contains(Lines(text), "imported  2021-08-26 00:00:00 Asia/Shanghai")) << text;
}

TEST(PrintCalendarYear, LeavesOutTheImportTimeWhenUnset) {
  CalendarYear year;
  year.set_year(2030);
  year.set_source("s");
  EXPECT_EQ(Printed(year).find("imported"), std::string::npos);
}

TEST(PrintCalendarYear, SaysSoWhenAYearHasNoSpecialDays) {
  CalendarYear year;
  year.set_year(2030);
  std::vector<std::string> lines = Lines(Printed(year));
  EXPECT_TRUE(Contains(lines, "no special days: every Monday-Friday is a working day"));
  EXPECT_TRUE(Contains(lines, "source    -"));
}

TEST(PrintCalendarYear, LeavesDaysOfAnotherYearOffTheGrid) {
  CalendarYear year;
  year.set_year(2021);
  year.set_source("s");
  AddDay(&year, 2022, 1, 1, disposal::v1::DAY_KIND_HOLIDAY, "元旦");
  std::vector<std::string> block = BlockOf(Lines(Printed(year)), "January");
  ASSERT_GE(block.size(), 3u);
  EXPECT_EQ(ColumnsOf(block[2], 0), "                 1   2   3 ");
}

// The header says special days outside the year are ignored, the list included.
TEST(PrintCalendarYear, LeavesDaysOfAnotherYearOutOfTheList) {
  CalendarYear year;
  year.set_year(2021);
  year.set_source("s");
  AddDay(&year, 2022, 1, 1, disposal::v1::DAY_KIND_HOLIDAY, "元旦");
  std::string text = Printed(year);
  EXPECT_EQ(text.find("2022-01-01"), std::string::npos) << text;
}

TEST(CalendarYearSummary, CountsHolidaysAndMakeupDaysOf2021) {
  CalendarYear year = RealYear(2021);
  year.set_source("国办发明电〔2020〕27号");
  EXPECT_EQ(CalendarYearSummary(year),
            "2021: 31 holidays, 7 make-up working days (source: 国办发明电〔2020〕27号)");
}

TEST(CalendarYearSummary, UsesTheSingularForOneDay) {
  CalendarYear year;
  year.set_year(2030);
  AddDay(&year, 2030, 1, 1, disposal::v1::DAY_KIND_HOLIDAY, "元旦");
  AddDay(&year, 2030, 1, 5, disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY, "");
  EXPECT_EQ(CalendarYearSummary(year), "2030: 1 holiday, 1 make-up working day (source: -)");
}

TEST(CalendarYearSummary, CountsAnEmptyYearAsZeroOfEach) {
  CalendarYear year;
  year.set_year(2030);
  year.set_source("s");
  EXPECT_EQ(CalendarYearSummary(year), "2030: 0 holidays, 0 make-up working days (source: s)");
}

}  // namespace
}  // namespace disposalctl
