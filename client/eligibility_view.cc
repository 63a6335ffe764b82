#include "eligibility_view.h"

#include <algorithm>
#include <cstdint>

#include "date_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::EligibilityDecision;
using disposal::v1::EligibilityOutcome;
using disposal::v1::EligibilityReason;
using disposal::v1::EligibilityStreamResult;

constexpr std::size_t kLabelWidth = 16;
// Batch cells wider than this are cut so that a row fits a terminal.
constexpr std::size_t kBatchNameWidthMax = 30;
constexpr std::size_t kBatchDetailWidthMax = 60;

void PrintReason(std::size_t number, const EligibilityReason& reason, std::ostream& out) {
  out << number << ". " << reason.rule_id() << "  " << OutcomeText(reason.outcome()) << '\n';
  auto field = [&out](const std::string& label, const std::string& value) {
    out << "   ";
    PrintField(label, value, 8, out);
  };
  field("citation", OrDash(reason.citation()));
  field("message", OrDash(reason.message()));
  field("path", FormatPath(reason.path()));
}

// One bidder of a batch and its answer; either may be missing (a bidder the stream left
// unanswered, an answer whose index matches no bidder).
struct BatchRow {
  const BidderRow* bidder;
  std::int64_t index;
  const EligibilityStreamResult* response;
};

// An answer with neither a decision nor an error breaks the protocol; say so rather than
// print an empty cell.
std::string ErrorText(const EligibilityStreamResult& response) {
  return response.error().empty() ? "the server sent neither a decision nor an error"
                                  : response.error();
}

std::string LineText(const BatchRow& row) {
  return row.bidder == nullptr ? "-" : std::to_string(row.bidder->line);
}

void AddBatchRow(const BatchRow& row, Table* table, BatchSummary* summary) {
  std::string outcome = "-";
  std::string detail = "no answer";
  std::string decision = "-";
  if (row.response == nullptr) {
    ++summary->unanswered;
  } else if (row.response->has_decision()) {
    const EligibilityOutcome value = row.response->decision().outcome();
    outcome = OutcomeText(value);
    detail = RuleIdsText(row.response->decision());
    // What `decision get` and `decision replay` take.
    decision = OrDash(row.response->decision().decision_id());
    if (value == disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE) ++summary->eligible;
    if (value == disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE) ++summary->ineligible;
    if (value == disposal::v1::ELIGIBILITY_OUTCOME_REVIEW) ++summary->review;
  } else {
    outcome = "ERROR";
    detail = ErrorText(*row.response);
    ++summary->errors;
  }
  const bool known = row.bidder != nullptr;
  table->AddRow({std::to_string(row.index), LineText(row),
                 known ? OrDash(PartyIdentifier(row.bidder->bidder)) : "-",
                 known ? OrDash(PartyName(row.bidder->bidder)) : "-", outcome, detail, decision});
}

// The table cuts long cells; an error message is what the user must act on, so it is
// repeated here in full.
void PrintBatchErrors(const std::vector<BatchRow>& rows, std::ostream& out) {
  bool any = false;
  for (const BatchRow& row : rows) {
    if (row.response == nullptr || row.response->has_decision()) continue;
    if (!any) PrintSection("Errors", out);
    any = true;
    PrintField("#" + std::to_string(row.index) + " (line " + LineText(row) + ")",
               ErrorText(*row.response), 0, out);
  }
}

std::string SummaryLine(std::size_t bidders, const BatchSummary& summary) {
  std::string line = std::to_string(bidders) + (bidders == 1 ? " bidder: " : " bidders: ") +
                     std::to_string(summary.eligible) + " eligible, " +
                     std::to_string(summary.ineligible) + " ineligible, " +
                     std::to_string(summary.review) + " review, " + std::to_string(summary.errors) +
                     (summary.errors == 1 ? " error" : " errors");
  if (summary.unanswered > 0) line += ", " + std::to_string(summary.unanswered) + " unanswered";
  return line;
}

}  // namespace

