#include "api/disposal_mapping.h"

#include <google/protobuf/util/time_util.h>

#include <array>
#include <utility>

#include "api/as_of_time.h"
#include "api/enum_table.h"
#include "api/wire_values.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

using domain::DisposalMethod;
constexpr EnumTable<v1::DisposalMethod, DisposalMethod, 6> kMethods{{
    {v1::DISPOSAL_METHOD_DEBT_REDUCTION, DisposalMethod::kDebtReduction},
    {v1::DISPOSAL_METHOD_AGREEMENT_TRANSFER, DisposalMethod::kAgreementTransfer},
    {v1::DISPOSAL_METHOD_AUCTION, DisposalMethod::kAuction},
    {v1::DISPOSAL_METHOD_INVITATION_TO_OFFER, DisposalMethod::kInvitationToOffer},
    {v1::DISPOSAL_METHOD_SEPARATE_LISTING, DisposalMethod::kSeparateListing},
    {v1::DISPOSAL_METHOD_OTHER, DisposalMethod::kOther},
}};
using domain::PaymentTerm;
constexpr EnumTable<v1::PaymentTerm, PaymentTerm, 2> kTerms{{
    {v1::PAYMENT_TERM_LUMP_SUM, PaymentTerm::kLumpSum},
    {v1::PAYMENT_TERM_INSTALMENTS, PaymentTerm::kInstalments},
}};
using domain::ChannelKind;
constexpr EnumTable<v1::DayKind, domain::DayKind, 2> kDayKinds{{
    {v1::DAY_KIND_HOLIDAY, domain::DayKind::kHoliday},
    {v1::DAY_KIND_MAKEUP_WORKING_DAY, domain::DayKind::kMakeupWorkingDay},
}};
constexpr EnumTable<v1::ChannelKind, ChannelKind, 2> kChannelKinds{{
    {v1::CHANNEL_KIND_WEBSITE, ChannelKind::kWebsite},
    {v1::CHANNEL_KIND_NEWSPAPER, ChannelKind::kNewspaper},
}};
constexpr EnumTable<v1::PeriodCounting, domain::PeriodCounting, 3> kCountings{{
    // Output names the method: the first row of a domain value is its proto value.
    {v1::PERIOD_COUNTING_START_DAY_NOT_COUNTED, domain::PeriodCounting::kStartDayNotCounted},
    {v1::PERIOD_COUNTING_START_DAY_COUNTED, domain::PeriodCounting::kStartDayCounted},
    {v1::PERIOD_COUNTING_UNSPECIFIED, domain::PeriodCounting::kStartDayNotCounted},
}};
using domain::NewspaperLevel;
constexpr EnumTable<v1::NewspaperLevel, NewspaperLevel, 4> kLevels{{
    {v1::NEWSPAPER_LEVEL_UNSPECIFIED, NewspaperLevel::kNone},
    {v1::NEWSPAPER_LEVEL_CITY, NewspaperLevel::kCity},
    {v1::NEWSPAPER_LEVEL_PROVINCIAL, NewspaperLevel::kProvincial},
    {v1::NEWSPAPER_LEVEL_NATIONAL, NewspaperLevel::kNational},
}};
using domain::DisposalState;
constexpr EnumTable<v1::DisposalState, DisposalState, 8> kStates{{
    {v1::DISPOSAL_STATE_DRAFT, DisposalState::kDraft},
    {v1::DISPOSAL_STATE_PUBLISHED, DisposalState::kPublished},
    {v1::DISPOSAL_STATE_WINDOW_CLOSED, DisposalState::kWindowClosed},
    {v1::DISPOSAL_STATE_AWARDED, DisposalState::kAwarded},
    {v1::DISPOSAL_STATE_SETTLED, DisposalState::kSettled},
    {v1::DISPOSAL_STATE_SUSPENDED, DisposalState::kSuspended},
    {v1::DISPOSAL_STATE_WITHDRAWN, DisposalState::kWithdrawn},
    {v1::DISPOSAL_STATE_EXPIRED, DisposalState::kExpired},
}};
using domain::SubmissionKind;
constexpr EnumTable<v1::SubmissionKind, SubmissionKind, 3> kKinds{{
    {v1::SUBMISSION_KIND_INQUIRY, SubmissionKind::kInquiry},
    {v1::SUBMISSION_KIND_OBJECTION, SubmissionKind::kObjection},
    {v1::SUBMISSION_KIND_OBSTRUCTION_REPORT, SubmissionKind::kObstructionReport},
}};
using domain::Resolution;
constexpr EnumTable<v1::Resolution, Resolution, 4> kResolutions{{
    {v1::RESOLUTION_UNRESOLVED, Resolution::kUnresolved},
    {v1::RESOLUTION_UPHELD, Resolution::kUpheld},
    {v1::RESOLUTION_DISMISSED, Resolution::kDismissed},
    {v1::RESOLUTION_ANSWERED, Resolution::kAnswered},
}};
constexpr EnumTable<v1::SubmissionChannel, const char*, 6> kSubmissionChannels{{
    {v1::SUBMISSION_CHANNEL_PHONE, "phone"},
    {v1::SUBMISSION_CHANNEL_LETTER, "letter"},
    {v1::SUBMISSION_CHANNEL_EMAIL, "email"},
    {v1::SUBMISSION_CHANNEL_VISIT, "visit"},
    {v1::SUBMISSION_CHANNEL_WEBSITE, "website"},
    {v1::SUBMISSION_CHANNEL_OTHER, "other"},
}};
using domain::GateReasonCode;
constexpr EnumTable<v1::GateReasonCode, GateReasonCode, 9> kGateCodes{{
    {v1::GATE_REASON_CODE_NOT_PUBLISHED, GateReasonCode::kNotPublished},
    {v1::GATE_REASON_CODE_WINDOW_OPEN, GateReasonCode::kWindowOpen},
    {v1::GATE_REASON_CODE_OBJECTION_UNRESOLVED, GateReasonCode::kObjectionUnresolved},
    {v1::GATE_REASON_CODE_OBJECTION_UPHELD, GateReasonCode::kObjectionUpheld},
    {v1::GATE_REASON_CODE_SUSPENDED, GateReasonCode::kSuspended},
    {v1::GATE_REASON_CODE_WITHDRAWN, GateReasonCode::kWithdrawn},
    {v1::GATE_REASON_CODE_EXPIRED, GateReasonCode::kExpired},
    {v1::GATE_REASON_CODE_ALREADY_AWARDED, GateReasonCode::kAlreadyAwarded},
    {v1::GATE_REASON_CODE_VALIDITY_END_UNKNOWN, GateReasonCode::kValidityEndUnknown},
}};

