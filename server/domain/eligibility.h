// Bidder eligibility (rules-cn §1, plus capacity and ability to pay): an immutable in-memory
// index of the registry and the pure function that explains a decision against it.
#ifndef DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_H_
#define DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_H_

#include <cstdint>
#include <limits>
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
#include "domain/result.h"

namespace disposal::domain {

enum class PersonRole {
  kCivilServant,
  kFinancialRegulatorStaff,
  kLawEnforcementOfficer,
  kAmcStaff,
  kDebtorManagement,
  kLawyer,
  kAccountant,
  kAppraiser,
  kAuctioneer,
  kAppraisalAgencyHead,
};
// Directed: "A kParent B" means A is B's parent. The index stores each relation both ways
// (B kChild A), so lookups from either person see it.
enum class RelationKind { kSpouse, kParent, kChild, kGrandparent, kGrandchild, kSibling };
enum class ParticipationKind {
  kShareholder,
  kDirector,
  kSupervisor,
  kSeniorManager,
  kActualController,
};
enum class ListKind { kDishonestJudgmentDebtor, kSanctions };

inline constexpr int64_t kOpenEnded = std::numeric_limits<int64_t>::max();

// Inclusive day range in DaysFromCivil units; to_day kOpenEnded while it lasts.
struct DayRange {
  int64_t from_day = std::numeric_limits<int64_t>::min();
  int64_t to_day = kOpenEnded;
  bool Contains(int64_t day) const { return from_day <= day && day <= to_day; }
};

struct RolePeriod {
  PersonRole role = PersonRole::kCivilServant;
  std::string employer;
  std::string employer_credit_code;
  DayRange valid;
};

struct PersonEntry {
  std::string national_id;
  std::string name;
  bool declared_incapacitated = false;
  std::vector<RolePeriod> roles;
};

struct OrganizationEntry {
  std::string credit_code;
  std::string name;
  bool financial_institution = false;
  bool state_owned = false;
  bool deregistered = false;
};

// One relation seen from a person: `other` is this person's `kind` (kParent: other is this
// person's parent).
struct RelationLink {
  uint32_t other = 0;  // person index
  RelationKind kind = RelationKind::kSpouse;
};

struct ParticipationLink {
  uint32_t person = 0;        // person index
  uint32_t organization = 0;  // organization index
  ParticipationKind kind = ParticipationKind::kShareholder;
  std::string percent;  // decimal text, shareholders only ("30"), may be empty
  DayRange valid;
};

struct EngagementLink {
  uint32_t person = 0;
  PersonRole role = PersonRole::kAmcStaff;
};

struct ListHit {
  ListKind kind = ListKind::kDishonestJudgmentDebtor;
  std::string source;
  std::string list_version;
};

// The registry at one version, indexed for checks. Built once, never changed: a new version
// is a new snapshot, so a check holding a shared_ptr to one sees a consistent registry.
class RegistrySnapshot {
 public:
  int64_t version() const { return version_; }
  size_t person_count() const { return persons_.size(); }

  // Index of the person / organisation with this identifier, if registered.
  std::optional<uint32_t> FindPerson(const std::string& national_id) const;
  std::optional<uint32_t> FindOrganization(const std::string& credit_code) const;
  // Persons registered under exactly this name (for REVIEW on a name-only match).
  std::vector<uint32_t> FindPersonsByName(const std::string& name) const;

  const PersonEntry& person(uint32_t index) const { return persons_[index]; }
  const OrganizationEntry& organization(uint32_t index) const { return organizations_[index]; }
  // Relations of a person. `kind` says what the OTHER person is to this one: {other, kSpouse}
  // = other is this person's spouse; {other, kParent} = other is this person's parent.
  const std::vector<RelationLink>& relations(uint32_t person) const;
  // Participations held by a person, and participations in an organisation.
  const std::vector<uint32_t>& participations_of_person(uint32_t person) const;
  const std::vector<uint32_t>& participations_in_organization(uint32_t organization) const;
  const ParticipationLink& participation(uint32_t index) const { return participations_[index]; }
  // Persons engaged on a disposal (UUID text, lower case), sorted by person index.
  const std::vector<EngagementLink>& engagements(const std::string& disposal_id) const;
  // List entries for a national ID or credit code.
  const std::vector<ListHit>& list_hits(const std::string& identifier) const;

 private:
  friend class RegistryBuilder;

  int64_t version_ = 0;
  std::vector<PersonEntry> persons_;
  FlatIndex person_by_id_;     // NationalIdKey -> person
  FlatIndex persons_by_name_;  // TextKey(name) -> person; readers compare the name
  std::vector<OrganizationEntry> organizations_;
  std::unordered_map<std::string, uint32_t> organization_by_code_;
  std::vector<std::vector<RelationLink>> relations_;
  std::vector<ParticipationLink> participations_;
  std::vector<std::vector<uint32_t>> participations_by_person_;
  std::vector<std::vector<uint32_t>> participations_by_organization_;
  std::unordered_map<std::string, std::vector<EngagementLink>> engagements_;
  std::unordered_map<std::string, std::vector<ListHit>> lists_;
};

// Builds a snapshot. Add persons and organisations before what refers to them; a reference to
// an unknown identifier is skipped and counted (the store's foreign keys prevent it).
class RegistryBuilder {
 public:
  explicit RegistryBuilder(int64_t version);

  void AddPerson(PersonEntry person);  // roles included
  void AddRole(const std::string& national_id, RolePeriod role);
  void AddOrganization(OrganizationEntry organization);
  // "person is `kind` of other", e.g. (A, kParent, B): A is B's parent. Stored both ways.
  void AddRelation(const std::string& national_id, RelationKind kind,
                   const std::string& other_national_id);
  void AddParticipation(const std::string& national_id, const std::string& credit_code,
                        ParticipationKind kind, std::string percent, DayRange valid);
  void AddEngagement(const std::string& disposal_id, const std::string& national_id,
                     PersonRole role);
  void AddListHit(const std::string& identifier, ListHit hit);
  size_t skipped() const { return skipped_; }

  // REQUIRES: called once.
  std::shared_ptr<const RegistrySnapshot> Build();

 private:
  std::optional<uint32_t> PersonIndex(const std::string& national_id) const;

  std::shared_ptr<RegistrySnapshot> snapshot_;
  // National ID -> person while building; Build() turns it into the snapshot's flat index.
  std::unordered_map<std::string, uint32_t> person_index_;
  size_t skipped_ = 0;
};

// What the rules need to know about the disposal (from its claims, not the registry).
struct DisposalContext {
  std::string disposal_id;
  Money deposit;
  // Debtors and guarantors of the claims offered; pledgors too.
  std::vector<Party> debtors;
  std::vector<Party> guarantors;
};

struct BidderQuery {
  Party bidder;  // kind, name, identifier (already validated by the caller)
  bool declared_own_labour_income = false;
  std::optional<Money> deposit_paid;
  std::optional<Money> proof_of_funds;
  Date as_of{};
};

// Readings the rules leave open (rules-cn §1), with their defaults.
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
  std::string relation;    // "bidder", "shareholder 30%", "spouse of", "appraiser on this disposal"
  std::string identifier;  // of the party reached
  std::string name;
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
