#include "api/disposal_service.h"

#include <google/protobuf/util/time_util.h>

#include <limits>
#include <set>
#include <string>

#include "api/as_of_time.h"
#include "api/disposal_mapping.h"
#include "api/page_token.h"
#include "api/request_context.h"
#include "api/status.h"
#include "api/update_masks.h"
#include "api/wire_values.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kService[] = "disposal.v1.DisposalService/";
grpc::Status Respond(const Result<domain::DisposalView>& view, v1::Disposal* response) {
  if (!view.ok()) return ToGrpcStatus(view.error());
  *response = DisposalToProto(view.value());
  return grpc::Status::OK;
}

grpc::Status Respond(const Result<domain::Submission>& submission, v1::Submission* response) {
  if (!submission.ok()) return ToGrpcStatus(submission.error());
  *response = SubmissionToProto(submission.value());
  return grpc::Status::OK;
}

// Audit context and request key of a mutating call, after checking its request id.
struct Mutation {
  domain::RequestKey key;
  domain::AuditContext audit;
};

Result<Mutation> MutationOf(const grpc::ServerContext& context, const std::string& rpc,
                            const google::protobuf::Message& request, const std::string& request_id,
                            bool required) {
  RETURN_IF_ERROR(ValidateRequestId(request_id, required));
  return Mutation{RequestKeyOf(request, request_id),
                  AuditOf(context, kService + rpc, request, request_id)};
}

const std::set<std::string>& WritablePaths() {
  static const std::set<std::string> kPaths = {"title",           "lots",
                                               "methods",         "payment_terms",
                                               "deposit",         "reserve_price",
                                               "contact_details", "channels",
                                               "validity_months", "window_working_days",
                                               "window_counting"};
  return kPaths;
}

Result<v1::Disposal> MergeUpdate(const v1::Disposal& current, const v1::Disposal& patch,
                                 const google::protobuf::FieldMask& mask) {
  v1::Disposal merged = current;
  RETURN_IF_ERROR(ReplaceMaskedFields(patch, mask, WritablePaths(), "disposal", &merged));
  return merged;
}

// A submissions page token is bound to the disposal and the filters: from another listing it
// would skip submissions (unresolved objections among them) without a word.
std::string SubmissionsFilterKey(const v1::ListSubmissionsRequest& request) {
  return "submissions|" + domain::AsciiLowercase(request.disposal_id()) + "|" +
         std::to_string(request.kind()) + "|" + (request.unresolved_only() ? "1" : "0") +
         (request.late_only() ? "1" : "0");
}

}  // namespace

grpc::Status DisposalServiceImpl::CreateDisposal(grpc::ServerContext* context,
                                                 const v1::CreateDisposalRequest* request,
                                                 v1::Disposal* response) {
  auto mutation = MutationOf(*context, "CreateDisposal", *request, request->request_id(), true);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  auto content = DisposalContentFromProto(request->disposal(), "disposal");
  if (!content.ok()) return ToGrpcStatus(content.error());
  return Respond(registry_.Create(content.value(), mutation.value().key, mutation.value().audit),
                 response);
}

grpc::Status DisposalServiceImpl::GetDisposal(grpc::ServerContext*,
                                              const v1::GetDisposalRequest* request,
                                              v1::Disposal* response) {
  auto as_of = AsOfTimeFromProto(request->has_as_of_time(), request->as_of_time(), "as_of_time");
  if (!as_of.ok()) return ToGrpcStatus(as_of.error());
  return Respond(registry_.Get(request->id(), as_of.value()), response);
}

grpc::Status DisposalServiceImpl::ListDisposals(grpc::ServerContext*,
                                                const v1::ListDisposalsRequest* request,
                                                v1::ListDisposalsResponse* response) {
  auto page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  auto cursor = DecodePageToken(request->page_token(), "disposals");
  if (!cursor.ok()) return ToGrpcStatus(cursor.error());
  auto page = registry_.List(cursor.value(), page_size.value());
  if (!page.ok()) return ToGrpcStatus(page.error());
  size_t bytes = 0;
  const std::vector<domain::DisposalView>& views = page.value().views;
  for (size_t i = 0; i < views.size(); ++i) {
    v1::Disposal proto = DisposalToProto(views[i]);
    bytes += proto.ByteSizeLong();
    if (i > 0 && bytes > kListResponseBytesMax) {
      const domain::Disposal& last = views[i - 1].record.disposal;
      response->set_next_page_token(
          EncodePageToken(domain::ClaimCursor{last.create_time_micros, last.id}, "disposals"));
      return grpc::Status::OK;
    }
    *response->add_disposals() = std::move(proto);
  }
  if (page.value().next) {
    response->set_next_page_token(EncodePageToken(*page.value().next, "disposals"));
  }
  return grpc::Status::OK;
}

