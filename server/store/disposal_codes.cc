#include "store/disposal_codes.h"

#include "store/code_table.h"

namespace disposal::store {
namespace {

using domain::ChannelKind;
using domain::DisposalMethod;
using domain::NewspaperLevel;
using domain::PaymentTerm;
using domain::Resolution;
using domain::StoredState;
using domain::SubmissionKind;

constexpr CodeTable<DisposalMethod, 6> kMethods{{
    {DisposalMethod::kDebtReduction, "debt_reduction"},
    {DisposalMethod::kAgreementTransfer, "agreement_transfer"},
    {DisposalMethod::kAuction, "auction"},
    {DisposalMethod::kInvitationToOffer, "invitation_to_offer"},
    {DisposalMethod::kSeparateListing, "separate_listing"},
    {DisposalMethod::kOther, "other"},
}};
constexpr CodeTable<domain::PeriodCounting, 2> kCountings{{
    {domain::PeriodCounting::kStartDayNotCounted, "start_day_not_counted"},
    {domain::PeriodCounting::kStartDayCounted, "start_day_counted"},
}};
constexpr CodeTable<PaymentTerm, 2> kTerms{{
    {PaymentTerm::kLumpSum, "lump_sum"},
    {PaymentTerm::kInstalments, "instalments"},
}};
constexpr CodeTable<ChannelKind, 2> kChannelKinds{{
    {ChannelKind::kWebsite, "website"},
    {ChannelKind::kNewspaper, "newspaper"},
}};
constexpr CodeTable<NewspaperLevel, 4> kLevels{{
    {NewspaperLevel::kNone, "none"},
    {NewspaperLevel::kCity, "city"},
    {NewspaperLevel::kProvincial, "provincial"},
    {NewspaperLevel::kNational, "national"},
}};
constexpr CodeTable<StoredState, 6> kStates{{
    {StoredState::kDraft, "draft"},
    {StoredState::kPublished, "published"},
    {StoredState::kAwarded, "awarded"},
    {StoredState::kSettled, "settled"},
    {StoredState::kSuspended, "suspended"},
    {StoredState::kWithdrawn, "withdrawn"},
}};
constexpr CodeTable<SubmissionKind, 3> kKinds{{
    {SubmissionKind::kInquiry, "inquiry"},
    {SubmissionKind::kObjection, "objection"},
    {SubmissionKind::kObstructionReport, "obstruction_report"},
}};
constexpr CodeTable<Resolution, 4> kResolutions{{
    {Resolution::kUnresolved, "unresolved"},
    {Resolution::kUpheld, "upheld"},
    {Resolution::kDismissed, "dismissed"},
    {Resolution::kAnswered, "answered"},
}};

}  // namespace

std::string ToCode(DisposalMethod method) { return Code(kMethods, method); }
std::string ToCode(PaymentTerm term) { return Code(kTerms, term); }
std::string ToCode(ChannelKind kind) { return Code(kChannelKinds, kind); }
std::string ToCode(NewspaperLevel level) { return Code(kLevels, level); }
std::string ToCode(StoredState state) { return Code(kStates, state); }
std::string ToCode(SubmissionKind kind) { return Code(kKinds, kind); }
std::string ToCode(Resolution resolution) { return Code(kResolutions, resolution); }

DisposalMethod DisposalMethodFromCode(const std::string& code) { return Decode(kMethods, code); }
PaymentTerm PaymentTermFromCode(const std::string& code) { return Decode(kTerms, code); }
std::string ToCode(domain::PeriodCounting counting) { return Code(kCountings, counting); }
domain::PeriodCounting PeriodCountingFromCode(const std::optional<std::string>& code) {
  return code ? Decode(kCountings, *code) : domain::PeriodCounting::kStartDayNotCounted;
}
ChannelKind ChannelKindFromCode(const std::string& code) { return Decode(kChannelKinds, code); }
NewspaperLevel NewspaperLevelFromCode(const std::string& code) { return Decode(kLevels, code); }
StoredState StoredStateFromCode(const std::string& code) { return Decode(kStates, code); }
SubmissionKind SubmissionKindFromCode(const std::string& code) { return Decode(kKinds, code); }
Resolution ResolutionFromCode(const std::string& code) { return Decode(kResolutions, code); }

}  // namespace disposal::store
