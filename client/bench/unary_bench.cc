#include "bench/unary_bench.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace disposal::bench {
namespace {

constexpr std::chrono::seconds kCallTimeout(30);
constexpr size_t kSamplesReserved = 1 << 16;

// Released once, when every thread of a round has been created.
class StartGate {
 public:
  void Open(std::chrono::steady_clock::time_point deadline) {
    std::lock_guard<std::mutex> lock(mutex_);
    deadline_ = deadline;
    open_ = true;
    opened_.notify_all();
  }
  std::chrono::steady_clock::time_point Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
    return deadline_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
  std::chrono::steady_clock::time_point deadline_;
};

struct ThreadResult {
  ThreadSamples samples;
  OutcomeCounts outcomes{};
  std::string first_failure;
  std::chrono::steady_clock::time_point finished;
};

void CallUntil(const Target& target, UnaryMethod method, int thread_index, int threads,
               StartGate* gate, ThreadResult* result) {
  auto stub = v1::EligibilityService::NewStub(
      target.channels[static_cast<size_t>(thread_index) % target.channels.size()]);
  const std::vector<v1::CheckBidderEligibilityRequest>& requests = *target.requests;
  // Threads start at evenly spaced places in the bidder list, so they ask about different people.
  size_t next = requests.size() * static_cast<size_t>(thread_index) / static_cast<size_t>(threads);
  result->samples.latency_micros.reserve(kSamplesReserved);
  const v1::PingRequest ping;
  v1::PingResponse pong;
  v1::EligibilityDecision decision;
  const auto deadline = gate->Wait();
  auto now = std::chrono::steady_clock::now();
  while (now < deadline) {
    grpc::ClientContext context;
    PrepareContext(target, kCallTimeout, &context);
    const auto started = std::chrono::steady_clock::now();
    grpc::Status status;
    if (method == UnaryMethod::kPing) {
      status = stub->Ping(&context, ping, &pong);
    } else {
      status = stub->CheckBidderEligibility(&context, requests[next], &decision);
      if (++next == requests.size()) next = 0;
    }
    now = std::chrono::steady_clock::now();
    if (status.ok()) {
      result->samples.latency_micros.push_back(MicrosBetween(started, now));
      if (method == UnaryMethod::kCheck) AddOutcome(decision.outcome(), &result->outcomes);
    } else {
      ++result->samples.failed_calls;
      if (result->first_failure.empty()) result->first_failure = DescribeStatus(status);
    }
  }
  result->finished = now;
}

}  // namespace

UnaryRound RunUnaryRound(const Target& target, UnaryMethod method, int threads,
                         std::chrono::milliseconds duration) {
  StartGate gate;
  std::vector<ThreadResult> results(static_cast<size_t>(threads));
  std::vector<std::thread> workers;
  workers.reserve(results.size());
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back(CallUntil, std::cref(target), method, i, threads, &gate,
                         &results[static_cast<size_t>(i)]);
  }
  const auto started = std::chrono::steady_clock::now();
  gate.Open(started + duration);
  for (std::thread& worker : workers) worker.join();

  UnaryRound round;
  auto finished = started;
  for (ThreadResult& result : results) {
    finished = std::max(finished, result.finished);
    AddOutcomes(result.outcomes, &round.outcomes);
    if (round.first_failure.empty()) round.first_failure = result.first_failure;
    round.threads.push_back(std::move(result.samples));
  }
  round.elapsed_micros = MicrosBetween(started, finished);
  return round;
}

}  // namespace disposal::bench
