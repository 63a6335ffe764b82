#include "domain/eligibility_findings.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace disposal::domain::eligibility_internal {

const char* RelationLabel(RelationKind kind) {
  switch (kind) {
    case RelationKind::kSpouse:
      return "spouse";
    case RelationKind::kParent:
      return "parent";
    case RelationKind::kChild:
      return "child";
    case RelationKind::kGrandparent:
      return "grandparent";
    case RelationKind::kGrandchild:
      return "grandchild";
    case RelationKind::kSibling:
      return "sibling";
  }
  return "relative";
}

PathStep PersonStep(std::string relation, const PersonEntry& person) {
  return {std::move(relation), person.national_id, person.name, /*person=*/true};
}

namespace {

const char* RoleLabel(PersonRole role) {
  switch (role) {
    case PersonRole::kCivilServant:
      return "civil servant";
    case PersonRole::kFinancialRegulatorStaff:
      return "financial regulator staff";
    case PersonRole::kLawEnforcementOfficer:
      return "law enforcement officer";
    case PersonRole::kAmcStaff:
      return "AMC staff";
    case PersonRole::kDebtorManagement:
      return "debtor management";
    case PersonRole::kLawyer:
      return "lawyer";
    case PersonRole::kAccountant:
      return "accountant";
    case PersonRole::kAppraiser:
      return "appraiser";
    case PersonRole::kAuctioneer:
      return "auctioneer";
    case PersonRole::kAppraisalAgencyHead:
      return "appraisal agency head";
  }
  return "unknown role";
}

// Items 1-4: roles that exclude wherever the person works.
struct RoleRule {
  const char* rule_id;
  const char* item;  // for messages, e.g. "item 1, 国家公务员"
};

std::optional<RoleRule> RoleRuleFor(PersonRole role) {
  switch (role) {
    case PersonRole::kCivilServant:
      return RoleRule{"excl.1.civil_servant", "item 1, 国家公务员"};
    case PersonRole::kFinancialRegulatorStaff:
      return RoleRule{"excl.2.regulator", "item 2, 金融监管机构工作人员"};
    case PersonRole::kLawEnforcementOfficer:
      return RoleRule{"excl.3.law_enforcement", "item 3, 政法干警"};
    case PersonRole::kAmcStaff:
      return RoleRule{"excl.4.amc_staff", "item 4, 金融资产管理公司工作人员"};
    default:
      return std::nullopt;
  }
}

// Item 6: the intermediaries working on the disposal. The head of the engaged appraisal agency
// is 中介机构人员 too (item 6's list ends in 等), and item 8 already excludes their relatives.
bool IsIntermediaryRole(PersonRole role) {
  return role == PersonRole::kLawyer || role == PersonRole::kAccountant ||
         role == PersonRole::kAppraiser || role == PersonRole::kAuctioneer ||
         role == PersonRole::kAppraisalAgencyHead;
}

// A person's engagements on this disposal: a binary search, since a check asks this for the
// bidder and each of its relatives and participants, and a disposal may engage hundreds.
std::pair<std::vector<EngagementLink>::const_iterator, std::vector<EngagementLink>::const_iterator>
EngagementsOf(const Checker& checker, uint32_t person) {
  return std::equal_range(
      checker.engagements.begin(), checker.engagements.end(), EngagementLink{person, {}},
      [](const EngagementLink& a, const EngagementLink& b) { return a.person < b.person; });
}

PathStep OnThisDisposalStep(PersonRole role) {
  return {std::string(RoleLabel(role)) + " on this disposal", "", ""};
}

// The debtor of this disposal that `credit_code` names, when that debtor is state-owned by its
// own party record or by its registered organisation entry; item 5 spares private debtors.
const Party* StateOwnedDebtor(const Checker& checker, const std::string& credit_code) {
  if (credit_code.empty()) return nullptr;
  for (const Party& debtor : checker.disposal.debtors) {
    if (debtor.kind != PartyKind::kOrganization || debtor.identifier != credit_code) continue;
    if (debtor.state_owned) return &debtor;
    std::optional<uint32_t> index = checker.registry.FindOrganization(credit_code);
    if (index && checker.registry.organization(*index).state_owned) return &debtor;
  }
  return nullptr;
}

// A state-owned debtor of this disposal that a person manages on the check day, and how.
struct Management {
  const Party* debtor = nullptr;
  const char* as = "management of state-owned debtor";
};

// As a director or senior manager registered in the debtor's organisation: 管理层 (item 5)
// reads as both, whether or not a debtor-management role is registered too. Every such seat:
// each is a reason of its own.
std::vector<Management> SeatsOnStateOwnedDebtors(const Checker& checker, uint32_t index) {
  if (!checker.any_state_owned_debtor) {
    bool any = false;
    for (const Party& debtor : checker.disposal.debtors) {
      any = any || StateOwnedDebtor(checker, debtor.identifier) != nullptr;
    }
    checker.any_state_owned_debtor = any;
  }
  std::vector<Management> seats;
  if (!*checker.any_state_owned_debtor) return seats;
  for (uint32_t participation : checker.registry.participations_of_person(index)) {
    const ParticipationLink& link = checker.registry.participation(participation);
    const bool director = link.kind == ParticipationKind::kDirector;
    if ((!director && link.kind != ParticipationKind::kSeniorManager) ||
        !link.valid.Contains(checker.day)) {
      continue;
    }
    const OrganizationEntry& organization = checker.registry.organization(link.organization);
    if (const Party* debtor = StateOwnedDebtor(checker, organization.credit_code)) {
      seats.push_back({debtor, director ? "director of state-owned debtor"
                                        : "senior manager of state-owned debtor"});
    }
  }
  return seats;
}

// The state-owned debtors of this disposal the registered person `index` manages as of the
// check day, each once: by a debtor-management role, or else by a seat.
std::vector<Management> ManagedStateOwnedDebtors(const Checker& checker, uint32_t index) {
  std::vector<Management> managed;
  // Without debtors there is nothing to manage; skip reading the person's entry at all.
  if (checker.disposal.debtors.empty()) return managed;
  auto known = [&managed](const Party* debtor) {
    return std::any_of(managed.begin(), managed.end(),
                       [debtor](const Management& m) { return m.debtor == debtor; });
  };
  for (const RolePeriod& role : checker.registry.person(index).roles) {
    if (role.role != PersonRole::kDebtorManagement || !role.valid.Contains(checker.day)) continue;
    const Party* debtor = StateOwnedDebtor(checker, role.employer_credit_code);
    if (debtor != nullptr && !known(debtor)) managed.push_back({debtor});
  }
  for (const Management& seat : SeatsOnStateOwnedDebtors(checker, index)) {
    if (!known(seat.debtor)) managed.push_back(seat);
  }
  return managed;
}

Finding DebtorManagementFinding(const Management& management) {
  const Party& debtor = *management.debtor;
  return {"excl.5.debtor_management",
          kItemsOneToSevenCitation,
          "management of the state-owned debtor " + debtor.name + " (item 5, 国有企业债务人管理层)",
          {{management.as, debtor.identifier, debtor.name}}};
}

// Items 1-5 from the person's roles active on the check day.
void CollectRoleFindings(const Checker& checker, const PersonEntry& person,
                         std::vector<Finding>* findings) {
  for (const RolePeriod& role : person.roles) {
    if (!role.valid.Contains(checker.day)) continue;
    if (std::optional<RoleRule> rule = RoleRuleFor(role.role)) {
      // The step reads "civil servant at 某市财政局" when the employer is known.
      std::string step = RoleLabel(role.role);
      if (!role.employer.empty()) step += " at";
      std::string what = "working as " + step;
      if (!role.employer.empty()) what += " " + role.employer;
      what += std::string(" (") + rule->item + ")";
      findings->push_back({rule->rule_id,
                           kItemsOneToSevenCitation,
                           std::move(what),
                           {{std::move(step), role.employer_credit_code, role.employer}}});
    } else if (role.role == PersonRole::kDebtorManagement) {
      const Party* debtor = StateOwnedDebtor(checker, role.employer_credit_code);
      if (debtor != nullptr) findings->push_back(DebtorManagementFinding({debtor}));
    }
  }
}

bool HasActiveRole(const Checker& checker, const PersonEntry& person, PersonRole wanted) {
  for (const RolePeriod& role : person.roles) {
    if (role.role == wanted && role.valid.Contains(checker.day)) return true;
  }
  return false;
}

// Item 6 (and item 4 for AMC staff engaged on this disposal whose staff role is not in the
// registry: the engagement itself shows they are AMC staff).
void CollectEngagementFindings(const Checker& checker, uint32_t index,
                               std::vector<Finding>* findings) {
  const PersonEntry& person = checker.registry.person(index);
  const auto [first, last] = EngagementsOf(checker, index);
  for (auto it = first; it != last; ++it) {
    const EngagementLink& engagement = *it;
    if (engagement.role == PersonRole::kAmcStaff) {
      if (HasActiveRole(checker, person, PersonRole::kAmcStaff)) continue;
      findings->push_back({"excl.4.amc_staff",
                           kItemsOneToSevenCitation,
                           "AMC staff engaged on this disposal (item 4)",
                           {OnThisDisposalStep(engagement.role)}});
    } else if (IsIntermediaryRole(engagement.role)) {
      std::string what = std::string("the ") + RoleLabel(engagement.role) +
                         " engaged on this disposal (item 6, 中介机构人员";
      if (engagement.role == PersonRole::kAuctioneer) {
        what += "; the auctioneer, 拍卖人, is added by the AMC's 2024 notice";
      }
      findings->push_back({"excl.6.intermediary",
                           kItemsOneToSevenCitation,
                           what + ")",
                           {OnThisDisposalStep(engagement.role)}});
    }
  }
}

// A relative of the bidder under item 8: `other`, who is the bidder's `kind`, registered as
// such, or derived from two registered steps through `through` (the bidder's parent or child)
// and then `second` (their parent or child): a parent's parent is a grandparent, a child's
// child a grandchild, a parent's child a sibling.
struct Relative {
  uint32_t other = 0;
  RelationKind kind = RelationKind::kSpouse;
  const RelationLink* through = nullptr;
  RelationKind second = RelationKind::kSpouse;
};

// What makes a relative engaged on this disposal one item 8 names: AMC staff taking part in
// the transfer, or the head of the appraisal agency engaged on it. Engaged in another capacity
// (the AMC's in-house counsel as its lawyer, an agency head as an appraiser), they are still who
// their registered role says on the check date; none of the two: nothing.
std::optional<PersonRole> ItemEightCapacity(const Checker& checker, uint32_t index,
                                            const EngagementLink& engagement) {
  if (engagement.role == PersonRole::kAmcStaff ||
      engagement.role == PersonRole::kAppraisalAgencyHead) {
    return engagement.role;
  }
  const PersonEntry& person = checker.registry.person(index);
  for (PersonRole role : {PersonRole::kAmcStaff, PersonRole::kAppraisalAgencyHead}) {
    if (HasActiveRole(checker, person, role)) return role;
  }
  return std::nullopt;
}

// Item 8's findings for one relative: (a) AMC staff engaged on this disposal, (b) management of
// a state-owned debtor of it, or (c) head of the appraisal agency engaged on it. Relatives of
// the other intermediaries are not named by item 8.
void CollectFindingsOfRelative(const Checker& checker, const Relative& relative,
                               std::vector<Finding>* findings) {
  // Labels are built only for a finding: most relatives trigger nothing.
  auto add = [&](PathStep last, const std::string& who) {
    const PersonEntry& person = checker.registry.person(relative.other);
    const std::string kind = RelationLabel(relative.kind);
    std::vector<PathStep> path;
    std::string through;
    // Each step names what the person reached is to the one before, as a shareholder's step
    // does: "bidder -> parent 父亲" is the bidder's parent (never "parent of", which read as the
    // bidder being the parent).
    if (relative.through != nullptr) {
      const PersonEntry& middle = checker.registry.person(relative.through->other);
      path.push_back(PersonStep(RelationLabel(relative.through->kind), middle));
      path.push_back(PersonStep(RelationLabel(relative.second), person));
      through = ", through " + middle.name;
    } else {
      path.push_back(PersonStep(kind, person));
    }
    path.push_back(std::move(last));
    // A sibling is no lineal relative (直系亲属): it counts only as the 2024 notice's 近亲属 does,
    // when the setting includes siblings. The citation stays item 8's, the rule applied (a
    // changed citation would make every earlier decision's replay differ).
    const bool sibling = relative.kind == RelationKind::kSibling;
    findings->push_back(
        {"excl.8.lineal_relative", kItemEightCitation,
         std::string(sibling ? "a close relative of " : "a lineal relative of ") + person.name +
             " (" + person.name + " is their " + kind + through + "), who is " + who +
             (sibling ? " (item 8 as the 2024 notice reads it, 近亲属; see lineal_relatives)"
                      : " (item 8, 直系亲属; see lineal_relatives)"),
         std::move(path), true});
  };
  const auto [first, last] = EngagementsOf(checker, relative.other);
  for (auto it = first; it != last; ++it) {
    const EngagementLink& engagement = *it;
    const std::optional<PersonRole> who = ItemEightCapacity(checker, relative.other, engagement);
    if (!who) continue;
    std::string what = std::string("the ") + RoleLabel(*who) + " on this disposal";
    if (*who != engagement.role) what += std::string(", engaged as ") + RoleLabel(engagement.role);
    add(OnThisDisposalStep(engagement.role), what);
  }
  for (const Management& managed : ManagedStateOwnedDebtors(checker, relative.other)) {
    add({managed.as, managed.debtor->identifier, managed.debtor->name},
        "management of the state-owned debtor " + managed.debtor->name);
  }
}

bool Registered(const std::vector<RelationLink>& links, uint32_t other, RelationKind kind) {
  return std::any_of(links.begin(), links.end(), [&](const RelationLink& link) {
    return link.other == other && link.kind == kind;
  });
}

// Item 8 (per settings) for the person `index`: the relatives registered as such, then those
// that two registered steps make (a registry may hold a grandparent only as a parent's parent).
void CollectRelativeFindings(const Checker& checker, uint32_t index,
                             std::vector<Finding>* findings) {
  const std::set<RelationKind>& wanted = checker.settings.lineal_relation_kinds;
  const std::vector<RelationLink>& links = checker.registry.relations(index);
  for (const RelationLink& link : links) {
    if (wanted.count(link.kind) > 0) {
      CollectFindingsOfRelative(checker, {link.other, link.kind}, findings);
    }
  }
  struct Derivation {
    RelationKind first, second, derived;
  };
  static constexpr Derivation kDerivations[] = {
      {RelationKind::kParent, RelationKind::kParent, RelationKind::kGrandparent},
      {RelationKind::kChild, RelationKind::kChild, RelationKind::kGrandchild},
      {RelationKind::kParent, RelationKind::kChild, RelationKind::kSibling},
  };
  std::vector<uint32_t> derived;  // a sibling is found through each parent: once is enough
  for (const RelationLink& link : links) {
    for (const Derivation& derivation : kDerivations) {
      if (link.kind != derivation.first || wanted.count(derivation.derived) == 0) continue;
      for (const RelationLink& next : checker.registry.relations(link.other)) {
        if (next.kind != derivation.second || next.other == index ||
            Registered(links, next.other, derivation.derived) ||
            std::find(derived.begin(), derived.end(), next.other) != derived.end()) {
          continue;
        }
        derived.push_back(next.other);
        CollectFindingsOfRelative(checker, {next.other, derivation.derived, &link, next.kind},
                                  findings);
      }
    }
  }
}

}  // namespace

std::vector<Finding> FindingsFor(const Checker& checker, uint32_t index, bool with_relatives) {
  std::vector<Finding> findings;
  CollectRoleFindings(checker, checker.registry.person(index), &findings);
  if (!checker.disposal.debtors.empty()) {
    for (const Management& seat : SeatsOnStateOwnedDebtors(checker, index)) {
      findings.push_back(DebtorManagementFinding(seat));
    }
  }
  CollectEngagementFindings(checker, index, &findings);
  if (with_relatives) CollectRelativeFindings(checker, index, &findings);
  return findings;
}

}  // namespace disposal::domain::eligibility_internal
