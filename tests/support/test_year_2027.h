// 2027 as the tests arrange it, as a State Council notice would (not its real notice, which
// the tests do not know): the festivals' days off, 18 of them on weekdays (the law gives 13,
// each on a weekday or made up on one), and no make-up working days. None falls in the spans
// the tests count working days through: January's first three weeks, 31 July to 2 August,
// 9 to 24 October.
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
    {1, 1, "元旦"},    {2, 5, "春节"},    {2, 6, "春节"},    {2, 7, "春节"},    {2, 8, "春节"},
    {2, 9, "春节"},    {2, 10, "春节"},   {2, 11, "春节"},   {2, 12, "春节"},   {4, 3, "清明节"},
    {4, 4, "清明节"},  {4, 5, "清明节"},  {5, 1, "劳动节"},  {5, 2, "劳动节"},  {5, 3, "劳动节"},
    {5, 4, "劳动节"},  {5, 5, "劳动节"},  {6, 9, "端午节"},  {9, 15, "中秋节"}, {10, 1, "国庆节"},
    {10, 2, "国庆节"}, {10, 3, "国庆节"}, {10, 4, "国庆节"}, {10, 5, "国庆节"}, {10, 6, "国庆节"},
    {10, 7, "国庆节"}};

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
