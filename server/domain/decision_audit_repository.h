// What an auditor's replay of an eligibility decision needs from storage: the stored receipt
// and the registry as it was when the decision was made. store/ implements them on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_

#include <memory>
#include <string>
#include <vector>

#include "domain/eligibility.h"
#include "domain/registry_repository.h"

namespace disposal::domain {

// Which stored decisions to list: one disposal's, optionally one bidder's or one outcome's.
struct DecisionFilter {
  std::string disposal_id;  // UUID, lower case
  std::string bidder;       // empty: every bidder
  std::string outcome;      // "ELIGIBLE", "INELIGIBLE" or "REVIEW"; empty: every outcome
  // Only decisions whose id sorts before this one (UUID): those old enough that no receipt of
  // an earlier decision can still arrive; empty: no bound.
  std::string before_decision_id;
};

inline constexpr size_t kDecisionsPerPageMax = 1000;
// Decisions one listing call reads at most: a bidder's or an outcome's few among a disposal's
// millions come in short pages, each a bounded read, rather than one read past every timeout.
inline constexpr size_t kDecisionsExaminedMax = 10000;

// What one listing call read.
struct DecisionScan {
  std::vector<DecisionRecord> matched;  // oldest first, at most the limit asked for
  // When the read stopped at kDecisionsExaminedMax decisions before the end without filling
  // the page: the last decision read (matching or not), where the next page starts.
  std::string stopped_after_id;
};

class DecisionAuditRepository {
 public:
  virtual ~DecisionAuditRepository() = default;
  // The receipt of one decision. REQUIRES: `decision_id` is a UUID. NOT_FOUND for an unknown
  // id.
  virtual Result<DecisionRecord> FindDecision(const std::string& decision_id) = 0;
  // At most `limit` receipts matching `filter`, oldest first, those after the decision
  // `after_decision_id` (a UUID; empty: from the first), without their request and decision,
  // among the next kDecisionsExaminedMax of the disposal's decisions.
  virtual Result<DecisionScan> ListDecisions(const DecisionFilter& filter,
                                             const std::string& after_decision_id,
                                             size_t limit) = 0;
  // The whole registry as it was at `version`, rebuilt from the current registry and its
  // history. FAILED_PRECONDITION when `version` is older than the kept history (the message
  // says where it starts) or newer than the registry.
  virtual Result<std::shared_ptr<const RegistrySnapshot>> LoadSnapshotAt(int64_t version) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DECISION_AUDIT_REPOSITORY_H_
