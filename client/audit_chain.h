// The audit chain, recomputed on the client: the canonical bytes and hash of an event exactly as
// audit.proto defines them, and a checker that finds the first broken event of a chain.
//
// This is an independent implementation of the definition in audit.proto, not a copy of the
// server's code: an auditor who verifies an export must not have to trust the server that
// wrote it. The checker sees one event at a time and keeps only what the next event is checked
// against, so a history of any length verifies in bounded memory.

#ifndef DISPOSAL_CLIENT_AUDIT_CHAIN_H_
#define DISPOSAL_CLIENT_AUDIT_CHAIN_H_

#include <google/protobuf/timestamp.pb.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disposal/v1/audit.pb.h"

namespace disposalctl {

// The first canonical field of every event, and the format of an export's manifest.
inline constexpr char kAuditFormat[] = "disposal.audit.v1";

// A hash in lowercase hex: 64 digits.
inline constexpr std::size_t kHashHexLength = 64;

// The prev_hash of event 1: 64 zeros.
std::string ZeroHash();

// True for exactly 64 lowercase hex digits.
bool IsHashHex(std::string_view text);

// The first 12 digits of `hash` and "…", or the whole text when it is that short.
std::string ShortHash(std::string_view hash);

// event_time as microseconds since 1970-01-01T00:00:00Z: seconds * 1,000,000 + nanos / 1,000
// (nanos is never negative, so a time before 1970 comes out negative and exact).
// REQUIRES: `time` is a valid Timestamp (years 1..9999, 0 <= nanos < 10^9).
std::int64_t EventTimeMicros(const google::protobuf::Timestamp& time);

// The event's canonical bytes: the fields audit.proto lists, as text, joined by line feeds.
std::string CanonicalEventBytes(const disposal::v1::AuditEvent& event);

// Lowercase hex SHA-256 of the 32 bytes `prev_hash` stands for followed by the event's
// canonical bytes. REQUIRES: IsHashHex(prev_hash).
std::string ChainHash(std::string_view prev_hash, const disposal::v1::AuditEvent& event);

// "edited", "removed", "inserted", "reordered", "malformed"; "unspecified" otherwise.
std::string ChainBreakKindText(disposal::v1::ChainBreakKind kind);

// Finds the first break of a chain fed one event at a time, in the order the events appear.
//
// Each event is checked against the one before it: malformed fields, a subject other than the
// one expected, its position (a second event at a taken position, one out of order, a gap), its
// own hash, and its link to the previous event's hash. A gap is not reported as events removed
// at once: if the next thing amiss is a missing event turning up after the ones that jumped
// ahead of it, the chain was reordered (two swapped lines), not cut.
class ChainChecker {
 public:
  // A chain from its first event.
  ChainChecker() : ChainChecker(0, ZeroHash()) {}
  // A chain that continues after position `after_chain_seq`, whose event has hash `after_hash`.
  ChainChecker(std::int64_t after_chain_seq, std::string after_hash);

  // Also checks that each event belongs to this subject ("claim" and the claim's id).
  void ExpectSubject(const std::string& subject_kind, const std::string& subject_id);

  // Also checks the events against an export's manifest: each must belong to its subject and
  // lie at or before its head; Finish compares the head and the time range.
  void ExpectManifest(const disposal::v1::AuditExportManifest& manifest);

  // Also checks, at Finish, that the chain passes through this head: the position and hash
  // (hex) the server recorded as the chain's last, or one an auditor kept from an earlier check
  // (the chain may have grown since). A chain ending before it lost its last events. Call
  // before the first Add.
  void ExpectHead(std::int64_t head_chain_seq, const std::string& head_hash);

  // As ExpectHead, for the head the server recorded when it streamed the events: the chain
  // may not go past it. An event after it is INSERTED (added without moving the head, or left
  // beyond a head moved back), as VerifyClaimHistory finds it.
  void ExpectServerHead(std::int64_t head_chain_seq, const std::string& head_hash);

  // The server sent the events without a head: its record of the chain's head is missing.
  // Finish then finds the chain broken (REMOVED after its last event), since nothing shows
  // whether events after it were removed. (An export's manifest says so by itself.)
  void ExpectHeadRecordMissing() { head_record_missing_ = true; }

