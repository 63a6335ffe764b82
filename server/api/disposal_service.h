// gRPC handlers for disposal.v1.DisposalService and disposal.v1.CalendarService.
#ifndef DISPOSAL_SERVER_API_DISPOSAL_SERVICE_H_
#define DISPOSAL_SERVER_API_DISPOSAL_SERVICE_H_

#include <functional>

#include "disposal/v1/calendar.grpc.pb.h"
#include "disposal/v1/disposals.grpc.pb.h"
#include "domain/disposal_registry.h"

namespace disposal::api {

class DisposalServiceImpl : public v1::DisposalService::Service {
 public:
  // `context_changed` runs after an update that may change what eligibility checks read of a
  // disposal (its deposit, its claims' parties): this server's next check then reads it again
  // instead of waiting for the change's notification (which tells the other servers).
  explicit DisposalServiceImpl(domain::DisposalRegistry& registry,
                               std::function<void()> context_changed = nullptr)
      : registry_(registry), context_changed_(std::move(context_changed)) {}

  grpc::Status CreateDisposal(grpc::ServerContext* context,
                              const v1::CreateDisposalRequest* request,
                              v1::Disposal* response) override;
  grpc::Status GetDisposal(grpc::ServerContext* context, const v1::GetDisposalRequest* request,
                           v1::Disposal* response) override;
  grpc::Status ListDisposals(grpc::ServerContext* context, const v1::ListDisposalsRequest* request,
                             v1::ListDisposalsResponse* response) override;
  grpc::Status UpdateDisposal(grpc::ServerContext* context,
                              const v1::UpdateDisposalRequest* request,
                              v1::Disposal* response) override;
  grpc::Status PublishDisposal(grpc::ServerContext* context,
                               const v1::PublishDisposalRequest* request,
                               v1::Disposal* response) override;
  grpc::Status TransitionDisposal(grpc::ServerContext* context,
                                  const v1::TransitionDisposalRequest* request,
                                  v1::Disposal* response) override;
  grpc::Status RecordSubmission(grpc::ServerContext* context,
                                const v1::RecordSubmissionRequest* request,
                                v1::Submission* response) override;
  grpc::Status ListSubmissions(grpc::ServerContext* context,
                               const v1::ListSubmissionsRequest* request,
                               v1::ListSubmissionsResponse* response) override;
  grpc::Status ResolveSubmission(grpc::ServerContext* context,
                                 const v1::ResolveSubmissionRequest* request,
                                 v1::Submission* response) override;
  grpc::Status CheckAwardGate(grpc::ServerContext* context,
                              const v1::CheckAwardGateRequest* request,
                              v1::AwardGateDecision* response) override;

 private:
  domain::DisposalRegistry& registry_;
  std::function<void()> context_changed_;
};

class CalendarServiceImpl : public v1::CalendarService::Service {
 public:
  explicit CalendarServiceImpl(domain::CalendarRegistry& registry) : registry_(registry) {}

  grpc::Status ImportCalendarYear(grpc::ServerContext* context,
                                  const v1::ImportCalendarYearRequest* request,
                                  v1::CalendarYear* response) override;
  grpc::Status GetCalendarYear(grpc::ServerContext* context,
                               const v1::GetCalendarYearRequest* request,
                               v1::CalendarYear* response) override;
  grpc::Status ComputeDeadline(grpc::ServerContext* context,
                               const v1::ComputeDeadlineRequest* request,
                               v1::ComputeDeadlineResponse* response) override;

 private:
  domain::CalendarRegistry& registry_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DISPOSAL_SERVICE_H_
