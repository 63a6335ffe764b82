#include "domain/disposal_registry.h"

#include <algorithm>
#include <map>

#include "domain/date.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

constexpr char kCreateRpc[] = "disposal.v1.DisposalService/CreateDisposal";
constexpr char kUpdateRpc[] = "disposal.v1.DisposalService/UpdateDisposal";
constexpr char kPublishRpc[] = "disposal.v1.DisposalService/PublishDisposal";
constexpr char kTransitionRpc[] = "disposal.v1.DisposalService/TransitionDisposal";

std::string LotField(size_t index) { return "disposal.lots[" + std::to_string(index) + "]"; }

// The lots' book values together. Each is at most one claim's whole, which fits an amount; the
// sum of several claims' may not.
Result<Money> LotsTotal(const std::vector<Money>& values) {
  Result<Money> total = Sum(values);
  if (total.ok()) return total;
  return Error::InvalidArgument("disposal.lots",
                                "the lots' book values together pass " +
                                    Money::FromFen(Money::kMaxFen).value().ToGroupedString() +
                                    ", the most one amount can hold; offer their claims in "
                                    "separate disposals");
}

bool Blocks(const SubmissionSummary& submission) {
  return submission.kind != SubmissionKind::kInquiry &&
         submission.resolution == Resolution::kUnresolved;
}

// The submission as stored: its lot one of the disposal's, marked late when received after
// the objection window (never refused for being late), unresolved.
Result<Submission> PlanSubmission(const Submission& submission, const DisposalRecord& record) {
  Submission stored = submission;
  stored.lot_id = AsciiLowercase(submission.lot_id);
  bool lot_found = stored.lot_id.empty();
  for (const Lot& lot : record.disposal.content.lots) lot_found |= lot.id == stored.lot_id;
  if (!lot_found) {
    return Error::InvalidArgument("submission.lot_id",
                                  "is not a lot of disposal " + submission.disposal_id);
  }
  stored.late = IsLateSubmission(record.disposal.publication, submission.received_micros);
  stored.resolution = Resolution::kUnresolved;
  return stored;
}

}  // namespace

Result<CalendarYear> CalendarRegistry::Import(const CalendarYear& year, bool may_remove_days,
                                              const RequestKey& key, const AuditContext& audit) {
  RETURN_IF_ERROR(ValidateCalendarYear(year));
  return repository_.ImportYear(year, may_remove_days, key, audit);
}

Result<CalendarYear> CalendarRegistry::Validate(const CalendarYear& year, bool may_remove_days) {
  RETURN_IF_ERROR(ValidateCalendarYear(year));
  if (may_remove_days) return year;
  ASSIGN_OR_RETURN(const StoredCalendar stored, repository_.LoadAll());
  for (const CalendarYear& held : stored.years) {
    if (held.year == year.year) RETURN_IF_ERROR(CheckNoHeldDayLeftOut(held.special_days, year));
  }
  return year;
}

Result<CalendarYear> CalendarRegistry::Get(int year) {
  if (year < kMinBusinessYear || year > kMaxBusinessYear) {
    return Error::InvalidArgument("year", std::to_string(year) + " is outside " +
                                              std::to_string(kMinBusinessYear) + ".." +
                                              std::to_string(kMaxBusinessYear));
  }
  ASSIGN_OR_RETURN(StoredCalendar stored, repository_.LoadAll());
  for (CalendarYear& held : stored.years) {
    if (held.year == year) return std::move(held);
  }
  return Error::FailedPrecondition(
      "the working-day calendar has no data for " + std::to_string(year) +
      "; staff or an admin import it with ImportCalendarYear (disposalctl calendar import)");
}

Result<WorkingDayCalendar> CalendarRegistry::Load() {
  ASSIGN_OR_RETURN(StoredCalendar stored, repository_.LoadAll());
  return WorkingDayCalendar(stored.years, stored.revision);
}

Result<Date> CalendarRegistry::ComputeDeadline(const Date& start, int working_days) {
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, Load());
  return calendar.AddWorkingDays(start, working_days);
}

