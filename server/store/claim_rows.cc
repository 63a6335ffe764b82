#include "store/claim_rows.h"

#include <map>
#include <optional>
#include <stdexcept>

#include "store/accrual_terms_rows.h"
#include "store/claim_codes.h"
#include "store/field_values.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

using domain::Claim;
using domain::ClaimContent;
using domain::Money;
using domain::Party;

std::optional<std::string> RateText(const std::optional<domain::Rate>& rate) {
  if (!rate) return std::nullopt;
  return rate->ToString();
}

std::optional<std::string> DateText(const std::optional<domain::Date>& date) {
  if (!date) return std::nullopt;
  return domain::FormatIsoDate(*date);
}

Party PartyFrom(const pqxx::row& row, int first_column) {
  Party party;
  party.kind = PartyKindFromCode(row[first_column].as<std::string>());
  party.name = row[first_column + 1].as<std::string>();
  party.identifier = row[first_column + 2].as<std::string>();
  party.financial_institution = row[first_column + 3].as<bool>();
  party.state_owned = row[first_column + 4].as<bool>();
  return party;
}

void InsertTranches(pqxx::work& txn, const std::string& id, const ClaimContent& content) {
  for (size_t i = 0; i < content.tranches.size(); ++i) {
    const domain::Tranche& t = content.tranches[i];
    txn.exec_params(
        "INSERT INTO claim_tranches (claim_id, position, original_creditor, "
        "original_creditor_current_name, principal, interest, interest_cutoff_date, "
        "contract_rate, penalty_rate, contract_reference) "
        "VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7::date, $8::numeric, $9::numeric, "
        "$10)",
        id, static_cast<int>(i), t.original_creditor, t.original_creditor_current_name,
        t.principal.ToString(), t.interest.ToString(),
        domain::FormatIsoDate(t.interest_cutoff_date), OrNull(RateText(t.contract_rate)),
        OrNull(RateText(t.penalty_rate)), t.contract_reference);
  }
}

void InsertAccrualTerms(pqxx::work& txn, const std::string& id, const ClaimContent& content) {
  if (!content.accrual_terms) return;
  const AccrualTermsColumns c = ColumnsOf(*content.accrual_terms);
  txn.exec_params(
      "INSERT INTO claim_accrual_terms (claim_id, basis, compound, court_judgment_debt, "
      "court_due_date, court_daily_rate) VALUES ($1, $2, $3, $4::numeric, $5::date, $6::numeric)",
      id, c.basis, c.compound, OrNull(c.court_judgment_debt), OrNull(c.court_due_date),
      OrNull(c.court_daily_rate));
}

void InsertCollateral(pqxx::work& txn, const std::string& id, const ClaimContent& content) {
  for (size_t i = 0; i < content.collateral.size(); ++i) {
    const domain::Collateral& c = content.collateral[i];
    txn.exec_params(
        "INSERT INTO claim_collateral (claim_id, position, kind, description, location, "
        "appraised_value, lien_rank) VALUES ($1, $2, $3, $4, $5, $6::numeric, $7)",
        id, static_cast<int>(i), ToCode(c.kind), c.description, c.location,
        OrNull(MoneyText(c.appraised_value)), c.lien_rank);
    for (size_t k = 0; k < c.encumbrances.size(); ++k) {
      const domain::Encumbrance& e = c.encumbrances[k];
      txn.exec_params(
          "INSERT INTO claim_encumbrances (claim_id, collateral_position, position, kind, note, "
          "arose_date) VALUES ($1, $2, $3, $4, $5, $6::date)",
          id, static_cast<int>(i), static_cast<int>(k), ToCode(e.kind), e.note,
          OrNull(DateText(e.arose_date)));
    }
  }
}

