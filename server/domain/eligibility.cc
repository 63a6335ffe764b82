#include "domain/eligibility.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
#include <utility>

#include "domain/eligibility_findings.h"
#include "domain/identifiers.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

using eligibility_internal::Checker;
using eligibility_internal::Finding;
using eligibility_internal::FindingsFor;
using eligibility_internal::kItemsOneToSevenCitation;
using eligibility_internal::PersonStep;
using eligibility_internal::RelationLabel;

constexpr char kSanctionsCitation[] = "AMC disposal notice (2024): 反洗钱、反恐怖融资名单";
constexpr char kAgeCitation[] = "民法典 arts. 17-18";
constexpr char kDeclaredCitation[] = "民法典 arts. 21-24";
constexpr char kLegalPersonCitation[] = "民法典 art. 59";
constexpr char kAbilityToPayCitation[] = "AMC disposal notice: 支付能力 (保证金)";

constexpr int kAdultAge = 18;
constexpr int kOwnLabourAge = 16;

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

PathStep BidderStep(const Party& bidder) { return {"bidder", bidder.identifier, bidder.name}; }

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

// What the `i`th of `parties` (the context's debtors or guarantors) is to the claims: `label`,
// or for the guarantors the role recorded ("pledgor").
std::string RoleOf(const DisposalContext& disposal, const std::vector<Party>& parties, size_t i,
                   const char* label) {
  if (&parties == &disposal.guarantors && i < disposal.guarantor_roles.size()) {
    return disposal.guarantor_roles[i];
  }
  return label;
}

