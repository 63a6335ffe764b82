// A token revoked while its stream is open: the stream's next message is refused, not served
// for as long as the stream lasts (access is checked when a stream opens and between messages).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "disposal/v1/eligibility.grpc.pb.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class StreamRevocationEndToEnd : public ServerFixture {
 protected:
  using CheckStream =
      grpc::ClientReaderWriter<v1::EligibilityStreamRequest, v1::EligibilityStreamResponse>;

  // A check stream opened with the partner's token and answered once (waits for the index).
  void OpenAnsweredStream() {
    secret_ = ReadFile(TokenFile("partner")).substr(0, 47);
    stub_ = v1::EligibilityService::NewStub(
        grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials()));
    request_.add_checks()->set_disposal_id("288c56f9-7a17-40fb-8573-a1b6bbd60c56");
    for (int attempt = 0;; ++attempt) {
      context_ = std::make_unique<grpc::ClientContext>();
      context_->AddMetadata("authorization", "Bearer " + secret_);
      stream_ = stub_->CheckBidderEligibilityStream(context_.get());
      v1::EligibilityStreamResponse response;
      if (stream_->Write(request_) && stream_->Read(&response)) return;
      stream_->WritesDone();
      stream_->Finish();
      ASSERT_LT(attempt, 30) << "the stream was never served";
      sleep(1);
    }
  }

  void RevokeThePartnerToken() {
    CommandResult revoked = RunCommand(
        {"/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", db_.url(), "-c",
         "UPDATE access_tokens SET revoke_time = now(), revoked_by = 'e2e' "
         "WHERE name = 'e2e-partner'"});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  }

  // Waits (at most 10 s) until the server refuses a unary call with the revoked token: the
  // revocation reaches its token cache through a notification. True once it does.
  bool RevocationSeen() {
    for (int attempt = 0; attempt < 500; ++attempt) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + secret_);
      v1::PingResponse pong;
      if (stub_->Ping(&context, v1::PingRequest(), &pong).error_code() ==
          grpc::StatusCode::UNAUTHENTICATED) {
        return true;
      }
      usleep(20'000);
    }
    return false;
  }

  std::string secret_;
  std::unique_ptr<v1::EligibilityService::Stub> stub_;
  v1::EligibilityStreamRequest request_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<CheckStream> stream_;
};

TEST_F(StreamRevocationEndToEnd, AnOpenStreamEndsUnauthenticatedOnceItsTokenIsRevoked) {
  OpenAnsweredStream();
  RevokeThePartnerToken();
  // Once the server refuses the token on a new call, the open stream must refuse it too: no
  // answer may come back.
  ASSERT_TRUE(RevocationSeen());
  int answered_after_revocation = 0;
  v1::EligibilityStreamResponse response;
  for (int i = 0; i < 3; ++i) {
    if (stream_->Write(request_) && stream_->Read(&response)) ++answered_after_revocation;
  }
  stream_->WritesDone();
  const grpc::Status ended = stream_->Finish();
  EXPECT_EQ(answered_after_revocation, 0);
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED) << ended.error_message();
  EXPECT_NE(ended.error_message().find("revoked"), std::string::npos) << ended.error_message();
}

TEST_F(StreamRevocationEndToEnd, AnOpenStreamGoesOnWhileItsTokenIsValid) {
  OpenAnsweredStream();
  v1::EligibilityStreamResponse response;
  int answered = 0;
  for (int i = 0; i < 3; ++i) {
    if (stream_->Write(request_) && stream_->Read(&response)) ++answered;
  }
  stream_->WritesDone();
  EXPECT_EQ(answered, 3);
  EXPECT_TRUE(stream_->Finish().ok());
}

}  // namespace
}  // namespace disposal::testing
