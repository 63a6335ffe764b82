#include "store/calendar_rows.h"

#include <string>

namespace disposal::store {

int64_t CalendarRevision(pqxx::work& txn) {
  return txn.exec("SELECT revision FROM calendar_revision")[0][0].as<int64_t>();
}

Status CheckCalendarUnchanged(pqxx::work& txn, int64_t read_revision) {
  if (read_revision == 0) return OkStatus();
  const int64_t now = CalendarRevision(txn);
  if (now == read_revision) return OkStatus();
  return Error::Aborted("the working-day calendar changed (revision " +
                        std::to_string(read_revision) + " -> " + std::to_string(now) +
                        ", an import) while this request was decided on it; nothing was "
                        "written: try again");
}

}  // namespace disposal::store
