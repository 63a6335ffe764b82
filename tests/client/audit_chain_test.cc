#include "client/audit_chain.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "audit_test_events.h"

namespace disposalctl {
namespace {

using disposal::v1::AuditEvent;
using disposal::v1::AuditExportManifest;
using disposal::v1::ChainBreak;

// The event of the known-answer tests: 2021-08-03T06:05:09.123456789Z is 1627970709 seconds;
// the last 789 nanoseconds are below the chain's microsecond precision.
AuditEvent KnownEvent() {
  AuditEvent event;
  event.set_seq(42);
  event.set_chain_seq(1);
  event.mutable_event_time()->set_seconds(1627970709);
  event.mutable_event_time()->set_nanos(123456789);
  event.set_actor("wang.wei");
  event.set_role("staff");
  event.set_token_id("0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f");
  event.set_rpc("disposal.v1.ClaimService/UpdateClaim");
  event.set_kind("UpdateClaim");  // not hashed
  event.set_request_id("req-1");
  event.set_subject_kind("claim");
  event.set_subject_id(kTestClaimId);
  event.set_subject_version(3);
  event.set_payload_json(R"({"note":"张三"})");
  event.set_prev_hash(ZeroHash());
  return event;
}

// The checker's verdict on `events` fed in order.
ChainChecker Checked(const std::vector<AuditEvent>& events) {
  ChainChecker checker;
  for (const AuditEvent& event : events) checker.Add(event);
  checker.Finish();
  return checker;
}

AuditExportManifest ManifestOf(const std::vector<AuditEvent>& events) {
  AuditExportManifest manifest;
  manifest.set_format(kAuditFormat);
  manifest.set_subject_kind("claim");
  manifest.set_subject_id(kTestClaimId);
  manifest.set_event_count(static_cast<std::int64_t>(events.size()));
  manifest.set_first_chain_seq(events.front().chain_seq());
  manifest.set_head_chain_seq(events.back().chain_seq());
  manifest.set_head_hash(events.back().hash());
  *manifest.mutable_first_event_time() = events.front().event_time();
  *manifest.mutable_last_event_time() = events.back().event_time();
  // As streamed: through the head the server recorded.
  manifest.set_server_head_chain_seq(events.back().chain_seq());
  manifest.set_server_head_hash(events.back().hash());
  return manifest;
}

ChainChecker CheckedAgainst(const std::vector<AuditEvent>& events,
                            const AuditExportManifest& manifest) {
  ChainChecker checker;
  checker.ExpectManifest(manifest);
  for (const AuditEvent& event : events) checker.Add(event);
  checker.Finish();
  return checker;
}

void ExpectBreak(const ChainChecker& checker, disposal::v1::ChainBreakKind kind,
                 std::int64_t chain_seq, std::int64_t seq, const std::string& reason_part) {
  ASSERT_TRUE(checker.broken());
  const ChainBreak& found = checker.first_break();
  EXPECT_EQ(ChainBreakKindText(found.kind()), ChainBreakKindText(kind)) << found.reason();
  EXPECT_EQ(found.chain_seq(), chain_seq) << found.reason();
  EXPECT_EQ(found.seq(), seq) << found.reason();
  EXPECT_NE(found.reason().find(reason_part), std::string::npos) << found.reason();
}

TEST(CanonicalEventBytes, JoinsTheDefinedFieldsWithLineFeeds) {
  EXPECT_EQ(CanonicalEventBytes(KnownEvent()),
            "disposal.audit.v1\nclaim\n6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182\n1\n"
            "1627970709123456\nwang.wei\nstaff\n0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f\n"
            "disposal.v1.ClaimService/UpdateClaim\nreq-1\n3\n{\"note\":\"张三\"}");
}

TEST(EventTimeMicros, CutsNanosAndCountsBackwardsBefore1970) {
  google::protobuf::Timestamp time;
  time.set_seconds(1627970709);
  time.set_nanos(123456789);
  EXPECT_EQ(EventTimeMicros(time), 1627970709123456);
  // 1969-12-31T23:59:59.5Z: Timestamp keeps nanos positive, so this is -1 s + 0.5 s.
  time.set_seconds(-1);
  time.set_nanos(500000000);
  EXPECT_EQ(EventTimeMicros(time), -500000);
}

// The expected hash was computed apart from this code, from the canonical text of the test
// above: python3 -c "import hashlib; print(hashlib.sha256(b'\x00' * 32 + CANONICAL).hexdigest())"
// with CANONICAL that text as UTF-8 bytes, and checked with
// (head -c 32 /dev/zero; printf '%s' "$CANONICAL") | sha256sum.
TEST(ChainHash, MatchesAnIndependentlyComputedHashOfTheFirstEvent) {
  EXPECT_EQ(ChainHash(ZeroHash(), KnownEvent()),
            "fca05babe9292ce1ae6bee163e505f993bd3fa772f2cd50da6820e612211c2c8");
}

// Event 2 hashes the previous hash's 32 raw bytes, not its 64 hex digits. Computed as above:
// hashlib.sha256(bytes.fromhex(HASH_1) + CANONICAL_2).hexdigest(), where CANONICAL_2 is
// "disposal.audit.v1\nclaim\n<claim id>\n2\n1627970709123457\nsystem\n\n\n"
// "disposal.v1.ClaimService/UpdateClaim\n\n4\n{}".
TEST(ChainHash, ChainsOnTheRawBytesOfThePreviousHash) {
  AuditEvent second;
  second.set_chain_seq(2);
  second.mutable_event_time()->set_seconds(1627970709);
  second.mutable_event_time()->set_nanos(123457000);
  second.set_actor("system");
  second.set_rpc("disposal.v1.ClaimService/UpdateClaim");
  second.set_subject_kind("claim");
  second.set_subject_id(kTestClaimId);
  second.set_subject_version(4);
  second.set_payload_json("{}");
  EXPECT_EQ(ChainHash("fca05babe9292ce1ae6bee163e505f993bd3fa772f2cd50da6820e612211c2c8", second),
            "e2b7f7dbcf93bdeec65587eecc3690edb627adcd1c6b40d72763a72157040ead");
}

TEST(IsHashHex, AcceptsExactly64LowercaseHexDigits) {
  EXPECT_TRUE(IsHashHex(ZeroHash()));
  EXPECT_TRUE(IsHashHex(std::string(32, 'a') + std::string(32, '9')));
  EXPECT_FALSE(IsHashHex(std::string(63, 'a')));
  EXPECT_FALSE(IsHashHex(std::string(65, 'a')));
  EXPECT_FALSE(IsHashHex(std::string(64, 'A')));
  EXPECT_FALSE(IsHashHex(std::string(63, 'a') + "g"));
}

TEST(ChainChecker, AcceptsAWholeChain) {
  const std::vector<AuditEvent> events = TestChain(5);
  const ChainChecker checker = Checked(events);
  EXPECT_FALSE(checker.broken());
  EXPECT_EQ(checker.event_count(), 5);
  EXPECT_EQ(checker.head_chain_seq(), 5);
  EXPECT_EQ(checker.head_hash(), events.back().hash());
  const disposal::v1::VerifyClaimHistoryResponse result = checker.Result();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.head_hash(), events.back().hash());
}

TEST(ChainChecker, AcceptsAWholeChainAgainstItsManifest) {
  const std::vector<AuditEvent> events = TestChain(5);
  EXPECT_FALSE(CheckedAgainst(events, ManifestOf(events)).broken());
}

TEST(ChainChecker, ReportsAnEditedPayloadAsEdited) {
  std::vector<AuditEvent> events = TestChain(5);
  events[2].set_payload_json(R"({"note":"篡改"})");
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_EDITED, 3, 1003,
              "event 3 (seq 1003): edited: its contents hash to ");
}

