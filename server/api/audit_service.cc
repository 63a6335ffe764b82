#include "api/audit_service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <functional>
#include <future>
#include <limits>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

#include "api/as_of_time.h"
#include "api/decision_audit.h"
#include "api/guarded_service.h"
#include "api/request_context.h"
#include "api/status.h"
#include "domain/audit_subjects.h"
#include "domain/date.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kHistoryPageDefault = 500;
constexpr int kHistoryPageMax = 1000;
// A stream message's events in bytes at most (the server sends messages of up to 4 MiB).
constexpr size_t kHistoryMessageBytesMax = 1024 * 1024;
constexpr int kKindsMax = 50;
constexpr int kVerifyPage = 1000;
// Passes over a chain that keeps growing (each reading on from the last) before
// VerifyClaimHistory gives up with ABORTED.
constexpr int kVerifyPassesMax = 20;

Result<int> HistoryPageSize(int requested) {
  return domain::BoundedPageSize(requested, kHistoryPageDefault, kHistoryPageMax);
}

// Whether `kind` names a method of the API (an event's kind is the method that wrote it): a
// misspelt kind would match nothing and read as a history without such events.
bool IsMethodName(const std::string& kind) {
  static const std::set<std::string>* const methods = [] {
    auto* names = new std::set<std::string>();
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (const char* service :
         {"AccessService", "AuditService", "CalendarService", "ClaimService", "DisposalService",
          "EligibilityService", "RegistryService", "LedgerService"}) {
      const auto* descriptor = pool->FindServiceByName(std::string("disposal.v1.") + service);
      for (int i = 0; descriptor != nullptr && i < descriptor->method_count(); ++i) {
        names->insert(descriptor->method(i)->name());
      }
    }
    return names;
  }();
  return methods->count(kind) > 0;
}

// Events are stamped to the microsecond. A bound between two microseconds is moved up to the
// next: an event at T is before a start of T+0.5 µs (left out) and before an end of T+0.5 µs
// (kept, the end being exclusive); truncating got both wrong.
Result<int64_t> BoundFromProto(const google::protobuf::Timestamp& time, const std::string& field) {
  ASSIGN_OR_RETURN(const int64_t micros, TimeFromProto(time, field));
  return time.nanos() % 1000 == 0 ? micros : micros + 1;
}

Result<domain::HistoryFilter> FilterFromProto(const v1::StreamClaimHistoryRequest& request) {
  domain::HistoryFilter filter;
  if (request.has_start_time()) {
    ASSIGN_OR_RETURN(filter.start_micros, BoundFromProto(request.start_time(), "start_time"));
  }
  if (request.has_end_time()) {
    ASSIGN_OR_RETURN(filter.end_micros, BoundFromProto(request.end_time(), "end_time"));
  }
  // Compared as sent: two bounds within one microsecond are a window no event falls in, not
  // an end before its start.
  const auto& start = request.start_time();
  const auto& end = request.end_time();
  if (request.has_start_time() && request.has_end_time() &&
      std::make_pair(end.seconds(), end.nanos()) <=
          std::make_pair(start.seconds(), start.nanos())) {
    return Error::InvalidArgument("end_time", "must be after start_time");
  }
  if (request.kinds_size() > kKindsMax) {
    return Error::InvalidArgument("kinds", "at most 50 kinds");
  }
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (!IsMethodName(request.kinds(i))) {
      return Error::InvalidArgument(
          "kinds[" + std::to_string(i) + "]",
          domain::Quoted(request.kinds(i)) + " is not a method of the API; e.g. UpdateClaim");
    }
    filter.kinds.push_back(request.kinds(i));
  }
  return filter;
}

v1::ChainBreakKind BreakKindToProto(domain::ChainBreakKind kind) {
  switch (kind) {
    case domain::ChainBreakKind::kEdited:
      return v1::CHAIN_BREAK_KIND_EDITED;
    case domain::ChainBreakKind::kRemoved:
      return v1::CHAIN_BREAK_KIND_REMOVED;
    case domain::ChainBreakKind::kInserted:
      return v1::CHAIN_BREAK_KIND_INSERTED;
    case domain::ChainBreakKind::kReordered:
      return v1::CHAIN_BREAK_KIND_REORDERED;
    case domain::ChainBreakKind::kMalformed:
      return v1::CHAIN_BREAK_KIND_MALFORMED;
  }
  return v1::CHAIN_BREAK_KIND_UNSPECIFIED;
}

