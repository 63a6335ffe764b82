#include "api/claim_mapping.h"

#include <google/protobuf/util/time_util.h>

#include <array>
#include <utility>

#include "api/accrual_terms_mapping.h"
#include "api/enum_table.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

std::string Indexed(const std::string& field, int index) {
  return field + "[" + std::to_string(index) + "]";
}

Result<domain::Tranche> TrancheFromProto(const v1::Tranche& t, const std::string& field) {
  domain::Tranche out;
  out.original_creditor = t.original_creditor();
  out.original_creditor_current_name = t.original_creditor_current_name();
  ASSIGN_OR_RETURN(out.principal, MoneyFromProto(t.principal(), field + ".principal"));
  ASSIGN_OR_RETURN(out.interest, MoneyFromProto(t.interest(), field + ".interest"));
  if (!t.has_interest_cutoff_date()) {
    return Error::InvalidArgument(field + ".interest_cutoff_date",
                                  "is required: the date principal and interest are stated as of");
  }
  ASSIGN_OR_RETURN(out.interest_cutoff_date,
                   DateFromProto(t.interest_cutoff_date(), field + ".interest_cutoff_date"));
  ASSIGN_OR_RETURN(out.contract_rate, RateFromProto(t.contract_rate(), field + ".contract_rate"));
  ASSIGN_OR_RETURN(out.penalty_rate, RateFromProto(t.penalty_rate(), field + ".penalty_rate"));
  out.contract_reference = t.contract_reference();
  return out;
}

Result<domain::Penalty> PenaltyFromProto(const v1::Penalty& p, const std::string& field) {
  domain::Penalty out;
  switch (p.state_case()) {
    case v1::Penalty::kUnliquidatedBasis:
      out.unliquidated = true;
      out.basis = p.unliquidated_basis();
      return out;
    case v1::Penalty::kAmount: {
      out.unliquidated = false;
      ASSIGN_OR_RETURN(out.amount, MoneyFromProto(p.amount(), field + ".amount"));
      return out;
    }
    case v1::Penalty::STATE_NOT_SET:
      break;
  }
  return Error::InvalidArgument(
      field, "is required: give unliquidated_basis (to be set by a court) or a known amount");
}

using domain::CollateralKind;
constexpr std::array<std::pair<v1::CollateralKind, CollateralKind>, 8> kCollateralKinds{{
    {v1::COLLATERAL_KIND_RESIDENTIAL, CollateralKind::kResidential},
    {v1::COLLATERAL_KIND_OFFICE, CollateralKind::kOffice},
    {v1::COLLATERAL_KIND_STREET_FRONT_SHOP, CollateralKind::kStreetFrontShop},
    {v1::COLLATERAL_KIND_COMMERCIAL, CollateralKind::kCommercial},
    {v1::COLLATERAL_KIND_UNDERGROUND_PARKING, CollateralKind::kUndergroundParking},
    {v1::COLLATERAL_KIND_LAND, CollateralKind::kLand},
    {v1::COLLATERAL_KIND_EQUIPMENT, CollateralKind::kEquipment},
    {v1::COLLATERAL_KIND_OTHER, CollateralKind::kOther},
}};
using domain::EncumbranceKind;
constexpr std::array<std::pair<v1::EncumbranceKind, EncumbranceKind>, 3> kEncumbranceKinds{{
    {v1::ENCUMBRANCE_KIND_SEIZED, EncumbranceKind::kSeized},
    {v1::ENCUMBRANCE_KIND_TAKEN_IN_PAYMENT, EncumbranceKind::kTakenInPayment},
    {v1::ENCUMBRANCE_KIND_OCCUPIED, EncumbranceKind::kOccupied},
}};
using domain::LiabilityType;
constexpr std::array<std::pair<v1::LiabilityType, LiabilityType>, 2> kLiabilityTypes{{
    {v1::LIABILITY_TYPE_JOINT_AND_SEVERAL, LiabilityType::kJointAndSeveral},
    {v1::LIABILITY_TYPE_GENERAL, LiabilityType::kGeneral},
}};
using domain::LitigationStage;
constexpr std::array<std::pair<v1::LitigationStage, LitigationStage>, 5> kStages{{
    {v1::LITIGATION_STAGE_FILED, LitigationStage::kFiled},
    {v1::LITIGATION_STAGE_IN_TRIAL, LitigationStage::kInTrial},
    {v1::LITIGATION_STAGE_JUDGED, LitigationStage::kJudged},
    {v1::LITIGATION_STAGE_ENFORCEMENT, LitigationStage::kEnforcement},
    {v1::LITIGATION_STAGE_CLOSED, LitigationStage::kClosed},
}};
using domain::ClaimStatus;
constexpr std::array<std::pair<v1::ClaimStatus, ClaimStatus>, 5> kStatuses{{
    {v1::CLAIM_STATUS_HELD, ClaimStatus::kHeld},
    {v1::CLAIM_STATUS_IN_DISPOSAL, ClaimStatus::kInDisposal},
    {v1::CLAIM_STATUS_DISPOSED, ClaimStatus::kDisposed},
    {v1::CLAIM_STATUS_SETTLED, ClaimStatus::kSettled},
    {v1::CLAIM_STATUS_WRITTEN_OFF, ClaimStatus::kWrittenOff},
}};