Result<std::vector<Money>> DisposalRegistry::LiveBookValues(const DisposalContent& content,
                                                            std::optional<int64_t> as_of_micros,
                                                            ClaimVersions* claim_versions,
                                                            std::optional<Date> books_through,
                                                            BookedValues* booked_out) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < content.lots.size(); ++i) {
    if (!IsUuid(content.lots[i].claim_id)) {
      return NotAUuid(LotField(i) + ".claim_id", content.lots[i].claim_id);
    }
    ids.push_back(content.lots[i].claim_id);
  }
  const Date through = books_through.value_or(ShanghaiDateOf(as_of_micros.value_or(now_micros_())));
  ASSIGN_OR_RETURN(const OfferedClaims offered, as_of_micros
                                                    ? repository_.LoadClaimsAsOf(ids, *as_of_micros)
                                                    : repository_.LoadClaims(ids, through));
  std::map<std::string, const Claim*> by_id;
  for (const Claim& claim : offered.claims) {
    by_id[claim.id] = &claim;
    if (claim_versions != nullptr) (*claim_versions)[claim.id] = claim.version;
  }
  std::vector<Money> values;
  for (size_t i = 0; i < content.lots.size(); ++i) {
    auto claim = by_id.find(content.lots[i].claim_id);
    if (claim == by_id.end()) {
      return Error{ErrorCode::kNotFound, LotField(i) + ".claim_id",
                   "claim " + content.lots[i].claim_id + " does not exist"};
    }
    Result<Money> value = BookValueOf(*claim->second, content.lots[i].tranche_number);
    if (!value.ok()) return value.error().WithFieldPrefix(LotField(i));
    const auto booked = offered.booked.find(claim->first);
    if (booked != offered.booked.end()) {
      value = BookedValueOf(booked->second, content.lots[i].tranche_number);
      if (!value.ok()) return value.error().WithFieldPrefix(LotField(i));
    }
    values.push_back(value.value());
  }
  if (booked_out != nullptr) *booked_out = offered.booked;
  return values;
}

Result<DisposalView> DisposalRegistry::View(DisposalRecord record,
                                            const std::optional<WorkingDayCalendar>& calendar,
                                            std::optional<int64_t> as_of_micros) {
  DisposalView view;
  ApplyCalendar(record.disposal, calendar);
  const Disposal& disposal = record.disposal;
  const int64_t now = as_of_micros.value_or(now_micros_());
  view.state = DeriveState(disposal, now);
  if (disposal.stored_state == StoredState::kDraft) {
    ASSIGN_OR_RETURN(record.lot_book_values, LiveBookValues(disposal.content, as_of_micros));
  } else if (disposal.stored_state == StoredState::kWithdrawn && !disposal.publication) {
    // A draft withdrawn unpublished froze no values: it shows its claims' as they stand, when
    // they can still be read (a claim changed since may no longer have a lot's tranche).
    Result<std::vector<Money>> live = LiveBookValues(disposal.content, as_of_micros);
    if (live.ok()) {
      record.lot_book_values = std::move(live).value();
    } else if (live.error().code != ErrorCode::kInvalidArgument &&
               live.error().code != ErrorCode::kNotFound) {
      return live.error();  // the database away: the read fails, rather than show 0.00
    }
  }
  // A read never fails for it: the draft must stay readable, to be changed or withdrawn.
  if (Result<Money> total = LotsTotal(record.lot_book_values); total.ok()) {
    view.book_value = total.value();
  }
  for (const SubmissionSummary& submission : record.submissions) {
    if (Blocks(submission)) ++view.open_objection_count;
  }
  if (view.state == DisposalState::kPublished && calendar) {
    // Objections are taken from the publication day (which may still be ahead) until 24:00 of
    // the deadline, so today counts while it is a working day: the deadline day itself reads 1.
    // A calendar without a year the count needs leaves the count unknown rather than failing
    // the read.
    const Date first = std::max(ShanghaiDateOf(now), disposal.publication->publication_date);
    Result<int> left = calendar->WorkingDaysBetween(AddDays(first, -1),
                                                    disposal.publication->objection_deadline_date);
    view.working_days_left = left.ok() ? std::optional<int>(left.value()) : std::nullopt;
  }
  view.record = std::move(record);
  return view;
}

