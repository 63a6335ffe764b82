#include "claim_actions.h"

#include <algorithm>
#include <iostream>
#include <set>
#include <vector>

#include "claim_input.h"
#include "claim_view.h"
#include "date_text.h"
#include "disposal/v1/claims.grpc.pb.h"
#include "enum_text.h"
#include "interrupt_notice.h"
#include "message_file.h"
#include "request_id.h"
#include "service_rpc.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::Claim;
using disposal::v1::ClaimService;

using ClaimRpc = ServiceRpc<ClaimService>;

Status PrintClaim(const Claim& claim, OutputFormat format) {
  if (format == OutputFormat::kJson) return PrintMessageJson(claim, std::cout);
  PrintClaimStatement(claim, std::cout);
  return Status::Ok();
}

Status ResolveStatusFilter(const std::string& text, disposal::v1::ClaimStatus* status) {
  const google::protobuf::EnumDescriptor& type = *disposal::v1::ClaimStatus_descriptor();
  const google::protobuf::EnumValueDescriptor* value = FindEnumValue(type, text);
  if (value == nullptr) {
    return Status::InvalidInput("--status \"" + text + "\" must be one of " +
                                ListShortEnumNames(type));
  }
  *status = static_cast<disposal::v1::ClaimStatus>(value->number());
  return Status::Ok();
}

Status BuildListRequest(const ListClaimsOptions& options,
                        disposal::v1::ListClaimsRequest* request) {
  request->set_page_size(options.page_size);
  request->set_page_token(options.page_token);
  request->set_debtor_identifier(options.debtor_identifier);
  if (options.status.empty()) return Status::Ok();
  disposal::v1::ClaimStatus status = disposal::v1::CLAIM_STATUS_UNSPECIFIED;
  Status resolved = ResolveStatusFilter(options.status, &status);
  request->set_status(status);
  return resolved;
}

