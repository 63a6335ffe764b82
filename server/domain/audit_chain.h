// The audit history's hash chain (defined in proto/disposal/v1/audit.proto): canonical bytes,
// hashes, and a verifier that walks a chain in order with memory bounded by one event.
#ifndef DISPOSAL_SERVER_DOMAIN_AUDIT_CHAIN_H_
#define DISPOSAL_SERVER_DOMAIN_AUDIT_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace disposal::domain {

inline constexpr char kAuditFormat[] = "disposal.audit.v1";
inline constexpr size_t kHashBytes = 32;

// One event as stored. Hashes are raw bytes (32 when well formed).
struct AuditRecord {
  int64_t seq = 0;
  int64_t chain_seq = 0;
  int64_t event_time_micros = 0;
  std::string actor;
  std::string role;
  std::string token_id;
  std::string rpc;
  std::string request_id;
  std::string subject_kind;
  std::string subject_id;
  int64_t subject_version = 0;
  std::string payload_json;
  std::string prev_hash;
  std::string hash;
};

// A chain's recorded end: its last position and hash.
struct ChainHead {
  int64_t chain_seq = 0;
  std::string hash;
};

// The fields joined by line feeds, after the format's name.
std::string CanonicalBytes(const AuditRecord& event);
// SHA-256(prev_hash || CanonicalBytes(event)), raw bytes.
std::string ChainHash(const std::string& prev_hash, const AuditRecord& event);
std::string HexOf(const std::string& bytes);
// The hash before the first event: 32 zero bytes.
std::string GenesisHash();

enum class ChainBreakKind { kEdited, kRemoved, kInserted, kReordered, kMalformed };

struct ChainBreak {
  ChainBreakKind kind = ChainBreakKind::kEdited;
  int64_t chain_seq = 0;
  int64_t seq = 0;  // 0 when the event is missing
  std::string reason;
};

// Feed a chain's events in stored order; the first break sticks. Checks, per event:
// malformed fields, a taken position (inserted), a position going back (reordered), a gap
// (removed), contents against the hash (edited), the link to the event before (inserted).
class ChainVerifier {
 public:
  // Returns the first break found so far (this event's or an earlier one).
  const std::optional<ChainBreak>& Feed(const AuditRecord& event);
  // Compares the last event with the chain's recorded head (removed or edited last events).
  const std::optional<ChainBreak>& Finish(const std::optional<ChainHead>& head);

  int64_t event_count() const { return event_count_; }
  const ChainHead& last() const { return last_; }
  // The position of the last event fed before the first break (0 when the first was broken):
  // the chain is whole up to there.
  int64_t whole_through() const { return whole_through_; }
  const std::optional<ChainBreak>& first_break() const { return first_break_; }

 private:
  // Events found at one position: which is genuine is known only from what links to one of
  // them (the next event, or the head), so the verdict waits for that.
  struct Duplicates {
    int64_t chain_seq = 0;
    std::string prev_hash;  // the hash of the event before the position, which each links to
    std::vector<std::pair<int64_t, std::string>> seq_and_hash;
  };

  std::optional<ChainBreak> Check(const AuditRecord& event) const;
  std::optional<ChainBreak> CheckDuplicate(const AuditRecord& event) const;
  // The break for the duplicates: the one `link` (the hash the next event or the head links to,
  // if any) does not name is inserted.
  ChainBreak BlameDuplicates(const std::optional<std::string>& link,
                             const std::string& linker) const;

  int64_t event_count_ = 0;
  int64_t whole_through_ = 0;
  int64_t last_seq_ = 0;
  std::string last_prev_hash_;
  ChainHead last_;
  std::optional<Duplicates> duplicates_;
  std::optional<ChainBreak> first_break_;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_AUDIT_CHAIN_H_
