// Proleptic Gregorian calendar arithmetic on whole days, for calendars and time zones.
//
// Counting days since 1970-01-01 turns weekday, month-grid and UTC-offset questions into
// integer arithmetic, with no dependence on the machine's time zone or C library.

#ifndef DISPOSAL_CLIENT_CIVIL_DAYS_H_
#define DISPOSAL_CLIENT_CIVIL_DAYS_H_

#include <cstdint>

namespace disposalctl {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days from 1970-01-01 to `date` (negative before it). REQUIRES: a real day.
std::int64_t DaysFromCivil(const CivilDate& date);

// The date `days` days after 1970-01-01.
CivilDate CivilFromDays(std::int64_t days);

// 0 for Monday ... 6 for Sunday (ISO 8601 order, as Chinese calendars print weeks).
int IsoWeekdayIndex(const CivilDate& date);

// "Mon" ... "Sun" for 0..6. REQUIRES: 0 <= index <= 6.
const char* WeekdayAbbreviation(int index);

// 28..31. REQUIRES: 1 <= month <= 12.
int DaysInMonthOf(int year, int month);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CIVIL_DAYS_H_
