// History pages are bounded by their payloads' bytes as well as by count: a chain of large
// events is read a few at a time, and every reader still gets all of it. Real PostgreSQL.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "support/audit_service_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "2d8a9c74-5e60-4f71-9c65-906d3e4f5a61";
constexpr int kEvents = 12;
constexpr size_t kPayloadBytes = 1024 * 1024;

class AuditPageBytesTest : public AuditServiceFixture {
 protected:
  // kEvents events of about kPayloadBytes each, appended as the server appends them.
  void AppendLargeEvents() {
    const std::string note(kPayloadBytes, 'x');
    for (int version = 1; version <= kEvents; ++version) {
      db_.Query(
          "SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/"
          "UpdateClaim', 'req-" +
          std::to_string(version) + "', 'claim', '" + kClaim + "', " + std::to_string(version) +
          ", '{\"note\": \"" + note + "\"}')");
    }
  }
};

TEST_F(AuditPageBytesTest, APageOfLargeEventsStopsAtItsByteBudget) {
  AppendLargeEvents();
  constexpr int64_t kAll = std::numeric_limits<int64_t>::max();

  const auto page = repository_->Page({"claim", kClaim}, {}, {0, kAll}, kAll, 1000);

  ASSERT_TRUE(page.ok()) << page.error().Message();
  ASSERT_FALSE(page.value().empty());
  EXPECT_LT(page.value().size(), static_cast<size_t>(kEvents));
  size_t bytes_before_the_last = 0;
  for (size_t i = 0; i + 1 < page.value().size(); ++i) {
    bytes_before_the_last += page.value()[i].payload_json.size();
  }
  EXPECT_LT(bytes_before_the_last, static_cast<size_t>(domain::kAuditPageBytesMax));
}

TEST_F(AuditPageBytesTest, AChainOfLargeEventsIsVerifiedWhole) {
  AppendLargeEvents();
  grpc::ClientContext context;
  v1::VerifyClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(kClaim);
  v1::VerifyClaimHistoryResponse response;

  const grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);

  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.ok()) << response.first_break().reason();
  EXPECT_EQ(response.event_count(), kEvents);
}

TEST_F(AuditPageBytesTest, AStreamOfLargeEventsSendsEveryOne) {
  AppendLargeEvents();
  grpc::ClientContext context;
  v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(kClaim);
  request.set_page_size(1000);
  auto reader = stub_->StreamClaimHistory(&context, request);
  std::vector<int64_t> positions;
  v1::ClaimHistoryPage page;
  while (reader->Read(&page)) {
    for (const v1::AuditEvent& event : page.events()) positions.push_back(event.chain_seq());
  }

  const grpc::Status status = reader->Finish();

  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(positions.size(), static_cast<size_t>(kEvents));
  for (int i = 0; i < kEvents; ++i) EXPECT_EQ(positions[static_cast<size_t>(i)], i + 1);
}

}  // namespace
}  // namespace disposal::testing