// Feeds the events after `*after` to `verifier`, a page at a time, and moves `*after` past
// them. ABORTED once `cancelled()` says the caller has gone.
Status FeedChain(domain::AuditRepository& history, const domain::AuditSubjectRef& subject,
                 domain::ChainVerifier& verifier, domain::ChainPosition* after,
                 const std::function<bool()>& cancelled) {
  while (true) {
    if (cancelled()) return Error::Aborted("the call was cancelled");
    auto page = history.Page(subject, {}, *after, std::numeric_limits<int64_t>::max(), kVerifyPage);
    if (!page.ok()) return page.error();
    const std::vector<domain::AuditRecord>& events = page.value().events;
    for (const domain::AuditRecord& event : events) verifier.Feed(event);
    if (!events.empty()) *after = {events.back().chain_seq, events.back().seq};
    if (!page.value().more) return OkStatus();
  }
}

bool SameHead(const std::optional<domain::ChainHead>& a,
              const std::optional<domain::ChainHead>& b) {
  if (!a || !b) return !a && !b;
  return a->chain_seq == b->chain_seq && a->hash == b->hash;
}

// The head and every stored event, read consistently. The pages are read one transaction
// each, so an event appended meanwhile would be read beyond the head read first and look
// inserted. An append moves the head in the same transaction as its event: when the head read
// again after a pass is the same as before it, no append came between, and the reading stands.
// Otherwise another pass reads on from where the last one stopped (only what was appended), a
// bounded number of times: a busy chain costs a few short passes, not whole readings again.
Result<std::optional<domain::ChainHead>> ReadChainConsistently(
    domain::AuditRepository& history, const domain::AuditSubjectRef& subject,
    domain::ChainVerifier* verifier, const std::function<bool()>& cancelled) {
  domain::ChainPosition after;
  for (int pass = 1;; ++pass) {
    ASSIGN_OR_RETURN(std::optional<domain::ChainHead> head, history.Head(subject));
    RETURN_IF_ERROR(FeedChain(history, subject, *verifier, &after, cancelled));
    ASSIGN_OR_RETURN(std::optional<domain::ChainHead> head_after, history.Head(subject));
    if (SameHead(head, head_after)) return head;
    if (pass == kVerifyPassesMax) {
      return Error::Aborted("the history grew during each of " + std::to_string(kVerifyPassesMax) +
                            " readings; try again");
    }
  }
}

// One verification: the chain read consistently and compared with its recorded head.
struct Verification {
  std::optional<domain::ChainHead> head;
  domain::ChainVerifier verifier;
  std::optional<domain::ChainBreak> broken;
  // The events are whole but end before the head, or go on past it: the only break is at the
  // tail. Either may be a standby's lead over the primary rather than tampering.
  bool only_the_tail_amiss = false;
};

// A chain that goes on past its recorded head is broken at the first event after the head,
// whatever else is wrong further on (the verifier, which learns the head last, names the last
// event, or a later break): the position a client checking the stream against the head names
// too, since it reads the chain in order.
Status NameTheFirstEventPastTheHead(domain::AuditRepository& history,
                                    const domain::AuditSubjectRef& subject, Verification* result) {
  const int64_t head = result->head->chain_seq;
  ASSIGN_OR_RETURN(domain::AuditPage first,
                   history.Page(subject, {}, {head, std::numeric_limits<int64_t>::max()},
                                std::numeric_limits<int64_t>::max(), 1));
  if (first.events.empty()) return OkStatus();
  const domain::AuditRecord& event = first.events.front();
  result->broken = domain::ChainBreak{
      domain::ChainBreakKind::kInserted, event.chain_seq, event.seq,
      "inserted: it follows the chain's recorded head, event " + std::to_string(head) +
          " (added without moving the head, or the head was moved back)"};
  return OkStatus();
}

