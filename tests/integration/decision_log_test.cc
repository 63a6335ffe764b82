// The receipt writer: a receipt the database refuses as data (here, a decision id recorded
// twice) is left out alone, the receipts around it are written and the log keeps going; a
// failure that says nothing against the receipts is retried until they are written.
#include "api/decision_log.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "domain/audit_chain.h"
#include "domain/call_deadline.h"
#include "domain/sha256.h"
#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

class DecisionLogTest : public EligibilityFixture {
 protected:
  // A receipt of `decision` under another id.
  domain::DecisionRecord ReceiptWithId(const v1::CheckBidderEligibilityRequest& request,
                                       v1::EligibilityDecision decision, const std::string& id) {
    decision.set_decision_id(id);
    return api::DecisionLog::Receipt("partner-e", request, decision);
  }

  // From now on the database refuses every receipt in a way that says nothing against the
  // receipts (no privilege), so the writer retries; each attempt is counted in a sequence, which
  // a failed statement does not roll back.
  void RefuseReceipts() {
    db_.Query("CREATE SEQUENCE receipt_attempts");
    db_.Query(
        "CREATE FUNCTION refuse_receipts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM nextval('receipt_attempts'); "
        "RAISE EXCEPTION 'not now' USING ERRCODE = 'insufficient_privilege'; END $$");
    db_.Query(
        "CREATE TRIGGER refuse_receipts BEFORE INSERT ON eligibility_decisions "
        "FOR EACH STATEMENT EXECUTE FUNCTION refuse_receipts()");
  }

  void AcceptReceipts() { db_.Query("DROP TRIGGER refuse_receipts ON eligibility_decisions"); }