std::string Indexed(const std::string& field, int index) {
  return field + "[" + std::to_string(index) + "]";
}

domain::Contact ContactFromProto(const v1::Contact& contact) {
  return {contact.name(), {contact.phones().begin(), contact.phones().end()}};
}

void ContactToProto(const domain::Contact& contact, v1::Contact* out) {
  out->set_name(contact.name);
  for (const std::string& phone : contact.phones) out->add_phones(phone);
}

Result<domain::Lot> LotFromProto(const v1::Lot& lot, const std::string& field) {
  domain::Lot out;
  out.claim_id = lot.claim_id();
  if (lot.has_tranche_number()) out.tranche_number = lot.tranche_number();
  if (lot.has_reserve_price()) {
    ASSIGN_OR_RETURN(out.reserve_price,
                     MoneyFromProto(lot.reserve_price(), field + ".reserve_price"));
  }
  return out;
}

Result<domain::PublicationChannel> ChannelFromProto(const v1::PublicationChannel& channel,
                                                    const std::string& field) {
  domain::PublicationChannel out;
  ASSIGN_OR_RETURN(out.kind, EnumFromProto(channel.kind(), kChannelKinds, field + ".kind"));
  out.name = channel.name();
  ASSIGN_OR_RETURN(out.level, EnumFromProto(channel.level(), kLevels, field + ".level"));
  return out;
}

