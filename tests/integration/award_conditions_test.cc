// An award decided on a gate and an eligibility that changed before its booking committed:
// the booking transaction checks both again (the gate on the disposal as it reads it, the
// registry's version under the registry's lock), writes the buyer's decision receipt itself,
// and a retry that races its own first call gets that call's outcome. Real PostgreSQL.
#include <chrono>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/outcome_fixture.h"

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
    if (gate.ok()) conditions.gate = gate.value();
    conditions.registry_version = RegistryVersion();
    conditions.claim_versions[claim_id_] = ClaimVersion();
    conditions.receipt.decision_id = outcome.eligibility_decision_id;
    conditions.receipt.decided_micros = AwardMicros();
    conditions.receipt.actor = "tester";
    conditions.receipt.disposal_id = outcome.disposal_id;
    conditions.receipt.bidder = outcome.buyer.identifier;
    conditions.receipt.outcome = "ELIGIBLE";
    conditions.receipt.registry_version = conditions.registry_version;
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

TEST_F(AwardConditionsTest, TheBookingWritesTheBuyersReceiptInItsOwnTransaction) {
  const domain::OutcomeRecord outcome = LotZeroAward();
  const auto booked = Book(outcome, ConditionsNow(outcome));
  ASSERT_TRUE(booked.ok()) << booked.error().Message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM eligibility_decisions WHERE decision_id = '" +
                      outcome.eligibility_decision_id + "' AND outcome = 'ELIGIBLE'"),
            "1");
}

// Through the API, without waiting for the decision log: the outcome's decision is on record
// the moment the award is answered.
TEST_F(AwardConditionsTest, AnAwardsDecisionIsOnRecordWhenTheAwardIsAnswered) {
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(
      db_.Query("SELECT bidder FROM eligibility_decisions WHERE decision_id = '" +
                outcome.eligibility_decision_id() + "'"),
      std::string("11010519800101012") + domain::NationalIdCheckCharacter("11010519800101012"));
}

// The index of this server has not seen the listing (no notification reaches it here); the
// award's check catches up with the registry first.
TEST_F(AwardConditionsTest, TheBuyersCheckSeesARegistryChangeTheIndexHasNotLoadedYet) {
  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  ListTheBuyerBehindTheIndex(request.buyer().person().national_id());
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("INELIGIBLE"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

// Retries of one award sent at once: whichever books, the others see the lot awarded by their
// own request, and answer with that outcome rather than "already awarded".
TEST_F(AwardConditionsTest, ParallelRetriesOfOneAwardAllGetTheOutcomeItBooked) {
  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  now_ = ShanghaiMicros(2021, 9, 1, 11);
  constexpr int kCalls = 16;
  std::vector<std::future<std::pair<grpc::Status, std::string>>> calls;
  for (int i = 0; i < kCalls; ++i) {
    // Staggered, so that some retries come while the first booking commits.
    calls.push_back(std::async(std::launch::async, [&request, i, this] {
      std::this_thread::sleep_for(std::chrono::microseconds(500 * i));
      grpc::ClientContext context;
      context.AddMetadata("x-disposal-actor", "tester");
      v1::Outcome outcome;
      grpc::Status status = ledger_stub_->RecordOutcome(&context, request, &outcome);
      return std::make_pair(status, outcome.id());
    }));
  }
  std::set<std::string> ids;
  for (auto& call : calls) {
    const auto [status, id] = call.get();
    EXPECT_TRUE(status.ok()) << status.error_code() << ": " << status.error_message();
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(Count("outcomes"), 1);
}

}  // namespace
}  // namespace disposal::testing
