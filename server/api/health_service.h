// The standard gRPC health service (grpc.health.v1.Health), served by the server itself.
// gRPC's default health service starts SERVING and can be turned off only once the server
// has started, so a probe landing in between read SERVING before the eligibility index was
// loaded. This one starts NOT_SERVING; the server's health watcher turns it on.
#ifndef DISPOSAL_SERVER_API_HEALTH_SERVICE_H_
#define DISPOSAL_SERVER_API_HEALTH_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace disposal::api {

class HealthService final : public grpc::health::v1::Health::Service {
 public:
  // Each open watch holds a handler thread of the synchronous server: bounded.
  static constexpr int kWatchesMax = 16;

  // `service_names`: the full names of the server's services ("disposal.v1.LedgerService"),
  // which share the server's status; "" is the server itself.
  explicit HealthService(std::set<std::string> service_names, int watches_max = kWatchesMax,
                         std::chrono::milliseconds cancel_poll = std::chrono::seconds(1));

  // SERVING or NOT_SERVING from now on; ignored once shut down.
  void SetServing(bool serving);
  // NOT_SERVING for good (the server drains): open watches get NOT_SERVING and end UNAVAILABLE.
  void Shutdown();

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

 private:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;

  bool Known(const std::string& service) const;
  Status Current() const;  // under mutex_
  // Sends `status` unless it was the last sent; false when the client is gone.
  static bool Send(grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer, Status status,
                   Status* last_sent);

  const std::set<std::string> service_names_;
  const int watches_max_;
  const std::chrono::milliseconds cancel_poll_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool serving_ = false;
  bool shut_down_ = false;
  int watches_ = 0;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_HEALTH_SERVICE_H_