Status ListsFromProto(const v1::Disposal& d, const std::string& prefix,
                      domain::DisposalContent& out) {
  for (int i = 0; i < d.lots_size(); ++i) {
    ASSIGN_OR_RETURN(domain::Lot lot, LotFromProto(d.lots(i), Indexed(prefix + ".lots", i)));
    out.lots.push_back(std::move(lot));
  }
  for (int i = 0; i < d.methods_size(); ++i) {
    ASSIGN_OR_RETURN(DisposalMethod method,
                     EnumFromProto(d.methods(i), kMethods, Indexed(prefix + ".methods", i)));
    out.methods.push_back(method);
  }
  for (int i = 0; i < d.payment_terms_size(); ++i) {
    ASSIGN_OR_RETURN(PaymentTerm term, EnumFromProto(d.payment_terms(i), kTerms,
                                                     Indexed(prefix + ".payment_terms", i)));
    out.payment_terms.push_back(term);
  }
  for (int i = 0; i < d.channels_size(); ++i) {
    ASSIGN_OR_RETURN(domain::PublicationChannel channel,
                     ChannelFromProto(d.channels(i), Indexed(prefix + ".channels", i)));
    out.channels.push_back(std::move(channel));
  }
  return OkStatus();
}

}  // namespace

Result<domain::DisposalContent> DisposalContentFromProto(const v1::Disposal& d,
                                                         const std::string& prefix) {
  domain::DisposalContent out;
  out.title = d.title();
  RETURN_IF_ERROR(ListsFromProto(d, prefix, out));
  if (!d.has_deposit())
    return Error::InvalidArgument(prefix + ".deposit", "is required (may be 0)");
  ASSIGN_OR_RETURN(out.deposit, MoneyFromProto(d.deposit(), prefix + ".deposit"));
  if (d.has_reserve_price()) {
    ASSIGN_OR_RETURN(out.reserve_price,
                     MoneyFromProto(d.reserve_price(), prefix + ".reserve_price"));
  }
  const v1::ContactDetails& details = d.contact_details();
  for (const v1::Contact& contact : details.contacts()) {
    out.contact_details.contacts.push_back(ContactFromProto(contact));
  }
  out.contact_details.address = details.address();
  out.contact_details.postcode = details.postcode();
  if (details.has_supervisory_contact()) {
    out.contact_details.supervisory_contact = ContactFromProto(details.supervisory_contact());
  }
  out.validity_months = d.validity_months();
  out.window_working_days =
      d.window_working_days() == 0 ? domain::kDefaultWindowWorkingDays : d.window_working_days();
  ASSIGN_OR_RETURN(out.window_counting,
                   EnumFromProto(d.window_counting(), kCountings, prefix + ".window_counting"));
  return out;
}

