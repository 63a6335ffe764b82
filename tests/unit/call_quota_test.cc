// Per-token call quotas: a sustained rate with bursts, counted without a lock per call.
#include "api/call_quota.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace disposal::api {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

// A quota of `rate` calls per second with bursts of `burst`, on a clock the test moves.
struct Quota {
  Quota(uint32_t rate, uint32_t burst, size_t tokens_max = 10000)
      : quotas({rate, burst, tokens_max}, [this] { return now.load(); }) {}
  std::atomic<int64_t> now{1000 * kSecond};
  CallQuotas quotas;

  int AllowedOf(const std::string& token, int calls) {
    int allowed = 0;
    for (int i = 0; i < calls; ++i) allowed += quotas.Take(token).allowed ? 1 : 0;
    return allowed;
  }
};

TEST(CallQuotas, ABurstIsAllowedAndTheCallAfterItRefused) {
  Quota quota(10, 5);
  EXPECT_EQ(quota.AllowedOf("t", 5), 5);
  const CallQuotas::Verdict refused = quota.quotas.Take("t");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_nanos, kSecond / 10);
}

TEST(CallQuotas, TheSustainedRateComesBackWithTime) {
  Quota quota(10, 5);
  ASSERT_EQ(quota.AllowedOf("t", 6), 5);
  quota.now += kSecond / 10;  // one call's worth
  EXPECT_EQ(quota.AllowedOf("t", 3), 1);
  quota.now += kSecond;  // a quiet second: the burst again, not more
  EXPECT_EQ(quota.AllowedOf("t", 20), 5);
}

TEST(CallQuotas, OverAMinuteTheAllowedCallsFollowTheRate) {
  Quota quota(100, 100);
  int allowed = 0;
  for (int ms = 0; ms < 60'000; ++ms) {  // a client calling 1,000 times a second
    quota.now += kSecond / 1000;
    allowed += quota.AllowedOf("t", 1);
  }
  EXPECT_GE(allowed, 100 * 60);
  EXPECT_LE(allowed, 100 * 60 + 100);  // the first burst, at most
}

TEST(CallQuotas, ATokensOwnQuotaTakesThePlaceOfTheDefault) {
  Quota quota(10, 10);
  EXPECT_EQ(quota.quotas.Take("own", 2).allowed, true);
  EXPECT_EQ(quota.quotas.Take("own", 2).allowed, true);
  const CallQuotas::Verdict refused = quota.quotas.Take("own", 2);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.calls_per_second, 2u);
  EXPECT_EQ(quota.AllowedOf("default", 20), 10);
}

TEST(CallQuotas, ATokensOwnQuotaHoldsWithoutADefault) {
  Quota quota(0, 0);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += quota.quotas.Take("own", 3).allowed ? 1 : 0;
  EXPECT_EQ(allowed, 3);
}

TEST(CallQuotas, EachTokenHasItsOwnQuota) {
  Quota quota(10, 2);
  ASSERT_EQ(quota.AllowedOf("a", 3), 2);
  EXPECT_EQ(quota.AllowedOf("b", 2), 2);
}

TEST(CallQuotas, ZeroCallsPerSecondIsNoQuota) {
  Quota quota(0, 0);
  EXPECT_EQ(quota.AllowedOf("t", 100000), 100000);
}

TEST(CallQuotas, ConcurrentCallsTakeExactlyTheBurst) {
  Quota quota(1000, 1000);  // the clock stands still: only the burst is there to take
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] { allowed += quota.AllowedOf("shared", 500); });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 1000);
}

TEST(CallQuotas, RefusalsAreLoggedOncePerSecondWithTheirCount) {
  Quota quota(1, 1);
  ASSERT_TRUE(quota.quotas.Take("t").allowed);
  EXPECT_EQ(quota.quotas.Take("t").refusals_to_log, 1u);  // the first refusal: logged
  for (int i = 0; i < 4; ++i) EXPECT_EQ(quota.quotas.Take("t").refusals_to_log, 0u);
  quota.now += kSecond / 2;
  EXPECT_EQ(quota.quotas.Take("t").refusals_to_log, 0u);
  quota.now += kSecond / 2;
  ASSERT_TRUE(quota.quotas.Take("t").allowed);
  EXPECT_EQ(quota.quotas.Take("t").refusals_to_log, 6u);  // the five unlogged, and this one
}

TEST(CallQuotas, PastTheTokensBoundTheIdleOnesMakeRoomAndTheBusyKeepTheirCount) {
  Quota quota(1, 1, 2);
  ASSERT_EQ(quota.AllowedOf("idle", 1), 1);
  quota.now += 3 * kSecond / 2;  // "idle" has its whole burst again
  ASSERT_EQ(quota.AllowedOf("busy", 1), 1);
  ASSERT_EQ(quota.AllowedOf("new", 1), 1);  // the map was full: "idle" goes
  EXPECT_EQ(quota.AllowedOf("busy", 1), 0) << "the busy token's count started over";
}

