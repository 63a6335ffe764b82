#include "client/audit_actions.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "audit_test_events.h"
#include "client/audit_export.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

namespace fs = std::filesystem;

using disposal::v1::AuditEvent;
using disposal::v1::ClaimHistoryPage;
using disposal::v1::StreamClaimHistoryRequest;

// Stands in for disposal-server: streams `events` two to a page and answers the other calls
// with what the test set.
class FakeAuditService final : public disposal::v1::AuditService::Service {
 public:
  grpc::Status StreamClaimHistory(grpc::ServerContext* context,
                                  const StreamClaimHistoryRequest* request,
                                  grpc::ServerWriter<ClaimHistoryPage>* writer) override {
    ++history_calls;
    last_request = *request;
    ClaimHistoryPage page;
    auto start_page = [&] {
      page.Clear();
      if (head_chain_seq) {
        page.set_head_chain_seq(*head_chain_seq);
        page.set_head_hash(head_hash);
      } else if (!events.empty()) {
        page.set_head_chain_seq(events.back().chain_seq());
        page.set_head_hash(events.back().hash());
      }
    };
    start_page();
    for (const AuditEvent& event : events) {
      *page.add_events() = event;
      if (page.events_size() == 2) {
        if (writer->Write(page)) ++pages_written;
        start_page();
        // Waits (at most 10 s) for the client to cancel once it has the first page.
        for (int i = 0; wait_for_cancel && i < 1000 && !context->IsCancelled(); ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (wait_for_cancel && context->IsCancelled()) {
          cancelled_after_first_page = true;
          return grpc::Status::CANCELLED;
        }
      }
    }
    if (page.events_size() > 0 && writer->Write(page)) ++pages_written;
    return grpc::Status::OK;
  }

  grpc::Status VerifyClaimHistory(grpc::ServerContext*,
                                  const disposal::v1::VerifyClaimHistoryRequest*,
                                  disposal::v1::VerifyClaimHistoryResponse* response) override {
    *response = verified;
    return grpc::Status::OK;
  }

  grpc::Status ReplayEligibilityDecision(
      grpc::ServerContext*, const disposal::v1::ReplayEligibilityDecisionRequest*,
      disposal::v1::ReplayEligibilityDecisionResponse* response) override {
    *response = replayed;
    return grpc::Status::OK;
  }

  std::vector<AuditEvent> events;
  // The recorded head each page announces: unset, the last event's (as the server's); 0 for a
  // server whose record of the head is missing.
  std::optional<int64_t> head_chain_seq;
  std::string head_hash;
  disposal::v1::VerifyClaimHistoryResponse verified;
  disposal::v1::ReplayEligibilityDecisionResponse replayed;
  StreamClaimHistoryRequest last_request;
  int history_calls = 0;
  int pages_written = 0;  // pages the stream took (none once the client cancelled)
  bool wait_for_cancel = false;
  std::atomic<bool> cancelled_after_first_page{false};
};

class AuditActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartStandInServer(&service_, "auditor", &global_);
    ASSERT_NE(server_, nullptr);
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string(test->test_suite_name()) + "." +
                                             test->name() + "." + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    server_->Shutdown();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  AuditExportOptions ExportOptions() const {
    AuditExportOptions options;
    options.subject.id = kTestClaimId;
    options.out_dir = dir_.string();
    return options;
  }

  // Exports a chain of four events, then verifies the export against a kept head
  // "POSITION:HASH"; `verdict` receives what the verification printed.
  Status ExportThenVerifyWithKeptHead(const std::string& head, std::string* verdict) {
    service_.events = TestChain(4);
    ::testing::internal::CaptureStdout();
    const Status exported = ExportAuditHistory(global_, ExportOptions());
    ::testing::internal::GetCapturedStdout();
    if (!exported.ok()) return exported;
    ::testing::internal::CaptureStdout();
    const Status verified = VerifyAuditExport(GlobalOptions{}, {dir_.string(), head});
    *verdict = ::testing::internal::GetCapturedStdout();
    return verified;
  }

  FakeAuditService service_;
  std::unique_ptr<grpc::Server> server_;
  GlobalOptions global_;
  fs::path dir_;
};

