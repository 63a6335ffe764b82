// Registry versions are committed in the order they are taken (schema/0014), so a version
// names one registry: everything committed up to it. Two changes whose commits would otherwise
// cross (the first waits on a row lock while a later one commits) are made to take turns.
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "api/decision_audit.h"
#include "store/decision_audit_store.h"
#include "support/eligibility_fixture.h"
#include "support/lock_waiters.h"

namespace disposal::testing {
namespace {

class RegistryVersionOrderTest : public EligibilityFixture {
 protected:
  static v1::ApplyRegistryChangesRequest PersonChange(const std::string& national_id,
                                                      const std::string& name) {
    v1::ApplyRegistryChangesRequest request;
    v1::RegistryPerson* person = request.add_changes()->mutable_person();
    person->set_national_id(national_id);
    person->set_name(name);
    return request;
  }

  // A new person, then a civil-servant role for `bidder` (whose row a test may hold locked).
  static v1::ApplyRegistryChangesRequest PersonThenRole(const std::string& national_id,
                                                        const std::string& bidder) {
    v1::ApplyRegistryChangesRequest request = PersonChange(national_id, "某甲");
    v1::RoleEntry* role = request.add_changes()->mutable_role();
    role->set_national_id(bidder);
    role->set_role(v1::PERSON_ROLE_CIVIL_SERVANT);
    role->set_employer("某市财政局");
    *role->mutable_valid_from() = MakeProtoDate(2020, 1, 1);
    return request;
  }

  struct Crossing {
    int64_t first_version = 0;
    int64_t second_version = 0;
    // Whether the second change had committed while the first still waited on the row lock.
    bool second_committed_first = false;
  };

  // The first change starts and then waits on a row lock; meanwhile a second change is made;
  // then the lock is released. Only this server's catching up (no notifications) refreshes
  // the index, so what it shows is what the versions told it.
  Crossing CrossTwoChanges(const std::string& bidder) {
    listener_.reset();
    pqxx::connection raw(db_.url());
    pqxx::work holder(raw);
    holder.exec_params("SELECT 1 FROM registry_persons WHERE national_id = $1 FOR UPDATE", bidder);
    Crossing crossing;
    grpc::Status first_status, second_status;
    std::atomic<bool> first_done{false}, second_done{false};
    std::thread first([&] {
      first_status =
          Apply(PersonThenRole(NationalId("19800101", 42), bidder), &crossing.first_version);
      first_done = true;
    });
    EXPECT_TRUE(WaitForLockWaiters(db_, 1, first_done))
        << "the first change never waited on the held row: the changes did not cross";
    std::thread second([&] {
      second_status =
          Apply(PersonChange(NationalId("19800101", 43), "某乙"), &crossing.second_version);
      second_done = true;
    });
    // The second either commits at once or waits its turn behind the first.
    const bool second_waited = WaitForLockWaiters(db_, 2, second_done);
    crossing.second_committed_first = second_done;
    EXPECT_TRUE(second_waited || crossing.second_committed_first)
        << "the second change neither waited nor committed while the first waited";
    holder.commit();
    first.join();
    second.join();
    EXPECT_TRUE(first_status.ok()) << first_status.error_message();
    EXPECT_TRUE(second_status.ok()) << second_status.error_message();
    return crossing;
  }
};

TEST_F(RegistryVersionOrderTest, AChangeThatWaitedOnALockIsSeenByTheNextCheck) {
  const std::string bidder = NationalId("19800101", 41);
  ASSERT_TRUE(Apply(PersonChange(bidder, "投资者")).ok());
  CrossTwoChanges(bidder);
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(PersonRequest(bidder), &decision).ok());
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE)
      << "the check answered without the civil-servant role committed before it";
}

TEST_F(RegistryVersionOrderTest, AChangeStartedLaterWaitsForTheEarlierOneToCommit) {
  const std::string bidder = NationalId("19800101", 44);
  ASSERT_TRUE(Apply(PersonChange(bidder, "投资者")).ok());
  const Crossing crossing = CrossTwoChanges(bidder);
  EXPECT_FALSE(crossing.second_committed_first);
  EXPECT_LT(crossing.first_version, crossing.second_version);
}

TEST_F(RegistryVersionOrderTest, ADecisionMadeAfterCrossingChangesReplaysAlike) {
  const std::string bidder = NationalId("19800101", 45);
  ASSERT_TRUE(Apply(PersonChange(bidder, "投资者")).ok());
  CrossTwoChanges(bidder);
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(PersonRequest(bidder), &decision).ok());
  log_->Flush();
  // A later refresh must not find another registry under the same version.
  ASSERT_TRUE(checker_->Refresh().ok());
  EXPECT_EQ(checker_->Snapshot()->version(), decision.registry_version());

  store::PgDecisionAuditRepository decisions(db_.database());
  api::DecisionAudit audit(decisions, *registry_, [] { return int64_t{1'800'000'000'000'000}; });
  v1::ReplayEligibilityDecisionRequest request;
  request.set_decision_id(decision.decision_id());
  v1::ReplayEligibilityDecisionResponse replay;
  ASSERT_TRUE(audit.Replay(request, &replay).ok());
  EXPECT_TRUE(replay.same()) << (replay.differences_size() > 0 ? replay.differences(0) : "");
}

}  // namespace
}  // namespace disposal::testing
