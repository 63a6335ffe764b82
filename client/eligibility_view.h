// Eligibility decisions rendered for people: one decision with every reason and the path
// that led to it, and the table of a batch check.

#ifndef DISPOSAL_CLIENT_ELIGIBILITY_VIEW_H_
#define DISPOSAL_CLIENT_ELIGIBILITY_VIEW_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "disposal/v1/eligibility.pb.h"
#include "eligibility_input.h"

namespace disposalctl {

// "ELIGIBLE", "INELIGIBLE", "REVIEW"; the number for a value unknown to this build.
std::string OutcomeText(disposal::v1::EligibilityOutcome outcome);

// "shareholder 30% 张三 (110105198001010016)": the relation, then the name and the
// identifier in brackets, each left out when empty.
std::string FormatPathStep(const disposal::v1::PathStep& step);

// The steps joined by " -> ": "bidder 某公司 (9111...) -> shareholder 30% 张三 (1101...) ->
// spouse 李四 (1101...) -> appraisal agency head on this disposal". "-" when empty.
std::string FormatPath(const google::protobuf::RepeatedPtrField<disposal::v1::PathStep>& path);

// The rule ids of a decision's reasons, in order, each once: "excl.6.intermediary,
// capacity.minor"; "-" when there is none.
std::string RuleIdsText(const disposal::v1::EligibilityDecision& decision);

// The outcome, decision id, registry version, as-of date, decision time (Asia/Shanghai) and
// settings, then each reason: rule id and outcome, citation, message and path.
void PrintEligibilityDecision(const disposal::v1::EligibilityDecision& decision, std::ostream& out);

// Counts of a batch check, for its summary line.
struct BatchSummary {
  std::size_t eligible = 0;
  std::size_t ineligible = 0;
  std::size_t review = 0;
  std::size_t errors = 0;
  std::size_t unanswered = 0;  // bidders the stream ended without answering
};

// One row per bidder in file order (index, line, identifier, name, outcome, rule ids or the
// error), then "12 bidders: 9 eligible, 2 ineligible, 1 review, 0 errors" (and how many went
// unanswered, if any). Responses whose index matches no bidder are listed at the end.
// Returns the counts.
BatchSummary PrintBatchResults(const std::vector<BidderRow>& bidders,
                               const std::vector<disposal::v1::EligibilityStreamResult>& responses,
                               std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_ELIGIBILITY_VIEW_H_
