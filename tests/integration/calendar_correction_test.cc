// A working-day calendar corrected after a notice was published, through DisposalService and
// CalendarService against a real PostgreSQL: the objection window keeps its working days, so a
// holiday added inside it moves the deadline later (the award gate, the late flag and the
// notice as read all follow), and a working day added never moves it earlier than published.
//
// The seed notice, published 2021-07-28 with 20 working days, closes on 2021-08-25.
#include "support/disposal_fixture.h"

namespace disposal::testing {
namespace {

std::string IsoText(const v1::Date& date) {
  return domain::FormatIsoDate(domain::Date{date.year(), date.month(), date.day()});
}

bool HasReason(const v1::AwardGateDecision& decision, v1::GateReasonCode code) {
  for (const v1::GateReason& reason : decision.reasons()) {
    if (reason.code() == code) return true;
  }
  return false;
}

class CalendarCorrectionTest : public DisposalFixture {
 protected:
  // The ids of the disposal's submissions listed as late.
  std::vector<std::string> LateOnes(const std::string& disposal_id) {
    grpc::ClientContext context;
    v1::ListSubmissionsRequest request;
    request.set_disposal_id(disposal_id);
    request.set_late_only(true);
    v1::ListSubmissionsResponse response;
    EXPECT_TRUE(stub_->ListSubmissions(&context, request, &response).ok());
    std::vector<std::string> ids;
    for (const v1::Submission& submission : response.submissions()) {
      EXPECT_TRUE(submission.late());
      ids.push_back(submission.id());
    }
    return ids;
  }
};

TEST_F(CalendarCorrectionTest, AHolidayAddedInsideTheWindowMovesTheDeadlineADayLater) {
  const v1::Disposal published = PublishedSeed();
  ASSERT_EQ(IsoText(published.objection_deadline_date()), "2021-08-25");
  Correct2021(8, 10, v1::DAY_KIND_HOLIDAY, "holiday-added");  // a Tuesday
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(IsoText(read.objection_deadline_date()), "2021-08-26");
  EXPECT_EQ(read.window_end_time().seconds(),
            ShanghaiMicros(2021, 8, 27, 0) / 1'000'000);  // 24:00 on 08-26
}

TEST_F(CalendarCorrectionTest, AnObjectionOnTheDayGainedIsNotLateAndHoldsTheGate) {
  const v1::Disposal published = PublishedSeed();
  Correct2021(8, 10, v1::DAY_KIND_HOLIDAY, "holiday-added");
  v1::Submission objection;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 26, 10),
                     &objection)
                  .ok());
  EXPECT_FALSE(objection.late());
  const v1::AwardGateDecision gate = Gate(published.id(), ShanghaiMicros(2021, 8, 26, 12));
  EXPECT_FALSE(gate.allowed());
  EXPECT_TRUE(HasReason(gate, v1::GATE_REASON_CODE_WINDOW_OPEN));
}

// Filed late on the old window, it is on time once the correction is imported: late is read
// off the window as it stands, in the submission and in the listing of late ones.
TEST_F(CalendarCorrectionTest, AnObjectionOnTheDayGainedFiledBeforeTheCorrectionIsNoLongerLate) {
  const v1::Disposal published = PublishedSeed();
  v1::Submission objection;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 26, 10),
                     &objection)
                  .ok());
  ASSERT_TRUE(objection.late());
  ASSERT_EQ(LateOnes(published.id()).size(), 1u);
  Correct2021(8, 10, v1::DAY_KIND_HOLIDAY, "holiday-added");
  EXPECT_TRUE(LateOnes(published.id()).empty());
  v1::Submission resolved;
  ASSERT_TRUE(Resolve(objection.id(), v1::RESOLUTION_DISMISSED, &resolved).ok());
  EXPECT_FALSE(resolved.late());
}

TEST_F(CalendarCorrectionTest, AWorkingDayAddedInsideTheWindowDoesNotShortenIt) {
  const v1::Disposal published = PublishedSeed();
  Correct2021(8, 14, v1::DAY_KIND_MAKEUP_WORKING_DAY, "saturday-worked");  // a make-up Saturday
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(IsoText(read.objection_deadline_date()), "2021-08-25");
  v1::Submission objection;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 25, 20),
                     &objection)
                  .ok());
  EXPECT_FALSE(objection.late());
}

}  // namespace
}  // namespace disposal::testing
