#include "calendar_view.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <string>
#include <vector>

#include "civil_days.h"
#include "date_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::CalendarYear;
using disposal::v1::SpecialDay;

constexpr int kMonthsPerYear = 12;
constexpr int kDaysPerWeek = 7;
// Three months abreast keep the grid within about 90 columns, as `cal -y` keeps within 80.
constexpr int kMonthsAbreast = 3;
// A day cell is its number in two columns and a marker column; cells are one space apart.
constexpr std::size_t kCellWidth = 3;
constexpr std::size_t kMonthWidth = kDaysPerWeek * kCellWidth + (kDaysPerWeek - 1);
constexpr char kMonthGap[] = "   ";
constexpr char kHolidayMarker = '*';
constexpr char kMakeupMarker = '+';
constexpr std::size_t kFooterLabelWidth = 8;

// Marker per day: [month - 1][day - 1], ' ' for an ordinary day.
using Markers = std::array<std::array<char, 31>, kMonthsPerYear>;

Markers MarkersOf(const CalendarYear& year) {
  Markers markers;
  for (auto& month : markers) month.fill(' ');
  for (const SpecialDay& day : year.special_days()) {
    const disposal::v1::Date& date = day.date();
    bool in_year = date.year() == year.year() && date.month() >= 1 &&
                   date.month() <= kMonthsPerYear && date.day() >= 1 && date.day() <= 31;
    if (!in_year) continue;
    markers[date.month() - 1][date.day() - 1] =
        day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY ? kMakeupMarker : kHolidayMarker;
  }
  return markers;
}

std::string PaddedTo(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string Centered(const std::string& text, std::size_t width) {
  std::size_t text_width = DisplayWidth(text);
  std::size_t left = width > text_width ? (width - text_width) / 2 : 0;
  return std::string(left, ' ') + text;
}

// The lines of one month: name, weekday header, and a row per week it touches (four to
// six), each kMonthWidth wide so that months side by side line up.
std::vector<std::string> MonthLines(int year, int month, const Markers& markers) {
  static constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};
  std::vector<std::string> lines;
  lines.push_back(PaddedTo(Centered(kMonthNames[month - 1], kMonthWidth), kMonthWidth));
  lines.push_back(PaddedTo("Mo  Tu  We  Th  Fr  Sa  Su", kMonthWidth));
  int column = IsoWeekdayIndex(CivilDate{year, month, 1});
  std::string week(column * (kCellWidth + 1), ' ');
  for (int day = 1; day <= DaysInMonthOf(year, month); ++day) {
    week += (day < 10 ? " " : "") + std::to_string(day) + markers[month - 1][day - 1];
    if (++column == kDaysPerWeek) {
      lines.push_back(week);
      week.clear();
      column = 0;
    } else {
      week += ' ';
    }
  }
  if (!week.empty()) lines.push_back(PaddedTo(week, kMonthWidth));
  return lines;
}

void PrintTrimmed(std::string line, std::ostream& out) {
  std::size_t end = line.find_last_not_of(' ');
  line.resize(end == std::string::npos ? 0 : end + 1);
  out << line << '\n';
}

// Prints months [first, first + kMonthsAbreast) side by side.
void PrintMonthsAbreast(int year, int first, const Markers& markers, std::ostream& out) {
  std::vector<std::vector<std::string>> months;
  std::size_t line_count = 0;
  for (int month = first; month < first + kMonthsAbreast; ++month) {
    months.push_back(MonthLines(year, month, markers));
    line_count = std::max(line_count, months.back().size());
  }
  for (std::size_t row = 0; row < line_count; ++row) {
    std::string line;
    for (std::size_t i = 0; i < months.size(); ++i) {
      if (i > 0) line += kMonthGap;
      line += row < months[i].size() ? months[i][row] : std::string(kMonthWidth, ' ');
    }
    PrintTrimmed(line, out);
  }
}

void PrintGrid(const CalendarYear& year, std::ostream& out) {
  assert(year.year() >= 1);
  Markers markers = MarkersOf(year);
  constexpr std::size_t kGridWidth =
      kMonthsAbreast * kMonthWidth + (kMonthsAbreast - 1) * (sizeof(kMonthGap) - 1);
  out << Centered(std::to_string(year.year()), kGridWidth) << '\n';
  for (int first = 1; first <= kMonthsPerYear; first += kMonthsAbreast) {
    out << '\n';
    PrintMonthsAbreast(year.year(), first, markers, out);
  }
}

std::string KindText(const SpecialDay& day) {
  return day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY ? "make-up working day"
                                                                 : "holiday";
}

void PrintSpecialDays(const CalendarYear& year, std::ostream& out) {
  if (year.special_days().empty()) {
    out << "no special days: every Monday-Friday is a working day\n";
    return;
  }
  Table table;
  table.AddColumn("date");
  table.AddColumn("day");
  table.AddColumn("kind");
  table.AddColumn("name");
  for (const SpecialDay& day : year.special_days()) {
    if (day.date().year() != year.year()) continue;  // the grid ignores them too
    CivilDate date{day.date().year(), day.date().month(), day.date().day()};
    table.AddRow({FormatDate(day.date()), WeekdayAbbreviation(IsoWeekdayIndex(date)), KindText(day),
                  OrDash(day.name())});
  }
  table.Print(out);
}

std::string Counted(int count, const char* singular, const char* plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

}  // namespace

void PrintCalendarYear(const CalendarYear& year, std::ostream& out) {
  PrintGrid(year, out);
  out << "\n"
      << kHolidayMarker << " holiday (not a working day)   " << kMakeupMarker
      << " make-up working day (a weekend day worked)\n\n";
  PrintSpecialDays(year, out);
  out << '\n';
  PrintField("source", OrDash(year.source()), kFooterLabelWidth, out);
  if (year.has_import_time()) {
    PrintField("imported", FormatShanghaiTime(year.import_time()) + " " + kShanghaiZoneName,
               kFooterLabelWidth, out);
  }
}

std::string CalendarYearSummary(const CalendarYear& year) {
  int holidays = 0;
  int makeup_days = 0;
  for (const SpecialDay& day : year.special_days()) {
    if (day.date().year() != year.year()) continue;
    if (day.kind() == disposal::v1::DAY_KIND_MAKEUP_WORKING_DAY) {
      ++makeup_days;
    } else {
      ++holidays;
    }
  }
  return std::to_string(year.year()) + ": " + Counted(holidays, "holiday", "holidays") + ", " +
         Counted(makeup_days, "make-up working day", "make-up working days") +
         " (source: " + OrDash(year.source()) + ")";
}

}  // namespace disposalctl
