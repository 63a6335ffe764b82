// Reads "as of a past time" for auditors: claims, disposals and the ledger as they stood at an
// instant, rebuilt from the history that schema/0010_as_of_history.sql keeps.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "support/claim_service_fixture.h"
#include "support/instant.h"
#include "support/ledger_fixture.h"
#include "support/sample_claims.h"

namespace disposal::testing {
namespace {

using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

class ClaimAsOfTest : public ClaimServiceFixture {
 protected:
  grpc::Status GetAsOf(const std::string& id, const Timestamp& as_of_time, v1::Claim* out) {
    grpc::ClientContext context;
    v1::GetClaimRequest request;
    request.set_id(id);
    *request.mutable_as_of_time() = as_of_time;
    return stub_->GetClaim(&context, request, out);
  }

  v1::Claim CreateSample(const std::string& request_id) {
    v1::Claim created;
    EXPECT_TRUE(Create(SampleClaim(), request_id, &created).ok());
    return created;
  }
};

TEST_F(ClaimAsOfTest, ClaimUpdatedAfterTheTimeReadsBackAsItWasThen) {
  const v1::Claim created = CreateSample("as-of-update");
  const Timestamp before_update = Instant();
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->set_title("修改后的标题");
  *request.mutable_claim()->mutable_tranches(0)->mutable_principal() = Yuan(1);
  request.mutable_update_mask()->add_paths("title");
  request.mutable_update_mask()->add_paths("tranches");
  v1::Claim updated;
  ASSERT_TRUE(Update(request, &updated).ok());

  v1::Claim then;
  const grpc::Status status = GetAsOf(created.id(), before_update, &then);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(then.title(), created.title());
  EXPECT_EQ(then.version(), 1);
  ASSERT_EQ(then.tranches_size(), created.tranches_size());
  EXPECT_EQ(then.tranches(0).principal().units(), created.tranches(0).principal().units());
  v1::Claim now;
  ASSERT_TRUE(Get(created.id(), &now).ok());
  EXPECT_EQ(now.title(), "修改后的标题");
  EXPECT_EQ(now.tranches(0).principal().units(), 1);
}

// An auditor takes the times a claim reports as instants to read it at: each shows its version.
TEST_F(ClaimAsOfTest, AReadAsOfAClaimsOwnTimesShowsTheVersionEachStamps) {
  const v1::Claim created = CreateSample("as-of-own-times");
  v1::UpdateClaimRequest request;
  *request.mutable_claim() = created;
  request.mutable_claim()->set_title("第二版");
  request.mutable_update_mask()->add_paths("title");
  v1::Claim updated;
  ASSERT_TRUE(Update(request, &updated).ok());

  v1::Claim at_creation;
  const grpc::Status created_then = GetAsOf(created.id(), created.create_time(), &at_creation);
  ASSERT_TRUE(created_then.ok()) << created_then.error_message();
  EXPECT_EQ(at_creation.version(), 1);
  v1::Claim at_update;
  const grpc::Status updated_then = GetAsOf(created.id(), updated.update_time(), &at_update);
  ASSERT_TRUE(updated_then.ok()) << updated_then.error_message();
  EXPECT_EQ(at_update.version(), 2);
  EXPECT_EQ(at_update.title(), "第二版");
  EXPECT_EQ(at_update.update_time(), updated.update_time());
}

TEST_F(ClaimAsOfTest, ClaimCreatedAfterTheTimeIsNotFoundThen) {
  const Timestamp before_create = Instant();
  const v1::Claim created = CreateSample("as-of-create");
  v1::Claim then;
  const grpc::Status status = GetAsOf(created.id(), before_create, &then);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("did not exist"), std::string::npos)
      << status.error_message();
}

TEST_F(ClaimAsOfTest, FutureAsOfTimeIsInvalidArgumentNamingTheField) {
  const v1::Claim created = CreateSample("as-of-future");
  v1::Claim then;
  const grpc::Status status =
      GetAsOf(created.id(), TimeUtil::GetCurrentTime() + TimeUtil::SecondsToDuration(3600), &then);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("as_of_time:", 0), 0u) << status.error_message();
}

TEST_F(ClaimAsOfTest, HistoryIsAppendOnlyForTheServerRole) {
  CreateSample("as-of-append-only");
  for (const std::string sql :
       {"UPDATE subject_history SET table_name = 'x'", "DELETE FROM subject_history",
        "TRUNCATE subject_history",
        "INSERT INTO subject_history (change_time, txid, statement, table_name, subject_id, "
        "operation, new_row) VALUES (now(), 1, 1, 'claims', gen_random_uuid(), 'INSERT', '{}')"}) {
    SCOPED_TRACE(sql);
    EXPECT_THROW(db_.Query("SET LOCAL ROLE disposal_app; " + sql), pqxx::sql_error);
  }
  // Not even the owner may rewrite it.
  EXPECT_THROW(db_.Query("DELETE FROM subject_history"), pqxx::sql_error);
}

