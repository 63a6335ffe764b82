#include "store/registry_store.h"

#include <algorithm>
#include <type_traits>

#include "domain/audit_subjects.h"
#include "domain/disposal_context.h"
#include "domain/text_rules.h"
#include "store/as_of_history.h"
#include "store/audit_rows.h"
#include "store/claim_rows.h"
#include "store/connection_pool.h"
#include "store/disposal_rows.h"
#include "store/registry_codes.h"
#include "store/registry_party_reader.h"
#include "store/registry_snapshot_loader.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {

PgRegistryRepository::PgRegistryRepository(Database& database)
    : database_(database),
      // A write of receipts under way when the server stops must end within its shutdown
      // budget even against a database host that vanished (the pool's 30 s would not).
      receipts_(WithSettingOverridden(database.connection_string(), "tcp_user_timeout", "5000"),
                database.session_role()) {}

namespace {

using domain::RegistryChange;

constexpr char kApplyRpc[] = "disposal.v1.RegistryService/ApplyRegistryChanges";

std::string DateText(int64_t day) { return domain::FormatIsoDate(domain::CivilFromDays(day)); }

std::optional<std::string> EndText(const domain::DayRange& range) {
  if (range.to_day == domain::kOpenEnded) return std::nullopt;
  return DateText(range.to_day);
}

void Apply(pqxx::work& txn, const domain::RegistryPersonChange& p, bool remove) {
  if (remove) {
    txn.exec_params("DELETE FROM registry_persons WHERE national_id = $1", p.national_id);
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_persons (national_id, name, declared_incapacitated) VALUES ($1, $2, "
      "$3) "
      "ON CONFLICT (national_id) DO UPDATE SET name = excluded.name, "
      "declared_incapacitated = excluded.declared_incapacitated",
      p.national_id, p.name, p.declared_incapacitated);
}

void Apply(pqxx::work& txn, const domain::OrganizationEntry& o, bool remove) {
  if (remove) {
    txn.exec_params("DELETE FROM registry_organizations WHERE credit_code = $1", o.credit_code);
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_organizations (credit_code, name, financial_institution, state_owned, "
      "deregistered) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credit_code) DO UPDATE SET "
      "name = excluded.name, financial_institution = excluded.financial_institution, "
      "state_owned = excluded.state_owned, deregistered = excluded.deregistered",
      o.credit_code, o.name, o.financial_institution, o.state_owned, o.deregistered);
}

void Apply(pqxx::work& txn, const domain::RegistryRoleChange& r, bool remove) {
  if (remove) {
    txn.exec_params(
        "DELETE FROM registry_roles WHERE national_id = $1 AND role = $2 AND valid_from = $3::date",
        r.national_id, ToCode(r.role.role), DateText(r.role.valid.from_day));
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_roles (national_id, role, employer, employer_credit_code, valid_from, "
      "valid_to) VALUES ($1, $2, $3, $4, $5::date, $6::date) "
      "ON CONFLICT (national_id, role, valid_from) DO UPDATE SET employer = excluded.employer, "
      "employer_credit_code = excluded.employer_credit_code, valid_to = excluded.valid_to",
      r.national_id, ToCode(r.role.role), r.role.employer, r.role.employer_credit_code,
      DateText(r.role.valid.from_day), OrNull(EndText(r.role.valid)));
}

// One fact has two spellings ("A parent of B" is "B child of A"; a spouse either way round):
// a removal removes whichever is stored, and an addition keeps one row per fact.
void Apply(pqxx::work& txn, const domain::RegistryRelationChange& r, bool remove) {
  const std::string inverse = ToCode(domain::InverseRelation(r.kind));
  txn.exec_params(
      "DELETE FROM registry_relations WHERE national_id = $1 AND kind = $2 "
      "AND other_national_id = $3",
      r.other_national_id, inverse, r.national_id);
  if (remove) {
    txn.exec_params(
        "DELETE FROM registry_relations WHERE national_id = $1 AND kind = $2 "
        "AND other_national_id = $3",
        r.national_id, ToCode(r.kind), r.other_national_id);
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_relations (national_id, kind, other_national_id) VALUES ($1, $2, $3) "
      "ON CONFLICT DO NOTHING",
      r.national_id, ToCode(r.kind), r.other_national_id);
}

void Apply(pqxx::work& txn, const domain::RegistryParticipationChange& p, bool remove) {
  if (remove) {
    txn.exec_params(
        "DELETE FROM registry_participations WHERE national_id = $1 AND credit_code = $2 "
        "AND kind = $3 AND valid_from = $4::date",
        p.national_id, p.credit_code, ToCode(p.kind), DateText(p.valid.from_day));
    return;
  }
  const std::optional<std::string> percent =
      p.percent.empty() ? std::nullopt : std::optional<std::string>(p.percent);
  txn.exec_params(
      "INSERT INTO registry_participations (national_id, credit_code, kind, percent, valid_from, "
      "valid_to) VALUES ($1, $2, $3, $4::numeric, $5::date, $6::date) "
      "ON CONFLICT (national_id, credit_code, kind, valid_from) DO UPDATE SET "
      "percent = excluded.percent, valid_to = excluded.valid_to",
      p.national_id, p.credit_code, ToCode(p.kind), OrNull(percent), DateText(p.valid.from_day),
      OrNull(EndText(p.valid)));
}

void Apply(pqxx::work& txn, const domain::RegistryEngagementChange& e, bool remove) {
  if (remove) {
    txn.exec_params(
        "DELETE FROM registry_engagements WHERE disposal_id = $1::uuid AND national_id = $2 "
        "AND role = $3",
        e.disposal_id, e.national_id, ToCode(e.role));
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_engagements (disposal_id, national_id, role) "
      "VALUES ($1::uuid, $2, $3) ON CONFLICT DO NOTHING",
      e.disposal_id, e.national_id, ToCode(e.role));
}

void Apply(pqxx::work& txn, const domain::RegistryListChange& l, bool remove) {
  if (remove) {
    txn.exec_params("DELETE FROM registry_list_entries WHERE kind = $1 AND identifier = $2",
                    ToCode(l.kind), l.identifier);
    return;
  }
  txn.exec_params(
      "INSERT INTO registry_list_entries (kind, identifier, source, list_version) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (kind, identifier) DO UPDATE SET "
      "source = excluded.source, list_version = excluded.list_version",
      ToCode(l.kind), l.identifier, l.source, l.list_version);
}

// This transaction's registry version, taken (in commit order, schema/0014) if no statement
// of it has taken one yet.
int64_t CurrentTransactionVersion(pqxx::work& txn) {
  return txn.exec("SELECT registry_new_version()")[0][0].as<int64_t>();
}

// The claims a disposal offers, each once: a claim may be sold in several lots.
std::vector<std::string> OfferedClaimIds(const domain::DisposalContent& disposal) {
  std::vector<std::string> ids;
  for (const domain::Lot& lot : disposal.lots) {
    if (std::find(ids.begin(), ids.end(), lot.claim_id) == ids.end()) ids.push_back(lot.claim_id);
  }
  return ids;
}

}  // namespace

Result<std::shared_ptr<const domain::RegistrySnapshot>> PgRegistryRepository::LoadSnapshot() {
  using Snapshot = std::shared_ptr<const domain::RegistrySnapshot>;
  return database_.pool().InTransaction<Snapshot>(
      [](pqxx::work& txn) -> Result<Snapshot> { return LoadRegistrySnapshot(txn); });
}

Result<int64_t> PgRegistryRepository::CurrentVersion() {
  return database_.pool().InTransaction<int64_t>([](pqxx::work& txn) -> Result<int64_t> {
    return txn.exec("SELECT coalesce(max(version), 0) FROM registry_versions")[0][0].as<int64_t>();
  });
}

// The live context and a replay's past one are built by the same domain code from the same
// records, so that both count the same parties.
Result<domain::DisposalContext> PgRegistryRepository::LoadDisposalContext(
    const std::string& disposal_id) {
  // Stored records carry ids as PostgreSQL writes them (lowercase).
  const std::string id = domain::AsciiLowercase(disposal_id);
  using Context = domain::DisposalContext;
  return database_.pool().InTransaction<Context>([&](pqxx::work& txn) -> Result<Context> {
    ReadOneSnapshot(txn);  // the disposal, its lots and their claims, as of one instant
    const std::vector<domain::DisposalRecord> records = LoadDisposals(txn, {id});
    if (records.empty()) return domain::UnknownDisposal(disposal_id);
    const domain::DisposalContent& disposal = records.front().disposal.content;
    domain::DisposalContext context = domain::DisposalContextOf(
        disposal_id, disposal, LoadClaims(txn, OfferedClaimIds(disposal)));
    context.never_published = !records.front().disposal.publication.has_value();
    return context;
  });
}

Result<domain::DisposalContext> PgRegistryRepository::LoadDisposalContextAsOf(
    const std::string& disposal_id, int64_t as_of_micros) {
  const std::string id = domain::AsciiLowercase(disposal_id);
  // Two transactions: each rebuild needs a fresh one. The past does not move, so they agree.
  using Record = domain::DisposalRecord;
  ASSIGN_OR_RETURN(Record record, database_.pool().InTransaction<Record>([&](pqxx::work& txn) {
    return LoadDisposalAsOf(txn, id, as_of_micros);
  }));
  const domain::DisposalContent& disposal = record.disposal.content;
  using Claims = std::vector<domain::Claim>;
  ASSIGN_OR_RETURN(Claims claims, database_.pool().InTransaction<Claims>([&](pqxx::work& txn) {
    return LoadClaimsAsOf(txn, OfferedClaimIds(disposal), as_of_micros);
  }));
  domain::DisposalContext context = domain::DisposalContextOf(disposal_id, disposal, claims);
  context.never_published = !record.disposal.publication.has_value();
  return context;
}

Result<int64_t> PgRegistryRepository::ApplyChanges(const std::vector<RegistryChange>& changes,
                                                   const domain::RequestKey& key,
                                                   const domain::AuditContext& audit) {
  return database_.pool().InTransaction<int64_t>([&](pqxx::work& txn) -> Result<int64_t> {
    Result<std::optional<std::string>> earlier = ClaimRequestKey(txn, key, kApplyRpc);
    if (!earlier.ok()) return earlier.error();
    if (earlier.value()) {
      // Through the registry's chain (its index), not a scan of the whole audit log.
      return txn
          .exec_params(
              "SELECT subject_version FROM audit_events WHERE subject_kind = 'registry' "
              "AND subject_id = $3::uuid AND request_id = $1 AND rpc = $2 "
              "ORDER BY chain_seq DESC LIMIT 1",
              key.request_id, kApplyRpc, *earlier.value())[0][0]
          .as<int64_t>();
    }
    for (const RegistryChange& change : changes) {
      std::visit([&](const auto& entry) { Apply(txn, entry, change.remove); }, change.entry);
    }
    const int64_t version = CurrentTransactionVersion(txn);
    // One chain for all of the registry's changes (each a version of it).
    const std::string subject = domain::RegistrySubjectId();
    RecordRequestKey(txn, key, kApplyRpc, subject);
    AppendAuditEvent(txn, audit, "registry", subject, version);
    return version;
  });
}

Status PgRegistryRepository::RecordDecisions(const std::vector<domain::DecisionRecord>& decisions) {
  return receipts_.Append(decisions);
}

Result<size_t> PgRegistryRepository::CountRecordedDecisions(
    const std::vector<std::string>& decision_ids) {
  // A text array of the ids (UUIDs the service made: no quoting needed, checked anyway).
  std::string array = "{";
  for (const std::string& id : decision_ids) {
    if (!domain::IsUuid(id)) return domain::NotAUuid("decision_id", id);
    array += (array.size() > 1 ? "," : "") + id;
  }
  array += "}";
  return database_.pool().InTransaction<size_t>([&](pqxx::work& txn) -> Result<size_t> {
    return txn
        .exec_params1(
            "SELECT count(*) FROM eligibility_decisions WHERE decision_id = ANY($1::uuid[])",
            array)[0]
        .as<size_t>();
  });
}

Result<domain::RegistryIds> PgRegistryRepository::ExistingOf(const domain::RegistryIds& wanted) {
  using Ids = domain::RegistryIds;
  return database_.pool().InTransaction<Ids>([&](pqxx::work& txn) -> Result<Ids> {
    const auto existing = [&txn](const char* query, const std::set<std::string>& ids) {
      std::set<std::string> found;
      if (ids.empty()) return found;
      const std::vector<std::string> list(ids.begin(), ids.end());
      for (const pqxx::row& row : txn.exec_params(query, PlainArrayLiteral(list))) {
        found.insert(row[0].as<std::string>());
      }
      return found;
    };
    Ids found;
    found.persons =
        existing("SELECT national_id FROM registry_persons WHERE national_id = ANY($1::text[])",
                 wanted.persons);
    found.organizations = existing(
        "SELECT credit_code FROM registry_organizations WHERE credit_code = ANY($1::text[])",
        wanted.organizations);
    found.disposals = existing("SELECT id::text FROM disposals WHERE id::text = ANY($1::text[])",
                               wanted.disposals);
    return found;
  });
}

Result<domain::RegistryParty> PgRegistryRepository::LoadParty(const std::string& identifier,
                                                              bool is_person) {
  using Party = domain::RegistryParty;
  return database_.pool().InTransaction<Party>([&](pqxx::work& txn) -> Result<Party> {
    return ReadRegistryParty(txn, identifier, is_person);
  });
}

Result<int64_t> PgRegistryRepository::DisposalContextChangeCount() {
  return database_.pool().InTransaction<int64_t>([](pqxx::work& txn) -> Result<int64_t> {
    return txn.exec("SELECT changes FROM disposal_context_changes")[0][0].as<int64_t>();
  });
}

}  // namespace disposal::store
