#include "disposal_actions.h"

#include <algorithm>
#include <iostream>

#include "claim_actions.h"
#include "date_text.h"
#include "disposal/v1/disposals.grpc.pb.h"
#include "disposal_input.h"
#include "disposal_view.h"
#include "interrupt_notice.h"
#include "message_file.h"
#include "request_id.h"
#include "service_rpc.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::Disposal;
using disposal::v1::DisposalService;

using DisposalRpc = ServiceRpc<DisposalService>;

Status PrintDisposal(const Disposal& disposal, OutputFormat format) {
  if (format == OutputFormat::kJson) return PrintMessageJson(disposal, std::cout);
  PrintDisposalNotice(disposal, std::cout);
  return Status::Ok();
}

// The version to send: the one given, or the one the server holds now.
Status ResolveVersion(DisposalRpc* rpc, const std::string& id, std::int64_t given,
                      std::int64_t* version) {
  if (given != kVersionFromServer) {
    *version = given;
    return Status::Ok();
  }
  disposal::v1::GetDisposalRequest request;
  request.set_id(id);
  Disposal current;
  Status status = rpc->Call(&DisposalService::Stub::GetDisposal, request, &current);
  if (status.ok()) *version = current.version();
  return status;
}

// What a rerun must repeat besides the request id: the version the first attempt sent. If that
// attempt committed, the version read afresh would be the next one, and the server would refuse
// the id for another request.
std::string RerunArguments(std::int64_t version) { return "--version " + std::to_string(version); }

// A stale version cannot be fixed by retrying: someone else changed the disposal, and
// their change must be read first.
Status WriteFailure(const Status& failure, const std::string& id, const std::string& request_id,
                    const std::string& rerun_arguments) {
  if (!IsStaleVersion(failure)) return WithRequestId(failure, request_id, rerun_arguments);
  return Status::RpcFailed(failure.code_name(), failure.message() +
                                                    " (the current version: disposalctl "
                                                    "disposal show " +
                                                    id + ")");
}

