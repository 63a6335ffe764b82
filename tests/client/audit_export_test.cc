#include "client/audit_export.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "audit_test_events.h"
#include "client/audit_chain.h"

namespace disposalctl {
namespace {

namespace fs = std::filesystem;

using disposal::v1::AuditEvent;
using disposal::v1::AuditExportManifest;
using disposal::v1::VerifyClaimHistoryResponse;

constexpr char kServer[] = "claims.internal:50051";

// Each test exports into its own folder under the test temp directory, removed at the end, and
// tampers with the files the way someone editing them by hand would.
class AuditExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string(test->test_suite_name()) + "." +
                                             test->name() + "." + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Writes `events` as `audit export` does.
  void Export(const std::vector<AuditEvent>& events) { ExportFirst(events, events.size()); }

  // The same when the stream stopped after the first `sent` of `events`, with the server's
  // report of the last as its head kept when `server_head`.
  void ExportFirst(const std::vector<AuditEvent>& events, size_t sent, bool server_head = true) {
    AuditExportWriter writer;
    ASSERT_TRUE(writer.Open(dir_.string(), "claim", kTestClaimId, kServer).ok());
    if (server_head && !events.empty()) {
      writer.RecordServerHead(events.back().chain_seq(), events.back().hash());
    }
    for (size_t i = 0; i < sent; ++i) ASSERT_TRUE(writer.Write(events[i]).ok());
    google::protobuf::Timestamp now;
    now.set_seconds(1700000000);
    ASSERT_TRUE(writer.Finish(now).ok());
  }

  std::vector<std::string> EventLines() const {
    std::ifstream in(dir_ / kEventsFileName, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  void WriteEventLines(const std::vector<std::string>& lines) const {
    std::ofstream out(dir_ / kEventsFileName, std::ios::binary | std::ios::trunc);
    for (const std::string& line : lines) out << line << '\n';
  }

  VerifyClaimHistoryResponse Verified() const {
    VerifyClaimHistoryResponse result;
    const Status status = VerifyExport(dir_.string(), &result);
    EXPECT_TRUE(status.ok()) << status.message();
    return result;
  }

  fs::path dir_;
};

// `text` with its one occurrence of `from` replaced by `to`; fails the test when there is none.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "\"" << from << "\" is not in " << text;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

void ExpectBreak(const VerifyClaimHistoryResponse& result, disposal::v1::ChainBreakKind kind,
                 std::int64_t chain_seq, const std::string& reason_part) {
  ASSERT_FALSE(result.ok());
  const disposal::v1::ChainBreak& found = result.first_break();
  EXPECT_EQ(ChainBreakKindText(found.kind()), ChainBreakKindText(kind)) << found.reason();
  EXPECT_EQ(found.chain_seq(), chain_seq) << found.reason();
  EXPECT_NE(found.reason().find(reason_part), std::string::npos) << found.reason();
}

TEST_F(AuditExportTest, WritesEachEventAsOneJsonLineThatReadsBackTheSame) {
  const std::vector<AuditEvent> events = TestChain(3);
  Export(events);
  const std::vector<std::string> lines = EventLines();
  ASSERT_EQ(lines.size(), 3u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    AuditEvent read;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[i], &read).ok()) << lines[i];
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read, events[i])) << lines[i];
    // Proto field names, as the manifest's and `-o json`'s.
    EXPECT_NE(lines[i].find("\"payload_json\":"), std::string::npos) << lines[i];
  }
}

TEST_F(AuditExportTest, WritesAManifestOfTheEventsWritten) {
  const std::vector<AuditEvent> events = TestChain(3);
  Export(events);
  AuditExportManifest manifest;
  ASSERT_TRUE(ReadExportManifest(dir_.string(), &manifest).ok());
  EXPECT_EQ(manifest.format(), "disposal.audit.v1");
  EXPECT_EQ(manifest.subject_kind(), "claim");
  EXPECT_EQ(manifest.subject_id(), kTestClaimId);
  EXPECT_EQ(manifest.event_count(), 3);
  EXPECT_EQ(manifest.first_chain_seq(), 1);
  EXPECT_EQ(manifest.head_chain_seq(), 3);
  EXPECT_EQ(manifest.head_hash(), events[2].hash());
  EXPECT_EQ(manifest.first_event_time().seconds(), events[0].event_time().seconds());
  EXPECT_EQ(manifest.last_event_time().seconds(), events[2].event_time().seconds());
  EXPECT_EQ(manifest.export_time().seconds(), 1700000000);
  EXPECT_EQ(manifest.server(), kServer);
}

