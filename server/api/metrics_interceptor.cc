#include "api/metrics_interceptor.h"

#include <google/protobuf/descriptor.h>

#include <chrono>
#include <string>

namespace disposal::api {
namespace {

class MetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(Metrics& metrics, const char* method)
      : metrics_(metrics),
        method_(method == nullptr ? "" : method),
        started_(std::chrono::steady_clock::now()) {}

  ~MetricsInterceptor() override {
    if (!recorded_) Record(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::StatusCode code) {
    recorded_ = true;
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started_)
                            .count();
    metrics_.RecordCall(method_, static_cast<int>(code), micros);
  }

  Metrics& metrics_;
  std::string method_;
  std::chrono::steady_clock::time_point started_;
  bool recorded_ = false;
};

}  // namespace

bool IsServedMethod(const std::string& path) {
  if (path == "/grpc.health.v1.Health/Check" || path == "/grpc.health.v1.Health/Watch" ||
      path == "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo") {
    return true;
  }
  const size_t slash = path.rfind('/');
  if (path.rfind("/disposal.", 0) != 0 || slash == 0 || slash == std::string::npos) return false;
  const std::string name = path.substr(1, slash - 1) + "." + path.substr(slash + 1);
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name) != nullptr;
}

grpc::experimental::Interceptor* MetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new MetricsInterceptor(metrics_, info->method());
}

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
MetricsInterceptors(Metrics& metrics) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<MetricsInterceptorFactory>(metrics));
  return creators;
}

}  // namespace disposal::api
