#include "bench/stream_bench.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace disposal::bench {
namespace {

// Long enough for the writing time plus draining what is in flight.
constexpr std::chrono::seconds kStreamGrace(120);

struct StreamResult {
  int64_t sent = 0;
  int64_t answers = 0;
  int64_t item_errors = 0;
  bool failed = false;
  OutcomeCounts outcomes{};
  std::string failure;
  std::chrono::steady_clock::time_point last_answer;
};

using Stream =
    grpc::ClientReaderWriter<v1::EligibilityStreamRequest, v1::EligibilityStreamResponse>;

// The bidders grouped into stream messages once, before the clock starts, so that the round
// measures the server rather than the load generator's copying.
std::vector<v1::EligibilityStreamRequest> GroupIntoMessages(
    const std::vector<v1::CheckBidderEligibilityRequest>& requests, int checks_per_message) {
  std::vector<v1::EligibilityStreamRequest> messages;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (i % static_cast<size_t>(checks_per_message) == 0) messages.emplace_back();
    *messages.back().add_checks() = requests[i];
  }
  return messages;
}

void WriteUntil(const std::vector<v1::EligibilityStreamRequest>& messages, size_t first,
                std::chrono::steady_clock::time_point deadline, Stream* stream, int64_t* sent) {
  size_t next = first;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!stream->Write(messages[next])) break;
    *sent += messages[next].checks_size();
    if (++next == messages.size()) next = 0;
  }
  stream->WritesDone();
}

void ReadAll(Stream* stream, StreamResult* result) {
  v1::EligibilityStreamResponse response;
  while (stream->Read(&response)) {
    result->last_answer = std::chrono::steady_clock::now();
    for (const v1::EligibilityStreamResult& answer : response.results()) {
      if (answer.index() != result->answers && !result->failed) {
        result->failed = true;
        result->failure = "answer " + std::to_string(result->answers) + " carries index " +
                          std::to_string(answer.index());
      }
      ++result->answers;
      if (answer.has_decision()) {
        AddOutcome(answer.decision().outcome(), &result->outcomes);
      } else {
        ++result->item_errors;
        if (result->failure.empty()) result->failure = "item error: " + answer.error();
      }
    }
  }
}

void RunOneStream(const Target& target, const std::vector<v1::EligibilityStreamRequest>& messages,
                  int stream_index, int streams, std::chrono::steady_clock::time_point started,
                  std::chrono::steady_clock::time_point deadline, StreamResult* result) {
  auto stub = v1::EligibilityService::NewStub(
      target.channels[static_cast<size_t>(stream_index) % target.channels.size()]);
  grpc::ClientContext context;
  PrepareContext(
      target, std::chrono::duration_cast<std::chrono::seconds>(deadline - started) + kStreamGrace,
      &context);
  std::unique_ptr<Stream> stream = stub->CheckBidderEligibilityStream(&context);
  result->last_answer = started;
  const size_t first =
      messages.size() * static_cast<size_t>(stream_index) / static_cast<size_t>(streams);
  std::thread writer(WriteUntil, std::cref(messages), first, deadline, stream.get(), &result->sent);
  ReadAll(stream.get(), result);
  writer.join();
  const grpc::Status status = stream->Finish();
  if (!status.ok()) {
    result->failed = true;
    result->failure = "stream ended with " + DescribeStatus(status);
  } else if (result->answers != result->sent && !result->failed) {
    result->failed = true;
    result->failure = "sent " + std::to_string(result->sent) + " checks but got " +
                      std::to_string(result->answers) + " answers";
  }
}

}  // namespace

StreamRound RunStreamRound(const Target& target, int streams, std::chrono::milliseconds duration,
                           int checks_per_message) {
  const std::vector<v1::EligibilityStreamRequest> messages =
      GroupIntoMessages(*target.requests, checks_per_message);
  std::vector<StreamResult> results(static_cast<size_t>(streams));
  std::vector<std::thread> threads;
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + duration;
  for (int i = 0; i < streams; ++i) {
    threads.emplace_back(RunOneStream, std::cref(target), std::cref(messages), i, streams, started,
                         deadline, &results[static_cast<size_t>(i)]);
  }
  for (std::thread& thread : threads) thread.join();

  StreamRound round;
  round.streams = streams;
  auto finished = started;
  for (const StreamResult& result : results) {
    round.sent += result.sent;
    round.answers += result.answers;
    round.item_errors += result.item_errors;
    if (result.failed) ++round.failed_streams;
    AddOutcomes(result.outcomes, &round.outcomes);
    if (round.first_failure.empty()) round.first_failure = result.failure;
    finished = std::max(finished, result.last_answer);
  }
  round.elapsed_micros = MicrosBetween(started, finished);
  if (round.elapsed_micros > 0) {
    // Only answered decisions count as checks.
    round.checks_qps = static_cast<double>(round.answers - round.item_errors) * 1e6 /
                       static_cast<double>(round.elapsed_micros);
  }
  return round;
}

}  // namespace disposal::bench
