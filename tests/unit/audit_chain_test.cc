// The server's chain verifier (domain/audit_chain): the hash as audit.proto defines it, and
// each kind of break named at the right event.
#include "domain/audit_chain.h"

#include <gtest/gtest.h>

#include <vector>

namespace disposal::domain {
namespace {

AuditRecord KnownEvent() {
  AuditRecord e;
  e.seq = 41;
  e.chain_seq = 1;
  e.event_time_micros = 1627970709123456;
  e.actor = "wang.wei";
  e.role = "staff";
  e.token_id = "0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f";
  e.rpc = "disposal.v1.ClaimService/UpdateClaim";
  e.request_id = "req-1";
  e.subject_kind = "claim";
  e.subject_id = "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182";
  e.subject_version = 3;
  e.payload_json = "{\"note\":\"张三\"}";
  return e;
}

// A well-linked chain of `count` events.
std::vector<AuditRecord> Chain(int count) {
  std::vector<AuditRecord> events;
  std::string prev = GenesisHash();
  for (int i = 1; i <= count; ++i) {
    AuditRecord e = KnownEvent();
    e.seq = 100 + i;
    e.chain_seq = i;
    e.subject_version = i;
    e.prev_hash = prev;
    e.hash = ChainHash(prev, e);
    prev = e.hash;
    events.push_back(e);
  }
  return events;
}

std::optional<ChainBreak> Verify(const std::vector<AuditRecord>& events,
                                 std::optional<ChainHead> head = std::nullopt) {
  ChainVerifier verifier;
  for (const AuditRecord& e : events) verifier.Feed(e);
  return verifier.Finish(head);
}

// Computed apart from this code: python3 -c "import hashlib; print(hashlib.sha256(b'\x00' * 32
// + CANONICAL).hexdigest())" with CANONICAL the event's canonical text as UTF-8 (the same
// event and figure as the client's own, independent implementation is tested against).
TEST(AuditChainHash, MatchesAnIndependentlyComputedHashOfTheFirstEvent) {
  EXPECT_EQ(HexOf(ChainHash(GenesisHash(), KnownEvent())),
            "fca05babe9292ce1ae6bee163e505f993bd3fa772f2cd50da6820e612211c2c8");
}

TEST(AuditChainVerifier, AcceptsAWellLinkedChainEndingAtItsHead) {
  const auto events = Chain(4);
  EXPECT_FALSE(Verify(events, ChainHead{4, events.back().hash}));
}

TEST(AuditChainVerifier, NamesAnEditedEvent) {
  auto events = Chain(4);
  events[2].payload_json = "{}";
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kEdited);
  EXPECT_EQ(broken->chain_seq, 3);
}

// At the first missing position, with no seq (there is no event), as disposalctl names it.
TEST(AuditChainVerifier, NamesARemovedMiddleEventAtItsPosition) {
  auto events = Chain(4);
  events.erase(events.begin() + 1);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kRemoved);
  EXPECT_EQ(broken->chain_seq, 2);
  EXPECT_EQ(broken->seq, 0);
  EXPECT_EQ(broken->reason.rfind("event 2: removed: it is missing before event 3", 0), 0u)
      << broken->reason;
}

TEST(AuditChainVerifier, NamesSeveralRemovedEventsFromTheFirst) {
  auto events = Chain(5);
  events.erase(events.begin() + 1, events.begin() + 3);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kRemoved);
  EXPECT_EQ(broken->chain_seq, 2);
  EXPECT_EQ(broken->reason.rfind("events 2..3: removed: they are missing before event 4", 0), 0u)
      << broken->reason;
}

TEST(AuditChainVerifier, NamesARemovedLastEventThroughTheHead) {
  auto events = Chain(4);
  const ChainHead head{4, events.back().hash};
  events.pop_back();
  auto broken = Verify(events, head);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kRemoved);
  EXPECT_EQ(broken->chain_seq, 4);
}

TEST(AuditChainVerifier, NamesASecondEventAtATakenPositionAsInserted) {
  auto events = Chain(4);
  AuditRecord forged = events[1];
  forged.seq = 999;
  forged.actor = "intruder";
  events.insert(events.begin() + 2, forged);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kInserted);
  EXPECT_EQ(broken->seq, 999);
}

// Someone able to set `seq` can put a correctly hashed forgery first at a taken position: the
// next event's link, not the order, tells which of the two is genuine.
TEST(AuditChainVerifier, BlamesTheEventAtATakenPositionThatNothingLinksToEvenWhenItComesFirst) {
  auto events = Chain(4);
  AuditRecord forged = events[1];
  forged.seq = 1;
  forged.actor = "intruder";
  forged.hash = ChainHash(forged.prev_hash, forged);
  events.insert(events.begin() + 1, forged);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kInserted);
  EXPECT_EQ(broken->chain_seq, 2);
  EXPECT_EQ(broken->seq, 1);
  EXPECT_NE(broken->reason.find("event 3 links to seq " + std::to_string(events[2].seq)),
            std::string::npos)
      << broken->reason;
}

// A copy at a taken position that keeps the genuine event's hash but not its contents: the
// next event links to that hash, which both record, so only the copy's own hash check can
// tell, wherever the copy comes.
TEST(AuditChainVerifier, BlamesTheDuplicateWhoseContentsDoNotHashToWhatItRecords) {
  for (const bool copy_first : {true, false}) {
    auto events = Chain(4);
    AuditRecord forged = events[1];
    forged.seq = 1;
    forged.actor = "intruder";  // hash left as the genuine event's
    events.insert(events.begin() + (copy_first ? 1 : 2), forged);
    auto broken = Verify(events);
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->seq, 1) << copy_first;
    EXPECT_NE(broken->reason.find("hash to"), std::string::npos) << broken->reason;
  }
}

TEST(AuditChainVerifier, BlamesTheLastPositionsDuplicateTheHeadDoesNotName) {
  auto events = Chain(3);
  AuditRecord forged = events[2];
  forged.seq = 1;
  forged.actor = "intruder";
  forged.hash = ChainHash(forged.prev_hash, forged);
  const ChainHead head{3, events[2].hash};
  events.insert(events.begin() + 2, forged);
  auto broken = Verify(events, head);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kInserted);
  EXPECT_EQ(broken->seq, 1);
}

TEST(AuditChainVerifier, NamesASelfConsistentEventThatDoesNotLinkAsInserted) {
  auto events = Chain(3);
  events[1].prev_hash = std::string(kHashBytes, '\x01');
  events[1].hash = ChainHash(events[1].prev_hash, events[1]);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kInserted);
  EXPECT_EQ(broken->chain_seq, 2);
}

// The server reads chains in chain order, so order breaks show as gaps: the position skipped
// is named. (The offline verifier reads files in line order and names reordering.)
TEST(AuditChainVerifier, EventsOutOfOrderBreakAtTheFirstOneOutOfPlace) {
  auto events = Chain(4);
  std::swap(events[1], events[2]);
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kRemoved);
  EXPECT_EQ(broken->chain_seq, 2);
}

TEST(AuditChainVerifier, NamesAnEventGoingBackAsReordered) {
  auto events = Chain(4);
  events.push_back(events[1]);
  events.back().seq = 1000;
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kReordered);
  EXPECT_EQ(broken->seq, 1000);
}

TEST(AuditChainVerifier, NamesALineFeedInAFieldAsMalformed) {
  auto events = Chain(2);
  events[1].actor = "wang\nwei";
  auto broken = Verify(events);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->kind, ChainBreakKind::kMalformed);
}

}  // namespace
}  // namespace disposal::domain
