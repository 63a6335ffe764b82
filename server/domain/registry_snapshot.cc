#include "domain/registry_snapshot.h"

#include <algorithm>
#include <utility>

#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

// Drops a repeat of a link already held: the store keeps one row per fact, but one written
// before it did may be there in both spellings ("A parent of B", "B child of A"), which would
// otherwise report every reason twice.
void AddRelationLink(std::vector<RelationLink>* links, RelationLink link) {
  for (const RelationLink& held : *links) {
    if (held.other == link.other && held.kind == link.kind) return;
  }
  links->push_back(link);
}

template <typename T>
const std::vector<T>& EmptyVector() {
  // Never destroyed, so references handed out stay valid during static destruction.
  static const auto* const empty = new std::vector<T>();
  return *empty;
}

}  // namespace

RelationKind InverseRelation(RelationKind kind) {
  switch (kind) {
    case RelationKind::kParent:
      return RelationKind::kChild;
    case RelationKind::kChild:
      return RelationKind::kParent;
    case RelationKind::kGrandparent:
      return RelationKind::kGrandchild;
    case RelationKind::kGrandchild:
      return RelationKind::kGrandparent;
    case RelationKind::kSpouse:
    case RelationKind::kSibling:
      break;
  }
  return kind;
}

std::optional<uint32_t> RegistrySnapshot::FindPerson(const std::string& national_id) const {
  std::optional<uint64_t> key = NationalIdKey(national_id);
  if (!key) return std::nullopt;
  return person_by_id_.Find(*key);
}

std::optional<uint32_t> RegistrySnapshot::FindOrganization(const std::string& credit_code) const {
  auto found = organization_by_code_.find(credit_code);
  if (found == organization_by_code_.end()) return std::nullopt;
  return found->second;
}

std::vector<uint32_t> RegistrySnapshot::FindPersonsByName(const std::string& name) const {
  std::vector<uint32_t> indexes;
  const std::string key = NameMatchKey(name);
  persons_by_name_.ForEach(TextKey(key), [&](uint32_t index) {
    // Most stored names are their own key: compared as they are, without building one (a
    // common name has hundreds of holders, and this runs on every unregistered bidder's check).
    const std::string& stored = persons_[index].name;
    if (stored == key || NameMatchKey(stored) == key) indexes.push_back(index);
  });
  // The index's order is unspecified; decisions must not depend on it.
  std::sort(indexes.begin(), indexes.end());
  return indexes;
}

const std::vector<RelationLink>& RegistrySnapshot::relations(uint32_t person) const {
  if (person >= relations_.size()) return EmptyVector<RelationLink>();
  return relations_[person];
}

const std::vector<uint32_t>& RegistrySnapshot::participations_of_person(uint32_t person) const {
  if (person >= participations_by_person_.size()) return EmptyVector<uint32_t>();
  return participations_by_person_[person];
}

const std::vector<uint32_t>& RegistrySnapshot::participations_in_organization(
    uint32_t organization) const {
  if (organization >= participations_by_organization_.size()) return EmptyVector<uint32_t>();
  return participations_by_organization_[organization];
}

const std::vector<EngagementLink>& RegistrySnapshot::engagements(
    const std::string& disposal_id) const {
  auto found = engagements_.find(disposal_id);
  if (found == engagements_.end()) return EmptyVector<EngagementLink>();
  return found->second;
}

const std::vector<ListHit>& RegistrySnapshot::list_hits(const std::string& identifier) const {
  auto found = lists_.find(identifier);
  if (found == lists_.end()) return EmptyVector<ListHit>();
  return found->second;
}

RegistryBuilder::RegistryBuilder(int64_t version)
    : snapshot_(std::make_shared<RegistrySnapshot>()) {
  snapshot_->version_ = version;
}

void RegistryBuilder::AddPerson(PersonEntry person) {
  RegistrySnapshot& snapshot = *snapshot_;
  assert(snapshot.persons_.size() < std::numeric_limits<uint32_t>::max());
  const auto next = static_cast<uint32_t>(snapshot.persons_.size());
  auto [slot, inserted] = person_index_.try_emplace(person.national_id, next);
  if (!inserted) {
    // A later entry for the same national ID replaces the earlier one.
    snapshot.persons_[slot->second] = std::move(person);
    return;
  }
  snapshot.persons_.push_back(std::move(person));
  snapshot.relations_.emplace_back();
  snapshot.participations_by_person_.emplace_back();
}

std::optional<uint32_t> RegistryBuilder::PersonIndex(const std::string& national_id) const {
  auto found = person_index_.find(national_id);
  if (found == person_index_.end()) return std::nullopt;
  return found->second;
}

