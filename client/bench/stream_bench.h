// Pipelined bidirectional streams: per stream, a writer thread sends messages of checks back to
// back for a fixed time while a reader thread takes the answers, so the stream never waits for
// a round trip.
#ifndef DISPOSAL_CLIENT_BENCH_STREAM_BENCH_H_
#define DISPOSAL_CLIENT_BENCH_STREAM_BENCH_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "bench/target.h"

namespace disposal::bench {

struct StreamRound {
  int streams = 0;
  int64_t sent = 0;
  // Answers read, decisions and per-item errors together.
  int64_t answers = 0;
  int64_t item_errors = 0;
  // Streams that ended with a non-OK status, or whose answers came out of order.
  int64_t failed_streams = 0;
  // From the start signal until the last answer of the last stream was read.
  int64_t elapsed_micros = 0;
  double checks_qps = 0;
  OutcomeCounts outcomes{};
  std::string first_failure;
};

// Stream i uses channel i % channels.size(); each message carries `checks_per_message` checks
// (the server takes 1..1000).
StreamRound RunStreamRound(const Target& target, int streams, std::chrono::milliseconds duration,
                           int checks_per_message);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_STREAM_BENCH_H_
