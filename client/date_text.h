// Calendar dates as "YYYY-MM-DD", to and from disposal.v1.Date.

#ifndef DISPOSAL_CLIENT_DATE_TEXT_H_
#define DISPOSAL_CLIENT_DATE_TEXT_H_

#include <string>
#include <string_view>

#include "disposal/v1/common.pb.h"
#include "status.h"

namespace disposalctl {

// Reads "2021-06-30" (month and day may have one digit). Fails, naming the text, when
// the shape is wrong or the day does not exist (2021-02-29). The year range is the
// server's to judge.
Status ParseDateText(std::string_view text, disposal::v1::Date* date);

// "2021-06-30"; "-" for an unset (all-zero) date.
std::string FormatDate(const disposal::v1::Date& date);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DATE_TEXT_H_