// The manifest is written beside its name and renamed into place (whole or absent, even
// after a power loss): nothing of that is left behind.
TEST_F(AuditExportTest, AFinishedExportHoldsItsEventsAndManifestOnly) {
  Export(TestChain(2));
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    names.insert(entry.path().filename().string());
  }
  EXPECT_EQ(names, (std::set<std::string>{"events.jsonl", "manifest.json"}));
}

// The events hold names and national ids, and the manifest is read with them.
TEST_F(AuditExportTest, BothFilesAreOwnerOnly) {
  // Under the common umask, which would leave a file made with the defaults readable by all.
  const mode_t umask_before = ::umask(022);
  Export(TestChain(2));
  ::umask(umask_before);
  const fs::perms owner_only = fs::perms::owner_read | fs::perms::owner_write;
  EXPECT_EQ(fs::status(dir_ / kEventsFileName).permissions(), owner_only);
  EXPECT_EQ(fs::status(dir_ / kManifestFileName).permissions(), owner_only);
}

TEST_F(AuditExportTest, RefusesAFolderThatIsNotEmpty) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "notes.txt") << "kept";
  AuditExportWriter writer;
  const Status status = writer.Open(dir_.string(), "claim", kTestClaimId, kServer);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("not empty"), std::string::npos) << status.message();
  EXPECT_FALSE(fs::exists(dir_ / kEventsFileName));
}

TEST_F(AuditExportTest, AbandonRemovesOnlyWhatOpenCreated) {
  fs::create_directories(dir_);
  AuditExportWriter writer;
  ASSERT_TRUE(writer.Open((dir_ / "new" / "deeper").string(), "claim", kTestClaimId, kServer).ok());
  ASSERT_TRUE(writer.Write(TestChain(1)[0]).ok());
  writer.Abandon();
  EXPECT_FALSE(fs::exists(dir_ / "new"));
  EXPECT_TRUE(fs::exists(dir_));
}

// Ctrl-C mid-stream: the child exporting dies of the signal, and what it had written (the events
// so far, with names and national ids) and the folders it created are gone.
TEST_F(AuditExportTest, AnInterruptMidExportRemovesWhatItCreatedAndDiesOfTheSignal) {
  fs::create_directories(dir_);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    AuditExportWriter writer;
    if (!writer.Open((dir_ / "new" / "deeper").string(), "claim", kTestClaimId, kServer).ok() ||
        !writer.Write(TestChain(1)[0]).ok()) {
      _exit(3);
    }
    raise(SIGINT);
    _exit(4);  // not reached: the signal kills it
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  EXPECT_FALSE(fs::exists(dir_ / "new"));
  EXPECT_TRUE(fs::exists(dir_));
}

// A whole export stays whatever signal comes after it.
TEST_F(AuditExportTest, AnInterruptAfterTheExportIsWholeLeavesIt) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Export(TestChain(2));
    raise(SIGINT);
    _exit(4);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_TRUE(fs::exists(dir_ / kEventsFileName));
  EXPECT_TRUE(fs::exists(dir_ / kManifestFileName));
}

TEST_F(AuditExportTest, AbandonAfterARefusedOpenLeavesTheFolderAlone) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / kEventsFileName) << "an earlier export\n";
  AuditExportWriter writer;
  ASSERT_FALSE(writer.Open(dir_.string(), "claim", kTestClaimId, kServer).ok());
  writer.Abandon();
  EXPECT_TRUE(fs::exists(dir_ / kEventsFileName));
}

