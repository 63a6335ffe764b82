#include "domain/disposal.h"

#include <algorithm>

namespace disposal::domain {
namespace {

// `date` moved by whole months; a day the target month lacks becomes its last day (01-31 + 1
// month = 02-28), as a notice "valid for one month" cannot outlive the month.
Date AddMonths(const Date& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  return Date{year, month, std::min(date.day, DaysInMonth(year, month))};
}

std::string ShanghaiEndText(const Date& date) {
  return FormatIsoDate(date) + " 24:00 Asia/Shanghai";
}

const Money::Fen kFenPerWan = 1'000'000;  // 1万元 = 10,000 yuan = 1,000,000 fen

PublicationRule MakeRule(int tier, const std::string& band, int days, NewspaperLevel level) {
  std::string needs = "the AMC's website";
  if (level == NewspaperLevel::kCity) needs += ", a newspaper at city level or above";
  if (level == NewspaperLevel::kProvincial) needs += ", a newspaper at provincial level or above";
  return PublicationRule{"notice.tier" + std::to_string(tier),
                         "财金〔2008〕87号 tier " + std::to_string(tier) + ": book value " + band +
                             " needs " + needs + " and at least " + std::to_string(days) +
                             " working days",
                         days, level};
}

std::string LevelName(NewspaperLevel level) {
  switch (level) {
    case NewspaperLevel::kNone:
      return "none";
    case NewspaperLevel::kCity:
      return "city";
    case NewspaperLevel::kProvincial:
      return "provincial";
    case NewspaperLevel::kNational:
      return "national";
  }
  return "unknown";
}

std::string TransitionVerb(Transition transition) {
  switch (transition) {
    case Transition::kSuspend:
      return "suspend";
    case Transition::kResume:
      return "resume";
    case Transition::kWithdraw:
      return "withdraw";
  }
  return "change";
}

bool Concerns(const SubmissionSummary& submission, const std::string& lot_id) {
  return submission.lot_id.empty() || lot_id.empty() || submission.lot_id == lot_id;
}

// The reasons the disposal's own state gives against an award, in GateReasonCode order.
void AddStateReasons(const Disposal& disposal, const std::string& lot_id, int64_t at_micros,
                     std::vector<GateReason>& reasons) {
  const StoredState stored = disposal.stored_state;
  const std::optional<Publication>& publication = disposal.publication;
  if (stored == StoredState::kDraft) {
    reasons.push_back(
        {GateReasonCode::kNotPublished, "the disposal is a draft; publish it first", ""});
  }
  // A notice dated later than the moment asked about is not published at that moment.
  const bool before_publication =
      stored != StoredState::kDraft && publication &&
      at_micros < EndOfDayShanghaiMicros(AddDays(publication->publication_date, -1));
  if (before_publication) {
    reasons.push_back({GateReasonCode::kNotPublished,
                       "the notice is published on " +
                           FormatIsoDate(publication->publication_date) + ", after this time",
                       ""});
  } else if (stored != StoredState::kDraft && publication &&
             at_micros < publication->window_end_micros) {
    reasons.push_back({GateReasonCode::kWindowOpen,
                       "the objection window is open until " +
                           ShanghaiEndText(publication->objection_deadline_date),
                       ""});
  }
  if (stored == StoredState::kSuspended) {
    reasons.push_back({GateReasonCode::kSuspended, "the disposal is suspended", ""});
  }
  if (stored == StoredState::kWithdrawn) {
    reasons.push_back({GateReasonCode::kWithdrawn, "the disposal was withdrawn", ""});
  }
  const DisposalState state = DeriveState(disposal, at_micros);
  if (state == DisposalState::kExpired && publication->validity_end_provisional &&
      at_micros <
          EndOfDayShanghaiMicros(AddDays(publication->validity_end_date, kRestDaysInARowMax))) {
    reasons.push_back({GateReasonCode::kValidityEndUnknown,
                       "the notice's validity ended at " +
                           ShanghaiEndText(publication->validity_end_date) +
                           " unless that day is a rest day (民法典 art. 203), and the calendar "
                           "lacks a year needed to tell: import it",
                       ""});
  } else if (state == DisposalState::kExpired) {
    reasons.push_back({GateReasonCode::kExpired,
                       "the notice expired at " + ShanghaiEndText(publication->validity_end_date),
                       ""});
  }
  if (state == DisposalState::kAwarded || state == DisposalState::kSettled) {
    reasons.push_back({GateReasonCode::kAlreadyAwarded,
                       state == DisposalState::kAwarded ? "the disposal was already awarded"
                                                        : "the disposal was already settled",
                       ""});
  } else {
    // Asked of the disposal as a whole, every lot's standing sale counts, as every objection
    // does.
    for (const auto& [sold_lot, sale] : disposal.sales) {
      if (!lot_id.empty() && sold_lot != lot_id) continue;
      reasons.push_back({GateReasonCode::kAlreadyAwarded,
                         "lot " + sold_lot + " already has a standing outcome (" + sale.outcome_id +
                             "); rescind it to award the lot again",
                         ""});
    }
  }
  // Found in the order the state is read; answered in the codes' order, as documented.
  std::stable_sort(reasons.begin(), reasons.end(), [](const GateReason& a, const GateReason& b) {
    return static_cast<int>(a.code) < static_cast<int>(b.code);
  });
}

}  // namespace

Result<Money> BookValueOf(const Claim& claim, const std::optional<int>& tranche_number) {
  const std::vector<Tranche>& tranches = claim.content.tranches;
  if (!tranche_number) {
    // The book value is principal and interest; an unliquidated or known penalty is not part
    // of what 财金〔2008〕87号 measures.
    ASSIGN_OR_RETURN(const ClaimTotals totals, ComputeTotals(claim.content));
    return totals.principal.Add(totals.interest);
  }
  if (*tranche_number < 1 || static_cast<size_t>(*tranche_number) > tranches.size()) {
    return Error::InvalidArgument(
        "tranche_number", "claim " + claim.id + " has " + std::to_string(tranches.size()) +
                              " tranches; there is no tranche " + std::to_string(*tranche_number));
  }
  const Tranche& tranche = tranches[static_cast<size_t>(*tranche_number - 1)];
  return tranche.principal.Add(tranche.interest);
}

Result<Money> BookedValueOf(const std::map<int, Money>& booked,
                            const std::optional<int>& tranche_number) {
  if (tranche_number) {
    const auto tranche = booked.find(*tranche_number);
    return tranche == booked.end() ? Money() : tranche->second;
  }
  Money total;
  for (const auto& [tranche, amount] : booked) {
    ASSIGN_OR_RETURN(total, total.Add(amount));
  }
  return total;
}

PublicationRule PublicationRuleFor(const Money& book_value) {
  const Money::Fen& fen = book_value.fen();
  if (fen <= 1000 * kFenPerWan) return MakeRule(1, "up to 1000万元", 7, NewspaperLevel::kNone);
  if (fen <= 5000 * kFenPerWan) {
    return MakeRule(2, "over 1000万元 up to 5000万元", 10, NewspaperLevel::kCity);
  }
  if (fen <= 10000 * kFenPerWan) {
    return MakeRule(3, "over 5000万元 up to 1亿元", 15, NewspaperLevel::kProvincial);
  }
  return MakeRule(4, "over 1亿元", 20, NewspaperLevel::kProvincial);
}

Status CheckPublicationRules(const DisposalContent& content, const Money& book_value,
                             bool publication_day_is_working) {
  const PublicationRule rule = PublicationRuleFor(book_value);
  std::vector<std::string> problems;
  // The rule's minimum is counted by art. 201, after the publication day: a window that counts
  // the publication day itself has one working day fewer after it, when that day is a working
  // day (PlanPublication counts it only then).
  const bool counts_publication_day =
      content.window_counting == PeriodCounting::kStartDayCounted && publication_day_is_working;
  const int after_publication = content.window_working_days - (counts_publication_day ? 1 : 0);
  if (after_publication < rule.minimum_working_days) {
    problems.push_back(
        "the window is " + std::to_string(content.window_working_days) + " working days" +
        (counts_publication_day
             ? " counting the publication day, " + std::to_string(after_publication) + " after it"
             : std::string()));
  }
  const auto has = [&content](ChannelKind kind, NewspaperLevel level) {
    return std::any_of(content.channels.begin(), content.channels.end(), [&](const auto& c) {
      return c.kind == kind && (kind == ChannelKind::kWebsite || c.level >= level);
    });
  };
  if (!has(ChannelKind::kWebsite, NewspaperLevel::kNone)) {
    problems.push_back("the AMC's website is not listed");
  }
  if (rule.minimum_newspaper_level != NewspaperLevel::kNone &&
      !has(ChannelKind::kNewspaper, rule.minimum_newspaper_level)) {
    problems.push_back("no newspaper at " + LevelName(rule.minimum_newspaper_level) +
                       " level or above is listed");
  }
  if (problems.empty()) return OkStatus();
  std::string reason = rule.rule_id + " (" + rule.citation + "): ";
  for (size_t i = 0; i < problems.size(); ++i) reason += (i == 0 ? "" : "; ") + problems[i];
  return Error::FailedPrecondition(reason);
}

ValidityEndDay ValidityEnd(const Date& publication_date, int validity_months,
                           const WorkingDayCalendar& calendar) {
  const Date last_day = AddMonths(publication_date, validity_months);
  Result<Date> moved = calendar.EndOnAWorkingDay(last_day);
  if (moved.ok()) return {moved.value(), false};
  return {last_day, true};
}

bool MayBeValidOn(const Date& published, int validity_months, const Date& day,
                  const WorkingDayCalendar& calendar) {
  const ValidityEndDay end = ValidityEnd(published, validity_months, calendar);
  if (!(end.date < day)) return true;
  return end.provisional && !(AddDays(end.date, kRestDaysInARowMax) < day);
}

void SetValidityEnd(Publication& publication, int validity_months,
                    const WorkingDayCalendar& calendar) {
  const ValidityEndDay end = ValidityEnd(publication.publication_date, validity_months, calendar);
  publication.validity_end_date = end.date;
  publication.validity_end_provisional = end.provisional;
}

namespace {

// The objection window's last day: `working_days` counted on `calendar` after the publication
// date, or (the publication day counted) after the day before it, art. 201's walk beginning
// the day after its start.
Result<Date> ObjectionDeadline(const DisposalContent& content, const Date& publication_date,
                               const WorkingDayCalendar& calendar) {
  const Date counted_after = content.window_counting == PeriodCounting::kStartDayCounted
                                 ? AddDays(publication_date, -1)
                                 : publication_date;
  return calendar.AddWorkingDays(counted_after, content.window_working_days);
}

}  // namespace

void ExtendObjectionDeadline(Publication& publication, const DisposalContent& content,
                             const WorkingDayCalendar& calendar) {
  const Result<Date> now = ObjectionDeadline(content, publication.publication_date, calendar);
  if (!now.ok() || !(publication.objection_deadline_date < now.value())) return;
  publication.objection_deadline_date = now.value();
  publication.window_end_micros = EndOfDayShanghaiMicros(now.value());
}

Result<Publication> PlanPublication(const DisposalContent& content, const Date& publication_date,
                                    const WorkingDayCalendar& calendar) {
  Publication publication;
  publication.publication_date = publication_date;
  ASSIGN_OR_RETURN(publication.objection_deadline_date,
                   ObjectionDeadline(content, publication_date, calendar));
  publication.window_end_micros = EndOfDayShanghaiMicros(publication.objection_deadline_date);
  SetValidityEnd(publication, content.validity_months, calendar);
  // Dates past the last year the service holds could be computed but neither stored nor read.
  if (publication.validity_end_date.year > kMaxBusinessYear) {
    return Error::FailedPrecondition(
        "the notice would lapse on " + FormatIsoDate(publication.validity_end_date) +
        ", after the last year dates are held for (" + std::to_string(kMaxBusinessYear) +
        "); shorten validity_months");
  }
  // A notice that lapses no later than its objection window closes could never be awarded:
  // both end at 24:00 of their day, so on the same day it goes from open window to expired.
  if (publication.validity_end_date <= publication.objection_deadline_date) {
    return Error::FailedPrecondition(
        "the notice would lapse on " + FormatIsoDate(publication.validity_end_date) +
        ", no later than its objection window closes on " +
        FormatIsoDate(publication.objection_deadline_date) + "; lengthen validity_months");
  }
  return publication;
}

DisposalState DeriveState(StoredState stored, const std::optional<Publication>& publication,
                          int64_t now_micros) {
  const bool expired =
      publication && now_micros >= EndOfDayShanghaiMicros(publication->validity_end_date);
  switch (stored) {
    case StoredState::kDraft:
      return DisposalState::kDraft;
    case StoredState::kPublished:
      if (expired) return DisposalState::kExpired;
      if (publication && now_micros >= publication->window_end_micros) {
        return DisposalState::kWindowClosed;
      }
      return DisposalState::kPublished;
    case StoredState::kSuspended:
      return expired ? DisposalState::kExpired : DisposalState::kSuspended;
    case StoredState::kAwarded:
      return DisposalState::kAwarded;
    case StoredState::kSettled:
      return DisposalState::kSettled;
    case StoredState::kWithdrawn:
      return DisposalState::kWithdrawn;
  }
  return DisposalState::kDraft;
}

DisposalState DeriveState(const Disposal& disposal, int64_t now_micros) {
  const DisposalState by_clock =
      DeriveState(disposal.stored_state, disposal.publication, now_micros);
  const std::vector<Lot>& lots = disposal.content.lots;
  if (by_clock == DisposalState::kDraft || by_clock == DisposalState::kWithdrawn || lots.empty()) {
    return by_clock;
  }
  bool paid = true;
  for (const Lot& lot : lots) {
    const auto sale = disposal.sales.find(lot.id);
    if (sale == disposal.sales.end()) return by_clock;
    paid = paid && sale->second.paid_in_full;
  }
  return paid ? DisposalState::kSettled : DisposalState::kAwarded;
}

Result<StoredState> ApplyTransition(DisposalState current, Transition transition) {
  const bool open = current == DisposalState::kPublished || current == DisposalState::kWindowClosed;
  switch (transition) {
    case Transition::kSuspend:
      if (open) return StoredState::kSuspended;
      break;
    case Transition::kResume:
      if (current == DisposalState::kSuspended) return StoredState::kPublished;
      break;
    case Transition::kWithdraw:
      // An expired notice sells nothing more, but it still holds its claims' loans (their
      // figures are held to its tier) until it is withdrawn.
      if (open || current == DisposalState::kDraft || current == DisposalState::kSuspended ||
          current == DisposalState::kExpired) {
        return StoredState::kWithdrawn;
      }
      break;
  }
  return Error::FailedPrecondition("cannot " + TransitionVerb(transition) + " a disposal that is " +
                                   StateName(current));
}

std::string StateName(DisposalState state) {
  switch (state) {
    case DisposalState::kDraft:
      return "draft";
    case DisposalState::kPublished:
      return "published";
    case DisposalState::kWindowClosed:
      return "window closed";
    case DisposalState::kAwarded:
      return "awarded";
    case DisposalState::kSettled:
      return "settled";
    case DisposalState::kSuspended:
      return "suspended";
    case DisposalState::kWithdrawn:
      return "withdrawn";
    case DisposalState::kExpired:
      return "expired";
  }
  return "unknown";
}

OnTimeSpan SubmissionOnTimeSpan(const std::optional<Publication>& publication) {
  if (!publication) return {};
  const Date day_before = AddDays(publication->publication_date, -1);
  return {EndOfDayShanghaiMicros(day_before), publication->window_end_micros};
}

bool IsLateSubmission(const std::optional<Publication>& publication, int64_t received_micros) {
  return LatenessOf(publication, received_micros) != Lateness::kOnTime;
}

Lateness LatenessOf(const std::optional<Publication>& publication, int64_t received_micros) {
  if (!publication) return Lateness::kNotPublished;
  const OnTimeSpan on_time = SubmissionOnTimeSpan(publication);
  if (received_micros < on_time.from_micros) return Lateness::kBeforePublication;
  if (received_micros >= on_time.until_micros) return Lateness::kAfterWindow;
  return Lateness::kOnTime;
}

AwardGateDecision CheckAwardGate(const Disposal& disposal,
                                 const std::vector<SubmissionSummary>& submissions,
                                 const std::string& lot_id, int64_t at_micros) {
  AwardGateDecision decision;
  decision.at_micros = at_micros;
  AddStateReasons(disposal, lot_id, at_micros, decision.reasons);
  std::vector<const SubmissionSummary*> ordered;
  for (const SubmissionSummary& submission : submissions) ordered.push_back(&submission);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->number < b->number; });
  for (const SubmissionSummary* submission : ordered) {
    if (submission->kind == SubmissionKind::kInquiry || !Concerns(*submission, lot_id)) continue;
    const std::string what =
        (submission->kind == SubmissionKind::kObjection ? "objection " : "report of obstruction ") +
        std::to_string(submission->number);
    if (submission->resolution == Resolution::kUnresolved) {
      decision.reasons.push_back(
          {GateReasonCode::kObjectionUnresolved, what + " is unresolved", submission->id});
    } else if (submission->resolution == Resolution::kUpheld) {
      decision.reasons.push_back(
          {GateReasonCode::kObjectionUpheld, what + " was upheld", submission->id});
    }
  }
  decision.allowed = decision.reasons.empty();
  return decision;
}

std::string GateRefusalMessage(const AwardGateDecision& gate) {
  // A status message travels in the call's trailers, which clients bound (8 KiB by default):
  // hundreds of open objections are named by count past the first few.
  constexpr size_t kNamedMax = 20;
  std::string message = "the award gate refuses:";
  for (size_t i = 0; i < gate.reasons.size() && i < kNamedMax; ++i) {
    message += " " + gate.reasons[i].message + ";";
  }
  message.pop_back();
  if (gate.reasons.size() > kNamedMax) {
    message += "; and " + std::to_string(gate.reasons.size() - kNamedMax) +
               " more reasons (CheckAwardGate lists them all)";
  }
  return message;
}

}  // namespace disposal::domain
