// disposal-bench: measures CheckBidderEligibility against the server's no-op Ping, unary at
// several client concurrencies and pipelined over bidirectional streams, and prints Markdown
// tables with the targets and whether each was met.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bidders.h"
#include "bench/latency_stats.h"
#include "bench/report.h"
#include "bench/stream_bench.h"
#include "bench/target.h"
#include "bench/unary_bench.h"

namespace disposal::bench {
namespace {

// Exit codes: every phase ran without a failed call; bad command line or setup; some calls or
// streams failed (the tables are printed anyway, and the affected targets show MISS).
constexpr int kExitOk = 0;
constexpr int kExitSetup = 1;
constexpr int kExitCallsFailed = 3;

// Rounds per method per level: ping, check, ping, check.
constexpr int kRounds = 2;
constexpr int kChannelsAutoMax = 4;
constexpr std::chrono::seconds kConnectTimeout(10);
constexpr std::chrono::seconds kReadyTimeout(120);

struct Options {
  std::string server;
  std::string disposal_id;
  std::string bidders_path;
  int duration_seconds = 10;
  std::vector<int> concurrency = {1, 8, 32};
  int channels = 0;
  int streams = 2;
  int stream_seconds = 0;
  int warmup_seconds = 1;
  int checks_per_message = 100;
  int server_pid = 0;  // 0: the server's CPU is not measured
  std::string actor = "disposal-bench";
};

void Progress(const std::string& text) { std::cerr << "[bench] " << text << std::endl; }

// Waits until a check answers: the index may still be loading (UNAVAILABLE). Any other failure
// (unknown disposal, malformed bidder) is final.
bool WaitUntilReady(const Target& target, std::string* failure) {
  auto stub = v1::EligibilityService::NewStub(target.channels.front());
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (true) {
    grpc::ClientContext context;
    PrepareContext(target, std::chrono::seconds(30), &context);
    v1::EligibilityDecision decision;
    const grpc::Status status =
        stub->CheckBidderEligibility(&context, target.requests->front(), &decision);
    if (status.ok()) return true;
    *failure = DescribeStatus(status);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
        std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

int ChannelsFor(const Options& options, int clients) {
  return options.channels > 0 ? options.channels : std::min(clients, kChannelsAutoMax);
}

LevelResult RunLevel(const Options& options,
                     const std::vector<v1::CheckBidderEligibilityRequest>& requests, int clients) {
  LevelResult level;
  level.clients = clients;
  level.channels = ChannelsFor(options, clients);
  Target target{NewChannels(options.server, level.channels), options.actor, &requests};
  ConnectAll(target.channels, kConnectTimeout);

  const std::chrono::milliseconds warmup(options.warmup_seconds * 1000);
  if (warmup.count() > 0) {
    Progress(std::to_string(clients) + " threads: warming up");
    RunUnaryRound(target, UnaryMethod::kPing, clients, warmup / 2);
    RunUnaryRound(target, UnaryMethod::kCheck, clients, warmup / 2);
  }
  const std::chrono::milliseconds round_duration(options.duration_seconds * 1000 / kRounds);
  LatencyCollector ping, check;
  for (int round = 1; round <= kRounds; ++round) {
    const std::string label = std::to_string(clients) + " threads, round " + std::to_string(round) +
                              "/" + std::to_string(kRounds) + ": ";
    Progress(label + "ping");
    CpuMeter ping_meter(options.server_pid);
    ping_meter.Start();
    UnaryRound ping_round = RunUnaryRound(target, UnaryMethod::kPing, clients, round_duration);
    if (level.first_failure.empty() && !ping_round.first_failure.empty()) {
      level.first_failure = "ping: " + ping_round.first_failure;
    }
    ping.AddRound(std::move(ping_round.threads), ping_round.elapsed_micros);
    ping_meter.StopInto(&level.ping_cpu);
    Progress(label + "check");
    CpuMeter check_meter(options.server_pid);
    check_meter.Start();
    UnaryRound check_round = RunUnaryRound(target, UnaryMethod::kCheck, clients, round_duration);
    check_meter.StopInto(&level.check_cpu);
    if (level.first_failure.empty() && !check_round.first_failure.empty()) {
      level.first_failure = "check: " + check_round.first_failure;
    }
    AddOutcomes(check_round.outcomes, &level.check_outcomes);
    check.AddRound(std::move(check_round.threads), check_round.elapsed_micros);
  }
  level.ping = ping.Summarize();
  level.check = check.Summarize();
  return level;
}

int Run(const Options& options) {
  std::vector<Bidder> bidders;
  std::string error;
  if (!LoadBidders(options.bidders_path, &bidders, &error)) {
    std::cerr << "disposal-bench: " << error << "\n";
    return kExitSetup;
  }
  const std::vector<v1::CheckBidderEligibilityRequest> requests =
      MakeRequests(options.disposal_id, bidders);

  Target probe{NewChannels(options.server, 1), options.actor, &requests};
  if (!ConnectAll(probe.channels, kConnectTimeout)) {
    std::cerr << "disposal-bench: cannot connect to " << options.server << "\n";
    return kExitSetup;
  }
  if (!WaitUntilReady(probe, &error)) {
    std::cerr << "disposal-bench: the first check failed: " << error << "\n";
    return kExitSetup;
  }
  Progress("server ready; " + GroupThousands(static_cast<int64_t>(bidders.size())) +
           " bidders loaded");

  std::vector<LevelResult> levels;
  for (int clients : options.concurrency) levels.push_back(RunLevel(options, requests, clients));

  const int stream_seconds =
      options.stream_seconds > 0 ? options.stream_seconds : options.duration_seconds;
  Target stream_target{NewChannels(options.server, options.streams), options.actor, &requests};
  ConnectAll(stream_target.channels, kConnectTimeout);
  if (options.warmup_seconds > 0) {
    Progress("streams: warming up");
    RunStreamRound(stream_target, options.streams,
                   std::chrono::milliseconds(options.warmup_seconds * 1000),
                   options.checks_per_message);
  }
  Progress(std::to_string(options.streams) + " streams for " + std::to_string(stream_seconds) +
           " s");
  const StreamRound stream =
      RunStreamRound(stream_target, options.streams, std::chrono::seconds(stream_seconds),
                     options.checks_per_message);

  RunDescription run;
  run.server = options.server;
  run.disposal_id = options.disposal_id;
  run.bidders = bidders.size();
  run.duration_seconds = options.duration_seconds;
  run.rounds = kRounds;
  run.stream_seconds = stream_seconds;
  run.checks_per_message = options.checks_per_message;
  run.client_cores = std::thread::hardware_concurrency();
  PrintReport(run, levels, stream, std::cout);
  std::cout.flush();

  bool failures = stream.failed_streams > 0 || stream.item_errors > 0;
  for (const LevelResult& level : levels) {
    failures = failures || level.ping.failed_calls > 0 || level.check.failed_calls > 0;
  }
  return failures ? kExitCallsFailed : kExitOk;
}

}  // namespace
}  // namespace disposal::bench

int main(int argc, char** argv) {
  disposal::bench::Options options;
  CLI::App app{
      "Benchmarks CheckBidderEligibility against the no-op Ping of the same server: for each "
      "concurrency level, closed-loop unary calls (ping and check interleaved, equal time), "
      "then pipelined bidirectional streams. Prints Markdown tables and the targets (unary "
      ">= 0.8 x ping calls/s, check p99 <= 1.25 x ping p99, stream >= 100,000 checks/s) with "
      "PASS or MISS.",
      "disposal-bench"};
  app.add_option("--server", options.server, "Server address, HOST:PORT")->required();
  app.add_option("--disposal", options.disposal_id,
                 "Disposal id (UUID) the bidders are checked "
                 "against")
      ->required();
  app.add_option("--bidders", options.bidders_path,
                 "File of national IDs, one per line (optionally: a tab or comma, then the name)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--duration-seconds", options.duration_seconds,
                 "Measured time per method per concurrency level")
      ->check(CLI::Range(2, 3600))
      ->capture_default_str();
  app.add_option("--concurrency", options.concurrency, "Client thread counts, e.g. 1,8,32")
      ->delimiter(',')
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--channels", options.channels,
                 "Channels (connections) per level; 0: one per thread, at most 4")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  app.add_option("--streams", options.streams,
                 "Concurrent bidirectional streams (the server allows a token 4 at a time)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  app.add_option("--stream-seconds", options.stream_seconds,
                 "Time the streams write for; 0: --duration-seconds")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  app.add_option("--warmup-seconds", options.warmup_seconds,
                 "Unmeasured warm-up before each level and before the streams")
      ->check(CLI::Range(0, 60))
      ->capture_default_str();
  app.add_option("--checks-per-message", options.checks_per_message,
                 "Checks carried by each stream message")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--server-pid", options.server_pid,
                 "The server's process id, when it runs on this machine: the report then shows "
                 "the CPU time one call cost the server and this load generator")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--actor", options.actor, "Sent as x-disposal-actor metadata")
      ->capture_default_str();
  app.footer(
      "Exit status: 0 when every call succeeded (whether or not the targets were met), 1 on a "
      "bad command line or when the server is not usable, 3 when some calls failed.\n\n"
      "Example:\n  disposal-bench --server 127.0.0.1:50051 --disposal ID --bidders bidders.txt "
      "--duration-seconds 10 --concurrency 1,8,32");
  CLI11_PARSE(app, argc, argv);
  return disposal::bench::Run(options);
}
