// What an auditor's replay of an eligibility decision needs from storage: the stored receipt
// and the registry as it was when the decision was made. store/ implements them on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_

#include <memory>
#include <string>

#include "domain/eligibility.h"
#include "domain/registry_repository.h"

namespace disposal::domain {

class DecisionAuditRepository {
 public:
  virtual ~DecisionAuditRepository() = default;
  // The receipt of one decision. REQUIRES: `decision_id` is a UUID. NOT_FOUND for an unknown
  // id.
  virtual Result<DecisionRecord> FindDecision(const std::string& decision_id) = 0;
  // The whole registry as it was at `version`, rebuilt from the current registry and its
  // history. FAILED_PRECONDITION when `version` is older than the kept history (the message
  // says where it starts) or newer than the registry.
  virtual Result<std::shared_ptr<const RegistrySnapshot>> LoadSnapshotAt(int64_t version) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_