TEST_F(AuditExportTest, AbandonKeepsAnEmptyFolderThatWasThere) {
  fs::create_directories(dir_);
  AuditExportWriter writer;
  ASSERT_TRUE(writer.Open(dir_.string(), "claim", kTestClaimId, kServer).ok());
  ASSERT_TRUE(writer.Write(TestChain(1)[0]).ok());
  writer.Abandon();
  EXPECT_TRUE(fs::exists(dir_));
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(AuditExportTest, LeavesNoManifestBeforeFinish) {
  AuditExportWriter writer;
  ASSERT_TRUE(writer.Open(dir_.string(), "claim", kTestClaimId, kServer).ok());
  ASSERT_TRUE(writer.Write(TestChain(1)[0]).ok());
  VerifyClaimHistoryResponse result;
  const Status status = VerifyExport(dir_.string(), &result);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("manifest.json"), std::string::npos) << status.message();
}

TEST_F(AuditExportTest, VerifiesAnUntouchedExport) {
  const std::vector<AuditEvent> events = TestChain(5);
  Export(events);
  const VerifyClaimHistoryResponse result = Verified();
  EXPECT_TRUE(result.ok()) << result.first_break().reason();
  EXPECT_EQ(result.event_count(), 5);
  EXPECT_EQ(result.head_chain_seq(), 5);
  EXPECT_EQ(result.head_hash(), events[4].hash());
}

TEST_F(AuditExportTest, VerifiesALastLineWithoutALineFeed) {
  Export(TestChain(2));
  const std::vector<std::string> lines = EventLines();
  std::ofstream(dir_ / kEventsFileName, std::ios::binary | std::ios::trunc) << lines[0] << '\n'
                                                                            << lines[1];
  EXPECT_TRUE(Verified().ok());
}

TEST_F(AuditExportTest, VerifiesAnEventLongerThanOneReadPiece) {
  std::vector<AuditEvent> events = TestChain(2);
  events[0].set_payload_json(R"({"note":")" + std::string(200 * 1024, 'x') + R"("})");
  Rehash(&events[0]);
  events[1].set_prev_hash(events[0].hash());
  Rehash(&events[1]);
  Export(events);
  EXPECT_TRUE(Verified().ok());
}

TEST_F(AuditExportTest, FindsAnEditedPayload) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  lines[2] = Replaced(lines[2], "第3次修改", "第3次改动");
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_EDITED, 3, "event 3 (seq 1003): edited");
}

TEST_F(AuditExportTest, FindsARemovedMiddleEvent) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  lines.erase(lines.begin() + 2);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 3,
              "event 3: removed: it is missing before event 4");
}

// Found against the server's head the manifest records (the manifest's own head, checked
// after it, would find it too: ChainChecker's tests).
TEST_F(AuditExportTest, FindsARemovedTailThroughTheServersHeadInTheManifest) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  lines.resize(3);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4,
              "events 4..5: removed: the chain's head is event 5 but the history ends at event 3");
}

// The events deleted beside their manifest: a chain with every event removed, not bad input.
TEST_F(AuditExportTest, FindsTheEventsFileDeletedThroughTheManifest) {
  Export(TestChain(3));
  fs::remove(dir_ / kEventsFileName);
  const VerifyClaimHistoryResponse result = Verified();
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.first_break().kind(), disposal::v1::CHAIN_BREAK_KIND_REMOVED);
}

TEST_F(AuditExportTest, AnExportShortOfTheServersHeadVerifiesBroken) {
  // The server said the chain ends at event 5 but sent only 3 (its last events removed): the
  // export is kept as sent, and stays broken when verified later.
  const std::vector<AuditEvent> events = TestChain(5);
  ExportFirst(events, 3);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, "removed");
}

TEST_F(AuditExportTest, AHeadTheAuditorKeptDoesNotWaiveTheServersHead) {
  const std::vector<AuditEvent> events = TestChain(5);
  ExportFirst(events, 3);
  // An older head, which the export does pass through.
  VerifyClaimHistoryResponse result;
  ASSERT_TRUE(
      VerifyExport(dir_.string(), std::make_pair(std::int64_t{2}, events[1].hash()), &result).ok());
  ExpectBreak(result, disposal::v1::CHAIN_BREAK_KIND_REMOVED, 4, "removed");
}

TEST_F(AuditExportTest, FindsAnInsertedEvent) {
  const std::vector<AuditEvent> events = TestChain(5);
  Export(events);
  // A forged event 3, linked to event 2 and hashed by the definition, before the real one.
  AuditEvent forged = TestChainEvent(3, events[1].hash());
  forged.set_payload_json(R"({"note":"伪造"})");
  Rehash(&forged);
  std::string forged_line;
  ASSERT_TRUE(EventJsonLine(forged, &forged_line).ok());
  std::vector<std::string> lines = EventLines();
  lines.insert(lines.begin() + 2, forged_line);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 3,
              "a second event at position 3");
}

