#include "api/eligibility_service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "api/eligibility_mapping.h"
#include "api/guarded_service.h"
#include "api/request_context.h"
#include "api/status.h"
#include "domain/audit_chain.h"
#include "domain/call_deadline.h"
#include "domain/identifiers.h"
#include "domain/registry_csv.h"
#include "domain/sha256.h"
#include "domain/text_rules.h"
#include "log/log.h"

namespace disposal::api {
namespace {

// An import is one transaction; past these it should be split.
constexpr int64_t kImportRowsMax = 1'000'000;
constexpr int64_t kImportBytesMax = 256LL * 1024 * 1024;
constexpr size_t kImportErrorsListedMax = 1000;
// Bounds one stream so that a partner cannot hold a snapshot (and its memory) forever.
constexpr int64_t kStreamItemsMax = 10'000'000;
// Bounds one stream message (and so the memory one message's answers take).
constexpr int kChecksPerStreamMessageMax = 1000;
// A stream message's answers are sent in parts of at most this many bytes: a thousand
// decisions with many reasons each could pass the server's 4 MiB message limit, and the call
// would fail after their receipts were queued.
constexpr size_t kStreamResponseBytesMax = 3 * 1024 * 1024;

// Writes `response`'s results in order, in one message when they fit kStreamResponseBytesMax,
// else in consecutive parts that each do (every result carries its index). False once the
// stream is broken.
bool WriteInParts(
    grpc::ServerReaderWriter<v1::EligibilityStreamResponse, v1::EligibilityStreamRequest>* stream,
    v1::EligibilityStreamResponse& response) {
  if (response.ByteSizeLong() <= kStreamResponseBytesMax) return stream->Write(response);
  v1::EligibilityStreamResponse part;
  size_t part_bytes = 0;
  // A result's field tag and length prefix: at most 1 + 5 bytes.
  constexpr size_t kFraming = 6;
  for (v1::EligibilityStreamResult& result : *response.mutable_results()) {
    const size_t bytes = result.ByteSizeLong() + kFraming;
    if (part.results_size() > 0 && part_bytes + bytes > kStreamResponseBytesMax) {
      if (!stream->Write(part)) return false;
      part.Clear();
      part_bytes = 0;
    }
    *part.add_results() = std::move(result);
    part_bytes += bytes;
  }
  return part.results_size() == 0 || stream->Write(part);
}

// What an import's audit event holds of it: the file's SHA-256 (hex), size and lines, and the
// rows applied, so that the chain attests which file made the registry version (the rows
// themselves are in the registry's history). Counts as decimal text: JSON numbers are doubles.
google::protobuf::Struct ImportAuditRecord(const std::string& sha256_hex, int64_t bytes,
                                           int64_t lines, int64_t rows) {
  google::protobuf::Struct record;
  auto& fields = *record.mutable_fields();
  fields["file_sha256"].set_string_value(sha256_hex);
  fields["file_bytes"].set_string_value(std::to_string(bytes));
  fields["file_lines"].set_string_value(std::to_string(lines));
  fields["rows"].set_string_value(std::to_string(rows));
  return record;
}

Error IndexLoading() {
  return Error::Unavailable("the eligibility index is still loading; try again shortly");
}

const char* ReferenceNoun(domain::RegistryReference::Kind kind) {
  switch (kind) {
    case domain::RegistryReference::Kind::kPerson:
      return "person";
    case domain::RegistryReference::Kind::kOrganization:
      return "organisation";
    default:
      return "disposal";
  }
}

std::set<std::string>& IdsOfKind(domain::RegistryIds& ids, domain::RegistryReference::Kind kind) {
  switch (kind) {
    case domain::RegistryReference::Kind::kPerson:
      return ids.persons;
    case domain::RegistryReference::Kind::kOrganization:
      return ids.organizations;
    default:
      return ids.disposals;
  }
}

// A person or organisation row's own identifier, as a reference to what it adds or removes.
std::optional<domain::RegistryReference> EntryOf(const domain::RegistryChange& change) {
  using Kind = domain::RegistryReference::Kind;
  if (const auto* person = std::get_if<domain::RegistryPersonChange>(&change.entry)) {
    return domain::RegistryReference{Kind::kPerson, "national_id", person->national_id};
  }
  if (const auto* organization = std::get_if<domain::OrganizationEntry>(&change.entry)) {
    return domain::RegistryReference{Kind::kOrganization, "credit_code", organization->credit_code};
  }
  return std::nullopt;
}

// A change's reference to a person, organisation or disposal that is not there when the change
// is applied, and why.
struct MissingReference {
  size_t change = 0;
  domain::RegistryReference reference;
  std::string why;
};

// The references of `changes` to what is not there when each is applied: changes apply in
// order, so the registry as it is plus what earlier changes add, less what they remove. The
// database would refuse the whole batch without saying which change. At most `most`;
// `where(i)` names change i in a message ("on line 12", "by changes[3]"). Fails only when the
// registry cannot be read.
Result<std::vector<MissingReference>> FindMissingReferences(
    domain::RegistryRepository& repository, const std::vector<domain::RegistryChange>& changes,
    const std::function<std::string(size_t)>& where, size_t most) {
  domain::RegistryIds wanted;
  std::map<std::string, size_t> first_added;  // id -> the change that first adds it
  for (size_t i = 0; i < changes.size(); ++i) {
    for (const domain::RegistryReference& reference : domain::ReferencesOf(changes[i])) {
      IdsOfKind(wanted, reference.kind).insert(reference.id);
    }
    if (auto entry = EntryOf(changes[i]); entry && !changes[i].remove) {
      first_added.emplace(entry->id, i);
    }
  }
  std::vector<MissingReference> missing;
  if (wanted.persons.empty() && wanted.organizations.empty() && wanted.disposals.empty()) {
    return missing;
  }
  ASSIGN_OR_RETURN(domain::RegistryIds present, repository.ExistingOf(wanted));
  for (size_t i = 0; i < changes.size(); ++i) {
    for (const domain::RegistryReference& reference : domain::ReferencesOf(changes[i])) {
      if (IdsOfKind(present, reference.kind).count(reference.id) > 0) continue;
      if (missing.size() >= most) return missing;
      const auto later = first_added.find(reference.id);
      const std::string why =
          later != first_added.end() && later->second > i
              ? " is added only " + where(later->second) + "; list it before the rows that name it"
              : ": no " + std::string(ReferenceNoun(reference.kind)) +
                    " with this identifier is registered or added earlier";
      missing.push_back({i, reference, why});
    }
    if (auto entry = EntryOf(changes[i])) {
      std::set<std::string>& ids = IdsOfKind(present, entry->kind);
      if (changes[i].remove) {
        ids.erase(entry->id);
      } else {
        ids.insert(entry->id);
      }
    }
  }
  return missing;
}

// The oneof field of a change that names other entries, for error field paths.
std::string EntryFieldName(const v1::RegistryChange& change) {
  switch (change.entry_case()) {
    case v1::RegistryChange::kRole:
      return "role";
    case v1::RegistryChange::kRelation:
      return "relation";
    case v1::RegistryChange::kParticipation:
      return "participation";
    case v1::RegistryChange::kEngagement:
      return "engagement";
    default:
      return "entry";
  }
}

}  // namespace

Status EligibilityServiceImpl::Decide(const domain::RegistrySnapshot& snapshot,
                                      const v1::CheckBidderEligibilityRequest& request,
                                      const std::string& actor, v1::EligibilityDecision* out,
                                      std::vector<domain::DecisionRecord>* receipts,
                                      domain::AwardConditions* award) {
  if (!domain::IsUuid(request.disposal_id())) {
    return domain::NotAUuid("disposal_id", request.disposal_id());
  }
  bool as_of_given = false;
  ASSIGN_OR_RETURN(domain::BidderQuery query, BidderQueryFromProto(request, &as_of_given));
  const domain::Principal* caller = CurrentPrincipal();
  // A partner learns of a disposal from its published notice; a draft's terms (its deposit,
  // the claims it offers) may still change, and its existence is the AMC's own business.
  const bool partner = caller != nullptr && caller->role == domain::Role::kPartner;
  ASSIGN_OR_RETURN(domain::Decision decision,
                   checker_.Check(snapshot, request.disposal_id(), std::move(query), as_of_given,
                                  /*fresh_context=*/award != nullptr,
                                  /*published_only=*/partner));
  // Built in place: the response may live on gRPC's arena, where a move would be a deep copy.
  DecisionToProto(decision, checker_.described_settings(), out);
  receipts->push_back(DecisionLog::Receipt(actor, request, *out));
  if (partner) MaskThirdPartyPersons(decision.result, out);
  if (award != nullptr) {
    award->claim_versions = std::move(decision.claim_versions);
    award->obligors = std::move(decision.obligors);
  }
  return OkStatus();
}

std::vector<int> EligibilityServiceImpl::CallbackMethodIndices() {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::EligibilityService::service_full_name());
  return {service->FindMethodByName("CheckBidderEligibility")->index(),
          service->FindMethodByName("Ping")->index()};
}

