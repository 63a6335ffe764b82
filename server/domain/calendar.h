// The official working-day calendar and period counting under 民法典 arts. 200-204.
#ifndef DISPOSAL_SERVER_DOMAIN_CALENDAR_H_
#define DISPOSAL_SERVER_DOMAIN_CALENDAR_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"

namespace disposal::domain {

enum class DayKind { kHoliday, kMakeupWorkingDay };

struct SpecialDay {
  Date date{};
  DayKind kind = DayKind::kHoliday;
  std::string name;  // e.g. "春节"; may be empty
};

// One year's arrangement as the State Council published it.
struct CalendarYear {
  int year = 0;
  std::vector<SpecialDay> special_days;  // sorted by date, each in `year`
  std::string source;                    // e.g. "国办发明电〔2020〕27号"
  int64_t import_micros = 0;             // when it was loaded; 0 before it is stored
};

inline constexpr size_t kSpecialDaysPerYearMax = 100;
inline constexpr int kWindowWorkingDaysMax = 250;

// Checks a year before it is stored: year in the business range, 1..100 special days all in
// that year, no date twice, holidays may fall on any day but a make-up working day must be a
// Saturday or Sunday, 1 January, 1 May and 1 October listed as holidays (off every year by
// law, so a year without them is a fragment of one), at least as many weekdays off as the
// law gives days off that year (13 from 2025, 11 from 2008, 10 from 2000; one falling on a
// weekend is made up on a weekday), source 1..500 characters.
// INVALID_ARGUMENT names the day ("calendar_year.special_days[3]: 2021-02-08 is a Monday; a
// make-up working day must fall on a weekend").
Status ValidateCalendarYear(const CalendarYear& year);

// FAILED_PRECONDITION naming the days of `held` (the days held for `year.year`) that `year`
// leaves out: an import that would remove them must say replace. OK when it leaves none out.
Status CheckNoHeldDayLeftOut(const std::vector<SpecialDay>& held, const CalendarYear& year);

// Parses the calendar data file format, one special day per line:
//   YYYY-MM-DD,holiday|makeup,name
// Blank lines and lines starting with '#' are ignored; a line "# source: TEXT" sets the source
// of every year in the file. Returns the years found, each validated. Errors name the line:
// field "line 12".
Result<std::vector<CalendarYear>> ParseCalendarFile(std::string_view text);

// The working-day calendar for the years it holds. Cheap to copy; immutable once built.
class WorkingDayCalendar {
 public:
  WorkingDayCalendar() = default;
  // `revision`: the stored calendar's revision the years were read at (0: not read from storage).
  explicit WorkingDayCalendar(const std::vector<CalendarYear>& years, int64_t revision = 0);

  // A write decided on this calendar hands it to its transaction, which refuses the write
  // (ABORTED) when the stored calendar has changed since.
  int64_t revision() const { return revision_; }

  bool HoldsYear(int year) const { return years_.count(year) > 0; }

  // A date is a working day when it is Monday-Friday and not a holiday, or a make-up working
  // day. FAILED_PRECONDITION naming the year when the calendar does not hold it, and for
  // 29-31 December when it does not hold the next year, whose notice may move those days.
  Result<bool> IsWorkingDay(const Date& date) const;

  // The last day of a period of `working_days` working days that starts on `start`
  // (民法典 art. 201: the start day is not counted; counting begins the next day; since only
  // working days count, a period never ends on a holiday, as art. 203 requires).
  // REQUIRES: 1 <= working_days <= kWindowWorkingDaysMax (else INVALID_ARGUMENT
  // "working_days"). FAILED_PRECONDITION naming the first year needed that is not held:
  // "the working-day calendar has no data for 2027; staff or an admin import it with
  // ImportCalendarYear (disposalctl calendar import)".
  Result<Date> AddWorkingDays(const Date& start, int working_days) const;

  // Working days strictly after `from` up to and including `to`; 0 when to <= from.
  // FAILED_PRECONDITION as above.
  Result<int> WorkingDaysBetween(const Date& from, const Date& to) const;

  // 民法典 art. 203: a period whose last day is a rest day (a weekend or public holiday, as the
  // State Council's arrangement has it; a make-up working day is not one) ends on the first
  // working day after it. `last_day` itself when it is a working day. FAILED_PRECONDITION as
  // above.
  Result<Date> EndOnAWorkingDay(const Date& last_day) const;

 private:
  std::set<int> years_;
  std::map<int64_t, DayKind> special_;  // DaysFromCivil -> kind
  int64_t revision_ = 0;
};

// The instant a period ends: 24:00 Asia/Shanghai (UTC+8, no daylight saving) on `last_day`,
// as microseconds since the Unix epoch.
int64_t EndOfDayShanghaiMicros(const Date& last_day);

// The Asia/Shanghai calendar date of an instant given in microseconds since the Unix epoch.
Date ShanghaiDateOf(int64_t unix_micros);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_CALENDAR_H_
