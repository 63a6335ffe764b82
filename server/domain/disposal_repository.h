// What the disposal and calendar use cases need from storage; store/ implements it.
#ifndef DISPOSAL_SERVER_DOMAIN_DISPOSAL_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_DISPOSAL_REPOSITORY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/claim_repository.h"
#include "domain/disposal.h"

namespace disposal::domain {

// Every calendar year held, with its special days, and the calendar's revision they were read
// at (it moves with every change to the stored calendar).
struct StoredCalendar {
  std::vector<CalendarYear> years;
  int64_t revision = 0;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  virtual Result<StoredCalendar> LoadAll() = 0;
  // Replaces the year's arrangement and writes the audit event, in one transaction. Unless
  // `may_remove_days`, FAILED_PRECONDITION (nothing written) when the year holds a day that
  // `year` leaves out.
  virtual Result<CalendarYear> ImportYear(const CalendarYear& year, bool may_remove_days,
                                          const RequestKey& key, const AuditContext& audit) = 0;
};

// A stored submission with everything the API shows.
struct Submission {
  std::string id;
  int number = 0;
  std::string disposal_id;
  std::string lot_id;
  SubmissionKind kind = SubmissionKind::kInquiry;
  std::string channel;  // phone, letter, email, visit, website, other
  int64_t received_micros = 0;
  std::string submitter;
  std::string submitter_contact;
  std::string text;
  // As stored, late when recorded; the registry derives it afresh (IsLateSubmission) for
  // every submission it returns, with `lateness` (which side of the window it fell on).
  bool late = false;
  Lateness lateness = Lateness::kOnTime;
  Resolution resolution = Resolution::kUnresolved;
  std::string resolution_note;
  int64_t resolve_micros = 0;  // 0 while unresolved
  std::string resolved_by;
};

struct SubmissionFilter {
  std::optional<SubmissionKind> kind;
  bool unresolved_only = false;
  // Only those received outside `on_time` (see IsLateSubmission), which the registry fills
  // from the disposal as it reads it.
  bool late_only = false;
  OnTimeSpan on_time;
};

// A disposal with what reads need beside it: the lots' book values (frozen at publication,
// live from the claims while a draft) and its submissions' summaries.
struct DisposalRecord {
  Disposal disposal;
  std::vector<Money> lot_book_values;  // parallel to disposal.content.lots
  std::vector<SubmissionSummary> submissions;
};

struct DisposalPage {
  std::vector<DisposalRecord> records;
  std::optional<ClaimCursor> next;
};

// Claim id -> the claim's version, as read.
using ClaimVersions = std::map<std::string, int64_t>;

// The claims a disposal's lots name, as read for their book values: each claim, and for each
// whose ledger is open, the principal and interest its books hold per tranche (1-based). The
// book value 财金〔2008〕87号 measures is the one on the books at the last interest date before
// the notice: once the ledger has accrued interest (or booked recoveries), the claim's
// acquisition figures are no longer it.
// Claim id -> tranche -> principal + interest on the claim's books.
using BookedValues = std::map<std::string, std::map<int, Money>>;
struct OfferedClaims {
  std::vector<Claim> claims;
  BookedValues booked;  // only the claims whose ledger is open
};

class DisposalRepository {
 public:
  virtual ~DisposalRepository() = default;

  // The resource a request key already produced for `rpc`, so that a retry returns it before
  // any rule is checked again; ALREADY_EXISTS when the key was used for another body.
  virtual Result<std::optional<std::string>> EarlierResult(const RequestKey& key,
                                                           const std::string& rpc) = 0;

  // Claims by id, for book values, with what their books hold through `books_through` (an
  // effective date), in one snapshot; ids not found are absent from the result.
  virtual Result<OfferedClaims> LoadClaims(const std::vector<std::string>& ids,
                                           const Date& books_through) = 0;

