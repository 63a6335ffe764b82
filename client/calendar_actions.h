// What the `calendar` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_CALENDAR_ACTIONS_H_
#define DISPOSAL_CLIENT_CALENDAR_ACTIONS_H_

#include <string>

#include "global_options.h"
#include "status.h"

namespace disposalctl {

struct ShowCalendarOptions {
  int year = 0;
};

struct ComputeDeadlineOptions {
  std::string start_date;  // YYYY-MM-DD, not counted
  int working_days = 0;    // 1..250
};

struct ImportCalendarOptions {
  std::string file;  // "-" for stdin
  // Each year is sent with "<request_id>-<year>"; empty: a new UUID stands for request_id. A
  // failure names the request_id to rerun with, so that no year is imported twice.
  std::string request_id;
  bool dry_run = false;
  // Lets each year's import remove days the server holds for it that the file leaves out.
  bool replace = false;
};

// Each prints its result on stdout per global.output and returns what went wrong.
Status ShowCalendar(const GlobalOptions& global, const ShowCalendarOptions& options);
Status ComputeDeadline(const GlobalOptions& global, const ComputeDeadlineOptions& options);
// One ImportCalendarYear call per year in the file, in year order; stops at the first
// failure, whose message names the year and the years already imported.
Status ImportCalendar(const GlobalOptions& global, const ImportCalendarOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CALENDAR_ACTIONS_H_
