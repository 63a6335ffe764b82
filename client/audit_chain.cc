#include "audit_chain.h"

#include <google/protobuf/util/time_util.h>
#include <openssl/sha.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace disposalctl {
namespace {

using disposal::v1::AuditEvent;
using disposal::v1::ChainBreak;
using disposal::v1::ChainBreakKind;
using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

constexpr std::size_t kShortHashDigits = 12;
constexpr char kHexDigits[] = "0123456789abcdef";
// Timestamp's range, 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z: within it the microseconds
// of EventTimeMicros cannot overflow.
constexpr std::int64_t kTimestampSecondsMin = -62135596800;
constexpr std::int64_t kTimestampSecondsMax = 253402300799;
constexpr std::int32_t kNanosPerSecond = 1000000000;

std::string HexOf(const unsigned char* bytes, std::size_t count) {
  std::string hex;
  hex.reserve(count * 2);
  for (std::size_t i = 0; i < count; ++i) {
    hex += kHexDigits[bytes[i] >> 4];
    hex += kHexDigits[bytes[i] & 0x0f];
  }
  return hex;
}

int HexValue(char digit) { return digit <= '9' ? digit - '0' : digit - 'a' + 10; }

// The raw bytes of a lowercase hex hash. REQUIRES: IsHashHex(hex).
std::string BytesOfHex(std::string_view hex) {
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    bytes += static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1]));
  }
  return bytes;
}

// "event 7 (seq 1234)": the chain position people count by, and the log position that finds
// the row in the database.
std::string EventName(std::int64_t chain_seq, std::int64_t seq) {
  return "event " + std::to_string(chain_seq) + " (seq " + std::to_string(seq) + ")";
}

std::string EventName(const AuditEvent& event) { return EventName(event.chain_seq(), event.seq()); }

// "event 4" or "events 4..5".
std::string PositionsText(std::int64_t first, std::int64_t last) {
  if (first == last) return "event " + std::to_string(first);
  return "events " + std::to_string(first) + ".." + std::to_string(last);
}

ChainBreak MakeBreak(ChainBreakKind kind, std::int64_t chain_seq, std::int64_t seq,
                     std::string reason) {
  ChainBreak found;
  found.set_kind(kind);
  found.set_chain_seq(chain_seq);
  found.set_seq(seq);
  found.set_reason(std::move(reason));
  return found;
}

// A break that shows at `event`: "event 7 (seq 1234): edited: <detail>".
ChainBreak EventBreak(ChainBreakKind kind, const AuditEvent& event, const std::string& detail) {
  return MakeBreak(kind, event.chain_seq(), event.seq(),
                   EventName(event) + ": " + ChainBreakKindText(kind) + ": " + detail);
}

// A break the manifest shows rather than an event: "manifest: removed: <detail>".
ChainBreak ManifestBreak(ChainBreakKind kind, std::int64_t chain_seq, std::int64_t seq,
                         const std::string& detail) {
  return MakeBreak(kind, chain_seq, seq, "manifest: " + ChainBreakKindText(kind) + ": " + detail);
}

std::optional<std::string> LineFeedField(const AuditEvent& event) {
  const std::vector<std::pair<const char*, const std::string*>> fields = {
      {"subject_kind", &event.subject_kind()},
      {"subject_id", &event.subject_id()},
      {"actor", &event.actor()},
      {"role", &event.role()},
      {"token_id", &event.token_id()},
      {"rpc", &event.rpc()},
      {"kind", &event.kind()},
      {"request_id", &event.request_id()},
      {"payload_json", &event.payload_json()}};
  for (const auto& [name, value] : fields) {
    if (value->find('\n') != std::string::npos) return std::string(name);
  }
  return std::nullopt;
}

bool IsValidTimestamp(const Timestamp& time) {
  return time.seconds() >= kTimestampSecondsMin && time.seconds() <= kTimestampSecondsMax &&
         time.nanos() >= 0 && time.nanos() < kNanosPerSecond;
}

