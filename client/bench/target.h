// What every benchmark phase talks to: the channels to the server, the actor sent as metadata,
// and the prepared requests. Also the tallies the phases share.
#ifndef DISPOSAL_CLIENT_BENCH_TARGET_H_
#define DISPOSAL_CLIENT_BENCH_TARGET_H_

#include <grpcpp/grpcpp.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "disposal/v1/eligibility.grpc.pb.h"

namespace disposal::bench {

inline constexpr char kActorMetadataKey[] = "x-disposal-actor";

struct Target {
  // Thread i of a phase uses channels[i % channels.size()].
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::string actor;
  // Cycled through by the checks; never empty.
  const std::vector<v1::CheckBidderEligibilityRequest>* requests = nullptr;
};

// `count` channels to `address`, each with its own subchannel pool, so each has its own
// connection (HTTP/2 transport) instead of all sharing one.
std::vector<std::shared_ptr<grpc::Channel>> NewChannels(const std::string& address, int count);

// Connects every channel, waiting at most `timeout`; false if one did not connect.
bool ConnectAll(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                std::chrono::seconds timeout);

// Decisions per outcome, indexed by v1::EligibilityOutcome (0..3).
using OutcomeCounts = std::array<int64_t, 4>;

void AddOutcome(v1::EligibilityOutcome outcome, OutcomeCounts* counts);
void AddOutcomes(const OutcomeCounts& from, OutcomeCounts* to);
// e.g. "eligible 61234, ineligible 812, review 3".
std::string DescribeOutcomes(const OutcomeCounts& counts);

// A context for one call: deadline, actor metadata and the bearer token in DISPOSAL_TOKEN.
void PrepareContext(const Target& target, std::chrono::seconds timeout,
                    grpc::ClientContext* context);

// "CODE: message" for a failed call.
std::string DescribeStatus(const grpc::Status& status);

// Microseconds between two steady_clock instants.
int64_t MicrosBetween(std::chrono::steady_clock::time_point from,
                      std::chrono::steady_clock::time_point to);

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_TARGET_H_