void PrintListTable(const disposal::v1::ListDisposalsResponse& listed, bool stopped_at_page_limit,
                    std::ostream& out) {
  if (listed.disposals().empty()) {
    out << "no disposals\n";
  } else {
    PrintDisposalTable(listed.disposals(), out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more disposals follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

Status BuildPublishRequest(const PublishDisposalOptions& options,
                           disposal::v1::PublishDisposalRequest* request) {
  request->set_id(options.id);
  Status status = ParseDateText(options.publication_date, request->mutable_publication_date());
  if (!status.ok()) return status.WithContext("--date");
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status BuildGateRequest(const CheckAwardGateOptions& options,
                        disposal::v1::CheckAwardGateRequest* request) {
  request->set_disposal_id(options.id);
  request->set_lot_id(options.lot_id);
  if (options.at_time.empty()) return Status::Ok();
  return ParseTimeText("--at", options.at_time, request->mutable_at_time());
}

}  // namespace

Status CreateDisposal(const GlobalOptions& global, const CreateDisposalOptions& options) {
  disposal::v1::CreateDisposalRequest request;
  Status status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (status.ok()) {
    status = LoadDisposalFile(options.file, options.claim_id, request.mutable_disposal());
  }
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  Disposal created;
  status = WhileInFlight(request.request_id(), [&] {
    return DisposalRpc(global.rpc).Call(&DisposalService::Stub::CreateDisposal, request, &created);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  return PrintDisposal(created, global.output);
}

Status UpdateDisposal(const GlobalOptions& global, const UpdateDisposalOptions& options) {
  disposal::v1::UpdateDisposalRequest request;
  Disposal* disposal = request.mutable_disposal();
  // Without a mask every field is replaced, the lots too.
  const bool lots_sent = options.mask.empty() || std::find(options.mask.begin(), options.mask.end(),
                                                           "lots") != options.mask.end();
  if (!lots_sent && !options.claim_id.empty()) {
    return Status::InvalidInput(
        "--claim fills the lots' claims, and --mask leaves the lots out: "
        "add lots to --mask or leave --claim out");
  }
  Status status = LoadDisposalFile(options.file, options.claim_id, disposal, lots_sent);
  if (!status.ok()) return status;
  if (!lots_sent) disposal->clear_lots();  // the server would ignore them
  status = CheckFileNamesTheSame(options.file, "disposal", disposal->id(), disposal->version(),
                                 options.id, options.version);
  if (!status.ok()) return status;
  disposal->set_id(options.id);
  disposal->set_version(options.version);
  // The server names a path it does not take (INVALID_ARGUMENT), as it names the others.
  for (const std::string& path : options.mask) request.mutable_update_mask()->add_paths(path);
  status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  Disposal updated;
  status = WhileInFlight(request.request_id(), [&] {
    return DisposalRpc(global.rpc).Call(&DisposalService::Stub::UpdateDisposal, request, &updated);
  });
  if (!status.ok()) {
    return WriteFailure(status, options.id, request.request_id(), RerunArguments(options.version));
  }
  return PrintDisposal(updated, global.output);
}

Status ShowDisposal(const GlobalOptions& global, const ShowDisposalOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::GetDisposalRequest request;
  request.set_id(options.id);
  if (!options.as_of_time.empty()) {
    status = ParseTimeText("--as-of-time", options.as_of_time, request.mutable_as_of_time());
    if (!status.ok()) return status;
  }
  Disposal disposal;
  status = DisposalRpc(global.rpc).Call(&DisposalService::Stub::GetDisposal, request, &disposal);
  if (!status.ok()) return status;
  return PrintDisposal(disposal, global.output);
}

Status ListDisposals(const GlobalOptions& global, const ListDisposalsOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ListDisposalsRequest request;
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  DisposalRpc rpc(global.rpc);
  disposal::v1::ListDisposalsResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListDisposalsResponse page;
    status = rpc.Call(&DisposalService::Stub::ListDisposals, request, &page);
    if (!status.ok()) return status;
    for (Disposal& disposal : *page.mutable_disposals()) listed.add_disposals()->Swap(&disposal);
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "disposals",
                      [&](bool stopped) { PrintListTable(listed, stopped, std::cout); });
}

Status PublishDisposal(const GlobalOptions& global, const PublishDisposalOptions& options) {
  disposal::v1::PublishDisposalRequest request;
  Status status = BuildPublishRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  DisposalRpc rpc(global.rpc);
  std::int64_t version = 0;
  status = ResolveVersion(&rpc, options.id, options.version, &version);
  if (!status.ok()) return status;
  request.set_version(version);
  const std::string rerun = RerunArguments(version);
  Disposal published;
  status = WhileInFlight(request.request_id(), rerun, [&] {
    return rpc.Call(&DisposalService::Stub::PublishDisposal, request, &published);
  });
  if (!status.ok()) return WriteFailure(status, options.id, request.request_id(), rerun);
  return PrintDisposal(published, global.output);
}

Status TransitionDisposal(const GlobalOptions& global, const TransitionDisposalOptions& options) {
  disposal::v1::TransitionDisposalRequest request;
  request.set_id(options.id);
  request.set_transition(options.transition);
  request.set_reason(options.reason);
  Status status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  DisposalRpc rpc(global.rpc);
  std::int64_t version = 0;
  status = ResolveVersion(&rpc, options.id, options.version, &version);
  if (!status.ok()) return status;
  request.set_version(version);
  const std::string rerun = RerunArguments(version);
  Disposal changed;
  status = WhileInFlight(request.request_id(), rerun, [&] {
    return rpc.Call(&DisposalService::Stub::TransitionDisposal, request, &changed);
  });
  if (!status.ok()) return WriteFailure(status, options.id, request.request_id(), rerun);
  return PrintDisposal(changed, global.output);
}

Status CheckAwardGate(const GlobalOptions& global, const CheckAwardGateOptions& options) {
  disposal::v1::CheckAwardGateRequest request;
  Status status = BuildGateRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::AwardGateDecision decision;
  status = DisposalRpc(global.rpc).Call(&DisposalService::Stub::CheckAwardGate, request, &decision);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(decision, std::cout);
  PrintGateDecision(decision, std::cout);
  return Status::Ok();
}

}  // namespace disposalctl
