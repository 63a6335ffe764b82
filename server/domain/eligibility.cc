#include "domain/eligibility.h"

#include <algorithm>
#include <cassert>
#include <tuple>
#include <utility>

#include "domain/identifiers.h"

namespace disposal::domain {
namespace {

// Citations printed with each reason. Items 1-7 are 海南纪要 六(八), item 8 is 六(九); the
// same categories are in 财金〔2005〕74号, so both are named.
constexpr char kItemsOneToSevenCitation[] = "法发〔2009〕19号 六(八); 财金〔2005〕74号";
constexpr char kItemEightCitation[] = "法发〔2009〕19号 六(九); 财金〔2005〕74号";
constexpr char kNotice2024Citation[] = "AMC disposal notice (2024): 债务人及其关联方";
constexpr char kDishonestCitation[] = "AMC disposal notice (2024): 失信被执行人";
constexpr char kSanctionsCitation[] = "AMC disposal notice (2024): 反洗钱、反恐怖融资名单";
constexpr char kAgeCitation[] = "民法典 arts. 17-18";
constexpr char kDeclaredCitation[] = "民法典 arts. 21-24";
constexpr char kLegalPersonCitation[] = "民法典 art. 59";
constexpr char kAbilityToPayCitation[] = "AMC disposal notice: 支付能力 (保证金)";

constexpr int kAdultAge = 18;
constexpr int kOwnLabourAge = 16;

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

const char* ParticipationLabel(ParticipationKind kind) {
  switch (kind) {
    case ParticipationKind::kShareholder:
      return "shareholder";
    case ParticipationKind::kDirector:
      return "director";
    case ParticipationKind::kSupervisor:
      return "supervisor";
    case ParticipationKind::kSeniorManager:
      return "senior manager";
    case ParticipationKind::kActualController:
      return "actual controller";
  }
  return "participant";
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

// What one evaluation needs at hand. Built once per call; holds references only, so building
// it allocates nothing.
struct Checker {
  const RegistrySnapshot& registry;
  const DisposalContext& disposal;
  const EligibilitySettings& settings;
  int64_t day;
  const std::vector<EngagementLink>& engagements;  // on this disposal, sorted by person
  // Whether any debtor of this disposal is state-owned: asked once per check, and only when a
  // seat in a debtor could matter (most disposals' debtors are private).
  mutable std::optional<bool> any_state_owned_debtor = std::nullopt;
};

// A person's engagements on this disposal: a binary search, since a check asks this for the
// bidder and each of its relatives and participants, and a disposal may engage hundreds.
std::pair<std::vector<EngagementLink>::const_iterator, std::vector<EngagementLink>::const_iterator>
EngagementsOf(const Checker& checker, uint32_t person) {
  return std::equal_range(
      checker.engagements.begin(), checker.engagements.end(), EngagementLink{person, {}},
      [](const EngagementLink& a, const EngagementLink& b) { return a.person < b.person; });
}

// A fact about one registered person that would exclude them (items 1-6 and 8), phrased so it
// can be reported for the bidder itself, for a participant in a bidding organisation (item 7)
// or for a same-named registered person (REVIEW).
struct Finding {
  const char* rule_id;
  const char* citation;
  std::string what;            // completes "<person> is ..."
  std::vector<PathStep> tail;  // from the person to what triggered the rule
  bool lineal_relative = false;
};

PathStep BidderStep(const Party& bidder) { return {"bidder", bidder.identifier, bidder.name}; }

PathStep PersonStep(std::string relation, const PersonEntry& person) {
  return {std::move(relation), person.national_id, person.name};
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
// reads as both, whether or not a debtor-management role is registered too.
Management SeatOnStateOwnedDebtor(const Checker& checker, uint32_t index) {
  if (!checker.any_state_owned_debtor) {
    bool any = false;
    for (const Party& debtor : checker.disposal.debtors) {
      any = any || StateOwnedDebtor(checker, debtor.identifier) != nullptr;
    }
    checker.any_state_owned_debtor = any;
  }
  if (!*checker.any_state_owned_debtor) return {};
  for (uint32_t participation : checker.registry.participations_of_person(index)) {
    const ParticipationLink& link = checker.registry.participation(participation);
    const bool director = link.kind == ParticipationKind::kDirector;
    if ((!director && link.kind != ParticipationKind::kSeniorManager) ||
        !link.valid.Contains(checker.day)) {
      continue;
    }
    const OrganizationEntry& organization = checker.registry.organization(link.organization);
    if (const Party* debtor = StateOwnedDebtor(checker, organization.credit_code)) {
      return {debtor,
              director ? "director of state-owned debtor" : "senior manager of state-owned debtor"};
    }
  }
  return {};
}

// The state-owned debtor the registered person `index` manages as of the check day, if any: by
// a debtor-management role, or by a seat (SeatOnStateOwnedDebtor).
Management ManagedStateOwnedDebtor(const Checker& checker, uint32_t index) {
  // Without debtors there is nothing to manage; skip reading the person's entry at all.
  if (checker.disposal.debtors.empty()) return {};
  for (const RolePeriod& role : checker.registry.person(index).roles) {
    if (role.role != PersonRole::kDebtorManagement || !role.valid.Contains(checker.day)) continue;
    if (const Party* debtor = StateOwnedDebtor(checker, role.employer_credit_code)) {
      return {debtor};
    }
  }
  return SeatOnStateOwnedDebtor(checker, index);
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
    if (relative.through != nullptr) {
      const PersonEntry& middle = checker.registry.person(relative.through->other);
      path.push_back(
          PersonStep(std::string(RelationLabel(relative.through->kind)) + " of", middle));
      path.push_back(PersonStep(std::string(RelationLabel(relative.second)) + " of", person));
      through = ", through " + middle.name;
    } else {
      path.push_back(PersonStep(kind + " of", person));
    }
    path.push_back(std::move(last));
    findings->push_back({"excl.8.lineal_relative", kItemEightCitation,
                         "a lineal relative of " + person.name + " (" + person.name + " is their " +
                             kind + through + "), who is " + who +
                             " (item 8, 直系亲属; see lineal_relatives)",
                         std::move(path), true});
  };
  const auto [first, last] = EngagementsOf(checker, relative.other);
  for (auto it = first; it != last; ++it) {
    const EngagementLink& engagement = *it;
    if (engagement.role == PersonRole::kAmcStaff ||
        engagement.role == PersonRole::kAppraisalAgencyHead) {
      add(OnThisDisposalStep(engagement.role),
          std::string("the ") + RoleLabel(engagement.role) + " on this disposal");
    }
  }
  if (const Management managed = ManagedStateOwnedDebtor(checker, relative.other); managed.debtor) {
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

// Everything under items 1-6 (and 8 when asked) that holds for one registered person.
std::vector<Finding> FindingsFor(const Checker& checker, uint32_t index, bool with_relatives) {
  std::vector<Finding> findings;
  CollectRoleFindings(checker, checker.registry.person(index), &findings);
  if (!checker.disposal.debtors.empty()) {
    if (const Management seat = SeatOnStateOwnedDebtor(checker, index); seat.debtor) {
      findings.push_back(DebtorManagementFinding(seat));
    }
  }
  CollectEngagementFindings(checker, index, &findings);
  if (with_relatives) CollectRelativeFindings(checker, index, &findings);
  return findings;
}

EligibilityReason MakeReason(const char* rule_id, const char* citation, EligibilityOutcome outcome,
                             std::string message, std::vector<PathStep> path) {
  return {rule_id, citation, outcome, std::move(message), std::move(path)};
}

void AppendSteps(std::vector<PathStep>* path, std::vector<PathStep>* tail) {
  for (PathStep& step : *tail) path->push_back(std::move(step));
}

// Age in whole years on `day`: one more on each birthday. A 29 February birthday falls after
// 28 February, so in common years the person turns a year older on 1 March.
int AgeOn(const Date& birth, const Date& day) {
  int age = day.year - birth.year;
  if (day.month < birth.month || (day.month == birth.month && day.day < birth.day)) --age;
  return age;
}

// 民法典 arts. 17-18: full capacity from 18, or from 16 for a person living mainly on the
// income of their own labour.
void CheckAge(const BidderQuery& query, std::vector<EligibilityReason>* reasons) {
  Result<NationalIdInfo> info = ValidateNationalId(query.bidder.identifier);
  if (!info.ok()) {
    // The caller validates identifiers; an unreadable one must not pass silently.
    reasons->push_back(MakeReason("capacity.age", kAgeCitation, EligibilityOutcome::kReview,
                                  "cannot read the birth date: " + info.error().Message(),
                                  {BidderStep(query.bidder)}));
    return;
  }
  const Date& birth = info.value().birth_date;
  const int age = AgeOn(birth, query.as_of);
  if (age >= kAdultAge) return;
  if (age >= kOwnLabourAge && query.declared_own_labour_income) return;
  std::string message = "aged " + std::to_string(age) + " on " + FormatIsoDate(query.as_of) +
                        " (born " + FormatIsoDate(birth) + "): ";
  message += age < kOwnLabourAge
                 ? "under 16, a minor without full civil capacity"
                 : "a person of 16 or 17 has full civil capacity only when living mainly on the "
                   "income of their own labour (民法典 art. 18), which was not declared";
  reasons->push_back(MakeReason("capacity.age", kAgeCitation, EligibilityOutcome::kIneligible,
                                std::move(message), {BidderStep(query.bidder)}));
}

// The 2024 notice excludes the debtor and its related parties; a guarantor or pledgor of the
// claims is one of them.
void CheckDebtorOrGuarantor(const Checker& checker, const Party& bidder,
                            std::vector<EligibilityReason>* reasons) {
  auto check = [&](const std::vector<Party>& parties, const char* label) {
    for (const Party& party : parties) {
      if (party.identifier != bidder.identifier) continue;
      reasons->push_back(
          MakeReason("excl.debtor", kNotice2024Citation, EligibilityOutcome::kIneligible,
                     std::string("the bidder is a ") + label + " of the claims in this disposal",
                     {BidderStep(bidder),
                      {std::string(label) + " in this disposal", party.identifier, party.name}}));
    }
  };
  check(checker.disposal.debtors, "debtor");
  check(checker.disposal.guarantors, "guarantor");
}

// The debtors of this disposal that the registered person `index` actually controls on the
// check day.
std::vector<const Party*> ControlledDebtors(const Checker& checker, uint32_t index) {
  std::vector<const Party*> controlled;
  for (uint32_t participation : checker.registry.participations_of_person(index)) {
    const ParticipationLink& link = checker.registry.participation(participation);
    if (link.kind != ParticipationKind::kActualController || !link.valid.Contains(checker.day)) {
      continue;
    }
    const OrganizationEntry& organization = checker.registry.organization(link.organization);
    for (const Party& debtor : checker.disposal.debtors) {
      if (debtor.identifier == organization.credit_code) controlled.push_back(&debtor);
    }
  }
  return controlled;
}

// A person who actually controls a debtor organisation is one of the debtor's related parties.
void CheckDebtorController(const Checker& checker, const Party& bidder, uint32_t index,
                           std::vector<EligibilityReason>* reasons) {
  for (const Party* debtor : ControlledDebtors(checker, index)) {
    reasons->push_back(MakeReason(
        "excl.debtor.controller", kNotice2024Citation, EligibilityOutcome::kIneligible,
        "the bidder is the actual controller of the debtor " + debtor->name,
        {BidderStep(bidder), {"actual controller of debtor", debtor->identifier, debtor->name}}));
  }
}

void CheckLists(const Checker& checker, const Party& bidder,
                std::vector<EligibilityReason>* reasons) {
  for (const ListHit& hit : checker.registry.list_hits(bidder.identifier)) {
    const bool dishonest = hit.kind == ListKind::kDishonestJudgmentDebtor;
    std::string message = std::string(dishonest ? "listed as a dishonest judgment debtor"
                                                : "listed on an AML/anti-terrorism list") +
                          " in " + hit.source + " (version " + hit.list_version + ")";
    reasons->push_back(MakeReason(
        dishonest ? "excl.list.dishonest" : "excl.list.sanctions",
        dishonest ? kDishonestCitation : kSanctionsCitation, EligibilityOutcome::kIneligible,
        std::move(message),
        {BidderStep(bidder), {"listed, version " + hit.list_version + ", in", "", hit.source}}));
  }
}

// Ability to pay is shown by the deposit (保证金) paid or by proof of funds covering it.
void CheckDeposit(const DisposalContext& disposal, const BidderQuery& query,
                  std::vector<EligibilityReason>* reasons) {
  if (disposal.deposit <= Money()) return;
  const bool paid = query.deposit_paid && *query.deposit_paid >= disposal.deposit;
  const bool proved = query.proof_of_funds && *query.proof_of_funds >= disposal.deposit;
  if (paid || proved) return;
  std::string message =
      "the deposit of " + disposal.deposit.ToGroupedString() + " yuan is neither paid (paid: ";
  message += query.deposit_paid ? query.deposit_paid->ToGroupedString() : std::string("none");
  message += ") nor covered by proof of funds (proved: ";
  message += query.proof_of_funds ? query.proof_of_funds->ToGroupedString() : std::string("none");
  message += ")";
  reasons->push_back(MakeReason("pay.deposit", kAbilityToPayCitation,
                                EligibilityOutcome::kIneligible, std::move(message),
                                {BidderStep(query.bidder)}));
}

// An unregistered national ID whose holder's name matches a registered excluded person (under
// any item, a lineal relative's item 8 included): the identifiers say "different people", but
// a person must confirm it.
void CheckNameMatch(const Checker& checker, const Party& bidder,
                    std::vector<EligibilityReason>* reasons) {
  for (uint32_t index : checker.registry.FindPersonsByName(bidder.name)) {
    const PersonEntry& registered = checker.registry.person(index);
    for (Finding& finding : FindingsFor(checker, index, /*with_relatives=*/true)) {
      std::vector<PathStep> path = {BidderStep(bidder),
                                    PersonStep("same name as registered person", registered)};
      AppendSteps(&path, &finding.tail);
      reasons->push_back(MakeReason(
          "review.name_match", finding.citation, EligibilityOutcome::kReview,
          "the bidder's national ID is not registered, but the registered person " +
              registered.name + " (" + registered.national_id + ") of the same name is " +
              finding.what + " (" + finding.rule_id + "); confirm they are different people",
          std::move(path)));
    }
    for (const Party* debtor : ControlledDebtors(checker, index)) {
      reasons->push_back(MakeReason(
          "review.name_match", kNotice2024Citation, EligibilityOutcome::kReview,
          "the bidder's national ID is not registered, but the registered person " +
              registered.name + " (" + registered.national_id +
              ") of the same name is the actual controller of the debtor " + debtor->name +
              " (excl.debtor.controller); confirm they are different people",
          {BidderStep(bidder),
           PersonStep("same name as registered person", registered),
           {"actual controller of debtor", debtor->identifier, debtor->name}}));
    }
  }
}

void CheckPersonBidder(const Checker& checker, const BidderQuery& query,
                       std::vector<EligibilityReason>* reasons) {
  const Party& bidder = query.bidder;
  CheckAge(query, reasons);
  std::optional<uint32_t> index = checker.registry.FindPerson(bidder.identifier);
  if (!index) {
    CheckNameMatch(checker, bidder, reasons);
    return;
  }
  if (checker.registry.person(*index).declared_incapacitated) {
    reasons->push_back(MakeReason(
        "capacity.declared", kDeclaredCitation, EligibilityOutcome::kIneligible,
        "declared by a court without or with limited civil capacity", {BidderStep(bidder)}));
  }
  for (Finding& finding : FindingsFor(checker, *index, /*with_relatives=*/true)) {
    std::vector<PathStep> path = {BidderStep(bidder)};
    AppendSteps(&path, &finding.tail);
    reasons->push_back(MakeReason(finding.rule_id, finding.citation,
                                  EligibilityOutcome::kIneligible, "the bidder is " + finding.what,
                                  std::move(path)));
  }
  CheckDebtorController(checker, bidder, *index, reasons);
}

// Item 7 for one participation in the bidding organisation. A participant's item-8 relation
// also excludes the organisation: item 7 names the persons of items 1-6 only, but the product
// reads 上述关联人 as everyone the rules exclude, so that a company cannot front for a relative.
void CheckParticipant(const Checker& checker, const Party& bidder, const ParticipationLink& link,
                      std::vector<EligibilityReason>* reasons) {
  const PersonEntry& participant = checker.registry.person(link.person);
  std::string label = ParticipationLabel(link.kind);
  if (!link.percent.empty()) label += " " + link.percent + "%";
  for (Finding& finding : FindingsFor(checker, link.person, /*with_relatives=*/true)) {
    std::vector<PathStep> path = {BidderStep(bidder), PersonStep(label, participant)};
    AppendSteps(&path, &finding.tail);
    std::string message = "participant " + participant.name + " (" + label + ") is " +
                          finding.what + "; item 7 excludes a non-financial legal person in " +
                          "which such a person participates";
    if (finding.lineal_relative) {
      message += " (the product's reading: item 7 also covers the item-8 relatives)";
    }
    reasons->push_back(MakeReason("excl.7.participated_entity", kItemsOneToSevenCitation,
                                  EligibilityOutcome::kIneligible, std::move(message),
                                  std::move(path)));
  }
}

void CheckOrganizationBidder(const Checker& checker, const Party& bidder,
                             std::vector<EligibilityReason>* reasons) {
  std::optional<uint32_t> index = checker.registry.FindOrganization(bidder.identifier);
  if (!index) return;
  const OrganizationEntry& organization = checker.registry.organization(*index);
  if (organization.deregistered) {
    reasons->push_back(
        MakeReason("org.deregistered", kLegalPersonCitation, EligibilityOutcome::kIneligible,
                   "the organisation is deregistered; its civil capacity ended with it",
                   {BidderStep(bidder)}));
  }
  // The registry's flag decides, not the caller's: item 7 never catches a financial
  // institution, so claiming to be one must not be enough.
  if (organization.financial_institution) return;
  for (uint32_t participation : checker.registry.participations_in_organization(*index)) {
    const ParticipationLink& link = checker.registry.participation(participation);
    if (link.valid.Contains(checker.day)) CheckParticipant(checker, bidder, link, reasons);
  }
}

bool PathLess(const std::vector<PathStep>& a, const std::vector<PathStep>& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](const PathStep& x, const PathStep& y) {
                                        return std::tie(x.relation, x.identifier, x.name) <
                                               std::tie(y.relation, y.identifier, y.name);
                                      });
}

bool SameReason(const EligibilityReason& a, const EligibilityReason& b) {
  if (a.rule_id != b.rule_id || a.message != b.message || a.path.size() != b.path.size()) {
    return false;
  }
  for (size_t i = 0; i < a.path.size(); ++i) {
    if (a.path[i].relation != b.path[i].relation || a.path[i].identifier != b.path[i].identifier ||
        a.path[i].name != b.path[i].name) {
      return false;
    }
  }
  return true;
}

// Sorts by rule id then path, drops exact repeats (e.g. one role entered twice), and takes
// the worst outcome.
EligibilityResult Finish(std::vector<EligibilityReason> reasons) {
  EligibilityResult result;
  if (reasons.empty()) return result;  // the common case: no sort buffer, no allocation
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const EligibilityReason& a, const EligibilityReason& b) {
                     if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
                     return PathLess(a.path, b.path);
                   });
  reasons.erase(std::unique(reasons.begin(), reasons.end(), SameReason), reasons.end());
  for (const EligibilityReason& reason : reasons) {
    if (reason.outcome == EligibilityOutcome::kIneligible) {
      result.outcome = EligibilityOutcome::kIneligible;
    } else if (reason.outcome == EligibilityOutcome::kReview &&
               result.outcome == EligibilityOutcome::kEligible) {
      result.outcome = EligibilityOutcome::kReview;
    }
  }
  result.reasons = std::move(reasons);
  return result;
}

}  // namespace