  // Checks the next event. False once the chain is known to be broken (at this event or an
  // earlier one); later events are then ignored.
  bool Add(const disposal::v1::AuditEvent& event);

  // The next event could not be read at all: a MALFORMED break at the next position, with the
  // reason "<where>: malformed: <why>", e.g. "line 4: malformed: not JSON".
  void AddUnreadable(const std::string& where, const std::string& why);

  // After the last event: settles a pending gap as removed events and compares the chain with
  // the manifest, if one is expected. False when the chain is broken.
  bool Finish();

  bool broken() const { return first_break_.has_value(); }
  // REQUIRES: broken().
  const disposal::v1::ChainBreak& first_break() const { return *first_break_; }
  // Events accepted so far (all of them when the chain is whole).
  std::int64_t event_count() const { return event_count_; }
  // The last accepted event's position and hash (the starting position before any).
  std::int64_t head_chain_seq() const { return prev_chain_seq_; }
  const std::string& head_hash() const { return prev_hash_; }

  // The outcome in the form VerifyClaimHistory answers with, so that an offline check prints
  // like an online one. Call after Finish.
  disposal::v1::VerifyClaimHistoryResponse Result() const;

 private:
  // Events missing between the previous event and the one that jumped ahead of them.
  struct Gap {
    std::int64_t first_missing;
    std::int64_t last_missing;
    disposal::v1::ChainBreak removed;
  };

  // Events found at one position: which is genuine is known only from what links to one of
  // them (the next event, or a head), so the verdict waits for that.
  struct Duplicates {
    std::int64_t chain_seq;
    std::string prev_hash;  // the hash of the event before the position, which each links to
    std::vector<std::pair<std::int64_t, std::string>> seq_and_hash;
  };

  std::optional<disposal::v1::ChainBreak> CheckDuplicate(
      const disposal::v1::AuditEvent& event) const;

  // The break for the duplicates: the one `link` (the hash the next event or a head links to,
  // if any) does not name is inserted.
  disposal::v1::ChainBreak BlameDuplicates(const std::optional<std::string>& link,
                                           const std::string& linker) const;
  std::optional<std::string> HeadHashAt(std::int64_t chain_seq) const;
  std::optional<disposal::v1::ChainBreak> Classify(const disposal::v1::AuditEvent& event) const;
  std::optional<disposal::v1::ChainBreak> CheckFields(const disposal::v1::AuditEvent& event) const;
  std::optional<disposal::v1::ChainBreak> CheckPosition(
      const disposal::v1::AuditEvent& event) const;
  std::optional<disposal::v1::ChainBreak> CheckHashes(const disposal::v1::AuditEvent& event) const;
  std::optional<disposal::v1::ChainBreak> CheckManifestHead() const;
  std::optional<disposal::v1::ChainBreak> CheckExpectedHead() const;
  std::optional<disposal::v1::ChainBreak> CheckManifestTimes() const;
  void SettleGap(const std::optional<disposal::v1::ChainBreak>& found,
                 const disposal::v1::AuditEvent& event);
  void Advance(const disposal::v1::AuditEvent& event);

  std::int64_t prev_chain_seq_;
  std::int64_t prev_seq_ = 0;
  std::string prev_link_;  // the last accepted event's prev_hash
  std::string prev_hash_;
  std::int64_t event_count_ = 0;
  std::int64_t first_chain_seq_ = 0;
  google::protobuf::Timestamp first_event_time_;
  google::protobuf::Timestamp last_event_time_;
  std::optional<std::pair<std::string, std::string>> subject_;  // kind, id
  std::optional<disposal::v1::AuditExportManifest> manifest_;
  std::optional<std::pair<std::int64_t, std::string>> expected_head_;  // chain_seq, hash
  bool expected_head_is_last_ = false;  // the server's head: nothing may follow it
  bool head_record_missing_ = false;
  std::pair<std::int64_t, std::string> at_expected_head_;  // that event's seq and hash
  std::optional<Gap> gap_;
  std::optional<Duplicates> duplicates_;
  std::optional<disposal::v1::ChainBreak> first_break_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AUDIT_CHAIN_H_