TEST_F(AuditExportTest, FindsAnAppendedEventPastTheServersHead) {
  const std::vector<AuditEvent> events = TestChain(5);
  Export(events);
  std::string appended;
  ASSERT_TRUE(EventJsonLine(TestChainEvent(6, events[4].hash()), &appended).ok());
  std::vector<std::string> lines = EventLines();
  lines.push_back(appended);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 6,
              "it follows the chain's recorded head, event 5");
}

// An export made without the server's head (by an older disposalctl): the manifest's own
// head names an event appended to it.
TEST_F(AuditExportTest, FindsAnAppendedEventThroughTheManifest) {
  const std::vector<AuditEvent> events = TestChain(5);
  ExportFirst(events, events.size(), /*server_head=*/false);
  std::string appended;
  ASSERT_TRUE(EventJsonLine(TestChainEvent(6, events[4].hash()), &appended).ok());
  std::vector<std::string> lines = EventLines();
  lines.push_back(appended);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_INSERTED, 6,
              "it follows the manifest's head, event 5");
}

// Streamed as the server sent them: events left past a head moved back to event 2, event 4's
// contents changed too. The first past the head is named, with its seq, as the server names
// it, before what is wrong further on.
TEST_F(AuditExportTest, NamesTheFirstEventPastTheServersHeadBeforeALaterEdit) {
  std::vector<AuditEvent> events = TestChain(4);
  events[3].set_payload_json(R"({"note":"改"})");
  AuditExportWriter writer;
  ASSERT_TRUE(writer.Open(dir_.string(), "claim", kTestClaimId, kServer).ok());
  writer.RecordServerHead(2, events[1].hash());
  for (const AuditEvent& event : events) ASSERT_TRUE(writer.Write(event).ok());
  google::protobuf::Timestamp now;
  now.set_seconds(1700000000);
  ASSERT_TRUE(writer.Finish(now).ok());
  const VerifyClaimHistoryResponse result = Verified();
  ExpectBreak(result, disposal::v1::CHAIN_BREAK_KIND_INSERTED, 3,
              "event 3 (seq 1003): inserted: it follows the chain's recorded head, event 2");
  EXPECT_EQ(result.first_break().seq(), 1003);
}

TEST_F(AuditExportTest, FindsSwappedLinesAsReordered) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  std::swap(lines[2], lines[3]);
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_REORDERED, 3,
              "event 3 (seq 1003): reordered: it appears after event 4");
}

TEST_F(AuditExportTest, FindsALineThatIsNotJsonAsMalformedNamingTheLine) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  lines[2] = "this is not an event";
  WriteEventLines(lines);
  const VerifyClaimHistoryResponse result = Verified();
  ExpectBreak(result, disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 3,
              "line 3: malformed: not an AuditEvent in JSON");
  EXPECT_EQ(result.first_break().seq(), 0);
}

TEST_F(AuditExportTest, FindsALineFeedInAFieldAsMalformed) {
  Export(TestChain(5));
  std::vector<std::string> lines = EventLines();
  // JSON writes the line feed as \n, so the line stays one line; the field holds a line feed.
  lines[1] = Replaced(lines[1], R"("actor":"wang.wei")", R"("actor":"wang\nwei")");
  WriteEventLines(lines);
  ExpectBreak(Verified(), disposal::v1::CHAIN_BREAK_KIND_MALFORMED, 2,
              "event 2 (seq 1002): malformed: its actor contains a line feed");
}

TEST_F(AuditExportTest, RefusesAManifestOfAnotherFormat) {
  Export(TestChain(2));
  AuditExportManifest manifest;
  ASSERT_TRUE(ReadExportManifest(dir_.string(), &manifest).ok());
  manifest.set_format("disposal.audit.v2");
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(manifest, &json).ok());
  std::ofstream(dir_ / kManifestFileName, std::ios::trunc) << json;
  VerifyClaimHistoryResponse result;
  const Status status = VerifyExport(dir_.string(), &result);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("disposal.audit.v2"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace disposalctl