Result<std::set<RelationKind>> ParseLinealRelatives(const std::string& text) {
  static const std::pair<const char*, RelationKind> kNames[] = {
      {"spouse", RelationKind::kSpouse},         {"parent", RelationKind::kParent},
      {"child", RelationKind::kChild},           {"grandparent", RelationKind::kGrandparent},
      {"grandchild", RelationKind::kGrandchild}, {"sibling", RelationKind::kSibling}};
  std::set<RelationKind> kinds;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string name = text.substr(start, comma - start);
    bool known = false;
    for (const auto& [candidate, kind] : kNames) {
      if (name == candidate) {
        kinds.insert(kind);
        known = true;
      }
    }
    if (!known) {
      return Error::InvalidArgument("lineal_relatives",
                                    "\"" + name +
                                        "\" is not spouse, parent, child, grandparent, "
                                        "grandchild or sibling");
    }
    start = comma + 1;
  }
  return kinds;
}

std::vector<std::string> EligibilitySettings::Describe() const {
  std::string lineal = "lineal_relatives=";
  bool first = true;
  // std::set orders by the enum's value, which is the documented order.
  for (RelationKind kind : lineal_relation_kinds) {
    if (!first) lineal += ",";
    lineal += RelationLabel(kind);
    first = false;
  }
  return {lineal};
}

