// The standard gRPC health service (grpc.health.v1.Health), served by the server itself.
// gRPC's default health service starts SERVING and can be turned off only once the server
// has started, so a probe landing in between read SERVING before the eligibility index was
// loaded. This one starts NOT_SERVING; the server's health watcher turns it on.
//
// On gRPC's callback API, like gRPC's own: a probe is answered on gRPC's threads, never
// queued behind the handler threads that long streams and database calls hold (a busy server
// must not look dead), and an open watch holds no thread at all. Watches need no token, so
// they are bounded per client address and in all.
#ifndef DISPOSAL_SERVER_API_HEALTH_SERVICE_H_
#define DISPOSAL_SERVER_API_HEALTH_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace disposal::api {

// How many health watches may be open at once. They need no token.
struct HealthWatchBounds {
  int watches_per_client = 4;  // by ClientAddressKey
  int watches_max = 1024;      // in all
};

class HealthService final : public grpc::health::v1::Health::CallbackService {
 public:
  using Bounds = HealthWatchBounds;

  // `service_names`: the full names of the server's services ("disposal.v1.LedgerService"),
  // which share the server's status; "" is the server itself.
  explicit HealthService(std::set<std::string> service_names, Bounds bounds = Bounds());
  ~HealthService() override;

  // SERVING or NOT_SERVING from now on; ignored once shut down.
  void SetServing(bool serving);
  // NOT_SERVING for good (the server drains): open watches get NOT_SERVING and end UNAVAILABLE.
  void Shutdown();

  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::health::v1::HealthCheckResponse* response) override;
  grpc::ServerWriteReactor<grpc::health::v1::HealthCheckResponse>* Watch(
      grpc::CallbackServerContext* context,
      const grpc::health::v1::HealthCheckRequest* request) override;

 private:
  class WatchReactor;
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;

  bool Known(const std::string& service) const;
  Status CurrentLocked() const;
  // Tells every open watch of the server's services the status now (or that it is shutting down).
  void Broadcast();
  void Forget(WatchReactor* watch, const std::string& client);

  const std::set<std::string> service_names_;
  const Bounds bounds_;
  mutable std::mutex mutex_;
  bool serving_ = false;
  bool shut_down_ = false;
  // Counts changes of status, so that a watch never goes back to an older one.
  uint64_t generation_ = 0;
  // Open watches, each kept alive by its entry until it is done.
  std::map<WatchReactor*, std::shared_ptr<WatchReactor>> watches_;
  std::map<std::string, int> watches_by_client_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_HEALTH_SERVICE_H_
