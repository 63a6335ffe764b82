// Disposal use cases whose first look and whose write are separate: what another caller commits
// in between (an award, a draft's update, the same request's first call) is seen by the write's
// transaction, which decides again on the disposal as it reads it. The interleaving is made
// exact by a repository that commits the competing change just before the write. Real
// PostgreSQL.
#include <atomic>
#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "api/disposal_mapping.h"
#include "support/outcome_fixture.h"
#include "support/raced_disposals.h"

namespace disposal::testing {
namespace {

class DisposalRacesTest : public OutcomeFixture {
 protected:
  void SetUp() override {
    OutcomeFixture::SetUp();
    raced_ = std::make_unique<RacedDisposals>(db_.database());
    registry_under_race_ = std::make_unique<domain::DisposalRegistry>(
        *raced_, *calendar_registry_, [this] { return now_.load(); });
  }

  static domain::RequestKey Key(const std::string& request_id) {
    return {request_id, std::string(64, 'a')};
  }
  static domain::AuditContext Audit(const std::string& request_id) {
    return {"tester", "disposal.v1.DisposalService/Raced", request_id, "{}"};
  }

  std::string StoredState(const std::string& id) {
    return db_.Query("SELECT stored_state FROM disposals WHERE id = '" + id + "'");
  }

  std::unique_ptr<RacedDisposals> raced_;
  std::unique_ptr<domain::DisposalRegistry> registry_under_race_;
};

TEST_F(DisposalRacesTest, ASuspensionOvertakenByTheLastLotsAwardIsRefused) {
  v1::Outcome first;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &first).ok());
  // The suspension looks while lot 1 is still for sale; lot 1 is sold before it writes.
  raced_->before_write = [this] {
    v1::Outcome last;
    ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 2), &last).ok());
  };
  now_ = ShanghaiMicros(2021, 9, 2, 11);
  const auto suspended = registry_under_race_->ApplyTransition(disposal_.id(), disposal_.version(),
                                                               domain::Transition::kSuspend, "复核",
                                                               Key("suspend"), Audit("suspend"));

  ASSERT_FALSE(suspended.ok());
  EXPECT_EQ(suspended.error().code, ErrorCode::kFailedPrecondition) << suspended.error().Message();
  EXPECT_NE(suspended.error().Message().find("cannot suspend a disposal that is awarded"),
            std::string::npos)
      << suspended.error().Message();
  EXPECT_EQ(StoredState(disposal_.id()), "published");
}

TEST_F(DisposalRacesTest, ASubmissionOnALotRemovedBeforeItIsStoredIsInvalidArgument) {
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id_), "second-draft", &draft).ok());
  ASSERT_EQ(draft.lots_size(), 2);
  raced_->before_write = [&] {
    v1::Disposal one_lot = draft;
    one_lot.mutable_lots()->RemoveLast();
    grpc::ClientContext context;
    v1::UpdateDisposalRequest request;
    *request.mutable_disposal() = one_lot;
    request.mutable_update_mask()->add_paths("lots");
    v1::Disposal updated;
    const grpc::Status status = stub_->UpdateDisposal(&context, request, &updated);
    ASSERT_TRUE(status.ok()) << status.error_message();
  };
  domain::Submission inquiry;
  inquiry.disposal_id = draft.id();
  inquiry.lot_id = draft.lots(1).id();
  inquiry.kind = domain::SubmissionKind::kInquiry;
  inquiry.channel = "letter";
  inquiry.received_micros = now_.load();
  inquiry.submitter = "某投资者";
  inquiry.text = "询价";
  const auto recorded =
      registry_under_race_->RecordSubmission(inquiry, Key("inquiry"), Audit("inquiry"));

  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.error().code, ErrorCode::kInvalidArgument) << recorded.error().Message();
  EXPECT_EQ(recorded.error().field, "submission.lot_id");
  EXPECT_EQ(Count("submissions"), 0);
}