Result<EligibilitySettings> ParseDescribedSettings(const std::vector<std::string>& described) {
  static const std::string kLineal = "lineal_relatives=";
  EligibilitySettings settings;
  for (const std::string& line : described) {
    if (line.compare(0, kLineal.size(), kLineal) != 0) {
      return Error::InvalidArgument("settings", "\"" + line + "\" is not a known setting");
    }
    ASSIGN_OR_RETURN(settings.lineal_relation_kinds,
                     ParseLinealRelatives(line.substr(kLineal.size())));
  }
  return settings;
}

EligibilityResult EvaluateEligibility(const RegistrySnapshot& registry,
                                      const DisposalContext& disposal, const BidderQuery& query,
                                      const EligibilitySettings& settings) {
  const Checker checker{registry, disposal, settings, DaysFromCivil(query.as_of),
                        registry.engagements(disposal.disposal_id)};
  std::vector<EligibilityReason> reasons;
  if (query.bidder.kind == PartyKind::kPerson) {
    CheckPersonBidder(checker, query, &reasons);
  } else {
    CheckOrganizationBidder(checker, query.bidder, &reasons);
  }
  CheckDebtorOrGuarantor(checker, query.bidder, &reasons);
  CheckLists(checker, query.bidder, &reasons);
  CheckDeposit(disposal, query, &reasons);
  return Finish(std::move(reasons));
}

}  // namespace disposal::domain