grpc::ServerUnaryReactor* EligibilityServiceImpl::CheckBidderEligibility(
    grpc::CallbackServerContext* context, const v1::CheckBidderEligibilityRequest* request,
    v1::EligibilityDecision* response) {
  return GuardedUnary(context, [&] { return CheckOne(*context, *request, response); });
}

grpc::Status EligibilityServiceImpl::CheckOne(const grpc::CallbackServerContext& context,
                                              const v1::CheckBidderEligibilityRequest& request,
                                              v1::EligibilityDecision* response) {
  std::shared_ptr<const domain::RegistrySnapshot> snapshot = checker_.Snapshot();
  if (!snapshot) return ToGrpcStatus(IndexLoading());
  std::vector<domain::DecisionRecord> receipts;
  Status decided = Decide(*snapshot, request, ActorOf(context), response, &receipts);
  if (!decided.ok()) return ToGrpcStatus(decided.error());
  // No decision is given without its receipt queued.
  if (Status kept = log_.RecordAll(receipts); !kept.ok()) return ToGrpcStatus(kept.error());
  return grpc::Status::OK;
}

grpc::Status EligibilityServiceImpl::CheckBidderEligibilityStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::EligibilityStreamResponse, v1::EligibilityStreamRequest>* stream) {
  return FinishStream([&] { return AnswerStream(context, stream); });
}

