// Internal to the domain layer (include from eligibility*.cc only): the findings on one
// registered person under items 1-6 and 8, split from eligibility.cc's bidder-level checks.
#ifndef DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_FINDINGS_H_
#define DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_FINDINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/eligibility.h"
#include "domain/registry_snapshot.h"

namespace disposal::domain::eligibility_internal {

// Citations printed with each reason. Items 1-7 are 海南纪要 六(八), item 8 is 六(九); the
// same categories are in 财金〔2005〕74号, so both are named.
inline constexpr char kItemsOneToSevenCitation[] = "法发〔2009〕19号 六(八); 财金〔2005〕74号";
inline constexpr char kItemEightCitation[] = "法发〔2009〕19号 六(九); 财金〔2005〕74号";

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

const char* RelationLabel(RelationKind kind);

PathStep PersonStep(std::string relation, const PersonEntry& person);

// Everything under items 1-6 (and 8 when asked) that holds for one registered person.
std::vector<Finding> FindingsFor(const Checker& checker, uint32_t index, bool with_relatives);

}  // namespace disposal::domain::eligibility_internal

#endif  // DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_FINDINGS_H_