// Why the event cannot be canonical, or nothing. A field with a line feed would make two
// different events hash alike, so the definition rules it out.
std::optional<std::string> MalformedDetail(const AuditEvent& event) {
  if (std::optional<std::string> field = LineFeedField(event)) {
    return "its " + *field + " contains a line feed";
  }
  if (!IsHashHex(event.hash())) return "its hash is not 64 lowercase hex digits";
  if (!IsHashHex(event.prev_hash())) return "its prev_hash is not 64 lowercase hex digits";
  if (event.chain_seq() < 1) return "its chain_seq is not a chain position (1 or more)";
  if (!event.has_event_time()) return "it has no event_time";
  if (!IsValidTimestamp(event.event_time())) return "its event_time is out of range";
  // The chain hashes microseconds: a finer fraction would be an edit the hash cannot see.
  if (event.event_time().nanos() % 1000 != 0) {
    return "its event_time is finer than the microseconds the chain records";
  }
  // The kind is not hashed on its own: it is the rpc's method name, and must say so.
  const std::string::size_type slash = event.rpc().rfind('/');
  const std::string method =
      slash == std::string::npos ? event.rpc() : event.rpc().substr(slash + 1);
  if (event.kind() != method) {
    return "its kind \"" + event.kind() + "\" is not its rpc's method \"" + method + "\"";
  }
  return std::nullopt;
}

bool SameTime(const Timestamp& a, const Timestamp& b) {
  return a.seconds() == b.seconds() && a.nanos() == b.nanos();
}

std::string TimeText(const Timestamp& time) {
  return IsValidTimestamp(time) ? TimeUtil::ToString(time) : "(out of range)";
}

}  // namespace

std::string ZeroHash() { return std::string(kHashHexLength, '0'); }

