// The calendar data file: the State Council's holiday arrangements as staff keep them.
//
//   # source: 国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）
//   2021-01-01,holiday,元旦
//   2021-02-07,makeup,春节
//
// One special day a line, "YYYY-MM-DD,holiday|makeup,name" (the name may be left out).
// Blank lines and lines starting with '#' are ignored, except "# source: TEXT", which
// names where the days after it come from. A file may hold several years.

#ifndef DISPOSAL_CLIENT_CALENDAR_FILE_H_
#define DISPOSAL_CLIENT_CALENDAR_FILE_H_

#include <string_view>
#include <vector>

#include "disposal/v1/calendar.pb.h"
#include "status.h"

namespace disposalctl {

// Reads a calendar data file into one CalendarYear per year it mentions, in year order,
// each with its special days in date order. A year takes the source line in force at its
// first day; a year listed before any source line takes the file's first one, so a single
// source line anywhere serves the whole file, as the server's own reader has it. Fails,
// naming the line ("line 12: ..."), on a malformed line, an unknown kind, a day listed
// twice, a make-up working day that is not a Saturday or Sunday, a year whose days fall
// under two different sources, or a file with no day or no source. The server checks the
// rest (year range, counts, lengths).
Status ParseCalendarFile(std::string_view text, std::vector<disposal::v1::CalendarYear>* years);

// Fails, naming the year and the day, unless each year lists 1 January, 1 May and 1 October as
// holidays (off every year by law), as the server requires: a year of only the days another
// notice moves (2022-12-31, moved by the 2023 notice) is a fragment, and an import checked
// here sends none of its years rather than the ones before it.
Status CheckEachYearWhole(const std::vector<disposal::v1::CalendarYear>& years);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CALENDAR_FILE_H_