Result<Verification> VerifyOnce(domain::AuditRepository& history,
                                const domain::AuditSubjectRef& subject,
                                const std::function<bool()>& cancelled) {
  Verification result;
  ASSIGN_OR_RETURN(result.head,
                   ReadChainConsistently(history, subject, &result.verifier, cancelled));
  const bool whole_so_far = !result.verifier.first_break();
  result.broken = result.verifier.Finish(result.head);
  // Whole up to the head and broken past it; a gap reaching back to the head or before it is
  // events removed, as it stands.
  const bool past_the_head = result.broken && result.head &&
                             result.broken->chain_seq > result.head->chain_seq &&
                             result.verifier.whole_through() >= result.head->chain_seq;
  if (past_the_head) RETURN_IF_ERROR(NameTheFirstEventPastTheHead(history, subject, &result));
  result.only_the_tail_amiss =
      whole_so_far && result.broken && result.head &&
      (result.broken->kind == domain::ChainBreakKind::kRemoved || past_the_head);
  return result;
}

// How long a verification whose events end before the head, or go on past it, waits before
// reading again: a hot standby may show a commit a moment before the primary does, and the
// head and the pages may be read from either, so a chain read across both can look cut short
// (or grown past its head) when it is not.
constexpr std::chrono::milliseconds kTailRereadPause{250};

// NOT_FOUND for a subject without events, named as the caller named it.
Error NoHistory(const v1::AuditSubject& asked, const domain::AuditSubjectRef& subject) {
  if (asked.registry()) return Error::NotFound("no history for the registry yet");
  if (asked.registry_version() != 0) {
    return Error::NotFound("no chain of its own for registry version " +
                           std::to_string(asked.registry_version()) +
                           ": a change made since the registry has one chain is on it "
                           "(subject.registry), and versions may skip numbers");
  }
  if (asked.calendar_year() != 0) {
    return Error::NotFound("no history for calendar year " + std::to_string(asked.calendar_year()) +
                           ": it was never imported");
  }
  return Error::NotFound("no history for " + subject.kind + " " + subject.id);
}

// The chains named by something other than a row's UUID: the registry's, an older registry
// change's, a calendar year's; nullopt when the subject names none of them.
Result<std::optional<domain::AuditSubjectRef>> NamedSubject(const v1::AuditSubject& subject) {
  if (subject.registry())
    return std::optional(domain::AuditSubjectRef{"registry", domain::RegistrySubjectId()});
  if (subject.registry_version() != 0) {
    if (subject.registry_version() < 0) {
      return Error::InvalidArgument("subject.registry_version", "must be 1 or more");
    }
    return std::optional(domain::AuditSubjectRef{
        "registry", domain::RegistryVersionSubjectId(subject.registry_version())});
  }
  if (subject.calendar_year() != 0) {
    if (subject.calendar_year() < domain::kMinBusinessYear ||
        subject.calendar_year() > domain::kMaxBusinessYear) {
      return Error::InvalidArgument("subject.calendar_year",
                                    "must be a year from " +
                                        std::to_string(domain::kMinBusinessYear) + " to " +
                                        std::to_string(domain::kMaxBusinessYear));
    }
    return std::optional(domain::AuditSubjectRef{
        "calendar_year", domain::CalendarYearSubjectId(subject.calendar_year())});
  }
  return std::optional<domain::AuditSubjectRef>();
}

}  // namespace

Result<domain::AuditSubjectRef> SubjectFromProto(const v1::AuditSubject& subject) {
  // (the subject kind the store names its chains by, the field, its id)
  const std::array<std::tuple<const char*, const char*, const std::string*>, 3> ids = {{
      {"claim", "subject.claim_id", &subject.claim_id()},
      {"disposal", "subject.disposal_id", &subject.disposal_id()},
      {"token", "subject.token_id", &subject.token_id()},
  }};
  const auto set = [](const auto& entry) { return !std::get<2>(entry)->empty(); };
  const int named = (subject.registry() ? 1 : 0) + (subject.registry_version() != 0 ? 1 : 0) +
                    (subject.calendar_year() != 0 ? 1 : 0);
  if (std::count_if(ids.begin(), ids.end(), set) + named != 1) {
    return Error::InvalidArgument("subject",
                                  "set exactly one of claim_id, disposal_id, token_id, registry, "
                                  "registry_version and calendar_year");
  }
  ASSIGN_OR_RETURN(std::optional<domain::AuditSubjectRef> named_subject, NamedSubject(subject));
  if (named_subject) return *std::move(named_subject);
  const auto& [kind, field, id] = *std::find_if(ids.begin(), ids.end(), set);
  if (!domain::IsUuid(*id)) return domain::NotAUuid(field, *id);
  return domain::AuditSubjectRef{kind, domain::AsciiLowercase(*id)};
}

