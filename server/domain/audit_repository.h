// What the audit use cases need from storage: a chain's head and its events a page at a time.
// store/ implements it on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_

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

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // The chain's recorded head; nullopt when the subject has none.
  virtual Result<std::optional<ChainHead>> Head(const AuditSubjectRef& subject) = 0;
  // Up to `limit` events after `after` with chain_seq <= `through`, matching `filter`.
  virtual Result<std::vector<AuditRecord>> Page(const AuditSubjectRef& subject,
                                                const HistoryFilter& filter,
                                                const ChainPosition& after, int64_t through,
                                                int limit) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_AUDIT_REPOSITORY_H_