// `audit history -o json | head -1`: once standard output fails, the stream is cancelled
// rather than read to its end for nothing.
TEST_F(AuditActionsTest, HistoryWhoseOutputFailsStopsTheStream) {
  service_.events = TestChain(20);
  service_.wait_for_cancel = true;
  global_.output = OutputFormat::kJson;
  AuditHistoryOptions options;
  options.subject.id = kTestClaimId;
  std::cout.setstate(std::ios::badbit);
  const Status status = ShowAuditHistory(global_, options);
  std::cout.clear();
  EXPECT_EQ(status.code_name(), "OUTPUT_FAILED") << status.message();
  // The server's handler sees the cancellation on its own time (it looks every 10 ms).
  for (int i = 0; i < 500 && !service_.cancelled_after_first_page; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(service_.cancelled_after_first_page) << "read on past the failed output";
}

// An event whose contents were changed after it was recorded is not shown as genuine: the
// listing (filtered or not) checks each event against its own hash, prints what came, and ends
// DATA_LOSS naming the first such event.
TEST_F(AuditActionsTest, HistoryNamesAnEventThatDoesNotMatchItsOwnHash) {
  service_.events = TestChain(4);
  service_.events[2].set_payload_json(R"({"note":"改过"})");
  AuditHistoryOptions options;
  options.subject.id = kTestClaimId;
  options.kinds = {"UpdateClaim"};
  ::testing::internal::CaptureStdout();
  const Status shown = ShowAuditHistory(global_, options);
  const std::string printed = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(shown.code_name(), "DATA_LOSS") << shown.message();
  EXPECT_NE(shown.message().find("event 3 does not match its own hash"), std::string::npos)
      << shown.message();
  EXPECT_NE(printed.find("req-4"), std::string::npos) << printed;  // the rest still shown

  service_.events = TestChain(4);  // untouched
  ::testing::internal::CaptureStdout();
  const Status intact = ShowAuditHistory(global_, options);
  ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(intact.ok()) << intact.message();
}

TEST_F(AuditActionsTest, ExportWritesAnExportThatVerifiesOffline) {
  service_.events = TestChain(5);
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  const std::string summary = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(exported.ok()) << exported.message();
  EXPECT_NE(summary.find("5 events (1..5)"), std::string::npos) << summary;
  disposal::v1::VerifyClaimHistoryResponse result;
  ASSERT_TRUE(VerifyExport(dir_.string(), &result).ok());
  EXPECT_TRUE(result.ok()) << result.first_break().reason();
  EXPECT_EQ(result.head_hash(), service_.events.back().hash());
}

TEST_F(AuditActionsTest, ExportedEventsAreReadableByTheirOwnerOnly) {
  service_.events = TestChain(2);
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(exported.ok()) << exported.message();
  const fs::perms perms = fs::status(dir_ / "events.jsonl").permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

// The server takes a UUID in capitals but sends it back in lower case: an intact chain asked
// for in capitals must not look as if its events belonged to another subject.
TEST_F(AuditActionsTest, ExportOfAnIdGivenInCapitalsVerifies) {
  service_.events = TestChain(3);
  AuditExportOptions options = ExportOptions();
  for (char& c : options.subject.id) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  ASSERT_NE(options.subject.id, kTestClaimId);
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, options);
  ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(exported.ok()) << exported.message();
  disposal::v1::VerifyClaimHistoryResponse result;
  ASSERT_TRUE(VerifyExport(dir_.string(), &result).ok());
  EXPECT_TRUE(result.ok()) << result.first_break().reason();
}

TEST_F(AuditActionsTest, ExportKeepsABrokenChainAndFailsWithDataLoss) {
  service_.events = TestChain(5);
  service_.events[3].set_payload_json("{}");
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  const std::string summary = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(exported.code_name(), "DATA_LOSS");
  EXPECT_EQ(exported.exit_code(), kExitRpcFailed);
  EXPECT_NE(summary.find("broken: event 4 (seq 1004): edited"), std::string::npos) << summary;
  EXPECT_TRUE(fs::exists(dir_ / kManifestFileName));
}

TEST_F(AuditActionsTest, ExportEndingBeforeTheServersRecordedHeadFailsNamingTheRemovedEvents) {
  std::vector<AuditEvent> chain = TestChain(5);
  service_.head_chain_seq = 5;
  service_.head_hash = chain[4].hash();
  chain.pop_back();  // the last event deleted from the log; the head still names it
  service_.events = chain;
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  const std::string summary = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(exported.code_name(), "DATA_LOSS");
  EXPECT_NE(summary.find("event 5"), std::string::npos) << summary;
  EXPECT_NE(summary.find("removed"), std::string::npos) << summary;
}

// Events sent under no head: the export keeps them, says so in its manifest, fails, and never
// verifies whole afterwards.
TEST_F(AuditActionsTest, ExportOfAChainWhoseHeadRecordIsMissingFailsAndNeverVerifies) {
  service_.events = TestChain(3);
  service_.head_chain_seq = 0;
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  const std::string summary = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(exported.code_name(), "DATA_LOSS");
  EXPECT_NE(summary.find("head record is missing"), std::string::npos) << summary;
  disposal::v1::VerifyClaimHistoryResponse verified;
  ASSERT_TRUE(VerifyExport(dir_.string(), &verified).ok());
  EXPECT_FALSE(verified.ok());
  EXPECT_EQ(verified.first_break().kind(), disposal::v1::CHAIN_BREAK_KIND_REMOVED);
}

TEST_F(AuditActionsTest, ExportEndingAtTheServersRecordedHeadSucceeds) {
  service_.events = TestChain(3);
  service_.head_chain_seq = 3;
  service_.head_hash = service_.events[2].hash();
  ::testing::internal::CaptureStdout();
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(exported.ok()) << exported.message();
}

TEST_F(AuditActionsTest, VerifyWithAKeptHeadCatchesTheTailRemovedWithItsManifest) {
  const std::vector<AuditEvent> chain = TestChain(3);
  service_.events = {chain[0], chain[1]};  // as if the export were redone without event 3
  ::testing::internal::CaptureStdout();
  ASSERT_TRUE(ExportAuditHistory(global_, ExportOptions()).ok());
  ::testing::internal::GetCapturedStdout();
  GlobalOptions offline;
  ::testing::internal::CaptureStdout();
  const Status verified = VerifyAuditExport(offline, {dir_.string(), "3:" + chain[2].hash()});
  const std::string verdict = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(verified.code_name(), "DATA_LOSS");
  EXPECT_NE(verdict.find("removed"), std::string::npos) << verdict;
}

// A head kept from an earlier check is a point the chain must pass through; it may have grown.
TEST_F(AuditActionsTest, VerifyWithAKeptHeadAcceptsAChainThatGrewSince) {
  std::string verdict;
  // TestChain is deterministic: event 2's hash is known before the export.
  const Status verified = ExportThenVerifyWithKeptHead("2:" + TestChain(4)[1].hash(), &verdict);
  EXPECT_TRUE(verified.ok()) << verified.message() << verdict;
}

TEST_F(AuditActionsTest, VerifyWithAKeptHeadWhoseHashDiffersNamesThatEventEdited) {
  std::string verdict;
  const Status verified = ExportThenVerifyWithKeptHead("2:" + TestChain(4)[2].hash(), &verdict);
  EXPECT_EQ(verified.code_name(), "DATA_LOSS");
  EXPECT_NE(verdict.find("event 2 (seq 1002): edited"), std::string::npos) << verdict;
}

TEST_F(AuditActionsTest, VerifyRefusesAMalformedExpectedHead) {
  GlobalOptions offline;
  const Status verified = VerifyAuditExport(offline, {dir_.string(), "three:abc"});
  EXPECT_EQ(verified.exit_code(), kExitBadInput);
  EXPECT_NE(verified.message().find("--expect-head"), std::string::npos) << verified.message();
}

TEST_F(AuditActionsTest, ExportRefusesAFolderInUseBeforeAskingTheServer) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / kEventsFileName) << "an earlier export\n";
  const Status exported = ExportAuditHistory(global_, ExportOptions());
  EXPECT_EQ(exported.exit_code(), kExitBadInput);
  EXPECT_EQ(service_.history_calls, 0);
}

