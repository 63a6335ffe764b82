#include "api/eligibility_mapping.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "api/wire_values.h"
#include "domain/identifiers.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

v1::EligibilityOutcome OutcomeToProto(domain::EligibilityOutcome outcome) {
  switch (outcome) {
    case domain::EligibilityOutcome::kEligible:
      return v1::ELIGIBILITY_OUTCOME_ELIGIBLE;
    case domain::EligibilityOutcome::kIneligible:
      return v1::ELIGIBILITY_OUTCOME_INELIGIBLE;
    case domain::EligibilityOutcome::kReview:
      return v1::ELIGIBILITY_OUTCOME_REVIEW;
  }
  return v1::ELIGIBILITY_OUTCOME_UNSPECIFIED;
}

Result<domain::PersonRole> RoleFromProto(v1::PersonRole role, const std::string& field) {
  if (role <= v1::PERSON_ROLE_UNSPECIFIED || role > v1::PERSON_ROLE_APPRAISAL_AGENCY_HEAD) {
    return Error::InvalidArgument(field, "is required");
  }
  return static_cast<domain::PersonRole>(role - 1);
}

Result<domain::DayRange> RangeFromProto(const v1::Date& from, const v1::Date& to, bool has_to,
                                        const std::string& field) {
  domain::DayRange range;
  ASSIGN_OR_RETURN(domain::Date start, DateFromProto(from, field + ".valid_from"));
  range.from_day = domain::DaysFromCivil(start);
  if (has_to) {
    ASSIGN_OR_RETURN(domain::Date end, DateFromProto(to, field + ".valid_to"));
    range.to_day = domain::DaysFromCivil(end);
  }
  return range;
}

Result<domain::RegistryChange> EntryFromProto(const v1::RegistryChange& change,
                                              const std::string& field) {
  domain::RegistryChange out;
  out.remove = change.remove();
  switch (change.entry_case()) {
    case v1::RegistryChange::kPerson: {
      const auto& p = change.person();
      out.entry =
          domain::RegistryPersonChange{p.national_id(), p.name(), p.declared_incapacitated()};
      return out;
    }
    case v1::RegistryChange::kOrganization: {
      const auto& o = change.organization();
      out.entry = domain::OrganizationEntry{o.credit_code(), o.name(), o.financial_institution(),
                                            o.state_owned(), o.deregistered()};
      return out;
    }
    case v1::RegistryChange::kRole: {
      const auto& r = change.role();
      domain::RegistryRoleChange role{r.national_id(), {}};
      ASSIGN_OR_RETURN(role.role.role, RoleFromProto(r.role(), field + ".role.role"));
      role.role.employer = r.employer();
      role.role.employer_credit_code = r.employer_credit_code();
      ASSIGN_OR_RETURN(role.role.valid, RangeFromProto(r.valid_from(), r.valid_to(),
                                                       r.has_valid_to(), field + ".role"));
      out.entry = std::move(role);
      return out;
    }
    case v1::RegistryChange::kRelation: {
      const auto& r = change.relation();
      if (r.kind() <= v1::RELATION_KIND_UNSPECIFIED || r.kind() > v1::RELATION_KIND_SIBLING) {
        return Error::InvalidArgument(field + ".relation.kind", "is required");
      }
      out.entry = domain::RegistryRelationChange{
          r.national_id(), static_cast<domain::RelationKind>(r.kind() - 1), r.other_national_id()};
      return out;
    }
    case v1::RegistryChange::kParticipation: {
      const auto& p = change.participation();
      if (p.kind() <= v1::PARTICIPATION_KIND_UNSPECIFIED ||
          p.kind() > v1::PARTICIPATION_KIND_ACTUAL_CONTROLLER) {
        return Error::InvalidArgument(field + ".participation.kind", "is required");
      }
      domain::RegistryParticipationChange participation{
          p.national_id(),
          p.credit_code(),
          static_cast<domain::ParticipationKind>(p.kind() - 1),
          p.percent().value(),
          {}};
      ASSIGN_OR_RETURN(
          participation.valid,
          RangeFromProto(p.valid_from(), p.valid_to(), p.has_valid_to(), field + ".participation"));
      out.entry = std::move(participation);
      return out;
    }
    case v1::RegistryChange::kEngagement: {
      const auto& e = change.engagement();
      domain::RegistryEngagementChange engagement{e.disposal_id(), e.national_id(), {}};
      ASSIGN_OR_RETURN(engagement.role, RoleFromProto(e.role(), field + ".engagement.role"));
      out.entry = std::move(engagement);
      return out;
    }
    case v1::RegistryChange::kListEntry: {
      const auto& l = change.list_entry();
      if (l.kind() != v1::LIST_KIND_DISHONEST_JUDGMENT_DEBTOR &&
          l.kind() != v1::LIST_KIND_SANCTIONS) {
        return Error::InvalidArgument(field + ".list_entry.kind", "is required");
      }
      out.entry = domain::RegistryListChange{static_cast<domain::ListKind>(l.kind() - 1),
                                             l.identifier(), l.source(), l.list_version()};
      return out;
    }
    case v1::RegistryChange::ENTRY_NOT_SET:
      break;
  }
  return Error::InvalidArgument(field, "needs one entry");
}

