#include "client/eligibility_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace disposalctl {
namespace {

using disposal::v1::EligibilityDecision;
using disposal::v1::EligibilityReason;
using disposal::v1::EligibilityStreamResult;
using disposal::v1::PathStep;

void AddStep(EligibilityReason* reason, const std::string& relation,
             const std::string& identifier = "", const std::string& name = "") {
  PathStep* step = reason->add_path();
  step->set_relation(relation);
  step->set_identifier(identifier);
  step->set_name(name);
}

// The example of the rules: the bidder's shareholder is married to the head of the appraisal
// agency engaged on this disposal.
EligibilityReason IntermediaryReason() {
  EligibilityReason reason;
  reason.set_rule_id("excl.6.intermediary");
  reason.set_citation("法发〔2009〕19号 六(八); 财金〔2005〕74号");
  reason.set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  reason.set_message("a close relative of an intermediary on this disposal controls the bidder");
  AddStep(&reason, "bidder", "91110000100000000R", "某投资公司");
  AddStep(&reason, "shareholder 30%", "110105198001010016", "张三");
  AddStep(&reason, "spouse", "110105195001010012", "李四");
  AddStep(&reason, "appraisal agency head on this disposal");
  return reason;
}

EligibilityDecision IneligibleDecision() {
  EligibilityDecision decision;
  decision.set_decision_id("0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f");
  decision.set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  *decision.add_reasons() = IntermediaryReason();
  EligibilityReason* review = decision.add_reasons();
  review->set_rule_id("review.name_match");
  review->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_REVIEW);
  review->set_message("the name matches a registered civil servant");
  *decision.add_reasons() = IntermediaryReason();
  decision.set_registry_version(42);
  decision.mutable_as_of()->set_year(2026);
  decision.mutable_as_of()->set_month(11);
  decision.mutable_as_of()->set_day(5);
  // 2026-11-05T02:00:00Z = 10:00 in Shanghai; day 20762 since the epoch.
  decision.mutable_decide_time()->set_seconds(20762LL * 86400 + 7200);
  decision.add_settings("lineal_relatives=spouse,parent,child,grandparent,grandchild");
  return decision;
}

TEST(EligibilityViewTest, FormatsThePathFromBidderToTrigger) {
  EXPECT_EQ(FormatPath(IntermediaryReason().path()),
            "bidder 某投资公司 (91110000100000000R) -> shareholder 30% 张三 (110105198001010016) "
            "-> spouse 李四 (110105195001010012) -> appraisal agency head on this disposal");
  EXPECT_EQ(FormatPath(EligibilityReason().path()), "-");
}

TEST(EligibilityViewTest, PathStepsLeaveOutEmptyParts) {
  PathStep step;
  step.set_relation("person");
  EXPECT_EQ(FormatPathStep(step), "person");
  step.set_identifier("110105198001010016");
  EXPECT_EQ(FormatPathStep(step), "person (110105198001010016)");
  step.set_relation("");
  step.set_name("张三");
  EXPECT_EQ(FormatPathStep(step), "张三 (110105198001010016)");
}

TEST(EligibilityViewTest, NamesOutcomes) {
  EXPECT_EQ(OutcomeText(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE), "ELIGIBLE");
  EXPECT_EQ(OutcomeText(disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE), "INELIGIBLE");
  EXPECT_EQ(OutcomeText(disposal::v1::ELIGIBILITY_OUTCOME_REVIEW), "REVIEW");
  EXPECT_EQ(OutcomeText(static_cast<disposal::v1::EligibilityOutcome>(9)), "9");
}

TEST(EligibilityViewTest, ListsEachRuleIdOnce) {
  EXPECT_EQ(RuleIdsText(IneligibleDecision()), "excl.6.intermediary, review.name_match");
  EXPECT_EQ(RuleIdsText(EligibilityDecision()), "-");
}

