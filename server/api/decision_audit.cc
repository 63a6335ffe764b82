#include "api/decision_audit.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "api/eligibility_mapping.h"
#include "api/page_token.h"
#include "api/status.h"
#include "api/wire_values.h"
#include "domain/identifiers.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

using Lines = std::multiset<std::string>;

// A stored decision that cannot be decided again (its registry version is older than the kept
// history, its disposal is gone, its settings are unknown to this server) is a fact about the
// decision, not a mistake in the call.
Error CannotReplay(const std::string& decision_id, const Error& why) {
  if (why.code == ErrorCode::kUnavailable || why.code == ErrorCode::kInternal) return why;
  return Error::FailedPrecondition("decision " + decision_id +
                                   " cannot be replayed: " + why.Message());
}

// The check as the original saw it: the stored request on the day it was decided (a request
// without as_of was decided as of the day it was made, which the decision records).
Result<domain::BidderQuery> StoredQuery(const v1::EligibilityReceipt& original) {
  bool as_of_given = false;
  ASSIGN_OR_RETURN(domain::BidderQuery query,
                   BidderQueryFromProto(original.request(), &as_of_given));
  ASSIGN_OR_RETURN(query.as_of, DateFromProto(original.decision().as_of(), "decision.as_of"));
  return query;
}

std::string OutcomeName(v1::EligibilityOutcome outcome) {
  static const std::string kPrefix = "ELIGIBILITY_OUTCOME_";
  const std::string name = v1::EligibilityOutcome_Name(outcome);
  return name.compare(0, kPrefix.size(), kPrefix) == 0 ? name.substr(kPrefix.size()) : name;
}

// A path step's relation as compared, in the words this version uses: a pledgor's step
// ("pledgor in this disposal", since 2026-12-02) as the guarantor's it was named before, and a
// relative's step ("parent", since 2026-12-02) without the " of" it had before ("parent of":
// the same fact, the person reached being the one before's parent), so that earlier decisions
// replay the same.
std::string ComparedRelation(const std::string& relation) {
  static const std::string kPledgor = "pledgor in this disposal";
  static const std::string kGuarantor = "guarantor in this disposal";
  static const std::set<std::string> kKinshipsOf = {
      "spouse of", "parent of", "child of", "grandparent of", "grandchild of", "sibling of"};
  if (kKinshipsOf.count(relation) > 0) return relation.substr(0, relation.size() - 3);
  const size_t at = relation.find(kPledgor);
  if (at == std::string::npos) return relation;
  return relation.substr(0, at) + kGuarantor + relation.substr(at + kPledgor.size());
}

// A reason as one line holding everything compared: rule, the reason's own outcome, citation
// and path. The message is left out: its wording may improve while the finding stays the same.
std::string ReasonLine(const v1::EligibilityReason& reason) {
  std::string line =
      reason.rule_id() + " [" + OutcomeName(reason.outcome()) + "; " + reason.citation() + "]";
  for (const v1::PathStep& step : reason.path()) {
    line += " > " + ComparedRelation(step.relation()) + " " + step.identifier() + " " + step.name();
  }
  return line;
}

Lines ReasonLines(const v1::EligibilityDecision& decision) {
  Lines lines;
  for (const v1::EligibilityReason& reason : decision.reasons()) lines.insert(ReasonLine(reason));
  return lines;
}

// One difference per line of `mine` that `theirs` lacks, counting repeats: the same rule may
// fire twice along different paths.
void AddMissing(const Lines& mine, Lines theirs, const std::string& label,
                google::protobuf::RepeatedPtrField<std::string>* differences) {
  for (const std::string& line : mine) {
    auto found = theirs.find(line);
    if (found != theirs.end()) {
      theirs.erase(found);
    } else {
      differences->Add(label + line);
    }
  }
}

// Reasons are compared as a set: their order carries no meaning.
void Compare(const v1::EligibilityDecision& original, const v1::EligibilityDecision& replayed,
             v1::ReplayEligibilityDecisionResponse* out) {
  if (original.outcome() != replayed.outcome()) {
    out->add_differences("outcome: " + OutcomeName(original.outcome()) + " originally, " +
                         OutcomeName(replayed.outcome()) + " on replay");
  }
  const Lines originals = ReasonLines(original);
  const Lines replays = ReasonLines(replayed);
  AddMissing(originals, replays, "reason only in the original: ", out->mutable_differences());
  AddMissing(replays, originals, "reason only in the replay: ", out->mutable_differences());
  out->set_same(out->differences_size() == 0);
}