grpc::Status EligibilityServiceImpl::AnswerStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::EligibilityStreamResponse, v1::EligibilityStreamRequest>* stream) {
  // Pinned: every answer of this stream uses the registry as it was when the stream opened.
  std::shared_ptr<const domain::RegistrySnapshot> snapshot = checker_.Snapshot();
  if (!snapshot) return ToGrpcStatus(IndexLoading());
  const std::string actor = ActorOf(*context);
  const StreamSlots::Slot slot(stream_slots_, StreamCallerOf(*context));
  if (!slot.taken()) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "at most " + std::to_string(stream_slots_.per_caller()) +
                            " eligibility streams may be open at a time per caller; close one");
  }
  v1::EligibilityStreamRequest request;
  v1::EligibilityStreamResponse response;
  // A message's receipts are queued together, one lock for up to 1,000 checks, and before its
  // answers are sent.
  std::vector<domain::DecisionRecord> receipts;
  int64_t index = 0;
  while (stream->Read(&request)) {
    if (grpc::Status allowed = StillAuthorized(); !allowed.ok()) return allowed;
    if (request.checks_size() == 0 || request.checks_size() > kChecksPerStreamMessageMax) {
      return ToGrpcStatus(Error::InvalidArgument("checks", "a message must hold 1..1000 checks"));
    }
    if (index + request.checks_size() > kStreamItemsMax) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "a stream may check at most 10,000,000 bidders; open another");
    }
    if (grpc::Status paced = PaceCalls(static_cast<uint32_t>(request.checks_size())); !paced.ok()) {
      return paced;
    }
    response.Clear();
    for (const v1::CheckBidderEligibilityRequest& check : request.checks()) {
      AnswerInto(*snapshot, check, actor, index++, response.add_results(), &receipts);
    }
    if (Status kept = log_.RecordAll(receipts); !kept.ok()) return ToGrpcStatus(kept.error());
    if (!WriteInParts(stream, response)) break;
  }
  // Cancelled by the server (its token revoked, or idle): FinishStream says CANCELLED.
  return grpc::Status::OK;
}

