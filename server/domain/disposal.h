// The disposal (处置): what is offered, how the notice must be published, its lifecycle, and
// the gate an award must pass. Pure rules; the store keeps the facts.
#ifndef DISPOSAL_SERVER_DOMAIN_DISPOSAL_H_
#define DISPOSAL_SERVER_DOMAIN_DISPOSAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/claim.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

enum class DisposalMethod {
  kDebtReduction,
  kAgreementTransfer,
  kAuction,
  kInvitationToOffer,
  kSeparateListing,
  kOther,
};
enum class PaymentTerm { kLumpSum, kInstalments };
enum class ChannelKind { kWebsite, kNewspaper };
// Ordered: a higher level satisfies a rule asking for a lower one.
enum class NewspaperLevel { kNone = 0, kCity = 1, kProvincial = 2, kNational = 3 };

struct PublicationChannel {
  ChannelKind kind = ChannelKind::kWebsite;
  std::string name;  // URL for a website, the paper's name for a newspaper
  NewspaperLevel level = NewspaperLevel::kNone;  // newspapers only
};

struct Contact {
  std::string name;
  std::vector<std::string> phones;
};

struct ContactDetails {
  std::vector<Contact> contacts;
  std::string address;
  std::string postcode;
  std::optional<Contact> supervisory_contact;
};

// A whole claim, or one tranche of it (1-based) when the tranches are listed separately.
struct Lot {
  std::string id;  // assigned by the store
  std::string claim_id;
  std::optional<int> tranche_number;
  std::optional<Money> reserve_price;
};

// What a client writes about a disposal.
// How a period after a day is counted: 民法典 art. 201 (the start day not counted) unless the
// notice fixes another method (art. 204).
enum class PeriodCounting { kStartDayNotCounted, kStartDayCounted };

struct DisposalContent {
  std::string title;
  std::vector<Lot> lots;
  std::vector<DisposalMethod> methods;
  std::vector<PaymentTerm> payment_terms;
  Money deposit;
  std::optional<Money> reserve_price;
  ContactDetails contact_details;
  std::vector<PublicationChannel> channels;
  int validity_months = 12;
  int window_working_days = 20;
  PeriodCounting window_counting = PeriodCounting::kStartDayNotCounted;
};

inline constexpr int kDefaultWindowWorkingDays = 20;
inline constexpr size_t kLotsMax = 50;

// What publishing fixed. Dates are Asia/Shanghai calendar dates.
struct Publication {
  Date publication_date{};
  Date objection_deadline_date{};  // last working day of the window
  int64_t window_end_micros = 0;   // 24:00 Asia/Shanghai on the deadline date
  Date validity_end_date{};        // the notice is valid through this day
  // The calendar lacks the year art. 203's move needs: validity_end_date is the unmoved day,
  // which may still move later once that year is imported.
  bool validity_end_provisional = false;
};

// The states the store records; the clock derives the others (window closed, expired).
enum class StoredState { kDraft, kPublished, kAwarded, kSettled, kSuspended, kWithdrawn };
enum class DisposalState {
  kDraft,
  kPublished,  // window open
  kWindowClosed,
  kAwarded,
  kSettled,
  kSuspended,
  kWithdrawn,
  kExpired,
};
enum class Transition { kSuspend, kResume, kWithdraw };

// A lot's standing sale as the ledger has it: the outcome that sold it (not rescinded), and
// whether the buyer's standing payments cover its price. Read from the ledger, never set by a
// request, so that the disposal's state and its books cannot disagree.
struct LotSale {
  std::string outcome_id;
  bool paid_in_full = false;
};

struct Disposal {
  std::string id;
  int64_t version = 0;
  DisposalContent content;
  StoredState stored_state = StoredState::kDraft;
  std::optional<Publication> publication;
  int64_t create_time_micros = 0;
  int64_t update_time_micros = 0;
  std::map<std::string, LotSale> sales;  // lot id -> its standing sale; unsold lots are absent
};