TEST_F(AuditActionsTest, HistorySendsTheSelectionAndPrintsOneJsonLinePerEvent) {
  service_.events = TestChain(3);
  global_.output = OutputFormat::kJson;
  AuditHistoryOptions options;
  options.subject = {"3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f", true};
  options.kinds = {"UpdateClaim", "RecordPayment"};
  options.since = "2021-08-03T14:00:00+08:00";
  options.after_chain_seq = 7;
  options.page_size = 2;
  ::testing::internal::CaptureStdout();
  const Status shown = ShowAuditHistory(global_, options);
  const std::string lines = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(shown.ok()) << shown.message();
  EXPECT_EQ(service_.last_request.subject().disposal_id(), options.subject.id);
  EXPECT_EQ(service_.last_request.kinds_size(), 2);
  EXPECT_EQ(service_.last_request.start_time().seconds(), 1627970400);
  EXPECT_FALSE(service_.last_request.has_end_time());
  EXPECT_EQ(service_.last_request.after_chain_seq(), 7);
  EXPECT_EQ(service_.last_request.page_size(), 2);
  std::string first_line;
  ASSERT_TRUE(EventJsonLine(service_.events[0], &first_line).ok());
  EXPECT_EQ(lines.find(first_line + "\n"), 0u) << lines;
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 3) << lines;
}

// A long history is printed as it streams, a block of 1,000 rows at a time, each with its
// header: the client never holds the whole history.
TEST_F(AuditActionsTest, HistoryTableIsPrintedInBlocksOfAThousandRows) {
  service_.events = TestChain(2500);
  AuditHistoryOptions options;
  options.subject.id = kTestClaimId;
  ::testing::internal::CaptureStdout();
  const Status shown = ShowAuditHistory(global_, options);
  const std::string printed = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(shown.ok()) << shown.message();
  std::istringstream lines(printed);
  int headers = 0, rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("chain_seq", 0) == 0) ++headers;
    if (line.find_first_not_of(' ') != std::string::npos &&
        std::isdigit(static_cast<unsigned char>(line[line.find_first_not_of(' ')]))) {
      ++rows;
    }
  }
  EXPECT_EQ(headers, 3);
  EXPECT_EQ(rows, 2500);
}