bool IsHashHex(std::string_view text) {
  if (text.size() != kHashHexLength) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ShortHash(std::string_view hash) {
  if (hash.size() <= kShortHashDigits) return std::string(hash);
  return std::string(hash.substr(0, kShortHashDigits)) + "…";
}

std::int64_t EventTimeMicros(const Timestamp& time) {
  return time.seconds() * 1000000 + time.nanos() / 1000;
}

std::string CanonicalEventBytes(const AuditEvent& event) {
  std::string bytes = kAuditFormat;
  auto add = [&bytes](const std::string& field) {
    bytes += '\n';
    bytes += field;
  };
  add(event.subject_kind());
  add(event.subject_id());
  add(std::to_string(event.chain_seq()));
  add(std::to_string(EventTimeMicros(event.event_time())));
  add(event.actor());
  add(event.role());
  add(event.token_id());
  add(event.rpc());
  add(event.request_id());
  add(std::to_string(event.subject_version()));
  add(event.payload_json());
  return bytes;
}

std::string ChainHash(std::string_view prev_hash, const AuditEvent& event) {
  const std::string input = BytesOfHex(prev_hash) + CanonicalEventBytes(event);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return HexOf(digest, sizeof(digest));
}

std::string ChainBreakKindText(ChainBreakKind kind) {
  switch (kind) {
    case disposal::v1::CHAIN_BREAK_KIND_EDITED:
      return "edited";
    case disposal::v1::CHAIN_BREAK_KIND_REMOVED:
      return "removed";
    case disposal::v1::CHAIN_BREAK_KIND_INSERTED:
      return "inserted";
    case disposal::v1::CHAIN_BREAK_KIND_REORDERED:
      return "reordered";
    case disposal::v1::CHAIN_BREAK_KIND_MALFORMED:
      return "malformed";
    default:
      return "unspecified";
  }
}

ChainChecker::ChainChecker(std::int64_t after_chain_seq, std::string after_hash)
    : prev_chain_seq_(after_chain_seq), prev_hash_(std::move(after_hash)) {}

void ChainChecker::ExpectSubject(const std::string& subject_kind, const std::string& subject_id) {
  subject_ = std::make_pair(subject_kind, subject_id);
}

void ChainChecker::ExpectManifest(const disposal::v1::AuditExportManifest& manifest) {
  ExpectSubject(manifest.subject_kind(), manifest.subject_id());
  manifest_ = manifest;
}

bool ChainChecker::Add(const AuditEvent& event) {
  if (broken()) return false;
  if (duplicates_.has_value()) {
    if (event.chain_seq() != duplicates_->chain_seq) {
      first_break_ =
          BlameDuplicates(event.prev_hash(), "event " + std::to_string(event.chain_seq()));
      return false;
    }
    first_break_ = CheckDuplicate(event);
    if (broken()) return false;
    duplicates_->seq_and_hash.emplace_back(event.seq(), event.hash());
    return true;
  }
  if (!gap_.has_value() && event_count_ > 0 && event.chain_seq() == prev_chain_seq_) {
    duplicates_ = Duplicates{prev_chain_seq_, prev_link_, {{prev_seq_, prev_hash_}}};
    first_break_ = CheckDuplicate(event);
    if (broken()) return false;
    duplicates_->seq_and_hash.emplace_back(event.seq(), event.hash());
    return true;
  }
  const std::optional<ChainBreak> found = Classify(event);
  if (gap_.has_value()) {
    if (found.has_value()) SettleGap(found, event);
  } else if (found.has_value() && found->kind() == disposal::v1::CHAIN_BREAK_KIND_REMOVED) {
    // Removed, unless a missing event turns up after the ones that jumped ahead of it
    // (reordered): settled at the next anomaly, or at the end.
    gap_ = Gap{prev_chain_seq_ + 1, event.chain_seq() - 1, *found};
  } else {
    first_break_ = found;
  }
  if (broken()) return false;
  Advance(event);
  return true;
}

void ChainChecker::AddUnreadable(const std::string& where, const std::string& why) {
  if (broken()) return;
  if (gap_.has_value()) {
    first_break_ = gap_->removed;
    return;
  }
  first_break_ = MakeBreak(disposal::v1::CHAIN_BREAK_KIND_MALFORMED, prev_chain_seq_ + 1, 0,
                           where + ": malformed: " + why);
}

bool ChainChecker::Finish() {
  if (broken()) return false;
  if (duplicates_.has_value()) {
    first_break_ = BlameDuplicates(HeadHashAt(duplicates_->chain_seq), "the chain's head");
    return false;
  }
  if (gap_.has_value()) {
    first_break_ = gap_->removed;
    return false;
  }
  if (head_record_missing_ || (manifest_.has_value() && manifest_->server_head_missing())) {
    first_break_ = MakeBreak(disposal::v1::CHAIN_BREAK_KIND_REMOVED, prev_chain_seq_ + 1, 0,
                             "removed: the chain's head record is missing on the server, so "
                             "events after event " +
                                 std::to_string(prev_chain_seq_) + " may have been removed unseen");
    return false;
  }
  if (expected_head_.has_value()) first_break_ = CheckExpectedHead();
  if (broken() || !manifest_.has_value()) return !broken();
  first_break_ = CheckManifestHead();
  if (!broken()) first_break_ = CheckManifestTimes();
  return !broken();
}

// A further event at a taken position is a candidate only when its fields are sound, it hashes
// to what it records and links to the event before the position, as the first one there did;
// otherwise it is the inserted one, named with what is wrong with it.
std::optional<ChainBreak> ChainChecker::CheckDuplicate(const AuditEvent& event) const {
  if (std::optional<ChainBreak> found = CheckFields(event)) return found;
  const std::string position = std::to_string(event.chain_seq());
  const std::string recomputed = ChainHash(event.prev_hash(), event);
  if (recomputed != event.hash()) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
                      "a second event at position " + position + ", whose contents hash to " +
                          ShortHash(recomputed) + " but it records " + ShortHash(event.hash()));
  }
  if (event.prev_hash() != duplicates_->prev_hash) {
    return EventBreak(
        disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
        "a second event at position " + position + " that does not link to the event before it");
  }
  return std::nullopt;
}