void InsertGuaranteesAndPledges(pqxx::work& txn, const std::string& id,
                                const ClaimContent& content) {
  for (size_t i = 0; i < content.guarantees.size(); ++i) {
    const domain::Guarantee& g = content.guarantees[i];
    txn.exec_params(
        "INSERT INTO claim_guarantees (claim_id, position, guarantor_kind, guarantor_name, "
        "guarantor_identifier, guarantor_financial_institution, guarantor_state_owned, liability, "
        "scope, term) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id, static_cast<int>(i), ToCode(g.guarantor.kind), g.guarantor.name, g.guarantor.identifier,
        g.guarantor.financial_institution, g.guarantor.state_owned, ToCode(g.liability), g.scope,
        g.term);
  }
  for (size_t i = 0; i < content.pledges.size(); ++i) {
    const domain::Pledge& p = content.pledges[i];
    const Party none;
    const Party& pledgor = p.pledgor ? *p.pledgor : none;
    std::optional<std::string> kind, name, identifier;
    if (p.pledgor)
      kind = ToCode(pledgor.kind), name = pledgor.name, identifier = pledgor.identifier;
    txn.exec_params(
        "INSERT INTO claim_pledges (claim_id, position, subject, pledgor_kind, pledgor_name, "
        "pledgor_identifier, pledgor_financial_institution, pledgor_state_owned) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id, static_cast<int>(i), p.subject, OrNull(kind), OrNull(name), OrNull(identifier),
        pledgor.financial_institution, pledgor.state_owned);
  }
}

void InsertLitigation(pqxx::work& txn, const std::string& id, const ClaimContent& content) {
  for (size_t i = 0; i < content.litigation.size(); ++i) {
    const domain::Litigation& l = content.litigation[i];
    txn.exec_params(
        "INSERT INTO claim_litigation (claim_id, position, court, case_number, stage) "
        "VALUES ($1, $2, $3, $4, $5)",
        id, static_cast<int>(i), l.court, l.case_number, ToCode(l.stage));
  }
}

constexpr const char* kClaimColumns =
    "id::text, version, title, status, currency_code, debtor_kind, debtor_name, "
    "debtor_identifier, debtor_financial_institution, debtor_state_owned, holder_name, "
    "holder_identifier, holder_financial_institution, holder_state_owned, penalty_unliquidated, "
    "penalty_basis, penalty_amount::text, "
    "(extract(epoch FROM create_time) * 1000000)::bigint, "
    "(extract(epoch FROM update_time) * 1000000)::bigint";

Claim ClaimFromRow(const pqxx::row& row) {
  Claim claim;
  claim.id = row[0].as<std::string>();
  claim.version = row[1].as<int64_t>();
  ClaimContent& c = claim.content;
  c.title = row[2].as<std::string>();
  c.status = ClaimStatusFromCode(row[3].as<std::string>());
  c.currency_code = row[4].as<std::string>();
  c.debtor = PartyFrom(row, 5);
  c.holder.kind = domain::PartyKind::kOrganization;
  c.holder.name = row[10].as<std::string>();
  c.holder.identifier = row[11].as<std::string>();
  c.holder.financial_institution = row[12].as<bool>();
  c.holder.state_owned = row[13].as<bool>();
  c.penalty.unliquidated = row[14].as<bool>();
  c.penalty.basis = row[15].as<std::string>();
  c.penalty.amount = OptionalMoneyField(row[16]);
  claim.create_time_micros = row[17].as<int64_t>();
  claim.update_time_micros = row[18].as<int64_t>();
  return claim;
}

// Reads one child table for every claim in `ids` and hands each row to `add(claim, row)`.
template <typename Add>
void ForEachChild(pqxx::work& txn, std::map<std::string, Claim*>& by_id, const std::string& ids,
                  const std::string& select, Add add) {
  for (const pqxx::row& row : txn.exec_params(select, ids)) {
    auto found = by_id.find(row[0].as<std::string>());
    if (found != by_id.end()) add(*found->second, row);
  }
}

void LoadTranches(pqxx::work& txn, std::map<std::string, Claim*>& by_id, const std::string& ids) {
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, original_creditor, original_creditor_current_name, "
               "principal::text, interest::text, interest_cutoff_date::text, contract_rate::text, "
               "penalty_rate::text, contract_reference FROM claim_tranches "
               "WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Tranche t;
                 t.original_creditor = row[1].as<std::string>();
                 t.original_creditor_current_name = row[2].as<std::string>();
                 t.principal = MoneyField(row[3]);
                 t.interest = MoneyField(row[4]);
                 t.interest_cutoff_date = DateField(row[5]);
                 t.contract_rate = OptionalRateField(row[6]);
                 t.penalty_rate = OptionalRateField(row[7]);
                 t.contract_reference = row[8].as<std::string>();
                 claim.content.tranches.push_back(std::move(t));
               });
}

