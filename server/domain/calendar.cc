#include "domain/calendar.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "domain/date.h"
#include "domain/festival_days.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

constexpr int64_t kShanghaiOffsetMicros = int64_t{8} * 3'600 * 1'000'000;  // UTC+8, no DST
constexpr size_t kSourceCharactersMax = 500;
constexpr size_t kSpecialDayNameCharactersMax = 50;
// kWindowWorkingDaysMax working days need under two years even if a year had the most special
// days allowed on weekdays; three years of days bounds the walk with room to spare.
constexpr int64_t kWalkDaysMax = 3 * 366;

constexpr char kYearField[] = "calendar_year";

// Days off in every year by law (全国年节及纪念日放假办法 art. 2): a year's notice always lists
// them, so a year without one of them is a fragment (say, a day the next year's notice reaches
// back to), which would make every other weekday of the year count as a working day.
struct StatutoryHoliday {
  int month;
  int day;
  const char* name;
};
constexpr StatutoryHoliday kStatutoryHolidays[] = {
    {1, 1, "元旦"}, {5, 1, "劳动节"}, {10, 1, "国庆节"}};

// How many days off the same law gives every year, from the first whole year of a revision
// since the five-day week (1995): each falls on a weekday or, falling on a weekend, is made up
// on a weekday (art. 6), so a year's notice gives at least that many weekdays off. A year
// listing fewer is a fragment too (one that left out the Spring Festival, say), however many
// weekend days it lists.
struct StatutoryDaysOff {
  int from_year;
  size_t days;
  const char* revision;
};
constexpr StatutoryDaysOff kStatutoryDaysOff[] = {
    {2025, 13, "2024 revision"}, {2008, 11, "2007 revision"}, {2000, 10, "1999 revision"}};

bool IsWeekdayOff(const SpecialDay& day) {
  return day.kind == DayKind::kHoliday && Weekday(day.date) <= 5;
}

std::string WeekdaysText(size_t count) {
  return std::to_string(count) + (count == 1 ? " weekday" : " weekdays");
}

