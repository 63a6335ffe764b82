// The receipt writer: a receipt the database refuses as data (here, a decision id recorded
// twice) is left out alone, the receipts around it are written and the log keeps going; a
// failure that says nothing against the receipts is retried until they are written.
#include "api/decision_log.h"

#include <chrono>
#include <thread>

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

  std::string CountOf(const std::string& decision_id) {
    return db_.Query("SELECT count(*) FROM eligibility_decisions WHERE decision_id = '" +
                     decision_id + "'");
  }
};

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
  log_->RecordAll(batch);
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

TEST_F(DecisionLogTest, ChecksGoOnBeingRecordedAfterARefusedReceipt) {
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  v1::EligibilityDecision first;
  ASSERT_TRUE(Check(request, &first).ok());
  log_->Record("partner-e", request, first);  // the same decision id again: refused
  log_->Flush();
  v1::EligibilityDecision next;
  ASSERT_TRUE(Check(request, &next).ok());
  log_->Flush();
  EXPECT_EQ(CountOf(first.decision_id()), "1");
  EXPECT_EQ(CountOf(next.decision_id()), "1");
}

TEST_F(DecisionLogTest, AReceiptTheDatabaseCannotTakeForNowIsRetriedNotLeftOut) {
  // A refusal that says nothing against the receipt itself (here: no privilege), counted in a
  // sequence, which a failed statement does not roll back.
  db_.Query("CREATE SEQUENCE receipt_attempts");
  db_.Query(
      "CREATE FUNCTION refuse_receipts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "PERFORM nextval('receipt_attempts'); "
      "RAISE EXCEPTION 'not now' USING ERRCODE = 'insufficient_privilege'; END $$");
  db_.Query(
      "CREATE TRIGGER refuse_receipts BEFORE INSERT ON eligibility_decisions "
      "FOR EACH STATEMENT EXECUTE FUNCTION refuse_receipts()");
  const v1::CheckBidderEligibilityRequest request = PersonRequest(NationalId("19800101", 18));
  v1::EligibilityDecision decision;
  ASSERT_TRUE(Check(request, &decision).ok());
  // Wait (bounded) until the writer has tried and been refused at least once.
  for (int i = 0; i < 600 && db_.Query("SELECT is_called FROM receipt_attempts") != "t"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(db_.Query("SELECT is_called FROM receipt_attempts"), "t");
  db_.Query("DROP TRIGGER refuse_receipts ON eligibility_decisions");
  log_->Flush();
  EXPECT_EQ(CountOf(decision.decision_id()), "1");
}

}  // namespace
}  // namespace disposal::testing
