#include "api/health_service.h"

#include <utility>

namespace disposal::api {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

HealthService::HealthService(std::set<std::string> service_names, int watches_max,
                             std::chrono::milliseconds cancel_poll)
    : service_names_(std::move(service_names)),
      watches_max_(watches_max),
      cancel_poll_(cancel_poll) {}

void HealthService::SetServing(bool serving) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shut_down_ || serving_ == serving) return;
    serving_ = serving;
  }
  changed_.notify_all();
}

void HealthService::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_down_ = true;
    serving_ = false;
  }
  changed_.notify_all();
}

bool HealthService::Known(const std::string& service) const {
  return service.empty() || service_names_.count(service) > 0;
}

HealthService::Status HealthService::Current() const {
  return serving_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

grpc::Status HealthService::Check(grpc::ServerContext* /*context*/,
                                  const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  if (!Known(request->service())) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "service: \"" + request->service() + "\" is not served here");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  response->set_status(Current());
  return grpc::Status::OK;
}

bool HealthService::Send(grpc::ServerWriter<HealthCheckResponse>* writer, Status status,
                         Status* last_sent) {
  if (status == *last_sent) return true;
  HealthCheckResponse response;
  response.set_status(status);
  *last_sent = status;
  return writer->Write(response);
}

grpc::Status HealthService::Watch(grpc::ServerContext* context, const HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (watches_ >= watches_max_) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "at most " + std::to_string(watches_max_) +
                            " health watches at once; use Check, or retry later");
  }
  ++watches_;
  const bool known = Known(request->service());
  // Never sent: the first message always goes out.
  Status last_sent = static_cast<Status>(-1);
  grpc::Status ending = grpc::Status::OK;
  while (true) {
    const Status status = known ? Current() : HealthCheckResponse::SERVICE_UNKNOWN;
    const bool shut_down = shut_down_;
    lock.unlock();
    const bool delivered =
        Send(writer, shut_down ? HealthCheckResponse::NOT_SERVING : status, &last_sent);
    lock.lock();
    if (shut_down) {
      ending = grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down");
      break;
    }
    if (!delivered || context->IsCancelled()) break;
    // Woken by a change or a shutdown; otherwise now and then to notice a cancelled client.
    changed_.wait_for(lock, cancel_poll_,
                      [&] { return shut_down_ || (known && Current() != last_sent); });
  }
  --watches_;
  return ending;
}

}  // namespace disposal::api
