// DecisionAuditRepository on PostgreSQL: receipts from eligibility_decisions
// (schema/0004_decision_receipts.sql), the registry as of a version from its history
// (schema/0009_registry_history.sql).
#ifndef DISPOSAL_SERVER_STORE_DECISION_AUDIT_STORE_H_
#define DISPOSAL_SERVER_STORE_DECISION_AUDIT_STORE_H_

#include "domain/decision_audit_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgDecisionAuditRepository : public domain::DecisionAuditRepository {
 public:
  explicit PgDecisionAuditRepository(Database& database) : database_(database) {}

  Result<domain::DecisionRecord> FindDecision(const std::string& decision_id) override;
  Result<domain::DecisionScan> ListDecisions(const domain::DecisionFilter& filter,
                                             const std::string& after_decision_id,
                                             size_t limit) override;
  Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadSnapshotAt(int64_t version) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DECISION_AUDIT_STORE_H_