TEST(ChainChecker, ReportsARemovedMiddleEventAsRemoved) {
  std::vector<AuditEvent> events = TestChain(5);
  events.erase(events.begin() + 2);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 3, 0,
              "event 3: removed: it is missing before event 4 (seq 1004)");
}

TEST(ChainChecker, NamesEveryPositionOfARemovedRun) {
  std::vector<AuditEvent> events = TestChain(6);
  events.erase(events.begin() + 3, events.begin() + 5);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, 0,
              "events 4..5: removed: they are missing before event 6 (seq 1006)");
}

TEST(ChainChecker, ReportsSwappedEventsAsReordered) {
  std::vector<AuditEvent> events = TestChain(5);
  std::swap(events[2], events[3]);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_REORDERED, 3, 1003,
              "event 3 (seq 1003): reordered: it appears after event 4");
}

TEST(ChainChecker, ReportsAnEventMovedLaterAsReordered) {
  std::vector<AuditEvent> events = TestChain(6);
  const AuditEvent moved = events[2];
  events.erase(events.begin() + 2);
  events.insert(events.begin() + 4, moved);  // 1, 2, 4, 5, 3, 6
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_REORDERED, 3, 1003,
              "it appears after event 5");
}

// A forged event 3 that links to event 2, placed before the real one: the order does not tell
// which is genuine, event 4's link does.
TEST(ChainChecker, BlamesTheEventAtATakenPositionThatTheNextEventDoesNotLinkTo) {
  std::vector<AuditEvent> events = TestChain(5);
  AuditEvent forged = TestChainEvent(3, events[1].hash());
  forged.set_seq(2000);
  forged.set_payload_json(R"({"note":"伪造"})");
  Rehash(&forged);
  events.insert(events.begin() + 2, forged);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 3, 2000,
              "event 3 (seq 2000): inserted: a second event at position 3; event 4 links to seq "
              "1003, not to it");
}

