#include "api/claim_service.h"

#include <set>

#include "api/as_of_time.h"
#include "api/claim_mapping.h"
#include "api/page_token.h"
#include "api/request_context.h"
#include "api/status.h"
#include "api/update_masks.h"
#include "domain/identifiers.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

constexpr char kCreateRpc[] = "disposal.v1.ClaimService/CreateClaim";
constexpr char kUpdateRpc[] = "disposal.v1.ClaimService/UpdateClaim";

const std::set<std::string>& WritablePaths() {
  static const std::set<std::string> kPaths = {
      "title",   "status",     "debtor",     "holder",  "currency_code", "tranches",
      "penalty", "collateral", "guarantees", "pledges", "litigation",    "accrual_terms"};
  return kPaths;
}

// Replaces the masked top-level fields of `current` with those of `patch`; an empty mask
// replaces every writable field. Status left unspecified keeps the current status, and so do
// accrual terms left out under an empty mask: they change how money is booked, so only the
// path "accrual_terms" clears them.
Result<v1::Claim> ApplyUpdate(const v1::Claim& current, const v1::Claim& patch,
                              const google::protobuf::FieldMask& mask) {
  v1::Claim merged = current;
  RETURN_IF_ERROR(ReplaceMaskedFields(patch, mask, WritablePaths(), "claim", &merged));
  if (merged.status() == v1::CLAIM_STATUS_UNSPECIFIED) merged.set_status(current.status());
  if (mask.paths_size() == 0 && !patch.has_accrual_terms() && current.has_accrual_terms()) {
    *merged.mutable_accrual_terms() = current.accrual_terms();
  }
  return merged;
}

std::string FilterKey(const v1::ListClaimsRequest& request) {
  return request.debtor_identifier() + "|" + std::to_string(request.status());
}

grpc::Status Respond(const Result<domain::Claim>& claim, v1::Claim* response) {
  if (!claim.ok()) return ToGrpcStatus(claim.error());
  Result<v1::Claim> proto = ClaimToProto(claim.value());
  if (!proto.ok()) return ToGrpcStatus(proto.error());
  *response = std::move(proto).value();
  return grpc::Status::OK;
}

}  // namespace

namespace {

// A stored claim must fit in one answer: GetClaim sends it whole and a ListClaims page holds at
// least one, and the server sends at most 4 MiB a message. Each list and text has its own
// bound, but updates naming a few fields each could together pass it, leaving a claim no one
// can read again (nor page past). Measured on the claim as it will be stored.
constexpr size_t kClaimBytesMax = 3 * 1024 * 1024;

Status CheckClaimFits(const v1::Claim& claim) {
  const size_t bytes = claim.ByteSizeLong();
  if (bytes <= kClaimBytesMax) return OkStatus();
  return Error::InvalidArgument(
      "claim", "would be " + std::to_string(bytes) +
                   " bytes as stored; a claim may be at most 3 MiB (3,145,728 bytes), so that "
                   "it fits in one answer: shorten its descriptions and notes");
}

}  // namespace

bool ClaimServiceImpl::AnsweredEarlier(const domain::RequestKey& key, const char* rpc,
                                       v1::Claim* response, grpc::Status* answered) {
  Result<std::optional<domain::Claim>> earlier = registry_.Earlier(key, rpc);
  if (!earlier.ok()) {
    *answered = ToGrpcStatus(earlier.error());
    return true;
  }
  if (!earlier.value()) return false;
  *answered = Respond(*earlier.value(), response);
  return true;
}

grpc::Status ClaimServiceImpl::CreateClaim(grpc::ServerContext* context,
                                           const v1::CreateClaimRequest* request,
                                           v1::Claim* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  if (!request->has_claim()) {
    return ToGrpcStatus(Error::InvalidArgument("claim", "is required"));
  }
  // A retry is answered before its body is checked again: the rules may have tightened since
  // its first call made the claim.
  const domain::RequestKey key = RequestKeyOf(*request, request->request_id());
  if (grpc::Status answered; AnsweredEarlier(key, kCreateRpc, response, &answered)) {
    return answered;
  }
  Result<domain::ClaimContent> content = ClaimContentFromProto(request->claim(), "claim");
  if (!content.ok()) return ToGrpcStatus(content.error());
  if (Status fits = CheckClaimFits(request->claim()); !fits.ok()) {
    return ToGrpcStatus(fits.error());
  }
  return Respond(registry_.Create(content.value(), key,
                                  AuditOf(*context, kCreateRpc, *request, request->request_id())),
                 response);
}

grpc::Status ClaimServiceImpl::GetClaim(grpc::ServerContext*, const v1::GetClaimRequest* request,
                                        v1::Claim* response) {
  auto as_of = AsOfTimeFromProto(request->has_as_of_time(), request->as_of_time(), "as_of_time");
  if (!as_of.ok()) return ToGrpcStatus(as_of.error());
  return Respond(registry_.Get(request->id(), as_of.value()), response);
}

