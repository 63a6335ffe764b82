#include "domain/festival_days.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace disposal::domain {
namespace {

// Where each festival's days off fall, and how many the law gives it (its 1999, 2007 and 2024
// revisions): its days off on weekdays, or made up on weekdays, lie inside its span, whatever
// the lunar date (the Spring Festival falls between 21 January and 20 February, the Dragon
// Boat Festival between 27 May and 26 June through 2200, Qingming on 4 or 5 April; a day off
// on a weekend is made up on the weekday next to it, so each span reaches a day or more past
// those). A year short of them left that festival out, even when its other festivals reach
// the year's total. The Mid-Autumn Festival has no fixed span: see kMidAutumnDates.
struct FestivalSpan {
  const char* name;
  int from_year;
  int through_year;
  int first_month, first_day, last_month, last_day;
  int64_t days;
  const char* revision;
};
constexpr FestivalSpan kFestivalSpans[] = {
    {"春节", 2000, 2007, 1, 19, 2, 28, 3, "1999 revision"},
    {"春节", 2008, 2024, 1, 19, 2, 28, 3, "2007 revision"},
    {"春节", 2025, kMaxBusinessYear, 1, 19, 2, 28, 4, "2024 revision"},
    {"清明节", 2008, kMaxBusinessYear, 4, 2, 4, 8, 1, "2007 revision"},
    {"劳动节", 2000, 2007, 4, 28, 5, 8, 3, "1999 revision"},
    {"劳动节", 2008, 2024, 4, 28, 5, 8, 1, "2007 revision"},
    {"劳动节", 2025, kMaxBusinessYear, 4, 28, 5, 8, 2, "2024 revision"},
    {"端午节", 2008, kMaxBusinessYear, 5, 26, 6, 27, 1, "2007 revision"},
    {"国庆节", 2000, kMaxBusinessYear, 9, 28, 10, 10, 3, "1999 revision"}};

// The Mid-Autumn Festival (lunar 8/15), a day off since the 2007 revision, as month * 100 +
// day, 2008 through 2100. Computed with an astronomical lunar calendar; three table-based ones
// give the same date every year but 2089: 09-18 by it and one table, 09-19 by the other two (its
// span takes both). Later years are not checked.
constexpr int kFirstMidAutumnYear = 2008;
constexpr int kMidAutumnDates[] = {
    914,  1003, 922,  912,  930,  919,  908,  927,  915,  1004,  // 2008-2017
    924,  913,  1001, 921,  910,  929,  917,  1006, 925,  915,   // 2018-2027
    1003, 922,  912,  1001, 919,  908,  927,  916,  1004, 924,   // 2028-2037
    913,  1002, 920,  910,  928,  917,  1005, 925,  915,  1004,  // 2038-2047
    922,  911,  930,  919,  907,  926,  916,  1005, 924,  913,   // 2048-2057
    1002, 921,  909,  928,  917,  1006, 925,  915,  1003, 923,   // 2058-2067
    911,  929,  919,  908,  926,  916,  1005, 924,  912,  1001,  // 2068-2077
    920,  910,  928,  917,  1006, 926,  914,  1003, 922,  911,   // 2078-2087
    929,  918,  908,  927,  916,  1005, 924,  913,  930,  920,   // 2088-2097
    909,  929,  918};                                            // 2098-2100
constexpr int kLastMidAutumnYear =
    kFirstMidAutumnYear + static_cast<int>(std::size(kMidAutumnDates)) - 1;
constexpr int kMidAutumnDateInDoubt = 2089;  // or the day after
// A weekday given for a Mid-Autumn Festival on a weekend next to it: the Friday before or the
// Monday after.
constexpr int64_t kMidAutumnReach = 2;
// The Mid-Autumn Festival's one day, in every revision since 2008.
constexpr int64_t kMidAutumnDays = 1;

bool Within(const Date& date, const Date& first, const Date& last) {
  return !(date < first) && !(last < date);
}

bool IsWeekday(const Date& date) { return Weekday(date) <= 5; }

std::string WeekdayName(const Date& date) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  return kNames[Weekday(date) - 1];
}

