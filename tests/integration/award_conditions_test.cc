// An award decided on a gate and an eligibility that changed before its booking committed:
// the booking transaction checks both again (the gate on the disposal as it reads it, the
// registry's version under the registry's lock), writes the buyer's decision receipt itself,
// and a retry that races its own first call gets that call's outcome. Real PostgreSQL.
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "support/outcome_fixture.h"
#include "support/raced_disposals.h"

namespace disposal::testing {
namespace {

class AwardConditionsTest : public OutcomeFixture {
 protected:
  // Lot 0 of the seed disposal, to be awarded on 2021-09-01 to the fixture's buyer, with the
  // decision id and registry version `conditions` carry.
  domain::OutcomeRecord LotZeroAward() {
    domain::OutcomeRecord outcome;
    outcome.disposal_id = disposal_.id();
    outcome.lot_id = disposal_.lots(0).id();
    outcome.claim_id = claim_id_;
    outcome.tranche_number = 1;
    outcome.buyer = domain::Party{
        domain::PartyKind::kPerson, "买受人",
        std::string("11010519800101012") + domain::NationalIdCheckCharacter("11010519800101012")};
    outcome.price = domain::Money::Parse("300000000.00").value();
    outcome.award_date = domain::Date{2021, 9, 1};
    outcome.eligibility_decision_id = "00000000-0000-7000-8000-0000000000a1";
    return outcome;
  }

  // The conditions as the API builds them: the real gate, on the registry as it stands.
  domain::AwardConditions ConditionsNow(const domain::OutcomeRecord& outcome) {
    domain::AwardConditions conditions;
    auto gate = disposal_registry_->GateForBooking(outcome.lot_id, AwardMicros());
    EXPECT_TRUE(gate.ok());
    if (gate.ok()) {
      conditions.gate = gate.value().check;
      conditions.calendar_revision = gate.value().calendar_revision;
    }
    conditions.claim_versions[claim_id_] = ClaimVersion();
    conditions.receipt.decision_id = outcome.eligibility_decision_id;
    conditions.receipt.decided_micros = AwardMicros();
    conditions.receipt.actor = "tester";
    conditions.receipt.disposal_id = outcome.disposal_id;
    conditions.receipt.bidder = outcome.buyer.identifier;
    conditions.receipt.outcome = "ELIGIBLE";
    conditions.receipt.registry_version = RegistryVersion();
    return conditions;
  }

  Result<domain::OutcomeRecord> Book(const domain::OutcomeRecord& outcome,
                                     const domain::AwardConditions& conditions) {
    return ledger_->RecordOutcome(
        outcome, conditions, domain::RequestKey{"award-conditions", std::string(64, '0')},
        domain::AuditContext{"tester", "disposal.v1.LedgerService/RecordOutcome",
                             "award-conditions", "{}"});
  }

  static int64_t AwardMicros() { return ShanghaiMicros(2021, 9, 1, 10); }

  int64_t ClaimVersion() {
    return std::stoll(db_.Query("SELECT version FROM claims WHERE id = '" + claim_id_ + "'"));
  }

  int64_t RegistryVersion() {
    return std::stoll(db_.Query("SELECT coalesce(max(version), 0) FROM registry_versions"));
  }

  // Lists the fixture's buyer as a dishonest judgment debtor straight in the database, as an
  // administrator or another server would: this server's index does not see it yet.
  void ListTheBuyerBehindTheIndex(const std::string& buyer) {
    db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + buyer +
              "', '买受人')");
    db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + buyer +
              "', '最高人民法院失信被执行人名单', '2021-08-30')");
  }
};

TEST_F(AwardConditionsTest, AnObjectionFiledAfterTheGateAllowedTheAwardRefusesItsBooking) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  const auto asked =
      disposal_registry_->CheckGate(outcome.disposal_id, outcome.lot_id, AwardMicros());
  ASSERT_TRUE(asked.ok());
  ASSERT_TRUE(asked.value().allowed);
  const domain::AwardConditions conditions = ConditionsNow(outcome);
  // A late objection counts too: received an hour before the award.
  v1::Submission objection;
  ASSERT_TRUE(Submit(disposal_.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 9, 1, 9),
                     &objection)
                  .ok());

  const auto booked = Book(outcome, conditions);
  ASSERT_FALSE(booked.ok());
  EXPECT_EQ(booked.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(booked.error().reason.find("the award gate refuses"), std::string::npos)
      << booked.error().reason;
  EXPECT_NE(booked.error().reason.find("objection " + std::to_string(objection.number())),
            std::string::npos)
      << booked.error().reason;
  EXPECT_EQ(Count("outcomes"), 0);
  EXPECT_EQ(Count("eligibility_decisions"), 0);
}

