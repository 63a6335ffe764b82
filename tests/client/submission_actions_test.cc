// disposalctl's `objection add` against a stand-in DisposalService: what it tells the user
// when the outcome of a call is unknown.
#include "client/submission_actions.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "disposal/v1/disposals.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

using google::protobuf::util::TimeUtil;

// Answers every submission with UNAVAILABLE (the call may or may not have taken effect) and
// keeps the request.
class UnavailableDisposalService final : public disposal::v1::DisposalService::Service {
 public:
  grpc::Status RecordSubmission(grpc::ServerContext*,
                                const disposal::v1::RecordSubmissionRequest* request,
                                disposal::v1::Submission*) override {
    last_request = *request;
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection lost");
  }

  disposal::v1::RecordSubmissionRequest last_request;
};

class SubmissionActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartStandInServer(&service_, "staff", &global_);
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  static RecordSubmissionOptions Inquiry() {
    RecordSubmissionOptions options;
    options.disposal_id = "2f1c4a53-1b9e-4b8e-9d4c-6a7d8e9f0a1b";
    options.kind = "inquiry";
    options.channel = "phone";
    options.submitter = "李四";
    options.text = "请问保证金如何缴纳";
    options.request_id = "obj-retry-1";
    return options;
  }

  UnavailableDisposalService service_;
  GlobalOptions global_;
  std::unique_ptr<grpc::Server> server_;
};

// Received "now" by default: a rerun with the request id alone would send another instant,
// which the server refuses as a different request under the same id.
TEST_F(SubmissionActionsTest, RetryAdviceRepeatsTheReceivedTimeThatWasSent) {
  const Status status = RecordSubmission(global_, Inquiry());
  ASSERT_FALSE(status.ok());
  const std::string sent = TimeUtil::ToString(service_.last_request.submission().received_time());
  EXPECT_NE(status.message().find("rerun with --request-id obj-retry-1 --received " + sent),
            std::string::npos)
      << status.message();
}

TEST_F(SubmissionActionsTest, RetryAdviceNeedsNothingMoreWhenTheTimeWasGiven) {
  RecordSubmissionOptions options = Inquiry();
  options.received = "2021-08-02T10:00:00+08:00";
  const Status status = RecordSubmission(global_, options);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("rerun with --request-id obj-retry-1)"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace disposalctl
