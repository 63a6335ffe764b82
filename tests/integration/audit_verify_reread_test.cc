// VerifyClaimHistory reads the chain's head and its pages in separate reads, which with a hot
// standby may go to either server, and a standby may show a commit a moment before the
// primary does: the head may then be ahead of the pages. A chain whose events end before its
// head is read again after a moment before it is called cut short. Real PostgreSQL; the
// standby's lead is played by a head read one event ahead.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "support/audit_service_fixture.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "2d8e9c74-5e6f-4a7b-9c65-9a6d3e4f5061";

// The stored history, whose head reads one event ahead for the next `ahead_reads` reads, and
// then one event behind (as the primary does while a standby already shows the last append)
// for the next `behind_reads`.
class HeadAhead : public domain::AuditRepository {
 public:
  Result<std::optional<domain::ChainHead>> Head(const domain::AuditSubjectRef& subject) override {
    Result<std::optional<domain::ChainHead>> head = stored->Head(subject);
    if (!head.ok() || !head.value()) return head;
    if (ahead_reads > 0) {
      --ahead_reads;
      domain::ChainHead ahead = *head.value();
      ++ahead.chain_seq;
      ahead.hash = std::string(32, '\x7f');
      return std::optional<domain::ChainHead>(ahead);
    }
    if (behind_reads == 0) return head;
    --behind_reads;
    return BehindBy1(subject, head.value()->chain_seq);
  }
  Result<domain::ChainExtent> Extent(const domain::AuditSubjectRef& subject) override {
    return stored->Extent(subject);
  }
  Result<domain::AuditPage> Page(const domain::AuditSubjectRef& subject,
                                 const domain::HistoryFilter& filter,
                                 const domain::ChainPosition& after, int64_t through,
                                 int limit) override {
    return stored->Page(subject, filter, after, through, limit);
  }

  domain::AuditRepository* stored = nullptr;
  int ahead_reads = 0;
  int behind_reads = 0;

 private:
  // The head as it was one append earlier: the event before the last, as stored.
  Result<std::optional<domain::ChainHead>> BehindBy1(const domain::AuditSubjectRef& subject,
                                                     int64_t head) {
    ASSIGN_OR_RETURN(
        domain::AuditPage page,
        stored->Page(subject, {}, {head - 2, std::numeric_limits<int64_t>::max()}, head - 1, 1));
    return std::optional<domain::ChainHead>(
        domain::ChainHead{page.events.front().chain_seq, page.events.front().hash});
  }
};

class AuditVerifyRereadTest : public AuditServiceFixture {
 protected:
  void SetUp() override {
    ahead_ = std::make_unique<HeadAhead>();
    AuditServiceFixture::SetUp();
    AppendMany(kClaim, 3);
  }

  domain::AuditRepository& History() override {
    ahead_->stored = repository_.get();
    return *ahead_;
  }

  v1::VerifyClaimHistoryResponse Verify() {
    grpc::ClientContext context;
    v1::VerifyClaimHistoryRequest request;
    request.mutable_subject()->set_claim_id(kClaim);
    v1::VerifyClaimHistoryResponse response;
    const grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::unique_ptr<HeadAhead> ahead_;
};

TEST_F(AuditVerifyRereadTest, AHeadReadAheadOfThePagesOnceIsReadAgainAndTheChainIsWhole) {
  ahead_->ahead_reads = 2;  // both head reads of the first pass
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_TRUE(verified.ok()) << verified.first_break().reason();
  EXPECT_EQ(verified.head_chain_seq(), 3);
}

// The primary's head behind the pages a standby served (the last append seen there first): the
// event past the head is read again, and the chain is whole.
TEST_F(AuditVerifyRereadTest, PagesReadAheadOfTheHeadOnceAreReadAgainAndTheChainIsWhole) {
  ahead_->behind_reads = 2;  // both head reads of the first pass
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_TRUE(verified.ok()) << verified.first_break().reason();
  EXPECT_EQ(verified.head_chain_seq(), 3);
}

// Still behind when read again: the event past the head is reported inserted.
TEST_F(AuditVerifyRereadTest, PagesStillAheadOfTheHeadWhenReadAgainAreReportedInserted) {
  ahead_->behind_reads = 4;
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_INSERTED);
  EXPECT_EQ(verified.first_break().chain_seq(), 3);
}

// Still ahead when read again: the chain is reported cut short.
TEST_F(AuditVerifyRereadTest, AHeadStillAheadWhenReadAgainIsReportedRemoved) {
  ahead_->ahead_reads = 4;
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_FALSE(verified.ok());
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
}

}  // namespace
}  // namespace disposal::testing
