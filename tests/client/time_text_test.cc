#include "client/time_text.h"

#include <google/protobuf/timestamp.pb.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace disposalctl {
namespace {

using google::protobuf::Timestamp;

// 2021-08-25T16:00:00Z, the end of the seed disposal's window (2021-08-25 24:00 in
// Shanghai): 18864 days after 1970-01-01 (51 years with 13 leap days, then 236 days into
// 2021) and 16 hours.
constexpr std::int64_t kWindowEndSeconds = 18864LL * 86400 + 16 * 3600;

Timestamp At(std::int64_t seconds, std::int32_t nanos = 0) {
  Timestamp time;
  time.set_seconds(seconds);
  time.set_nanos(nanos);
  return time;
}

TEST(ParseTimeText, ReadsUtcWrittenWithZ) {
  Timestamp time;
  Status status = ParseTimeText("--received", "2021-08-25T16:00:00Z", &time);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(time.seconds(), 1629907200);
  EXPECT_EQ(time.nanos(), 0);
}

TEST(ParseTimeText, ReadsAShanghaiOffsetAsTheSameInstant) {
  Timestamp time;
  ASSERT_TRUE(ParseTimeText("--received", "2021-08-26T00:00:00+08:00", &time).ok());
  EXPECT_EQ(time.seconds(), kWindowEndSeconds);
}

TEST(ParseTimeText, ReadsANegativeOffset) {
  Timestamp time;
  ASSERT_TRUE(ParseTimeText("--at", "2021-08-25T12:00:00-04:00", &time).ok());
  EXPECT_EQ(time.seconds(), kWindowEndSeconds);
}

TEST(ParseTimeText, ReadsFractionalSeconds) {
  Timestamp time;
  ASSERT_TRUE(ParseTimeText("--at", "2021-08-26T00:00:00.250+08:00", &time).ok());
  EXPECT_EQ(time.seconds(), kWindowEndSeconds);
  EXPECT_EQ(time.nanos(), 250000000);
}

TEST(ParseTimeText, ReadsTheLastSecondBeforeTheWindowEnds) {
  Timestamp time;
  ASSERT_TRUE(ParseTimeText("--at", "2021-08-25T23:59:59+08:00", &time).ok());
  EXPECT_EQ(time.seconds(), kWindowEndSeconds - 1);
}

TEST(ParseTimeText, RefusesATimeWithoutOffsetNamingOptionAndText) {
  Timestamp time;
  Status status = ParseTimeText("--received", "2021-08-26T00:00:00", &time);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(status.message(),
            "--received \"2021-08-26T00:00:00\" is not an RFC 3339 time; write e.g. "
            "2021-08-03T14:05:00+08:00");
}

TEST(ParseTimeText, RefusesADateAlone) {
  Timestamp time;
  EXPECT_FALSE(ParseTimeText("--at", "2021-08-26", &time).ok());
}

TEST(ParseTimeText, RefusesText) {
  Timestamp time;
  Status status = ParseTimeText("--at", "tomorrow", &time);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(),
            "--at \"tomorrow\" is not an RFC 3339 time; write e.g. 2021-08-03T14:05:00+08:00");
}

TEST(ParseTimeText, RefusesAnImpossibleDay) {
  Timestamp time;
  EXPECT_FALSE(ParseTimeText("--at", "2021-02-30T00:00:00Z", &time).ok());
}

TEST(FormatShanghaiTime, ShowsMidnightAfterTheDeadlineDayAsTheNextDay) {
  EXPECT_EQ(FormatShanghaiTime(At(kWindowEndSeconds)), "2021-08-26 00:00:00");
}

TEST(FormatShanghaiTime, ShowsTheLastSecondOfTheDeadlineDay) {
  EXPECT_EQ(FormatShanghaiTime(At(kWindowEndSeconds - 1)), "2021-08-25 23:59:59");
}

TEST(FormatShanghaiTime, DropsFractionsRatherThanRoundingUp) {
  EXPECT_EQ(FormatShanghaiTime(At(kWindowEndSeconds - 1, 999999999)), "2021-08-25 23:59:59");
}

TEST(FormatShanghaiTime, AddsEightHoursToTheUnixEpoch) {
  EXPECT_EQ(FormatShanghaiTime(At(0)), "1970-01-01 08:00:00");
}

TEST(FormatShanghaiTime, ShowsAnAfternoonTime) {
  // 2021-08-03T06:05:09Z: 2021-08-03 is day 18628 + 214, then 6 h 5 min 9 s.
  EXPECT_EQ(FormatShanghaiTime(At((18628LL + 214) * 86400 + 6 * 3600 + 5 * 60 + 9)),
            "2021-08-03 14:05:09");
}

TEST(FormatShanghaiTime, CrossesIntoMarchAfterALeapDay) {
  // 2024-02-29T16:00:00Z: 2024-01-01 is day 19723, plus 59 days, plus 16 hours.
  EXPECT_EQ(FormatShanghaiTime(At((19723LL + 59) * 86400 + 16 * 3600)), "2024-03-01 00:00:00");
  EXPECT_EQ(FormatShanghaiTime(At((19723LL + 59) * 86400 + 15 * 3600)), "2024-02-29 23:00:00");
}

TEST(FormatShanghaiTime, ShowsTimesBefore1970) {
  // Eight hours and one second before the epoch is 23:59:59 on the last day of 1969.
  EXPECT_EQ(FormatShanghaiTime(At(-8 * 3600 - 1)), "1969-12-31 23:59:59");
  EXPECT_EQ(FormatShanghaiTime(At(-1)), "1970-01-01 07:59:59");
  EXPECT_EQ(FormatShanghaiTime(At(-8 * 3600 - 86400)), "1969-12-31 00:00:00");
  EXPECT_EQ(FormatShanghaiTime(At(-8 * 3600 - 86401)), "1969-12-30 23:59:59");
}

TEST(FormatShanghaiTime, ReadsBackWhatParseTimeTextRead) {
  Timestamp time;
  ASSERT_TRUE(ParseTimeText("--received", "2021-08-03T14:05:00+08:00", &time).ok());
  EXPECT_EQ(FormatShanghaiTime(time), "2021-08-03 14:05:00");
}

TEST(ShanghaiZoneName, IsAsiaShanghai) {
  EXPECT_EQ(std::string(kShanghaiZoneName), "Asia/Shanghai");
}

}  // namespace
}  // namespace disposalctl