// A forgery at position 3 that does not link to event 2, with event 4 rewritten to link to it:
// the next event's link alone would make the forgery genuine; its own link back tells.
TEST(ChainChecker, BlamesADuplicateThatDoesNotLinkToTheEventBeforeItsPosition) {
  std::vector<AuditEvent> events = TestChain(5);
  AuditEvent forged = TestChainEvent(3, std::string(64, 'a'));
  forged.set_seq(2000);
  Rehash(&forged);
  events[3].set_prev_hash(forged.hash());
  Rehash(&events[3]);
  events.insert(events.begin() + 3, forged);  // 1, 2, 3, 3 (forged), 4 (rewritten), 5
  const ChainChecker checked = Checked(events);
  ASSERT_TRUE(checked.broken());
  EXPECT_EQ(checked.first_break().seq(), 2000);
  EXPECT_NE(checked.first_break().reason().find("does not link to the event before it"),
            std::string::npos)
      << checked.first_break().reason();
}

TEST(ChainChecker, BlamesTheLastPositionsDuplicateTheManifestsHeadDoesNotName) {
  std::vector<AuditEvent> events = TestChain(3);
  AuditEvent forged = TestChainEvent(3, events[1].hash());
  forged.set_seq(2000);
  forged.set_payload_json(R"({"note":"伪造"})");
  Rehash(&forged);
  ChainChecker checker;
  checker.ExpectHead(3, events[2].hash());
  events.insert(events.begin() + 2, forged);
  for (const AuditEvent& event : events) checker.Add(event);
  EXPECT_FALSE(checker.Finish());
  ASSERT_TRUE(checker.broken());
  EXPECT_EQ(checker.first_break().seq(), 2000);
}

// Events left past a head the server recorded (it was moved back) link and hash like any
// other: the server's head alone tells them apart.
TEST(ChainChecker, ReportsAnEventPastTheServersHeadAsInserted) {
  const std::vector<AuditEvent> events = TestChain(4);
  ChainChecker checker;
  checker.ExpectServerHead(2, events[1].hash());
  for (const AuditEvent& event : events) checker.Add(event);
  EXPECT_FALSE(checker.Finish());
  ExpectBreak(checker, disposal::v1::CHAIN_BREAK_KIND_INSERTED, 3, 1003,
              "event 3 (seq 1003): inserted: it follows the chain's recorded head, event 2");
}

