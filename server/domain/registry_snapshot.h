// The registry as the eligibility rules read it: related persons with their roles, relations,
// participations in organisations, per-disposal engagements and list entries, held in an
// immutable in-memory index (RegistrySnapshot) built once per registry version.
#ifndef DISPOSAL_SERVER_DOMAIN_REGISTRY_SNAPSHOT_H_
#define DISPOSAL_SERVER_DOMAIN_REGISTRY_SNAPSHOT_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/claim.h"
#include "domain/date.h"
#include "domain/flat_index.h"

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
// The relation as seen from the other person: if A is B's parent, B is A's child. "A kind B"
// and "B InverseRelation(kind) A" are one fact spelt two ways.
RelationKind InverseRelation(RelationKind kind);
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
  // Registry rows left out of the index (RegistryBuilder::skipped): an identifier not in its
  // canonical shape (a row written past the service) that no check could find.
  size_t skipped_rows() const { return skipped_rows_; }

  // Index of the person / organisation with this identifier, if registered.
  std::optional<uint32_t> FindPerson(const std::string& national_id) const;
  std::optional<uint32_t> FindOrganization(const std::string& credit_code) const;
  // Persons registered under this name, compared by NameMatchKey (for REVIEW on a name-only
  // match): spaces and full-width forms do not tell two names apart.
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
  size_t skipped_rows_ = 0;
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

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_REGISTRY_SNAPSHOT_H_
