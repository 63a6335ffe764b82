// The server's own health service: NOT_SERVING from the start until told otherwise (gRPC's
// default one answered SERVING as soon as the port opened), the server's services sharing its
// status, watches told of each change and ended by a shutdown, and bounded in number.
#include "api/health_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace disposal::api {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class HealthServiceTest : public ::testing::Test {
 protected:
  void Start(int watches_max = HealthService::kWatchesMax) {
    service_ = std::make_unique<HealthService>(std::set<std::string>{"disposal.v1.LedgerService"},
                                               watches_max, std::chrono::milliseconds(20));
    grpc::ServerBuilder builder;
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

TEST_F(HealthServiceTest, WatchesBeyondTheBoundAreRefusedAsResourceExhausted) {
  Start(/*watches_max=*/1);
  grpc::ClientContext first_context;
  HealthCheckRequest request;
  auto first = stub_->Watch(&first_context, request);
  HealthCheckResponse response;
  ASSERT_TRUE(first->Read(&response));  // the first watch is open
  grpc::ClientContext second_context;
  auto second = stub_->Watch(&second_context, request);
  EXPECT_FALSE(second->Read(&response));
  EXPECT_EQ(second->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  first_context.TryCancel();
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