v1::Disposal DisposalToProto(const domain::DisposalView& view) {
  const domain::Disposal& d = view.record.disposal;
  const domain::DisposalContent& c = d.content;
  v1::Disposal out;
  out.set_id(d.id);
  out.set_version(d.version);
  out.set_title(c.title);
  for (size_t i = 0; i < c.lots.size(); ++i) {
    v1::Lot* lot = out.add_lots();
    lot->set_id(c.lots[i].id);
    lot->set_claim_id(c.lots[i].claim_id);
    if (c.lots[i].tranche_number) lot->set_tranche_number(*c.lots[i].tranche_number);
    if (i < view.record.lot_book_values.size()) {
      *lot->mutable_book_value() = MoneyToProto(view.record.lot_book_values[i]);
    }
    if (c.lots[i].reserve_price)
      *lot->mutable_reserve_price() = MoneyToProto(*c.lots[i].reserve_price);
    if (const auto sale = d.sales.find(c.lots[i].id); sale != d.sales.end()) {
      lot->set_outcome_id(sale->second.outcome_id);
      lot->set_paid_in_full(sale->second.paid_in_full);
    }
  }
  for (DisposalMethod method : c.methods) out.add_methods(EnumToProto(method, kMethods));
  for (PaymentTerm term : c.payment_terms) out.add_payment_terms(EnumToProto(term, kTerms));
  *out.mutable_deposit() = MoneyToProto(c.deposit);
  if (c.reserve_price) *out.mutable_reserve_price() = MoneyToProto(*c.reserve_price);
  v1::ContactDetails* details = out.mutable_contact_details();
  for (const domain::Contact& contact : c.contact_details.contacts) {
    ContactToProto(contact, details->add_contacts());
  }
  details->set_address(c.contact_details.address);
  details->set_postcode(c.contact_details.postcode);
  if (c.contact_details.supervisory_contact) {
    ContactToProto(*c.contact_details.supervisory_contact, details->mutable_supervisory_contact());
  }
  for (const domain::PublicationChannel& channel : c.channels) {
    v1::PublicationChannel* item = out.add_channels();
    item->set_kind(EnumToProto(channel.kind, kChannelKinds));
    item->set_name(channel.name);
    item->set_level(EnumToProto(channel.level, kLevels));
  }
  out.set_validity_months(c.validity_months);
  out.set_window_working_days(c.window_working_days);
  out.set_window_counting(EnumToProto(c.window_counting, kCountings));
  out.set_state(EnumToProto(view.state, kStates));
  if (d.publication) {
    *out.mutable_publication_date() = DateToProto(d.publication->publication_date);
    *out.mutable_objection_deadline_date() = DateToProto(d.publication->objection_deadline_date);
    *out.mutable_window_end_time() =
        TimeUtil::MicrosecondsToTimestamp(d.publication->window_end_micros);
    *out.mutable_validity_end_date() = DateToProto(d.publication->validity_end_date);
    out.set_validity_end_provisional(d.publication->validity_end_provisional);
  }
  if (view.book_value) *out.mutable_book_value() = MoneyToProto(*view.book_value);
  if (view.working_days_left) out.set_working_days_left(*view.working_days_left);
  out.set_open_objection_count(view.open_objection_count);
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(d.create_time_micros);
  *out.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(d.update_time_micros);
  return out;
}

Result<domain::SubmissionKind> SubmissionKindFromProto(v1::SubmissionKind kind,
                                                       const std::string& field) {
  return EnumFromProto(kind, kKinds, field);
}

Result<domain::Resolution> ResolutionFromProto(v1::Resolution resolution,
                                               const std::string& field) {
  return EnumFromProto(resolution, kResolutions, field);
}

Result<domain::Transition> TransitionFromProto(v1::Transition transition,
                                               const std::string& field) {
  switch (transition) {
    case v1::TRANSITION_SUSPEND:
      return domain::Transition::kSuspend;
    case v1::TRANSITION_RESUME:
      return domain::Transition::kResume;
    case v1::TRANSITION_WITHDRAW:
      return domain::Transition::kWithdraw;
    default:
      break;
  }
  return Error::InvalidArgument(field, "must be SUSPEND, RESUME or WITHDRAW");
}

Result<domain::Submission> SubmissionFromProto(const v1::Submission& s) {
  domain::Submission out;
  out.disposal_id = s.disposal_id();
  out.lot_id = s.lot_id();
  ASSIGN_OR_RETURN(out.kind, SubmissionKindFromProto(s.kind(), "submission.kind"));
  ASSIGN_OR_RETURN(const char* channel,
                   EnumFromProto(s.channel(), kSubmissionChannels, "submission.channel"));
  out.channel = channel;
  if (!s.has_received_time()) {
    return Error::InvalidArgument("submission.received_time", "is required");
  }
  ASSIGN_OR_RETURN(out.received_micros,
                   BusinessTimeFromProto(s.received_time(), "submission.received_time"));
  out.submitter = s.submitter();
  out.submitter_contact = s.submitter_contact();
  out.text = s.text();
  return out;
}

namespace {

// Which side of the window a late submission fell on (UNSPECIFIED when not known: a mark
// as stored, read back without the disposal).
v1::LateReason LateReasonToProto(domain::Lateness lateness) {
  switch (lateness) {
    case domain::Lateness::kBeforePublication:
      return v1::LATE_REASON_BEFORE_PUBLICATION;
    case domain::Lateness::kAfterWindow:
      return v1::LATE_REASON_AFTER_WINDOW;
    case domain::Lateness::kNotPublished:
      return v1::LATE_REASON_NOT_PUBLISHED;
    case domain::Lateness::kOnTime:
      break;
  }
  return v1::LATE_REASON_UNSPECIFIED;
}

}  // namespace