void EventToProto(const domain::AuditRecord& e, v1::AuditEvent* out) {
  out->set_seq(e.seq);
  out->set_chain_seq(e.chain_seq);
  *out->mutable_event_time() = TimeUtil::MicrosecondsToTimestamp(e.event_time_micros);
  out->set_actor(e.actor);
  out->set_role(e.role);
  out->set_token_id(e.token_id);
  out->set_rpc(e.rpc);
  const size_t slash = e.rpc.rfind('/');
  out->set_kind(slash == std::string::npos ? e.rpc : e.rpc.substr(slash + 1));
  out->set_request_id(e.request_id);
  out->set_subject_kind(e.subject_kind);
  out->set_subject_id(e.subject_id);
  out->set_subject_version(e.subject_version);
  out->set_payload_json(e.payload_json);
  out->set_prev_hash(domain::HexOf(e.prev_hash));
  out->set_hash(domain::HexOf(e.hash));
}

namespace {

// Writes `events` as one message, or as several where one would pass kHistoryMessageBytesMax:
// a page is counted in events, and a few large events could otherwise make a message too large
// to send. False when the client has gone.
bool WritePage(const std::vector<domain::AuditRecord>& events, v1::ClaimHistoryPage* message,
               grpc::ServerWriter<v1::ClaimHistoryPage>* writer) {
  message->clear_events();
  size_t bytes = 0;
  for (const domain::AuditRecord& event : events) {
    v1::AuditEvent converted;
    EventToProto(event, &converted);
    const size_t size = converted.ByteSizeLong();
    if (message->events_size() > 0 && bytes + size > kHistoryMessageBytesMax) {
      if (!writer->Write(*message)) return false;
      message->clear_events();
      bytes = 0;
    }
    *message->add_events() = std::move(converted);
    bytes += size;
  }
  return writer->Write(*message);
}

}  // namespace

grpc::Status AuditServiceImpl::StreamClaimHistory(
    grpc::ServerContext* context, const v1::StreamClaimHistoryRequest* request,
    grpc::ServerWriter<v1::ClaimHistoryPage>* writer) {
  return FinishStream([&] { return StreamPages(context, request, writer); });
}

grpc::Status AuditServiceImpl::StreamPages(grpc::ServerContext* context,
                                           const v1::StreamClaimHistoryRequest* request,
                                           grpc::ServerWriter<v1::ClaimHistoryPage>* writer) {
  const StreamSlots::Slot slot(stream_slots_, StreamCallerOf(*context));
  if (!slot.taken()) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "at most " + std::to_string(stream_slots_.per_caller()) +
                            " history streams may be open at a time per caller; close one");
  }
  auto subject = SubjectFromProto(request->subject());
  if (!subject.ok()) return ToGrpcStatus(subject.error());
  auto filter = FilterFromProto(*request);
  if (!filter.ok()) return ToGrpcStatus(filter.error());
  auto page_size = HistoryPageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  if (request->after_chain_seq() < 0) {
    return ToGrpcStatus(Error::InvalidArgument("after_chain_seq", "must not be negative"));
  }
  auto extent = history_.Extent(subject.value());
  if (!extent.ok()) return ToGrpcStatus(extent.error());
  const std::optional<domain::ChainHead>& head = extent.value().head;
  const int64_t last_stored = extent.value().last_stored_chain_seq;
  if (last_stored == 0 && !head)
    return ToGrpcStatus(NoHistory(request->subject(), subject.value()));
  // Up to the head as the stream begins: a stream has an end even while the chain grows. But
  // events stored past the head (the head moved back, or events added without moving it) are
  // the evidence of that and go out too, so that an export holds them and its check finds
  // what VerifyClaimHistory finds. Without a head record every event goes out, under head 0,
  // which tells the caller that the chain cannot be proved whole.
  const int64_t through =
      head ? std::max(head->chain_seq, last_stored) : std::numeric_limits<int64_t>::max();
  // The next page is read while this one is converted and written: the database and the
  // network then work at the same time instead of in turn. At most two pages are held.
  auto read_after = [&](domain::ChainPosition from) {
    return std::async(std::launch::async, [this, &subject, &filter, &page_size, through, from] {
      return history_.Page(subject.value(), filter.value(), from, through, page_size.value());
    });
  };
  auto next = read_after({request->after_chain_seq(), std::numeric_limits<int64_t>::max()});
  v1::ClaimHistoryPage message;
  if (head) {
    message.set_head_chain_seq(head->chain_seq);
    message.set_head_hash(domain::HexOf(head->hash));
  }
  for (bool first = true; !context->IsCancelled(); first = false) {
    auto page = next.get();
    if (!page.ok()) return ToGrpcStatus(page.error());
    const std::vector<domain::AuditRecord>& events = page.value().events;
    if (events.empty()) {
      // Nothing (left) to send: the head still goes out, so that a client can tell a chain
      // whose last events were deleted from one that has none after its position.
      if (first && !writer->Write(message)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "client gone");
      }
      return grpc::Status::OK;
    }
    const bool last = !page.value().more;
    if (!last) next = read_after({events.back().chain_seq, events.back().seq});
    if (grpc::Status allowed = StillAuthorized(); !allowed.ok()) return allowed;
    if (!WritePage(events, &message, writer)) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "client gone");
    }
    if (last) return grpc::Status::OK;
  }
  return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the stream");
}