grpc::Status DisposalServiceImpl::UpdateDisposal(grpc::ServerContext* context,
                                                 const v1::UpdateDisposalRequest* request,
                                                 v1::Disposal* response) {
  auto mutation = MutationOf(*context, "UpdateDisposal", *request, request->request_id(), false);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  // A malformed mask is refused as such, before the disposal it names is looked for.
  if (Status paths = CheckTopLevelPaths(request->update_mask(), WritablePaths(), "disposal");
      !paths.ok()) {
    return ToGrpcStatus(paths.error());
  }
  // A retry is answered before the disposal is read: a request id used with another body is
  // ALREADY_EXISTS, also when the body names a disposal there is not.
  auto earlier = registry_.EarlierUpdate(mutation.value().key);
  if (!earlier.ok()) return ToGrpcStatus(earlier.error());
  if (earlier.value()) return Respond(*earlier.value(), response);
  auto current = registry_.Get(request->disposal().id());
  if (!current.ok()) return ToGrpcStatus(ForIdField(current.error(), "disposal.id"));
  auto merged =
      MergeUpdate(DisposalToProto(current.value()), request->disposal(), request->update_mask());
  if (!merged.ok()) return ToGrpcStatus(merged.error());
  auto content = DisposalContentFromProto(merged.value(), "disposal");
  if (!content.ok()) return ToGrpcStatus(content.error());
  const grpc::Status updated =
      Respond(registry_.Update(request->disposal().id(), request->disposal().version(),
                               content.value(), mutation.value().key, mutation.value().audit),
              response);
  if (updated.ok() && context_changed_) context_changed_();
  return updated;
}

grpc::Status DisposalServiceImpl::PublishDisposal(grpc::ServerContext* context,
                                                  const v1::PublishDisposalRequest* request,
                                                  v1::Disposal* response) {
  auto mutation = MutationOf(*context, "PublishDisposal", *request, request->request_id(), false);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  if (!request->has_publication_date()) {
    return ToGrpcStatus(Error::InvalidArgument("publication_date", "is required"));
  }
  auto date = DateFromProto(request->publication_date(), "publication_date");
  if (!date.ok()) return ToGrpcStatus(date.error());
  return Respond(registry_.Publish(request->id(), request->version(), date.value(),
                                   mutation.value().key, mutation.value().audit),
                 response);
}

grpc::Status DisposalServiceImpl::TransitionDisposal(grpc::ServerContext* context,
                                                     const v1::TransitionDisposalRequest* request,
                                                     v1::Disposal* response) {
  auto mutation =
      MutationOf(*context, "TransitionDisposal", *request, request->request_id(), false);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  auto transition = TransitionFromProto(request->transition(), "transition");
  if (!transition.ok()) return ToGrpcStatus(transition.error());
  return Respond(
      registry_.ApplyTransition(request->id(), request->version(), transition.value(),
                                request->reason(), mutation.value().key, mutation.value().audit),
      response);
}

grpc::Status DisposalServiceImpl::RecordSubmission(grpc::ServerContext* context,
                                                   const v1::RecordSubmissionRequest* request,
                                                   v1::Submission* response) {
  auto mutation = MutationOf(*context, "RecordSubmission", *request, request->request_id(), false);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  auto submission = SubmissionFromProto(request->submission());
  if (!submission.ok()) return ToGrpcStatus(submission.error());
  return Respond(
      registry_.RecordSubmission(submission.value(), mutation.value().key, mutation.value().audit),
      response);
}

grpc::Status DisposalServiceImpl::ListSubmissions(grpc::ServerContext*,
                                                  const v1::ListSubmissionsRequest* request,
                                                  v1::ListSubmissionsResponse* response) {
  auto page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  const std::string filter_key = SubmissionsFilterKey(*request);
  auto after = DecodeNumberPageToken(request->page_token(), filter_key);
  if (!after.ok()) return ToGrpcStatus(after.error());
  if (after.value() > std::numeric_limits<int>::max()) {
    return ToGrpcStatus(Error::InvalidArgument("page_token", "is not a token this service issued"));
  }
  domain::SubmissionFilter filter;
  if (request->kind() != v1::SUBMISSION_KIND_UNSPECIFIED) {
    auto kind = SubmissionKindFromProto(request->kind(), "kind");
    if (!kind.ok()) return ToGrpcStatus(kind.error());
    filter.kind = kind.value();
  }
  filter.unresolved_only = request->unresolved_only();
  filter.late_only = request->late_only();
  // One more than the page tells whether another page follows.
  auto submissions = registry_.ListSubmissions(
      request->disposal_id(), filter, static_cast<int>(after.value()), page_size.value() + 1);
  if (!submissions.ok()) return ToGrpcStatus(ForIdField(submissions.error(), "disposal_id"));
  const auto& items = submissions.value();
  size_t bytes = 0;
  for (int i = 0; i < static_cast<int>(items.size()) && i < page_size.value(); ++i) {
    v1::Submission proto = SubmissionToProto(items[i]);
    bytes += proto.ByteSizeLong();
    // Long letters (5,000 characters, a resolution's note of 2,000) fill a message before a
    // page of 200 does: the page ends there, and the next begins with this one.
    if (i > 0 && bytes > kListResponseBytesMax) {
      response->set_next_page_token(EncodeNumberPageToken(items[i - 1].number, filter_key));
      return grpc::Status::OK;
    }
    *response->add_submissions() = std::move(proto);
  }
  if (static_cast<int>(items.size()) > page_size.value()) {
    response->set_next_page_token(
        EncodeNumberPageToken(items[page_size.value() - 1].number, filter_key));
  }
  return grpc::Status::OK;
}

