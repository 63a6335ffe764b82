#include "client/civil_days.h"

#include <gtest/gtest.h>

#include <string>

namespace disposalctl {
namespace {

std::string Text(const CivilDate& date) {
  return std::to_string(date.year) + "-" + std::to_string(date.month) + "-" +
         std::to_string(date.day);
}

TEST(DaysFromCivil, CountsFromTheUnixEpoch) {
  EXPECT_EQ(DaysFromCivil(CivilDate{1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil(CivilDate{1970, 3, 1}), 59);
  // 51 years of 365 days and 13 leap days (1972..2020).
  EXPECT_EQ(DaysFromCivil(CivilDate{2021, 1, 1}), 18628);
  // 212 days of January to July, then 24.
  EXPECT_EQ(DaysFromCivil(CivilDate{2021, 8, 25}), 18864);
}

TEST(DaysFromCivil, CountsNegativeBeforeTheEpoch) {
  EXPECT_EQ(DaysFromCivil(CivilDate{1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil(CivilDate{1969, 1, 1}), -365);
}

TEST(CivilFromDays, InvertsDaysFromCivil) {
  EXPECT_EQ(Text(CivilFromDays(0)), "1970-1-1");
  EXPECT_EQ(Text(CivilFromDays(-1)), "1969-12-31");
  EXPECT_EQ(Text(CivilFromDays(18864)), "2021-8-25");
  // 2024-01-01 is day 19723; day 59 of 2024 is the leap day.
  EXPECT_EQ(Text(CivilFromDays(19723 + 59)), "2024-2-29");
  EXPECT_EQ(Text(CivilFromDays(19723 + 60)), "2024-3-1");
}

TEST(IsoWeekdayIndex, CountsMondayAsZero) {
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{2021, 10, 1}), 4);   // Friday
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{2021, 10, 9}), 5);   // Saturday
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{2021, 2, 7}), 6);    // Sunday
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{2021, 11, 1}), 0);   // Monday
  EXPECT_EQ(IsoWeekdayIndex(CivilDate{1969, 12, 31}), 2);  // Wednesday
}

TEST(WeekdayAbbreviation, NamesMondayToSunday) {
  EXPECT_EQ(std::string(WeekdayAbbreviation(0)), "Mon");
  EXPECT_EQ(std::string(WeekdayAbbreviation(4)), "Fri");
  EXPECT_EQ(std::string(WeekdayAbbreviation(6)), "Sun");
}

TEST(DaysInMonthOf, FollowsTheGregorianLeapRule) {
  EXPECT_EQ(DaysInMonthOf(2021, 2), 28);
  EXPECT_EQ(DaysInMonthOf(2024, 2), 29);
  EXPECT_EQ(DaysInMonthOf(1900, 2), 28);
  EXPECT_EQ(DaysInMonthOf(2000, 2), 29);
  EXPECT_EQ(DaysInMonthOf(2021, 4), 30);
  EXPECT_EQ(DaysInMonthOf(2021, 12), 31);
}

}  // namespace
}  // namespace disposalctl