constexpr int32_t kDecisionsPerPageDefault = 100;

// Receipts are written off the request path (a batch every 200 ms per server, and retried
// while the database is away): a page that ended at a decision must not be followed by an
// earlier decision's receipt arriving later, which the next page, starting after it, would
// skip. So only decisions older than this are listed.
constexpr int64_t kReceiptSettleMicros = 5'000'000;

// The smallest version-7 UUID of the millisecond `micros` falls in: every decision made
// before that millisecond sorts below it.
std::string FirstUuidOfMillisecond(int64_t micros) {
  char text[64];
  // 48 bits of milliseconds, as version 7 keeps them.
  const uint64_t ms =
      (static_cast<uint64_t>(std::max<int64_t>(micros, 0)) / 1000) & 0xffffffffffffULL;
  std::snprintf(text, sizeof text, "%08llx-%04llx-0000-0000-000000000000",
                static_cast<unsigned long long>(ms >> 16),
                static_cast<unsigned long long>(ms & 0xffff));
  return text;
}

// The listing's filter from the request, validated; errors name the field.
Result<domain::DecisionFilter> FilterOf(const v1::ListEligibilityDecisionsRequest& request) {
  domain::DecisionFilter filter;
  if (!domain::IsUuid(request.disposal_id())) {
    return domain::NotAUuid("disposal_id", request.disposal_id());
  }
  filter.disposal_id = domain::AsciiLowercase(request.disposal_id());
  if (!request.bidder().empty()) {
    // The shape only: a receipt keeps the bidder as it was checked then, and the check
    // characters' rules may have grown stricter since. An unknown bidder lists none.
    if (!domain::IsNationalIdShaped(request.bidder()) &&
        !domain::IsCreditCodeShaped(request.bidder())) {
      return Error::InvalidArgument("bidder",
                                    "must be 18 characters: a national ID (17 digits and a digit "
                                    "or X) or a unified social credit code (digits and capitals "
                                    "other than I, O, S, V and Z)");
    }
    filter.bidder = request.bidder();
  }
  switch (request.outcome()) {
    case v1::ELIGIBILITY_OUTCOME_UNSPECIFIED:
      break;
    case v1::ELIGIBILITY_OUTCOME_ELIGIBLE:
    case v1::ELIGIBILITY_OUTCOME_INELIGIBLE:
    case v1::ELIGIBILITY_OUTCOME_REVIEW:
      filter.outcome = OutcomeName(request.outcome());
      break;
    default:
      return Error::InvalidArgument("outcome", "is not a known outcome");
  }
  return filter;
}

v1::EligibilityOutcome OutcomeFromName(const std::string& name) {
  v1::EligibilityOutcome outcome = v1::ELIGIBILITY_OUTCOME_UNSPECIFIED;
  v1::EligibilityOutcome_Parse("ELIGIBILITY_OUTCOME_" + name, &outcome);
  return outcome;
}

void SummaryOf(const domain::DecisionRecord& record, v1::EligibilityDecisionSummary* out) {
  out->set_decision_id(record.decision_id);
  *out->mutable_decide_time() = TimeUtil::MicrosecondsToTimestamp(record.decided_micros);
  out->set_actor(record.actor);
  out->set_bidder(record.bidder);
  out->set_outcome(OutcomeFromName(record.outcome));
  out->set_registry_version(record.registry_version);
}

}  // namespace