Result<domain::Collateral> CollateralFromProto(const v1::Collateral& c, const std::string& field) {
  domain::Collateral out;
  ASSIGN_OR_RETURN(out.kind, EnumFromProto(c.kind(), kCollateralKinds, field + ".kind"));
  out.description = c.description();
  out.location = c.location();
  if (c.has_appraised_value()) {
    ASSIGN_OR_RETURN(out.appraised_value,
                     MoneyFromProto(c.appraised_value(), field + ".appraised_value"));
  }
  out.lien_rank = c.lien_rank();
  for (int i = 0; i < c.encumbrances_size(); ++i) {
    const v1::Encumbrance& e = c.encumbrances(i);
    const std::string item = Indexed(field + ".encumbrances", i);
    domain::Encumbrance encumbrance;
    ASSIGN_OR_RETURN(encumbrance.kind, EnumFromProto(e.kind(), kEncumbranceKinds, item + ".kind"));
    encumbrance.note = e.note();
    // Optional: an empty date message is one left out, not a date that is required.
    if (e.has_date() && !IsEmptyDate(e.date())) {
      ASSIGN_OR_RETURN(encumbrance.arose_date, DateFromProto(e.date(), item + ".date"));
    }
    out.encumbrances.push_back(std::move(encumbrance));
  }
  return out;
}

Result<domain::Guarantee> GuaranteeFromProto(const v1::Guarantee& g, const std::string& field) {
  domain::Guarantee out;
  ASSIGN_OR_RETURN(out.guarantor, PartyFromProto(g.guarantor(), field + ".guarantor"));
  ASSIGN_OR_RETURN(out.liability,
                   EnumFromProto(g.liability(), kLiabilityTypes, field + ".liability"));
  out.scope = g.scope();
  out.term = g.term();
  return out;
}

Result<domain::Pledge> PledgeFromProto(const v1::Pledge& p, const std::string& field) {
  domain::Pledge out;
  out.subject = p.subject();
  // Optional: an empty party message (neither kind set) is one left out.
  if (p.has_pledgor() && p.pledgor().kind_case() != v1::Party::KIND_NOT_SET) {
    ASSIGN_OR_RETURN(out.pledgor, PartyFromProto(p.pledgor(), field + ".pledgor"));
  }
  return out;
}

Result<domain::Litigation> LitigationFromProto(const v1::Litigation& l, const std::string& field) {
  domain::Litigation out;
  out.court = l.court();
  out.case_number = l.case_number();
  ASSIGN_OR_RETURN(out.stage, EnumFromProto(l.stage(), kStages, field + ".stage"));
  return out;
}

// Converts each element with `convert(element, "field[i]")`, stopping at the first error.
template <typename Out, typename In, typename Convert>
Result<std::vector<Out>> ConvertEach(const google::protobuf::RepeatedPtrField<In>& items,
                                     const std::string& field, Convert convert) {
  std::vector<Out> out;
  out.reserve(items.size());
  for (int i = 0; i < items.size(); ++i) {
    ASSIGN_OR_RETURN(Out item, convert(items.Get(i), Indexed(field, i)));
    out.push_back(std::move(item));
  }
  return out;
}

void TrancheToProto(const domain::Tranche& t, v1::Tranche* out) {
  out->set_original_creditor(t.original_creditor);
  out->set_original_creditor_current_name(t.original_creditor_current_name);
  *out->mutable_principal() = MoneyToProto(t.principal);
  *out->mutable_interest() = MoneyToProto(t.interest);
  *out->mutable_interest_cutoff_date() = DateToProto(t.interest_cutoff_date);
  if (t.contract_rate) *out->mutable_contract_rate() = RateToProto(*t.contract_rate);
  if (t.penalty_rate) *out->mutable_penalty_rate() = RateToProto(*t.penalty_rate);
  out->set_contract_reference(t.contract_reference);
}

void CollateralToProto(const domain::Collateral& c, v1::Collateral* out) {
  out->set_kind(EnumToProto(c.kind, kCollateralKinds));
  out->set_description(c.description);
  out->set_location(c.location);
  if (c.appraised_value) *out->mutable_appraised_value() = MoneyToProto(*c.appraised_value);
  out->set_lien_rank(c.lien_rank);
  for (const domain::Encumbrance& e : c.encumbrances) {
    v1::Encumbrance* item = out->add_encumbrances();
    item->set_kind(EnumToProto(e.kind, kEncumbranceKinds));
    item->set_note(e.note);
    if (e.arose_date) *item->mutable_date() = DateToProto(*e.arose_date);
  }
}