v1::Submission SubmissionToProto(const domain::Submission& s) {
  v1::Submission out;
  out.set_id(s.id);
  out.set_number(s.number);
  out.set_disposal_id(s.disposal_id);
  out.set_lot_id(s.lot_id);
  out.set_kind(EnumToProto(s.kind, kKinds));
  for (const auto& [proto, code] : kSubmissionChannels) {
    if (s.channel == code) out.set_channel(proto);
  }
  *out.mutable_received_time() = TimeUtil::MicrosecondsToTimestamp(s.received_micros);
  out.set_submitter(s.submitter);
  out.set_submitter_contact(s.submitter_contact);
  out.set_text(s.text);
  out.set_late(s.late);
  out.set_late_reason(s.late ? LateReasonToProto(s.lateness) : v1::LATE_REASON_UNSPECIFIED);
  out.set_resolution(EnumToProto(s.resolution, kResolutions));
  out.set_resolution_note(s.resolution_note);
  if (s.resolve_micros != 0) {
    *out.mutable_resolve_time() = TimeUtil::MicrosecondsToTimestamp(s.resolve_micros);
  }
  out.set_resolved_by(s.resolved_by);
  return out;
}

v1::AwardGateDecision GateDecisionToProto(const domain::AwardGateDecision& decision) {
  v1::AwardGateDecision out;
  out.set_allowed(decision.allowed);
  for (const domain::GateReason& reason : decision.reasons) {
    v1::GateReason* item = out.add_reasons();
    item->set_code(EnumToProto(reason.code, kGateCodes));
    item->set_message(reason.message);
    item->set_submission_id(reason.submission_id);
  }
  *out.mutable_at_time() = TimeUtil::MicrosecondsToTimestamp(decision.at_micros);
  return out;
}

Result<domain::CalendarYear> CalendarYearFromProto(const v1::CalendarYear& year) {
  domain::CalendarYear out;
  out.year = year.year();
  out.source = year.source();
  for (int i = 0; i < year.special_days_size(); ++i) {
    const v1::SpecialDay& day = year.special_days(i);
    const std::string field = Indexed("calendar_year.special_days", i);
    domain::SpecialDay special;
    ASSIGN_OR_RETURN(special.date, DateFromProto(day.date(), field + ".date"));
    if (day.kind() == v1::DAY_KIND_UNSPECIFIED) {
      return Error::InvalidArgument(field + ".kind", "is required: HOLIDAY or MAKEUP_WORKING_DAY");
    }
    // A kind this server does not know must not become a working day by default: windows are
    // counted in working days.
    ASSIGN_OR_RETURN(special.kind, EnumFromProto(day.kind(), kDayKinds, field + ".kind"));
    special.name = day.name();
    out.special_days.push_back(std::move(special));
  }
  return out;
}

v1::CalendarYear CalendarYearToProto(const domain::CalendarYear& year) {
  v1::CalendarYear out;
  out.set_year(year.year);
  out.set_source(year.source);
  if (year.import_micros > 0) {
    *out.mutable_import_time() = TimeUtil::MicrosecondsToTimestamp(year.import_micros);
  }
  for (const domain::SpecialDay& day : year.special_days) {
    v1::SpecialDay* item = out.add_special_days();
    *item->mutable_date() = DateToProto(day.date);
    item->set_kind(EnumToProto(day.kind, kDayKinds));
    item->set_name(day.name);
  }
  return out;
}

Result<domain::DisposalMethod> DisposalMethodFromProto(v1::DisposalMethod method,
                                                       const std::string& field) {
  return EnumFromProto(method, kMethods, field);
}

v1::DisposalMethod DisposalMethodToProto(domain::DisposalMethod method) {
  return EnumToProto(method, kMethods);
}

}  // namespace disposal::api
