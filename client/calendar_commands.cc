#include "calendar_commands.h"

#include <memory>

#include "calendar_actions.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

// The years the service accepts (calendar.proto).
constexpr int kYearMin = 1900;
constexpr int kYearMax = 2200;
constexpr int kWorkingDaysMax = 250;

constexpr char kCalendarFooter[] =
    R"(Objection windows are counted in working days on the official calendar: Monday to
Friday, less statutory holidays, plus the weekend days declared working days (调休上班).
The server holds the years staff or an admin import; a deadline that needs a missing year is refused.

Examples:
  disposalctl calendar import schema/data/calendar-cn-2021-2026.csv
  disposalctl calendar show 2021
  disposalctl calendar deadline 2021-07-28 20)";

constexpr char kShowFooter[] =
    R"(Prints the year as twelve month grids, Monday first: a holiday is marked '*' after its
day, a make-up working day '+'. Then the special days with their names, and the source.
FAILED_PRECONDITION when the calendar does not hold the year.

Examples:
  disposalctl calendar show 2021
  disposalctl calendar show 2024 -o json)";

constexpr char kDeadlineFooter[] =
    R"(Counts N working days after DATE (民法典 art. 201: the start day is not counted) and
prints the last one; the period ends at 24:00 Asia/Shanghai on it. Publishing a disposal
computes its objection deadline the same way.

Examples:
  disposalctl calendar deadline 2021-07-28 20
  disposalctl calendar deadline 2021-09-30 5 -o json)";

constexpr char kImportFooter[] =
    R"(The file has one special day a line, "YYYY-MM-DD,holiday|makeup,name" (name optional);
blank lines and '#' comments are ignored, and a "# source: TEXT" line names the notice the
days after it come from (one such line may serve the whole file). A file may cover several
years: each replaces that year on the server, one ImportCalendarYear call per year. Each
year is imported whole, with its three statutory holidays (01-01, 05-01, 10-01) listed and
at least as many weekdays off as the law gives days off (13 from 2025, 11 from 2008), each
festival's among them in the weeks where it falls (Spring Festival, Qingming, Labour Day,
Dragon Boat, National Day): a day a notice moves in the year before (the 2023 New Year holiday began on 2022-12-31) is added
to that year's lines, and a year listed by such days alone, or cut short, is refused before
anything is sent. A year whose import would remove days the server holds for it is refused unless
--replace is given.
--dry-run checks the file and prints each year's grid (or, with -o json, the requests).
With --request-id ID each year is sent as ID-YEAR, so rerunning the same command after a
failure imports nothing twice; without it every year gets a new UUID.

Examples:
  disposalctl calendar import schema/data/calendar-cn-2021-2026.csv --dry-run
  disposalctl calendar import calendar-2027.csv --request-id cal-2027-v1
  disposalctl calendar import - < calendar.csv -o json)";

void AddShow(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ShowCalendarOptions>();
  CLI::App* show = group->add_subcommand("show", "Print one year's calendar as month grids");
  show->footer(kShowFooter);
  show->add_option("year", options->year, "the year, 1900..2200")
      ->type_name("YEAR")
      ->required()
      ->transform(WholeNumberIn(kYearMin, kYearMax));
  commands->push_back({show, [global, options] { return ShowCalendar(*global, *options); }});
}

void AddDeadline(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ComputeDeadlineOptions>();
  CLI::App* deadline = group->add_subcommand("deadline", "The last of N working days after a date");
  deadline->footer(kDeadlineFooter);
  deadline->add_option("date", options->start_date, "the start day (not counted)")
      ->type_name("DATE")
      ->required();
  deadline->add_option("working_days", options->working_days, "working days, 1..250")
      ->type_name("N")
      ->required()
      ->transform(WholeNumberIn(1, kWorkingDaysMax));
  commands->push_back({deadline, [global, options] { return ComputeDeadline(*global, *options); }});
}

void AddImport(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ImportCalendarOptions>();
  CLI::App* import = group->add_subcommand("import", "Load holiday arrangements from a file");
  import->footer(kImportFooter);
  import->add_option("file", options->file, "calendar data file, - for stdin")
      ->type_name("FILE")
      ->required();
  import
      ->add_option("--request-id", options->request_id,
                   "id that makes a retry safe, sent as ID-YEAR (default: a new UUID per year)")
      ->type_name("ID");
  import->add_flag("--dry-run", options->dry_run,
                   "check the file and print what would be imported; send nothing");
  import->add_flag("--replace", options->replace,
                   "let each year's import remove the days the server holds for it that the "
                   "file leaves out (without it such an import is refused)");
  commands->push_back({import, [global, options] { return ImportCalendar(*global, *options); }});
}

}  // namespace

void AddCalendarCommands(CLI::App* app, const GlobalOptions* global,
                         std::vector<Command>* commands) {
  CLI::App* group =
      app->add_subcommand("calendar", "Read and load the working-day calendar (工作日)");
  group->footer(kCalendarFooter);
  group->require_subcommand(1);
  AddShow(group, global, commands);
  AddDeadline(group, global, commands);
  AddImport(group, global, commands);
}

}  // namespace disposalctl
