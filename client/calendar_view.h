// A year of the working-day calendar rendered for people: a month grid like `cal -y`,
// with holidays and make-up working days marked, and the list of special days.

#ifndef DISPOSAL_CLIENT_CALENDAR_VIEW_H_
#define DISPOSAL_CLIENT_CALENDAR_VIEW_H_

#include <ostream>
#include <string>

#include "disposal/v1/calendar.pb.h"

namespace disposalctl {

// The twelve months, three abreast, weeks Monday to Sunday. A holiday is marked '*'
// after its number, a make-up working day '+'. Then a legend, the special days with
// their names, and the source. Special days outside `year.year()` are ignored.
// REQUIRES: 1 <= year.year() (the service holds 1900..2200).
void PrintCalendarYear(const disposal::v1::CalendarYear& year, std::ostream& out);

// "2021: 33 holidays, 7 make-up working days (source: 国办发明电〔2020〕27号)".
std::string CalendarYearSummary(const disposal::v1::CalendarYear& year);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CALENDAR_VIEW_H_
