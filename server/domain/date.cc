#include "domain/date.h"

#include <cstdio>
#include <tuple>

namespace disposal::domain {
namespace {

constexpr char kDateField[] = "date";

std::tuple<int, int, int> Key(const Date& date) {
  return std::make_tuple(date.year, date.month, date.day);
}

// Value of `count` decimal digits starting at `pos`, or -1 when any of them is not a digit.
int ParseDigits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

bool operator==(const Date& a, const Date& b) { return Key(a) == Key(b); }
bool operator!=(const Date& a, const Date& b) { return Key(a) != Key(b); }
bool operator<(const Date& a, const Date& b) { return Key(a) < Key(b); }
bool operator<=(const Date& a, const Date& b) { return Key(a) <= Key(b); }
bool operator>(const Date& a, const Date& b) { return Key(a) > Key(b); }
bool operator>=(const Date& a, const Date& b) { return Key(a) >= Key(b); }

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDaysPerMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDaysPerMonth[month - 1];
}

bool IsRealDate(int year, int month, int day) {
  return year >= 1 && day >= 1 && day <= DaysInMonth(year, month);
}

Result<Date> MakeDate(int year, int month, int day) {
  const Date date{year, month, day};
  if (!IsRealDate(year, month, day)) {
    return Error::InvalidArgument(kDateField, FormatIsoDate(date) + " is not a real date");
  }
  if (year < kMinBusinessYear || year > kMaxBusinessYear) {
    return Error::InvalidArgument(kDateField, "year " + std::to_string(year) + " is outside " +
                                                  std::to_string(kMinBusinessYear) + ".." +
                                                  std::to_string(kMaxBusinessYear));
  }
  return date;
}

Result<Date> ParseIsoDate(std::string_view text) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int year = shaped ? ParseDigits(text, 0, 4) : -1;
  const int month = shaped ? ParseDigits(text, 5, 2) : -1;
  const int day = shaped ? ParseDigits(text, 8, 2) : -1;
  if (year < 0 || month < 0 || day < 0) {
    // Echo only short inputs: the reason must stay a short sentence.
    const std::string shown = text.size() <= 32 ? "'" + std::string(text) + "'" : "the text";
    return Error::InvalidArgument(kDateField, shown + " is not a date in the form YYYY-MM-DD");
  }
  return MakeDate(year, month, day);
}

std::string FormatIsoDate(const Date& date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

// http://howardhinnant.github.io/date_algorithms.html#days_from_civil
int64_t DaysFromCivil(const Date& date) {
  // Shift the year to start in March so the leap day is the last day of the year.
  const int64_t year = static_cast<int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;                                       // [0, 399]
  const int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;  // [0, 11]
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;        // [0, 365]
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

// http://howardhinnant.github.io/date_algorithms.html#civil_from_days
Date CivilFromDays(int64_t days) {
  const int64_t shifted = days + 719468;
  const int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const int64_t day_of_era = shifted - era * 146097;  // [0, 146096]
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;  // [0, 11]
  const int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int Weekday(const Date& date) {
  // 1970-01-01 was a Thursday (4); taking the remainder twice keeps negative day counts in 0..6.
  const int64_t days = DaysFromCivil(date);
  return static_cast<int>(((days + 3) % 7 + 7) % 7) + 1;
}

Date AddDays(const Date& date, int64_t days) { return CivilFromDays(DaysFromCivil(date) + days); }

}  // namespace disposal::domain
