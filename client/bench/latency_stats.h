// Latency statistics of one benchmark phase: calls per second and percentiles, computed from
// per-thread latency samples in integer microseconds. Statistics only; nothing here is money.
#ifndef DISPOSAL_CLIENT_BENCH_LATENCY_STATS_H_
#define DISPOSAL_CLIENT_BENCH_LATENCY_STATS_H_

#include <cstdint>
#include <vector>

namespace disposal::bench {

// What one thread measured: the latency of every successful call, and the failures.
struct ThreadSamples {
  std::vector<int64_t> latency_micros;
  int64_t failed_calls = 0;
};

struct LatencySummary {
  int64_t calls = 0;
  int64_t failed_calls = 0;
  // Wall time the measured calls took, summed over the rounds of a phase.
  int64_t elapsed_micros = 0;
  double qps = 0;
  int64_t p50_latency_micros = 0;
  int64_t p99_latency_micros = 0;
  int64_t max_latency_micros = 0;
};

// Collects the samples of every round of one phase (e.g. both ping rounds of a level).
class LatencyCollector {
 public:
  void AddRound(std::vector<ThreadSamples> threads, int64_t elapsed_micros);
  // Sorts the samples; call once, after the last round.
  LatencySummary Summarize();

 private:
  std::vector<int64_t> latency_micros_;
  int64_t failed_calls_ = 0;
  int64_t elapsed_micros_ = 0;
};

// The nearest-rank percentile (1..100) of sorted samples; 0 when there are none.
int64_t PercentileMicros(const std::vector<int64_t>& sorted_latency_micros, int percent);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_LATENCY_STATS_H_