class DisposalAsOfTest : public DisposalFixture {
 protected:
  grpc::Status GetAsOf(const std::string& id, const Timestamp& as_of_time, v1::Disposal* out) {
    grpc::ClientContext context;
    v1::GetDisposalRequest request;
    request.set_id(id);
    *request.mutable_as_of_time() = as_of_time;
    return stub_->GetDisposal(&context, request, out);
  }

  // Reads `draft` as of `time` and expects it as it was then: the draft, unpublished.
  v1::Disposal ExpectDraftAsOf(const v1::Disposal& draft, const Timestamp& time) {
    v1::Disposal then;
    const grpc::Status status = GetAsOf(draft.id(), time, &then);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(then.state(), v1::DISPOSAL_STATE_DRAFT);
    EXPECT_EQ(then.version(), draft.version());
    EXPECT_FALSE(then.has_publication_date());
    return then;
  }
};

TEST_F(DisposalAsOfTest, DisposalPublishedAfterTheTimeReadsBackAsADraftThen) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "as-of-draft", &draft).ok());
  const Timestamp before_publish = Instant();
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  ASSERT_EQ(published.state(), v1::DISPOSAL_STATE_PUBLISHED);

  const v1::Disposal then = ExpectDraftAsOf(draft, before_publish);
  EXPECT_EQ(then.lots_size(), draft.lots_size());
  EXPECT_EQ(then.book_value().units(), draft.book_value().units());
}

// The times a disposal reports, read as instants, show the version each stamps.
TEST_F(DisposalAsOfTest, AReadAsOfADisposalsOwnTimesShowsTheVersionEachStamps) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "as-of-own", &draft).ok());
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  ExpectDraftAsOf(draft, draft.create_time());
  v1::Disposal then;
  const grpc::Status status = GetAsOf(draft.id(), published.update_time(), &then);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(then.version(), published.version());
  EXPECT_TRUE(then.has_publication_date());
}

TEST_F(DisposalAsOfTest, HistoryWrittenBeforeAColumnWasAddedReadsBackAsItWasThen) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "as-of-old", &draft).ok());
  const Timestamp before_publish = Instant();
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  // As if the rows were written before schema/0030 added window_counting: their history has
  // no such key, while the live row (and any row written since) has it, as null.
  db_.Query(
      "SET LOCAL session_replication_role = replica; "
      "UPDATE subject_history SET old_row = old_row - 'window_counting', "
      "new_row = new_row - 'window_counting' WHERE table_name = 'disposals'; "
      "UPDATE disposals SET window_counting = NULL");

  ExpectDraftAsOf(draft, before_publish);
}

class LedgerAsOfTest : public LedgerFixture {
 protected:
  grpc::Status StatementAsOf(const std::string& claim_id, const Timestamp& as_of_time,
                             v1::ClaimStatement* out) {
    grpc::ClientContext context;
    v1::GetClaimStatementRequest request;
    request.set_claim_id(claim_id);
    *request.mutable_as_of() = MakeProtoDate(2026, 11, 28);
    *request.mutable_as_of_time() = as_of_time;
    return ledger_stub_->GetClaimStatement(&context, request, out);
  }
};

TEST_F(LedgerAsOfTest, StatementAsOfATimeBeforeAPaymentLeavesThePaymentOut) {
  const std::string claim_id = CreateSeedClaim();
  const Timestamp before_payment = Instant();
  v1::RecordPaymentRequest pay;
  pay.set_claim_id(claim_id);
  *pay.mutable_amount() = Yuan(1000);
  *pay.mutable_received_date() = MakeProtoDate(2021, 9, 30);
  pay.set_request_id("as-of-debtor-payment");
  v1::Payment payment;
  const grpc::Status paid = Pay(pay, &payment);
  ASSERT_TRUE(paid.ok()) << paid.error_message();

  v1::ClaimStatement then;
  const grpc::Status status = StatementAsOf(claim_id, before_payment, &then);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Text(then.recovered()), "0.00");
  const v1::Date today = MakeProtoDate(2026, 11, 28);
  EXPECT_EQ(Text(Statement(claim_id, &today).recovered()), "1000.00");
}

}  // namespace
}  // namespace disposal::testing
