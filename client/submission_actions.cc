#include "submission_actions.h"

#include <google/protobuf/util/time_util.h>

#include <iostream>
#include <string_view>

#include "claim_actions.h"
#include "disposal/v1/disposals.grpc.pb.h"
#include "document.h"
#include "enum_text.h"
#include "interrupt_notice.h"
#include "request_id.h"
#include "service_rpc.h"
#include "submission_view.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::DisposalService;
using disposal::v1::Submission;

using DisposalRpc = ServiceRpc<DisposalService>;

// The enum value `text` names, for an option (CLI11 has already checked the spelling;
// this also keeps the zero value out).
template <typename Enum>
Status ParseEnumOption(std::string_view option, const std::string& text,
                       const google::protobuf::EnumDescriptor& type, Enum* value) {
  const google::protobuf::EnumValueDescriptor* found = FindEnumValue(type, text);
  if (found == nullptr || found->number() == 0) {
    return Status::InvalidInput(std::string(option) + " \"" + text + "\" must be one of " +
                                ListShortEnumNames(type));
  }
  *value = static_cast<Enum>(found->number());
  return Status::Ok();
}

// The submission's text from --text or --text-file. A file's final line break and a
// byte-order mark (Windows editors) are not part of what the submitter wrote.
Status ReadSubmissionText(const RecordSubmissionOptions& options, std::string* text) {
  if (options.text_file.empty()) {
    *text = options.text;
  } else {
    Status status = ReadInputFile(options.text_file, text);
    if (!status.ok()) return status.WithContext("--text-file");
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (std::string_view(*text).substr(0, kByteOrderMark.size()) == kByteOrderMark) {
      text->erase(0, kByteOrderMark.size());
    }
    while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  }
  if (text->empty()) return Status::InvalidInput("the text is empty; give --text or --text-file");
  return Status::Ok();
}

Status BuildSubmission(const RecordSubmissionOptions& options, Submission* submission) {
  submission->set_disposal_id(options.disposal_id);
  submission->set_lot_id(options.lot_id);
  submission->set_submitter(options.submitter);
  submission->set_submitter_contact(options.contact);
  disposal::v1::SubmissionKind kind{};
  Status status =
      ParseEnumOption("--kind", options.kind, *disposal::v1::SubmissionKind_descriptor(), &kind);
  submission->set_kind(kind);
  disposal::v1::SubmissionChannel channel{};
  if (status.ok()) {
    status = ParseEnumOption("--channel", options.channel,
                             *disposal::v1::SubmissionChannel_descriptor(), &channel);
  }
  submission->set_channel(channel);
  if (status.ok()) status = ReadSubmissionText(options, submission->mutable_text());
  if (!status.ok()) return status;
  if (!options.received.empty()) {
    return ParseTimeText("--received", options.received, submission->mutable_received_time());
  }
  *submission->mutable_received_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
  return Status::Ok();
}

// What a rerun of `objection add` must repeat besides the request id. Received is "now" unless
// given: a retry must send the same instant, or it is another request under the same id
// (ALREADY_EXISTS), and a user who then takes a new id records the submission twice.
std::string RerunArguments(const RecordSubmissionOptions& options, const Submission& submission) {
  if (!options.received.empty()) return "";
  return "--received " + google::protobuf::util::TimeUtil::ToString(submission.received_time());
}

Status PrintResult(const Submission& submission, OutputFormat format) {
  if (format == OutputFormat::kJson) return PrintMessageJson(submission, std::cout);
  PrintSubmission(submission, std::cout);
  return Status::Ok();
}

Status BuildListRequest(const ListSubmissionsOptions& options,
                        disposal::v1::ListSubmissionsRequest* request) {
  request->set_disposal_id(options.disposal_id);
  request->set_unresolved_only(options.unresolved_only);
  request->set_late_only(options.late_only);
  request->set_page_size(options.page_size);
  request->set_page_token(options.page_token);
  if (options.kind.empty()) return Status::Ok();
  disposal::v1::SubmissionKind kind{};
  Status status =
      ParseEnumOption("--kind", options.kind, *disposal::v1::SubmissionKind_descriptor(), &kind);
  request->set_kind(kind);
  return status;
}

void PrintListTable(const disposal::v1::ListSubmissionsResponse& listed, bool stopped_at_page_limit,
                    std::ostream& out) {
  if (listed.submissions().empty()) {
    out << "no submissions\n";
  } else {
    PrintSubmissionTable(listed.submissions(), out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more submissions follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

}  // namespace

Status RecordSubmission(const GlobalOptions& global, const RecordSubmissionOptions& options) {
  disposal::v1::RecordSubmissionRequest request;
  Status status = BuildSubmission(options, request.mutable_submission());
  if (status.ok()) status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  const std::string rerun = RerunArguments(options, request.submission());
  Submission recorded;
  status = WhileInFlight(request.request_id(), rerun, [&] {
    return DisposalRpc(global.rpc)
        .Call(&DisposalService::Stub::RecordSubmission, request, &recorded);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id(), rerun);
  return PrintResult(recorded, global.output);
}

Status ListSubmissions(const GlobalOptions& global, const ListSubmissionsOptions& options) {
  disposal::v1::ListSubmissionsRequest request;
  Status status = BuildListRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  DisposalRpc rpc(global.rpc);
  disposal::v1::ListSubmissionsResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListSubmissionsResponse page;
    status = rpc.Call(&DisposalService::Stub::ListSubmissions, request, &page);
    if (!status.ok()) return status;
    for (Submission& submission : *page.mutable_submissions()) {
      listed.add_submissions()->Swap(&submission);
    }
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "submissions",
                      [&](bool stopped) { PrintListTable(listed, stopped, std::cout); });
}

Status ResolveSubmission(const GlobalOptions& global, const ResolveSubmissionOptions& options) {
  disposal::v1::ResolveSubmissionRequest request;
  request.set_id(options.id);
  request.set_note(options.note);
  disposal::v1::Resolution resolution{};
  Status status = ParseEnumOption("--resolution", options.resolution,
                                  *disposal::v1::Resolution_descriptor(), &resolution);
  if (status.ok() && resolution == disposal::v1::RESOLUTION_UNRESOLVED) {
    status = Status::InvalidInput("--resolution must be upheld, dismissed or answered");
  }
  request.set_resolution(resolution);
  if (status.ok()) status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  Submission resolved;
  status = WhileInFlight(request.request_id(), [&] {
    return DisposalRpc(global.rpc)
        .Call(&DisposalService::Stub::ResolveSubmission, request, &resolved);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  return PrintResult(resolved, global.output);
}

}  // namespace disposalctl