std::string OutcomeText(EligibilityOutcome outcome) {
  switch (outcome) {
    case disposal::v1::ELIGIBILITY_OUTCOME_ELIGIBLE:
      return "ELIGIBLE";
    case disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE:
      return "INELIGIBLE";
    case disposal::v1::ELIGIBILITY_OUTCOME_REVIEW:
      return "REVIEW";
    case disposal::v1::ELIGIBILITY_OUTCOME_UNSPECIFIED:
      return "UNSPECIFIED";
    default:
      // A newer server may add outcomes; show the number rather than hide the answer.
      return std::to_string(static_cast<int>(outcome));
  }
}

std::string FormatPathStep(const disposal::v1::PathStep& step) {
  std::string text = step.relation();
  auto append = [&text](const std::string& part) {
    if (part.empty()) return;
    text += (text.empty() ? "" : " ") + part;
  };
  append(step.name());
  if (!step.identifier().empty()) append("(" + step.identifier() + ")");
  return text;
}

std::string FormatPath(const google::protobuf::RepeatedPtrField<disposal::v1::PathStep>& path) {
  std::string text;
  for (const disposal::v1::PathStep& step : path) {
    text += (text.empty() ? "" : " -> ") + FormatPathStep(step);
  }
  return text.empty() ? "-" : text;
}

std::string RuleIdsText(const EligibilityDecision& decision) {
  std::vector<std::string> seen;
  for (const EligibilityReason& reason : decision.reasons()) {
    if (std::find(seen.begin(), seen.end(), reason.rule_id()) == seen.end()) {
      seen.push_back(reason.rule_id());
    }
  }
  std::string text;
  for (const std::string& id : seen) text += (text.empty() ? "" : ", ") + id;
  return text.empty() ? "-" : text;
}

void PrintEligibilityDecision(const EligibilityDecision& decision, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kLabelWidth, out);
  };
  field("outcome", OutcomeText(decision.outcome()));
  field("decision id", OrDash(decision.decision_id()));
  field("registry version", std::to_string(decision.registry_version()));
  field("as of", FormatDate(decision.as_of()));
  field("decided", decision.has_decide_time()
                       ? FormatShanghaiTime(decision.decide_time()) + " " + kShanghaiZoneName
                       : "-");
  if (decision.settings().empty()) field("settings", "-");
  for (const std::string& setting : decision.settings()) field("settings", setting);
  PrintSection("Reasons", out);
  if (decision.reasons().empty()) {
    out << "none\n";
    return;
  }
  std::size_t number = 0;
  for (const EligibilityReason& reason : decision.reasons()) PrintReason(++number, reason, out);
}

BatchSummary PrintBatchResults(const std::vector<BidderRow>& bidders,
                               const std::vector<EligibilityStreamResult>& responses,
                               std::ostream& out) {
  std::vector<BatchRow> rows;
  for (std::size_t i = 0; i < bidders.size(); ++i) {
    rows.push_back({&bidders[i], static_cast<std::int64_t>(i), nullptr});
  }
  for (const EligibilityStreamResult& response : responses) {
    const std::int64_t index = response.index();
    const bool known = index >= 0 && static_cast<std::size_t>(index) < bidders.size();
    if (known && rows[index].response == nullptr) {
      rows[index].response = &response;
    } else {
      rows.push_back({nullptr, index, &response});
    }
  }
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("line", Align::kRight);
  table.AddColumn("identifier");
  table.AddColumn("name", Align::kLeft, kBatchNameWidthMax);
  table.AddColumn("outcome");
  table.AddColumn("rules / error", Align::kLeft, kBatchDetailWidthMax);
  table.AddColumn("decision");
  BatchSummary summary;
  for (const BatchRow& row : rows) AddBatchRow(row, &table, &summary);
  table.Print(out);
  PrintBatchErrors(rows, out);
  out << '\n' << SummaryLine(bidders.size(), summary) << '\n';
  return summary;
}

}  // namespace disposalctl
