#include "bench/latency_stats.h"

#include <algorithm>

namespace disposal::bench {

void LatencyCollector::AddRound(std::vector<ThreadSamples> threads, int64_t elapsed_micros) {
  for (ThreadSamples& thread : threads) {
    latency_micros_.insert(latency_micros_.end(), thread.latency_micros.begin(),
                           thread.latency_micros.end());
    failed_calls_ += thread.failed_calls;
  }
  elapsed_micros_ += elapsed_micros;
}

LatencySummary LatencyCollector::Summarize() {
  std::sort(latency_micros_.begin(), latency_micros_.end());
  LatencySummary summary;
  summary.calls = static_cast<int64_t>(latency_micros_.size());
  summary.failed_calls = failed_calls_;
  summary.elapsed_micros = elapsed_micros_;
  if (elapsed_micros_ > 0) {
    summary.qps = static_cast<double>(summary.calls) * 1e6 / static_cast<double>(elapsed_micros_);
  }
  summary.p50_latency_micros = PercentileMicros(latency_micros_, 50);
  summary.p99_latency_micros = PercentileMicros(latency_micros_, 99);
  summary.max_latency_micros = latency_micros_.empty() ? 0 : latency_micros_.back();
  return summary;
}

int64_t PercentileMicros(const std::vector<int64_t>& sorted_latency_micros, int percent) {
  if (sorted_latency_micros.empty()) return 0;
  // Nearest rank: the smallest sample with at least `percent`% of the samples at or below it.
  const size_t count = sorted_latency_micros.size();
  size_t rank = (count * static_cast<size_t>(percent) + 99) / 100;
  if (rank == 0) rank = 1;
  return sorted_latency_micros[rank - 1];
}

}  // namespace disposal::bench