// Checks the content of a draft. INVALID_ARGUMENT with the field path under "disposal", e.g.
// "disposal.lots[1].tranche_number", "disposal.channels[0].name".
// Rules: title 1..200 chars; 1..50 lots, each with a claim id, tranche_number >= 1 when set,
// no claim offered twice whole, no tranche twice, not a whole claim and one of its tranches;
// at least one method and one payment term, no duplicates; deposit >= 0; reserve prices >= 0;
// at least one channel, website names are http(s) URLs, newspapers have a level; contacts'
// names 1..50 chars, phones up to 30 chars of digits, spaces, + - ( ); postcode empty or six
// digits; validity_months 1..60; window_working_days 1..kWindowWorkingDaysMax.
Status ValidateDisposalContent(const DisposalContent& content);

// The book value of a lot: principal + interest of the whole claim, or of its tranche.
// INVALID_ARGUMENT (field "tranche_number") when the claim has no such tranche.
// A lot's book value from the claim's books: the principal and interest they hold for its
// tranche, or for every tranche when it offers the whole claim (`booked`: tranche -> amount).
Result<Money> BookedValueOf(const std::map<int, Money>& booked,
                            const std::optional<int>& tranche_number);
Result<Money> BookValueOf(const Claim& claim, const std::optional<int>& tranche_number);

// One row of the publication table in 财金〔2008〕87号.
struct PublicationRule {
  std::string rule_id;  // e.g. "notice.tier4"
  std::string citation;  // e.g. "财金〔2008〕87号: over 1亿元, website + provincial newspaper, 20
                         // working days"
  int minimum_working_days = 0;
  NewspaperLevel minimum_newspaper_level = NewspaperLevel::kNone;  // kNone: no paper required
};

// The rule for a book value: up to 1000万 -> 7 days, website; over 1000万 up to 5000万 -> 10,
// city paper; over 5000万 up to 1亿 -> 15, provincial paper; over 1亿 -> 20, provincial paper.
// A website is always required.
PublicationRule PublicationRuleFor(const Money& book_value);

// FAILED_PRECONDITION naming the rule id and citation when the window is shorter than the
// rule's minimum, the website is missing, or no newspaper of the required level is listed.
// The minimum counts working days after the publication day: a window that counts that day
// itself (START_DAY_COUNTED) has one fewer after it when the day is a working day; published
// on a rest day, none (`publication_day_is_working` false).
Status CheckPublicationRules(const DisposalContent& content, const Money& book_value,
                             bool publication_day_is_working = true);

// Computes the deadline (AddWorkingDays from the publication date), the window end and the
// validity end (publication date + validity_months, same day of month, clamped to the month's
// last day, then as ValidityEnd). Calendar errors of the deadline pass through
// (FAILED_PRECONDITION naming the year); FAILED_PRECONDITION too when the validity would end
// before the window closes.
Result<Publication> PlanPublication(const DisposalContent& content, const Date& publication_date,
                                    const WorkingDayCalendar& calendar);

// A notice's last day of validity: `publication_date` + `validity_months` (the same day of the
// month, or the month's last day), moved under 民法典 art. 203 past a weekend or public holiday
// to the first working day after it. A validity may run up to five years, past the years the
// State Council has arranged: while the calendar does not hold the year, the day stands
// unmoved and is marked provisional (the earlier end, so a notice is never taken as valid
// longer than the calendar can show; the award gate says why it refuses). Computed afresh from
// the calendar as it is, so that importing or correcting a year moves it either way.
struct ValidityEndDay {
  Date date;
  bool provisional = false;
};
ValidityEndDay ValidityEnd(const Date& publication_date, int validity_months,
                           const WorkingDayCalendar& calendar);

// The longest run of rest days art. 203 can move a period's end past: no State Council
// arrangement has given more than ten in a row (the 2020 Spring Festival, lengthened), so a
// provisional end this many days gone is gone whatever the missing year holds, and a year
// corrected after publication moves an end by no more than this either way.
inline constexpr int kRestDaysInARowMax = 15;

// Whether a notice published on `published` for `validity_months` may still be valid on `day`
// as the calendar now reads: its validity end is `day` or later, or is provisional (the
// calendar lacks the year art. 203's move needs) and could still move past `day`.
bool MayBeValidOn(const Date& published, int validity_months, const Date& day,
                  const WorkingDayCalendar& calendar);

// Sets the publication's validity end and whether it is provisional, as ValidityEnd.
void SetValidityEnd(Publication& publication, int validity_months,
                    const WorkingDayCalendar& calendar);