Result<std::optional<WorkingDayCalendar>> DisposalRegistry::CalendarIfPublished(
    const Disposal& disposal) {
  if (!disposal.publication) return std::optional<WorkingDayCalendar>();
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, calendar_.Load());
  return std::optional<WorkingDayCalendar>(std::move(calendar));
}

void DisposalRegistry::ApplyCalendar(Disposal& disposal,
                                     const std::optional<WorkingDayCalendar>& calendar) {
  std::optional<Publication>& publication = disposal.publication;
  if (!publication || !calendar) return;
  ExtendObjectionDeadline(*publication, disposal.content, *calendar);
  SetValidityEnd(*publication, disposal.content.validity_months, *calendar);
}

Status DisposalRegistry::CalendarFor(Disposal& disposal) {
  ASSIGN_OR_RETURN(std::optional<WorkingDayCalendar> calendar, CalendarIfPublished(disposal));
  ApplyCalendar(disposal, calendar);
  return OkStatus();
}

Result<DisposalView> DisposalRegistry::ViewOf(Result<DisposalRecord> record) {
  if (!record.ok()) return record.error();
  ASSIGN_OR_RETURN(std::optional<WorkingDayCalendar> calendar,
                   CalendarIfPublished(record.value().disposal));
  return View(std::move(record).value(), calendar);
}

Result<DisposalView> DisposalRegistry::Replay(const std::string& resource_id) {
  return ViewOf(repository_.Get(resource_id));
}

namespace {

// Lots name their claims as stored: in lower case, whatever case the caller used.
DisposalContent WithStoredClaimIds(DisposalContent content) {
  for (Lot& lot : content.lots) lot.claim_id = AsciiLowercase(lot.claim_id);
  return content;
}

}  // namespace

Result<DisposalView> DisposalRegistry::Create(const DisposalContent& given, const RequestKey& key,
                                              const AuditContext& audit) {
  // A retry is answered before its body is checked again: the claims its lots name may have
  // changed since its first call was stored (a tranche sold or removed).
  ASSIGN_OR_RETURN(std::optional<std::string> earlier, repository_.EarlierResult(key, kCreateRpc));
  if (earlier) return Replay(*earlier);
  const DisposalContent content = WithStoredClaimIds(given);
  RETURN_IF_ERROR(ValidateDisposalContent(content));
  ClaimVersions claim_versions;
  ASSIGN_OR_RETURN(const std::vector<Money> values,
                   LiveBookValues(content, std::nullopt, &claim_versions));
  RETURN_IF_ERROR(LotsTotal(values));
  return AnsweredOnce(repository_.Create(content, claim_versions, key, audit), key, kCreateRpc);
}

Result<DisposalView> DisposalRegistry::Get(const std::string& id) {
  return ViewOf(repository_.Get(id));
}

Result<DisposalView> DisposalRegistry::Get(const std::string& id,
                                           std::optional<int64_t> as_of_micros) {
  if (!as_of_micros) return Get(id);
  ASSIGN_OR_RETURN(DisposalRecord record, repository_.GetAsOf(id, *as_of_micros));
  ASSIGN_OR_RETURN(std::optional<WorkingDayCalendar> calendar,
                   CalendarIfPublished(record.disposal));
  return View(std::move(record), calendar, as_of_micros);
}

Result<DisposalViewPage> DisposalRegistry::List(const std::optional<ClaimCursor>& after,
                                                int page_size) {
  ASSIGN_OR_RETURN(DisposalPage page, repository_.List(after, page_size));
  DisposalViewPage views;
  views.next = page.next;
  std::optional<WorkingDayCalendar> calendar;  // read once, for the first published one
  for (DisposalRecord& record : page.records) {
    if (!calendar) {
      ASSIGN_OR_RETURN(calendar, CalendarIfPublished(record.disposal));
    }
    ASSIGN_OR_RETURN(DisposalView view, View(std::move(record), calendar));
    views.views.push_back(std::move(view));
  }
  return views;
}

Result<std::optional<DisposalView>> DisposalRegistry::EarlierUpdate(const RequestKey& key) {
  ASSIGN_OR_RETURN(std::optional<std::string> earlier, repository_.EarlierResult(key, kUpdateRpc));
  if (!earlier) return std::optional<DisposalView>();
  ASSIGN_OR_RETURN(DisposalView view, Replay(*earlier));
  return std::optional<DisposalView>(std::move(view));
}

