#include "api/health_service.h"

#include <string>
#include <utility>
#include <vector>

#include "api/client_address.h"
#include "domain/text_rules.h"

namespace disposal::api {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// One open watch: sends the status now, then each change, one write at a time (a change that
// comes while a write is in flight is sent when it completes, the latest only).
class HealthService::WatchReactor final : public grpc::ServerWriteReactor<HealthCheckResponse> {
 public:
  WatchReactor(HealthService* service, std::string client, bool known)
      : service_(service), client_(std::move(client)), known_(known) {}

  bool known() const { return known_; }

  // The status as of the service's `generation` to send, then, with `ending`, the end of the
  // call. A status older than one given before is dropped: the watch's first status and a
  // change's broadcast may arrive in either order.
  void Send(Status status, bool ending, uint64_t generation) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_ || generation < generation_) return;
    generation_ = generation;
    pending_ = status;
    ending_ = ending_ || ending;
    if (!writing_) WriteLocked();
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mutex_);
    writing_ = false;
    if (!ok) return FinishLocked(grpc::Status::CANCELLED);
    if (pending_ != sent_ || ending_) WriteLocked();
  }

  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mutex_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override { service_->Forget(this, client_); }

 private:
  void WriteLocked() {
    if (finished_) return;
    if (pending_ == sent_) {
      // Nothing new: only the ending is left.
      if (ending_) FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "shutting down"));
      return;
    }
    response_.set_status(pending_);
    sent_ = pending_;
    writing_ = true;
    StartWrite(&response_);
  }

  void FinishLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  HealthService* const service_;
  const std::string client_;
  const bool known_;
  std::mutex mutex_;
  HealthCheckResponse response_;
  // Never sent: the first status always goes out.
  Status sent_ = static_cast<Status>(-1);
  Status pending_ = HealthCheckResponse::NOT_SERVING;
  uint64_t generation_ = 0;
  bool writing_ = false;
  bool ending_ = false;
  bool finished_ = false;
};

namespace {

// A watch refused at once; gone when gRPC is done with it.
class RefusedWatch final : public grpc::ServerWriteReactor<HealthCheckResponse> {
 public:
  explicit RefusedWatch(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

HealthService::HealthService(std::set<std::string> service_names, Bounds bounds)
    : service_names_(std::move(service_names)), bounds_(bounds) {}

HealthService::~HealthService() = default;

void HealthService::SetServing(bool serving) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shut_down_ || serving_ == serving) return;
    serving_ = serving;
    ++generation_;
  }
  Broadcast();
}

void HealthService::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_down_ = true;
    serving_ = false;
    ++generation_;
  }
  Broadcast();
}

bool HealthService::Known(const std::string& service) const {
  return service.empty() || service_names_.count(service) > 0;
}

HealthService::Status HealthService::CurrentLocked() const {
  return serving_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

void HealthService::Broadcast() {
  std::vector<std::shared_ptr<WatchReactor>> watches;
  Status status;
  bool ending;
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, watch] : watches_) watches.push_back(watch);
    status = CurrentLocked();
    ending = shut_down_;
    generation = generation_;
  }
  // Outside the service's lock: a watch's own lock is taken inside.
  for (const std::shared_ptr<WatchReactor>& watch : watches) {
    if (watch->known()) {
      watch->Send(status, ending, generation);
    } else if (ending) {
      watch->Send(HealthCheckResponse::SERVICE_UNKNOWN, true, generation);
    }
  }
}

void HealthService::Forget(WatchReactor* watch, const std::string& client) {
  std::shared_ptr<WatchReactor> last;  // released after the lock
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = watches_.find(watch);
  if (found == watches_.end()) return;
  last = std::move(found->second);
  watches_.erase(found);
  if (--watches_by_client_[client] <= 0) watches_by_client_.erase(client);
}

grpc::ServerUnaryReactor* HealthService::Check(grpc::CallbackServerContext* context,
                                               const HealthCheckRequest* request,
                                               HealthCheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!Known(request->service())) {
    // Quoted: the caller needs no token, and a 4 MiB name must not come back as the status.
    reactor->Finish(
        grpc::Status(grpc::StatusCode::NOT_FOUND,
                     "service: " + domain::Quoted(request->service()) + " is not served here"));
    return reactor;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    response->set_status(CurrentLocked());
  }
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerWriteReactor<HealthCheckResponse>* HealthService::Watch(
    grpc::CallbackServerContext* context, const HealthCheckRequest* request) {
  const std::string client = ClientAddressKey(context->peer());
  const bool known = Known(request->service());
  auto watch = std::make_shared<WatchReactor>(this, client, known);
  Status status;
  bool ending;
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    int& by_client = watches_by_client_[client];
    if (by_client >= bounds_.watches_per_client ||
        static_cast<int>(watches_.size()) >= bounds_.watches_max) {
      const bool per_client = by_client >= bounds_.watches_per_client;
      if (by_client == 0) watches_by_client_.erase(client);
      return new RefusedWatch(grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          per_client ? "at most " + std::to_string(bounds_.watches_per_client) +
                           " health watches per client address; use Check, or end one"
                     : "the server holds as many health watches as it allows; use Check"));
    }
    ++by_client;
    watches_[watch.get()] = watch;
    status = known ? CurrentLocked() : HealthCheckResponse::SERVICE_UNKNOWN;
    ending = shut_down_;
    generation = generation_;
  }
  watch->Send(status, ending, generation);
  return watch.get();
}

}  // namespace disposal::api
