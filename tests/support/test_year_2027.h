// 2027 as the tests arrange it: the three days off every year has by law (1 January, 1 May,
// 1 October) and weekend days around the festivals, 14 days off in all (the law gives 13 from
// 2025, and a year listing fewer is refused as a fragment). No other weekday is off, so that a
// count of 2027's working days is that of its weekdays less those three.
#ifndef DISPOSAL_TESTS_SUPPORT_TEST_YEAR_2027_H_
#define DISPOSAL_TESTS_SUPPORT_TEST_YEAR_2027_H_

#include <cstdio>
#include <string>

namespace disposal::testing {

struct TestDayOff2027 {
  int month;
  int day;
  const char* name;
};

inline constexpr TestDayOff2027 kTestDaysOff2027[] = {
    {1, 1, "元旦"},   {1, 2, "元旦"},    {1, 3, "元旦"},    {2, 6, "春节"},   {2, 7, "春节"},
    {2, 13, "春节"},  {2, 14, "春节"},   {4, 3, "清明节"},  {4, 4, "清明节"}, {5, 1, "劳动节"},
    {5, 2, "劳动节"}, {10, 1, "国庆节"}, {10, 2, "国庆节"}, {10, 3, "国庆节"}};

// The arrangement as a calendar file (disposalctl calendar import).
inline std::string TestYear2027File() {
  std::string text = "# source: test arrangement for 2027\n";
  for (const TestDayOff2027& day : kTestDaysOff2027) {
    char date[16];
    std::snprintf(date, sizeof date, "2027-%02d-%02d", day.month, day.day);
    text += std::string(date) + ",holiday," + day.name + "\n";
  }
  return text;
}

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_TEST_YEAR_2027_H_