void LoadCollateral(pqxx::work& txn, std::map<std::string, Claim*>& by_id, const std::string& ids) {
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, kind, description, location, appraised_value::text, "
               "lien_rank FROM claim_collateral WHERE claim_id = ANY($1::uuid[]) "
               "ORDER BY claim_id, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Collateral c;
                 c.kind = CollateralKindFromCode(row[1].as<std::string>());
                 c.description = row[2].as<std::string>();
                 c.location = row[3].as<std::string>();
                 c.appraised_value = OptionalMoneyField(row[4]);
                 c.lien_rank = row[5].as<int>();
                 claim.content.collateral.push_back(std::move(c));
               });
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, collateral_position, kind, note, arose_date::text "
               "FROM claim_encumbrances WHERE claim_id = ANY($1::uuid[]) "
               "ORDER BY claim_id, collateral_position, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Encumbrance e;
                 e.kind = EncumbranceKindFromCode(row[2].as<std::string>());
                 e.note = row[3].as<std::string>();
                 if (!row[4].is_null()) e.arose_date = DateField(row[4]);
                 claim.content.collateral.at(row[1].as<size_t>()).encumbrances.push_back(e);
               });
}

void LoadGuaranteesAndPledges(pqxx::work& txn, std::map<std::string, Claim*>& by_id,
                              const std::string& ids) {
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, guarantor_kind, guarantor_name, guarantor_identifier, "
               "guarantor_financial_institution, guarantor_state_owned, liability, scope, term "
               "FROM claim_guarantees WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Guarantee g;
                 g.guarantor = PartyFrom(row, 1);
                 g.liability = LiabilityTypeFromCode(row[6].as<std::string>());
                 g.scope = row[7].as<std::string>();
                 g.term = row[8].as<std::string>();
                 claim.content.guarantees.push_back(std::move(g));
               });
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, subject, pledgor_kind, pledgor_name, pledgor_identifier, "
               "pledgor_financial_institution, pledgor_state_owned FROM claim_pledges "
               "WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Pledge p;
                 p.subject = row[1].as<std::string>();
                 if (!row[2].is_null()) p.pledgor = PartyFrom(row, 2);
                 claim.content.pledges.push_back(std::move(p));
               });
}

void LoadAccrualTerms(pqxx::work& txn, std::map<std::string, Claim*>& by_id,
                      const std::string& ids) {
  ForEachChild(txn, by_id, ids,
               std::string("SELECT t.claim_id::text, ") + kAccrualTermsSelect +
                   " FROM claim_accrual_terms t WHERE t.claim_id = ANY($1::uuid[])",
               [](Claim& claim, const pqxx::row& row) {
                 claim.content.accrual_terms = AccrualTermsFrom(row, 1);
               });
}

void LoadLitigation(pqxx::work& txn, std::map<std::string, Claim*>& by_id, const std::string& ids) {
  ForEachChild(txn, by_id, ids,
               "SELECT claim_id::text, court, case_number, stage FROM claim_litigation "
               "WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, position",
               [](Claim& claim, const pqxx::row& row) {
                 domain::Litigation l;
                 l.court = row[1].as<std::string>();
                 l.case_number = row[2].as<std::string>();
                 l.stage = LitigationStageFromCode(row[3].as<std::string>());
                 claim.content.litigation.push_back(std::move(l));
               });
}

}  // namespace

std::string InsertClaimRow(pqxx::work& txn, const ClaimContent& c) {
  const std::optional<std::string> penalty = MoneyText(c.penalty.amount);
  pqxx::result row = txn.exec_params(
      "INSERT INTO claims (id, version, title, status, currency_code, debtor_kind, debtor_name, "
      "debtor_identifier, debtor_financial_institution, debtor_state_owned, holder_name, "
      "holder_identifier, holder_financial_institution, holder_state_owned, "
      "penalty_unliquidated, penalty_basis, penalty_amount) "
      "VALUES (gen_random_uuid(), 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
      "$15::numeric) RETURNING id::text",
      c.title, ToCode(c.status), c.currency_code, ToCode(c.debtor.kind), c.debtor.name,
      c.debtor.identifier, c.debtor.financial_institution, c.debtor.state_owned, c.holder.name,
      c.holder.identifier, c.holder.financial_institution, c.holder.state_owned,
      c.penalty.unliquidated, c.penalty.basis, OrNull(penalty));
  return row[0][0].as<std::string>();
}