// The hash a head (a kept one, or the manifest's) records for `chain_seq`, if one is there.
std::optional<std::string> ChainChecker::HeadHashAt(std::int64_t chain_seq) const {
  if (expected_head_.has_value() && expected_head_->first == chain_seq) {
    return expected_head_->second;
  }
  if (manifest_.has_value() && manifest_->head_chain_seq() == chain_seq) {
    return manifest_->head_hash();
  }
  return std::nullopt;
}

ChainBreak ChainChecker::BlameDuplicates(const std::optional<std::string>& link,
                                         const std::string& linker) const {
  const Duplicates& found = *duplicates_;
  const std::string position = std::to_string(found.chain_seq);
  const auto genuine =
      std::find_if(found.seq_and_hash.begin(), found.seq_and_hash.end(),
                   [&](const auto& candidate) { return candidate.second == link; });
  if (genuine != found.seq_and_hash.end()) {
    const auto& blamed =
        genuine == found.seq_and_hash.begin() ? found.seq_and_hash[1] : found.seq_and_hash.front();
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, found.chain_seq, blamed.first,
                     EventName(found.chain_seq, blamed.first) +
                         ": inserted: a second event at position " + position + "; " + linker +
                         " links to seq " + std::to_string(genuine->first) + ", not to it");
  }
  std::string seqs;
  for (const auto& [seq, hash] : found.seq_and_hash) {
    seqs += (seqs.empty() ? "seq " : ", seq ") + std::to_string(seq);
  }
  return MakeBreak(
      disposal::v1::CHAIN_BREAK_KIND_INSERTED, found.chain_seq, found.seq_and_hash.back().first,
      "event " + position + ": inserted: " + std::to_string(found.seq_and_hash.size()) +
          " events at position " + position + " (" + seqs + "); " +
          (link ? linker + " links to none of them"
                : std::string("nothing after them tells which is genuine")));
}

void ChainChecker::ExpectHead(std::int64_t head_chain_seq, const std::string& head_hash) {
  expected_head_ = std::make_pair(head_chain_seq, head_hash);
}

void ChainChecker::ExpectServerHead(std::int64_t head_chain_seq, const std::string& head_hash) {
  ExpectHead(head_chain_seq, head_hash);
  expected_head_is_last_ = true;
}

std::optional<ChainBreak> ChainChecker::CheckExpectedHead() const {
  const auto& [head_chain_seq, head_hash] = *expected_head_;
  if (prev_chain_seq_ < head_chain_seq) {
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_REMOVED, prev_chain_seq_ + 1, 0,
                     PositionsText(prev_chain_seq_ + 1, head_chain_seq) +
                         ": removed: the chain's head is event " + std::to_string(head_chain_seq) +
                         " but the history ends at event " + std::to_string(prev_chain_seq_));
  }
  // The chain reached the head's position (and may have grown since): it must pass through it.
  const auto& [seq, hash] = at_expected_head_;
  if (hash != head_hash) {
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, head_chain_seq, seq,
                     EventName(head_chain_seq, seq) + ": edited: its hash " + ShortHash(hash) +
                         " is not the head's recorded hash " + ShortHash(head_hash));
  }
  return std::nullopt;
}

disposal::v1::VerifyClaimHistoryResponse ChainChecker::Result() const {
  disposal::v1::VerifyClaimHistoryResponse result;
  result.set_ok(!broken());
  result.set_event_count(event_count_);
  if (broken()) {
    *result.mutable_first_break() = *first_break_;
  } else if (event_count_ > 0) {
    result.set_head_chain_seq(prev_chain_seq_);
    result.set_head_hash(prev_hash_);
  }
  return result;
}

