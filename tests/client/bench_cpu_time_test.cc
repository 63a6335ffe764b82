// The benchmark's CPU accounting: what it reads from /proc/PID/stat.
#include <gtest/gtest.h>

#include <climits>

#include "bench/cpu_time.h"

namespace disposal::bench {
namespace {

TEST(BenchCpuTimeTest, SumsUserAndSystemTicksCountingFieldsAfterTheCommandName) {
  // The name holds a space and parentheses; utime (field 14) 250, stime (field 15) 30.
  const std::string stat =
      "4242 (odd (name) x) S 1 2 3 4 5 6 7 8 9 10 250 30 11 12 20 0 9 0 100 200 300";
  EXPECT_EQ(CpuTicksFromStat(stat), 280);
}

TEST(BenchCpuTimeTest, TruncatedOrNamelessStatIsRefused) {
  EXPECT_EQ(CpuTicksFromStat("4242 (name) S 1 2 3"), -1);
  EXPECT_EQ(CpuTicksFromStat("4242 name S 1 2 3 4 5 6 7 8 9 10 250 30"), -1);
  EXPECT_EQ(CpuTicksFromStat("4242 (name) S 1 2 3 4 5 6 7 8 9 10 x 30"), -1);
}

TEST(BenchCpuTimeTest, ThisProcessCpuTimeGrowsWithWork) {
  const int64_t before = ProcessCpuMicros(0);
  ASSERT_GE(before, 0);
  // Work until the kernel's tick has counted some of it (a few ticks at most).
  volatile uint64_t sink = 0;
  int64_t after = before;
  for (int round = 0; round < 2000 && after == before; ++round) {
    for (uint64_t i = 0; i < 1'000'000; ++i) sink = sink + i * i;
    after = ProcessCpuMicros(0);
  }
  EXPECT_GT(after, before);
}

TEST(BenchCpuTimeTest, MissingProcessReadsAsUnknown) { EXPECT_EQ(ProcessCpuMicros(INT_MAX), -1); }

}  // namespace
}  // namespace disposal::bench
