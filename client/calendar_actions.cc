#include "calendar_actions.h"

#include <iostream>
#include <vector>

#include "calendar_file.h"
#include "calendar_view.h"
#include "civil_days.h"
#include "date_text.h"
#include "disposal/v1/calendar.grpc.pb.h"
#include "document.h"
#include "interrupt_notice.h"
#include "request_id.h"
#include "service_rpc.h"

namespace disposalctl {
namespace {

using disposal::v1::CalendarService;
using disposal::v1::CalendarYear;
using disposal::v1::ImportCalendarYearRequest;

using CalendarRpc = ServiceRpc<CalendarService>;

std::string DateWithWeekday(const disposal::v1::Date& date) {
  CivilDate civil{date.year(), date.month(), date.day()};
  return FormatDate(date) + " (" + WeekdayAbbreviation(IsoWeekdayIndex(civil)) + ")";
}

void PrintDeadline(const ComputeDeadlineOptions& options,
                   const disposal::v1::ComputeDeadlineResponse& response, std::ostream& out) {
  out << options.working_days << " working days after " << options.start_date
      << " (the start day not counted)\n";
  out << "last working day: " << DateWithWeekday(response.last_day()) << '\n';
  out << "ends 24:00 Asia/Shanghai on " << FormatDate(response.last_day()) << '\n';
}

// One request id for the import, and from it one per year ("<id>-<year>"): a rerun with the
// same id then repeats each year's, so no year is imported twice, whichever year the first run
// stopped at. Without a given id a new UUID is the import's id.
Status BuildImportRequests(const std::vector<CalendarYear>& years, const std::string& given_id,
                           bool replace, std::string* import_id,
                           std::vector<ImportCalendarYearRequest>* requests) {
  // "-YYYY": the calendar's years have four digits.
  constexpr std::size_t kYearSuffixLength = 5;
  constexpr std::size_t kImportIdLengthMax = kRequestIdLengthMax - kYearSuffixLength;
  if (given_id.size() > kImportIdLengthMax) {
    // One limit, in the user's terms: the API's 100 less the year each id is sent with.
    return Status::InvalidInput("--request-id \"" + given_id + "\" is " +
                                std::to_string(given_id.size()) +
                                " characters; each year is sent as ID-YEAR, so give at most " +
                                std::to_string(kImportIdLengthMax));
  }
  Status status = ChooseRequestId(given_id, import_id);
  if (!status.ok()) return status;
  for (const CalendarYear& year : years) {
    ImportCalendarYearRequest& request = requests->emplace_back();
    *request.mutable_calendar_year() = year;
    request.set_replace(replace);
    status = ChooseRequestId(*import_id + "-" + std::to_string(year.year()),
                             request.mutable_request_id());
    if (!status.ok()) return status;
  }
  // The id a rerun is given is the import's, from which the years' are made.
  return ChooseRequestId(*import_id, import_id);
}

Status ReadImportRequests(const ImportCalendarOptions& options, std::string* import_id,
                          std::vector<ImportCalendarYearRequest>* requests) {
  std::string text;
  Status status = ReadInputFile(options.file, &text);
  if (!status.ok()) return status;
  std::vector<CalendarYear> years;
  status = ParseCalendarFile(text, &years);
  if (status.ok()) status = CheckEachYearWhole(years);
  if (!status.ok()) return status.WithContext(options.file == "-" ? "stdin" : options.file);
  return BuildImportRequests(years, options.request_id, options.replace, import_id, requests);
}

// Dry run: what would be sent, as JSON, or each year as `calendar show` would print it.
Status PrintDryRun(const std::vector<ImportCalendarYearRequest>& requests, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    std::vector<const google::protobuf::Message*> messages;
    for (const ImportCalendarYearRequest& request : requests) messages.push_back(&request);
    return PrintMessageListJson("requests", messages, std::cout);
  }
  for (const ImportCalendarYearRequest& request : requests) {
    std::cout << "would import " << CalendarYearSummary(request.calendar_year()) << "\n\n";
    PrintCalendarYear(request.calendar_year(), std::cout);
    std::cout << '\n';
  }
  return Status::Ok();
}

Status ImportFailure(const Status& failure, const ImportCalendarYearRequest& request,
                     const std::string& import_id, const std::vector<CalendarYear>& imported) {
  std::string context = "year " + std::to_string(request.calendar_year().year());
  if (!imported.empty()) {
    context += " (imported before it:";
    for (const CalendarYear& year : imported) context += " " + std::to_string(year.year());
    context += ")";
  }
  // The import's id, not the year's: a rerun derives each year's id from it again.
  return WithRequestId(failure, import_id).WithContext(context);
}

}  // namespace

