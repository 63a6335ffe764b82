// Whether a year's arrangement gives each festival the days off the law gives it
// (全国年节及纪念日放假办法), wherever its lunar date puts them: a year listing too few
// is a fragment or a typing slip, and the weekdays it leaves out would count as working days.
#ifndef DISPOSAL_SERVER_DOMAIN_FESTIVAL_DAYS_H_
#define DISPOSAL_SERVER_DOMAIN_FESTIVAL_DAYS_H_

#include <optional>
#include <string>

#include "domain/calendar.h"
#include "domain/result.h"

namespace disposal::domain {

// INVALID_ARGUMENT on `days_field`, naming the first festival short of its days, the dates
// counted and the law's count.
Status CheckEachFestivalHasItsDaysOff(const CalendarYear& year, const std::string& days_field);

// The Mid-Autumn Festival's part of CheckEachFestivalHasItsDaysOff. Exposed for its unit test.
Status CheckMidAutumnHasItsDayOff(const CalendarYear& year, const std::string& days_field);

// The Gregorian date of the Mid-Autumn Festival (lunar 8/15) in `year`, 2008..2100; nullopt
// outside it. Exposed for its unit test.
std::optional<Date> MidAutumnFestival(int year);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_FESTIVAL_DAYS_H_
