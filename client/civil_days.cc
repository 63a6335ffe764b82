#include "civil_days.h"

#include <cassert>

namespace disposalctl {
namespace {

constexpr std::int64_t kDaysPerEra = 146097;  // 400 Gregorian years
// 1970-01-01 counted from 0000-03-01, the epoch of the era arithmetic below.
constexpr std::int64_t kUnixEpochFromEraStart = 719468;

// Floor division, so that days before 1970 fall into the right era.
std::int64_t FloorDivide(std::int64_t dividend, std::int64_t divisor) {
  std::int64_t quotient = dividend / divisor;
  return (dividend % divisor != 0 && (dividend < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

}  // namespace

// Howard Hinnant's days_from_civil: years start on 1 March so that the leap day is the
// last day of the year and month lengths follow a fixed pattern.
std::int64_t DaysFromCivil(const CivilDate& date) {
  assert(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31);
  std::int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  std::int64_t era = FloorDivide(year, 400);
  std::int64_t year_of_era = year - era * 400;
  std::int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
  std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPerEra + day_of_era - kUnixEpochFromEraStart;
}

CivilDate CivilFromDays(std::int64_t days) {
  days += kUnixEpochFromEraStart;
  std::int64_t era = FloorDivide(days, kDaysPerEra);
  std::int64_t day_of_era = days - era * kDaysPerEra;
  std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  date.month =
      static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

int IsoWeekdayIndex(const CivilDate& date) {
  // 1970-01-01 was a Thursday, index 3.
  std::int64_t index = (DaysFromCivil(date) + 3) % 7;
  return static_cast<int>(index < 0 ? index + 7 : index);
}

const char* WeekdayAbbreviation(int index) {
  static constexpr const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  assert(index >= 0 && index <= 6);
  return kNames[index];
}

int DaysInMonthOf(int year, int month) {
  assert(month >= 1 && month <= 12);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace disposalctl
