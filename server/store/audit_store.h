// The audit history on PostgreSQL: chain heads and keyset pages of events.
#ifndef DISPOSAL_SERVER_STORE_AUDIT_STORE_H_
#define DISPOSAL_SERVER_STORE_AUDIT_STORE_H_

#include "domain/audit_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgAuditRepository : public domain::AuditRepository {
 public:
  explicit PgAuditRepository(Database& database) : database_(database) {}

  Result<std::optional<domain::ChainHead>> Head(const domain::AuditSubjectRef& subject) override;
  Result<domain::ChainExtent> Extent(const domain::AuditSubjectRef& subject) override;
  Result<domain::AuditPage> Page(const domain::AuditSubjectRef& subject,
                                 const domain::HistoryFilter& filter,
                                 const domain::ChainPosition& after, int64_t through,
                                 int limit) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_AUDIT_STORE_H_