std::string_view TrimAscii(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

Error NoDataFor(int year) {
  return Error::FailedPrecondition(
      "the working-day calendar has no data for " + std::to_string(year) +
      "; staff or an admin import it with ImportCalendarYear (disposalctl calendar import)");
}

// The next year's notice may move the last days of a year: the 2019 New Year holiday took
// 2018-12-30 and -31 and made 2018-12-29 a working Saturday; the 2023 one began on 2022-12-31.
constexpr int kDayTheNextNoticeMayReachBackTo = 29;  // of December

bool NextNoticeMayMove(const Date& date) {
  return date.month == 12 && date.day >= kDayTheNextNoticeMayReachBackTo;
}

Error NoDataForTheNextNotice(const Date& date) {
  return Error::FailedPrecondition(
      "the working-day calendar has no data for " + std::to_string(date.year + 1) +
      ", whose notice may move " + FormatIsoDate(date) +
      " (the 2019 New Year holiday began on 2018-12-30); staff or an admin import it with "
      "ImportCalendarYear (disposalctl calendar import)");
}

// The reason a make-up working day on this date is impossible, or empty when it is a weekend.
std::string MakeupNotOnWeekend(const Date& date) {
  static constexpr const char* kWeekdayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday"};
  const int weekday = Weekday(date);
  if (weekday >= 6) return "";
  return FormatIsoDate(date) + " is a " + kWeekdayNames[weekday - 1] +
         "; a make-up working day must fall on a weekend";
}

Status ValidateSpecialDay(const SpecialDay& day, int year, const std::string& field) {
  const Date& date = day.date;
  if (!IsRealDate(date.year, date.month, date.day)) {
    return Error::InvalidArgument(field, FormatIsoDate(date) + " is not a real date");
  }
  if (date.year != year) {
    return Error::InvalidArgument(field,
                                  FormatIsoDate(date) + " is not in " + std::to_string(year));
  }
  if (day.kind == DayKind::kMakeupWorkingDay) {
    if (std::string reason = MakeupNotOnWeekend(date); !reason.empty()) {
      return Error::InvalidArgument(field, reason);
    }
  }
  return CheckText(day.name, field + ".name", 0, kSpecialDayNameCharactersMax);
}

// One data line of the calendar file, already split from its neighbours.
struct ParsedLine {
  SpecialDay day;
  int line_number = 0;
};

// Parses "YYYY-MM-DD,holiday|makeup,name"; the name may be absent.
Result<SpecialDay> ParseDataLine(std::string_view line) {
  const size_t first_comma = line.find(',');
  if (first_comma == std::string_view::npos) {
    return Error::InvalidArgument("", "expected YYYY-MM-DD,holiday|makeup,name");
  }
  const size_t second_comma = line.find(',', first_comma + 1);
  const std::string_view date_text = TrimAscii(line.substr(0, first_comma));
  const std::string_view kind_text = TrimAscii(line.substr(
      first_comma + 1, second_comma == std::string_view::npos ? std::string_view::npos
                                                              : second_comma - first_comma - 1));
  const std::string_view name_text = second_comma == std::string_view::npos
                                         ? std::string_view()
                                         : TrimAscii(line.substr(second_comma + 1));
  SpecialDay day;
  auto date = ParseIsoDate(date_text);
  if (!date.ok()) return Error::InvalidArgument("", date.error().reason);
  day.date = date.value();
  if (kind_text == "holiday") {
    day.kind = DayKind::kHoliday;
  } else if (kind_text == "makeup") {
    day.kind = DayKind::kMakeupWorkingDay;
  } else {
    return Error::InvalidArgument(
        "", "the kind must be 'holiday' or 'makeup', got '" + std::string(kind_text) + "'");
  }
  day.name = std::string(name_text);
  return day;
}

std::string LineField(int line_number) { return "line " + std::to_string(line_number); }

// Reads the "# source:" line, if this comment is one.
std::optional<std::string_view> SourceOfComment(std::string_view comment) {
  std::string_view rest = TrimAscii(comment.substr(1));  // after '#'
  constexpr std::string_view kPrefix = "source:";
  if (rest.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  return TrimAscii(rest.substr(kPrefix.size()));
}

Status CheckYearHasTheDaysOffByLaw(const CalendarYear& year, const std::string& days_field) {
  const size_t listed =
      std::count_if(year.special_days.begin(), year.special_days.end(), IsWeekdayOff);
  for (const StatutoryDaysOff& law : kStatutoryDaysOff) {
    if (year.year < law.from_year) continue;
    if (listed >= law.days) return OkStatus();
    return Error::InvalidArgument(
        days_field, "lists " + WeekdaysText(listed) + " off; a year's notice gives " +
                        "at least the " + std::to_string(law.days) +
                        " days off the law gives (全国年节及纪念日放假办法, " + law.revision +
                        ") on weekdays, one falling on a weekend made up on a weekday: a year "
                        "is imported whole, as its notice has it");
  }
  return OkStatus();
}

// `seen` maps each listed day (DaysFromCivil) to its index in year.special_days.
Status CheckYearIsWhole(const CalendarYear& year, const std::map<int64_t, size_t>& seen,
                        const std::string& days_field) {
  for (const StatutoryHoliday& holiday : kStatutoryHolidays) {
    const Date date{year.year, holiday.month, holiday.day};
    const auto it = seen.find(DaysFromCivil(date));
    if (it != seen.end() && year.special_days[it->second].kind == DayKind::kHoliday) continue;
    return Error::InvalidArgument(
        days_field, "lacks the holiday " + FormatIsoDate(date) + " (" + holiday.name +
                        "), off in every year by law: a year is imported whole, as its notice "
                        "has it, with any day the next year's notice moves in it added");
  }
  RETURN_IF_ERROR(CheckYearHasTheDaysOffByLaw(year, days_field));
  return CheckEachFestivalHasItsDaysOff(year, days_field);
}

// Groups the parsed days by year, sorted by date, and validates each year. Errors of one day
// name its line; errors of a whole year name the line of its first day.
Result<std::vector<CalendarYear>> BuildYears(const std::vector<ParsedLine>& lines,
                                             const std::string& source) {
  std::map<int, std::vector<ParsedLine>> by_year;
  for (const ParsedLine& line : lines) by_year[line.day.date.year].push_back(line);
  std::vector<CalendarYear> years;
  for (auto& [number, days] : by_year) {
    std::sort(days.begin(), days.end(),
              [](const ParsedLine& a, const ParsedLine& b) { return a.day.date < b.day.date; });
    CalendarYear year{number, {}, source};
    for (const ParsedLine& line : days) year.special_days.push_back(line.day);
    Status status = ValidateCalendarYear(year);
    if (!status.ok()) {
      const int first_line = std::min_element(days.begin(), days.end(), [](auto& a, auto& b) {
                               return a.line_number < b.line_number;
                             })->line_number;
      return Error::InvalidArgument(LineField(first_line),
                                    std::to_string(number) + ": " + status.error().Message());
    }
    years.push_back(std::move(year));
  }
  return years;
}

}  // namespace

Status ValidateCalendarYear(const CalendarYear& year) {
  if (year.year < kMinBusinessYear || year.year > kMaxBusinessYear) {
    return Error::InvalidArgument(std::string(kYearField) + ".year",
                                  std::to_string(year.year) + " is outside " +
                                      std::to_string(kMinBusinessYear) + ".." +
                                      std::to_string(kMaxBusinessYear));
  }
  const std::string days_field = std::string(kYearField) + ".special_days";
  if (year.special_days.empty() || year.special_days.size() > kSpecialDaysPerYearMax) {
    return Error::InvalidArgument(days_field,
                                  "has " + std::to_string(year.special_days.size()) + " days; 1.." +
                                      std::to_string(kSpecialDaysPerYearMax) + " are allowed");
  }
  std::map<int64_t, size_t> seen;  // DaysFromCivil -> index
  for (size_t i = 0; i < year.special_days.size(); ++i) {
    const std::string field = days_field + "[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(ValidateSpecialDay(year.special_days[i], year.year, field));
    const Date& date = year.special_days[i].date;
    auto [it, inserted] = seen.emplace(DaysFromCivil(date), i);
    if (!inserted) {
      return Error::InvalidArgument(field, FormatIsoDate(date) + " is already listed as [" +
                                               std::to_string(it->second) + "]");
    }
  }
  RETURN_IF_ERROR(CheckYearIsWhole(year, seen, days_field));
  const size_t source_length = CharacterCount(year.source);
  if (source_length < 1 || source_length > kSourceCharactersMax) {
    return Error::InvalidArgument(std::string(kYearField) + ".source",
                                  "must be 1.." + std::to_string(kSourceCharactersMax) +
                                      " characters (the notice the year comes from)");
  }
  // Stored and shown to whoever relies on the year: no NUL, controls or direction overrides.
  return CheckText(year.source, std::string(kYearField) + ".source", 1, kSourceCharactersMax);
}

Status CheckNoHeldDayLeftOut(const std::vector<SpecialDay>& held, const CalendarYear& year) {
  std::set<int64_t> given;
  for (const SpecialDay& day : year.special_days) given.insert(DaysFromCivil(day.date));
  std::vector<std::string> left_out;
  for (const SpecialDay& day : held) {
    if (given.count(DaysFromCivil(day.date)) > 0) continue;
    left_out.push_back(FormatIsoDate(day.date) +
                       (day.kind == DayKind::kHoliday ? " holiday" : " makeup"));
  }
  if (left_out.empty()) return OkStatus();
  constexpr size_t kNamed = 3;
  std::string named;
  for (size_t i = 0; i < left_out.size() && i < kNamed; ++i) {
    named += (i > 0 ? ", " : "") + left_out[i];
  }
  if (left_out.size() > kNamed) named += ", ...";
  return Error::FailedPrecondition(
      "the calendar holds " + std::to_string(left_out.size()) + " day(s) of " +
      std::to_string(year.year) + " that this import leaves out (" + named +
      "), and nothing was imported: add them, or set replace (disposalctl calendar import "
      "--replace) to remove them with the year's new arrangement");
}

Result<std::vector<CalendarYear>> ParseCalendarFile(std::string_view text) {
  std::vector<ParsedLine> lines;
  std::map<int64_t, int> line_of_day;  // DaysFromCivil -> line number, to name duplicates
  std::string source;
  int source_line = 0;
  int line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = TrimAscii(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty()) continue;
    if (line.front() == '#') {
      const std::optional<std::string_view> comment_source = SourceOfComment(line);
      if (!comment_source) continue;
      // One file, one source: a second line would silently relabel the years above it.
      if (source_line != 0) {
        return Error::InvalidArgument(LineField(line_number), "the source is already set on line " +
                                                                  std::to_string(source_line));
      }
      const size_t length = CharacterCount(*comment_source);
      if (length < 1 || length > kSourceCharactersMax) {
        return Error::InvalidArgument(
            LineField(line_number),
            "the source must be 1.." + std::to_string(kSourceCharactersMax) + " characters");
      }
      if (Status text = CheckText(*comment_source, "source", 1, kSourceCharactersMax); !text.ok()) {
        return Error::InvalidArgument(LineField(line_number), "the source " + text.error().reason);
      }
      source = std::string(*comment_source);
      source_line = line_number;
      continue;
    }
    auto day = ParseDataLine(line);
    if (!day.ok()) return Error::InvalidArgument(LineField(line_number), day.error().reason);
    const Date& date = day.value().date;
    if (day.value().kind == DayKind::kMakeupWorkingDay) {
      if (std::string reason = MakeupNotOnWeekend(date); !reason.empty()) {
        return Error::InvalidArgument(LineField(line_number), reason);
      }
    }
    auto [it, inserted] = line_of_day.emplace(DaysFromCivil(date), line_number);
    if (!inserted) {
      return Error::InvalidArgument(
          LineField(line_number),
          FormatIsoDate(date) + " is already listed on line " + std::to_string(it->second));
    }
    lines.push_back({std::move(day).value(), line_number});
  }
  if (!lines.empty() && source.empty()) {
    return Error::InvalidArgument(LineField(lines.front().line_number),
                                  "the file has no '# source: ...' line naming the notices");
  }
  return BuildYears(lines, source);
}