// A suspension after the gate was asked (set here directly) is seen by the booking, which
// holds the disposal's row and finds it no longer published, whatever the gate would say.
TEST_F(AwardConditionsTest, AnAwardWhoseDisposalWasSuspendedAfterTheGateIsRefused) {
  db_.Query("UPDATE disposals SET stored_state = 'suspended' WHERE id = '" + disposal_.id() + "'");
  const domain::OutcomeRecord outcome = LotZeroAward();
  domain::AwardConditions conditions = ConditionsNow(outcome);
  conditions.gate = [](domain::DisposalRecord) { return OkStatus(); };

  const auto booked = Book(outcome, conditions);
  ASSERT_FALSE(booked.ok());
  EXPECT_EQ(booked.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(booked.error().reason.find("is suspended since the award gate was asked"),
            std::string::npos)
      << booked.error().reason;
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(AwardConditionsTest, ARegistryChangeSinceTheBuyersCheckAbortsTheBookingAndBooksNothing) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  const domain::AwardConditions conditions = ConditionsNow(outcome);
  const int entries_before = Count("journal_entries");
  ListTheBuyerBehindTheIndex(outcome.buyer.identifier);

  const auto booked = Book(outcome, conditions);
  ASSERT_FALSE(booked.ok());
  EXPECT_EQ(booked.error().code, ErrorCode::kAborted);
  EXPECT_NE(booked.error().reason.find("registry changed"), std::string::npos)
      << booked.error().reason;
  EXPECT_EQ(Count("outcomes"), 0);
  EXPECT_EQ(Count("journal_entries"), entries_before);
  EXPECT_EQ(Count("eligibility_decisions"), 0);
}

// The decision read the claim's parties at an earlier version (a guarantor may have been added
// since): decided again.
TEST_F(AwardConditionsTest, AClaimChangedSinceTheBuyersCheckAbortsTheBookingAndBooksNothing) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  domain::AwardConditions conditions = ConditionsNow(outcome);
  conditions.claim_versions[claim_id_] = ClaimVersion() - 1;

  const auto booked = Book(outcome, conditions);
  ASSERT_FALSE(booked.ok());
  EXPECT_EQ(booked.error().code, ErrorCode::kAborted);
  EXPECT_NE(booked.error().reason.find("claim " + claim_id_ + " changed"), std::string::npos)
      << booked.error().reason;
  EXPECT_EQ(Count("outcomes"), 0);
}

// A registry change holding the registry's lock (an import, say) does not keep the booking
// waiting with its claim and disposal locks: it is decided again.
TEST_F(AwardConditionsTest, ARegistryChangeInProgressAbortsTheBookingWithoutWaiting) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  const domain::AwardConditions conditions = ConditionsNow(outcome);
  pqxx::connection importer(db_.url());
  pqxx::work change(importer);
  change.exec("SELECT pg_advisory_xact_lock(7453006418498691705)");  // as schema/0014 takes it

  const auto booked = Book(outcome, conditions);
  change.abort();
  ASSERT_FALSE(booked.ok());
  EXPECT_EQ(booked.error().code, ErrorCode::kAborted);
  EXPECT_NE(booked.error().reason.find("registry change is being committed"), std::string::npos)
      << booked.error().reason;
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(AwardConditionsTest, TheBookingWritesTheBuyersReceiptInItsOwnTransaction) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  const auto booked = Book(outcome, ConditionsNow(outcome));
  ASSERT_TRUE(booked.ok()) << booked.error().Message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM eligibility_decisions WHERE decision_id = '" +
                      outcome.eligibility_decision_id + "' AND outcome = 'ELIGIBLE'"),
            "1");
}

// Through the API: the outcome and its decision's receipt are written by one transaction.
TEST_F(AwardConditionsTest, AnAwardsDecisionIsWrittenByTheTransactionThatBooksIt) {
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(db_.Query("SELECT (SELECT xmin::text FROM outcomes WHERE id = '" + outcome.id() +
                      "') = (SELECT xmin::text FROM eligibility_decisions WHERE decision_id = '" +
                      outcome.eligibility_decision_id() + "')"),
            "t");
}

// The index of this server has not loaded the listing (no change listener runs here): the
// award waits for it (bounded), and books nothing on the index as it is.
TEST_F(AwardConditionsTest, AnAwardOnAnIndexBehindTheRegistryIsUnavailableAndBooksNothing) {
  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  ListTheBuyerBehindTheIndex(request.buyer().person().national_id());
  v1::Outcome outcome;
  const grpc::Status behind = RecordOutcome(request, &outcome);
  EXPECT_EQ(behind.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(behind.error_message().find("still loading"), std::string::npos)
      << behind.error_message();
  EXPECT_EQ(Count("outcomes"), 0);

  ASSERT_TRUE(checker_->Refresh().ok());
  const grpc::Status loaded = RecordOutcome(request, &outcome);
  EXPECT_EQ(loaded.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(loaded.error_message().find("INELIGIBLE"), std::string::npos) << loaded.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

// A retry looked for its first call's outcome before that call committed, and then found the
// lot awarded (by that call): it answers with that outcome. The first call is made to commit
// exactly there, on this fixture's own server, while the retry goes through a second server
// whose disposals' store runs it.
TEST_F(AwardConditionsTest, ARetryOvertakenByItsFirstCallGetsTheOutcomeItBooked) {
  RacedDisposals raced(db_.database());
  domain::DisposalRegistry raced_registry(raced, *calendar_registry_,
                                          [this] { return now_.load(); });
  api::LedgerServiceImpl raced_ledger(*ledger_, raced_registry, *eligibility_,
                                      [this] { return now_.load(); });
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&raced_ledger);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(port, 0);
  auto raced_stub = v1::LedgerService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));

  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  now_ = ShanghaiMicros(2021, 9, 1, 11);
  v1::Outcome first;
  raced.before_read = [&] { ASSERT_TRUE(RecordOutcome(request, &first).ok()); };
  grpc::ClientContext context;
  context.AddMetadata("x-disposal-actor", "tester");
  v1::Outcome retried;
  const grpc::Status status = raced_stub->RecordOutcome(&context, request, &retried);
  server->Shutdown();

  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(first.id().empty());
  EXPECT_EQ(retried.id(), first.id());
  EXPECT_EQ(Count("outcomes"), 1);
}

}  // namespace
}  // namespace disposal::testing