// What a span of the year lists: weekdays off, and weekend days made working days. Each of a
// festival's days off is a weekday off, or a weekend day off with a weekday given in its
// place; days a notice moves (a weekday off for a weekend day worked) come in pairs, so that
// weekdays off less weekend days worked is at least the law's count when both fall in the
// span, and more when the weekend day worked falls outside it.
struct SpanCount {
  int64_t weekdays_off = 0;
  int64_t weekend_days_worked = 0;
  int64_t DaysOff() const { return weekdays_off - weekend_days_worked; }
};

SpanCount CountSpan(const CalendarYear& year, const Date& first, const Date& last) {
  SpanCount count;
  for (const SpecialDay& day : year.special_days) {
    if (!Within(day.date, first, last)) continue;
    const bool weekday = IsWeekday(day.date);
    if (day.kind == DayKind::kHoliday && weekday) ++count.weekdays_off;
    if (day.kind == DayKind::kMakeupWorkingDay && !weekday) ++count.weekend_days_worked;
  }
  return count;
}

std::string DaysText(int64_t count) {
  return std::to_string(count) + (count == 1 ? " day" : " days");
}

std::string CountText(const SpanCount& count) {
  std::string text = "lists " + std::to_string(count.weekdays_off) +
                     (count.weekdays_off == 1 ? " weekday" : " weekdays") + " off";
  if (count.weekend_days_worked == 0) return text;
  const int64_t net = count.DaysOff();
  return text + " and " + std::to_string(count.weekend_days_worked) +
         (count.weekend_days_worked == 1 ? " weekend day" : " weekend days") + " made working (" +
         (net > 0 ? DaysText(net) : std::string("no days")) + " off, net)";
}

constexpr char kWholeYear[] =
    ", each a weekday off or, falling on a weekend, a weekday given in its place: a year is "
    "imported whole, as its notice has it";

// `whose`: "春节's", say, or "中秋节's (2023-09-29) and 国庆节's" for `two_festivals`.
Error ShortOfDays(const std::string& days_field, const SpanCount& count, const Date& first,
                  const Date& last, const std::string& whose, bool two_festivals, int64_t days,
                  const char* revision) {
  return Error::InvalidArgument(
      days_field, CountText(count) + " from " + FormatIsoDate(first) + " to " +
                      FormatIsoDate(last) + ", where " + whose + " days off fall; the law gives " +
                      (two_festivals ? "them " : "it ") + DaysText(days) +
                      " (全国年节及纪念日放假办法, " + revision + ")" + kWholeYear);
}

const FestivalSpan& NationalDaySpan(int year) {
  const FestivalSpan* found = nullptr;
  for (const FestivalSpan& festival : kFestivalSpans) {
    if (std::string_view(festival.name) == "国庆节" && year >= festival.from_year &&
        year <= festival.through_year) {
      found = &festival;
    }
  }
  return *found;  // its one row covers every business year from 2000
}

bool ListedOff(const CalendarYear& year, const Date& date) {
  return std::any_of(year.special_days.begin(), year.special_days.end(), [&](const SpecialDay& d) {
    return d.kind == DayKind::kHoliday && !(d.date < date) && !(date < d.date);
  });
}

// The Mid-Autumn Festival, on the day (two days in doubt in 2089), and the days around it.
struct MidAutumn {
  Date day;
  std::vector<Date> candidates;  // the day, and the day after in 2089
  Date first, last;              // kMidAutumnReach around them
  const char* revision;
};

}  // namespace