Result<DisposalView> DisposalRegistry::Update(const std::string& id, int64_t expected_version,
                                              const DisposalContent& given, const RequestKey& key,
                                              const AuditContext& audit) {
  ASSIGN_OR_RETURN(std::optional<DisposalView> earlier, EarlierUpdate(key));
  if (earlier) return *std::move(earlier);
  const DisposalContent content = WithStoredClaimIds(given);
  RETURN_IF_ERROR(ValidateDisposalContent(content));
  // A disposal past its draft is refused for that, in the state a client sees, before its lots'
  // claims are read again: a lot whose tranche has gone since would be named instead. (The
  // update checks the state again in its transaction.)
  ASSIGN_OR_RETURN(const DisposalView current, Get(id));
  if (current.state != DisposalState::kDraft) {
    // Through AnsweredOnce: a retry that raced its own first call is answered with its result.
    return AnsweredOnce(Error::FailedPrecondition(
                            "cannot update disposal " + current.record.disposal.id + ": it is " +
                            StateName(current.state) + "; only a draft can be changed"),
                        key, kUpdateRpc);
  }
  ClaimVersions claim_versions;
  ASSIGN_OR_RETURN(const std::vector<Money> values,
                   LiveBookValues(content, std::nullopt, &claim_versions));
  RETURN_IF_ERROR(LotsTotal(values));
  return AnsweredOnce(
      repository_.UpdateDraft(id, expected_version, content, claim_versions, key, audit), key,
      kUpdateRpc);
}

Result<DisposalView> DisposalRegistry::Publish(const std::string& id, int64_t expected_version,
                                               const Date& publication_date, const RequestKey& key,
                                               const AuditContext& audit) {
  ASSIGN_OR_RETURN(std::optional<std::string> earlier, repository_.EarlierResult(key, kPublishRpc));
  if (earlier) return Replay(*earlier);
  return AnsweredOnce(PublishOnce(id, expected_version, publication_date, key, audit), key,
                      kPublishRpc);
}

Result<DisposalRecord> DisposalRegistry::PublishOnce(const std::string& id,
                                                     int64_t expected_version,
                                                     const Date& publication_date,
                                                     const RequestKey& key,
                                                     const AuditContext& audit) {
  ASSIGN_OR_RETURN(DisposalRecord record, repository_.Get(id));
  RETURN_IF_ERROR(CalendarFor(record.disposal));
  const Disposal& disposal = record.disposal;
  if (disposal.stored_state != StoredState::kDraft) {
    return Error::FailedPrecondition("only a draft can be published; this disposal is " +
                                     StateName(DeriveState(disposal, now_micros_())));
  }
  ClaimVersions claim_versions;
  BookedValues booked;
  ASSIGN_OR_RETURN(
      std::vector<Money> values,
      LiveBookValues(disposal.content, std::nullopt, &claim_versions, publication_date, &booked));
  const Result<Money> total = LotsTotal(values);
  if (!total.ok()) {
    // The stored draft, not this request, is what is wrong: its claims grew since it was made.
    return Error::FailedPrecondition("disposal.lots: " + total.error().reason +
                                     "; change the draft's lots first");
  }
  const Money& book_value = total.value();
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, calendar_.Load());
  // Whether the publication day is a working day matters only when it is counted; then a year
  // the calendar lacks is the refusal, not a window judged on a guess about the day.
  bool working = false;
  if (disposal.content.window_counting == PeriodCounting::kStartDayCounted) {
    ASSIGN_OR_RETURN(working, calendar.IsWorkingDay(publication_date));
  }
  RETURN_IF_ERROR(CheckPublicationRules(disposal.content, book_value, working));
  ASSIGN_OR_RETURN(Publication publication,
                   PlanPublication(disposal.content, publication_date, calendar));
  // Another notice is live as the calendar now reads its validity end (a year imported or
  // corrected since it was published may have moved it either way).
  const auto still_live = [&](const Date& published, int validity_months) {
    return MayBeValidOn(published, validity_months, publication_date, calendar);
  };
  return repository_.Publish(id, expected_version, publication, still_live, values, claim_versions,
                             booked, calendar.revision(), key, audit);
}

