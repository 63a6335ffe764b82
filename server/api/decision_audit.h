// Auditors' access to eligibility decisions: list a disposal's stored decisions, fetch one by
// id, and decide it again against the registry as it was at the decision's registry version.
// The AuditService handlers delegate here.
//
// A replay asks the stored request again with what the original answer depended on: the
// registry at the decision's version, its as_of day and its settings. The disposal's context
// (deposit, debtors, guarantors and pledgors) is read as it is now; it has no history.
#ifndef DISPOSAL_SERVER_API_DECISION_AUDIT_H_
#define DISPOSAL_SERVER_API_DECISION_AUDIT_H_

#include <grpcpp/grpcpp.h>

#include <functional>

#include "disposal/v1/audit.pb.h"
#include "domain/decision_audit_repository.h"
#include "domain/registry_repository.h"

namespace disposal::api {

class DecisionAudit {
 public:
  // `registry` supplies the disposal's context; `now_micros` stamps the replayed decision and
  // bounds a listing (decisions of its last 5 s are not listed yet).
  DecisionAudit(domain::DecisionAuditRepository& decisions, domain::RegistryRepository& registry,
                std::function<int64_t()> now_micros)
      : decisions_(decisions), registry_(registry), now_micros_(std::move(now_micros)) {}

  // The stored decision with its request and actor. INVALID_ARGUMENT (decision_id) for an id
  // that is not a UUID; NOT_FOUND for an unknown one.
  grpc::Status Get(const v1::GetEligibilityDecisionRequest& request, v1::EligibilityReceipt* out);
  // The stored decision, its replay and how they differ. As Get, and FAILED_PRECONDITION when
  // the registry's history does not reach back to the decision's version. The replayed
  // decision has no decision_id: it is not a decision of its own and is not recorded.
  grpc::Status Replay(const v1::ReplayEligibilityDecisionRequest& request,
                      v1::ReplayEligibilityDecisionResponse* out);
  // One page of a disposal's stored decisions, oldest first. INVALID_ARGUMENT naming the field
  // for a malformed disposal id, bidder, outcome, page size or page token.
  grpc::Status List(const v1::ListEligibilityDecisionsRequest& request,
                    v1::ListEligibilityDecisionsResponse* out);

 private:
  Status Fetch(const std::string& decision_id, v1::EligibilityReceipt* out);
  Status ListPage(const v1::ListEligibilityDecisionsRequest& request,
                  v1::ListEligibilityDecisionsResponse* out);
  Status Decide(const v1::EligibilityReceipt& original, v1::EligibilityDecision* replayed);

  domain::DecisionAuditRepository& decisions_;
  domain::RegistryRepository& registry_;
  std::function<int64_t()> now_micros_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DECISION_AUDIT_H_