void RegistryBuilder::AddRole(const std::string& national_id, RolePeriod role) {
  std::optional<uint32_t> index = PersonIndex(national_id);
  if (!index) {
    ++skipped_;
    return;
  }
  snapshot_->persons_[*index].roles.push_back(std::move(role));
}

void RegistryBuilder::AddOrganization(OrganizationEntry organization) {
  RegistrySnapshot& snapshot = *snapshot_;
  assert(snapshot.organizations_.size() < std::numeric_limits<uint32_t>::max());
  const auto next = static_cast<uint32_t>(snapshot.organizations_.size());
  auto [slot, inserted] =
      snapshot.organization_by_code_.try_emplace(organization.credit_code, next);
  if (!inserted) {
    snapshot.organizations_[slot->second] = std::move(organization);
    return;
  }
  snapshot.organizations_.push_back(std::move(organization));
  snapshot.participations_by_organization_.emplace_back();
}

void RegistryBuilder::AddRelation(const std::string& national_id, RelationKind kind,
                                  const std::string& other_national_id) {
  std::optional<uint32_t> person = PersonIndex(national_id);
  std::optional<uint32_t> other = PersonIndex(other_national_id);
  if (!person || !other || *person == *other) {
    ++skipped_;
    return;
  }
  // "person is `kind` of other": seen from other, person is its `kind`; seen from person,
  // other is the inverse.
  AddRelationLink(&snapshot_->relations_[*other], {*person, kind});
  AddRelationLink(&snapshot_->relations_[*person], {*other, InverseRelation(kind)});
}

void RegistryBuilder::AddParticipation(const std::string& national_id,
                                       const std::string& credit_code, ParticipationKind kind,
                                       std::string percent, DayRange valid) {
  RegistrySnapshot& snapshot = *snapshot_;
  std::optional<uint32_t> person = PersonIndex(national_id);
  std::optional<uint32_t> organization = snapshot.FindOrganization(credit_code);
  if (!person || !organization) {
    ++skipped_;
    return;
  }
  assert(snapshot.participations_.size() < std::numeric_limits<uint32_t>::max());
  const auto index = static_cast<uint32_t>(snapshot.participations_.size());
  snapshot.participations_.push_back({*person, *organization, kind, std::move(percent), valid});
  snapshot.participations_by_person_[*person].push_back(index);
  snapshot.participations_by_organization_[*organization].push_back(index);
}

void RegistryBuilder::AddEngagement(const std::string& disposal_id, const std::string& national_id,
                                    PersonRole role) {
  std::optional<uint32_t> person = PersonIndex(national_id);
  if (!person) {
    ++skipped_;
    return;
  }
  snapshot_->engagements_[disposal_id].push_back({*person, role});
}

void RegistryBuilder::AddListHit(const std::string& identifier, ListHit hit) {
  // Lists name parties whether or not the registry knows them, so nothing is skipped here.
  snapshot_->lists_[identifier].push_back(std::move(hit));
}

std::shared_ptr<const RegistrySnapshot> RegistryBuilder::Build() {
  assert(snapshot_ != nullptr);
  RegistrySnapshot& snapshot = *snapshot_;
  // Growth by doubling can leave up to half of each big array unused; a snapshot lives long
  // and may coexist with the next one, so give the slack back once.
  snapshot.persons_.shrink_to_fit();
  snapshot.relations_.shrink_to_fit();
  snapshot.participations_.shrink_to_fit();
  snapshot.participations_by_person_.shrink_to_fit();
  snapshot.organizations_.shrink_to_fit();
  snapshot.participations_by_organization_.shrink_to_fit();
  // The flat indexes, from the final entries (a replaced person is indexed under its last name).
  std::vector<std::pair<uint64_t, uint32_t>> by_id, by_name;
  by_id.reserve(person_index_.size());
  by_name.reserve(person_index_.size());
  for (const auto& [national_id, index] : person_index_) {
    std::optional<uint64_t> key = NationalIdKey(national_id);
    if (!key) {
      ++skipped_;  // not a national ID's shape: no check could ask for it
      continue;
    }
    by_id.emplace_back(*key, index);
    by_name.emplace_back(TextKey(NameMatchKey(snapshot.persons_[index].name)), index);
  }
  person_index_ = {};
  snapshot.person_by_id_ = FlatIndex(by_id);
  snapshot.persons_by_name_ = FlatIndex(by_name);
  for (auto& [disposal_id, engagements] : snapshot.engagements_) {
    std::stable_sort(
        engagements.begin(), engagements.end(),
        [](const EngagementLink& a, const EngagementLink& b) { return a.person < b.person; });
  }
  snapshot.skipped_rows_ = skipped_;
  return std::move(snapshot_);
}

}  // namespace disposal::domain
