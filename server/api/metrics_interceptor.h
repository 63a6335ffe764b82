// Counts every RPC into Metrics: its method, the status code it ended with, and how long it
// took from arrival to status. A call that ends without a status sent (its client went away)
// is counted as CANCELLED.
#ifndef DISPOSAL_SERVER_API_METRICS_INTERCEPTOR_H_
#define DISPOSAL_SERVER_API_METRICS_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "api/metrics.h"

namespace disposal::api {

class MetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(Metrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics& metrics_;
};

// Whether `path` ("/package.Service/Method") names a method this server serves: one of the
// generated services' (disposal.v1), health checking or reflection.
bool IsServedMethod(const std::string& path);

// The interceptor creators for grpc::ServerBuilder::experimental().SetInterceptorCreators.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
MetricsInterceptors(Metrics& metrics);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_METRICS_INTERCEPTOR_H_
