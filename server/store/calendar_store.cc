#include "store/calendar_store.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/audit_subjects.h"
#include "store/audit_rows.h"
#include "store/calendar_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/field_values.h"
#include "store/request_keys.h"

namespace disposal::store {
namespace {

using domain::CalendarYear;

constexpr char kImportRpc[] = "disposal.v1.CalendarService/ImportCalendarYear";

// FAILED_PRECONDITION when `year` leaves out a day held for it (under the year row's lock, taken
// by the caller, so no import in between can add one).
Status RefuseRemovingDays(pqxx::work& txn, const CalendarYear& year) {
  std::vector<domain::SpecialDay> held;
  for (const auto& row : txn.exec_params(
           "SELECT day::text, kind FROM calendar_days WHERE year = $1 ORDER BY day", year.year)) {
    domain::SpecialDay& day = held.emplace_back();
    day.date = DateField(row[0]);
    day.kind = row[1].as<std::string>() == "holiday" ? domain::DayKind::kHoliday
                                                     : domain::DayKind::kMakeupWorkingDay;
  }
  return domain::CheckNoHeldDayLeftOut(held, year);
}

}  // namespace

Result<domain::StoredCalendar> PgCalendarRepository::LoadAll() {
  return database_.pool().InTransaction<domain::StoredCalendar>(
      [](pqxx::work& txn) -> Result<domain::StoredCalendar> {
        // The years, their days and the revision on one snapshot: a first import of a year
        // committed between the reads would leave its days under no year, or under a revision
        // from before it.
        ReadOneSnapshot(txn);
        domain::StoredCalendar stored;
        stored.revision = CalendarRevision(txn);
        stored.years = LoadCalendarYears(txn);
        return stored;
      });
}

Result<CalendarYear> PgCalendarRepository::ImportYear(const CalendarYear& year,
                                                      bool may_remove_days,
                                                      const domain::RequestKey& key,
                                                      const domain::AuditContext& audit) {
  return database_.pool().InTransaction<CalendarYear>([&](pqxx::work& txn) -> Result<CalendarYear> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kImportRpc);
    if (!earlier.ok()) return earlier.error();
    if (!earlier.value()) {
      // The year's row first: its lock makes a second import of the year wait for this one,
      // whose days its DELETE then sees and replaces (never a merge of the two lists).
      txn.exec_params(
          "INSERT INTO calendar_years (year, source) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE "
          "SET source = excluded.source, import_time = now()",
          year.year, year.source);
      if (!may_remove_days) RETURN_IF_ERROR(RefuseRemovingDays(txn, year));
      txn.exec_params("DELETE FROM calendar_days WHERE year = $1", year.year);
      for (const domain::SpecialDay& day : year.special_days) {
        txn.exec_params(
            "INSERT INTO calendar_days (day, year, kind, name) VALUES ($1::date, $2, $3, $4)",
            domain::FormatIsoDate(day.date), year.year,
            day.kind == domain::DayKind::kHoliday ? "holiday" : "makeup", day.name);
      }
      // Calendar years have no UUID of their own: audit events and request keys name them by
      // one derived from the year.
      const std::string subject = domain::CalendarYearSubjectId(year.year);
      RecordRequestKey(txn, key, kImportRpc, subject);
      AppendAuditEvent(txn, audit, "calendar_year", subject, 1);
    }
    for (CalendarYear& held : LoadCalendarYears(txn)) {
      if (held.year == year.year) return std::move(held);
    }
    return Error::Internal("calendar year vanished during import");
  });
}

}  // namespace disposal::store