// A head kept from an earlier check is passed through by a chain that grew since.
TEST(ChainChecker, AcceptsEventsPastAHeadKeptFromBefore) {
  const std::vector<AuditEvent> events = TestChain(4);
  ChainChecker checker;
  checker.ExpectHead(2, events[1].hash());
  for (const AuditEvent& event : events) checker.Add(event);
  EXPECT_TRUE(checker.Finish()) << checker.first_break().reason();
}

TEST(ChainChecker, ReportsAnEventThatDoesNotLinkAsInserted) {
  std::vector<AuditEvent> events = TestChain(5);
  // Event 3 replaced by one that hashes right on its own: only event 4's link shows it.
  events[2].set_payload_json(R"({"note":"伪造"})");
  Rehash(&events[2]);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 4, 1004,
              "event 4 (seq 1004): inserted: it does not link to event 3");
}

TEST(ChainChecker, ReportsAFirstEventThatDoesNotStartTheChainAsInserted) {
  std::vector<AuditEvent> events = TestChain(2);
  events[0].set_prev_hash(std::string(64, 'f'));
  Rehash(&events[0]);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 1, 1001,
              "it does not start the chain");
}

TEST(ChainChecker, ReportsALineFeedInAFieldAsMalformed) {
  std::vector<AuditEvent> events = TestChain(5);
  events[1].set_actor("wang\nwei");
  Rehash(&events[1]);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2, 1002,
              "event 2 (seq 1002): malformed: its actor contains a line feed");
}

// The kind is shown in the history table but hashed only as part of the rpc it names.
TEST(ChainChecker, ReportsAKindOtherThanItsRpcsMethodAsMalformed) {
  std::vector<AuditEvent> events = TestChain(3);
  ASSERT_NE(events[1].kind(), "CreateClaim");
  events[1].set_kind("CreateClaim");
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2, 1002,
              "is not its rpc's method");
}

// The chain hashes microseconds; 999 more nanoseconds would otherwise go unseen.
TEST(ChainChecker, ReportsAnEventTimeFinerThanMicrosecondsAsMalformed) {
  std::vector<AuditEvent> events = TestChain(3);
  events[1].mutable_event_time()->set_nanos(events[1].event_time().nanos() + 999);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2, 1002,
              "finer than the microseconds");
}

TEST(ChainChecker, ReportsAHashThatIsNotLowercaseHexAsMalformed) {
  std::vector<AuditEvent> events = TestChain(3);
  std::string upper = events[1].hash();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  events[1].set_hash(upper);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2, 1002,
              "its hash is not 64 lowercase hex digits");
}

TEST(ChainChecker, ReportsAnEventOfAnotherSubjectAsInserted) {
  std::vector<AuditEvent> events = TestChain(3);
  ChainChecker checker;
  checker.ExpectSubject("claim", "another-claim");
  checker.Add(events[0]);
  ExpectBreak(checker, disposal::v1::CHAIN_BREAK_KIND_INSERTED, 1, 1001,
              "it belongs to claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182, not to claim "
              "another-claim");
}

TEST(ChainChecker, ReportsOnlyTheFirstBreak) {
  std::vector<AuditEvent> events = TestChain(5);
  events[1].set_payload_json("{}");
  events.erase(events.begin() + 3);
  ExpectBreak(Checked(events), disposal::v1::CHAIN_BREAK_KIND_EDITED, 2, 1002, "event 2");
}

TEST(ChainChecker, ContinuesAChainAfterAStartingPosition) {
  const std::vector<AuditEvent> events = TestChain(5);
  ChainChecker checker(2, events[1].hash());
  for (std::size_t i = 2; i < events.size(); ++i) EXPECT_TRUE(checker.Add(events[i]));
  EXPECT_TRUE(checker.Finish());
  EXPECT_EQ(checker.event_count(), 3);
  EXPECT_EQ(checker.head_chain_seq(), 5);
}