TEST(CallQuotas, PastTheTokensBoundWithEveryOneBusyTheNewOnesAreStillCounted) {
  Quota quota(1, 1, 2);
  ASSERT_EQ(quota.AllowedOf("a", 1), 1);
  ASSERT_EQ(quota.AllowedOf("b", 1), 1);
  int allowed = 0;
  for (int i = 0; i < 100; ++i) allowed += quota.AllowedOf("c", 1) + quota.AllowedOf("d", 1);
  // Each of c and d is let through once, and again only when the random pick forgets it: two
  // newcomers taking turns must not forget each other every time.
  EXPECT_LT(allowed, 150);
}

// A stream message's checks, counted at once (Pace) at the sustained rate.
TEST(CallQuotas, AStreamsChecksOnAnIdleTokenGoAtOnceAndLeaveTheRestOfTheBurst) {
  Quota quota(10, 5);
  const CallQuotas::Verdict verdict = quota.quotas.Pace("t", 0, 3);
  EXPECT_TRUE(verdict.allowed);
  EXPECT_EQ(verdict.wait_nanos, 0);
  EXPECT_EQ(quota.AllowedOf("t", 5), 2) << "the three checks took three of the burst of five";
}

TEST(CallQuotas, AStreamsChecksWaitUntilTheOnesBeforeThemHadTheirTime) {
  Quota quota(10, 5);
  ASSERT_EQ(quota.quotas.Pace("t", 0, 3).wait_nanos, 0);
  EXPECT_EQ(quota.quotas.Pace("t", 0, 2).wait_nanos, 3 * kSecond / 10);
  quota.now += 3 * kSecond / 10;  // the second message waited its turn
  EXPECT_EQ(quota.quotas.Pace("t", 0, 1).wait_nanos, 2 * kSecond / 10);
}

TEST(CallQuotas, AStreamsChecksWaitForTheCallsItsTokenMadeInABurst) {
  Quota quota(10, 5);
  ASSERT_EQ(quota.AllowedOf("t", 5), 5);
  EXPECT_EQ(quota.quotas.Pace("t", 0, 2).wait_nanos, 5 * kSecond / 10);
}

TEST(CallQuotas, OverAMinuteAStreamsChecksFollowTheRate) {
  Quota quota(100, 100);
  int64_t waited = 0;
  for (int message = 0; message < 60; ++message) {  // 100 checks a message, sent at once
    const CallQuotas::Verdict verdict = quota.quotas.Pace("t", 0, 100);
    ASSERT_TRUE(verdict.allowed);
    waited += verdict.wait_nanos;
    quota.now += verdict.wait_nanos;
  }
  EXPECT_EQ(waited, 59 * kSecond);  // 6,000 checks at 100 a second, the first 100 at once
}

TEST(CallQuotas, RefusalsAndHeldBackMessagesWithTheirWaitsAreCounted) {
  Quota quota(10, 5);
  ASSERT_EQ(quota.AllowedOf("t", 7), 5);                            // two refused
  ASSERT_EQ(quota.quotas.Pace("t", 0, 2).wait_nanos, kSecond / 2);  // held back
  ASSERT_FALSE(quota.quotas.Pace("t", 0, 6).allowed);               // refused
  ASSERT_EQ(quota.quotas.Pace("idle", 0, 1).wait_nanos, 0);         // not held back
  const CallQuotas::Counts counts = quota.quotas.counts();
  EXPECT_EQ(counts.refused, 3u);
  EXPECT_EQ(counts.paced, 1u);
  EXPECT_EQ(counts.paced_micros, 500'000);
}

TEST(CallQuotas, AMessageOfMoreChecksThanTheBurstIsRefusedAndNoneCounted) {
  Quota quota(10, 5);
  const CallQuotas::Verdict refused = quota.quotas.Pace("t", 0, 6);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.calls_max, 5u);
  EXPECT_EQ(refused.calls_per_second, 10u);
  EXPECT_EQ(refused.refusals_to_log, 1u);
  EXPECT_EQ(quota.AllowedOf("t", 6), 5) << "the refused checks took nothing";
}

TEST(CallQuotas, AStreamOnATokensOwnQuotaUsesItsRateAndBurst) {
  Quota quota(1000, 1000);
  EXPECT_EQ(quota.quotas.Pace("own", 2, 2).wait_nanos, 0);
  EXPECT_EQ(quota.quotas.Pace("own", 2, 1).wait_nanos, kSecond);  // two at 2 a second
  const CallQuotas::Verdict refused = quota.quotas.Pace("own", 2, 3);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.calls_max, 2u);
}

TEST(CallQuotas, AStreamWithoutAQuotaNeverWaits) {
  Quota quota(0, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(quota.quotas.Pace("t", 0, 1000).wait_nanos, 0);
}

TEST(CallQuotas, TheRateAllowedIsNeverAboveTheQuota) {
  Quota quota(6'666'667, 1);  // 149.99... ns apart: rounded up to 150
  int allowed = 0;
  for (int i = 0; i < 1'000'000; ++i) {  // a millisecond, a call every nanosecond
    quota.now += 1;
    allowed += quota.AllowedOf("t", 1);
  }
  EXPECT_LE(allowed, 6'666'667 / 1000 + 1);  // in a millisecond
  EXPECT_GE(allowed, 6'666'667 / 1000 - 1);
}

}  // namespace
}  // namespace disposal::api