grpc::Status DisposalServiceImpl::ResolveSubmission(grpc::ServerContext* context,
                                                    const v1::ResolveSubmissionRequest* request,
                                                    v1::Submission* response) {
  auto mutation = MutationOf(*context, "ResolveSubmission", *request, request->request_id(), false);
  if (!mutation.ok()) return ToGrpcStatus(mutation.error());
  auto resolution = ResolutionFromProto(request->resolution(), "resolution");
  if (!resolution.ok()) return ToGrpcStatus(resolution.error());
  return Respond(registry_.Resolve(request->id(), resolution.value(), request->note(),
                                   mutation.value().key, mutation.value().audit),
                 response);
}

grpc::Status DisposalServiceImpl::CheckAwardGate(grpc::ServerContext*,
                                                 const v1::CheckAwardGateRequest* request,
                                                 v1::AwardGateDecision* response) {
  int64_t at = 0;  // the registry's clock, the one its reads and states are derived on
  if (request->has_at_time()) {
    auto given = BusinessTimeFromProto(request->at_time(), "at_time");
    if (!given.ok()) return ToGrpcStatus(given.error());
    at = given.value();
  }
  auto decision = registry_.CheckGate(request->disposal_id(), request->lot_id(), at);
  if (!decision.ok()) return ToGrpcStatus(ForIdField(decision.error(), "disposal_id"));
  *response = GateDecisionToProto(decision.value());
  return grpc::Status::OK;
}

grpc::Status CalendarServiceImpl::ImportCalendarYear(grpc::ServerContext* context,
                                                     const v1::ImportCalendarYearRequest* request,
                                                     v1::CalendarYear* response) {
  if (auto s = ValidateRequestId(request->request_id(), !request->validate_only()); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  auto year = CalendarYearFromProto(request->calendar_year());
  if (!year.ok()) return ToGrpcStatus(year.error());
  if (request->validate_only()) {
    auto validated = registry_.Validate(year.value(), request->replace());
    if (!validated.ok()) return ToGrpcStatus(validated.error());
    *response = CalendarYearToProto(validated.value());
    return grpc::Status::OK;
  }
  // `replace` is a permission, not content: a rerun that adds it after a refusal keeps each
  // year's request id, and the years imported before the refusal stay answered by it.
  v1::ImportCalendarYearRequest keyed = *request;
  keyed.clear_replace();
  auto imported =
      registry_.Import(year.value(), request->replace(), RequestKeyOf(keyed, request->request_id()),
                       AuditOf(*context, "disposal.v1.CalendarService/ImportCalendarYear", *request,
                               request->request_id()));
  if (!imported.ok()) return ToGrpcStatus(imported.error());
  *response = CalendarYearToProto(imported.value());
  return grpc::Status::OK;
}

grpc::Status CalendarServiceImpl::GetCalendarYear(grpc::ServerContext*,
                                                  const v1::GetCalendarYearRequest* request,
                                                  v1::CalendarYear* response) {
  auto year = registry_.Get(request->year());
  if (!year.ok()) return ToGrpcStatus(year.error());
  *response = CalendarYearToProto(year.value());
  return grpc::Status::OK;
}

grpc::Status CalendarServiceImpl::ComputeDeadline(grpc::ServerContext*,
                                                  const v1::ComputeDeadlineRequest* request,
                                                  v1::ComputeDeadlineResponse* response) {
  auto start = DateFromProto(request->start_date(), "start_date");
  if (!start.ok()) return ToGrpcStatus(start.error());
  auto last = registry_.ComputeDeadline(start.value(), request->working_days());
  if (!last.ok()) return ToGrpcStatus(last.error());
  *response->mutable_last_day() = DateToProto(last.value());
  *response->mutable_end_time() =
      TimeUtil::MicrosecondsToTimestamp(domain::EndOfDayShanghaiMicros(last.value()));
  return grpc::Status::OK;
}

}  // namespace disposal::api
