#include "store/calendar_rows.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace disposal::store {

int64_t CalendarRevision(pqxx::work& txn) {
  return txn.exec("SELECT revision FROM calendar_revision")[0][0].as<int64_t>();
}

Status CheckCalendarUnchanged(pqxx::work& txn, int64_t read_revision) {
  if (read_revision == 0) return OkStatus();
  // Held shared to commit: an import in progress (its trigger holds the row) is waited for and
  // then seen, and none can commit under this write.
  const int64_t now =
      txn.exec("SELECT revision FROM calendar_revision FOR SHARE")[0][0].as<int64_t>();
  if (now == read_revision) return OkStatus();
  return Error::Aborted("the working-day calendar changed (revision " +
                        std::to_string(read_revision) + " -> " + std::to_string(now) +
                        ", an import) while this request was decided on it; nothing was "
                        "written: try again");
}

std::vector<domain::CalendarYear> LoadCalendarYears(pqxx::work& txn) {
  std::map<int, domain::CalendarYear> years;
  for (const pqxx::row& row :
       txn.exec("SELECT year, source, (extract(epoch FROM import_time) * 1000000)::bigint "
                "FROM calendar_years ORDER BY year")) {
    domain::CalendarYear& year = years[row[0].as<int>()];
    year.year = row[0].as<int>();
    year.source = row[1].as<std::string>();
    year.import_micros = row[2].as<int64_t>();
  }
  for (const pqxx::row& row :
       txn.exec("SELECT day::text, year, kind, name FROM calendar_days ORDER BY day")) {
    domain::SpecialDay day;
    Result<domain::Date> date = domain::ParseIsoDate(row[0].c_str());
    if (!date.ok()) throw std::runtime_error("corrupt calendar day");
    day.date = date.value();
    day.kind = row[2].as<std::string>() == "holiday" ? domain::DayKind::kHoliday
                                                     : domain::DayKind::kMakeupWorkingDay;
    day.name = row[3].as<std::string>();
    years[row[1].as<int>()].special_days.push_back(std::move(day));
  }
  std::vector<domain::CalendarYear> ordered;
  for (auto& [number, year] : years) ordered.push_back(std::move(year));
  return ordered;
}

}  // namespace disposal::store
