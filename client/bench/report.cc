#include "bench/report.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace disposal::bench {
namespace {

// Targets as integer fractions, so PASS/MISS is decided exactly.
constexpr int64_t kRateRatioNumerator = 8;  // unary >= 8/10 of ping
constexpr int64_t kRateRatioDenominator = 10;
constexpr int64_t kP99RatioNumerator = 125;  // check p99 <= 125/100 of ping p99
constexpr int64_t kP99RatioDenominator = 100;
constexpr int64_t kStreamChecksPerSecondMin = 100'000;

std::string FormatRatio(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", ratio);
  return text;
}

std::string Threads(int clients) {
  return std::to_string(clients) + (clients == 1 ? " thread" : " threads");
}

std::string Verdict(bool met) { return met ? "PASS" : "MISS"; }

int64_t RoundedQps(double qps) { return static_cast<int64_t>(std::llround(qps)); }

double QpsRatio(const LevelResult& level) {
  return level.ping.qps > 0 ? level.check.qps / level.ping.qps : 0;
}

double P99Ratio(const LevelResult& level) {
  return level.ping.p99_latency_micros > 0 ? static_cast<double>(level.check.p99_latency_micros) /
                                                 static_cast<double>(level.ping.p99_latency_micros)
                                           : 0;
}

// CPU microseconds per call, rounded; 0 without calls.
int64_t PerCall(int64_t cpu_micros, int64_t calls) {
  return calls > 0 ? (cpu_micros + calls / 2) / calls : 0;
}

// What a call cost each process, when the server's process could be read.
void PrintCpuPerCall(const std::vector<LevelResult>& levels, std::ostream& out) {
  bool any = false;
  for (const LevelResult& level : levels) {
    any = any || (level.ping_cpu.measured && level.check_cpu.measured);
  }
  if (!any) return;
  out << "\nCPU time per call (user + system, all threads, from /proc; PostgreSQL's share of "
         "the checks' receipts is not included):\n\n"
      << "| client threads | server µs per ping | server µs per check | load generator µs per "
         "ping | load generator µs per check | a check's extra, both together |\n"
      << "|---:|---:|---:|---:|---:|---:|\n";
  for (const LevelResult& level : levels) {
    if (!level.ping_cpu.measured || !level.check_cpu.measured) continue;
    const int64_t server_ping = PerCall(level.ping_cpu.server_micros, level.ping.calls);
    const int64_t server_check = PerCall(level.check_cpu.server_micros, level.check.calls);
    const int64_t generator_ping = PerCall(level.ping_cpu.generator_micros, level.ping.calls);
    const int64_t generator_check = PerCall(level.check_cpu.generator_micros, level.check.calls);
    out << "| " << level.clients << " | " << server_ping << " | " << server_check << " | "
        << generator_ping << " | " << generator_check << " | "
        << (server_check + generator_check) - (server_ping + generator_ping) << " |\n";
  }
}

bool Clean(const LevelResult& level) {
  return level.ping.failed_calls == 0 && level.check.failed_calls == 0 && level.ping.calls > 0 &&
         level.check.calls > 0;
}

}  // namespace

std::string GroupThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

bool UnaryRateMet(const LevelResult& level) {
  if (!Clean(level)) return false;
  // check_calls / check_elapsed >= 8/10 * ping_calls / ping_elapsed, cross-multiplied.
  // Calls stay below 1e9 and elapsed micros below 1e10, so the products fit in 128 bits easily.
  const __int128 check_side =
      static_cast<__int128>(level.check.calls) * level.ping.elapsed_micros * kRateRatioDenominator;
  const __int128 ping_side =
      static_cast<__int128>(level.ping.calls) * level.check.elapsed_micros * kRateRatioNumerator;
  return check_side >= ping_side;
}

bool UnaryP99Met(const LevelResult& level) {
  if (!Clean(level)) return false;
  return level.check.p99_latency_micros * kP99RatioDenominator <=
         level.ping.p99_latency_micros * kP99RatioNumerator;
}

bool StreamRateMet(const StreamRound& stream) {
  if (stream.failed_streams > 0 || stream.item_errors > 0 || stream.elapsed_micros <= 0) {
    return false;
  }
  return static_cast<__int128>(stream.answers) * 1'000'000 >=
         static_cast<__int128>(kStreamChecksPerSecondMin) * stream.elapsed_micros;
}

