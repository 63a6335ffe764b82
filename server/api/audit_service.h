// gRPC handlers for disposal.v1.AuditService: histories streamed a page at a time, chains
// verified, eligibility decisions fetched and replayed.
#ifndef DISPOSAL_SERVER_API_AUDIT_SERVICE_H_
#define DISPOSAL_SERVER_API_AUDIT_SERVICE_H_

#include "api/stream_slots.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "domain/audit_repository.h"

namespace disposal::api {

class DecisionAudit;

class AuditServiceImpl : public v1::AuditService::Service {
 public:
  // How many history streams one caller may keep open at a time (RESOURCE_EXHAUSTED for the
  // next): each holds a server thread while its reader is slow.
  static constexpr int kStreamsPerCallerMax = 4;

  AuditServiceImpl(domain::AuditRepository& history, DecisionAudit& decisions)
      : history_(history), decisions_(decisions) {}

  grpc::Status StreamClaimHistory(grpc::ServerContext* context,
                                  const v1::StreamClaimHistoryRequest* request,
                                  grpc::ServerWriter<v1::ClaimHistoryPage>* writer) override;
  grpc::Status VerifyClaimHistory(grpc::ServerContext* context,
                                  const v1::VerifyClaimHistoryRequest* request,
                                  v1::VerifyClaimHistoryResponse* response) override;
  grpc::Status GetEligibilityDecision(grpc::ServerContext* context,
                                      const v1::GetEligibilityDecisionRequest* request,
                                      v1::EligibilityReceipt* response) override;
  grpc::Status ReplayEligibilityDecision(grpc::ServerContext* context,
                                         const v1::ReplayEligibilityDecisionRequest* request,
                                         v1::ReplayEligibilityDecisionResponse* response) override;
  grpc::Status ListEligibilityDecisions(grpc::ServerContext* context,
                                        const v1::ListEligibilityDecisionsRequest* request,
                                        v1::ListEligibilityDecisionsResponse* response) override;

 private:
  // StreamClaimHistory's work; the override ends it as FinishStream says.
  grpc::Status StreamPages(grpc::ServerContext* context,
                           const v1::StreamClaimHistoryRequest* request,
                           grpc::ServerWriter<v1::ClaimHistoryPage>* writer);
  domain::AuditRepository& history_;
  DecisionAudit& decisions_;
  StreamSlots stream_slots_{kStreamsPerCallerMax};
};

// Wire -> domain for the history's inputs, and domain -> wire for its events.
Result<domain::AuditSubjectRef> SubjectFromProto(const v1::AuditSubject& subject);
void EventToProto(const domain::AuditRecord& event, v1::AuditEvent* out);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_AUDIT_SERVICE_H_
