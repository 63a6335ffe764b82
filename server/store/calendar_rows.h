// Internal to store/: the working-day calendar's revision (schema/0036), read and compared
// inside the transactions of writes decided on the calendar.
#ifndef DISPOSAL_SERVER_STORE_CALENDAR_ROWS_H_
#define DISPOSAL_SERVER_STORE_CALENDAR_ROWS_H_

#include <pqxx/pqxx>
#include <vector>

#include "domain/calendar.h"
#include "domain/result.h"

namespace disposal::store {

// The stored calendar's revision as this transaction's statement sees it.
int64_t CalendarRevision(pqxx::work& txn);

// ABORTED, naming both revisions, when the stored calendar is no longer at `read_revision`
// (the one a request was decided on); OK when it is, or when `read_revision` is 0 (the request
// read no calendar). The revision's row is then held shared until the transaction ends: no
// import commits under the write, and one in progress is waited for.
Status CheckCalendarUnchanged(pqxx::work& txn, int64_t read_revision);

// The calendar's years with their special days, as this transaction reads them.
std::vector<domain::CalendarYear> LoadCalendarYears(pqxx::work& txn);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CALENDAR_ROWS_H_
