#include "store/registry_party_reader.h"

#include "store/registry_codes.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::RegistryParty;

// One more row than a list may show: its presence says the list was cut.
const std::string kLimit = " LIMIT " + std::to_string(domain::kRegistryPartyEntriesMax + 1);

// Runs `query` (with `identifier` as $1) and adds each row through `add`, at most the bound.
template <typename Add>
void AddRows(pqxx::work& txn, const std::string& query, const std::string& identifier,
             RegistryParty* party, Add add) {
  const pqxx::result rows = txn.exec_params(query + kLimit, identifier);
  for (const pqxx::row& row : rows) {
    if (static_cast<size_t>(row.num()) == domain::kRegistryPartyEntriesMax) {
      party->truncated = true;
      break;
    }
    add(row);
  }
}

domain::DayRange RangeOf(const pqxx::field& from, const pqxx::field& to) {
  domain::DayRange range;
  range.from_day = from.as<int64_t>();
  range.to_day = to.is_null() ? domain::kOpenEnded : to.as<int64_t>();
  return range;
}

void ReadPerson(pqxx::work& txn, const std::string& id, RegistryParty* party) {
  const pqxx::result person = txn.exec_params(
      "SELECT name, declared_incapacitated FROM registry_persons WHERE national_id = $1", id);
  if (!person.empty()) {
    party->person =
        domain::RegistryPersonChange{id, person[0][0].as<std::string>(), person[0][1].as<bool>()};
  }
  AddRows(txn,
          "SELECT relation.national_id, relation.kind, relation.other_national_id "
          "FROM registry_relations relation WHERE national_id = $1 OR other_national_id = $1 "
          "ORDER BY national_id, kind, other_national_id",
          id, party, [&](const pqxx::row& row) {
            party->relations.push_back({row[0].as<std::string>(),
                                        RelationKindFromCode(row[1].as<std::string>()),
                                        row[2].as<std::string>()});
          });
  AddRows(txn,
          "SELECT disposal_id::text, role FROM registry_engagements WHERE national_id = $1 "
          "ORDER BY disposal_id, role",
          id, party, [&](const pqxx::row& row) {
            party->engagements.push_back(
                {row[0].as<std::string>(), id, PersonRoleFromCode(row[1].as<std::string>())});
          });
}

void ReadOrganization(pqxx::work& txn, const std::string& code, RegistryParty* party) {
  const pqxx::result org = txn.exec_params(
      "SELECT name, financial_institution, state_owned, deregistered "
      "FROM registry_organizations WHERE credit_code = $1",
      code);
  if (org.empty()) return;
  party->organization =
      domain::OrganizationEntry{code, org[0][0].as<std::string>(), org[0][1].as<bool>(),
                                org[0][2].as<bool>(), org[0][3].as<bool>()};
}

// A person's roles, or the roles held with an organisation as employer.
void ReadRoles(pqxx::work& txn, const std::string& identifier, bool is_person,
               RegistryParty* party) {
  const std::string where = is_person ? "national_id = $1" : "employer_credit_code = $1";
  AddRows(txn,
          "SELECT national_id, role, employer, employer_credit_code, "
          "valid_from - date '1970-01-01', valid_to - date '1970-01-01' FROM registry_roles "
          "WHERE " +
              where + " ORDER BY national_id, role, valid_from",
          identifier, party, [&](const pqxx::row& row) {
            domain::RegistryRoleChange role{row[0].as<std::string>(), {}};
            role.role.role = PersonRoleFromCode(row[1].as<std::string>());
            role.role.employer = row[2].as<std::string>();
            role.role.employer_credit_code = row[3].as<std::string>();
            role.role.valid = RangeOf(row[4], row[5]);
            party->roles.push_back(std::move(role));
          });
}

// A person's participations, or every participation in an organisation.
void ReadParticipations(pqxx::work& txn, const std::string& identifier, bool is_person,
                        RegistryParty* party) {
  const std::string where = is_person ? "national_id = $1" : "credit_code = $1";
  AddRows(txn,
          "SELECT national_id, credit_code, kind, coalesce(trim_scale(percent)::text, ''), "
          "valid_from - date '1970-01-01', valid_to - date '1970-01-01' "
          "FROM registry_participations WHERE " +
              where + " ORDER BY national_id, credit_code, kind, valid_from",
          identifier, party, [&](const pqxx::row& row) {
            party->participations.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                                             ParticipationKindFromCode(row[2].as<std::string>()),
                                             row[3].as<std::string>(), RangeOf(row[4], row[5])});
          });
}

}  // namespace

RegistryParty ReadRegistryParty(pqxx::work& txn, const std::string& identifier, bool is_person) {
  txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  RegistryParty party;
  party.registry_version =
      txn.exec("SELECT coalesce(max(version), 0) FROM registry_versions")[0][0].as<int64_t>();
  if (is_person) {
    ReadPerson(txn, identifier, &party);
  } else {
    ReadOrganization(txn, identifier, &party);
  }
  ReadRoles(txn, identifier, is_person, &party);
  ReadParticipations(txn, identifier, is_person, &party);
  AddRows(txn,
          "SELECT kind, source, list_version FROM registry_list_entries "
          "WHERE kind = ANY('" +
              PlainArrayLiteral(AllListKindCodes()) +
              "'::text[]) AND identifier = $1 ORDER BY kind",
          identifier, &party, [&](const pqxx::row& row) {
            party.list_entries.push_back({ListKindFromCode(row[0].as<std::string>()), identifier,
                                          row[1].as<std::string>(), row[2].as<std::string>()});
          });
  return party;
}

}  // namespace disposal::store
