#include "bench/target.h"

#include <cstdlib>

namespace disposal::bench {
namespace {

constexpr int kReceiveMessageBytesMax = 16 * 1024 * 1024;

std::string CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    default:
      return "code " + std::to_string(static_cast<int>(code));
  }
}

}  // namespace

std::vector<std::shared_ptr<grpc::Channel>> NewChannels(const std::string& address, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(kReceiveMessageBytesMax);
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments));
  }
  return channels;
}

bool ConnectAll(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                std::chrono::seconds timeout) {
  const auto deadline = std::chrono::system_clock::now() + timeout;
  for (const auto& channel : channels) {
    if (!channel->WaitForConnected(deadline)) return false;
  }
  return true;
}

void AddOutcome(v1::EligibilityOutcome outcome, OutcomeCounts* counts) {
  const int index = static_cast<int>(outcome);
  (*counts)[index >= 0 && index < 4 ? index : 0] += 1;
}

void AddOutcomes(const OutcomeCounts& from, OutcomeCounts* to) {
  for (size_t i = 0; i < from.size(); ++i) (*to)[i] += from[i];
}

std::string DescribeOutcomes(const OutcomeCounts& counts) {
  const int64_t total = counts[0] + counts[1] + counts[2] + counts[3];
  auto share = [total](int64_t count) {
    // Tenths of a percent, rounded down: statistics only.
    const int64_t permille_ratio = total > 0 ? count * 1000 / total : 0;
    return std::to_string(count) + " (" + std::to_string(permille_ratio / 10) + "." +
           std::to_string(permille_ratio % 10) + "%)";
  };
  std::string text = "eligible " + share(counts[v1::ELIGIBILITY_OUTCOME_ELIGIBLE]) +
                     ", ineligible " + share(counts[v1::ELIGIBILITY_OUTCOME_INELIGIBLE]) +
                     ", review " + share(counts[v1::ELIGIBILITY_OUTCOME_REVIEW]);
  if (counts[v1::ELIGIBILITY_OUTCOME_UNSPECIFIED] > 0) {
    text += ", unspecified " + share(counts[v1::ELIGIBILITY_OUTCOME_UNSPECIFIED]);
  }
  return text;
}

void PrepareContext(const Target& target, std::chrono::seconds timeout,
                    grpc::ClientContext* context) {
  // Read once: the benchmark runs as one partner, whose token the script puts here.
  static const std::string authorization = [] {
    const char* token = std::getenv("DISPOSAL_TOKEN");
    return token == nullptr ? std::string() : "Bearer " + std::string(token);
  }();
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  context->AddMetadata(kActorMetadataKey, target.actor);
  if (!authorization.empty()) context->AddMetadata("authorization", authorization);
}

std::string DescribeStatus(const grpc::Status& status) {
  return CodeName(status.error_code()) + ": " + status.error_message();
}

int64_t MicrosBetween(std::chrono::steady_clock::time_point from,
                      std::chrono::steady_clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
}

}  // namespace disposal::bench