// The 2024 notice excludes the debtor and its related parties; a guarantor or pledgor of the
// claims is one of them.
void CheckDebtorOrGuarantor(const Checker& checker, const Party& bidder,
                            std::vector<EligibilityReason>* reasons) {
  auto check = [&](const std::vector<Party>& parties, const char* label) {
    for (size_t i = 0; i < parties.size(); ++i) {
      const Party& party = parties[i];
      if (party.identifier != bidder.identifier) continue;
      const std::string role = RoleOf(checker.disposal, parties, i, label);
      reasons->push_back(MakeReason(
          "excl.debtor", kNotice2024Citation, EligibilityOutcome::kIneligible,
          "the bidder is a " + role + " of the claims in this disposal",
          {BidderStep(bidder), {role + " in this disposal", party.identifier, party.name}}));
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

// What a list entry says of whoever it names: its rule, citation, wording and path step.
struct Listing {
  const char* rule_id;
  const char* citation;
  std::string what;  // "listed as a dishonest judgment debtor in 某来源 (version v1)"
  PathStep step;
};

Listing ListingOf(const ListHit& hit) {
  const bool dishonest = hit.kind == ListKind::kDishonestJudgmentDebtor;
  return {dishonest ? "excl.list.dishonest" : "excl.list.sanctions",
          dishonest ? kDishonestCitation : kSanctionsCitation,
          std::string(dishonest ? "listed as a dishonest judgment debtor"
                                : "listed on an AML/anti-terrorism list") +
              " in " + hit.source + " (version " + hit.list_version + ")",
          {"listed, version " + hit.list_version + ", in", "", hit.source}};
}

void CheckLists(const Checker& checker, const Party& bidder,
                std::vector<EligibilityReason>* reasons) {
  for (const ListHit& hit : checker.registry.list_hits(bidder.identifier)) {
    Listing listing = ListingOf(hit);
    reasons->push_back(MakeReason(listing.rule_id, listing.citation,
                                  EligibilityOutcome::kIneligible, std::move(listing.what),
                                  {BidderStep(bidder), std::move(listing.step)}));
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

// A natural-person debtor or guarantor of this disposal with the bidder's name but another ID:
// the identifiers say "different people", but a person must confirm it, as for the registry.
void CheckNameMatchWithParties(const Checker& checker, const Party& bidder,
                               std::vector<EligibilityReason>* reasons) {
  // On every person's check: the bidder's key is made only when a natural person is a party,
  // and the parties' keys come made with the context.
  std::optional<std::string> key;
  auto check = [&](const std::vector<Party>& parties, const std::vector<std::string>& keys,
                   const char* role) {
    for (size_t i = 0; i < parties.size(); ++i) {
      const Party& party = parties[i];
      if (party.kind != PartyKind::kPerson || party.identifier == bidder.identifier) continue;
      if (!key) key = NameMatchKey(bidder.name);
      if ((i < keys.size() ? keys[i] : NameMatchKey(party.name)) != *key) continue;
      const std::string what = RoleOf(checker.disposal, parties, i, role);
      reasons->push_back(MakeReason(
          "review.name_match", kNotice2024Citation, EligibilityOutcome::kReview,
          "the bidder's national ID is not that of the " + what + " " + party.name + " (" +
              party.identifier + ") of the claims in this disposal, but the name is " +
              "the same (excl.debtor); confirm they are different people",
          {BidderStep(bidder),
           {"same name as " + what + " in this disposal", party.identifier, party.name,
            /*person=*/true}}));
    }
  };
  check(checker.disposal.debtors, checker.disposal.debtor_name_keys, "debtor");
  check(checker.disposal.guarantors, checker.disposal.guarantor_name_keys, "guarantor");
}

// A registered person of the bidder's name is on a list (lists screen by name as much as by
// identifier): REVIEW, naming the list.
void AddListedNameMatch(const Party& bidder, const PersonEntry& registered, const ListHit& hit,
                        std::vector<EligibilityReason>* reasons) {
  Listing listing = ListingOf(hit);
  reasons->push_back(
      MakeReason("review.name_match", listing.citation, EligibilityOutcome::kReview,
                 "the bidder's national ID is not registered, but the registered person " +
                     registered.name + " (" + registered.national_id + ") of the same name is " +
                     listing.what + " (" + listing.rule_id + "); confirm they are different people",
                 {BidderStep(bidder), PersonStep("same name as registered person", registered),
                  std::move(listing.step)}));
}

// Same-name persons explained one by one at most; beyond them one reason counts the rest, so
// that a common name (a thousand 王伟 in the registry) cannot make a decision larger than a
// message may be.
constexpr size_t kNameMatchPersonsMax = 20;
// Same-name persons examined at most: each costs a walk of their roles, seats and relatives,
// and a partner may send a common name a thousand times a message. Past them, one reason says
// how many were not examined.
constexpr size_t kNameMatchExaminedMax = 200;

// An unregistered national ID whose holder's name matches a registered excluded person (under
// any item, a lineal relative's item 8 included): the identifiers say "different people", but
// a person must confirm it.
void CheckNameMatch(const Checker& checker, const Party& bidder,
                    std::vector<EligibilityReason>* reasons) {
  size_t persons_explained = 0, persons_counted = 0;
  std::vector<uint32_t> same_name = checker.registry.FindPersonsByName(bidder.name);
  // Which persons are examined and explained must not depend on the order the registry was
  // loaded in (servers, and a decision's replay, would disagree): by national ID.
  if (same_name.size() > kNameMatchPersonsMax) {
    std::sort(same_name.begin(), same_name.end(), [&](uint32_t a, uint32_t b) {
      return checker.registry.person(a).national_id < checker.registry.person(b).national_id;
    });
  }
  const size_t examined = std::min(same_name.size(), kNameMatchExaminedMax);
  for (size_t i = 0; i < examined; ++i) {
    const uint32_t index = same_name[i];
    const PersonEntry& registered = checker.registry.person(index);
    std::vector<Finding> findings = FindingsFor(checker, index, /*with_relatives=*/true);
    const std::vector<const Party*> debtors = ControlledDebtors(checker, index);
    const std::vector<ListHit>& listed = checker.registry.list_hits(registered.national_id);
    if (registered.declared_incapacitated) {
      findings.push_back({"capacity.declared",
                          kDeclaredCitation,
                          "declared by a court without or with limited civil capacity",
                          {}});
    }
    if (findings.empty() && debtors.empty() && listed.empty()) continue;
    if (persons_explained == kNameMatchPersonsMax) {
      ++persons_counted;
      continue;
    }
    ++persons_explained;
    for (Finding& finding : findings) {
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
    for (const ListHit& hit : listed) {
      AddListedNameMatch(bidder, registered, hit, reasons);
    }
    for (const Party* debtor : debtors) {
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
  if (persons_counted > 0) {
    reasons->push_back(MakeReason(
        "review.name_match", kItemsOneToSevenCitation, EligibilityOutcome::kReview,
        "and " + std::to_string(persons_counted) + " more registered persons named " + bidder.name +
            " are excluded, related to someone excluded, listed or declared without "
            "full capacity (the first " +
            std::to_string(kNameMatchPersonsMax) +
            " are named above); look them up by name before confirming",
        {BidderStep(bidder)}));
  }
  if (same_name.size() > examined) {
    reasons->push_back(
        MakeReason("review.name_match", kItemsOneToSevenCitation, EligibilityOutcome::kReview,
                   std::to_string(same_name.size() - examined) + " more registered persons named " +
                       bidder.name + " were not examined (only the first " +
                       std::to_string(kNameMatchExaminedMax) +
                       " of a name are); look them up by name before confirming",
                   {BidderStep(bidder)}));
  }
}

void CheckPersonBidder(const Checker& checker, const BidderQuery& query,
                       std::vector<EligibilityReason>* reasons) {
  const Party& bidder = query.bidder;
  CheckAge(query, reasons);
  // Registered or not: the registry says nothing of whether the bidder is the guarantor.
  CheckNameMatchWithParties(checker, bidder, reasons);
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
// The debtor's related parties reached through a participant: a company in which a debtor, a
// guarantor (the seed case's guarantors are the debtor's controlling couple) or a debtor's
// actual controller of this disposal participates is itself a related party, or it would buy
// the claim back for them.
void CheckParticipantRelatedToDebtor(const Checker& checker, const Party& bidder,
                                     const PersonEntry& participant, const std::string& label,
                                     uint32_t participant_index,
                                     std::vector<EligibilityReason>* reasons) {
  auto add = [&](const std::string& what, PathStep last) {
    reasons->push_back(MakeReason(
        "excl.debtor.related_entity", kNotice2024Citation, EligibilityOutcome::kIneligible,
        "participant " + participant.name + " (" + label + ") is " + what +
            "; an organisation in which a related party of the debtor participates is one too",
        {BidderStep(bidder), PersonStep(label, participant), std::move(last)}));
  };
  auto check = [&](const std::vector<Party>& parties, const char* label) {
    for (size_t i = 0; i < parties.size(); ++i) {
      const Party& party = parties[i];
      if (party.identifier != participant.national_id) continue;
      const std::string role = RoleOf(checker.disposal, parties, i, label);
      add("a " + role + " of the claims in this disposal",
          {role + " in this disposal", party.identifier, party.name,
           party.kind == PartyKind::kPerson});
    }
  };
  check(checker.disposal.debtors, "debtor");
  check(checker.disposal.guarantors, "guarantor");
  for (const Party* debtor : ControlledDebtors(checker, participant_index)) {
    add("the actual controller of the debtor " + debtor->name,
        {"actual controller of debtor", debtor->identifier, debtor->name});
  }
}

// `item_seven` is false for a financial institution, which only the debtor's rule catches.
void CheckParticipant(const Checker& checker, const Party& bidder, const ParticipationLink& link,
                      bool item_seven, std::vector<EligibilityReason>* reasons) {
  const PersonEntry& participant = checker.registry.person(link.person);
  std::string label = ParticipationLabel(link.kind);
  if (!link.percent.empty()) label += " " + link.percent + "%";
  CheckParticipantRelatedToDebtor(checker, bidder, participant, label, link.person, reasons);
  if (!item_seven) return;
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

// Participations explained one by one at most in an organisation's decision (a company held by
// a thousand AMC staff would otherwise make a decision larger than a message may be); one more
// reason counts the rest.
constexpr size_t kParticipationsExplainedMax = 20;

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
  // institution, so claiming to be one must not be enough. The 2024 notice's exclusion of the
  // debtor's related parties has no such carve-out: a bank the debtor's controller holds is one.
  const bool item_seven = !organization.financial_institution;
  // Each participation that falls under a rule, keyed by its participant and seat: which are
  // explained must not depend on the order the registry was loaded in.
  std::vector<std::pair<std::string, std::vector<EligibilityReason>>> caught;
  for (uint32_t participation : checker.registry.participations_in_organization(*index)) {
    const ParticipationLink& link = checker.registry.participation(participation);
    if (!link.valid.Contains(checker.day)) continue;
    std::vector<EligibilityReason> found;
    CheckParticipant(checker, bidder, link, item_seven, &found);
    if (found.empty()) continue;
    std::string key = checker.registry.person(link.person).national_id + "|" +
                      ParticipationLabel(link.kind) + "|" + link.percent;
    caught.emplace_back(std::move(key), std::move(found));
  }
  if (caught.size() > kParticipationsExplainedMax) {
    std::stable_sort(caught.begin(), caught.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  const size_t explained = std::min(caught.size(), kParticipationsExplainedMax);
  const size_t counted = caught.size() - explained;
  for (size_t i = 0; i < explained; ++i) {
    std::move(caught[i].second.begin(), caught[i].second.end(), std::back_inserter(*reasons));
  }
  // The counted ones' rule: item 7's when any of them falls under it, else the debtor's.
  bool counted_item_seven = false;
  for (size_t i = explained; i < caught.size() && !counted_item_seven; ++i) {
    for (const EligibilityReason& reason : caught[i].second) {
      counted_item_seven = counted_item_seven || reason.rule_id == "excl.7.participated_entity";
    }
  }
  if (counted > 0) {
    reasons->push_back(MakeReason(
        counted_item_seven ? "excl.7.participated_entity" : "excl.debtor.related_entity",
        counted_item_seven ? kItemsOneToSevenCitation : kNotice2024Citation,
        EligibilityOutcome::kIneligible,
        "and " + std::to_string(counted) +
            " more participations in the organisation are of persons the rules exclude (the "
            "first " +
            std::to_string(kParticipationsExplainedMax) + " are explained above)",
        {BidderStep(bidder)}));
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