std::optional<ChainBreak> ChainChecker::Classify(const AuditEvent& event) const {
  // Once the chain has reached the server's recorded head, whatever follows it is inserted,
  // however it links or hashes (VerifyClaimHistory names the same event); a gap up to the
  // head is events removed.
  if (expected_head_is_last_ && event.chain_seq() > expected_head_->first &&
      prev_chain_seq_ >= expected_head_->first) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
                      "it follows the chain's recorded head, event " +
                          std::to_string(expected_head_->first) +
                          " (added without moving the head, or the head was moved back)");
  }
  std::optional<ChainBreak> found = CheckFields(event);
  if (!found.has_value()) found = CheckPosition(event);
  if (!found.has_value()) found = CheckHashes(event);
  if (found.has_value() || !manifest_.has_value()) return found;
  // A whole event appended to an export links and hashes like any other; only the manifest
  // tells it apart.
  if (event.chain_seq() > manifest_->head_chain_seq()) {
    return EventBreak(
        disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
        "it follows the manifest's head, event " + std::to_string(manifest_->head_chain_seq()));
  }
  return std::nullopt;
}

std::optional<ChainBreak> ChainChecker::CheckFields(const AuditEvent& event) const {
  if (std::optional<std::string> detail = MalformedDetail(event)) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_MALFORMED, event, *detail);
  }
  if (!subject_.has_value()) return std::nullopt;
  const auto& [kind, id] = *subject_;
  if (event.subject_kind() == kind && event.subject_id() == id) return std::nullopt;
  return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
                    "it belongs to " + event.subject_kind() + " " + event.subject_id() +
                        ", not to " + kind + " " + id);
}

std::optional<ChainBreak> ChainChecker::CheckPosition(const AuditEvent& event) const {
  const std::int64_t expected = prev_chain_seq_ + 1;
  if (event.chain_seq() == prev_chain_seq_) {
    std::string detail = "a second event at position " + std::to_string(prev_chain_seq_);
    if (event_count_ > 0) detail += " (the first has seq " + std::to_string(prev_seq_) + ")";
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event, detail);
  }
  if (event.chain_seq() < expected) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_REORDERED, event,
                      "it appears after event " + std::to_string(prev_chain_seq_));
  }
  if (event.chain_seq() > expected) {
    const bool several = event.chain_seq() - 1 > expected;
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_REMOVED, expected, 0,
                     PositionsText(expected, event.chain_seq() - 1) + ": removed: " +
                         (several ? "they are" : "it is") + " missing before " + EventName(event));
  }
  return std::nullopt;
}

std::optional<ChainBreak> ChainChecker::CheckHashes(const AuditEvent& event) const {
  const std::string recomputed = ChainHash(event.prev_hash(), event);
  if (recomputed != event.hash()) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, event,
                      "its contents hash to " + ShortHash(recomputed) + " but it records " +
                          ShortHash(event.hash()));
  }
  if (event.prev_hash() == prev_hash_) return std::nullopt;
  if (prev_chain_seq_ == 0) {
    return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
                      "it does not start the chain: its prev_hash is " +
                          ShortHash(event.prev_hash()) + ", not 64 zeros");
  }
  const std::string previous = "event " + std::to_string(prev_chain_seq_);
  return EventBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, event,
                    "it does not link to " + previous + ": its prev_hash is " +
                        ShortHash(event.prev_hash()) + " but " + previous + "'s hash is " +
                        ShortHash(prev_hash_));
}