TEST(ChainChecker, ReportsAnUnreadableLineAsMalformedAtTheNextPosition) {
  const std::vector<AuditEvent> events = TestChain(2);
  ChainChecker checker;
  checker.Add(events[0]);
  checker.AddUnreadable("line 2", "not JSON");
  ExpectBreak(checker, disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2, 0,
              "line 2: malformed: not JSON");
}

TEST(ChainChecker, ReportsATailMissingFromTheManifestAsRemoved) {
  std::vector<AuditEvent> events = TestChain(5);
  const AuditExportManifest manifest = ManifestOf(events);
  events.resize(3);
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, 0,
              "events 4..5: removed: missing after event 3 (seq 1003); the manifest records "
              "events up to event 5");
}

// The server sent the events under no head: whatever follows the last one may be gone.
TEST(ChainChecker, ReportsAChainWhoseHeadRecordIsMissingAsRemovedAfterItsLastEvent) {
  const std::vector<AuditEvent> events = TestChain(3);
  ChainChecker checker;
  checker.ExpectHeadRecordMissing();
  for (const AuditEvent& event : events) checker.Add(event);
  checker.Finish();
  ExpectBreak(checker, disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, 0,
              "removed: the chain's head record is missing on the server, so events after "
              "event 3 may have been removed unseen");
}

TEST(ChainChecker, ReportsAnExportMadeWithoutTheServersHeadRecordAsRemoved) {
  const std::vector<AuditEvent> events = TestChain(3);
  AuditExportManifest manifest = ManifestOf(events);
  manifest.set_server_head_missing(true);
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, 0,
              "the chain's head record is missing on the server");
}

TEST(ChainChecker, ReportsAnEventBeyondTheManifestsHeadAsInserted) {
  std::vector<AuditEvent> events = TestChain(5);
  const AuditExportManifest manifest = ManifestOf(events);
  events.push_back(TestChainEvent(6, events.back().hash()));
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 6, 1006,
              "it follows the manifest's head, event 5");
}

// Everything an appended event changes in the manifest changed to match, but the server's head
// it was streamed through.
TEST(ChainChecker, ReportsAnExportGoingPastTheServersRecordedHeadAsInserted) {
  std::vector<AuditEvent> events = TestChain(5);
  events.push_back(TestChainEvent(6, events.back().hash()));
  AuditExportManifest manifest = ManifestOf(events);
  manifest.set_server_head_chain_seq(5);
  manifest.set_server_head_hash(events[4].hash());
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 6, 0,
              "manifest: inserted: the export's events go to event 6, past the server's head when "
              "it was made, event 5");
}

TEST(ChainChecker, ReportsAManifestOfEventsWithoutAServerHeadAsMalformed) {
  const std::vector<AuditEvent> events = TestChain(3);
  AuditExportManifest manifest = ManifestOf(events);
  manifest.clear_server_head_chain_seq();
  manifest.clear_server_head_hash();
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 0, 0,
              "manifest: malformed: it records events but neither the server's head");
}

TEST(ChainChecker, ReportsAHeadOtherThanTheManifestsAsEdited) {
  const std::vector<AuditEvent> events = TestChain(3);
  AuditExportManifest manifest = ManifestOf(events);
  manifest.set_head_hash(ZeroHash());
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_EDITED, 3, 1003,
              "is not the manifest's head hash");
}

TEST(ChainChecker, ReportsACountAboveTheManifestsAsInserted) {
  const std::vector<AuditEvent> events = TestChain(3);
  AuditExportManifest manifest = ManifestOf(events);
  manifest.set_event_count(2);
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 3, 1003,
              "the export holds 3 events but the manifest records 2");
}

TEST(ChainChecker, ReportsATimeRangeOtherThanTheManifestsAsEdited) {
  const std::vector<AuditEvent> events = TestChain(3);
  AuditExportManifest manifest = ManifestOf(events);
  manifest.mutable_last_event_time()->set_seconds(0);
  ExpectBreak(CheckedAgainst(events, manifest), disposal::v1::CHAIN_BREAK_KIND_EDITED, 3, 1003,
              "its last_event_time 1970-01-01T00:00:00.123456Z is not the last event's");
}

}  // namespace
}  // namespace disposalctl