Result<DisposalView> DisposalRegistry::ApplyTransition(
    const std::string& id, int64_t expected_version, Transition transition,
    const std::string& reason, const RequestKey& key, const AuditContext& audit) {
  RETURN_IF_ERROR(CheckText(reason, "reason", 1, 500));
  ASSIGN_OR_RETURN(std::optional<std::string> earlier,
                   repository_.EarlierResult(key, kTransitionRpc));
  if (earlier) return Replay(*earlier);
  return AnsweredOnce(TransitionOnce(id, expected_version, transition, key, audit), key,
                      kTransitionRpc);
}

Result<DisposalRecord> DisposalRegistry::TransitionOnce(const std::string& id,
                                                        int64_t expected_version,
                                                        Transition transition,
                                                        const RequestKey& key,
                                                        const AuditContext& audit) {
  ASSIGN_OR_RETURN(DisposalRecord record, repository_.Get(id));
  ASSIGN_OR_RETURN(const std::optional<WorkingDayCalendar> calendar,
                   CalendarIfPublished(record.disposal));
  const int64_t now = now_micros_();
  // What the transition is from and to, on the disposal as `read`.
  auto plan = [&](DisposalRecord read) -> Result<StoredState> {
    ApplyCalendar(read.disposal, calendar);
    return domain::ApplyTransition(DeriveState(read.disposal, now), transition);
  };
  const StoredState from = record.disposal.stored_state;
  ASSIGN_OR_RETURN(const StoredState next, plan(std::move(record)));
  // Asked again on the disposal as the transaction reads it: a lot awarded meanwhile may have
  // made it AWARDED, which no transition leaves.
  auto still_allowed = [&](DisposalRecord current) -> Status {
    ASSIGN_OR_RETURN(const StoredState again, plan(std::move(current)));
    if (again == next) return OkStatus();
    return Error::Aborted("the disposal changed while the transition was made; ask again");
  };
  return repository_.SetState(id, expected_version, from, next, still_allowed,
                              calendar ? calendar->revision() : 0, key, audit);
}

Result<DisposalView> DisposalRegistry::AnsweredOnce(Result<DisposalRecord> result,
                                                    const RequestKey& key, const char* rpc) {
  if (!result.ok()) {
    const ErrorCode code = result.error().code;
    if (code == ErrorCode::kFailedPrecondition || code == ErrorCode::kAborted) {
      // A retry that raced its own first call is refused for the state that call left: it
      // gets that call's answer.
      Result<std::optional<std::string>> earlier = repository_.EarlierResult(key, rpc);
      if (!earlier.ok()) return earlier.error();  // e.g. the id used with another body
      if (earlier.value()) return Replay(*earlier.value());
    }
  }
  return ViewOf(std::move(result));
}

Result<Submission> DisposalRegistry::RecordSubmission(const Submission& submission,
                                                      const RequestKey& key,
                                                      const AuditContext& audit) {
  RETURN_IF_ERROR(CheckText(submission.submitter, "submission.submitter", 1, 100));
  RETURN_IF_ERROR(CheckText(submission.submitter_contact, "submission.submitter_contact", 0, 200));
  RETURN_IF_ERROR(CheckText(submission.text, "submission.text", 1, 5000));
  if (submission.received_micros <= 0) {
    return Error::InvalidArgument("submission.received_time", "is required");
  }
  if (submission.received_micros > now_micros_() + kMicrosPerDay) {
    return Error::InvalidArgument("submission.received_time", "is more than a day in the future");
  }
  if (!IsUuid(submission.disposal_id)) {
    return NotAUuid("submission.disposal_id", submission.disposal_id);
  }
  // Decided on the disposal as the storing transaction reads it: a publication or a draft's
  // update committed since the caller looked is seen. Late or not against the window as the
  // calendar counts it now (a year corrected since publication can only lengthen it).
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, calendar_.Load());
  ASSIGN_OR_RETURN(Submission recorded, repository_.AddSubmission(
                                            submission,
                                            [&submission, &calendar](DisposalRecord record) {
                                              ApplyCalendar(record.disposal, calendar);
                                              return PlanSubmission(submission, record);
                                            },
                                            calendar.revision(), key, audit));
  // A retry of a recorded request is answered with the submission then recorded, its late
  // judged on the window now.
  return WithLateAsTheWindowStands(std::move(recorded));
}

