#include "audit_view.h"

#include "audit_chain.h"
#include "date_text.h"
#include "eligibility_input.h"
#include "eligibility_view.h"
#include "import_progress.h"
#include "statement_text.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::AuditEvent;
using disposal::v1::ChainBreak;
using disposal::v1::EligibilityDecision;
using disposal::v1::VerifyClaimHistoryResponse;

// As eligibility_view's, so that a receipt's fields line up with its decision's.
constexpr std::size_t kReceiptLabelWidth = 16;
constexpr std::size_t kSummaryLabelWidth = 11;
// History cells wider than these are cut so that a row fits a terminal.
constexpr std::size_t kActorWidthMax = 24;
constexpr std::size_t kKindWidthMax = 32;
constexpr std::size_t kRequestIdWidthMax = 36;

std::string EventCount(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " event" : " events");
}

// A reason comes from the server or from a file a verifier reads; neither may break the line or
// drive the terminal.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

std::string ShanghaiTimeOrDash(bool has_time, const google::protobuf::Timestamp& time) {
  return has_time ? FormatShanghaiTime(time) + " " + kShanghaiZoneName : "-";
}

std::string BidderText(const disposal::v1::Party& bidder) {
  std::string text = PartyKindName(bidder);
  for (const std::string& part : {PartyIdentifier(bidder), PartyName(bidder)}) {
    if (!part.empty()) text += (text.empty() ? "" : " ") + part;
  }
  return OrDash(text);
}

void PrintRequest(const disposal::v1::CheckBidderEligibilityRequest& request, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kReceiptLabelWidth, out);
  };
  field("disposal", OrDash(request.disposal_id()));
  field("bidder", BidderText(request.bidder()));
  if (request.declared_own_labour_income()) field("declared", "lives on own labour income");
  if (request.has_deposit_paid()) field("deposit paid", YuanAndWan(request.deposit_paid()));
  if (request.has_proof_of_funds()) field("proof of funds", YuanAndWan(request.proof_of_funds()));
  field("asked as of", request.has_as_of() ? FormatDate(request.as_of()) : "the day asked");
}

// "INELIGIBLE (excl.6.intermediary, review.name_match)".
std::string OutcomeWithRules(const EligibilityDecision& decision) {
  return OutcomeText(decision.outcome()) + " (" + RuleIdsText(decision) + ")";
}

}  // namespace

Table NewHistoryTable() {
  Table table;
  table.AddColumn("chain_seq", Align::kRight);
  table.AddColumn("time");
  table.AddColumn("actor", Align::kLeft, kActorWidthMax);
  table.AddColumn("role");
  table.AddColumn("kind", Align::kLeft, kKindWidthMax);
  table.AddColumn("request id", Align::kLeft, kRequestIdWidthMax);
  table.AddColumn("hash");
  return table;
}

void AddHistoryRow(const AuditEvent& event, Table* table) {
  table->AddRow({std::to_string(event.chain_seq()),
                 event.has_event_time() ? FormatShanghaiTime(event.event_time()) : "-",
                 OrDash(event.actor()), OrDash(event.role()), OrDash(event.kind()),
                 OrDash(event.request_id()), OrDash(ShortHash(event.hash()))});
}

std::string BrokenVerdict(const ChainBreak& found) {
  if (!found.reason().empty()) return "broken: " + OneLine(found.reason());
  return "broken: event " + std::to_string(found.chain_seq()) + " (seq " +
         std::to_string(found.seq()) + "): " + ChainBreakKindText(found.kind());
}

std::string CheckVerdict(const VerifyClaimHistoryResponse& result) {
  if (!result.ok()) return BrokenVerdict(result.first_break());
  return "ok: " + EventCount(result.event_count()) + ", head " +
         std::to_string(result.head_chain_seq()) + " " + OrDash(result.head_hash());
}

std::string ExportVerdict(const VerifyClaimHistoryResponse& result) {
  if (!result.ok()) return BrokenVerdict(result.first_break());
  return "ok: " + EventCount(result.event_count()) + ", head " + OrDash(result.head_hash());
}

std::string ExportSubjectLine(const disposal::v1::AuditExportManifest& manifest) {
  std::string line = manifest.subject_kind() + " " + manifest.subject_id();
  if (!manifest.server().empty()) line += ", exported from " + manifest.server();
  return line;
}

std::string ExportProgressLine(std::int64_t events, std::int64_t bytes) {
  return EventCount(events) + ", " + FormatByteCount(bytes) + " written";
}

void PrintExportSummary(const disposal::v1::AuditExportManifest& manifest, const std::string& dir,
                        std::int64_t bytes, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kSummaryLabelWidth, out);
  };
  field("exported", manifest.subject_kind() + " " + manifest.subject_id());
  field("folder", dir);
  std::string events = EventCount(manifest.event_count());
  if (manifest.event_count() > 0) {
    events += " (" + std::to_string(manifest.first_chain_seq()) + ".." +
              std::to_string(manifest.head_chain_seq()) + ")";
  }
  field("events", events + ", " + FormatByteCount(bytes));
  field("head", OrDash(manifest.head_hash()));
  field("first event",
        ShanghaiTimeOrDash(manifest.has_first_event_time(), manifest.first_event_time()));
  field("last event",
        ShanghaiTimeOrDash(manifest.has_last_event_time(), manifest.last_event_time()));
  field("server", OrDash(manifest.server()));
}

void PrintEligibilityReceipt(const disposal::v1::EligibilityReceipt& receipt, std::ostream& out) {
  PrintField("asked by", OrDash(receipt.actor()), kReceiptLabelWidth, out);
  PrintRequest(receipt.request(), out);
  PrintSection("Decision", out);
  PrintEligibilityDecision(receipt.decision(), out);
}

void PrintReplay(const disposal::v1::ReplayEligibilityDecisionResponse& replay, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kReceiptLabelWidth, out);
  };
  const EligibilityDecision& original = replay.original().decision();
  field("replay", replay.same() ? "same as the original" : "DIFFERENT from the original");
  field("decision id", OrDash(original.decision_id()));
  field("registry version", std::to_string(original.registry_version()));
  field("as of", original.has_as_of() ? FormatDate(original.as_of()) : "-");
  field("original", OutcomeWithRules(original));
  field("replayed", OutcomeWithRules(replay.replayed()));
  if (replay.same() && replay.differences().empty()) return;
  PrintSection("Differences", out);
  if (replay.differences().empty()) out << "none listed by the server\n";
  for (const std::string& difference : replay.differences()) {
    out << "  " << OneLine(difference) << '\n';
  }
}

}  // namespace disposalctl