std::optional<ChainBreak> ChainChecker::CheckManifestHead() const {
  const disposal::v1::AuditExportManifest& manifest = *manifest_;
  // Events past the head the server recorded were inserted, on the server (streamed after its
  // head) or into the export (its manifest edited to match); a check against the server's
  // head (ExpectServerHead) names the first of them before this. An export of events without
  // a recorded head says which way it lacks one.
  if (manifest.server_head_chain_seq() > 0 &&
      manifest.head_chain_seq() > manifest.server_head_chain_seq()) {
    return ManifestBreak(
        disposal::v1::CHAIN_BREAK_KIND_INSERTED, manifest.server_head_chain_seq() + 1, 0,
        "the export's events go to event " + std::to_string(manifest.head_chain_seq()) +
            ", past the server's head when it was made, event " +
            std::to_string(manifest.server_head_chain_seq()));
  }
  if (manifest.event_count() > 0 && manifest.server_head_chain_seq() == 0 &&
      !manifest.server_head_missing()) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 0, 0,
                         "it records events but neither the server's head nor that the server "
                         "had none");
  }
  const std::string recorded =
      "the manifest records events up to event " + std::to_string(manifest.head_chain_seq());
  if (prev_chain_seq_ < manifest.head_chain_seq()) {
    const std::string missing = event_count_ == 0
                                    ? "the export holds no events"
                                    : "missing after " + EventName(prev_chain_seq_, prev_seq_);
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_REMOVED, prev_chain_seq_ + 1, 0,
                     PositionsText(prev_chain_seq_ + 1, manifest.head_chain_seq()) +
                         ": removed: " + missing + "; " + recorded);
  }
  const std::string counts = "the export holds " + std::to_string(event_count_) +
                             " events but the manifest records " +
                             std::to_string(manifest.event_count());
  if (event_count_ < manifest.event_count()) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_REMOVED, prev_chain_seq_ + 1, 0, counts);
  }
  if (event_count_ > manifest.event_count()) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_INSERTED, prev_chain_seq_, prev_seq_,
                         counts);
  }
  if (event_count_ > 0 && prev_hash_ != manifest.head_hash()) {
    return MakeBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, prev_chain_seq_, prev_seq_,
                     EventName(prev_chain_seq_, prev_seq_) + ": edited: its hash " +
                         ShortHash(prev_hash_) + " is not the manifest's head hash " +
                         ShortHash(manifest.head_hash()));
  }
  return std::nullopt;
}

std::optional<ChainBreak> ChainChecker::CheckManifestTimes() const {
  const disposal::v1::AuditExportManifest& manifest = *manifest_;
  if (event_count_ == 0) return std::nullopt;
  if (manifest.first_chain_seq() != first_chain_seq_) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, first_chain_seq_, 0,
                         "it records the first event as event " +
                             std::to_string(manifest.first_chain_seq()) +
                             " but the export starts at event " + std::to_string(first_chain_seq_));
  }
  if (!SameTime(manifest.first_event_time(), first_event_time_)) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, first_chain_seq_, 0,
                         "its first_event_time " + TimeText(manifest.first_event_time()) +
                             " is not the first event's, " + TimeText(first_event_time_));
  }
  if (!SameTime(manifest.last_event_time(), last_event_time_)) {
    return ManifestBreak(disposal::v1::CHAIN_BREAK_KIND_EDITED, prev_chain_seq_, prev_seq_,
                         "its last_event_time " + TimeText(manifest.last_event_time()) +
                             " is not the last event's, " + TimeText(last_event_time_));
  }
  return std::nullopt;
}

void ChainChecker::SettleGap(const std::optional<ChainBreak>& found, const AuditEvent& event) {
  const bool fills_gap = found->kind() == disposal::v1::CHAIN_BREAK_KIND_REORDERED &&
                         event.chain_seq() >= gap_->first_missing &&
                         event.chain_seq() <= gap_->last_missing;
  first_break_ = fills_gap ? *found : gap_->removed;
}

void ChainChecker::Advance(const AuditEvent& event) {
  if (event_count_ == 0) {
    first_chain_seq_ = event.chain_seq();
    first_event_time_ = event.event_time();
  }
  last_event_time_ = event.event_time();
  prev_chain_seq_ = event.chain_seq();
  prev_seq_ = event.seq();
  prev_link_ = event.prev_hash();
  prev_hash_ = event.hash();
  ++event_count_;
  if (expected_head_ && event.chain_seq() == expected_head_->first) {
    at_expected_head_ = {event.seq(), event.hash()};
  }
}

}  // namespace disposalctl
