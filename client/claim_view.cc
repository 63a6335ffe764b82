#include "claim_view.h"

#include <string>
#include <vector>

#include "amount_text.h"
#include "date_text.h"
#include "enum_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::Claim;
using disposal::v1::ClaimTotals;
using disposal::v1::Money;
using disposal::v1::Party;

constexpr std::size_t kLabelWidth = 10;
// List cells wider than this are cut so that a row fits a terminal.
constexpr std::size_t kListTextWidthMax = 40;

// The shared labelled field at this view's label width.
void PrintField(const std::string& label, const std::string& value, std::ostream& out) {
  disposalctl::PrintField(label, value, kLabelWidth, out);
}

std::string PartyName(const Party& party) {
  if (party.has_person()) return party.person().name();
  if (party.has_organization()) return party.organization().name();
  return "-";
}

std::string PartyIdentifier(const Party& party) {
  if (party.has_person()) return "national ID " + party.person().national_id();
  if (party.has_organization()) return "credit code " + party.organization().credit_code();
  return "-";
}

std::string PartyText(const Party& party) {
  if (!party.has_person() && !party.has_organization()) return "-";
  std::string text = PartyName(party) + " (" + PartyIdentifier(party);
  if (party.has_organization() && party.organization().financial_institution()) {
    text += "; financial institution";
  }
  if (party.has_organization() && party.organization().state_owned()) text += "; state-owned";
  return text + ")";
}

std::string StatusName(const Claim& claim) {
  return ShortEnumName(*disposal::v1::ClaimStatus_descriptor(), claim.status());
}

std::string RateText(bool present, const disposal::v1::Decimal& rate) {
  return present ? FormatRatePercent(rate) : "-";
}

// The server's totals; a claim without them (an older server) gets sums of its tranches,
// so the statement never shows a misleading zero.
ClaimTotals EffectiveTotals(const Claim& claim) {
  if (claim.has_totals()) return claim.totals();
  ClaimTotals totals;
  for (const disposal::v1::Tranche& tranche : claim.tranches()) {
    // An overflow leaves the running sum as it was; the server refuses such claims anyway.
    AddMoney(totals.principal(), tranche.principal(), totals.mutable_principal());
    AddMoney(totals.interest(), tranche.interest(), totals.mutable_interest());
  }
  totals.set_penalty_unliquidated(claim.penalty().has_unliquidated_basis());
  if (claim.penalty().has_amount()) *totals.mutable_penalty() = claim.penalty().amount();
  AddMoney(totals.principal(), totals.interest(), totals.mutable_total());
  AddMoney(totals.total(), totals.penalty(), totals.mutable_total());
  return totals;
}

void PrintHeading(const Claim& claim, std::ostream& out) {
  PrintTitle(claim.title(), out);
  PrintField("id", OrDash(claim.id()), out);
  PrintField("version", std::to_string(claim.version()), out);
  PrintField("status", StatusName(claim), out);
  PrintField("debtor", PartyText(claim.debtor()), out);
  PrintField("holder", PartyText(claim.holder()), out);
  PrintField("currency", claim.currency_code().empty() ? "CNY" : claim.currency_code(), out);
  // In Asia/Shanghai, as every other view shows times.
  auto shanghai = [](const google::protobuf::Timestamp& time) {
    return FormatShanghaiTime(time) + " " + kShanghaiZoneName;
  };
  if (claim.has_create_time()) PrintField("created", shanghai(claim.create_time()), out);
  if (claim.has_update_time()) PrintField("updated", shanghai(claim.update_time()), out);
}

std::string CreditorText(const disposal::v1::Tranche& tranche) {
  if (tranche.original_creditor_current_name().empty()) return tranche.original_creditor();
  return tranche.original_creditor() + " (now " + tranche.original_creditor_current_name() + ")";
}

