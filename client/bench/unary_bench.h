// One round of closed-loop unary calls: `threads` client threads, each making blocking calls
// back to back for a fixed time, each call's latency recorded in its thread's own vector.
#ifndef DISPOSAL_CLIENT_BENCH_UNARY_BENCH_H_
#define DISPOSAL_CLIENT_BENCH_UNARY_BENCH_H_

#include <chrono>
#include <string>
#include <vector>

#include "bench/latency_stats.h"
#include "bench/target.h"

namespace disposal::bench {

enum class UnaryMethod { kPing, kCheck };

struct UnaryRound {
  std::vector<ThreadSamples> threads;
  // From the start signal to the end of the last thread's last call.
  int64_t elapsed_micros = 0;
  // Checks only.
  OutcomeCounts outcomes{};
  // The first failure seen, if any.
  std::string first_failure;
};

UnaryRound RunUnaryRound(const Target& target, UnaryMethod method, int threads,
                         std::chrono::milliseconds duration);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_UNARY_BENCH_H_