void EligibilityServiceImpl::AnswerInto(const domain::RegistrySnapshot& snapshot,
                                        const v1::CheckBidderEligibilityRequest& check,
                                        const std::string& actor, int64_t index,
                                        v1::EligibilityStreamResult* result,
                                        std::vector<domain::DecisionRecord>* receipts) {
  result->set_index(index);
  Status decided = Decide(snapshot, check, actor, result->mutable_decision(), receipts);
  if (!decided.ok()) {
    result->set_error(std::string(CanonicalCodeName(decided.error().code)) + ": " +
                      decided.error().Message());
  }
}

Status EligibilityServiceImpl::CheckForAward(const v1::CheckBidderEligibilityRequest& request,
                                             const std::string& actor, v1::EligibilityDecision* out,
                                             domain::AwardConditions* conditions) {
  if (!checker_.Snapshot()) return IndexLoading();
  // Bounded by the call's own deadline too: a thread waiting past it serves no one.
  std::chrono::milliseconds wait = award_catch_up_wait_;
  if (const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft()) {
    wait = std::clamp(*left, std::chrono::milliseconds(0), wait);
  }
  RETURN_IF_ERROR(checker_.CatchUpWithRegistry(wait));
  std::shared_ptr<const domain::RegistrySnapshot> snapshot = checker_.Snapshot();
  std::vector<domain::DecisionRecord> receipts;
  RETURN_IF_ERROR(Decide(*snapshot, request, actor, out, &receipts, conditions));
  conditions->receipt = std::move(receipts.front());
  return OkStatus();
}

void EligibilityServiceImpl::KeepReceipt(domain::DecisionRecord receipt) {
  std::vector<domain::DecisionRecord> receipts;
  receipts.push_back(receipt);
  // The award that made it was not booked, and its refusal names the decision: kept for the
  // record, or named in the server's log when the queue cannot take it.
  if (Status kept = log_.RecordAll(receipts); !kept.ok()) {
    DecisionLog::ReportLost(receipt, kept.error().Message());
  }
}

grpc::ServerUnaryReactor* EligibilityServiceImpl::Ping(grpc::CallbackServerContext* context,
                                                       const v1::PingRequest*, v1::PingResponse*) {
  return GuardedUnary(context, [] { return grpc::Status::OK; });
}

