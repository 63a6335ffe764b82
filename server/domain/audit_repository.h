// What the audit use cases need from storage: a chain's head and its events a page at a time.
// store/ implements it on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.h"
#include "domain/result.h"

namespace disposal::domain {

// Whose chain: ("claim", uuid), ("disposal", uuid), ...
struct AuditSubjectRef {
  std::string kind;
  std::string id;
};

// Which events of a chain, in chain order (chain_seq, then seq).
struct HistoryFilter {
  int64_t start_micros = std::numeric_limits<int64_t>::min();  // event_time >= this
  int64_t end_micros = std::numeric_limits<int64_t>::max();    // event_time < this
  std::vector<std::string> kinds;                              // method names; empty: all
};

// Where a page continues: strictly after (chain_seq, seq).
struct ChainPosition {
  int64_t chain_seq = 0;
  int64_t seq = 0;
};

// One page of a chain's events, in chain order.
struct AuditPage {
  std::vector<AuditRecord> events;
  // The page stopped at its count or byte bound, not at the end of what was asked for: read on
  // after its last event.
  bool more = false;
};

// The most payload bytes a page holds, beyond its first event: a page is counted in events,
// and an event's payload may be up to 3.5 MiB, so a page of a thousand such events would
// otherwise hold gigabytes in the server (twice over in a stream, which reads the next page
// while it sends one).
inline constexpr size_t kAuditPagePayloadBytesMax = 8 * 1024 * 1024;

// A chain's recorded head and the last position any of its stored events holds, read at one
// instant. Appends move the head with their event, so the last stored position passes the head
// only where the head was moved back or events were added without it.
struct ChainExtent {
  std::optional<ChainHead> head;
  int64_t last_stored_chain_seq = 0;  // 0: no events stored
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // The chain's recorded head; nullopt when the subject has none.
  virtual Result<std::optional<ChainHead>> Head(const AuditSubjectRef& subject) = 0;
  // The head and the last stored position, one snapshot.
  virtual Result<ChainExtent> Extent(const AuditSubjectRef& subject) = 0;
  // Up to `limit` events after `after` with chain_seq <= `through`, matching `filter`, and
  // fewer where their payloads would pass kAuditPagePayloadBytesMax (the first is always
  // there).
  virtual Result<AuditPage> Page(const AuditSubjectRef& subject, const HistoryFilter& filter,
                                 const ChainPosition& after, int64_t through, int limit) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_
