// CalendarRepository on PostgreSQL.
#ifndef DISPOSAL_SERVER_STORE_CALENDAR_STORE_H_
#define DISPOSAL_SERVER_STORE_CALENDAR_STORE_H_

#include "domain/disposal_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgCalendarRepository : public domain::CalendarRepository {
 public:
  explicit PgCalendarRepository(Database& database) : database_(database) {}

  Result<domain::StoredCalendar> LoadAll() override;
  Result<domain::CalendarYear> ImportYear(const domain::CalendarYear& year, bool may_remove_days,
                                          const domain::RequestKey& key,
                                          const domain::AuditContext& audit) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CALENDAR_STORE_H_