Status ShowCalendar(const GlobalOptions& global, const ShowCalendarOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::GetCalendarYearRequest request;
  request.set_year(options.year);
  CalendarYear year;
  status = CalendarRpc(global.rpc).Call(&CalendarService::Stub::GetCalendarYear, request, &year);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(year, std::cout);
  PrintCalendarYear(year, std::cout);
  return Status::Ok();
}

Status ComputeDeadline(const GlobalOptions& global, const ComputeDeadlineOptions& options) {
  disposal::v1::ComputeDeadlineRequest request;
  Status status = ParseDateText(options.start_date, request.mutable_start_date());
  if (!status.ok()) return status.WithContext("DATE");
  request.set_working_days(options.working_days);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ComputeDeadlineResponse response;
  status =
      CalendarRpc(global.rpc).Call(&CalendarService::Stub::ComputeDeadline, request, &response);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(response, std::cout);
  PrintDeadline(options, response, std::cout);
  return Status::Ok();
}

Status ImportCalendar(const GlobalOptions& global, const ImportCalendarOptions& options) {
  std::vector<ImportCalendarYearRequest> requests;
  std::string import_id;
  Status status = ReadImportRequests(options, &import_id, &requests);
  if (!status.ok()) return status;
  if (options.dry_run) return PrintDryRun(requests, global.output);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  CalendarRpc rpc(global.rpc);
  // Every year is checked by the server before any is imported, so that a file the server
  // refuses a year of (a check this side does not make, the days held that it would remove)
  // imports nothing.
  for (const ImportCalendarYearRequest& request : requests) {
    ImportCalendarYearRequest check = request;
    check.set_validate_only(true);
    // Without an id: a server older than validate_only, which would import the year, refuses
    // it instead, and is then sent the years unchecked, as before.
    check.clear_request_id();
    CalendarYear checked;
    // Under the import's id too: interrupted here, a rerun with it is as safe as later.
    status = WhileInFlight(import_id, [&] {
      return rpc.Call(&CalendarService::Stub::ImportCalendarYear, check, &checked);
    });
    if (status.code_name() == "INVALID_ARGUMENT" &&
        status.message().rfind("request_id: ", 0) == 0) {
      break;
    }
    if (!status.ok()) {
      return status.WithContext("year " + std::to_string(request.calendar_year().year()) +
                                " (checked before importing: nothing was imported)");
    }
  }
  std::vector<CalendarYear> imported;
  for (const ImportCalendarYearRequest& request : requests) {
    CalendarYear& year = imported.emplace_back();
    // The import's id, not the year's: a rerun derives each year's id from it again.
    status = WhileInFlight(import_id, [&] {
      return rpc.Call(&CalendarService::Stub::ImportCalendarYear, request, &year);
    });
    if (!status.ok()) {
      imported.pop_back();
      return ImportFailure(status, request, import_id, imported);
    }
    // Printed as each year lands, so that a failure later leaves a record of what is in.
    if (global.output == OutputFormat::kTable)
      std::cout << "imported " << CalendarYearSummary(year) << '\n';
  }
  if (global.output == OutputFormat::kTable) return Status::Ok();
  std::vector<const google::protobuf::Message*> messages;
  for (const CalendarYear& year : imported) messages.push_back(&year);
  return PrintMessageListJson("calendar_years", messages, std::cout);
}

}  // namespace disposalctl
