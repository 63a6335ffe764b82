// The benchmark's results as Markdown tables, with the targets and whether each was met.
#ifndef DISPOSAL_CLIENT_BENCH_REPORT_H_
#define DISPOSAL_CLIENT_BENCH_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "bench/cpu_time.h"
#include "bench/latency_stats.h"
#include "bench/stream_bench.h"
#include "bench/target.h"

namespace disposal::bench {

struct LevelResult {
  int clients = 0;
  int channels = 0;
  LatencySummary ping;
  LatencySummary check;
  OutcomeCounts check_outcomes{};
  std::string first_failure;
  // CPU used during the measured rounds (when the server's process id was given).
  CpuUse ping_cpu;
  CpuUse check_cpu;
};

struct RunDescription {
  std::string server;
  std::string disposal_id;
  size_t bidders = 0;
  int duration_seconds = 0;
  int rounds = 0;
  int stream_seconds = 0;
  int checks_per_message = 0;
  unsigned client_cores = 0;
};

// Targets: unary checks/s >= 0.8 x pings/s, check p99 <= 1.25 x ping p99, stream >= 100,000/s.
bool UnaryRateMet(const LevelResult& level);
bool UnaryP99Met(const LevelResult& level);
bool StreamRateMet(const StreamRound& stream);

// Prints the tables; returns true when every target was met.
bool PrintReport(const RunDescription& run, const std::vector<LevelResult>& levels,
                 const StreamRound& stream, std::ostream& out);

// 1234567 -> "1,234,567".
std::string GroupThousands(int64_t value);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_REPORT_H_
