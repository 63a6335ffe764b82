// Writes decided on the working-day calendar, raced by a correction of it: the calendar is read
// before the write's transaction, and a correction imported in between is committed just
// before that transaction here. The write must not be stored on the calendar as it was (an
// award on a day the correction put back inside the objection window, a publication's
// deadline, a filing's late mark): it is refused ABORTED, nothing written, and its retry is
// decided on the corrected calendar (an award's, by the server itself). Real PostgreSQL.
//
// The seed notice, published 2021-07-28 with 20 working days, closes on 2021-08-25; a holiday
// added on 2021-08-10 moves that to 2021-08-26.
#include <memory>
#include <string>

#include "support/outcome_fixture.h"
#include "support/raced_disposals.h"

namespace disposal::testing {
namespace {

class CalendarRaceTest : public OutcomeFixture {
 protected:
  void SetUp() override {
    OutcomeFixture::SetUp();
    raced_ = std::make_unique<RacedDisposals>(db_.database());
    registry_under_race_ = std::make_unique<domain::DisposalRegistry>(
        *raced_, *calendar_registry_, [this] { return now_.load(); });
  }

  // Commits the correction (a holiday on 2021-08-10) when called.
  std::function<void()> HolidayAddedOnTheTenthOfAugust() {
    return [this] { Correct2021(8, 10, v1::DAY_KIND_HOLIDAY, "holiday-added"); };
  }

  static domain::RequestKey Key(const std::string& request_id) {
    return {request_id, std::string(64, 'a')};
  }
  static domain::AuditContext Audit(const std::string& request_id) {
    return {"tester", "disposal.v1.DisposalService/Raced", request_id, "{}"};
  }

  std::unique_ptr<RacedDisposals> raced_;
  std::unique_ptr<domain::DisposalRegistry> registry_under_race_;
};

// The booking finds the calendar changed (ABORTED) and the award is decided again, as after a
// registry change: on the corrected calendar the day is inside the window.
TEST_F(CalendarRaceTest, AnAwardDecidedBeforeACorrectionThatReopensItsDayIsDecidedAgainAndRefused) {
  ASSERT_TRUE(Gate(disposal_.id(), ShanghaiMicros(2021, 8, 26, 10)).allowed());
  outcome_repository_->before_booking = HolidayAddedOnTheTenthOfAugust();
  const int entries_before = Count("journal_entries");

  v1::Outcome outcome;
  const grpc::Status booked =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 8, 26), &outcome);

  EXPECT_EQ(booked.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << booked.error_message();
  EXPECT_NE(booked.error_message().find("the objection window is open until 2021-08-26"),
            std::string::npos)
      << booked.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
  EXPECT_EQ(Count("journal_entries"), entries_before);
}

TEST_F(CalendarRaceTest, APublicationPlannedBeforeACorrectionIsAbortedAndStaysADraft) {
  v1::Disposal draft;
  ASSERT_TRUE(
      CreateDisposal(SeedDisposal(CreateSeedClaim("race-claim")), "second-draft", &draft).ok());
  raced_->before_write = HolidayAddedOnTheTenthOfAugust();

  const auto published = registry_under_race_->Publish(
      draft.id(), draft.version(), domain::Date{2021, 7, 28}, Key("publish"), Audit("publish"));

  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code, ErrorCode::kAborted) << published.error().Message();
  v1::Disposal read;
  ASSERT_TRUE(Get(draft.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_DRAFT);
  const auto retried = registry_under_race_->Publish(
      draft.id(), draft.version(), domain::Date{2021, 7, 28}, Key("publish"), Audit("publish"));
  ASSERT_TRUE(retried.ok()) << retried.error().Message();
  EXPECT_EQ(db_.Query("SELECT objection_deadline_date::text FROM disposals WHERE id = '" +
                      draft.id() + "'"),
            "2021-08-26");
}

TEST_F(CalendarRaceTest, AFilingDecidedBeforeACorrectionIsAbortedAndNotStored) {
  raced_->before_write = HolidayAddedOnTheTenthOfAugust();
  domain::Submission objection;
  objection.disposal_id = disposal_.id();
  objection.kind = domain::SubmissionKind::kObjection;
  objection.channel = "letter";
  objection.received_micros = ShanghaiMicros(2021, 8, 26, 10);
  objection.submitter = "某投资者";
  objection.text = "异议";
  now_ = ShanghaiMicros(2021, 8, 26, 11);

  const auto recorded =
      registry_under_race_->RecordSubmission(objection, Key("objection"), Audit("objection"));

  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.error().code, ErrorCode::kAborted) << recorded.error().Message();
  EXPECT_EQ(Count("submissions"), 0);
  const auto retried =
      registry_under_race_->RecordSubmission(objection, Key("objection"), Audit("objection"));
  ASSERT_TRUE(retried.ok()) << retried.error().Message();
  // Stored on time: the day gained is inside the corrected window.
  EXPECT_EQ(db_.Query("SELECT late::text FROM submissions"), "false");
}

TEST_F(CalendarRaceTest, TheCalendarsRevisionMovesWithEveryChangeAndNeverBack) {
  const int64_t before = std::stoll(db_.Query("SELECT revision FROM calendar_revision"));
  db_.Query("UPDATE calendar_days SET name = name || '.' WHERE day = '2021-10-01'");
  const int64_t after = std::stoll(db_.Query("SELECT revision FROM calendar_revision"));
  EXPECT_GT(after, before);
  EXPECT_ANY_THROW(db_.Query("UPDATE calendar_revision SET revision = 1"));
  EXPECT_ANY_THROW(db_.Query("DELETE FROM calendar_revision"));
  EXPECT_EQ(std::stoll(db_.Query("SELECT revision FROM calendar_revision")), after);
}

}  // namespace
}  // namespace disposal::testing