  // Waits (bounded) until the writer has tried and been refused at least once.
  bool WriterWasRefused() {
    for (int i = 0; i < 600 && db_.Query("SELECT is_called FROM receipt_attempts") != "t"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return db_.Query("SELECT is_called FROM receipt_attempts") == "t";
  }

  std::vector<domain::DecisionRecord> Receipts(int count) {
    const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
    v1::EligibilityDecision decision;
    decision.set_outcome(v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
    std::vector<domain::DecisionRecord> receipts;
    for (int i = 0; i < count; ++i) {
      receipts.push_back(
          ReceiptWithId(request, decision,
                        "00000000-0000-4000-8000-00000000c0" + std::to_string(10 + serial_++)));
    }
    return receipts;
  }

  // What the server's log says when `held` is queued on a log whose database refuses every
  // write and that is stopped (its deadline 300 ms) before any is written.
  std::string LoggedLosingAtShutdown(std::vector<domain::DecisionRecord> held) {
    RefuseReceipts();
    ::testing::internal::CaptureStderr();
    {
      api::DecisionLog log(*registry_,
                           {100, std::chrono::milliseconds(100), std::chrono::milliseconds(300)});
      EXPECT_TRUE(log.RecordAll(held).ok());
      // The writer has tried (and been refused) before the stop begins: the deadline, not a
      // writer that never ran, is what loses the receipts.
      EXPECT_TRUE(WriterWasRefused());
    }
    return ::testing::internal::GetCapturedStderr();
  }

  std::string CountOf(const std::string& decision_id) {
    return db_.Query("SELECT count(*) FROM eligibility_decisions WHERE decision_id = '" +
                     decision_id + "'");
  }
};

// The connection lost as a batch committed: the write reports a failure that says nothing
// against the receipts, though the database took them.
class LostReplyRegistry : public store::PgRegistryRepository {
 public:
  using store::PgRegistryRepository::PgRegistryRepository;
  Status RecordDecisions(const std::vector<domain::DecisionRecord>& decisions) override {
    ++writes;
    Status stored = store::PgRegistryRepository::RecordDecisions(decisions);
    if (writes == 1 && stored.ok()) {
      return Error::Unavailable("receipts: COPY failed: server closed the connection");
    }
    return stored;
  }
  std::atomic<int> writes{0};
};

// Its retry finds the receipts stored (their ids refused as recorded already): the batch is
// done, not halved down receipt by receipt as if each were a fault.
TEST_F(DecisionLogTest, ABatchStoredAsItsReplyWasLostIsNotWrittenAgainReceiptByReceipt) {
  LostReplyRegistry registry(db_.database());
  api::DecisionLog log(registry);
  std::vector<domain::DecisionRecord> batch = Receipts(40);
  const std::string first_id = batch.front().decision_id;
  const std::string last_id = batch.back().decision_id;
  ASSERT_TRUE(log.RecordAll(batch).ok());
  log.Flush();
  EXPECT_EQ(registry.writes.load(), 2);
  EXPECT_EQ(CountOf(first_id), "1");
  EXPECT_EQ(CountOf(last_id), "1");
}

TEST_F(DecisionLogTest, ARefusedReceiptIsLeftOutAloneAndTheRestOfItsBatchIsWritten) {
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  log_->Flush();
  ASSERT_EQ(CountOf(decision.decision_id()), "1");

  const std::string before = "00000000-0000-4000-8000-0000000000b1";
  const std::string after = "00000000-0000-4000-8000-0000000000b2";
  std::vector<domain::DecisionRecord> batch;
  batch.push_back(ReceiptWithId(request, decision, before));
  batch.push_back(ReceiptWithId(request, decision, decision.decision_id()));  // recorded already
  batch.push_back(ReceiptWithId(request, decision, after));
  ASSERT_TRUE(log_->RecordAll(batch).ok());
  log_->Flush();

  EXPECT_EQ(CountOf(before), "1");
  EXPECT_EQ(CountOf(after), "1");
  EXPECT_EQ(CountOf(decision.decision_id()), "1");
  // The row kept is the first one, not the refused copy.
  EXPECT_EQ(db_.Query("SELECT count(*) FROM eligibility_decisions WHERE actor = 'partner-e' "
                      "AND decision_id = '" +
                      decision.decision_id() + "'"),
            "0");
}

// The log names a refused receipt's bidder by its identifier's SHA-256, never the identifier.
TEST_F(DecisionLogTest, ARefusedReceiptIsLoggedWithoutTheBiddersIdentifier) {
  const std::string bidder = NationalId("19800101", 18);
  const v1::CheckBidderEligibilityRequest request = PersonRequest(bidder);
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  log_->Flush();
  ::testing::internal::CaptureStderr();
  std::vector<domain::DecisionRecord> batch;
  batch.push_back(ReceiptWithId(request, decision, decision.decision_id()));  // recorded already
  ASSERT_TRUE(log_->RecordAll(batch).ok());
  log_->Flush();
  const std::string logged = ::testing::internal::GetCapturedStderr();
  ASSERT_NE(logged.find("decision_log_refused"), std::string::npos) << logged;
  EXPECT_EQ(logged.find(bidder), std::string::npos) << logged;
  EXPECT_NE(logged.find(domain::HexOf(domain::Sha256(bidder))), std::string::npos) << logged;
}

TEST_F(DecisionLogTest, ChecksGoOnBeingRecordedAfterARefusedReceipt) {
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  v1::EligibilityDecision first;
  ASSERT_TRUE(Check(request, &first).ok());
  ASSERT_TRUE(
      log_->Record("partner-e", request, first).ok());  // the same decision id again: refused
  log_->Flush();
  v1::EligibilityDecision next;
  ASSERT_TRUE(Check(request, &next).ok());
  log_->Flush();
  EXPECT_EQ(CountOf(first.decision_id()), "1");
  EXPECT_EQ(CountOf(next.decision_id()), "1");
}

TEST_F(DecisionLogTest, AReceiptTheDatabaseCannotTakeForNowIsRetriedNotLeftOut) {
  RefuseReceipts();
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  ASSERT_TRUE(WriterWasRefused());
  AcceptReceipts();
  log_->Flush();
  EXPECT_EQ(CountOf(decision.decision_id()), "1");
}

// While the database is away the queue fills; a check then waits a while for room and is
// refused, instead of holding its thread for as long as the database stays away.
TEST_F(DecisionLogTest, AFullQueueRefusesReceiptsAfterItsWaitAndKeepsWhatItHolds) {
  RefuseReceipts();
  api::DecisionLog log(*registry_, {2, std::chrono::milliseconds(100), std::chrono::seconds(30)});
  std::vector<domain::DecisionRecord> held = Receipts(2);
  const std::string first = held[0].decision_id;
  ASSERT_TRUE(log.RecordAll(held).ok());
  ASSERT_TRUE(WriterWasRefused());
  std::vector<domain::DecisionRecord> more = Receipts(1);
  const Status refused = log.RecordAll(more);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  AcceptReceipts();
  log.Flush();
  EXPECT_EQ(CountOf(first), "1");
}

// Shutdown must not wait on checks that wait for room: Close() refuses them at once.
TEST_F(DecisionLogTest, CloseRefusesACheckWaitingForRoom) {
  RefuseReceipts();
  api::DecisionLog log(*registry_, {1, std::chrono::minutes(10), std::chrono::seconds(30)});
  std::vector<domain::DecisionRecord> held = Receipts(1);
  ASSERT_TRUE(log.RecordAll(held).ok());
  std::atomic<bool> returned{false};
  Status waited = OkStatus();
  std::thread check([&] {
    std::vector<domain::DecisionRecord> more = Receipts(1);
    waited = log.RecordAll(more);
    returned = true;
  });
  ASSERT_TRUE(WriterWasRefused());
  for (int i = 0; i < 100 && log.ChecksWaitingForRoom() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(log.ChecksWaitingForRoom(), 1u) << "the check never waited for room";
  log.Close();
  for (int i = 0; i < 100 && !returned; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(returned);  // else the join below waits out the ten minutes
  check.join();
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kUnavailable);
  AcceptReceipts();
}

// A check whose call has 300 ms left waits no longer than that for room, not the log's ten
// minutes: its answer would come too late, and its handler thread is wanted.
TEST_F(DecisionLogTest, ACheckWaitsForRoomNoLongerThanItsCallsDeadline) {
  RefuseReceipts();
  api::DecisionLog log(*registry_, {1, std::chrono::minutes(10), std::chrono::seconds(30)});
  std::vector<domain::DecisionRecord> held = Receipts(1);
  ASSERT_TRUE(log.RecordAll(held).ok());
  ASSERT_TRUE(WriterWasRefused());
  std::atomic<bool> returned{false};
  Status waited = OkStatus();
  std::thread check([&] {
    domain::CallDeadlineScope call(domain::DeadlineClock::now() + std::chrono::milliseconds(300));
    std::vector<domain::DecisionRecord> more = Receipts(1);
    waited = log.RecordAll(more);
    returned = true;
  });
  for (int i = 0; i < 200 && !returned; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const bool returned_in_its_time = returned;
  log.Close();  // lets a check still waiting go, so that the join does not wait ten minutes
  check.join();
  EXPECT_TRUE(returned_in_its_time);
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kUnavailable);
  AcceptReceipts();
}

// A database that stays away must not hold the server's exit for ever: past the stop deadline
// each receipt still queued is named in the server's log instead.
TEST_F(DecisionLogTest, ShutdownGivesUpAfterItsDeadlineAndNamesEachReceiptLost) {
  std::vector<domain::DecisionRecord> held = Receipts(2);
  const std::string first = held[0].decision_id, second = held[1].decision_id;
  const std::string logged = LoggedLosingAtShutdown(held);
  EXPECT_NE(logged.find("decision_log_lost"), std::string::npos) << logged;
  EXPECT_NE(logged.find(first), std::string::npos) << logged;
  EXPECT_NE(logged.find(second), std::string::npos) << logged;
  EXPECT_EQ(CountOf(first), "0");
}

// The log names a lost receipt's bidder by its identifier's SHA-256, never the identifier.
TEST_F(DecisionLogTest, AReceiptLostAtShutdownIsLoggedWithoutTheBiddersIdentifier) {
  std::vector<domain::DecisionRecord> held = Receipts(1);
  const std::string bidder = held[0].bidder;
  ASSERT_FALSE(bidder.empty());
  const std::string logged = LoggedLosingAtShutdown(held);
  ASSERT_NE(logged.find(held[0].decision_id), std::string::npos) << logged;
  EXPECT_EQ(logged.find(bidder), std::string::npos) << logged;
  EXPECT_NE(logged.find(domain::HexOf(domain::Sha256(bidder))), std::string::npos) << logged;
}

// The server stops the log right after its drain: what was queued is written then, and a
// receipt offered after it is refused rather than queued for a writer that has ended.
TEST_F(DecisionLogTest, StopWritesWhatIsQueuedAndRefusesLaterReceipts) {
  api::DecisionLog log(*registry_);
  std::vector<domain::DecisionRecord> queued = Receipts(2);
  const std::string first = queued[0].decision_id, second = queued[1].decision_id;
  ASSERT_TRUE(log.RecordAll(queued).ok());
  log.Stop();
  EXPECT_EQ(CountOf(first), "1");
  EXPECT_EQ(CountOf(second), "1");
  std::vector<domain::DecisionRecord> late = Receipts(1);
  const Status refused = log.RecordAll(late);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(CountOf(late[0].decision_id), "0");
  log.Stop();  // a second stop (the destructor's) is harmless
}

}  // namespace
}  // namespace disposal::testing
