// disposal-audit-bench: how fast disposal-server streams one claim's audit history, and how much
// memory the server holds while it does. Each run is one AuditService.StreamClaimHistory call
// over the whole chain; the client counts events and bytes, checks that chain_seq runs 1..N
// without a gap and that every event's prev_hash is the hash of the event before it (the
// link, not the SHA-256: deploy/local/bench-audit recomputes those in SQL), and, given the
// server's pid, samples its VmRSS every --sample-ms while the stream runs. A run still going
// after --max-seconds is cancelled and reported with complete=0 (the events that arrived by
// then, at their rate). Prints one line per run,
//   "run=I events=N bytes=B pages=P seconds=S events_per_second=R complete=C first_page_ms=F
//    rss_before_kib=A rss_peak_kib=K rss_after_kib=Z hwm_kib=H"
// and last "best events_per_second=R run=I", for deploy/local/bench-audit to set beside COPY.
// Exits 1 when a run fails or a check does not hold.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "disposal/v1/audit.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string server;
  std::string token_file;
  std::string claim_id;
  int page_size = 1000;
  int runs = 3;
  int64_t expect_events = 0;
  int server_pid = 0;
  int sample_ms = 100;
  int settle_ms = 1000;
  int max_seconds = 600;
};

// A field of /proc/PID/status in KiB (VmRSS, VmHWM); 0 when it cannot be read.
int64_t StatusKib(int pid, const std::string& field) {
  if (pid <= 0) return 0;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, field.size() + 1, field + ":") != 0) continue;
    std::istringstream value(line.substr(field.size() + 1));
    int64_t kib = 0;
    value >> kib;
    return kib;
  }
  return 0;
}

// Samples the server's VmRSS every `period` on a thread of its own until stopped, keeping the
// peak. The first sample is taken at once, so a stream shorter than the period still has one.
class RssSampler {
 public:
  RssSampler(int pid, std::chrono::milliseconds period) : pid_(pid), period_(period) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~RssSampler() { Stop(); }

  int64_t Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    return peak_kib_.load();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    do {
      peak_kib_ = std::max(peak_kib_.load(), StatusKib(pid_, "VmRSS"));
    } while (!wake_.wait_for(lock, period_, [this] { return stopping_; }));
    peak_kib_ = std::max(peak_kib_.load(), StatusKib(pid_, "VmRSS"));
  }

  const int pid_;
  const std::chrono::milliseconds period_;
  std::atomic<int64_t> peak_kib_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

struct RunResult {
  bool ok = false;
  std::string failure;
  int64_t events = 0;
  int64_t bytes = 0;
  int64_t pages = 0;
  int64_t micros = 0;
  int64_t first_page_micros = 0;
  // False when the run was cut off at --max-seconds.
  bool complete = true;
};

