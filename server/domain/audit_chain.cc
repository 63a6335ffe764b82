#include "domain/audit_chain.h"

#include <algorithm>

#include "domain/sha256.h"

namespace disposal::domain {
namespace {

bool HasLineFeed(const AuditRecord& e) {
  for (const std::string* field : {&e.actor, &e.role, &e.token_id, &e.rpc, &e.request_id,
                                   &e.subject_kind, &e.subject_id, &e.payload_json}) {
    if (field->find('\n') != std::string::npos) return true;
  }
  return false;
}

std::string Short(const std::string& bytes) { return HexOf(bytes).substr(0, 12); }

std::string Name(const AuditRecord& e) {
  return "event " + std::to_string(e.chain_seq) + " (seq " + std::to_string(e.seq) + ")";
}

ChainBreak Break(ChainBreakKind kind, const AuditRecord& e, const std::string& why) {
  return {kind, e.chain_seq, e.seq, Name(e) + ": " + why};
}

}  // namespace

std::string CanonicalBytes(const AuditRecord& e) {
  std::string bytes = kAuditFormat;
  for (const std::string& field :
       {e.subject_kind, e.subject_id, std::to_string(e.chain_seq),
        std::to_string(e.event_time_micros), e.actor, e.role, e.token_id, e.rpc, e.request_id,
        std::to_string(e.subject_version), e.payload_json}) {
    bytes += '\n';
    bytes += field;
  }
  return bytes;
}

std::string ChainHash(const std::string& prev_hash, const AuditRecord& event) {
  return Sha256(prev_hash + CanonicalBytes(event));
}

std::string HexOf(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 0xF];
  }
  return hex;
}

std::string GenesisHash() { return std::string(kHashBytes, '\0'); }

std::optional<ChainBreak> ChainVerifier::Check(const AuditRecord& e) const {
  if (HasLineFeed(e) || e.hash.size() != kHashBytes || e.prev_hash.size() != kHashBytes) {
    return Break(ChainBreakKind::kMalformed, e,
                 "malformed: a field holds a line feed or a hash "
                 "is not 32 bytes");
  }
  const int64_t expected = last_.chain_seq + 1;
  if (e.chain_seq < expected) {
    return Break(ChainBreakKind::kReordered, e,
                 "reordered: appears after event " + std::to_string(last_.chain_seq));
  }
  if (e.chain_seq > expected) {
    // Named at the first missing position, as disposalctl's own check names it.
    const bool several = e.chain_seq - 1 > expected;
    const std::string positions =
        several ? "events " + std::to_string(expected) + ".." + std::to_string(e.chain_seq - 1)
                : "event " + std::to_string(expected);
    return ChainBreak{ChainBreakKind::kRemoved, expected, 0,
                      positions + ": removed: " + (several ? "they are" : "it is") +
                          " missing before " + Name(e)};
  }
  const std::string recomputed = ChainHash(e.prev_hash, e);
  if (recomputed != e.hash) {
    return Break(ChainBreakKind::kEdited, e,
                 "edited: its contents hash to " + Short(recomputed) + "… but it records " +
                     Short(e.hash) + "…");
  }
  const std::string& expected_prev = event_count_ == 0 ? GenesisHash() : last_.hash;
  if (e.prev_hash != expected_prev) {
    return Break(ChainBreakKind::kInserted, e,
                 "inserted: does not link to " +
                     (event_count_ == 0 ? std::string("the start of the chain")
                                        : "event " + std::to_string(last_.chain_seq)));
  }
  return std::nullopt;
}

const std::optional<ChainBreak>& ChainVerifier::Feed(const AuditRecord& event) {
  if (first_break_) {
    // Already broken: nothing more to find.
  } else if (duplicates_ && event.chain_seq == duplicates_->chain_seq) {
    first_break_ = CheckDuplicate(event);
    if (!first_break_) duplicates_->seq_and_hash.emplace_back(event.seq, event.hash);
  } else if (duplicates_) {
    first_break_ = BlameDuplicates(event.prev_hash, "event " + std::to_string(event.chain_seq));
  } else if (event_count_ > 0 && event.chain_seq == last_.chain_seq) {
    duplicates_ = Duplicates{event.chain_seq, last_prev_hash_, {{last_seq_, last_.hash}}};
    first_break_ = CheckDuplicate(event);
    if (!first_break_) duplicates_->seq_and_hash.emplace_back(event.seq, event.hash);
  } else {
    first_break_ = Check(event);
  }
  ++event_count_;
  if (!first_break_ && !duplicates_) whole_through_ = event.chain_seq;
  last_seq_ = event.seq;
  last_prev_hash_ = event.prev_hash;
  last_ = {event.chain_seq, event.hash};
  return first_break_;
}