void PrintTranches(const Claim& claim, const ClaimTotals& totals, std::ostream& out) {
  PrintSection("Tranches", out);
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("original creditor");
  table.AddColumn("principal 元", Align::kRight);
  table.AddColumn("principal 万元", Align::kRight);
  table.AddColumn("interest 元", Align::kRight);
  table.AddColumn("interest 万元", Align::kRight);
  table.AddColumn("cut-off");
  table.AddColumn("contract rate", Align::kRight);
  table.AddColumn("penalty rate", Align::kRight);
  table.AddColumn("contract");
  int number = 0;
  for (const disposal::v1::Tranche& tranche : claim.tranches()) {
    table.AddRow({std::to_string(++number), CreditorText(tranche), FormatYuan(tranche.principal()),
                  FormatWanYuan(tranche.principal()), FormatYuan(tranche.interest()),
                  FormatWanYuan(tranche.interest()), FormatDate(tranche.interest_cutoff_date()),
                  RateText(tranche.has_contract_rate(), tranche.contract_rate()),
                  RateText(tranche.has_penalty_rate(), tranche.penalty_rate()),
                  OrDash(tranche.contract_reference())});
  }
  table.AddRule();
  table.AddRow({"", "total", FormatYuan(totals.principal()), FormatWanYuan(totals.principal()),
                FormatYuan(totals.interest()), FormatWanYuan(totals.interest()), "", "", "", ""});
  table.Print(out);
}

std::string PenaltyText(const Claim& claim) {
  const disposal::v1::Penalty& penalty = claim.penalty();
  if (penalty.has_unliquidated_basis()) {
    return "to be set by the court: " + penalty.unliquidated_basis();
  }
  if (penalty.has_amount()) return YuanAndWan(penalty.amount());
  return "none recorded";
}

// "ACT/365, compound interest on overdue interest, the court's interest on 1,000.00 from
// 2024-03-01 at 0.000175 a day", or that each accrual gives the terms.
std::string AccrualTermsText(const Claim& claim) {
  if (!claim.has_accrual_terms()) return "on the terms each accrual gives";
  const disposal::v1::ClaimAccrualTerms& terms = claim.accrual_terms();
  std::string text = terms.basis() == disposal::v1::DAY_COUNT_BASIS_ACT_365 ? "ACT/365" : "ACT/360";
  if (terms.compound_overdue_interest()) text += ", compound interest on overdue interest";
  if (terms.has_court_delay()) {
    const disposal::v1::CourtDelayInterest& court = terms.court_delay();
    text += ", the court's interest on " + FormatYuan(court.judgment_debt()) + " from " +
            FormatDate(court.delay_start()) + " at " + court.daily_rate().value() + " a day";
  }
  return text;
}

void PrintTotals(const Claim& claim, const ClaimTotals& totals, std::ostream& out) {
  PrintSection("Totals", out);
  PrintField("principal", YuanAndWan(totals.principal()), out);
  PrintField("interest", YuanAndWan(totals.interest()), out);
  PrintField("penalty", PenaltyText(claim), out);
  std::string total = YuanAndWan(totals.total());
  if (totals.penalty_unliquidated()) total += ", not counting the penalty";
  PrintField("total", total, out);
  PrintField("accrues", AccrualTermsText(claim), out);
}

std::string CollateralKindName(const disposal::v1::Collateral& collateral) {
  return ShortEnumName(*disposal::v1::CollateralKind_descriptor(), collateral.kind());
}

void PrintEncumbrances(const Claim& claim, std::ostream& out) {
  Table table;
  table.AddColumn("collateral #", Align::kRight);
  table.AddColumn("encumbrance");
  table.AddColumn("since");
  table.AddColumn("note");
  int number = 0;
  for (const disposal::v1::Collateral& collateral : claim.collateral()) {
    ++number;
    for (const disposal::v1::Encumbrance& encumbrance : collateral.encumbrances()) {
      table.AddRow({std::to_string(number),
                    ShortEnumName(*disposal::v1::EncumbranceKind_descriptor(), encumbrance.kind()),
                    FormatDate(encumbrance.date()), OrDash(encumbrance.note())});
    }
  }
  out << '\n';
  table.Print(out);
}

