#include "client/date_text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace disposalctl {
namespace {

using disposal::v1::Date;

Date DateOf(int year, int month, int day) {
  Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

::testing::AssertionResult ReadsAs(std::string_view text, int year, int month, int day) {
  Date date;
  Status status = ParseDateText(text, &date);
  if (!status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" refused: " << status.message();
  }
  if (date.year() != year || date.month() != month || date.day() != day) {
    return ::testing::AssertionFailure() << "\"" << text << "\" read as " << date.year() << "/"
                                         << date.month() << "/" << date.day();
  }
  return ::testing::AssertionSuccess();
}

// Expects a refusal that quotes the text and says `reason`, leaving the date alone.
::testing::AssertionResult Refused(std::string_view text, std::string_view reason) {
  Date date = DateOf(1999, 9, 9);
  Status status = ParseDateText(text, &date);
  if (status.ok()) {
    return ::testing::AssertionFailure() << "\"" << text << "\" accepted as " << date.year() << "/"
                                         << date.month() << "/" << date.day();
  }
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (status.exit_code() != kExitBadInput || status.message().find(quoted) == std::string::npos ||
      status.message().find(reason) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "\"" << text << "\" refused with unexpected message: " << status.message();
  }
  if (date.year() != 1999 || date.month() != 9 || date.day() != 9) {
    return ::testing::AssertionFailure() << "\"" << text << "\" refused but changed the date";
  }
  return ::testing::AssertionSuccess();
}

TEST(ParseDateText, ReadsIsoDate) { EXPECT_TRUE(ReadsAs("2021-06-30", 2021, 6, 30)); }

TEST(ParseDateText, ReadsOneDigitMonthAndDay) {
  EXPECT_TRUE(ReadsAs("2021-6-3", 2021, 6, 3));
  EXPECT_TRUE(ReadsAs("2021-06-3", 2021, 6, 3));
}

TEST(ParseDateText, ReadsLeapDayOfALeapYear) {
  EXPECT_TRUE(ReadsAs("2020-02-29", 2020, 2, 29));
  EXPECT_TRUE(ReadsAs("2000-02-29", 2000, 2, 29));
}

TEST(ParseDateText, ReadsLastDayOfEachMonthLength) {
  EXPECT_TRUE(ReadsAs("2021-01-31", 2021, 1, 31));
  EXPECT_TRUE(ReadsAs("2021-04-30", 2021, 4, 30));
  EXPECT_TRUE(ReadsAs("2021-02-28", 2021, 2, 28));
  EXPECT_TRUE(ReadsAs("2021-12-31", 2021, 12, 31));
}

TEST(ParseDateText, RefusesDaysNotInTheCalendar) {
  EXPECT_TRUE(Refused("2021-02-29", "not a day of the calendar"));
  EXPECT_TRUE(Refused("1900-02-29", "not a day of the calendar"));
  EXPECT_TRUE(Refused("2021-04-31", "not a day of the calendar"));
  EXPECT_TRUE(Refused("2021-13-01", "not a day of the calendar"));
  EXPECT_TRUE(Refused("2021-00-10", "not a day of the calendar"));
  EXPECT_TRUE(Refused("2021-06-00", "not a day of the calendar"));
}

TEST(ParseDateText, RefusesOtherShapes) {
  EXPECT_TRUE(Refused("", "is not a date"));
  EXPECT_TRUE(Refused("21-06-30", "is not a date"));
  EXPECT_TRUE(Refused("2021/06/30", "is not a date"));
  EXPECT_TRUE(Refused("2021-06", "is not a date"));
  EXPECT_TRUE(Refused("2021-06-30T00:00:00Z", "is not a date"));
  EXPECT_TRUE(Refused("2021-006-30", "is not a date"));
  EXPECT_TRUE(Refused("2021-06-030", "is not a date"));
  EXPECT_TRUE(Refused("2021-06-30-01", "is not a date"));
  EXPECT_TRUE(Refused("2021-+6-30", "is not a date"));
  EXPECT_TRUE(Refused("20210630", "is not a date"));
  EXPECT_TRUE(Refused("二〇二一-06-30", "is not a date"));
}

TEST(FormatDate, PadsMonthAndDayToTwoDigits) {
  EXPECT_EQ(FormatDate(DateOf(2021, 6, 30)), "2021-06-30");
  EXPECT_EQ(FormatDate(DateOf(2021, 6, 3)), "2021-06-03");
}

TEST(FormatDate, PrintsDashForUnsetDate) { EXPECT_EQ(FormatDate(Date()), "-"); }

}  // namespace
}  // namespace disposalctl