// A further event at a taken position is a candidate only when it is whole, hashes to what it
// records and links to the event before the position, as the first one there did; otherwise it
// is the inserted one, named with what is wrong with it.
std::optional<ChainBreak> ChainVerifier::CheckDuplicate(const AuditRecord& e) const {
  if (HasLineFeed(e) || e.hash.size() != kHashBytes || e.prev_hash.size() != kHashBytes) {
    return Break(ChainBreakKind::kMalformed, e,
                 "malformed: a field holds a line feed or a hash is not 32 bytes");
  }
  const std::string recomputed = ChainHash(e.prev_hash, e);
  if (recomputed != e.hash) {
    return Break(ChainBreakKind::kInserted, e,
                 "inserted: a second event at position " + std::to_string(e.chain_seq) +
                     ", whose contents hash to " + Short(recomputed) + "… but it records " +
                     Short(e.hash) + "…");
  }
  if (e.prev_hash != duplicates_->prev_hash) {
    return Break(ChainBreakKind::kInserted, e,
                 "inserted: a second event at position " + std::to_string(e.chain_seq) +
                     " that does not link to the event before it");
  }
  return std::nullopt;
}

ChainBreak ChainVerifier::BlameDuplicates(const std::optional<std::string>& link,
                                          const std::string& linker) const {
  const Duplicates& found = *duplicates_;
  const std::string position = std::to_string(found.chain_seq);
  const auto genuine =
      std::find_if(found.seq_and_hash.begin(), found.seq_and_hash.end(),
                   [&](const auto& candidate) { return candidate.second == link; });
  if (genuine != found.seq_and_hash.end()) {
    const auto& blamed =
        genuine == found.seq_and_hash.begin() ? found.seq_and_hash[1] : found.seq_and_hash.front();
    return {ChainBreakKind::kInserted, found.chain_seq, blamed.first,
            "event " + position + " (seq " + std::to_string(blamed.first) +
                "): inserted: a second event at position " + position + "; " + linker +
                " links to seq " + std::to_string(genuine->first) + ", not to it"};
  }
  std::string seqs;
  for (const auto& [seq, hash] : found.seq_and_hash) {
    seqs += (seqs.empty() ? "seq " : ", seq ") + std::to_string(seq);
  }
  return {ChainBreakKind::kInserted, found.chain_seq, found.seq_and_hash.back().first,
          "event " + position + ": inserted: " + std::to_string(found.seq_and_hash.size()) +
              " events at position " + position + " (" + seqs + "); " +
              (link ? linker + " links to none of them"
                    : "nothing after them tells which is "
                      "genuine")};
}

const std::optional<ChainBreak>& ChainVerifier::Finish(const std::optional<ChainHead>& head) {
  if (!first_break_ && duplicates_) {
    const bool head_links = head && head->chain_seq == duplicates_->chain_seq;
    first_break_ = BlameDuplicates(
        head_links ? std::optional<std::string>(head->hash) : std::nullopt, "the chain's head");
  }
  if (first_break_ || !head) return first_break_;
  if (head->chain_seq > last_.chain_seq) {
    first_break_ =
        ChainBreak{ChainBreakKind::kRemoved, last_.chain_seq + 1, 0,
                   "removed: the chain's head is event " + std::to_string(head->chain_seq) +
                       " but the history ends at " + std::to_string(last_.chain_seq)};
  } else if (head->chain_seq < last_.chain_seq) {
    first_break_ = ChainBreak{
        ChainBreakKind::kInserted, last_.chain_seq, last_seq_,
        "inserted: events after the chain's head, event " + std::to_string(head->chain_seq)};
  } else if (head->hash != last_.hash) {
    first_break_ = ChainBreak{ChainBreakKind::kEdited, last_.chain_seq, last_seq_,
                              "edited: the last event's hash differs from the chain's head"};
  }
  return first_break_;
}

}  // namespace disposal::domain