void SecurityToProto(const domain::ClaimContent& c, v1::Claim* out) {
  for (const domain::Guarantee& g : c.guarantees) {
    v1::Guarantee* item = out->add_guarantees();
    *item->mutable_guarantor() = PartyToProto(g.guarantor);
    item->set_liability(EnumToProto(g.liability, kLiabilityTypes));
    item->set_scope(g.scope);
    item->set_term(g.term);
  }
  for (const domain::Pledge& p : c.pledges) {
    v1::Pledge* item = out->add_pledges();
    item->set_subject(p.subject);
    if (p.pledgor) *item->mutable_pledgor() = PartyToProto(*p.pledgor);
  }
  for (const domain::Litigation& l : c.litigation) {
    v1::Litigation* item = out->add_litigation();
    item->set_court(l.court);
    item->set_case_number(l.case_number);
    item->set_stage(EnumToProto(l.stage, kStages));
  }
}

}  // namespace

Result<domain::ClaimStatus> ClaimStatusFromProto(v1::ClaimStatus status, const std::string& field) {
  return EnumFromProto(status, kStatuses, field);
}

v1::ClaimStatus ClaimStatusToProto(domain::ClaimStatus status) {
  return EnumToProto(status, kStatuses);
}

Result<domain::ClaimContent> ClaimContentFromProto(const v1::Claim& claim,
                                                   const std::string& prefix) {
  domain::ClaimContent out;
  out.title = claim.title();
  if (claim.status() != v1::CLAIM_STATUS_UNSPECIFIED) {
    ASSIGN_OR_RETURN(out.status, ClaimStatusFromProto(claim.status(), prefix + ".status"));
  }
  ASSIGN_OR_RETURN(out.debtor, PartyFromProto(claim.debtor(), prefix + ".debtor"));
  ASSIGN_OR_RETURN(out.holder, PartyFromProto(claim.holder(), prefix + ".holder"));
  out.currency_code = claim.currency_code().empty() ? "CNY" : claim.currency_code();
  ASSIGN_OR_RETURN(out.tranches, ConvertEach<domain::Tranche>(
                                     claim.tranches(), prefix + ".tranches", TrancheFromProto));
  ASSIGN_OR_RETURN(out.penalty, PenaltyFromProto(claim.penalty(), prefix + ".penalty"));
  ASSIGN_OR_RETURN(out.collateral,
                   ConvertEach<domain::Collateral>(claim.collateral(), prefix + ".collateral",
                                                   CollateralFromProto));
  ASSIGN_OR_RETURN(out.guarantees,
                   ConvertEach<domain::Guarantee>(claim.guarantees(), prefix + ".guarantees",
                                                  GuaranteeFromProto));
  ASSIGN_OR_RETURN(out.pledges, ConvertEach<domain::Pledge>(claim.pledges(), prefix + ".pledges",
                                                            PledgeFromProto));
  ASSIGN_OR_RETURN(out.litigation,
                   ConvertEach<domain::Litigation>(claim.litigation(), prefix + ".litigation",
                                                   LitigationFromProto));
  if (claim.has_accrual_terms()) {
    ASSIGN_OR_RETURN(out.accrual_terms,
                     ClaimAccrualTermsFromProto(claim.accrual_terms(), prefix + ".accrual_terms"));
  }
  return out;
}

Result<v1::Claim> ClaimToProto(const domain::Claim& claim) {
  const domain::ClaimContent& c = claim.content;
  ASSIGN_OR_RETURN(domain::ClaimTotals totals, domain::ComputeTotals(c));
  v1::Claim out;
  out.set_id(claim.id);
  out.set_version(claim.version);
  out.set_title(c.title);
  out.set_status(ClaimStatusToProto(c.status));
  *out.mutable_debtor() = PartyToProto(c.debtor);
  *out.mutable_holder() = PartyToProto(c.holder);
  out.set_currency_code(c.currency_code);
  for (const domain::Tranche& t : c.tranches) TrancheToProto(t, out.add_tranches());
  if (c.penalty.unliquidated) {
    out.mutable_penalty()->set_unliquidated_basis(c.penalty.basis);
  } else if (c.penalty.amount) {
    *out.mutable_penalty()->mutable_amount() = MoneyToProto(*c.penalty.amount);
  }
  for (const domain::Collateral& item : c.collateral) CollateralToProto(item, out.add_collateral());
  SecurityToProto(c, &out);
  if (c.accrual_terms) *out.mutable_accrual_terms() = ClaimAccrualTermsToProto(*c.accrual_terms);
  v1::ClaimTotals* t = out.mutable_totals();
  *t->mutable_principal() = MoneyToProto(totals.principal);
  *t->mutable_interest() = MoneyToProto(totals.interest);
  *t->mutable_penalty() = MoneyToProto(totals.penalty);
  *t->mutable_total() = MoneyToProto(totals.total);
  t->set_penalty_unliquidated(totals.penalty_unliquidated);
  *out.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(claim.create_time_micros);
  *out.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(claim.update_time_micros);
  return out;
}

}  // namespace disposal::api
