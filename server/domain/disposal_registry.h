// The disposal and calendar use cases: rules from the domain, facts from the repositories.
#ifndef DISPOSAL_SERVER_DOMAIN_DISPOSAL_REGISTRY_H_
#define DISPOSAL_SERVER_DOMAIN_DISPOSAL_REGISTRY_H_

#include <functional>
#include <optional>

#include "domain/disposal_repository.h"

namespace disposal::domain {

// A disposal as read at a moment: the record plus what the clock and the calendar derive.
struct DisposalView {
  DisposalRecord record;
  DisposalState state = DisposalState::kDraft;
  // Absent when the lots' values together pass the largest amount: a draft whose claims grew
  // after it was made (it cannot be published so).
  std::optional<Money> book_value;
  // Absent while PUBLISHED when the calendar lacks a year the count needs.
  std::optional<int> working_days_left = 0;
  int open_objection_count = 0;
};

struct DisposalViewPage {
  std::vector<DisposalView> views;
  std::optional<ClaimCursor> next;
};

// An award's gate as a check to run inside its booking transaction (AwardConditions::gate), and
// the revision of the calendar it runs on (AwardConditions::calendar_revision).
struct BookingGate {
  std::function<Status(DisposalRecord)> check;
  int64_t calendar_revision = 0;
};

class CalendarRegistry {
 public:
  explicit CalendarRegistry(CalendarRepository& repository) : repository_(repository) {}

  // Validates `year` and replaces the held one (see CalendarRepository::ImportYear).
  Result<CalendarYear> Import(const CalendarYear& year, bool may_remove_days, const RequestKey& key,
                              const AuditContext& audit);
  // What Import would check of `year`, writing nothing: its content, then (without
  // `may_remove_days`) the days held for it that it leaves out. Returns `year`.
  Result<CalendarYear> Validate(const CalendarYear& year, bool may_remove_days);
  // FAILED_PRECONDITION naming the year when it is not held.
  Result<CalendarYear> Get(int year);
  Result<Date> ComputeDeadline(const Date& start, int working_days);
  // The calendar as stored now.
  Result<WorkingDayCalendar> Load();

 private:
  CalendarRepository& repository_;
};

class DisposalRegistry {
 public:
  // `now_micros` is the clock (microseconds since the Unix epoch); tests pass a fixed one.
  DisposalRegistry(DisposalRepository& repository, CalendarRegistry& calendar,
                   std::function<int64_t()> now_micros)
      : repository_(repository), calendar_(calendar), now_micros_(std::move(now_micros)) {}

  Result<DisposalView> Create(const DisposalContent& content, const RequestKey& key,
                              const AuditContext& audit);
  Result<DisposalView> Get(const std::string& id);
  // The disposal as it was at `as_of_micros` (absent: now), its state and book value derived
  // as they were then; errors as DisposalRepository::GetAsOf.
  Result<DisposalView> Get(const std::string& id, std::optional<int64_t> as_of_micros);
  Result<DisposalViewPage> List(const std::optional<ClaimCursor>& after, int page_size);
  // The answer to an update retried with `key`: its first call's disposal, ALREADY_EXISTS when
  // the request id came with another body, or nothing (a first call).
  Result<std::optional<DisposalView>> EarlierUpdate(const RequestKey& key);
  Result<DisposalView> Update(const std::string& id, int64_t expected_version,
                              const DisposalContent& content, const RequestKey& key,
                              const AuditContext& audit);
  Result<DisposalView> Publish(const std::string& id, int64_t expected_version,
                               const Date& publication_date, const RequestKey& key,
                               const AuditContext& audit);
  Result<DisposalView> ApplyTransition(const std::string& id, int64_t expected_version,
                                       Transition transition, const std::string& reason,
                                       const RequestKey& key, const AuditContext& audit);
  Result<Submission> RecordSubmission(const Submission& submission, const RequestKey& key,
                                      const AuditContext& audit);
  Result<std::vector<Submission>> ListSubmissions(const std::string& disposal_id,
                                                  const SubmissionFilter& filter, int after_number,
                                                  int page_size);
  Result<Submission> Resolve(const std::string& submission_id, Resolution resolution,
                             const std::string& note, const RequestKey& key,
                             const AuditContext& audit);
  // `at_micros` 0 means now.
  Result<AwardGateDecision> CheckGate(const std::string& disposal_id, const std::string& lot_id,
                                      int64_t at_micros);
  // The gate of lot `lot_id` at `at_micros` as a check to run on the disposal as an award's
  // booking transaction reads it, with the working-day calendar as stored now (a published
  // notice's validity end depends on it) and that calendar's revision.
  Result<BookingGate> GateForBooking(const std::string& lot_id, int64_t at_micros);

 private:
  // `submission` with `late` derived on its disposal's window as the calendar counts it now;
  // as stored when the disposal or the calendar cannot be read.
  Submission WithLateAsTheWindowStands(Submission submission);
  // Loads the lots' claims (as they were at `as_of_micros` when given) and returns each lot's
  // live book value: principal and interest on the claim's books through `books_through`
  // (today, or the as-of time's date, when absent) once its ledger is open, else as the claim
  // records them at its cut-off dates. Errors name the lot. `claim_versions` and `booked`,
  // when given, receive the version of each claim read and what its books held.
  Result<std::vector<Money>> LiveBookValues(const DisposalContent& content,
                                            std::optional<int64_t> as_of_micros = std::nullopt,
                                            ClaimVersions* claim_versions = nullptr,
                                            std::optional<Date> books_through = std::nullopt,
                                            BookedValues* booked = nullptr);
  // Derives what the record shows at `as_of_micros`, now when absent. `calendar` is the
  // calendar as stored now; REQUIRES: present when the record is published.
  Result<DisposalView> View(DisposalRecord record,
                            const std::optional<WorkingDayCalendar>& calendar,
                            std::optional<int64_t> as_of_micros = std::nullopt);
  Result<DisposalView> ViewOf(Result<DisposalRecord> record);
  Result<DisposalRecord> PublishOnce(const std::string& id, int64_t expected_version,
                                     const Date& publication_date, const RequestKey& key,
                                     const AuditContext& audit);
  Result<DisposalRecord> TransitionOnce(const std::string& id, int64_t expected_version,
                                        Transition transition, const RequestKey& key,
                                        const AuditContext& audit);
  // The view of `result`; a refusal (FAILED_PRECONDITION, ABORTED) of a call whose request key
  // has booked meanwhile (a retry racing its own first call, refused for the state that call
  // left) is answered with that call's result instead.
  Result<DisposalView> AnsweredOnce(Result<DisposalRecord> result, const RequestKey& key,
                                    const char* rpc);
  // The calendar as stored now when `disposal` is published (its validity end and working
  // days need it); none for a draft, which is then not read.
  Result<std::optional<WorkingDayCalendar>> CalendarIfPublished(const Disposal& disposal);
  // Computes a published notice's validity end afresh on `calendar` (ValidityEnd): a year
  // imported, or corrected, after the notice was published moves an end on one of its rest
  // days. And its objection deadline, which a correction can only move later
  // (ExtendObjectionDeadline).
  static void ApplyCalendar(Disposal& disposal, const std::optional<WorkingDayCalendar>& calendar);
  // Both, for one disposal.
  Status CalendarFor(Disposal& disposal);
  Result<DisposalView> Replay(const std::string& resource_id);

  DisposalRepository& repository_;
  CalendarRegistry& calendar_;
  std::function<int64_t()> now_micros_;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DISPOSAL_REGISTRY_H_
