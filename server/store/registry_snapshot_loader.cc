// Loading the whole registry into a RegistrySnapshot, in chunks so memory stays bounded by the
// snapshot itself rather than by one huge query result.
#include "store/registry_snapshot_loader.h"

#include "store/registry_codes.h"

namespace disposal::store {
namespace {

using domain::DayRange;

// Rows fetched per round trip: big enough to amortise latency, small enough to keep the
// transient result a few megabytes.
constexpr int kFetchRows = 50'000;

// Runs `query` through a cursor and hands each row to `add`.
template <typename Add>
void ForEachRow(pqxx::work& txn, const std::string& query, Add add) {
  txn.exec("DECLARE registry_rows NO SCROLL CURSOR FOR " + query);
  while (true) {
    pqxx::result rows = txn.exec("FETCH " + std::to_string(kFetchRows) + " FROM registry_rows");
    for (const pqxx::row& row : rows) add(row);
    if (rows.size() < static_cast<size_t>(kFetchRows)) break;
  }
  txn.exec("CLOSE registry_rows");
}

DayRange RangeFrom(const pqxx::field& from, const pqxx::field& to) {
  DayRange range;
  range.from_day = from.as<int64_t>();
  range.to_day = to.is_null() ? domain::kOpenEnded : to.as<int64_t>();
  return range;
}

void LoadPeople(pqxx::work& txn, domain::RegistryBuilder& builder) {
  ForEachRow(txn, "SELECT national_id, name, declared_incapacitated FROM registry_persons",
             [&](const pqxx::row& row) {
               domain::PersonEntry person;
               person.national_id = row[0].as<std::string>();
               person.name = row[1].as<std::string>();
               person.declared_incapacitated = row[2].as<bool>();
               builder.AddPerson(std::move(person));
             });
  ForEachRow(txn,
             "SELECT national_id, role, employer, employer_credit_code, "
             "valid_from - date '1970-01-01', valid_to - date '1970-01-01' FROM registry_roles",
             [&](const pqxx::row& row) {
               domain::RolePeriod role;
               role.role = PersonRoleFromCode(row[1].as<std::string>());
               role.employer = row[2].as<std::string>();
               role.employer_credit_code = row[3].as<std::string>();
               role.valid = RangeFrom(row[4], row[5]);
               builder.AddRole(row[0].as<std::string>(), std::move(role));
             });
  ForEachRow(txn, "SELECT national_id, kind, other_national_id FROM registry_relations",
             [&](const pqxx::row& row) {
               builder.AddRelation(row[0].as<std::string>(),
                                   RelationKindFromCode(row[1].as<std::string>()),
                                   row[2].as<std::string>());
             });
}

void LoadOrganizations(pqxx::work& txn, domain::RegistryBuilder& builder) {
  ForEachRow(txn,
             "SELECT credit_code, name, financial_institution, state_owned, deregistered "
             "FROM registry_organizations",
             [&](const pqxx::row& row) {
               builder.AddOrganization({row[0].as<std::string>(), row[1].as<std::string>(),
                                        row[2].as<bool>(), row[3].as<bool>(), row[4].as<bool>()});
             });
  ForEachRow(txn,
             "SELECT national_id, credit_code, kind, coalesce(trim_scale(percent)::text, ''), "
             "valid_from - date '1970-01-01', valid_to - date '1970-01-01' "
             "FROM registry_participations",
             [&](const pqxx::row& row) {
               builder.AddParticipation(row[0].as<std::string>(), row[1].as<std::string>(),
                                        ParticipationKindFromCode(row[2].as<std::string>()),
                                        row[3].as<std::string>(), RangeFrom(row[4], row[5]));
             });
}

void LoadEngagementsAndLists(pqxx::work& txn, domain::RegistryBuilder& builder) {
  ForEachRow(txn, "SELECT disposal_id::text, national_id, role FROM registry_engagements",
             [&](const pqxx::row& row) {
               builder.AddEngagement(row[0].as<std::string>(), row[1].as<std::string>(),
                                     PersonRoleFromCode(row[2].as<std::string>()));
             });
  ForEachRow(txn, "SELECT identifier, kind, source, list_version FROM registry_list_entries",
             [&](const pqxx::row& row) {
               builder.AddListHit(row[0].as<std::string>(),
                                  {ListKindFromCode(row[1].as<std::string>()),
                                   row[2].as<std::string>(), row[3].as<std::string>()});
             });
}

}  // namespace

std::shared_ptr<const domain::RegistrySnapshot> LoadRegistrySnapshot(pqxx::work& txn) {
  // One repeatable-read snapshot: the version and every table agree.
  txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  const int64_t version =
      txn.exec("SELECT coalesce(max(version), 0) FROM registry_versions")[0][0].as<int64_t>();
  return ReadRegistrySnapshot(txn, version);
}

std::shared_ptr<const domain::RegistrySnapshot> ReadRegistrySnapshot(pqxx::work& txn,
                                                                     int64_t version) {
  domain::RegistryBuilder builder(version);
  LoadPeople(txn, builder);
  LoadOrganizations(txn, builder);
  LoadEngagementsAndLists(txn, builder);
  return builder.Build();
}

}  // namespace disposal::store
