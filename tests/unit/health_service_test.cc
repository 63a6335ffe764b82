// The server's own health service: NOT_SERVING from the start until told otherwise (gRPC's
// default one answered SERVING as soon as the port opened), the server's services sharing its
// status, watches told of each change and ended by a shutdown, and bounded in number.
#include "api/health_service.h"

#include <grpcpp/resource_quota.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace disposal::api {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class HealthServiceTest : public ::testing::Test {
 protected:
  void Start(HealthService::Bounds bounds = HealthService::Bounds(), int threads_max = 0) {
    service_ =
        std::make_unique<HealthService>(std::set<std::string>{"disposal.v1.LedgerService"}, bounds);
    grpc::ServerBuilder builder;
    if (threads_max > 0) {
      grpc::ResourceQuota quota("health-test");
      quota.SetMaxThreads(threads_max);
      builder.SetResourceQuota(quota);
    }
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = Health::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }

  void TearDown() override {
    if (service_) service_->Shutdown();
    if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }

  grpc::Status Check(const std::string& service, HealthCheckResponse* response) {
    grpc::ClientContext context;
    HealthCheckRequest request;
    request.set_service(service);
    return stub_->Check(&context, request, response);
  }

  HealthCheckResponse::ServingStatus StatusOf(const std::string& service) {
    HealthCheckResponse response;
    const grpc::Status status = Check(service, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.status();
  }

  std::unique_ptr<HealthService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Health::Stub> stub_;
};

TEST_F(HealthServiceTest, AServerJustStartedIsNotServing) {
  Start();
  EXPECT_EQ(StatusOf(""), HealthCheckResponse::NOT_SERVING);
}

TEST_F(HealthServiceTest, ServingOnceToldAndTheServersServicesShareIt) {
  Start();
  service_->SetServing(true);
  EXPECT_EQ(StatusOf(""), HealthCheckResponse::SERVING);
  EXPECT_EQ(StatusOf("disposal.v1.LedgerService"), HealthCheckResponse::SERVING);
  service_->SetServing(false);
  EXPECT_EQ(StatusOf("disposal.v1.LedgerService"), HealthCheckResponse::NOT_SERVING);
}

TEST_F(HealthServiceTest, AnUnknownServiceIsNotFoundNamingIt) {
  Start();
  HealthCheckResponse response;
  const grpc::Status status = Check("disposal.v1.NoSuchService", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("disposal.v1.NoSuchService"), std::string::npos)
      << status.error_message();
}

// Anyone may ask, without a token: a long name is not echoed back whole.
TEST_F(HealthServiceTest, AnUnknownServiceOfAHugeNameIsNotFoundInAShortMessage) {
  Start();
  HealthCheckResponse response;
  const grpc::Status status = Check(std::string(1 << 20, 'a'), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message().size();
  EXPECT_LT(status.error_message().size(), 200u);
}

TEST_F(HealthServiceTest, AfterShutdownItStaysNotServing) {
  Start();
  service_->SetServing(true);
  service_->Shutdown();
  service_->SetServing(true);
  EXPECT_EQ(StatusOf(""), HealthCheckResponse::NOT_SERVING);
}

TEST_F(HealthServiceTest, AWatchIsToldEachChangeAndEndsUnavailableAtShutdown) {
  Start();
  grpc::ClientContext context;
  HealthCheckRequest request;
  std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> watch = stub_->Watch(&context, request);
  HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  service_->SetServing(true);
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  service_->Shutdown();
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  EXPECT_FALSE(watch->Read(&response));
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(HealthServiceTest, WatchesBeyondTheClientsBoundAreRefusedAsResourceExhausted) {
  HealthService::Bounds bounds;
  bounds.watches_per_client = 1;
  Start(bounds);
  grpc::ClientContext first_context;
  HealthCheckRequest request;
  auto first = stub_->Watch(&first_context, request);
  HealthCheckResponse response;
  ASSERT_TRUE(first->Read(&response));  // the first watch is open
  grpc::ClientContext second_context;
  auto second = stub_->Watch(&second_context, request);
  EXPECT_FALSE(second->Read(&response));
  const grpc::Status refused = second->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("per client address"), std::string::npos)
      << refused.error_message();
  first_context.TryCancel();
}

// Open watches hold none of the server's handler threads, and a probe's Check never waits for
// one: a server capped at two threads answers a Check with eight watches open.
TEST_F(HealthServiceTest, CheckIsAnsweredWhileMoreWatchesAreOpenThanTheServerHasThreads) {
  HealthService::Bounds bounds;
  bounds.watches_per_client = 8;
  Start(bounds, /*threads_max=*/2);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<HealthCheckResponse>>> watches;
  HealthCheckResponse response;
  for (int i = 0; i < 8; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    watches.push_back(stub_->Watch(contexts.back().get(), HealthCheckRequest()));
    ASSERT_TRUE(watches.back()->Read(&response)) << "watch " << i;
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  const grpc::Status status = stub_->Check(&context, HealthCheckRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  for (auto& each : contexts) each->TryCancel();
}

TEST_F(HealthServiceTest, AWatchOfAnUnknownServiceSaysServiceUnknown) {
  Start();
  grpc::ClientContext context;
  HealthCheckRequest request;
  request.set_service("disposal.v1.NoSuchService");
  auto watch = stub_->Watch(&context, request);
  HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVICE_UNKNOWN);
  context.TryCancel();
}

}  // namespace
}  // namespace disposal::api