// The Mid-Autumn Festival's day off is the day itself when it falls on a weekday (art. 2). On
// a weekend, a weekday is given in its place (art. 6): next to it (2022: Saturday 09-10, for
// Monday 09-12) or in the National Day's week (2015: Sunday 09-27, for a day in 10-01..07).
// Where its days reach the National Day's span (the two may share a week, as in 2023, or a
// day, as in 2020), the two are counted together against both festivals' days.
Status CheckMidAutumnHasItsDayOff(const CalendarYear& year, const std::string& days_field) {
  const std::optional<Date> day = MidAutumnFestival(year.year);
  if (!day) return OkStatus();
  MidAutumn festival{*day, {*day}, {}, {}, year.year >= 2025 ? "2024 revision" : "2007 revision"};
  if (year.year == kMidAutumnDateInDoubt) festival.candidates.push_back(AddDays(*day, 1));
  festival.first = AddDays(festival.candidates.front(), -kMidAutumnReach);
  festival.last = AddDays(festival.candidates.back(), kMidAutumnReach);
  const FestivalSpan& national = NationalDaySpan(year.year);
  const Date national_first{year.year, national.first_month, national.first_day};
  const Date national_last{year.year, national.last_month, national.last_day};
  const std::string whose = "中秋节's (" + FormatIsoDate(festival.day) + ")";
  // Counted with the National Day from the festival's days to the National Day's last.
  const Date together_first = std::min(festival.first, national_first);
  const SpanCount together = CountSpan(year, together_first, national_last);
  const bool together_whole = together.DaysOff() >= kMidAutumnDays + national.days;
  if (!(festival.last < national_first)) {
    if (together_whole) return OkStatus();
    return ShortOfDays(days_field, together, together_first, national_last, whose + " and 国庆节's",
                       true, kMidAutumnDays + national.days, festival.revision);
  }
  // In 2089, the one table's Sunday or the other's Monday: a weekday near either will do.
  const bool on_weekday = std::all_of(festival.candidates.begin(), festival.candidates.end(),
                                      [](const Date& d) { return IsWeekday(d); });
  if (on_weekday) {
    for (const Date& candidate : festival.candidates) {
      if (IsWeekday(candidate) && ListedOff(year, candidate)) return OkStatus();
    }
    return Error::InvalidArgument(
        days_field,
        "does not list " + FormatIsoDate(festival.day) + " (中秋节, a " +
            WeekdayName(festival.day) +
            ") as a holiday; the law gives the day itself off (全国年节及纪念日放假办法, " +
            festival.revision + ")" + kWholeYear);
  }
  const SpanCount around = CountSpan(year, festival.first, festival.last);
  if (around.weekdays_off >= kMidAutumnDays || together_whole) return OkStatus();
  return Error::InvalidArgument(
      days_field, "lists no weekday off from " + FormatIsoDate(festival.first) + " to " +
                      FormatIsoDate(festival.last) + " for 中秋节 (" + FormatIsoDate(festival.day) +
                      ", a " + WeekdayName(festival.day) + "), nor, from " +
                      FormatIsoDate(together_first) + " to " + FormatIsoDate(national_last) +
                      " with 国庆节's days, the " + DaysText(kMidAutumnDays + national.days) +
                      " off the law gives the two (it " + CountText(together) +
                      "; 全国年节及纪念日放假办法, " + festival.revision + ")" + kWholeYear);
}

std::optional<Date> MidAutumnFestival(int year) {
  if (year < kFirstMidAutumnYear || year > kLastMidAutumnYear) return std::nullopt;
  const int month_day = kMidAutumnDates[year - kFirstMidAutumnYear];
  return Date{year, month_day / 100, month_day % 100};
}

Status CheckEachFestivalHasItsDaysOff(const CalendarYear& year, const std::string& days_field) {
  for (const FestivalSpan& festival : kFestivalSpans) {
    if (year.year < festival.from_year || year.year > festival.through_year) continue;
    const Date first{year.year, festival.first_month, festival.first_day};
    const Date last{year.year, festival.last_month, festival.last_day};
    const SpanCount count = CountSpan(year, first, last);
    if (count.DaysOff() >= festival.days) continue;
    return ShortOfDays(days_field, count, first, last, std::string(festival.name) + "'s", false,
                       festival.days, festival.revision);
  }
  return CheckMidAutumnHasItsDayOff(year, days_field);
}

}  // namespace disposal::domain
