// check-batch against a stand-in EligibilityService whose answers are counted by index: a
// bidder answered twice does not stand in for one never answered.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/eligibility_actions.h"
#include "disposal/v1/eligibility.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

using disposal::v1::EligibilityStreamRequest;
using disposal::v1::EligibilityStreamResponse;

// Answers every check of a message with a decision, each under the index `answer_index` gives.
class FakeEligibilityService final : public disposal::v1::EligibilityService::Service {
 public:
  grpc::Status CheckBidderEligibilityStream(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<EligibilityStreamResponse, EligibilityStreamRequest>* stream)
      override {
    EligibilityStreamRequest request;
    int64_t seen = 0;
    while (stream->Read(&request)) {
      EligibilityStreamResponse response;
      for (int i = 0; i < request.checks_size(); ++i, ++seen) {
        if (unanswered(seen)) continue;
        disposal::v1::EligibilityStreamResult* result = response.add_results();
        result->set_index(answer_index(seen));
        const std::string error = error_of(seen);
        if (!error.empty()) {
          result->set_error(error);
          continue;
        }
        result->mutable_decision()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
      }
      stream->Write(response);
    }
    return grpc::Status::OK;
  }

  std::function<int64_t(int64_t)> answer_index = [](int64_t seen) { return seen; };
  // The error answered for a check instead of a decision; none when empty.
  std::function<std::string(int64_t)> error_of = [](int64_t) { return std::string(); };
  // Checks never answered.
  std::function<bool(int64_t)> unanswered = [](int64_t) { return false; };
};

class EligibilityBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartStandInServer(&service_, "partner", &global_);
    ASSERT_NE(server_, nullptr);
    file_ = ::testing::TempDir() + "bidders-" + std::to_string(getpid()) + ".csv";
    std::ofstream(file_) << "person,11010519491231002X,甲\nperson,440524188001010014,乙\n";
  }
  void TearDown() override {
    server_->Shutdown();
    std::filesystem::remove(file_);
  }

  Status CheckBatch() {
    CheckBatchOptions options;
    options.disposal_id = "288c56f9-7a17-40fb-8573-a1b6bbd60c56";
    options.file = file_;
    ::testing::internal::CaptureStdout();
    const Status status = CheckEligibilityBatch(global_, options);
    ::testing::internal::GetCapturedStdout();
    return status;
  }

  FakeEligibilityService service_;
  GlobalOptions global_;
  std::unique_ptr<grpc::Server> server_;
  std::string file_;
};

TEST_F(EligibilityBatchTest, EveryBidderAnsweredOnceSucceeds) { EXPECT_TRUE(CheckBatch().ok()); }

TEST_F(EligibilityBatchTest, TheFirstBidderAnsweredTwiceAndTheSecondNeverFails) {
  service_.answer_index = [](int64_t) { return int64_t{0}; };
  const Status status = CheckBatch();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("index 0"), std::string::npos) << status.message();
}

TEST_F(EligibilityBatchTest, AnAnswerForABidderNotSentFails) {
  service_.answer_index = [](int64_t seen) { return seen + 5; };
  const Status status = CheckBatch();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("index 5"), std::string::npos) << status.message();
}

TEST_F(EligibilityBatchTest, BiddersAllFailingWithOneCodeEndTheRunWithThatCode) {
  service_.error_of = [](int64_t) {
    return std::string("NOT_FOUND: disposal 288c56f9-7a17-40fb-8573-a1b6bbd60c56 does not exist");
  };
  const Status status = CheckBatch();
  EXPECT_EQ(status.code_name(), "NOT_FOUND") << status.message();
  EXPECT_NE(status.message().find("2 of 2 bidders"), std::string::npos) << status.message();
}

TEST_F(EligibilityBatchTest, BiddersFailingWithDifferentCodesEndTheRunInvalidArgument) {
  service_.error_of = [](int64_t seen) {
    return std::string(seen == 0 ? "NOT_FOUND: no such disposal" : "PERMISSION_DENIED: no");
  };
  EXPECT_EQ(CheckBatch().code_name(), "INVALID_ARGUMENT");
}

TEST_F(EligibilityBatchTest, AFailedBidderBesideOneUnansweredEndsTheRunInvalidArgument) {
  service_.error_of = [](int64_t seen) {
    return std::string(seen == 0 ? "NOT_FOUND: no such disposal" : "");
  };
  service_.unanswered = [](int64_t seen) { return seen == 1; };
  const Status status = CheckBatch();
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT") << status.message();
  EXPECT_NE(status.message().find("1 got no answer"), std::string::npos) << status.message();
}

TEST_F(EligibilityBatchTest, AnErrorWithoutACanonicalCodeEndsTheRunInvalidArgument) {
  service_.error_of = [](int64_t) { return std::string("disposal x: gone"); };
  EXPECT_EQ(CheckBatch().code_name(), "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace disposalctl