// One whole stream, checked as it arrives.
RunResult StreamOnce(disposal::v1::AuditService::Stub* stub, const Options& options,
                     const std::string& token) {
  RunResult result;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(options.max_seconds + 60));
  context.AddMetadata("x-disposal-actor", "disposal-audit-bench");
  context.AddMetadata("authorization", "Bearer " + token);
  disposal::v1::StreamClaimHistoryRequest request;
  request.mutable_subject()->set_claim_id(options.claim_id);
  request.set_page_size(options.page_size);

  const auto started = Clock::now();
  std::unique_ptr<grpc::ClientReader<disposal::v1::ClaimHistoryPage>> reader =
      stub->StreamClaimHistory(&context, request);
  disposal::v1::ClaimHistoryPage page;
  std::string previous_hash(64, '0');
  int64_t previous_seq = 0;
  const auto cut_off = started + std::chrono::seconds(options.max_seconds);
  while (reader->Read(&page)) {
    if (result.complete && Clock::now() > cut_off) {
      // Bounded in time whatever the server's speed: cancel, drain, report what arrived.
      result.complete = false;
      context.TryCancel();
    }
    if (result.pages++ == 0) {
      result.first_page_micros =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    }
    result.bytes += static_cast<int64_t>(page.ByteSizeLong());
    for (const disposal::v1::AuditEvent& event : page.events()) {
      const int64_t expected = result.events + 1;
      if (result.failure.empty()) {
        if (event.chain_seq() != expected) {
          result.failure = "chain_seq " + std::to_string(event.chain_seq()) + " where " +
                           std::to_string(expected) + " was due";
        } else if (event.prev_hash() != previous_hash) {
          result.failure =
              "event " + std::to_string(expected) + ": prev_hash is not the previous event's hash";
        } else if (event.seq() <= previous_seq) {
          result.failure = "event " + std::to_string(expected) + ": seq does not increase";
        } else if (event.subject_id() != options.claim_id) {
          result.failure = "event " + std::to_string(expected) + " is another subject's";
        }
      }
      previous_hash = event.hash();
      previous_seq = event.seq();
      ++result.events;
    }
  }
  const grpc::Status status = reader->Finish();
  result.micros =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
  if (!status.ok() && result.complete && result.failure.empty()) {
    result.failure = "the stream failed: " + status.error_message();
  }
  if (result.failure.empty() && result.complete && options.expect_events > 0 &&
      result.events != options.expect_events) {
    result.failure = std::to_string(result.events) + " events where " +
                     std::to_string(options.expect_events) + " were expected";
  }
  result.ok = result.failure.empty();
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("disposal-audit-bench: one claim's audit history streamed through disposal-server",
               "disposal-audit-bench");
  Options options;
  app.add_option("--server", options.server, "Server address, HOST:PORT")->required();
  app.add_option("--token-file", options.token_file, "An auditor's access token")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--claim", options.claim_id, "The claim whose history to stream")->required();
  app.add_option("--page-size", options.page_size, "Events per streamed message")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--runs", options.runs, "Whole streams, one after another")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  app.add_option("--expect-events", options.expect_events, "Fail unless a stream has this many")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--server-pid", options.server_pid, "Sample this process's memory (same host)");
  app.add_option("--sample-ms", options.sample_ms, "Memory sampling period")
      ->check(CLI::Range(10, 10000))
      ->capture_default_str();
  app.add_option("--max-seconds", options.max_seconds,
                 "Cut a run off after this long (reported with complete=0)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--settle-ms", options.settle_ms, "Wait after a stream before rss_after")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::string token;
  {
    std::ifstream in(options.token_file);
    std::getline(in, token);
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
      token.pop_back();
    }
  }
  if (token.empty()) {
    std::cerr << "[audit-bench] the token file " << options.token_file << " is empty\n";
    return 2;
  }

  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto channel =
      grpc::CreateCustomChannel(options.server, grpc::InsecureChannelCredentials(), arguments);
  auto stub = disposal::v1::AuditService::NewStub(channel);

  // The fastest whole run; a cut-off run only when none finished.
  int best_run = 0;
  int64_t best_rate = -1;
  bool best_complete = false;
  for (int run = 1; run <= options.runs; ++run) {
    const int64_t rss_before = StatusKib(options.server_pid, "VmRSS");
    RssSampler sampler(options.server_pid, std::chrono::milliseconds(options.sample_ms));
    const RunResult result = StreamOnce(stub.get(), options, token);
    const int64_t rss_peak = sampler.Stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(options.settle_ms));
    const int64_t rss_after = StatusKib(options.server_pid, "VmRSS");
    if (!result.ok) {
      std::cerr << "[audit-bench] run " << run << ": " << result.failure << std::endl;
      return 1;
    }
    // Integer arithmetic: events per second from counts and microseconds.
    const int64_t rate = result.micros > 0 ? result.events * 1'000'000 / result.micros : 0;
    if ((result.complete && !best_complete) ||
        (result.complete == best_complete && rate > best_rate)) {
      best_rate = rate;
      best_run = run;
      best_complete = result.complete;
    }
    std::cout << "run=" << run << " events=" << result.events << " bytes=" << result.bytes
              << " pages=" << result.pages << " seconds=" << result.micros / 1'000'000 << "."
              << std::setw(3) << std::setfill('0') << (result.micros / 1'000) % 1'000
              << " events_per_second=" << rate << " complete=" << (result.complete ? 1 : 0)
              << " first_page_ms=" << result.first_page_micros / 1'000
              << " rss_before_kib=" << rss_before << " rss_peak_kib=" << rss_peak
              << " rss_after_kib=" << rss_after
              << " hwm_kib=" << StatusKib(options.server_pid, "VmHWM") << std::endl;
  }
  std::cout << "best events_per_second=" << best_rate << " run=" << best_run << std::endl;
  return 0;
}