TEST_F(AuditActionsTest, CheckFailsWithDataLossOnABrokenChain) {
  service_.verified.mutable_first_break()->set_kind(disposal::v1::CHAIN_BREAK_KIND_REMOVED);
  service_.verified.mutable_first_break()->set_chain_seq(4);
  service_.verified.mutable_first_break()->set_reason("event 4: removed");
  AuditCheckOptions options;
  options.subject.id = kTestClaimId;
  ::testing::internal::CaptureStdout();
  const Status checked = CheckAuditHistory(global_, options);
  const std::string verdict = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(verdict, "broken: event 4: removed\n");
  EXPECT_EQ(checked.code_name(), "DATA_LOSS");
  EXPECT_NE(checked.message().find("broken at event 4 (removed)"), std::string::npos)
      << checked.message();
}

TEST_F(AuditActionsTest, ReplayFailsWhenTheDecisionComesOutDifferent) {
  service_.replayed.set_same(false);
  service_.replayed.add_differences("outcome: ELIGIBLE -> INELIGIBLE");
  ::testing::internal::CaptureStdout();
  const Status replayed = ReplayEligibilityDecision(global_, {"decision-1"});
  ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(replayed.code_name(), "FAILED_PRECONDITION");
  EXPECT_EQ(replayed.exit_code(), kExitRpcFailed);
}

TEST_F(AuditActionsTest, VerifyNeedsNoServer) {
  service_.events = TestChain(2);
  ::testing::internal::CaptureStdout();
  ASSERT_TRUE(ExportAuditHistory(global_, ExportOptions()).ok());
  ::testing::internal::GetCapturedStdout();
  GlobalOptions offline;  // no server address, no actor
  ::testing::internal::CaptureStdout();
  const Status verified = VerifyAuditExport(offline, {dir_.string(), ""});
  const std::string verdict = ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(verified.ok()) << verified.message();
  EXPECT_EQ(verdict, "claim " + std::string(kTestClaimId) + ", exported from " +
                         global_.rpc.server_address + "\nok: 2 events, head " +
                         service_.events[1].hash() + "\n");
}

TEST(AuditSubjectTest, RegistryChainIdIsTheUuidOfTheMd5OfItsName) {
  AuditSubjectOptions registry;
  registry.registry = true;
  // MD5("registry") = a9205dcfd4a6f7c2cbe8be01566ff84a (RFC 1321's algorithm; PostgreSQL's
  // md5('registry')::uuid gives the same, which the server's tests check).
  EXPECT_EQ(SubjectChainId(registry), "a9205dcf-d4a6-f7c2-cbe8-be01566ff84a");
}

TEST(AuditSubjectTest, CalendarYearsChainIdDiffersByYear) {
  AuditSubjectOptions year_2027, year_2028;
  year_2027.calendar_year = 2027;
  year_2028.calendar_year = 2028;
  EXPECT_NE(SubjectChainId(year_2027), SubjectChainId(year_2028));
  EXPECT_EQ(SubjectChainId(year_2027).size(), 36u);
}

TEST(AuditSubjectTest, ClaimsChainIdIsTheIdGiven) {
  AuditSubjectOptions claim;
  claim.id = "0b6f7a52-3c3e-4d4e-9a43-7e4b1c2d3e4f";
  EXPECT_EQ(SubjectChainId(claim), claim.id);
}

TEST(AuditSubjectTest, TwoNamedChainsAreInvalidInput) {
  AuditSubjectOptions both;
  both.registry = true;
  both.calendar_year = 2027;
  const Status status = ValidateSubject(both);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("give one of"), std::string::npos) << status.message();
}

TEST(AuditSubjectTest, NamedChainWithADisposalFlagIsInvalidInput) {
  AuditSubjectOptions mixed;
  mixed.registry_version = 3;
  mixed.disposal = true;
  EXPECT_EQ(ValidateSubject(mixed).exit_code(), kExitBadInput);
}

TEST(AuditSubjectTest, AnIdAloneOrANamedChainAloneIsValid) {
  AuditSubjectOptions claim, registry;
  claim.id = "0b6f7a52-3c3e-4d4e-9a43-7e4b1c2d3e4f";
  registry.registry = true;
  EXPECT_TRUE(ValidateSubject(claim).ok());
  EXPECT_TRUE(ValidateSubject(registry).ok());
}

}  // namespace
}  // namespace disposalctl
