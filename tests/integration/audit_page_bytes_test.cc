// History pages are bounded in bytes as well as in events: a chain of large events is read in
// pages of at most kAuditPagePayloadBytesMax of payloads, and streams and verification read on
// through such pages to the chain's end.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "domain/audit_repository.h"
#include "support/audit_service_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "3e9fad85-6f70-4b8c-8d76-ab7e4f506172";
// Events of 400 KiB each: 24 of them pass the page's budget, which 20 do not.
constexpr int kLargeEvents = 24;
constexpr size_t kNoteBytes = 400 * 1024;
constexpr int64_t kWholeChain = std::numeric_limits<int64_t>::max();

class AuditPageBytesTest : public AuditServiceFixture {
 protected:
  void AppendLarge(int count) {
    for (int version = 1; version <= count; ++version) {
      const std::string note(kNoteBytes, static_cast<char>('a' + version % 26));
      db_.Query(
          "SELECT audit_append('tester', 'staff', '', "
          "'disposal.v1.ClaimService/UpdateClaim', 'req-" +
          std::to_string(version) + "', 'claim', '" + kClaim + "', " + std::to_string(version) +
          ", '{\"note\": \"" + note + "\"}')");
    }
  }

  // The payload of kClaim's event at `chain_seq` as the database holds it.
  std::string StoredPayload(int64_t chain_seq) {
    return db_.Query("SELECT payload::text FROM audit_events WHERE subject_id = '" +
                     std::string(kClaim) + "' AND chain_seq = " + std::to_string(chain_seq));
  }

  static size_t PayloadBytes(const std::vector<domain::AuditRecord>& events) {
    size_t bytes = 0;
    for (const domain::AuditRecord& event : events) bytes += event.payload_json.size();
    return bytes;
  }
};

TEST_F(AuditPageBytesTest, APageOfLargeEventsStopsAtItsByteBudgetAndSaysThereIsMore) {
  AppendLarge(kLargeEvents);
  Result<domain::AuditPage> page = repository_->Page({"claim", kClaim}, {}, {}, kWholeChain, 1000);
  ASSERT_TRUE(page.ok()) << page.error().Message();
  EXPECT_TRUE(page.value().more);
  EXPECT_GT(page.value().events.size(), 1u);
  EXPECT_LT(page.value().events.size(), static_cast<size_t>(kLargeEvents));
  EXPECT_LE(PayloadBytes(page.value().events), domain::kAuditPagePayloadBytesMax);
}

TEST_F(AuditPageBytesTest, LargePayloadsOfAPageAreReadWhole) {
  AppendLarge(3);
  Result<domain::AuditPage> page = repository_->Page({"claim", kClaim}, {}, {}, kWholeChain, 1000);
  ASSERT_TRUE(page.ok()) << page.error().Message();
  ASSERT_EQ(page.value().events.size(), 3u);
  EXPECT_FALSE(page.value().more);
  for (const domain::AuditRecord& event : page.value().events) {
    EXPECT_GT(event.payload_json.size(), kNoteBytes);
    EXPECT_EQ(event.payload_json, StoredPayload(event.chain_seq));
  }
}

TEST_F(AuditPageBytesTest, APageCutByItsBudgetContinuesWhereItStopped) {
  AppendLarge(kLargeEvents);
  Result<domain::AuditPage> first = repository_->Page({"claim", kClaim}, {}, {}, kWholeChain, 1000);
  ASSERT_TRUE(first.ok()) << first.error().Message();
  ASSERT_FALSE(first.value().events.empty());
  const domain::AuditRecord& last = first.value().events.back();
  Result<domain::AuditPage> rest =
      repository_->Page({"claim", kClaim}, {}, {last.chain_seq, last.seq}, kWholeChain, 1000);
  ASSERT_TRUE(rest.ok()) << rest.error().Message();
  EXPECT_FALSE(rest.value().more);
  ASSERT_FALSE(rest.value().events.empty());
  EXPECT_EQ(rest.value().events.front().chain_seq, last.chain_seq + 1);
  EXPECT_EQ(first.value().events.size() + rest.value().events.size(),
            static_cast<size_t>(kLargeEvents));
}

TEST_F(AuditPageBytesTest, AStreamOfLargeEventsSendsEveryEventOnceInOrder) {
  AppendLarge(kLargeEvents);
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(kClaim);
  request.set_page_size(1000);
  grpc::ClientContext context;
  auto reader = stub_->StreamClaimHistory(&context, request);
  v1::ClaimHistoryPage message;
  int64_t expected = 1;
  while (reader->Read(&message)) {
    for (const auto& event : message.events()) EXPECT_EQ(event.chain_seq(), expected++);
  }
  const grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(expected, kLargeEvents + 1);
}

TEST_F(AuditPageBytesTest, VerificationReadsEveryEventOfAChainOfLargeEvents) {
  AppendLarge(kLargeEvents);
  grpc::ClientContext context;
  v1::VerifyClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(kClaim);
  v1::VerifyClaimHistoryResponse response;
  const grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.ok()) << response.first_break().reason();
  EXPECT_EQ(response.event_count(), kLargeEvents);
}

}  // namespace
}  // namespace disposal::testing
