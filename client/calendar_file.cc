#include "calendar_file.h"

#include <algorithm>
#include <map>
#include <string>

#include "civil_days.h"
#include "date_text.h"
#include "utf8_text.h"

namespace disposalctl {
namespace {

using disposal::v1::CalendarYear;
using disposal::v1::SpecialDay;

constexpr std::string_view kSourcePrefix = "source:";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

struct YearInProgress {
  CalendarYear year;
  int source_line = 0;                      // 0: no source yet
  std::map<std::int64_t, int> line_of_day;  // DaysFromCivil -> line it was listed on
};

struct ParseState {
  std::map<int, YearInProgress> years;
  std::string source;  // the source line in force
  int source_line = 0;
  std::string first_source;
  int first_source_line = 0;
};

std::string_view Trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

Status LineError(int line, const std::string& message) {
  return Status::InvalidInput("line " + std::to_string(line) + ": " + message);
}

// "# source: TEXT" sets the source; other comments are ignored.
Status ReadComment(std::string_view comment, int line, ParseState* state) {
  std::string_view body = Trimmed(comment.substr(1));
  if (body.substr(0, kSourcePrefix.size()) != kSourcePrefix) return Status::Ok();
  std::string source(Trimmed(body.substr(kSourcePrefix.size())));
  if (source.empty()) return LineError(line, "the source line names no source");
  state->source = source;
  state->source_line = line;
  if (state->first_source.empty()) {
    state->first_source = source;
    state->first_source_line = line;
  }
  return Status::Ok();
}

Status ReadKind(std::string_view text, int line, disposal::v1::DayKind* kind) {
  if (text == "holiday") {
    *kind = disposal::v1::DAY_KIND_HOLIDAY;
  } else if (text == "makeup") {
    *kind = disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY;
  } else {
    return LineError(line, "kind \"" + std::string(text) + "\" must be holiday or makeup");
  }
  return Status::Ok();
}

// Splits "date,kind[,name]"; the name is everything after the second comma.
Status ReadDay(std::string_view text, int line, SpecialDay* day) {
  std::size_t first_comma = text.find(',');
  if (first_comma == std::string_view::npos) {
    return LineError(line, "expected YYYY-MM-DD,holiday|makeup,name");
  }
  std::size_t second_comma = text.find(',', first_comma + 1);
  std::string_view kind_text = text.substr(first_comma + 1, second_comma - first_comma - 1);
  if (second_comma != std::string_view::npos) {
    day->set_name(std::string(Trimmed(text.substr(second_comma + 1))));
  }
  Status status = ParseDateText(Trimmed(text.substr(0, first_comma)), day->mutable_date());
  if (!status.ok()) return status.WithContext("line " + std::to_string(line));
  disposal::v1::DayKind kind{};
  status = ReadKind(Trimmed(kind_text), line, &kind);
  day->set_kind(kind);
  return status;
}

CivilDate CivilOf(const disposal::v1::Date& date) {
  return CivilDate{date.year(), date.month(), date.day()};
}

Status CheckMakeupOnWeekend(const SpecialDay& day, int line) {
  if (day.kind() != disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY) return Status::Ok();
  int weekday = IsoWeekdayIndex(CivilOf(day.date()));
  if (weekday >= 5) return Status::Ok();
  return LineError(line, FormatDate(day.date()) + " (" + WeekdayAbbreviation(weekday) +
                             ") is not a weekend day; a make-up working day must fall on a "
                             "Saturday or Sunday");
}

Status AddDay(const SpecialDay& day, int line, ParseState* state) {
  YearInProgress& year = state->years[day.date().year()];
  year.year.set_year(day.date().year());
  auto [listed, inserted] = year.line_of_day.emplace(DaysFromCivil(CivilOf(day.date())), line);
  if (!inserted) {
    return LineError(line, FormatDate(day.date()) + " is already listed on line " +
                               std::to_string(listed->second));
  }
  if (!state->source.empty() && year.source_line == 0) {
    // Days listed before any source line take the file's first source, like the years that
    // never meet a source line at all; later days must then agree with it.
    const bool started_earlier = year.year.special_days_size() > 0;
    year.year.set_source(started_earlier ? state->first_source : state->source);
    year.source_line = started_earlier ? state->first_source_line : state->source_line;
  }
  if (!state->source.empty() && year.year.source() != state->source) {
    return LineError(line, std::to_string(day.date().year()) +
                               " already takes the source on line " +
                               std::to_string(year.source_line) + "; one year has one source");
  }
  *year.year.add_special_days() = day;
  return Status::Ok();
}

Status ReadLine(std::string_view raw, int line, ParseState* state) {
  std::string_view text = Trimmed(raw);
  if (text.empty()) return Status::Ok();
  if (text.front() == '#') return ReadComment(text, line, state);
  SpecialDay day;
  Status status = ReadDay(text, line, &day);
  if (status.ok()) status = CheckMakeupOnWeekend(day, line);
  if (status.ok()) status = AddDay(day, line, state);
  return status;
}

bool EarlierDay(const SpecialDay& a, const SpecialDay& b) {
  return DaysFromCivil(CivilOf(a.date())) < DaysFromCivil(CivilOf(b.date()));
}

Status FinishYears(ParseState* state, std::vector<CalendarYear>* years) {
  if (state->years.empty())
    return Status::InvalidInput(
        "no days: expected lines such as "
        "\"2021-01-01,holiday,元旦\"");
  if (state->first_source.empty()) {
    return Status::InvalidInput(
        "no \"# source: TEXT\" line: name the notice the arrangement comes from");
  }
  years->clear();
  for (auto& [number, year] : state->years) {
    if (year.year.source().empty()) year.year.set_source(state->first_source);
    auto* days = year.year.mutable_special_days();
    std::sort(days->begin(), days->end(), EarlierDay);
    years->push_back(std::move(year.year));
  }
  return Status::Ok();
}

// Off every year by law (全国年节及纪念日放假办法 art. 2).
struct StatutoryHoliday {
  int month;
  int day;
  const char* name;
};
constexpr StatutoryHoliday kStatutoryHolidays[] = {
    {1, 1, "元旦"}, {5, 1, "劳动节"}, {10, 1, "国庆节"}};

// The days off the same law gives every year, from the first whole year of a revision since
// the five-day week: a notice gives at least that many weekdays off (one falling on a weekend
// is made up on a weekday, art. 6).
struct StatutoryDaysOff {
  int from_year;
  int days;
};
constexpr StatutoryDaysOff kStatutoryDaysOff[] = {{2025, 13}, {2008, 11}, {2000, 10}};

// Where each festival's days off fall, whatever its lunar date, and the days the same law
// gives it: a notice lists at least that many weekdays off there, less the weekend days it
// makes working days there. Kept in step with the server's, which checks the Mid-Autumn
// Festival too (its date needs the server's lunar table).
struct FestivalSpan {
  const char* name;
  int from_year;
  int through_year;
  int first_month, first_day, last_month, last_day;
  int days;
};
constexpr FestivalSpan kFestivalSpans[] = {
    {"春节", 2000, 2024, 1, 19, 2, 28, 3},   {"春节", 2025, 9999, 1, 19, 2, 28, 4},
    {"清明节", 2008, 9999, 4, 2, 4, 8, 1},   {"劳动节", 2000, 2007, 4, 28, 5, 8, 3},
    {"劳动节", 2008, 2024, 4, 28, 5, 8, 1},  {"劳动节", 2025, 9999, 4, 28, 5, 8, 2},
    {"端午节", 2008, 9999, 5, 26, 6, 27, 1}, {"国庆节", 2000, 9999, 9, 28, 10, 10, 3}};

bool IsWeekdayOff(const SpecialDay& day) {
  return day.kind() == disposal::v1::DAY_KIND_HOLIDAY && IsoWeekdayIndex(CivilOf(day.date())) < 5;
}

std::string WeekdaysText(long count) {
  return std::to_string(count) + (count == 1 ? " weekday" : " weekdays");
}

std::string MonthDayText(int year, int month, int day) {
  disposal::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return FormatDate(date);
}

// Weekdays off, and weekend days made working days, inside [first, last]: a day a notice moves
// (a weekday off for a weekend day worked) adds nothing when both fall in the span.
struct SpanCount {
  long weekdays_off = 0;
  long makeup_days = 0;
  long DaysOff() const { return weekdays_off - makeup_days; }
};

SpanCount CountSpan(const CalendarYear& year, std::int64_t first, std::int64_t last) {
  SpanCount count;
  for (const SpecialDay& day : year.special_days()) {
    const std::int64_t at = DaysFromCivil(CivilOf(day.date()));
    if (at < first || at > last) continue;
    const bool weekday = IsoWeekdayIndex(CivilOf(day.date())) < 5;
    if (day.kind() == disposal::v1::DAY_KIND_HOLIDAY && weekday) ++count.weekdays_off;
    if (day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY && !weekday) ++count.makeup_days;
  }
  return count;
}

// In the server's words.
std::string CountText(const SpanCount& count) {
  std::string text = "lists " + WeekdaysText(count.weekdays_off) + " off";
  if (count.makeup_days == 0) return text;
  const long net = count.DaysOff();
  return text + " and " + std::to_string(count.makeup_days) +
         (count.makeup_days == 1 ? " weekend day" : " weekend days") + " made working (" +
         (net > 0 ? std::to_string(net) + (net == 1 ? " day" : " days") : std::string("no days")) +
         " off, net)";
}

Status CheckEachFestivalHasItsDaysOff(const CalendarYear& year) {
  for (const FestivalSpan& festival : kFestivalSpans) {
    if (year.year() < festival.from_year || year.year() > festival.through_year) continue;
    const std::int64_t first =
        DaysFromCivil({year.year(), festival.first_month, festival.first_day});
    const std::int64_t last = DaysFromCivil({year.year(), festival.last_month, festival.last_day});
    const SpanCount count = CountSpan(year, first, last);
    if (count.DaysOff() >= festival.days) continue;
    return Status::InvalidInput(
        std::to_string(year.year()) + " " + CountText(count) + " from " +
        MonthDayText(year.year(), festival.first_month, festival.first_day) + " to " +
        MonthDayText(year.year(), festival.last_month, festival.last_day) + ", where " +
        festival.name + "'s days off fall; the law gives it " + std::to_string(festival.days) +
        (festival.days == 1 ? " day" : " days") +
        ", each a weekday off or, falling on a weekend, a weekday given in its place: a year is "
        "imported whole, as its notice has it");
  }
  return Status::Ok();
}

int StatutoryDaysOffIn(int year) {
  for (const StatutoryDaysOff& law : kStatutoryDaysOff) {
    if (year >= law.from_year) return law.days;
  }
  return 0;
}

bool ListsAsHoliday(const CalendarYear& year, int month, int day) {
  return std::any_of(year.special_days().begin(), year.special_days().end(),
                     [&](const SpecialDay& listed) {
                       return listed.date().month() == month && listed.date().day() == day &&
                              listed.kind() == disposal::v1::DAY_KIND_HOLIDAY;
                     });
}

}  // namespace

Status CheckEachYearWhole(const std::vector<CalendarYear>& years) {
  for (const CalendarYear& year : years) {
    for (const StatutoryHoliday& holiday : kStatutoryHolidays) {
      if (ListsAsHoliday(year, holiday.month, holiday.day)) continue;
      disposal::v1::Date date;
      date.set_year(year.year());
      date.set_month(holiday.month);
      date.set_day(holiday.day);
      return Status::InvalidInput(
          std::to_string(year.year()) + " lacks the holiday " + FormatDate(date) + " (" +
          holiday.name +
          "), off in every year by law: a year is imported whole, as its notice has it, with "
          "any day the next year's notice moves in it added");
    }
    const long listed =
        std::count_if(year.special_days().begin(), year.special_days().end(), IsWeekdayOff);
    if (const int by_law = StatutoryDaysOffIn(year.year()); listed < by_law) {
      return Status::InvalidInput(
          std::to_string(year.year()) + " lists " + WeekdaysText(listed) +
          " off; a year's notice gives at least the " + std::to_string(by_law) +
          " days off the law gives on weekdays, one falling on a weekend made up on a weekday: "
          "a year is imported whole, as its notice has it");
    }
    Status festivals = CheckEachFestivalHasItsDaysOff(year);
    if (!festivals.ok()) return festivals;
  }
  return Status::Ok();
}

Status ParseCalendarFile(std::string_view text, std::vector<CalendarYear>* years) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  Status utf8 = CheckUtf8Text(text);
  if (!utf8.ok()) return utf8;
  ParseState state;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    Status status = ReadLine(text.substr(start, end - start), ++line, &state);
    if (!status.ok()) return status;
    start = end + 1;
  }
  return FinishYears(&state, years);
}

}  // namespace disposalctl