bool PrintReport(const RunDescription& run, const std::vector<LevelResult>& levels,
                 const StreamRound& stream, std::ostream& out) {
  bool all_met = true;
  out << "### Eligibility benchmark\n\n"
      << "Server " << run.server << ", disposal " << run.disposal_id << ", "
      << GroupThousands(static_cast<int64_t>(run.bidders)) << " bidders cycled, "
      << run.duration_seconds << " s per method per level (" << run.rounds
      << " interleaved rounds: ping, check, ping, check), client machine " << run.client_cores
      << " cores. Closed loop: each client thread makes blocking calls back to back; latency "
         "is measured per call with steady_clock. The streams write for "
      << run.stream_seconds << " s, " << run.checks_per_message
      << " checks per message, while a reader per stream takes the answers; checks/s counts "
         "every answer until the last one.\n\n";
  out << "| client threads | channels | Ping calls/s | Ping p50 µs | Ping p99 µs | Check calls/s "
         "| Check p50 µs | Check p99 µs | check/ping calls/s | check p99 / ping p99 |\n"
      << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const LevelResult& level : levels) {
    out << "| " << level.clients << " | " << level.channels << " | "
        << GroupThousands(RoundedQps(level.ping.qps)) << " | " << level.ping.p50_latency_micros
        << " | " << level.ping.p99_latency_micros << " | "
        << GroupThousands(RoundedQps(level.check.qps)) << " | " << level.check.p50_latency_micros
        << " | " << level.check.p99_latency_micros << " | " << FormatRatio(QpsRatio(level)) << " | "
        << FormatRatio(P99Ratio(level)) << " |\n";
  }
  PrintCpuPerCall(levels, out);
  const double stream_seconds_ratio = static_cast<double>(stream.elapsed_micros) / 1e6;
  out << "\n| bidi streams | checks answered | seconds (writing, then draining) | checks/s |\n"
      << "|---:|---:|---:|---:|\n"
      << "| " << stream.streams << " | " << GroupThousands(stream.answers) << " | "
      << FormatRatio(stream_seconds_ratio) << " | " << GroupThousands(RoundedQps(stream.checks_qps))
      << " |\n";

  out << "\n| target | where | measured | result |\n|---|---|---:|:---:|\n";
  for (const LevelResult& level : levels) {
    const bool rate_met = UnaryRateMet(level);
    const bool p99_met = UnaryP99Met(level);
    all_met = all_met && rate_met && p99_met;
    out << "| unary checks/s >= 0.8 x ping calls/s | " << Threads(level.clients) << " | "
        << FormatRatio(QpsRatio(level)) << " x | " << Verdict(rate_met) << " |\n";
    out << "| check p99 <= 1.25 x ping p99 | " << Threads(level.clients) << " | "
        << FormatRatio(P99Ratio(level)) << " x | " << Verdict(p99_met) << " |\n";
  }
  const bool stream_met = StreamRateMet(stream);
  all_met = all_met && stream_met;
  out << "| stream >= 100,000 checks/s | " << stream.streams
      << (stream.streams == 1 ? " stream | " : " streams | ")
      << GroupThousands(RoundedQps(stream.checks_qps)) << " /s | " << Verdict(stream_met) << " |\n";

  out << "\n";
  for (const LevelResult& level : levels) {
    out << "- " << Threads(level.clients) << ": " << GroupThousands(level.ping.calls) << " pings, "
        << GroupThousands(level.check.calls) << " checks ("
        << DescribeOutcomes(level.check_outcomes) << "); failed calls: ping "
        << level.ping.failed_calls << ", check " << level.check.failed_calls
        << "; max latency: ping " << level.ping.max_latency_micros << ", check "
        << level.check.max_latency_micros << "\n";
    if (!level.first_failure.empty()) out << "  first failure: " << level.first_failure << "\n";
  }
  out << "- stream: " << GroupThousands(stream.sent) << " sent, " << GroupThousands(stream.answers)
      << " answered (" << DescribeOutcomes(stream.outcomes) << "); item errors "
      << stream.item_errors << ", failed streams " << stream.failed_streams << "\n";
  if (!stream.first_failure.empty()) out << "  first failure: " << stream.first_failure << "\n";
  return all_met;
}

}  // namespace disposal::bench