Result<std::optional<domain::Money>> OptionalMoney(bool present, const v1::Money& money,
                                                   const std::string& field) {
  if (!present) return std::optional<domain::Money>();
  ASSIGN_OR_RETURN(domain::Money amount, MoneyFromProto(money, field));
  if (amount.is_negative()) return Error::InvalidArgument(field, "must not be negative");
  return std::optional<domain::Money>(amount);
}

}  // namespace

Result<domain::BidderQuery> BidderQueryFromProto(const v1::CheckBidderEligibilityRequest& request,
                                                 bool* as_of_given) {
  domain::BidderQuery query;
  ASSIGN_OR_RETURN(query.bidder, PartyFromProto(request.bidder(), "bidder"));
  // The name is what the REVIEW rule matches an unregistered bidder on, and it is copied into
  // every reason's path and the receipt: required, and bounded as a claim's parties are.
  const bool person = query.bidder.kind == domain::PartyKind::kPerson;
  RETURN_IF_ERROR(domain::CheckText(query.bidder.name,
                                    person ? "bidder.person.name" : "bidder.organization.name", 1,
                                    person ? 100 : 200));
  if (person) {
    auto id = domain::ValidateNationalId(query.bidder.identifier);
    if (!id.ok()) return id.error().WithFieldPrefix("bidder.person");
  } else {
    auto code = domain::ValidateCreditCode(query.bidder.identifier);
    if (!code.ok()) return code.error().WithFieldPrefix("bidder.organization");
  }
  query.declared_own_labour_income = request.declared_own_labour_income();
  ASSIGN_OR_RETURN(query.deposit_paid, OptionalMoney(request.has_deposit_paid(),
                                                     request.deposit_paid(), "deposit_paid"));
  ASSIGN_OR_RETURN(query.proof_of_funds, OptionalMoney(request.has_proof_of_funds(),
                                                       request.proof_of_funds(), "proof_of_funds"));
  *as_of_given = request.has_as_of();
  if (request.has_as_of()) {
    ASSIGN_OR_RETURN(query.as_of, DateFromProto(request.as_of(), "as_of"));
  }
  return query;
}

void DecisionToProto(const domain::Decision& decision,
                     const std::vector<std::string>& described_settings,
                     v1::EligibilityDecision* out) {
  out->set_decision_id(decision.decision_id);
  out->set_outcome(OutcomeToProto(decision.result.outcome));
  for (const domain::EligibilityReason& reason : decision.result.reasons) {
    v1::EligibilityReason* item = out->add_reasons();
    item->set_rule_id(reason.rule_id);
    item->set_citation(reason.citation);
    item->set_outcome(OutcomeToProto(reason.outcome));
    item->set_message(reason.message);
    for (const domain::PathStep& step : reason.path) {
      v1::PathStep* path = item->add_path();
      path->set_relation(step.relation);
      path->set_identifier(step.identifier);
      path->set_name(step.name);
    }
  }
  out->set_registry_version(decision.registry_version);
  *out->mutable_as_of() = DateToProto(decision.as_of);
  *out->mutable_decide_time() = TimeUtil::MicrosecondsToTimestamp(decision.decide_micros);
  for (const std::string& setting : described_settings) out->add_settings(setting);
}

namespace {

std::string MaskedNationalId(const std::string& id) {
  return id.substr(0, 3) + std::string(id.size() - 5, '*') + id.substr(id.size() - 2);
}

// The first character (UTF-8: its lead byte and continuation bytes), then a '*' for each other.
std::string MaskedName(const std::string& name) {
  size_t first = name.empty() ? 0 : 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  size_t others = 0;
  for (size_t i = first; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) ++others;
  }
  return name.substr(0, first) + std::string(others, '*');
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text->find(from); at != std::string::npos;
       at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

}  // namespace