grpc::Status ClaimServiceImpl::ListClaims(grpc::ServerContext*,
                                          const v1::ListClaimsRequest* request,
                                          v1::ListClaimsResponse* response) {
  domain::ClaimFilter filter;
  if (!request->debtor_identifier().empty()) {
    // A malformed identifier would match nothing and read as "no claims".
    const std::string& debtor = request->debtor_identifier();
    if (!domain::ValidateCreditCode(debtor).ok() && !domain::ValidateNationalId(debtor).ok()) {
      return ToGrpcStatus(Error::InvalidArgument(
          "debtor_identifier",
          domain::Quoted(debtor) + " is neither a unified social credit code nor a national ID"));
    }
    filter.debtor_identifier = debtor;
  }
  if (request->status() != v1::CLAIM_STATUS_UNSPECIFIED) {
    Result<domain::ClaimStatus> status = ClaimStatusFromProto(request->status(), "status");
    if (!status.ok()) return ToGrpcStatus(status.error());
    filter.status = status.value();
  }
  auto cursor = DecodePageToken(request->page_token(), FilterKey(*request));
  if (!cursor.ok()) return ToGrpcStatus(cursor.error());
  Result<domain::ClaimPage> page = registry_.List(filter, cursor.value(), request->page_size());
  if (!page.ok()) return ToGrpcStatus(page.error());
  size_t bytes = 0;
  const std::vector<domain::Claim>& claims = page.value().claims;
  for (size_t i = 0; i < claims.size(); ++i) {
    Result<v1::Claim> proto = ClaimToProto(claims[i]);
    if (!proto.ok()) return ToGrpcStatus(proto.error());
    bytes += proto.value().ByteSizeLong();
    if (i > 0 && bytes > kListResponseBytesMax) {
      const domain::ClaimCursor after{claims[i - 1].create_time_micros, claims[i - 1].id};
      response->set_next_page_token(EncodePageToken(after, FilterKey(*request)));
      return grpc::Status::OK;
    }
    *response->add_claims() = std::move(proto).value();
  }
  if (page.value().next) {
    response->set_next_page_token(EncodePageToken(*page.value().next, FilterKey(*request)));
  }
  return grpc::Status::OK;
}

grpc::Status ClaimServiceImpl::UpdateClaim(grpc::ServerContext* context,
                                           const v1::UpdateClaimRequest* request,
                                           v1::Claim* response) {
  if (auto s = ValidateRequestId(request->request_id(), false); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  // A malformed request is refused as such, before the claim it names is looked for (a bad id
  // first, by the read below).
  if (domain::IsUuid(request->claim().id()) && request->claim().version() < 1) {
    return ToGrpcStatus(Error::InvalidArgument(
        "claim.version", "is required: send the version you read (1 or more)"));
  }
  if (Status paths = CheckTopLevelPaths(request->update_mask(), WritablePaths(), "claim");
      !paths.ok()) {
    return ToGrpcStatus(paths.error());
  }
  std::optional<domain::Date> penalty_fixed_date;
  if (request->has_penalty_fixed_date()) {
    Result<domain::Date> date = DateFromProto(request->penalty_fixed_date(), "penalty_fixed_date");
    if (!date.ok()) return ToGrpcStatus(date.error());
    penalty_fixed_date = date.value();
  }
  // A retry is answered before it is checked again on the claim as it now stands (a later
  // update may have changed what the first call's body is checked against).
  if (grpc::Status answered; AnsweredEarlier(RequestKeyOf(*request, request->request_id()),
                                             kUpdateRpc, response, &answered)) {
    return answered;
  }
  Result<domain::Claim> current = registry_.Get(request->claim().id());
  if (!current.ok()) return ToGrpcStatus(ForIdField(current.error(), "claim.id"));
  // The fields the mask leaves out are taken from this read: it must be the version the caller
  // changed. A caller naming a later one would have the update of whoever made that version
  // written back over with this read's fields, once it committed. (A version below it goes on:
  // the store answers a retry of an update already applied, and refuses a stale one.)
  if (request->claim().version() > current.value().version) {
    return ToGrpcStatus(Error::Aborted("claim " + current.value().id + " is at version " +
                                       std::to_string(current.value().version) + ", not " +
                                       std::to_string(request->claim().version()) +
                                       ": read it again and reapply"));
  }
  Result<v1::Claim> current_proto = ClaimToProto(current.value());
  if (!current_proto.ok()) return ToGrpcStatus(current_proto.error());
  Result<v1::Claim> merged =
      ApplyUpdate(current_proto.value(), request->claim(), request->update_mask());
  if (!merged.ok()) return ToGrpcStatus(merged.error());
  Result<domain::ClaimContent> content = ClaimContentFromProto(merged.value(), "claim");
  if (!content.ok()) return ToGrpcStatus(content.error());
  if (Status fits = CheckClaimFits(merged.value()); !fits.ok()) return ToGrpcStatus(fits.error());
  const grpc::Status updated =
      Respond(registry_.Update(request->claim().id(), request->claim().version(), content.value(),
                               RequestKeyOf(*request, request->request_id()),
                               AuditOf(*context, kUpdateRpc, *request, request->request_id()),
                               penalty_fixed_date, &current.value().content),
              response);
  if (updated.ok() && context_changed_) context_changed_();
  return updated;
}

}  // namespace disposal::api
