// Civil calendar dates (proleptic Gregorian), without time zones or times of day.
#ifndef DISPOSAL_SERVER_DOMAIN_DATE_H_
#define DISPOSAL_SERVER_DOMAIN_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace disposal::domain {

// The years a business date (notice date, deadline, payment date) may fall in. Wider than any
// real claim needs, narrow enough to catch typos such as "0221" or "20211".
inline constexpr int kMinBusinessYear = 1900;
inline constexpr int kMaxBusinessYear = 2200;

inline constexpr int64_t kMicrosPerDay = int64_t{86'400} * 1'000'000;

// A day of the proleptic Gregorian calendar. A plain aggregate: it does not validate itself.
// Obtain checked values from MakeDate or ParseIsoDate; the arithmetic below may produce dates
// outside the business range (e.g. AddDays far into the future) and never fails.
struct Date {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

bool operator==(const Date& a, const Date& b);
bool operator!=(const Date& a, const Date& b);
bool operator<(const Date& a, const Date& b);
bool operator<=(const Date& a, const Date& b);
bool operator>(const Date& a, const Date& b);
bool operator>=(const Date& a, const Date& b);

// True for years divisible by 4, except centuries not divisible by 400.
bool IsLeapYear(int year);

// Days in `month` (1..12) of `year`; 0 when month is outside 1..12.
int DaysInMonth(int year, int month);

// True when year >= 1, month is 1..12 and day exists in that month. No business-range limit:
// identity documents carry birth dates such as 1880-01-01.
bool IsRealDate(int year, int month, int day);

// Returns the date, or InvalidArgument (field "date") when it is not a real date or the year
// lies outside kMinBusinessYear..kMaxBusinessYear.
Result<Date> MakeDate(int year, int month, int day);

// Parses exactly "YYYY-MM-DD" (10 characters, zero-padded, no surrounding whitespace).
// Errors are InvalidArgument with field "date": wrong shape, not a real date, or year out of
// the business range (same rules as MakeDate).
Result<Date> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD", zero-padded. Years outside 0..9999 are printed as they are (e.g. "-0001-01-01").
std::string FormatIsoDate(const Date& date);

// Days since 1970-01-01 (negative before it). Howard Hinnant's days_from_civil; exact for any
// real date with |year| below about 5.8 million.
int64_t DaysFromCivil(const Date& date);

// The inverse of DaysFromCivil.
Date CivilFromDays(int64_t days);

// ISO weekday: 1 = Monday .. 7 = Sunday.
int Weekday(const Date& date);

// `date` moved by `days` (may be negative). No range check on the result.
Date AddDays(const Date& date, int64_t days);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DATE_H_