Status DecisionAudit::ListPage(const v1::ListEligibilityDecisionsRequest& request,
                               v1::ListEligibilityDecisionsResponse* out) {
  ASSIGN_OR_RETURN(domain::DecisionFilter filter, FilterOf(request));
  filter.before_decision_id = FirstUuidOfMillisecond(now_micros_() - kReceiptSettleMicros);
  ASSIGN_OR_RETURN(const int32_t size,
                   domain::BoundedPageSize(request.page_size(), kDecisionsPerPageDefault,
                                           static_cast<int>(domain::kDecisionsPerPageMax)));
  const std::string filter_key =
      "ListEligibilityDecisions|" + filter.disposal_id + "|" + filter.bidder + "|" + filter.outcome;
  ASSIGN_OR_RETURN(const std::optional<domain::ClaimCursor> after,
                   DecodePageToken(request.page_token(), filter_key));
  // One more than the page: whether another page follows.
  ASSIGN_OR_RETURN(
      domain::DecisionScan scan,
      decisions_.ListDecisions(filter, after ? after->id : "", static_cast<size_t>(size) + 1));
  std::vector<domain::DecisionRecord>& records = scan.matched;
  const bool more = records.size() > static_cast<size_t>(size);
  if (more) records.pop_back();
  for (const domain::DecisionRecord& record : records) SummaryOf(record, out->add_decisions());
  if (more) {
    const domain::DecisionRecord& last = records.back();
    out->set_next_page_token(EncodePageToken({last.decided_micros, last.decision_id}, filter_key));
  } else if (!scan.stopped_after_id.empty()) {
    // A short page, perhaps empty: the read stopped at its bound; the next one starts there.
    out->set_next_page_token(EncodePageToken({0, scan.stopped_after_id}, filter_key));
  }
  return OkStatus();
}

grpc::Status DecisionAudit::List(const v1::ListEligibilityDecisionsRequest& request,
                                 v1::ListEligibilityDecisionsResponse* out) {
  Status listed = ListPage(request, out);
  if (!listed.ok()) return ToGrpcStatus(listed.error());
  return grpc::Status::OK;
}

Status DecisionAudit::Fetch(const std::string& decision_id, v1::EligibilityReceipt* out) {
  if (!domain::IsUuid(decision_id)) return domain::NotAUuid("decision_id", decision_id);
  ASSIGN_OR_RETURN(domain::DecisionRecord record, decisions_.FindDecision(decision_id));
  if (!out->mutable_request()->ParseFromString(record.request) ||
      !out->mutable_decision()->ParseFromString(record.decision)) {
    return Error::Internal("the stored receipt of decision " + decision_id + " does not parse");
  }
  out->set_actor(record.actor);
  return OkStatus();
}

Status DecisionAudit::Decide(const v1::EligibilityReceipt& original,
                             v1::EligibilityDecision* replayed) {
  const v1::EligibilityDecision& decision = original.decision();
  const std::string& id = decision.decision_id();
  const std::vector<std::string> described(decision.settings().begin(), decision.settings().end());
  auto settings = domain::ParseDescribedSettings(described);
  if (!settings.ok()) return CannotReplay(id, settings.error());
  auto query = StoredQuery(original);
  if (!query.ok()) return CannotReplay(id, query.error());
  auto snapshot = decisions_.LoadSnapshotAt(decision.registry_version());
  if (!snapshot.ok()) return CannotReplay(id, snapshot.error());
  // The disposal's deposit and parties as they were when the decision was made: a later
  // change to the disposal or its claims must not show as a difference.
  auto context = registry_.LoadDisposalContextAsOf(
      original.request().disposal_id(), TimeUtil::TimestampToMicroseconds(decision.decide_time()));
  if (!context.ok()) return CannotReplay(id, context.error());
  domain::Decision again;
  again.result = domain::EvaluateEligibility(*snapshot.value(), context.value(), query.value(),
                                             settings.value());
  again.registry_version = snapshot.value()->version();
  again.as_of = query.value().as_of;
  again.decide_micros = now_micros_();
  DecisionToProto(again, described, replayed);
  return OkStatus();
}

grpc::Status DecisionAudit::Get(const v1::GetEligibilityDecisionRequest& request,
                                v1::EligibilityReceipt* out) {
  Status fetched = Fetch(request.decision_id(), out);
  if (!fetched.ok()) return ToGrpcStatus(fetched.error());
  return grpc::Status::OK;
}

grpc::Status DecisionAudit::Replay(const v1::ReplayEligibilityDecisionRequest& request,
                                   v1::ReplayEligibilityDecisionResponse* out) {
  Status fetched = Fetch(request.decision_id(), out->mutable_original());
  if (!fetched.ok()) return ToGrpcStatus(fetched.error());
  Status decided = Decide(out->original(), out->mutable_replayed());
  if (!decided.ok()) return ToGrpcStatus(decided.error());
  Compare(out->original().decision(), out->replayed(), out);
  return grpc::Status::OK;
}

}  // namespace disposal::api