bool UpdateClaimRow(pqxx::work& txn, const std::string& id, int64_t expected_version,
                    const ClaimContent& c) {
  const std::optional<std::string> penalty = MoneyText(c.penalty.amount);
  pqxx::result rows = txn.exec_params(
      "UPDATE claims SET version = version + 1, update_time = now(), title = $3, status = $4, "
      "currency_code = $5, debtor_kind = $6, debtor_name = $7, debtor_identifier = $8, "
      "debtor_financial_institution = $9, debtor_state_owned = $10, holder_name = $11, "
      "holder_identifier = $12, holder_financial_institution = $13, holder_state_owned = $14, "
      "penalty_unliquidated = $15, penalty_basis = $16, penalty_amount = $17::numeric "
      "WHERE id = $1::uuid AND version = $2 RETURNING version",
      id, expected_version, c.title, ToCode(c.status), c.currency_code, ToCode(c.debtor.kind),
      c.debtor.name, c.debtor.identifier, c.debtor.financial_institution, c.debtor.state_owned,
      c.holder.name, c.holder.identifier, c.holder.financial_institution, c.holder.state_owned,
      c.penalty.unliquidated, c.penalty.basis, OrNull(penalty));
  return !rows.empty();
}

void ReplaceClaimChildren(pqxx::work& txn, const std::string& id, const ClaimContent& content) {
  for (const char* table :
       {"claim_encumbrances", "claim_collateral", "claim_tranches", "claim_guarantees",
        "claim_pledges", "claim_litigation", "claim_accrual_terms"}) {
    txn.exec_params(std::string("DELETE FROM ") + table + " WHERE claim_id = $1::uuid", id);
  }
  InsertTranches(txn, id, content);
  InsertCollateral(txn, id, content);
  InsertGuaranteesAndPledges(txn, id, content);
  InsertLitigation(txn, id, content);
  InsertAccrualTerms(txn, id, content);
}

void ReadOneSnapshot(pqxx::work& txn) {
  txn.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

std::vector<Claim> LoadClaims(pqxx::work& txn, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  const std::string id_array = PlainArrayLiteral(ids);
  std::map<std::string, Claim> loaded;
  for (const pqxx::row& row : txn.exec_params(
           std::string("SELECT ") + kClaimColumns + " FROM claims WHERE id = ANY($1::uuid[])",
           id_array)) {
    Claim claim = ClaimFromRow(row);
    loaded.emplace(claim.id, std::move(claim));
  }
  std::map<std::string, Claim*> by_id;
  for (auto& [id, claim] : loaded) by_id.emplace(id, &claim);
  LoadTranches(txn, by_id, id_array);
  LoadCollateral(txn, by_id, id_array);
  LoadGuaranteesAndPledges(txn, by_id, id_array);
  LoadLitigation(txn, by_id, id_array);
  LoadAccrualTerms(txn, by_id, id_array);
  std::vector<Claim> ordered;
  for (const std::string& id : ids) {
    auto found = loaded.find(id);
    // Copied, not moved: an id asked for twice (two lots of one claim) gets the claim twice.
    if (found != loaded.end()) ordered.push_back(found->second);
  }
  return ordered;
}

std::optional<ChangedClaim> FirstChangedClaim(pqxx::work& txn,
                                              const std::map<std::string, int64_t>& read,
                                              bool hold) {
  if (read.empty()) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& [id, version] : read) ids.push_back(id);
  const std::string lock = hold ? " ORDER BY id FOR SHARE" : "";
  for (const pqxx::row& row :
       txn.exec_params("SELECT id::text, version FROM claims WHERE id = ANY($1::uuid[])" + lock,
                       PlainArrayLiteral(ids))) {
    const std::string id = row[0].as<std::string>();
    const int64_t version = row[1].as<int64_t>();
    const auto earlier = read.find(id);
    if (earlier == read.end()) return ChangedClaim{id, 0, version};
    if (earlier->second != version) return ChangedClaim{id, earlier->second, version};
  }
  return std::nullopt;
}

}  // namespace disposal::store