Result<std::vector<Submission>> DisposalRegistry::ListSubmissions(const std::string& disposal_id,
                                                                  const SubmissionFilter& filter,
                                                                  int after_number, int page_size) {
  ASSIGN_OR_RETURN(DisposalRecord record, repository_.Get(disposal_id));
  RETURN_IF_ERROR(CalendarFor(record.disposal));
  SubmissionFilter on_the_window = filter;
  on_the_window.on_time = SubmissionOnTimeSpan(record.disposal.publication);
  ASSIGN_OR_RETURN(
      std::vector<Submission> submissions,
      repository_.ListSubmissions(disposal_id, on_the_window, after_number, page_size));
  for (Submission& submission : submissions) {
    submission.lateness = LatenessOf(record.disposal.publication, submission.received_micros);
    submission.late = submission.lateness != Lateness::kOnTime;
  }
  return submissions;
}

Submission DisposalRegistry::WithLateAsTheWindowStands(Submission submission) {
  // Called after the write committed: a failed read must not report the write as failed (a
  // retry without a request id would record the submission twice), so the mark as stored
  // stands then, which for a submission just recorded is the window's as it stands.
  Result<DisposalRecord> record = repository_.Get(submission.disposal_id);
  if (!record.ok() || !CalendarFor(record.value().disposal).ok()) return submission;
  submission.lateness = LatenessOf(record.value().disposal.publication, submission.received_micros);
  submission.late = submission.lateness != Lateness::kOnTime;
  return submission;
}

Result<Submission> DisposalRegistry::Resolve(const std::string& submission_id,
                                             Resolution resolution, const std::string& note,
                                             const RequestKey& key, const AuditContext& audit) {
  if (resolution == Resolution::kUnresolved) {
    return Error::InvalidArgument("resolution", "must be upheld, dismissed or answered");
  }
  RETURN_IF_ERROR(CheckText(note, "note", 1, 2000));
  ASSIGN_OR_RETURN(Submission resolved,
                   repository_.Resolve(submission_id, resolution, note, now_micros_(), key, audit));
  return WithLateAsTheWindowStands(std::move(resolved));
}

Result<AwardGateDecision> DisposalRegistry::CheckGate(const std::string& disposal_id,
                                                      const std::string& given_lot_id,
                                                      int64_t at_micros) {
  ASSIGN_OR_RETURN(DisposalRecord record, repository_.Get(disposal_id));
  RETURN_IF_ERROR(CalendarFor(record.disposal));
  const std::string lot_id = AsciiLowercase(given_lot_id);
  if (!lot_id.empty()) {
    bool found = false;
    for (const Lot& lot : record.disposal.content.lots) found |= lot.id == lot_id;
    // As RecordOutcome and RecordSubmission answer a lot the disposal lacks.
    if (!found) return Error::InvalidArgument("lot_id", "is not a lot of this disposal");
  }
  return CheckAwardGate(record.disposal, record.submissions, lot_id,
                        at_micros == 0 ? now_micros_() : at_micros);
}

Result<BookingGate> DisposalRegistry::GateForBooking(const std::string& lot_id, int64_t at_micros) {
  ASSIGN_OR_RETURN(WorkingDayCalendar loaded, calendar_.Load());
  BookingGate gate;
  gate.calendar_revision = loaded.revision();
  auto calendar = std::make_shared<const std::optional<WorkingDayCalendar>>(std::move(loaded));
  gate.check = [calendar, lot_id = AsciiLowercase(lot_id), at_micros](DisposalRecord record) {
    ApplyCalendar(record.disposal, *calendar);
    const AwardGateDecision decision =
        CheckAwardGate(record.disposal, record.submissions, lot_id, at_micros);
    if (decision.allowed) return OkStatus();
    return Status(Error::FailedPrecondition(GateRefusalMessage(decision)));
  };
  return gate;
}

}  // namespace disposal::domain
