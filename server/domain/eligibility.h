// Bidder eligibility (the exclusions of 法发〔2009〕19号 六(八)-(九) and 财金〔2005〕74号, plus
// capacity and ability to pay): the pure function that
// explains a decision against the registry's in-memory index (registry_snapshot.h).
#ifndef DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_H_
#define DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_H_

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/claim.h"
#include "domain/date.h"
#include "domain/flat_index.h"
#include "domain/money.h"
#include "domain/registry_snapshot.h"
#include "domain/result.h"

namespace disposal::domain {

// What the rules need to know about the disposal (from its claims, not the registry).
// The citations of the 2024 notice's exclusion of the debtor and its related parties, and of
// its dishonest judgment debtors' list: a debt reduction's counterparty is weighed by them too
// (CheckReductionCounterparty).
inline constexpr char kNotice2024Citation[] = "AMC disposal notice (2024): 债务人及其关联方";
inline constexpr char kDishonestCitation[] = "AMC disposal notice (2024): 失信被执行人";

// The answer for a disposal id that names nothing, and (to a partner) for one whose notice was
// never published: the same words, so that a partner cannot tell the two apart.
inline Error UnknownDisposal(const std::string& disposal_id) {
  return Error::NotFound("disposal " + disposal_id + " does not exist");
}

struct DisposalContext {
  std::string disposal_id;
  // Its notice was never published (a draft, or a draft withdrawn): partners learn of a
  // disposal from its notice, and check bidders only against one published (a draft's terms
  // may still change, and its existence is the AMC's own business).
  bool never_published = false;
  Money deposit;
  // Debtors and guarantors of the claims offered; pledgors too.
  std::vector<Party> debtors;
  std::vector<Party> guarantors;
  // NameMatchKey of each natural person's name among them ("" for an organisation), parallel
  // to each list: made once per context, not per check. Absent (empty), computed when needed.
  std::vector<std::string> debtor_name_keys;
  std::vector<std::string> guarantor_name_keys;
  // What each of `guarantors` is to the claims, parallel to it: "guarantor" or "pledgor" (the
  // explanation names it). Absent (shorter), "guarantor".
  std::vector<std::string> guarantor_roles;
  // The version of each claim the parties were read from, by claim id: an award's booking
  // checks them again (a guarantor added meanwhile would change the answer).
  std::map<std::string, int64_t> claim_versions;
  // The identifiers of each claim's debtor, guarantors and pledgors, by claim id: a debt
  // reduction of a lot is agreed with one of its claim's (CheckReductionCounterparty).
  std::map<std::string, std::vector<std::string>> obligors;
};

struct BidderQuery {
  Party bidder;  // kind, name, identifier (already validated by the caller)
  bool declared_own_labour_income = false;
  std::optional<Money> deposit_paid;
  std::optional<Money> proof_of_funds;
  Date as_of{};
};

// Readings the rules leave open, with their defaults.
struct EligibilitySettings {
  // Relation kinds that count as 直系亲属 for rule excl.8.
  std::set<RelationKind> lineal_relation_kinds = {RelationKind::kSpouse, RelationKind::kParent,
                                                  RelationKind::kChild, RelationKind::kGrandparent,
                                                  RelationKind::kGrandchild};
  // Printed in each decision, e.g. "lineal_relatives=spouse,parent,child,grandparent,grandchild".
  std::vector<std::string> Describe() const;
};

// Parses a setting such as "spouse,parent,child,grandparent,grandchild" (any of those and
// "sibling"). INVALID_ARGUMENT (field "lineal_relatives") names an unknown kind.
Result<std::set<RelationKind>> ParseLinealRelatives(const std::string& text);

// The inverse of EligibilitySettings::Describe(): the settings a decision was made with, from
// the lines it carries, so that it can be decided again alike. A setting the lines do not
// mention keeps its default. INVALID_ARGUMENT (field "settings") for a line not understood.
Result<EligibilitySettings> ParseDescribedSettings(const std::vector<std::string>& described);

enum class EligibilityOutcome { kEligible, kIneligible, kReview };

struct PathStep {
  std::string relation;    // "bidder", "shareholder 30%", "spouse", "appraiser on this disposal"
  std::string identifier;  // of the party reached
  std::string name;
  // The party reached is a natural person other than the bidder (a partner sees them masked);
  // not part of the decision's wire form.
  bool person = false;
};

struct EligibilityReason {
  std::string rule_id;   // stable, e.g. "excl.6.intermediary"
  std::string citation;  // e.g. "法发〔2009〕19号 六(八); 财金〔2005〕74号"
  EligibilityOutcome outcome = EligibilityOutcome::kIneligible;
  std::string message;
  std::vector<PathStep> path;
};

struct EligibilityResult {
  EligibilityOutcome outcome = EligibilityOutcome::kEligible;  // worst of the reasons
  std::vector<EligibilityReason> reasons;                      // every reason, stable order
};

// Decides and explains. Pure: no I/O, no clock. Never fails: input validation is the caller's.
EligibilityResult EvaluateEligibility(const RegistrySnapshot& registry,
                                      const DisposalContext& disposal, const BidderQuery& query,
                                      const EligibilitySettings& settings);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_H_
