// Audit chains for the client's tests, hashed by client/audit_chain.h's ChainHash.

#ifndef DISPOSAL_TESTS_CLIENT_AUDIT_TEST_EVENTS_H_
#define DISPOSAL_TESTS_CLIENT_AUDIT_TEST_EVENTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "client/audit_chain.h"
#include "disposal/v1/audit.pb.h"

namespace disposalctl {

inline constexpr char kTestClaimId[] = "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182";

// The event at `chain_seq` of the test claim's chain, linked to `prev_hash` and hashed: seq
// 1000 + chain_seq, a minute apart from 2021-08-03T06:05:09.123456Z.
inline disposal::v1::AuditEvent TestChainEvent(std::int64_t chain_seq,
                                               const std::string& prev_hash) {
  disposal::v1::AuditEvent event;
  event.set_seq(1000 + chain_seq);
  event.set_chain_seq(chain_seq);
  event.mutable_event_time()->set_seconds(1627970709 + 60 * chain_seq);
  event.mutable_event_time()->set_nanos(123456000);
  event.set_actor("wang.wei");
  event.set_role("staff");
  event.set_token_id("0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f");
  event.set_rpc("disposal.v1.ClaimService/UpdateClaim");
  event.set_kind("UpdateClaim");
  event.set_request_id("req-" + std::to_string(chain_seq));
  event.set_subject_kind("claim");
  event.set_subject_id(kTestClaimId);
  event.set_subject_version(chain_seq);
  event.set_payload_json(R"({"note":"第)" + std::to_string(chain_seq) + R"(次修改"})");
  event.set_prev_hash(prev_hash);
  event.set_hash(ChainHash(prev_hash, event));
  return event;
}

// Events 1..count of the test claim's chain.
inline std::vector<disposal::v1::AuditEvent> TestChain(int count) {
  std::vector<disposal::v1::AuditEvent> events;
  std::string prev_hash = ZeroHash();
  for (int chain_seq = 1; chain_seq <= count; ++chain_seq) {
    events.push_back(TestChainEvent(chain_seq, prev_hash));
    prev_hash = events.back().hash();
  }
  return events;
}

// Recomputes `event`'s hash from its contents, as a forger who knows the definition would.
inline void Rehash(disposal::v1::AuditEvent* event) {
  event->set_hash(ChainHash(event->prev_hash(), *event));
}

}  // namespace disposalctl

#endif  // DISPOSAL_TESTS_CLIENT_AUDIT_TEST_EVENTS_H_