grpc::Status AuditServiceImpl::VerifyClaimHistory(grpc::ServerContext* context,
                                                  const v1::VerifyClaimHistoryRequest* request,
                                                  v1::VerifyClaimHistoryResponse* response) {
  auto subject = SubjectFromProto(request->subject());
  if (!subject.ok()) return ToGrpcStatus(subject.error());
  const std::function<bool()> cancelled = [context] { return context->IsCancelled(); };
  Result<Verification> verified = VerifyOnce(history_, subject.value(), cancelled);
  if (verified.ok() && verified.value().only_the_tail_amiss) {
    // Removed or added to, or read across a standby ahead of the primary: read it again to tell.
    std::this_thread::sleep_for(kTailRereadPause);
    verified = VerifyOnce(history_, subject.value(), cancelled);
  }
  if (context->IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the call");
  }
  if (!verified.ok()) return ToGrpcStatus(verified.error());
  const std::optional<domain::ChainHead>& head = verified.value().head;
  const domain::ChainVerifier& verifier = verified.value().verifier;
  std::optional<domain::ChainBreak> broken = verified.value().broken;
  if (verifier.event_count() == 0 && !head) {
    return ToGrpcStatus(NoHistory(request->subject(), subject.value()));
  }
  if (!broken && !head) {
    broken = domain::ChainBreak{domain::ChainBreakKind::kRemoved, 0, 0,
                                "removed: the chain's head record is missing"};
  }
  response->set_event_count(verifier.event_count());
  response->set_ok(!broken);
  if (broken) {
    v1::ChainBreak* out = response->mutable_first_break();
    out->set_kind(BreakKindToProto(broken->kind));
    out->set_chain_seq(broken->chain_seq);
    out->set_seq(broken->seq);
    out->set_reason(broken->reason);
    return grpc::Status::OK;
  }
  response->set_head_chain_seq(verifier.last().chain_seq);
  response->set_head_hash(domain::HexOf(verifier.last().hash));
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::GetEligibilityDecision(
    grpc::ServerContext*, const v1::GetEligibilityDecisionRequest* request,
    v1::EligibilityReceipt* response) {
  return decisions_.Get(*request, response);
}

grpc::Status AuditServiceImpl::ListEligibilityDecisions(
    grpc::ServerContext*, const v1::ListEligibilityDecisionsRequest* request,
    v1::ListEligibilityDecisionsResponse* response) {
  return decisions_.List(*request, response);
}

grpc::Status AuditServiceImpl::ReplayEligibilityDecision(
    grpc::ServerContext*, const v1::ReplayEligibilityDecisionRequest* request,
    v1::ReplayEligibilityDecisionResponse* response) {
  return decisions_.Replay(*request, response);
}

}  // namespace disposal::api
