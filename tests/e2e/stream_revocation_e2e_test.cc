// A token revoked while its stream is open: the stream's next message is refused, not served
// for as long as the stream lasts (access is checked when a stream opens and between
// messages), and a stream sending nothing is cancelled at once rather than kept open. A stream
// idle for longer than the server allows is cancelled too.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "disposal/v1/eligibility.grpc.pb.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class StreamRevocationEndToEnd : public ServerFixture {
 protected:
  using CheckStream =
      grpc::ClientReaderWriter<v1::EligibilityStreamRequest, v1::EligibilityStreamResponse>;

  // A check stream opened with the partner's token and answered once (waits for the index).
  // The deadline bounds a stream the server fails to end: it then ends DEADLINE_EXCEEDED.
  void OpenAnsweredStream(std::chrono::seconds deadline = std::chrono::seconds(60)) {
    secret_ = SecretOf("partner");
    stub_ = v1::EligibilityService::NewStub(
        grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials()));
    request_.add_checks()->set_disposal_id("288c56f9-7a17-40fb-8573-a1b6bbd60c56");
    for (int attempt = 0;; ++attempt) {
      context_ = std::make_unique<grpc::ClientContext>();
      context_->AddMetadata("authorization", "Bearer " + secret_);
      context_->set_deadline(std::chrono::system_clock::now() + deadline);
      stream_ = stub_->CheckBidderEligibilityStream(context_.get());
      v1::EligibilityStreamResponse response;
      if (stream_->Write(request_) && stream_->Read(&response)) return;
      stream_->WritesDone();
      stream_->Finish();
      ASSERT_LT(attempt, 30) << "the stream was never served";
      sleep(1);
    }
  }

  void RevokeThePartnerToken() { RevokeTokenOf("partner"); }

  void RevokeTokenOf(const std::string& role) {
    CommandResult revoked = RunCommand(
        {"/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", db_.url(), "-c",
         "UPDATE access_tokens SET revoke_time = now(), revoked_by = 'e2e' "
         "WHERE name = 'e2e-" +
             role + "'"});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  }

  // Through RevokeToken (disposalctl as admin): the server forgets its cached tokens at once,
  // and again when the change's notification comes back.
  void RevokeThePartnerTokenThroughTheApi() {
    CommandResult id =
        RunCommand({"/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-At", db_.url(), "-c",
                    "SELECT id FROM access_tokens WHERE name = 'e2e-partner'"});
    ASSERT_EQ(id.exit_code, 0) << id.err;
    std::string token_id = id.out.substr(0, id.out.find('\n'));
    CommandResult revoked = CtlAs("admin", {"token", "revoke", token_id});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  }

  // Waits (at most 10 s) until the server refuses a unary call with the revoked token: the
  // revocation reaches its token cache through a notification. True once it does.
  bool RevocationSeen() { return RevocationSeen(secret_); }

  bool RevocationSeen(const std::string& secret) {
    if (!stub_) {
      stub_ = v1::EligibilityService::NewStub(
          grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials()));
    }
    for (int attempt = 0; attempt < 500; ++attempt) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + secret);
      v1::PingResponse pong;
      if (stub_->Ping(&context, v1::PingRequest(), &pong).error_code() ==
          grpc::StatusCode::UNAUTHENTICATED) {
        return true;
      }
      usleep(20'000);
    }
    return false;
  }

  std::string SecretOf(const std::string& role) { return ReadFile(TokenFile(role)).substr(0, 47); }

  // An admin's ImportRegistry call (60 s deadline) that has sent one person's line as the
  // whole file, marked last, without half-closing.
  void UploadOnePersonMarkedLast() {
    registry_ = v1::RegistryService::NewStub(
        grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials()));
    upload_context_.AddMetadata("authorization", "Bearer " + SecretOf("admin"));
    upload_context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    upload_ = registry_->ImportRegistry(&upload_context_, &upload_response_);
    v1::ImportRegistryChunk chunk;
    chunk.set_data(std::string("person,") + kUploadedId + ",乙\n");
    chunk.set_last(true);
    ASSERT_TRUE(upload_->Write(chunk));
  }

  // Whether the uploaded person is in the registry: whether the import was applied.
  bool UploadApplied() {
    CommandResult persons =
        RunCommand({"/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-At", db_.url(), "-c",
                    std::string("SELECT count(*) FROM registry_persons WHERE national_id = '") +
                        kUploadedId + "'"});
    EXPECT_EQ(persons.exit_code, 0) << persons.err;
    return persons.out != "0\n";
  }

  static constexpr char kUploadedId[] = "110105198001010112";  // a valid ID
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  grpc::ClientContext upload_context_;
  v1::ImportRegistryResponse upload_response_;
  std::unique_ptr<grpc::ClientWriter<v1::ImportRegistryChunk>> upload_;
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