WorkingDayCalendar::WorkingDayCalendar(const std::vector<CalendarYear>& years, int64_t revision)
    : revision_(revision) {
  for (const CalendarYear& year : years) {
    years_.insert(year.year);
    for (const SpecialDay& day : year.special_days) special_[DaysFromCivil(day.date)] = day.kind;
  }
}

Result<bool> WorkingDayCalendar::IsWorkingDay(const Date& date) const {
  if (!HoldsYear(date.year)) return NoDataFor(date.year);
  if (NextNoticeMayMove(date) && !HoldsYear(date.year + 1)) return NoDataForTheNextNotice(date);
  const auto it = special_.find(DaysFromCivil(date));
  if (it != special_.end()) return it->second == DayKind::kMakeupWorkingDay;
  return Weekday(date) <= 5;
}

Result<Date> WorkingDayCalendar::AddWorkingDays(const Date& start, int working_days) const {
  if (working_days < 1 || working_days > kWindowWorkingDaysMax) {
    return Error::InvalidArgument("working_days", "must be 1.." +
                                                      std::to_string(kWindowWorkingDaysMax) +
                                                      ", got " + std::to_string(working_days));
  }
  // 民法典 art. 201: the start day is not counted, so the walk begins the day after.
  const int64_t first = DaysFromCivil(start) + 1;
  int counted = 0;
  for (int64_t day = first; day < first + kWalkDaysMax; ++day) {
    const Date date = CivilFromDays(day);
    ASSIGN_OR_RETURN(const bool working, IsWorkingDay(date));
    if (working && ++counted == working_days) return date;
  }
  return Error::Internal("no " + std::to_string(working_days) + " working days within " +
                         std::to_string(kWalkDaysMax) + " days of " + FormatIsoDate(start));
}

