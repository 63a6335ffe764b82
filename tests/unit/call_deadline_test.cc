// The current call's deadline as the store reads it: none outside a call, the time left inside
// one, the outer call's again once an inner scope ends.
#include "domain/call_deadline.h"

#include <gtest/gtest.h>

namespace disposal::domain {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CallDeadlineTest, NoCallMeansNoDeadline) { EXPECT_FALSE(CallTimeLeft().has_value()); }

TEST(CallDeadlineTest, CallWithoutDeadlineMeansNoDeadline) {
  CallDeadlineScope scope(DeadlineClock::time_point::max());
  EXPECT_FALSE(CallTimeLeft().has_value());
}

TEST(CallDeadlineTest, TimeLeftIsAtMostWhatTheCallWasGiven) {
  CallDeadlineScope scope(DeadlineClock::now() + seconds(5));
  ASSERT_TRUE(CallTimeLeft().has_value());
  EXPECT_LE(*CallTimeLeft(), milliseconds(5000));
  EXPECT_GT(*CallTimeLeft(), milliseconds(0));
}

TEST(CallDeadlineTest, PassedDeadlineLeavesNoTime) {
  CallDeadlineScope scope(DeadlineClock::now() - seconds(1));
  ASSERT_TRUE(CallTimeLeft().has_value());
  EXPECT_LE(CallTimeLeft()->count(), 0);
}

TEST(CallDeadlineTest, DeadlineDaysAwayBoundsNothing) {
  CallDeadlineScope scope(DeadlineClock::now() + std::chrono::hours(24 * 365 * 100));
  EXPECT_FALSE(CallTimeLeft().has_value());
}

TEST(CallDeadlineTest, InnerScopeEndingRestoresTheOuterCallsDeadline) {
  CallDeadlineScope outer(DeadlineClock::now() + seconds(60));
  {
    CallDeadlineScope inner(DeadlineClock::now() + seconds(1));
    EXPECT_LE(*CallTimeLeft(), milliseconds(1000));
  }
  EXPECT_GT(*CallTimeLeft(), milliseconds(1000));
}

}  // namespace
}  // namespace disposal::domain