// The server's watcher gives a refused stream a moment to send before it cancels it, so that
// a client still sending learns why: two revocation signals in a row must not cut that short.
TEST_F(StreamRevocationEndToEnd, AStreamStillSendingLearnsOfARevocationThroughTheApi) {
  OpenAnsweredStream();
  RevokeThePartnerTokenThroughTheApi();
  v1::EligibilityStreamResponse response;
  EXPECT_FALSE(stream_->Write(request_) && stream_->Read(&response));
  stream_->WritesDone();
  const grpc::Status ended = stream_->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED) << ended.error_message();
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

// The stream waits for its client's next message; the revocation must end it all the same,
// so that it keeps neither a handler thread nor one of the token's stream slots.
// The revocation's notification makes the watcher look at once (cancelled a few seconds later,
// in one tick's grace); the periodic look alone, every 30 s, would come past this deadline.
TEST_F(StreamRevocationEndToEnd, AStreamSendingNothingIsCancelledOnceItsTokenIsRevoked) {
  OpenAnsweredStream(std::chrono::seconds(25));
  RevokeThePartnerToken();
  ASSERT_TRUE(RevocationSeen());
  v1::EligibilityStreamResponse response;
  EXPECT_FALSE(stream_->Read(&response));
  const grpc::Status ended = stream_->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::CANCELLED) << ended.error_message();
}

// The upload complete but for its half-close when the token is revoked: the final check
// refuses it, and nothing is applied.
TEST_F(StreamRevocationEndToEnd, AnUploadWhoseTokenIsRevokedBeforeItEndsAppliesNothing) {
  UploadOnePersonMarkedLast();
  RevokeTokenOf("admin");
  ASSERT_TRUE(RevocationSeen(SecretOf("admin")));
  upload_->WritesDone();
  const grpc::Status ended = upload_->Finish();
  // UNAUTHENTICATED from the final check; CANCELLED if the watcher's grace ran out first.
  EXPECT_TRUE(ended.error_code() == grpc::StatusCode::UNAUTHENTICATED ||
              ended.error_code() == grpc::StatusCode::CANCELLED)
      << ended.error_code() << " " << ended.error_message();
  EXPECT_FALSE(UploadApplied());
}

// The control for the two uploads that apply nothing: the same upload, half-closed with a valid
// token, is applied.
TEST_F(StreamRevocationEndToEnd, TheSameUploadHalfClosedWithAValidTokenIsApplied) {
  UploadOnePersonMarkedLast();
  upload_->WritesDone();
  const grpc::Status ended = upload_->Finish();
  ASSERT_TRUE(ended.ok()) << ended.error_message();
  EXPECT_TRUE(upload_response_.applied());
  EXPECT_TRUE(UploadApplied());
}

class IdleStreamEndToEnd : public StreamRevocationEndToEnd {
 protected:
  std::vector<std::string> ExtraServerFlags() override { return {"--stream-idle-seconds", "3"}; }
};

TEST_F(IdleStreamEndToEnd, AStreamIdleLongerThanTheServerAllowsIsCancelled) {
  OpenAnsweredStream();
  v1::EligibilityStreamResponse response;
  EXPECT_FALSE(stream_->Read(&response));
  const grpc::Status ended = stream_->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::CANCELLED) << ended.error_message();
  EXPECT_NE(ReadFile(log_path_).find("\"stream_cancelled\""), std::string::npos);
}

TEST_F(IdleStreamEndToEnd, AnUploadIdleLongerThanTheServerAllowsIsCancelledAndAppliesNothing) {
  UploadOnePersonMarkedLast();  // never half-closed: only the server's bound ends it
  const grpc::Status ended = upload_->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::CANCELLED) << ended.error_message();
  EXPECT_FALSE(UploadApplied());
}

TEST_F(IdleStreamEndToEnd, AStreamSendingWithinTheIdleBoundGoesOn) {
  OpenAnsweredStream();
  v1::EligibilityStreamResponse response;
  int answered = 0;
  for (int i = 0; i < 8; ++i) {
    usleep(500'000);  // each message well within the 3 s bound, the eight beyond it
    if (stream_->Write(request_) && stream_->Read(&response)) ++answered;
  }
  stream_->WritesDone();
  EXPECT_EQ(answered, 8);
  EXPECT_TRUE(stream_->Finish().ok());
}

}  // namespace
}  // namespace disposal::testing