void MaskThirdPartyPersons(const domain::EligibilityResult& result,
                           v1::EligibilityDecision* decision) {
  // Mapped one to one; were they not, every step after the bidder is masked (fail closed).
  const bool mapped = static_cast<size_t>(decision->reasons_size()) == result.reasons.size();
  for (int r = 0; r < decision->reasons_size(); ++r) {
    v1::EligibilityReason& reason = *decision->mutable_reasons(r);
    const std::vector<domain::PathStep>* steps =
        mapped ? &result.reasons[static_cast<size_t>(r)].path : nullptr;
    // Every (whole, masked) pair of the reason first, then the message, longest first: a name
    // that begins another (王伟, 王伟明) must not leave the longer one half masked.
    std::vector<std::pair<std::string, std::string>> masks;
    for (int i = 1; i < reason.path_size(); ++i) {
      v1::PathStep* step = reason.mutable_path(i);
      // By the party's kind, not the identifier's shape: a credit code may be all digits.
      const bool person = steps == nullptr || static_cast<size_t>(i) >= steps->size() ||
                          (*steps)[static_cast<size_t>(i)].person;
      if (!person || step->identifier().size() < 5) continue;
      masks.emplace_back(step->identifier(), MaskedNationalId(step->identifier()));
      masks.emplace_back(step->name(), MaskedName(step->name()));
      step->set_identifier(masks[masks.size() - 2].second);
      step->set_name(masks.back().second);
    }
    std::stable_sort(masks.begin(), masks.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [whole, masked] : masks) ReplaceAll(reason.mutable_message(), whole, masked);
  }
}

Result<domain::RegistryChange> RegistryChangeFromProto(const v1::RegistryChange& change,
                                                       const std::string& prefix) {
  ASSIGN_OR_RETURN(domain::RegistryChange out, EntryFromProto(change, prefix));
  RETURN_IF_ERROR(domain::ValidateRegistryChange(out, prefix));
  return out;
}

namespace {

// Inverse of the FromProto mappings above: the proto enums follow the domain's order, from 1.
v1::Date DayToProto(int64_t day) { return DateToProto(domain::CivilFromDays(day)); }

// A period's start, and its end unless it lasts (valid_to then stays absent).
template <class Entry>
void RangeToProto(const domain::DayRange& range, Entry* out) {
  *out->mutable_valid_from() = DayToProto(range.from_day);
  if (range.to_day != domain::kOpenEnded) *out->mutable_valid_to() = DayToProto(range.to_day);
}

void RoleToProto(const domain::RegistryRoleChange& role, v1::RoleEntry* out) {
  out->set_national_id(role.national_id);
  out->set_role(static_cast<v1::PersonRole>(static_cast<int>(role.role.role) + 1));
  out->set_employer(role.role.employer);
  out->set_employer_credit_code(role.role.employer_credit_code);
  RangeToProto(role.role.valid, out);
}

void ParticipationToProto(const domain::RegistryParticipationChange& p,
                          v1::ParticipationEntry* out) {
  out->set_national_id(p.national_id);
  out->set_credit_code(p.credit_code);
  out->set_kind(static_cast<v1::ParticipationKind>(static_cast<int>(p.kind) + 1));
  if (!p.percent.empty()) out->mutable_percent()->set_value(p.percent);
  RangeToProto(p.valid, out);
}

}  // namespace

void RegistryPartyToProto(const domain::RegistryParty& party, v1::RegistryParty* out) {
  out->set_registry_version(party.registry_version);
  if (party.person) {
    v1::RegistryPerson* person = out->mutable_person();
    person->set_national_id(party.person->national_id);
    person->set_name(party.person->name);
    person->set_declared_incapacitated(party.person->declared_incapacitated);
  }
  if (party.organization) {
    v1::RegistryOrganization* org = out->mutable_organization();
    org->set_credit_code(party.organization->credit_code);
    org->set_name(party.organization->name);
    org->set_financial_institution(party.organization->financial_institution);
    org->set_state_owned(party.organization->state_owned);
    org->set_deregistered(party.organization->deregistered);
  }
  for (const auto& role : party.roles) RoleToProto(role, out->add_roles());
  for (const auto& relation : party.relations) {
    v1::RelationEntry* entry = out->add_relations();
    entry->set_national_id(relation.national_id);
    entry->set_kind(static_cast<v1::RelationKind>(static_cast<int>(relation.kind) + 1));
    entry->set_other_national_id(relation.other_national_id);
  }
  for (const auto& p : party.participations) ParticipationToProto(p, out->add_participations());
  for (const auto& engagement : party.engagements) {
    v1::EngagementEntry* entry = out->add_engagements();
    entry->set_disposal_id(engagement.disposal_id);
    entry->set_national_id(engagement.national_id);
    entry->set_role(static_cast<v1::PersonRole>(static_cast<int>(engagement.role) + 1));
  }
  for (const auto& listed : party.list_entries) {
    v1::ListEntry* entry = out->add_list_entries();
    entry->set_kind(static_cast<v1::ListKind>(static_cast<int>(listed.kind) + 1));
    entry->set_identifier(listed.identifier);
    entry->set_source(listed.source);
    entry->set_list_version(listed.list_version);
  }
  out->set_truncated(party.truncated);
}

}  // namespace disposal::api
