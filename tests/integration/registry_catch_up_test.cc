// A registry change waits for this server's index to load it, but never queues behind another
// rebuild already under way (a change listener's, seconds long for a large registry, and not
// cancellable): it waits for that one, bounded, and says the change is committed if the index
// has not caught up by then. Real PostgreSQL.
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "domain/call_deadline.h"
#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

// The registry's store, whose next load can be held until released.
class HeldLoadRepository : public store::PgRegistryRepository {
 public:
  using store::PgRegistryRepository::PgRegistryRepository;

  Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadSnapshot() override {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (hold_next_) {
        hold_next_ = false;
        held_ = true;
        changed_.notify_all();
        changed_.wait(lock, [this] { return !held_; });
      }
    }
    return store::PgRegistryRepository::LoadSnapshot();
  }

  void HoldNextLoad() {
    std::lock_guard<std::mutex> lock(mutex_);
    hold_next_ = true;
  }
  void WaitUntilHeld() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return held_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    held_ = false;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool hold_next_ = false;
  bool held_ = false;
};

class RegistryCatchUpTest : public EligibilityFixture {
 protected:
  std::unique_ptr<store::PgRegistryRepository> MakeRegistryRepository() override {
    auto repository = std::make_unique<HeldLoadRepository>(db_.database());
    held_ = repository.get();
    return repository;
  }

  static v1::ApplyRegistryChangesRequest AddPerson(const std::string& national_id) {
    v1::ApplyRegistryChangesRequest request;
    v1::RegistryPerson* person = request.add_changes()->mutable_person();
    person->set_national_id(national_id);
    person->set_name("甲");
    return request;
  }

  // Short, so that the test does not wait the default's half a minute.
  std::chrono::milliseconds CatchUpWait() const override { return std::chrono::seconds(2); }

  HeldLoadRepository* held_ = nullptr;
};

TEST_F(RegistryCatchUpTest, AChangeDoesNotQueueBehindARebuildAlreadyUnderWay) {
  held_->HoldNextLoad();
  std::thread rebuild([this] { (void)checker_->Refresh(); });
  held_->WaitUntilHeld();

  std::future<grpc::Status> applied = std::async(
      std::launch::async, [this] { return Apply(AddPerson(NationalId("19800101", 51))); });
  // Well past the wait's bound (2 s): a change queued behind the held rebuild would still be
  // waiting.
  const bool answered = applied.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  held_->Release();
  rebuild.join();
  ASSERT_TRUE(answered) << "the change waited for the held rebuild to end";
  const grpc::Status status = applied.get();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("committed as registry version"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "1");
}

TEST_F(RegistryCatchUpTest, AChangeIsSeenByTheNextCheckOnceNoOtherRebuildIsUnderWay) {
  int64_t version = 0;
  const grpc::Status status = Apply(AddPerson(NationalId("19800101", 52)), &version);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(checker_->Snapshot());
  EXPECT_GE(checker_->Snapshot()->version(), version);
}

// An award's check waits for the index to hold every committed change, but no longer than its
// call's deadline: a thread held past it serves no one.
TEST_F(RegistryCatchUpTest, AnAwardsCheckWaitsForTheIndexNoLongerThanItsCallsDeadline) {
  held_->HoldNextLoad();
  // A change straight into the database: the listener's rebuild for it is held.
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" +
            NationalId("19800101", 53) + "', '乙')");
  held_->WaitUntilHeld();

  std::future<Status> checked = std::async(std::launch::async, [this] {
    const domain::CallDeadlineScope deadline(domain::DeadlineClock::now() +
                                             std::chrono::milliseconds(500));
    v1::EligibilityDecision decision;
    domain::AwardConditions conditions;
    return eligibility_->CheckForAward(PersonRequest(NationalId("19800101", 54)), "tester",
                                       &decision, &conditions);
  });
  // Well within the award's own bound of 10 s, well past the call's 0.5 s.
  const bool answered = checked.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  held_->Release();
  ASSERT_TRUE(answered) << "the award's check waited past its call's deadline";
  const Status status = checked.get();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace disposal::testing