// The draft's lots were checked against the claim; the claim lost its first tranche before
// the draft was stored, so "tranche 2" would name nothing (or, renumbered, another loan).
TEST_F(DisposalRacesTest, ADraftWhoseClaimChangedBeforeItIsStoredIsAbortedAndNotStored) {
  const std::string claim = CreateSeedClaim("another-claim");
  v1::Disposal wanted = SeedDisposal(claim);
  wanted.mutable_lots()->DeleteSubrange(0, 1);  // tranche 2 only
  raced_->before_write = [&] {
    v1::UpdateClaimRequest request;
    ASSERT_TRUE(GetClaim(claim, request.mutable_claim()).ok());
    request.mutable_claim()->mutable_tranches()->DeleteSubrange(0, 1);
    request.mutable_update_mask()->add_paths("tranches");
    grpc::ClientContext context;
    v1::Claim updated;
    const grpc::Status status = claim_stub_->UpdateClaim(&context, request, &updated);
    ASSERT_TRUE(status.ok()) << status.error_message();
  };
  const int before = Count("disposals");
  auto content = api::DisposalContentFromProto(wanted, "disposal");
  ASSERT_TRUE(content.ok()) << content.error().Message();
  const auto created = registry_under_race_->Create(content.value(), Key("draft"), Audit("draft"));

  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kAborted) << created.error().Message();
  EXPECT_NE(created.error().Message().find("claim " + claim + " changed"), std::string::npos)
      << created.error().Message();
  EXPECT_EQ(Count("disposals"), before);
}

// The retry looked for its first call's answer before that call committed, and found the
// disposal published by it when it looked at the disposal.
TEST_F(DisposalRacesTest, APublicationRetryOvertakenByItsFirstCallGetsThatCallsAnswer) {
  v1::Disposal draft;
  // Another claim's: the fixture's notice offers the seed claim's tranches already.
  ASSERT_TRUE(
      CreateDisposal(SeedDisposal(CreateSeedClaim("race-claim")), "second-draft", &draft).ok());
  Result<domain::DisposalView> first = Error::Internal("not called");
  raced_->before_read = [&] {
    first = disposal_registry_->Publish(draft.id(), draft.version(), domain::Date{2021, 8, 2},
                                        Key("publish"), Audit("publish"));
  };
  const auto retried = registry_under_race_->Publish(
      draft.id(), draft.version(), domain::Date{2021, 8, 2}, Key("publish"), Audit("publish"));

  ASSERT_TRUE(first.ok()) << first.error().Message();
  ASSERT_TRUE(retried.ok()) << retried.error().Message();
  EXPECT_EQ(retried.value().record.disposal.version, first.value().record.disposal.version);
  EXPECT_EQ(StoredState(draft.id()), "published");
}

// A request id may be any of [A-Za-z0-9._:-]: one spelled like a claim's publication lock
// must not take that lock. Held by another session (as UpdateClaim with that request id holds
// it), it leaves a publication of the claim free to go on. The wait is bounded only so that a
// regression fails instead of hanging.
TEST_F(DisposalRacesTest, ARequestIdSpelledLikeThePublicationLockDoesNotHoldPublicationsUp) {
  const std::string claim_id = CreateSeedClaim("lock-claim");
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "lock-draft", &draft).ok());
  pqxx::connection other(db_.url());
  pqxx::work holding(other);
  holding.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                      "disposal-offer:" + claim_id);
  std::atomic<bool> done{false}, published{false};
  std::thread publisher([&] {
    v1::Disposal out;
    published = Publish(draft, 2021, 8, 2, &out).ok();
    done = true;
  });
  for (int waited = 0; waited < 300 && !done; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const bool finished_while_held = done;
  holding.abort();
  publisher.join();
  EXPECT_TRUE(finished_while_held);
  EXPECT_TRUE(published);
}

}  // namespace
}  // namespace disposal::testing
