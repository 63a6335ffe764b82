// VerifyClaimHistory reads the chain's head and its pages in separate reads, which with a hot
// standby may go to either server, and a standby may show a commit a moment before the
// primary does: the head may then be ahead of the pages. A chain whose events end before its
// head is read again after a moment before it is called cut short. Real PostgreSQL; the
// standby's lead is played by a head read one event ahead.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api/audit_service.h"
#include "api/decision_audit.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "store/audit_store.h"
#include "store/decision_audit_store.h"
#include "store/registry_store.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

constexpr char kClaim[] = "2d8e9c74-5e6f-4a7b-9c65-9a6d3e4f5061";

// The stored history, whose head reads one event ahead for the next `ahead_reads` reads.
class HeadAhead : public domain::AuditRepository {
 public:
  explicit HeadAhead(domain::AuditRepository& stored) : stored_(stored) {}

  Result<std::optional<domain::ChainHead>> Head(const domain::AuditSubjectRef& subject) override {
    Result<std::optional<domain::ChainHead>> head = stored_.Head(subject);
    if (ahead_reads == 0 || !head.ok() || !head.value()) return head;
    --ahead_reads;
    domain::ChainHead ahead = *head.value();
    ++ahead.chain_seq;
    ahead.hash = std::string(32, '\x7f');
    return std::optional<domain::ChainHead>(ahead);
  }
  Result<std::vector<domain::AuditRecord>> Page(const domain::AuditSubjectRef& subject,
                                                const domain::HistoryFilter& filter,
                                                const domain::ChainPosition& after, int64_t through,
                                                int limit) override {
    return stored_.Page(subject, filter, after, through, limit);
  }

  int ahead_reads = 0;

 private:
  domain::AuditRepository& stored_;
};

class AuditVerifyRereadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stored_ = std::make_unique<store::PgAuditRepository>(db_.database());
    history_ = std::make_unique<HeadAhead>(*stored_);
    decisions_repository_ = std::make_unique<store::PgDecisionAuditRepository>(db_.database());
    registry_ = std::make_unique<store::PgRegistryRepository>(db_.database());
    decisions_ = std::make_unique<api::DecisionAudit>(*decisions_repository_, *registry_,
                                                      [] { return int64_t{0}; });
    service_ = std::make_unique<api::AuditServiceImpl>(*history_, *decisions_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    stub_ = v1::AuditService::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                          grpc::InsecureChannelCredentials()));
    for (int version = 1; version <= 3; ++version) {
      db_.Query("SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/" +
                std::string(version == 1 ? "CreateClaim" : "UpdateClaim") + "', '', 'claim', '" +
                kClaim + "', " + std::to_string(version) + ", '{}')");
    }
  }

  void TearDown() override { server_->Shutdown(); }

  v1::VerifyClaimHistoryResponse Verify() {
    grpc::ClientContext context;
    v1::VerifyClaimHistoryRequest request;
    request.mutable_subject()->set_claim_id(kClaim);
    v1::VerifyClaimHistoryResponse response;
    const grpc::Status status = stub_->VerifyClaimHistory(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  TestDatabase db_;
  std::unique_ptr<store::PgAuditRepository> stored_;
  std::unique_ptr<HeadAhead> history_;
  std::unique_ptr<store::PgDecisionAuditRepository> decisions_repository_;
  std::unique_ptr<store::PgRegistryRepository> registry_;
  std::unique_ptr<api::DecisionAudit> decisions_;
  std::unique_ptr<api::AuditServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

TEST_F(AuditVerifyRereadTest, AHeadReadAheadOfThePagesOnceIsReadAgainAndTheChainIsWhole) {
  history_->ahead_reads = 2;  // both head reads of the first pass
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_TRUE(verified.ok()) << verified.first_break().reason();
  EXPECT_EQ(verified.head_chain_seq(), 3);
}

// Still ahead when read again: the chain is reported cut short.
TEST_F(AuditVerifyRereadTest, AHeadStillAheadWhenReadAgainIsReportedRemoved) {
  history_->ahead_reads = 4;
  const v1::VerifyClaimHistoryResponse verified = Verify();
  EXPECT_FALSE(verified.ok());
  EXPECT_EQ(verified.first_break().kind(), v1::CHAIN_BREAK_KIND_REMOVED);
}

}  // namespace
}  // namespace disposal::testing
