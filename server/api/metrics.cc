#include "api/metrics.h"

#include <algorithm>
#include <mutex>

#include "api/status.h"

namespace disposal::api {
namespace {

constexpr char kOtherMethod[] = "other";

void AppendHeader(std::string* out, const std::string& name, const std::string& help,
                  const char* type) {
  *out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

Metrics::Metrics(std::function<bool(const std::string&)> known_method)
    : known_method_(std::move(known_method)) {}

Metrics::MethodStats& Metrics::StatsOf(const std::string& method) {
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (const auto found = methods_.find(method); found != methods_.end()) return *found->second;
  }
  const std::string key = known_method_(method) ? method : kOtherMethod;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  std::unique_ptr<MethodStats>& stats = methods_[key];
  if (!stats) stats = std::make_unique<MethodStats>();
  return *stats;
}

void Metrics::RecordCall(const std::string& method, int code, int64_t micros) {
  MethodStats& stats = StatsOf(method);
  stats.calls[static_cast<size_t>(code >= 0 && code < kCodes ? code : 2)].fetch_add(
      1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBucketMicros.size(); ++i) {
    if (micros <= kBucketMicros[i]) {
      stats.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  stats.count.fetch_add(1, std::memory_order_relaxed);
  stats.sum_micros.fetch_add(micros < 0 ? 0 : micros, std::memory_order_relaxed);
}

void Metrics::AddReadout(std::string name, std::string help, bool counter,
                         std::function<std::vector<Sample>()> read) {
  readouts_.push_back({std::move(name), std::move(help), counter, std::move(read)});
}

std::string Metrics::Seconds(int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  std::string fraction = std::to_string(magnitude % 1'000'000);
  fraction.insert(0, 6 - fraction.size(), '0');
  return (negative ? "-" : "") + std::to_string(magnitude / 1'000'000) + "." + fraction;
}

void Metrics::AppendCalls(std::string* out) const {
  AppendHeader(out, "disposal_rpc_handled_total",
               "RPCs completed by the server, by method and gRPC status code.", "counter");
  for (const auto& [method, stats] : methods_) {
    for (int code = 0; code < kCodes; ++code) {
      const uint64_t calls = stats->calls[static_cast<size_t>(code)].load();
      if (calls == 0) continue;
      *out += "disposal_rpc_handled_total{method=\"" + method + "\",code=\"" +
              GrpcCodeName(static_cast<grpc::StatusCode>(code)) + "\"} " + std::to_string(calls) +
              "\n";
    }
  }
}

void Metrics::AppendLatencies(std::string* out) const {
  AppendHeader(out, "disposal_rpc_duration_seconds",
               "Time from a call's arrival to its status, by method (a stream's whole life).",
               "histogram");
  for (const auto& [method, stats] : methods_) {
    const std::string prefix =
        "disposal_rpc_duration_seconds_bucket{method=\"" + method + "\",le=\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketMicros.size(); ++i) {
      cumulative += stats->buckets[i].load();
      *out += prefix + Seconds(kBucketMicros[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    // Read after the buckets, which a call counts first: never below them.
    const std::string count = std::to_string(std::max(stats->count.load(), cumulative));
    *out += prefix + "+Inf\"} " + count + "\n";
    *out += "disposal_rpc_duration_seconds_sum{method=\"" + method + "\"} " +
            Seconds(stats->sum_micros.load()) + "\n";
    *out += "disposal_rpc_duration_seconds_count{method=\"" + method + "\"} " + count + "\n";
  }
}

std::string Metrics::Exposition() const {
  std::string out;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    AppendCalls(&out);
    AppendLatencies(&out);
  }
  for (const Readout& readout : readouts_) {
    AppendHeader(&out, readout.name, readout.help, readout.counter ? "counter" : "gauge");
    for (const Sample& sample : readout.read()) {
      out += readout.name + (sample.labels.empty() ? "" : "{" + sample.labels + "}") + " " +
             (sample.micros_as_seconds ? Seconds(sample.value) : std::to_string(sample.value)) +
             "\n";
    }
  }
  return out;
}

}  // namespace disposal::api