// The objection deadline counted again on the calendar as it is now: a year corrected after
// publication (a holiday added inside the window, as the State Council did in January 2020)
// gives the window its working days, so the deadline moves later, never earlier: objectors
// were promised the published date, and an earlier one would cut their time short. Unchanged
// when the count needs a year the calendar does not hold.
void ExtendObjectionDeadline(Publication& publication, const DisposalContent& content,
                             const WorkingDayCalendar& calendar);

// The state at `now`: a published disposal whose window has ended is kWindowClosed; a
// published, window-closed or suspended one whose validity has ended (24:00 Asia/Shanghai on
// validity_end_date) is kExpired.
DisposalState DeriveState(StoredState stored, const std::optional<Publication>& publication,
                          int64_t now_micros);

// The state at `now` with the lots' sales: once every lot has a standing sale the disposal is
// kAwarded, and kSettled when every buyer has paid its price, whatever the clock says (a sold
// notice does not expire); a rescission brings it back to what the clock derives. Otherwise,
// and for a draft or a withdrawn disposal, as above.
DisposalState DeriveState(const Disposal& disposal, int64_t now_micros);

// The stored state after `transition`. Allowed: suspend from published or window closed;
// resume from suspended (back to published); withdraw from draft, published, window closed,
// suspended or expired. Otherwise FAILED_PRECONDITION naming the current state ("cannot suspend a
// disposal that is withdrawn").
Result<StoredState> ApplyTransition(DisposalState current, Transition transition);

// Lower-case names for messages: "draft", "published", "window closed", ...
std::string StateName(DisposalState state);

enum class SubmissionKind { kInquiry, kObjection, kObstructionReport };
enum class Resolution { kUnresolved, kUpheld, kDismissed, kAnswered };

// The instants a submission is on time in, [from_micros, until_micros): from 00:00
// Asia/Shanghai on the publication day to the window's end. Empty (both 0) without a
// publication: nothing was open to submit to.
struct OnTimeSpan {
  int64_t from_micros = 0;
  int64_t until_micros = 0;
};
OnTimeSpan SubmissionOnTimeSpan(const std::optional<Publication>& publication);

// A submission is late when received outside SubmissionOnTimeSpan: at or after the window end,
// before the publication day, or while the disposal has no publication. Derived whenever a
// submission is shown, on the window as the calendar counts it then (a year corrected since
// publication can lengthen it, and a draft's submissions are judged once it is published).
bool IsLateSubmission(const std::optional<Publication>& publication, int64_t received_micros);

// Why a submission is late, for people: which side of the window it fell on.
enum class Lateness { kOnTime, kBeforePublication, kAfterWindow, kNotPublished };
Lateness LatenessOf(const std::optional<Publication>& publication, int64_t received_micros);

struct SubmissionSummary {
  std::string id;
  int number = 0;
  SubmissionKind kind = SubmissionKind::kInquiry;
  Resolution resolution = Resolution::kUnresolved;
  std::string lot_id;  // empty: the whole disposal
};

enum class GateReasonCode {
  kNotPublished,
  kWindowOpen,
  kObjectionUnresolved,
  kObjectionUpheld,
  kSuspended,
  kWithdrawn,
  kExpired,
  kAlreadyAwarded,
  kValidityEndUnknown,
};

struct GateReason {
  GateReasonCode code;
  std::string message;  // e.g. "the objection window is open until 2021-08-25 24:00 Asia/Shanghai"
  std::string submission_id;
};

struct AwardGateDecision {
  bool allowed = false;
  std::vector<GateReason> reasons;  // every reason, in a stable order; empty when allowed
  int64_t at_micros = 0;            // the instant the clock's part was judged at
};

// May `disposal` (or its lot `lot_id`, empty for all) be awarded at `at_micros`? Every reason
// against it: not published, window open, suspended, withdrawn, expired, already awarded or
// settled, and each objection or obstruction report that is unresolved or upheld and concerns
// the whole disposal or that lot (inquiries never block). Message examples:
// "objection 3 is unresolved", "objection 2 was upheld".
AwardGateDecision CheckAwardGate(const Disposal& disposal,
                                 const std::vector<SubmissionSummary>& submissions,
                                 const std::string& lot_id, int64_t at_micros);

// Every reason of a refusing gate in one message: "the award gate refuses: objection 3 is
// unresolved; ...".
std::string GateRefusalMessage(const AwardGateDecision& gate);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DISPOSAL_H_