void PrintCollateral(const Claim& claim, std::ostream& out) {
  PrintSection("Collateral", out);
  if (claim.collateral().empty()) {
    out << "none\n";
    return;
  }
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("kind");
  table.AddColumn("description");
  table.AddColumn("location");
  table.AddColumn("lien rank", Align::kRight);
  table.AddColumn("appraised 元", Align::kRight);
  table.AddColumn("encumbrances", Align::kRight);
  int number = 0;
  bool any_encumbrance = false;
  for (const disposal::v1::Collateral& collateral : claim.collateral()) {
    any_encumbrance = any_encumbrance || !collateral.encumbrances().empty();
    table.AddRow({std::to_string(++number), CollateralKindName(collateral),
                  collateral.description(), OrDash(collateral.location()),
                  std::to_string(collateral.lien_rank()),
                  collateral.has_appraised_value() ? FormatYuan(collateral.appraised_value()) : "-",
                  std::to_string(collateral.encumbrances_size())});
  }
  table.Print(out);
  if (any_encumbrance) PrintEncumbrances(claim, out);
}

void PrintGuarantees(const Claim& claim, std::ostream& out) {
  PrintSection("Guarantees", out);
  if (claim.guarantees().empty()) {
    out << "none\n";
    return;
  }
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("guarantor");
  table.AddColumn("identifier");
  table.AddColumn("liability");
  table.AddColumn("scope");
  table.AddColumn("term");
  int number = 0;
  for (const disposal::v1::Guarantee& guarantee : claim.guarantees()) {
    table.AddRow({std::to_string(++number), PartyName(guarantee.guarantor()),
                  PartyIdentifier(guarantee.guarantor()),
                  ShortEnumName(*disposal::v1::LiabilityType_descriptor(), guarantee.liability()),
                  OrDash(guarantee.scope()), OrDash(guarantee.term())});
  }
  table.Print(out);
}

void PrintPledges(const Claim& claim, std::ostream& out) {
  PrintSection("Pledges", out);
  if (claim.pledges().empty()) {
    out << "none\n";
    return;
  }
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("subject");
  table.AddColumn("pledgor");
  int number = 0;
  for (const disposal::v1::Pledge& pledge : claim.pledges()) {
    table.AddRow({std::to_string(++number), pledge.subject(), PartyText(pledge.pledgor())});
  }
  table.Print(out);
}

void PrintLitigation(const Claim& claim, std::ostream& out) {
  PrintSection("Litigation", out);
  if (claim.litigation().empty()) {
    out << "none\n";
    return;
  }
  Table table;
  table.AddColumn("#", Align::kRight);
  table.AddColumn("court");
  table.AddColumn("case number");
  table.AddColumn("stage");
  int number = 0;
  for (const disposal::v1::Litigation& lawsuit : claim.litigation()) {
    table.AddRow({std::to_string(++number), lawsuit.court(),
                  lawsuit.case_number().empty() ? "(not yet known)" : lawsuit.case_number(),
                  ShortEnumName(*disposal::v1::LitigationStage_descriptor(), lawsuit.stage())});
  }
  table.Print(out);
}

}  // namespace

void PrintClaimStatement(const Claim& claim, std::ostream& out) {
  ClaimTotals totals = EffectiveTotals(claim);
  PrintHeading(claim, out);
  PrintTranches(claim, totals, out);
  PrintTotals(claim, totals, out);
  PrintCollateral(claim, out);
  PrintGuarantees(claim, out);
  PrintPledges(claim, out);
  PrintLitigation(claim, out);
}

void PrintClaimTable(const google::protobuf::RepeatedPtrField<Claim>& claims, std::ostream& out) {
  Table table;
  table.AddColumn("id");
  table.AddColumn("title", Align::kLeft, kListTextWidthMax);
  table.AddColumn("debtor", Align::kLeft, kListTextWidthMax);
  table.AddColumn("status");
  table.AddColumn("principal 万元", Align::kRight);
  table.AddColumn("total 万元", Align::kRight);
  table.AddColumn("version", Align::kRight);
  for (const Claim& claim : claims) {
    ClaimTotals totals = EffectiveTotals(claim);
    table.AddRow({claim.id(), claim.title(), PartyName(claim.debtor()), StatusName(claim),
                  FormatWanYuan(totals.principal()), FormatWanYuan(totals.total()),
                  std::to_string(claim.version())});
  }
  table.Print(out);
}

}  // namespace disposalctl