Status RegistryServiceImpl::CatchUp(int64_t version, const grpc::ServerContextBase& context) {
  using Clock = std::chrono::steady_clock;
  std::chrono::milliseconds bound = catch_up_wait_;
  if (const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft()) {
    bound = std::clamp(*left, std::chrono::milliseconds(0), bound);
  }
  const Clock::time_point give_up = Clock::now() + bound;
  // Another rebuild under way (the change listener's, or another caller's) is waited for, not
  // queued behind: it may take seconds and cannot be cancelled, and this thread must stay
  // free to end with its call. A rebuild of this call's own runs once; after a failure the
  // background refresher (LISTEN/NOTIFY) may still load the version meanwhile.
  std::string why = "another rebuild of the index is still under way";
  bool rebuilt_once = false;
  while (!checker_.WaitForVersion(version, std::chrono::milliseconds(0))) {
    if (!rebuilt_once) {
      if (std::optional<Status> refreshed = checker_.TryRefresh(version)) {
        if (refreshed->ok()) return OkStatus();
        rebuilt_once = true;
        why = refreshed->error().Message();
        log::Warning("index_refresh_failed", {{"reason", why}});
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now());
    if (left.count() <= 0 || context.IsCancelled()) {
      return Error::Unavailable("the change is committed as registry version " +
                                std::to_string(version) +
                                ", but this server's index has not loaded it yet (" + why +
                                "); checks on this server may not see it until it does");
    }
    checker_.WaitForVersion(version, std::min(left, kCatchUpPoll));
  }
  return OkStatus();
}

grpc::Status RegistryServiceImpl::ApplyRegistryChanges(
    grpc::ServerContext* context, const v1::ApplyRegistryChangesRequest* request,
    v1::ApplyRegistryChangesResponse* response) {
  if (auto s = ValidateRequestId(request->request_id(), false); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  if (request->changes_size() == 0 ||
      request->changes_size() > static_cast<int>(domain::kRegistryChangesPerCallMax)) {
    return ToGrpcStatus(Error::InvalidArgument("changes", "must hold 1..1000 changes"));
  }
  std::vector<domain::RegistryChange> changes;
  const domain::Date today = checker_.Today();
  for (int i = 0; i < request->changes_size(); ++i) {
    const std::string prefix = "changes[" + std::to_string(i) + "]";
    auto change = RegistryChangeFromProto(request->changes(i), prefix);
    if (!change.ok()) return ToGrpcStatus(change.error());
    if (auto born = domain::CheckBornByToday(change.value(), today, prefix); !born.ok()) {
      return ToGrpcStatus(born.error());
    }
    changes.push_back(std::move(change).value());
  }
  for (const domain::ConflictingAddition& conflict : domain::FindConflictingAdditions(changes, 1)) {
    return ToGrpcStatus(Error::InvalidArgument(
        "changes[" + std::to_string(conflict.change) + "]",
        "adds " + conflict.entry + " that changes[" + std::to_string(conflict.earlier) +
            "] adds too, with other values; send each entry once"));
  }
  auto version =
      repository_.ApplyChanges(changes, RequestKeyOf(*request, request->request_id()),
                               AuditOf(*context, "disposal.v1.RegistryService/ApplyRegistryChanges",
                                       *request, request->request_id()));
  if (!version.ok()) return ToGrpcStatus(NamedMissingReference(*request, changes, version.error()));
  if (Status caught_up = CatchUp(version.value(), *context); !caught_up.ok()) {
    return ToGrpcStatus(caught_up.error());
  }
  response->set_registry_version(version.value());
  return grpc::Status::OK;
}

// The database refuses a change naming what is not registered without saying which change;
// asked only after the refusal, so that a retry is answered from its first call (the request
// id is checked first) even if what it named has been removed since.
Error RegistryServiceImpl::NamedMissingReference(const v1::ApplyRegistryChangesRequest& request,
                                                 const std::vector<domain::RegistryChange>& changes,
                                                 const Error& refusal) {
  if (refusal.code != ErrorCode::kFailedPrecondition) return refusal;
  auto missing = FindMissingReferences(
      repository_, changes, [](size_t i) { return "by changes[" + std::to_string(i) + "]"; }, 1);
  if (!missing.ok() || missing.value().empty()) return refusal;
  const MissingReference& first = missing.value().front();
  const std::string field = "changes[" + std::to_string(first.change) + "]." +
                            EntryFieldName(request.changes(static_cast<int>(first.change))) + "." +
                            first.reference.field;
  return Error{ErrorCode::kFailedPrecondition, field, first.reference.id + first.why};
}

Status RegistryServiceImpl::ListMissingReferences(
    const std::vector<domain::RegistryChange>& changes, const std::vector<int64_t>& lines,
    v1::ImportRegistryResponse* response) {
  ASSIGN_OR_RETURN(
      const std::vector<MissingReference> missing,
      FindMissingReferences(
          repository_, changes, [&](size_t i) { return "on line " + std::to_string(lines[i]); },
          kImportErrorsListedMax));
  for (const MissingReference& reference : missing) {
    v1::RowError* error = response->add_errors();
    error->set_line(lines[reference.change]);
    error->set_reason(reference.reference.field + " " + reference.reference.id + reference.why);
  }
  return OkStatus();
}

grpc::Status RegistryServiceImpl::ImportRegistry(
    grpc::ServerContext* context, grpc::ServerReader<v1::ImportRegistryChunk>* reader,
    v1::ImportRegistryResponse* response) {
  return FinishStream([&] { return ReadAndApply(context, reader, response); });
}

grpc::Status RegistryServiceImpl::ReadAndApply(grpc::ServerContext* context,
                                               grpc::ServerReader<v1::ImportRegistryChunk>* reader,
                                               v1::ImportRegistryResponse* response) {
  const StreamSlots::Slot slot(import_slots_, StreamCallerOf(*context));
  if (!slot.taken()) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "at most " + std::to_string(import_slots_.per_caller()) +
                            " registry imports may be under way at a time per caller; wait for "
                            "one to end");
  }
  std::vector<domain::RegistryChange> changes;
  std::vector<int64_t> lines;  // of each change
  domain::CsvRecordSplitter records;
  int64_t bytes = 0;
  domain::Sha256Stream file_hash;
  const domain::Date today = checker_.Today();
  const auto upload_deadline = std::chrono::steady_clock::now() + import_upload_max_;
  auto take_record = [&](const std::string& record, int64_t line) {
    if (domain::IsRegistryCsvSkippable(record)) return;
    auto change = domain::ParseRegistryCsvLine(record, today);
    if (change.ok()) {
      changes.push_back(std::move(change).value());
      lines.push_back(line);
    } else if (response->errors_size() < static_cast<int>(kImportErrorsListedMax)) {
      v1::RowError* error = response->add_errors();
      error->set_line(line);
      error->set_reason(change.error().Message());
    }
  };
  v1::ImportRegistryChunk chunk;
  bool ended = false;  // a chunk marked `last` has arrived
  while (reader->Read(&chunk)) {
    if (grpc::Status allowed = StillAuthorized(); !allowed.ok()) return allowed;
    if (std::chrono::steady_clock::now() > upload_deadline) {
      return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                          "the upload took longer than " +
                              std::to_string(import_upload_max_.count()) +
                              " s (the server's --import-upload-seconds); nothing was applied: "
                              "send the file again, or split it");
    }
    if (ended) {
      return ToGrpcStatus(Error::InvalidArgument(
          "last", "a chunk arrived after the chunk marked last; nothing was applied"));
    }
    ended = chunk.last();
    bytes += static_cast<int64_t>(chunk.data().size());
    if (bytes > kImportBytesMax) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "an import may hold at most 256 MiB; split the file");
    }
    file_hash.Add(chunk.data());
    records.Feed(chunk.data(), take_record);
    if (records.lines() > kImportRowsMax) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "an import may hold at most 1,000,000 lines; split the file");
    }
  }
  // Read() ends the same way for a finished upload and for one cut off: only the marker tells
  // them apart, and a truncated file must never be applied.
  // Applying may take longer than the idle bound; the call must not be cancelled under a
  // transaction that then commits. The watcher stops here, so the caller is asked once more
  // after: a token revoked during the upload must not have it applied.
  if (!StreamFinishing() || context->IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the import was cancelled; nothing applied");
  }
  if (grpc::Status allowed = StillAuthorized(); !allowed.ok()) return allowed;
  if (!ended) {
    return ToGrpcStatus(Error::InvalidArgument(
        "last",
        "the stream ended without a chunk marked last (the upload was cut off?); "
        "nothing was applied"));
  }
  records.Finish(take_record);
  if (records.lines() > kImportRowsMax) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "an import may hold at most 1,000,000 lines; split the file");
  }
  response->set_rows(static_cast<int64_t>(changes.size()));
  if (response->errors_size() == 0) {
    for (const domain::ConflictingAddition& conflict :
         domain::FindConflictingAdditions(changes, kImportErrorsListedMax)) {
      v1::RowError* error = response->add_errors();
      error->set_line(lines[conflict.change]);
      error->set_reason(conflict.entry + " is added on line " +
                        std::to_string(lines[conflict.earlier]) +
                        " too, with other values; list each entry once");
    }
  }
  if (response->errors_size() == 0) {
    if (Status listed = ListMissingReferences(changes, lines, response); !listed.ok()) {
      return ToGrpcStatus(listed.error());
    }
  }
  if (response->errors_size() > 0 || changes.empty()) {
    response->set_applied(false);
    return grpc::Status::OK;
  }
  auto version = repository_.ApplyChanges(
      changes, domain::RequestKey{},
      AuditOf(*context, "disposal.v1.RegistryService/ImportRegistry",
              ImportAuditRecord(domain::HexOf(file_hash.Finish()), bytes, records.lines(),
                                static_cast<int64_t>(changes.size())),
              ""));
  if (!version.ok()) {
    // Another caller may have removed what a row refers to since it was looked for above: the
    // database refused the reference, and the row is named as the look would have named it.
    if (version.error().code == ErrorCode::kFailedPrecondition &&
        ListMissingReferences(changes, lines, response).ok() && response->errors_size() > 0) {
      response->set_applied(false);
      return grpc::Status::OK;
    }
    return ToGrpcStatus(version.error());
  }
  if (Status caught_up = CatchUp(version.value(), *context); !caught_up.ok()) {
    return ToGrpcStatus(caught_up.error());
  }
  response->set_applied(true);
  response->set_registry_version(version.value());
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::GetRegistryParty(grpc::ServerContext*,
                                                   const v1::GetRegistryPartyRequest* request,
                                                   v1::RegistryParty* response) {
  const bool is_person = request->party_case() == v1::GetRegistryPartyRequest::kNationalId;
  std::string identifier;
  std::string field;
  // The stored shape only: the registry may hold identifiers taken under older rules, and
  // shows them, so each can be looked up in turn. An unknown one is NOT_FOUND.
  if (is_person) {
    identifier = request->national_id();
    field = "national_id";
    if (!domain::IsNationalIdShaped(identifier)) {
      return ToGrpcStatus(
          Error::InvalidArgument(field, "must be 18 characters: 17 digits and a digit or X"));
    }
  } else if (request->party_case() == v1::GetRegistryPartyRequest::kCreditCode) {
    identifier = request->credit_code();
    field = "credit_code";
    if (!domain::IsCreditCodeShaped(identifier)) {
      return ToGrpcStatus(Error::InvalidArgument(
          field, "must be 18 characters: digits and capitals other than I, O, S, V and Z"));
    }
  } else {
    return ToGrpcStatus(Error::InvalidArgument("party", "give a national_id or a credit_code"));
  }
  auto party = repository_.LoadParty(identifier, is_person);
  if (!party.ok()) return ToGrpcStatus(party.error());
  if (party.value().Empty()) {
    // Nothing stored under it: an identifier the rules refuse is a typo, not a clean party
    // (INVALID_ARGUMENT, as a check would answer).
    std::optional<Error> refused;
    if (is_person) {
      auto valid = domain::ValidateNationalId(identifier);
      if (!valid.ok()) refused = valid.error();
    } else if (Status valid = domain::ValidateCreditCode(identifier); !valid.ok()) {
      refused = valid.error();
    }
    if (refused) {
      refused->field = field;
      return ToGrpcStatus(*refused);
    }
    return ToGrpcStatus(Error::NotFound("the registry holds nothing on " + field + " " +
                                        identifier + " (registry version " +
                                        std::to_string(party.value().registry_version) + ")"));
  }
  RegistryPartyToProto(party.value(), response);
  return grpc::Status::OK;
}

}  // namespace disposal::api