void PrintListTable(const disposal::v1::ListClaimsResponse& listed, bool stopped_at_page_limit,
                    std::ostream& out) {
  if (listed.claims().empty()) {
    out << "no claims\n";
  } else {
    PrintClaimTable(listed.claims(), out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more claims follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

// Resolves each --mask entry to a top-level Claim field, accepting JSON names too.
Status BuildUpdateMask(const std::vector<std::string>& mask, google::protobuf::FieldMask* paths) {
  const google::protobuf::Descriptor& type = *Claim::descriptor();
  for (const std::string& entry : mask) {
    const google::protobuf::FieldDescriptor* field = type.FindFieldByName(entry);
    if (field == nullptr) field = type.FindFieldByCamelcaseName(entry);
    if (field == nullptr) {
      std::string names;
      for (int i = 0; i < type.field_count(); ++i) {
        names += (i > 0 ? ", " : "") + type.field(i)->name();
      }
      return Status::InvalidInput("--mask \"" + entry +
                                  "\" is not a field of a claim; fields: " + names);
    }
    paths->add_paths(field->name());
  }
  return Status::Ok();
}

// The fields `claim` sets that `mask` leaves out, comma-separated: the server keeps its own
// values for them, whatever the file says. Ids, versions and output-only fields are not
// counted (a file made from `claim get` carries them).
std::string SetFieldsOutsideMask(const Claim& claim, const google::protobuf::FieldMask& mask) {
  static const std::set<std::string> kNotForUpdate = {"id", "version", "totals", "create_time",
                                                      "update_time"};
  std::vector<const google::protobuf::FieldDescriptor*> set_fields;
  claim.GetReflection()->ListFields(claim, &set_fields);
  std::string outside;
  for (const google::protobuf::FieldDescriptor* field : set_fields) {
    if (kNotForUpdate.count(field->name()) > 0) continue;
    if (std::find(mask.paths().begin(), mask.paths().end(), field->name()) != mask.paths().end()) {
      continue;
    }
    outside += (outside.empty() ? "" : ", ") + field->name();
  }
  return outside;
}

Status BuildUpdateRequest(const UpdateClaimOptions& options,
                          disposal::v1::UpdateClaimRequest* request) {
  Claim* claim = request->mutable_claim();
  Status status = LoadClaimFile(options.file, claim);
  if (!status.ok()) return status;
  status = CheckFileNamesTheSame(options.file, "claim", claim->id(), claim->version(), options.id,
                                 options.version);
  if (!status.ok()) return status;
  claim->set_id(options.id);
  claim->set_version(options.version);
  status = BuildUpdateMask(options.mask, request->mutable_update_mask());
  if (!status.ok()) return status;
  if (!options.mask.empty()) {
    const std::string ignored = SetFieldsOutsideMask(*claim, request->update_mask());
    if (!ignored.empty()) {
      std::cerr << "disposalctl: note: " << options.file << " also sets " << ignored
                << ", which --mask leaves out: the claim keeps its own\n";
    }
  }
  if (!options.penalty_fixed.empty()) {
    status = ParseDateText(options.penalty_fixed, request->mutable_penalty_fixed_date());
    if (!status.ok()) return status.WithContext("--penalty-fixed");
  }
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status UpdateFailure(const Status& failure, const UpdateClaimOptions& options,
                     const std::string& request_id) {
  // Other ABORTED answers (contention, a change racing this one) are worth retrying as usual.
  if (!IsStaleVersion(failure)) return WithRequestId(failure, request_id);
  // Retrying cannot help: someone else changed the claim, and their change must be seen.
  return Status::RpcFailed(failure.code_name(), failure.message() + " (the current version: " +
                                                    "disposalctl claim get " + options.id + ")");
}

}  // namespace

Status CreateClaim(const GlobalOptions& global, const CreateClaimOptions& options) {
  disposal::v1::CreateClaimRequest request;
  Status status = ChooseRequestId(options.request_id, request.mutable_request_id());
  if (status.ok()) status = LoadClaimFile(options.file, request.mutable_claim());
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  Claim created;
  status = WhileInFlight(request.request_id(), [&] {
    return ClaimRpc(global.rpc).Call(&ClaimService::Stub::CreateClaim, request, &created);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  return PrintClaim(created, global.output);
}

Status GetClaim(const GlobalOptions& global, const GetClaimOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::GetClaimRequest request;
  request.set_id(options.id);
  if (!options.as_of_time.empty()) {
    status = ParseTimeText("--as-of-time", options.as_of_time, request.mutable_as_of_time());
    if (!status.ok()) return status;
  }
  Claim claim;
  status = ClaimRpc(global.rpc).Call(&ClaimService::Stub::GetClaim, request, &claim);
  if (!status.ok()) return status;
  return PrintClaim(claim, global.output);
}

Status AllPagesRead(bool all_pages, const std::string& next_page_token, const std::string& what) {
  if (!all_pages || next_page_token.empty()) return Status::Ok();
  return Status::RpcFailed(
      "INCOMPLETE", "--all stopped after " + std::to_string(kListPagesMax) + " pages with more " +
                        what + " to follow; go on with --page-token " + next_page_token);
}

Status ListClaims(const GlobalOptions& global, const ListClaimsOptions& options) {
  disposal::v1::ListClaimsRequest request;
  Status status = BuildListRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  ClaimRpc rpc(global.rpc);
  disposal::v1::ListClaimsResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListClaimsResponse page;
    status = rpc.Call(&ClaimService::Stub::ListClaims, request, &page);
    if (!status.ok()) return status;
    for (Claim& claim : *page.mutable_claims()) listed.add_claims()->Swap(&claim);
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "claims",
                      [&](bool stopped) { PrintListTable(listed, stopped, std::cout); });
}

Status UpdateClaim(const GlobalOptions& global, const UpdateClaimOptions& options) {
  disposal::v1::UpdateClaimRequest request;
  Status status = BuildUpdateRequest(options, &request);
  if (!status.ok()) return status;
  if (options.dry_run) return PrintMessageJson(request, std::cout);
  status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  Claim updated;
  status = WhileInFlight(request.request_id(), [&] {
    return ClaimRpc(global.rpc).Call(&ClaimService::Stub::UpdateClaim, request, &updated);
  });
  if (!status.ok()) return UpdateFailure(status, options, request.request_id());
  return PrintClaim(updated, global.output);
}

}  // namespace disposalctl
