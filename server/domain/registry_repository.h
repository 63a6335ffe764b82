// What the eligibility use cases need from storage: registry snapshots, disposal contexts,
// registry changes and the decision log. store/ implements them on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_REGISTRY_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_REGISTRY_REPOSITORY_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/claim_repository.h"
#include "domain/eligibility.h"

namespace disposal::domain {

struct RegistryPersonChange {
  std::string national_id;
  std::string name;
  bool declared_incapacitated = false;
};
struct RegistryRoleChange {
  std::string national_id;
  RolePeriod role;
};
struct RegistryRelationChange {
  std::string national_id;
  RelationKind kind = RelationKind::kSpouse;
  std::string other_national_id;
};
struct RegistryParticipationChange {
  std::string national_id;
  std::string credit_code;
  ParticipationKind kind = ParticipationKind::kShareholder;
  std::string percent;  // decimal text or empty
  DayRange valid;
};
struct RegistryEngagementChange {
  std::string disposal_id;
  std::string national_id;
  PersonRole role = PersonRole::kAmcStaff;
};
struct RegistryListChange {
  ListKind kind = ListKind::kDishonestJudgmentDebtor;
  std::string identifier;
  std::string source;
  std::string list_version;
};

// One registry change: an entry to add or replace, or (remove) to delete by its key.
struct RegistryChange {
  std::variant<RegistryPersonChange, OrganizationEntry, RegistryRoleChange, RegistryRelationChange,
               RegistryParticipationChange, RegistryEngagementChange, RegistryListChange>
      entry;
  bool remove = false;
};

inline constexpr size_t kRegistryChangesPerCallMax = 1000;

// Checks identifiers, names, dates and percentages of one change. INVALID_ARGUMENT with the
// field under `prefix`, e.g. "changes[3].relation.other_national_id".
Status ValidateRegistryChange(const RegistryChange& change, const std::string& prefix);

// Refuses an entry that names a person whose national ID gives a birth date after `today`
// (such an ID cannot belong to anyone yet: most likely a typing error). Removals pass, so that
// such an entry already stored can be taken out. INVALID_ARGUMENT named as above.
Status CheckBornByToday(const RegistryChange& change, const Date& today, const std::string& prefix);

// An entry added twice in one batch of changes with different contents: the later addition
// would replace the earlier without a word (one national ID typed for two people, two end
// dates for one role). `change` is the later one's index, `earlier` the first's; `entry` names
// the entry, e.g. "person 110105194912310021" or "role (national_id, role, valid_from)".
struct ConflictingAddition {
  size_t change = 0;
  size_t earlier = 0;
  std::string entry;
};

// The additions of `changes` that add an entry an earlier change of them added with other
// contents, with no removal of it between; at most `most`. Adding one entry twice with the same
// contents is no conflict, nor are relations and engagements, whose key is all they hold.
std::vector<ConflictingAddition> FindConflictingAdditions(
    const std::vector<RegistryChange>& changes, size_t most);

// An eligibility decision as the audit log keeps it (the receipt an auditor replays).
struct DecisionRecord {
  std::string decision_id;     // UUID text
  int64_t decided_micros = 0;  // Unix time, microseconds
  std::string actor;
  std::string disposal_id;  // UUID text
  std::string bidder;       // national ID or unified social credit code
  std::string outcome;      // "ELIGIBLE", "INELIGIBLE" or "REVIEW"
  int64_t registry_version = 0;
  std::string request;   // the request, serialized (disposal.v1.CheckBidderEligibilityRequest)
  std::string decision;  // the answer, serialized (disposal.v1.EligibilityDecision)
};

// Identifiers by what they name: persons by national ID, organisations by credit code,
// disposals by id (lower case).
struct RegistryIds {
  std::set<std::string> persons;
  std::set<std::string> organizations;
  std::set<std::string> disposals;
};

// What an added entry names that must exist for it to be stored (a relation's two persons, a
// participation's person and organisation, an engagement's disposal and person). Removals
// and entries that name nothing else have none.
struct RegistryReference {
  enum class Kind { kPerson, kOrganization, kDisposal };
  Kind kind;
  std::string field;  // e.g. "other_national_id"
  std::string id;
};
std::vector<RegistryReference> ReferencesOf(const RegistryChange& change);

// The registry's entries naming one party (a person by national ID, an organisation by
// credit code), all of one registry version. Each list is sorted by its entries' keys (kinds
// and roles by their stored lower-case codes) and holds at most kRegistryPartyEntriesMax, the
// first by that order; `truncated` says one held more.
struct RegistryParty {
  int64_t registry_version = 0;
  std::optional<RegistryPersonChange> person;
  std::optional<OrganizationEntry> organization;
  std::vector<RegistryRoleChange> roles;          // a person's; an organisation's as employer
  std::vector<RegistryRelationChange> relations;  // the person on either side
  std::vector<RegistryParticipationChange> participations;  // a person's, or in an organisation
  std::vector<RegistryEngagementChange> engagements;        // a person's
  std::vector<RegistryListChange> list_entries;             // naming the identifier
  bool truncated = false;

  bool Empty() const {
    return !person && !organization && roles.empty() && relations.empty() &&
           participations.empty() && engagements.empty() && list_entries.empty();
  }
};
inline constexpr size_t kRegistryPartyEntriesMax = 1000;

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;
  // The whole registry at its current version, in one consistent read.
  virtual Result<std::shared_ptr<const RegistrySnapshot>> LoadSnapshot() = 0;
  // The version of the latest registry change committed; 0 before the first.
  virtual Result<int64_t> CurrentVersion() = 0;
  // NOT_FOUND for an unknown disposal.
  virtual Result<DisposalContext> LoadDisposalContext(const std::string& disposal_id) = 0;
  // The context as it was at `as_of_micros` (microseconds since the Unix epoch), from the
  // disposal's and its claims' history: NOT_FOUND when the disposal did not exist yet,
  // FAILED_PRECONDITION when the history does not reach back that far.
  virtual Result<DisposalContext> LoadDisposalContextAsOf(const std::string& disposal_id,
                                                          int64_t as_of_micros) = 0;
  // Applies the changes in one transaction; returns the registry version they produced.
  virtual Result<int64_t> ApplyChanges(const std::vector<RegistryChange>& changes,
                                       const RequestKey& key, const AuditContext& audit) = 0;
  // Appends decision receipts to the audit log, all or nothing.
  virtual Status RecordDecisions(const std::vector<DecisionRecord>& decisions) = 0;
  // How many of the receipts `decision_ids` names the audit log holds: whether a batch whose
  // write was in doubt (the connection lost as it committed) was written.
  virtual Result<size_t> CountRecordedDecisions(const std::vector<std::string>& decision_ids) = 0;
  // Which of `wanted` are stored now.
  virtual Result<RegistryIds> ExistingOf(const RegistryIds& wanted) = 0;
  // What the registry holds on the person with `national_id` (is_person) or the organisation
  // with credit code `identifier`, now, in one consistent read.
  virtual Result<RegistryParty> LoadParty(const std::string& identifier, bool is_person) = 0;
  // How many changes to what disposal contexts are read from (disposals, their lots, claims,
  // guarantees) the store has counted, as committed. A store that counts none answers
  // UNAVAILABLE, which has every notification drop the cached contexts.
  virtual Result<int64_t> DisposalContextChangeCount() {
    return Error::Unavailable("this registry store counts no disposal changes");
  }
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_REGISTRY_REPOSITORY_H_
