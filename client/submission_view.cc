#include "submission_view.h"

#include <iterator>
#include <string>

#include "enum_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::Submission;

constexpr std::size_t kLabelWidth = 10;
// Enough of the text to recognise a submission in a list; `objection list -o json` or
// the submission itself gives all of it.
constexpr std::size_t kTextPreviewWidthMax = 30;
constexpr std::size_t kSubmitterWidthMax = 20;

// The notice's own words beside the short name: 征询, 异议, 举报.
std::string KindText(int kind) {
  static constexpr const char* kChinese[] = {"", "征询", "异议", "举报"};
  std::string name = ShortEnumName(*disposal::v1::SubmissionKind_descriptor(), kind);
  if (kind <= 0 || kind >= static_cast<int>(std::size(kChinese))) return name;
  return name + " (" + kChinese[kind] + ")";
}

std::string ResolutionName(const Submission& submission) {
  return ShortEnumName(*disposal::v1::Resolution_descriptor(), submission.resolution());
}

std::string ReceivedText(const Submission& submission) {
  if (!submission.has_received_time()) return "-";
  return FormatShanghaiTime(submission.received_time());
}

std::string LateText(const Submission& submission) {
  if (!submission.late()) return "no";
  switch (submission.late_reason()) {
    case disposal::v1::LATE_REASON_BEFORE_PUBLICATION:
      return "yes: received before the notice's publication day";
    case disposal::v1::LATE_REASON_AFTER_WINDOW:
      return "yes: received after the objection window ended";
    case disposal::v1::LATE_REASON_NOT_PUBLISHED:
      return "yes: the notice is not published";
    default:  // a server that does not say which
      return "yes: received after the objection window ended (or before publication)";
  }
}

std::string ResolutionText(const Submission& submission) {
  std::string text = ResolutionName(submission);
  if (submission.has_resolve_time()) {
    text += ", " + FormatShanghaiTime(submission.resolve_time()) + " " + kShanghaiZoneName;
  }
  if (!submission.resolved_by().empty()) text += " by " + submission.resolved_by();
  return text;
}

}  // namespace

void PrintSubmission(const Submission& submission, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kLabelWidth, out);
  };
  std::string heading = "submission #" + std::to_string(submission.number());
  PrintTitle(submission.late() ? heading + " (late)" : heading, out);
  field("id", OrDash(submission.id()));
  field("disposal", OrDash(submission.disposal_id()));
  field("lot", submission.lot_id().empty() ? "- (the whole disposal)" : submission.lot_id());
  field("kind", KindText(submission.kind()));
  field("channel",
        ShortEnumName(*disposal::v1::SubmissionChannel_descriptor(), submission.channel()));
  field("received",
        submission.has_received_time() ? ReceivedText(submission) + " " + kShanghaiZoneName : "-");
  field("submitter", submission.submitter());
  field("contact", OrDash(submission.submitter_contact()));
  field("late", LateText(submission));
  field("resolution", ResolutionText(submission));
  if (!submission.resolution_note().empty()) {
    out << "note:\n";
    PrintIndentedText(submission.resolution_note(), out);
  }
  out << "text:\n";
  PrintIndentedText(submission.text(), out);
}

void PrintSubmissionTable(const google::protobuf::RepeatedPtrField<Submission>& submissions,
                          std::ostream& out) {
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("id");  // what `objection resolve` takes
  table.AddColumn("kind");
  table.AddColumn("received (Asia/Shanghai)");
  table.AddColumn("submitter", Align::kLeft, kSubmitterWidthMax);
  table.AddColumn("late");
  table.AddColumn("resolution");
  table.AddColumn("text", Align::kLeft, kTextPreviewWidthMax);
  for (const Submission& submission : submissions) {
    table.AddRow({std::to_string(submission.number()), submission.id(),
                  ShortEnumName(*disposal::v1::SubmissionKind_descriptor(), submission.kind()),
                  ReceivedText(submission), submission.submitter(),
                  submission.late() ? "late" : "no", ResolutionName(submission),
                  submission.text()});
  }
  table.Print(out);
}

}  // namespace disposalctl