TEST(EligibilityViewTest, PrintsTheDecisionWithEveryReason) {
  std::ostringstream out;
  PrintEligibilityDecision(IneligibleDecision(), out);
  const std::string text = out.str();
  EXPECT_NE(text.find("outcome           INELIGIBLE\n"), std::string::npos) << text;
  EXPECT_NE(text.find("decision id       0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f\n"),
            std::string::npos);
  EXPECT_NE(text.find("registry version  42\n"), std::string::npos);
  EXPECT_NE(text.find("as of             2026-11-05\n"), std::string::npos);
  EXPECT_NE(text.find("decided           2026-11-05 10:00:00 Asia/Shanghai\n"), std::string::npos);
  EXPECT_NE(text.find("settings          lineal_relatives=spouse,parent"), std::string::npos);
  EXPECT_NE(text.find("1. excl.6.intermediary  INELIGIBLE\n"
                      "   citation  法发〔2009〕19号 六(八); 财金〔2005〕74号\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("   path      bidder 某投资公司 (91110000100000000R) -> shareholder 30%"),
            std::string::npos);
  EXPECT_NE(text.find("2. review.name_match  REVIEW\n"), std::string::npos);
  EXPECT_NE(text.find("   citation  -\n"), std::string::npos);
  EXPECT_NE(text.find("3. excl.6.intermediary"), std::string::npos);
}

TEST(EligibilityViewTest, AnEligibleDecisionHasNoReasons) {
  EligibilityDecision decision;
  decision.set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  std::ostringstream out;
  PrintEligibilityDecision(decision, out);
  EXPECT_NE(out.str().find("outcome           ELIGIBLE\n"), std::string::npos);
  EXPECT_NE(out.str().find("decided           -\n"), std::string::npos);
  EXPECT_NE(out.str().find("\nReasons\nnone\n"), std::string::npos) << out.str();
}

BidderRow Bidder(std::size_t line, const std::string& identifier, const std::string& name) {
  BidderRow row;
  row.line = line;
  row.bidder.mutable_person()->set_national_id(identifier);
  row.bidder.mutable_person()->set_name(name);
  return row;
}

TEST(EligibilityViewTest, PrintsABatchInFileOrderWithErrorsAndSummary) {
  const std::vector<BidderRow> bidders = {Bidder(2, "110105198001010016", "张三"),
                                          Bidder(3, "110105198001010017", "李四"),
                                          Bidder(5, "11010519491231002X", "王五")};
  std::vector<EligibilityStreamResult> responses(3);
  // Answers may arrive in any order; the index says which bidder each is for.
  responses[0].set_index(2);
  *responses[0].mutable_decision() = IneligibleDecision();
  responses[1].set_index(0);
  responses[1].mutable_decision()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  responses[2].set_index(1);
  responses[2].set_error("INVALID_ARGUMENT: bidder.person.national_id: check character is 7");
  std::ostringstream out;
  const BatchSummary summary = PrintBatchResults(bidders, responses, out);
  EXPECT_EQ(summary.eligible, 1u);
  EXPECT_EQ(summary.ineligible, 1u);
  EXPECT_EQ(summary.errors, 1u);
  EXPECT_EQ(summary.unanswered, 0u);
  const std::string text = out.str();
  const std::size_t first = text.find("张三");
  const std::size_t second = text.find("李四");
  const std::size_t third = text.find("王五");
  ASSERT_NE(third, std::string::npos) << text;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  const std::string first_row = text.substr(first, text.find('\n', first) - first);
  EXPECT_NE(first_row.find("ELIGIBLE"), std::string::npos) << first_row;
  EXPECT_EQ(first_row.find("INELIGIBLE"), std::string::npos) << first_row;
  EXPECT_NE(text.find("INELIGIBLE  excl.6.intermediary, review.name_match"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\nErrors\n#1 (line 3)  INVALID_ARGUMENT: bidder.person.national_id: check "
                      "character is 7\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n3 bidders: 1 eligible, 1 ineligible, 0 review, 1 error\n"),
            std::string::npos)
      << text;
}

// Each decided row carries its decision's id, for `decision get` and `decision replay`.
TEST(EligibilityViewTest, EachDecidedBatchRowShowsItsDecisionId) {
  const std::vector<BidderRow> bidders = {Bidder(2, "110105198001010016", "张三")};
  std::vector<EligibilityStreamResult> responses(1);
  responses[0].set_index(0);
  responses[0].mutable_decision()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE);
  responses[0].mutable_decision()->set_decision_id("0190a4b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b");
  std::ostringstream out;
  PrintBatchResults(bidders, responses, out);
  const std::string text = out.str();
  const std::size_t row = text.find("张三");
  ASSERT_NE(row, std::string::npos) << text;
  EXPECT_NE(
      text.substr(row, text.find('\n', row) - row).find("0190a4b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b"),
      std::string::npos)
      << text;
}

TEST(EligibilityViewTest, CountsUnansweredBiddersAndListsStrayAnswers) {
  const std::vector<BidderRow> bidders = {Bidder(1, "110105198001010016", "张三"),
                                          Bidder(2, "110105198001010017", "李四")};
  std::vector<EligibilityStreamResult> responses(2);
  responses[0].set_index(0);
  responses[0].mutable_decision()->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_REVIEW);
  responses[1].set_index(7);
  responses[1].set_error("INTERNAL: oops");
  std::ostringstream out;
  const BatchSummary summary = PrintBatchResults(bidders, responses, out);
  EXPECT_EQ(summary.review, 1u);
  EXPECT_EQ(summary.unanswered, 1u);
  EXPECT_EQ(summary.errors, 1u);
  EXPECT_NE(out.str().find("no answer"), std::string::npos);
  EXPECT_NE(out.str().find("#7 (line -)  INTERNAL: oops"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("2 bidders: 0 eligible, 0 ineligible, 1 review, 1 error, 1 unanswered"),
            std::string::npos);
}

}  // namespace
}  // namespace disposalctl
