#include "date_text.h"

#include <charconv>
#include <cstdio>

namespace disposalctl {
namespace {

bool ParseField(std::string_view text, std::size_t digits_min, std::size_t digits_max, int* value) {
  if (text.size() < digits_min || text.size() > digits_max) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  std::from_chars(text.data(), text.data() + text.size(), *value);
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

}  // namespace

Status ParseDateText(std::string_view text, disposal::v1::Date* date) {
  std::size_t first_dash = text.find('-');
  std::size_t second_dash =
      first_dash == std::string_view::npos ? first_dash : text.find('-', first_dash + 1);
  int year = 0;
  int month = 0;
  int day = 0;
  bool shaped =
      second_dash != std::string_view::npos &&
      ParseField(text.substr(0, first_dash), 4, 4, &year) &&
      ParseField(text.substr(first_dash + 1, second_dash - first_dash - 1), 1, 2, &month) &&
      ParseField(text.substr(second_dash + 1), 1, 2, &day);
  if (!shaped) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" is not a date; write YYYY-MM-DD, e.g. \"2021-06-30\"");
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return Status::InvalidInput("\"" + std::string(text) + "\" is not a day of the calendar");
  }
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
  return Status::Ok();
}

std::string FormatDate(const disposal::v1::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", date.year(), date.month(), date.day());
  return text;
}

}  // namespace disposalctl
