// Refused calls are logged at most once a second per client address and code, each line
// counting the refusals it stands for, so that a caller without a token cannot flood the log.
#include "api/refusal_log.h"

#include <gtest/gtest.h>

#include <string>

namespace disposal::api {
namespace {

using std::chrono::milliseconds;

constexpr int kUnauthenticated = 16;
constexpr int kPermissionDenied = 7;

const RefusalLog::Clock::time_point kStart =
    RefusalLog::Clock::time_point() + std::chrono::hours(1);

TEST(RefusalLogTest, TheFirstRefusalIsLoggedStandingForItself) {
  RefusalLog log;
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart), 1u);
}

TEST(RefusalLogTest, RefusalsWithinASecondAreHeldBackAndCountedOnTheNextLine) {
  RefusalLog log;
  ASSERT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart), 1u);
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart + milliseconds(100)), 0u);
  // Another connection from the same host is the same client.
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:40000", kUnauthenticated, kStart + milliseconds(999)), 0u);
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart + milliseconds(1000)), 3u);
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart + milliseconds(1001)), 0u);
}

TEST(RefusalLogTest, AnotherAddressOrAnotherCodeIsLoggedApart) {
  RefusalLog log;
  ASSERT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kUnauthenticated, kStart), 1u);
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.8:51234", kUnauthenticated, kStart), 1u);
  EXPECT_EQ(log.ToLog("ipv4:10.0.0.7:51234", kPermissionDenied, kStart), 1u);
}

TEST(RefusalLogTest, PastItsAddressesAFloodFromNewOnesSharesOneCount) {
  RefusalLog log;
  for (size_t i = 0; i < RefusalLog::kKeysMax; ++i) {
    const std::string peer =
        "ipv4:10." + std::to_string(i / 256) + "." + std::to_string(i % 256) + ".1:5000";
    ASSERT_EQ(log.ToLog(peer, kUnauthenticated, kStart), 1u) << peer;
  }
  EXPECT_EQ(log.ToLog("ipv4:172.16.0.1:5000", kUnauthenticated, kStart + milliseconds(10)), 1u);
  EXPECT_EQ(log.ToLog("ipv4:172.16.0.2:5000", kUnauthenticated, kStart + milliseconds(20)), 0u);
  // A second on, the quiet addresses are let go and a new one is kept again.
  EXPECT_EQ(log.ToLog("ipv4:172.16.0.3:5000", kUnauthenticated, kStart + milliseconds(1500)), 1u);
}

}  // namespace
}  // namespace disposal::api
