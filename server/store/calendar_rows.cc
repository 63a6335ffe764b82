#include "store/calendar_rows.h"

#include <string>

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

}  // namespace disposal::store