  // Inserts a draft (version 1) with its lots and channels and the audit event. The lots were
  // checked against the claims at `claim_versions`: ABORTED when any has changed since (a
  // tranche a lot names may be gone or renumbered).
  virtual Result<DisposalRecord> Create(const DisposalContent& content,
                                        const ClaimVersions& claim_versions, const RequestKey& key,
                                        const AuditContext& audit) = 0;
  // NOT_FOUND for an unknown id.
  virtual Result<DisposalRecord> Get(const std::string& id) = 0;
  // The disposal as it was at `as_of_micros` (microseconds since the Unix epoch): NOT_FOUND
  // when it did not exist then, FAILED_PRECONDITION when it existed before the kept history
  // and that time precedes it. Its lots' claims as they were then, for a draft's book values.
  virtual Result<DisposalRecord> GetAsOf(const std::string& id, int64_t as_of_micros) = 0;
  // As LoadClaims, as recorded by `as_of_micros` (the books through its Shanghai date).
  virtual Result<OfferedClaims> LoadClaimsAsOf(const std::vector<std::string>& ids,
                                               int64_t as_of_micros) = 0;
  virtual Result<DisposalPage> List(const std::optional<ClaimCursor>& after, int page_size) = 0;

  // Replaces a draft's content if the version matches and it is still a draft (ABORTED /
  // FAILED_PRECONDITION otherwise), keeping lot ids by position; ABORTED too when a claim
  // changed since `claim_versions`, as for Create.
  virtual Result<DisposalRecord> UpdateDraft(const std::string& id, int64_t expected_version,
                                             const DisposalContent& content,
                                             const ClaimVersions& claim_versions,
                                             const RequestKey& key, const AuditContext& audit) = 0;
  // `calendar_revision` in the writes below: the revision of the working-day calendar the
  // request was decided on (WorkingDayCalendar::revision). When the stored calendar has changed
  // since (an import committed in between), the write is refused, ABORTED, nothing written. 0
  // when the request read no calendar.

  // Draft -> published with the planned dates and the lots' book values frozen. The values
  // were read from the claims at `claim_versions` and their books as `booked` (through the
  // publication date): ABORTED when any of them has changed since (the values would be stale);
  // the claims cannot change, nor be booked on, until the publication commits. FAILED_PRECONDITION
  // when another notice, published or suspended, offers what a lot offers and `still_live` says
  // it may be valid on the publication date (its validity end as the calendar now reads it).
  using LiveOn = std::function<bool(const Date& published, int validity_months)>;
  virtual Result<DisposalRecord> Publish(const std::string& id, int64_t expected_version,
                                         const Publication& publication, const LiveOn& still_live,
                                         const std::vector<Money>& lot_book_values,
                                         const ClaimVersions& claim_versions,
                                         const BookedValues& booked, int64_t calendar_revision,
                                         const RequestKey& key, const AuditContext& audit) = 0;
  // What a transition or a submission decides again on the disposal as its transaction reads
  // it, the disposal's row locked FOR UPDATE: an award's booking in progress (which holds it FOR
  // SHARE) has committed and is seen, as is a publication or a draft's update.
  using TransitionCheck = std::function<Status(DisposalRecord)>;
  using SubmissionPlan = std::function<Result<Submission>(DisposalRecord)>;

  // Sets the stored state if the version and the expected current stored state still match and
  // `check` still allows the move (a lot awarded since the caller looked makes it
  // FAILED_PRECONDITION).
  virtual Result<DisposalRecord> SetState(const std::string& id, int64_t expected_version,
                                          StoredState from, StoredState to,
                                          const TransitionCheck& check, int64_t calendar_revision,
                                          const RequestKey& key, const AuditContext& audit) = 0;

  // Numbers the submission within its disposal (`submission.disposal_id`) and stores what
  // `plan` makes of it (its lot checked, whether it is late), with its audit event.
  virtual Result<Submission> AddSubmission(const Submission& submission, const SubmissionPlan& plan,
                                           int64_t calendar_revision, const RequestKey& key,
                                           const AuditContext& audit) = 0;
  virtual Result<std::vector<Submission>> ListSubmissions(const std::string& disposal_id,
                                                          const SubmissionFilter& filter,
                                                          int after_number, int page_size) = 0;
  // Resolves an unresolved submission at `resolve_micros` (the service's clock, which the award
  // gate reads it against); FAILED_PRECONDITION when it is already resolved.
  virtual Result<Submission> Resolve(const std::string& submission_id, Resolution resolution,
                                     const std::string& note, int64_t resolve_micros,
                                     const RequestKey& key, const AuditContext& audit) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DISPOSAL_REPOSITORY_H_