Result<int> WorkingDayCalendar::WorkingDaysBetween(const Date& from, const Date& to) const {
  int counted = 0;
  // Bounded by the years held: the first day of a year not held ends the walk with an error.
  for (int64_t day = DaysFromCivil(from) + 1; day <= DaysFromCivil(to); ++day) {
    ASSIGN_OR_RETURN(const bool working, IsWorkingDay(CivilFromDays(day)));
    if (working) ++counted;
  }
  return counted;
}

Result<Date> WorkingDayCalendar::EndOnAWorkingDay(const Date& last_day) const {
  const int64_t first = DaysFromCivil(last_day);
  for (int64_t day = first; day < first + kWalkDaysMax; ++day) {
    const Date date = CivilFromDays(day);
    ASSIGN_OR_RETURN(const bool working, IsWorkingDay(date));
    if (working) return date;
  }
  return Error::Internal("no working day within " + std::to_string(kWalkDaysMax) + " days of " +
                         FormatIsoDate(last_day));
}

int64_t EndOfDayShanghaiMicros(const Date& last_day) {
  // 24:00 local is the start of the next local day; Shanghai is 8 hours ahead of UTC.
  return (DaysFromCivil(last_day) + 1) * kMicrosPerDay - kShanghaiOffsetMicros;
}

Date ShanghaiDateOf(int64_t unix_micros) {
  const int64_t local = unix_micros + kShanghaiOffsetMicros;
  // Floor division, so instants before the epoch fall on the right day.
  int64_t days = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --days;
  return CivilFromDays(days);
}

}  // namespace disposal::domain
