// The server's metrics in Prometheus' text format: every RPC counted by method and status code,
// with a latency histogram per method, and gauges read when scraped (the eligibility index,
// reads served by the standby, receipts waiting to be written). Served on a port of its own
// (api/metrics_http.h) when --metrics-listen is set.
//
// Durations are kept in whole microseconds and printed as seconds by digit placement: nothing
// here goes through floating point.
#ifndef DISPOSAL_SERVER_API_METRICS_H_
#define DISPOSAL_SERVER_API_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace disposal::api {

// One sample of a gauge or counter read at scrape time: its labels ("name=\"value\"" pairs,
// already quoted, joined by commas; empty for none) and its value.
struct Sample {
  std::string labels;
  int64_t value = 0;
  // `value` is a duration in microseconds, printed as seconds ("1.250000").
  bool micros_as_seconds = false;
};

class Metrics {
 public:
  // Histogram bucket bounds, in microseconds (0.5 ms to 10 s).
  static constexpr std::array<int64_t, 14> kBucketMicros = {
      500,     1'000,   2'500,   5'000,     10'000,    25'000,    50'000,
      100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000};
  // gRPC's status codes are 0..16.
  static constexpr int kCodes = 17;

  // `known_method(full_name)` says whether a method path ("/package.Service/Method") is one
  // the server serves; others are counted under method="other", so that callers naming
  // made-up methods cannot grow the set of series without bound.
  explicit Metrics(std::function<bool(const std::string&)> known_method);

  // Counts one call of `method` that ended with `code` after `micros`.
  void RecordCall(const std::string& method, int code, int64_t micros);

  // A counter (`counter` true) or gauge whose samples `read` returns at each scrape.
  void AddReadout(std::string name, std::string help, bool counter,
                  std::function<std::vector<Sample>()> read);

  // Everything, in Prometheus' text exposition format (version 0.0.4).
  std::string Exposition() const;

  // "1.234567" for 1234567 microseconds.
  static std::string Seconds(int64_t micros);

 private:
  struct MethodStats {
    std::array<std::atomic<uint64_t>, kCodes> calls{};
    std::array<std::atomic<uint64_t>, kBucketMicros.size()> buckets{};  // not cumulative
    std::atomic<uint64_t> count{0};
    std::atomic<int64_t> sum_micros{0};
  };
  struct Readout {
    std::string name, help;
    bool counter = false;
    std::function<std::vector<Sample>()> read;
  };

  MethodStats& StatsOf(const std::string& method);
  void AppendCalls(std::string* out) const;
  void AppendLatencies(std::string* out) const;

  std::function<bool(const std::string&)> known_method_;
  mutable std::shared_mutex mutex_;  // guards the map's shape; the stats are atomics
  std::map<std::string, std::unique_ptr<MethodStats>> methods_;
  std::vector<Readout> readouts_;  // added before serving starts
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_METRICS_H_
