#include "client/audit_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "audit_test_events.h"

namespace disposalctl {
namespace {

using disposal::v1::VerifyClaimHistoryResponse;

VerifyClaimHistoryResponse WholeChain() {
  VerifyClaimHistoryResponse result;
  result.set_ok(true);
  result.set_event_count(12);
  result.set_head_chain_seq(12);
  result.set_head_hash(std::string(64, 'a'));
  return result;
}

VerifyClaimHistoryResponse BrokenChain(const std::string& reason) {
  VerifyClaimHistoryResponse result;
  result.set_event_count(6);
  result.mutable_first_break()->set_kind(disposal::v1::CHAIN_BREAK_KIND_EDITED);
  result.mutable_first_break()->set_chain_seq(7);
  result.mutable_first_break()->set_seq(1234);
  result.mutable_first_break()->set_reason(reason);
  return result;
}

TEST(CheckVerdict, NamesTheCountAndTheHeadPositionAndHash) {
  EXPECT_EQ(CheckVerdict(WholeChain()), "ok: 12 events, head 12 " + std::string(64, 'a'));
}

TEST(ExportVerdict, NamesTheCountAndTheHeadHash) {
  EXPECT_EQ(ExportVerdict(WholeChain()), "ok: 12 events, head " + std::string(64, 'a'));
}

TEST(ExportSubjectLine, NamesTheSubjectAndTheServerItCameFrom) {
  disposal::v1::AuditExportManifest manifest;
  manifest.set_subject_kind("claim");
  manifest.set_subject_id("6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182");
  manifest.set_server("claims.internal:50051");
  EXPECT_EQ(ExportSubjectLine(manifest),
            "claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182, exported from claims.internal:50051");
}

TEST(BrokenVerdict, GivesTheReasonOnOneLine) {
  EXPECT_EQ(CheckVerdict(BrokenChain("event 7 (seq 1234): edited:\nits contents differ")),
            "broken: event 7 (seq 1234): edited: its contents differ");
}

TEST(BrokenVerdict, DescribesABreakSentWithoutAReason) {
  EXPECT_EQ(ExportVerdict(BrokenChain("")), "broken: event 7 (seq 1234): edited");
}

TEST(HistoryTable, ShowsOneRowPerEventWithTheHashCut) {
  Table table = NewHistoryTable();
  const disposal::v1::AuditEvent event = TestChain(1)[0];
  AddHistoryRow(event, &table);
  std::ostringstream out;
  table.Print(out);
  // 2021-08-03T06:06:09Z is 14:06:09 in Shanghai.
  EXPECT_EQ(out.str(),
            "chain_seq  time                 actor     role   kind         request id  hash\n"
            "---------  -------------------  --------  -----  -----------  ----------  "
            "-------------\n"
            "        1  2021-08-03 14:06:09  wang.wei  staff  UpdateClaim  req-1       " +
                event.hash().substr(0, 12) + "…\n");
}

TEST(ExportProgressLine, CountsEventsAndBytes) {
  EXPECT_EQ(ExportProgressLine(1, 300), "1 event, 300 B written");
  EXPECT_EQ(ExportProgressLine(1234, 1536 * 1024), "1234 events, 1.5 MiB written");
}

TEST(PrintReplay, ShowsBothOutcomesAndEachDifference) {
  disposal::v1::ReplayEligibilityDecisionResponse replay;
  disposal::v1::EligibilityDecision* original = replay.mutable_original()->mutable_decision();
  original->set_decision_id("0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f");
  original->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  original->set_registry_version(42);
  replay.mutable_replayed()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  replay.mutable_replayed()->add_reasons()->set_rule_id("excl.6.intermediary");
  replay.add_differences("outcome: ELIGIBLE -> INELIGIBLE");
  std::ostringstream out;
  PrintReplay(replay, out);
  EXPECT_NE(out.str().find("replay            DIFFERENT from the original"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("registry version  42"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("original          ELIGIBLE (-)"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("replayed          INELIGIBLE (excl.6.intermediary)"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("Differences\n  outcome: ELIGIBLE -> INELIGIBLE\n"), std::string::npos)
      << out.str();
}

TEST(PrintEligibilityReceipt, ShowsWhoAskedAndTheBidderBeforeTheDecision) {
  disposal::v1::EligibilityReceipt receipt;
  receipt.set_actor("wang.wei");
  receipt.mutable_request()->set_disposal_id("3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
  receipt.mutable_request()->mutable_bidder()->mutable_person()->set_national_id(
      "11010519491231002X");
  receipt.mutable_request()->mutable_bidder()->mutable_person()->set_name("张三");
  receipt.mutable_decision()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  std::ostringstream out;
  PrintEligibilityReceipt(receipt, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("asked by          wang.wei"), std::string::npos) << text;
  EXPECT_NE(text.find("bidder            person 11010519491231002X 张三"), std::string::npos)
      << text;
  EXPECT_LT(text.find("asked by"), text.find("outcome           ELIGIBLE")) << text;
}

}  // namespace
}  // namespace disposalctl
