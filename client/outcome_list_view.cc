#include "outcome_list_view.h"

#include "amount_text.h"
#include "claim_actions.h"
#include "date_text.h"
#include "table.h"

namespace disposalctl {
namespace {

std::string BuyerName(const disposal::v1::Party& buyer) {
  if (buyer.has_organization()) return buyer.organization().name();
  if (buyer.has_person()) return buyer.person().name();
  return "-";
}

std::string SoldText(const disposal::v1::Outcome& outcome) {
  return outcome.tranche_number() == 0 ? "whole claim"
                                       : "tranche " + std::to_string(outcome.tranche_number());
}

}  // namespace

std::string OutcomeStatusText(const disposal::v1::Outcome& outcome) {
  if (outcome.rescission_entry_id() == 0) return "standing";
  std::string text = "rescinded (entry " + std::to_string(outcome.rescission_entry_id()) + ")";
  if (outcome.forfeiture_entry_id() != 0) {
    text += ", deposit kept " + FormatYuan(outcome.forfeited_deposit());
  }
  return text;
}

void PrintOutcomeList(const disposal::v1::ListOutcomesResponse& listed, bool stopped_at_page_limit,
                      std::ostream& out) {
  if (listed.outcomes().empty()) {
    out << "no outcomes\n";
  } else {
    Table table;
    table.AddColumn("award date");
    table.AddColumn("outcome");
    table.AddColumn("sold");
    table.AddColumn("buyer");
    table.AddColumn("price 元", Align::kRight);
    table.AddColumn("award", Align::kRight);
    table.AddColumn("status");
    for (const disposal::v1::Outcome& outcome : listed.outcomes()) {
      table.AddRow({FormatDate(outcome.award_date()), outcome.id(), SoldText(outcome),
                    BuyerName(outcome.buyer()), FormatYuan(outcome.price()),
                    std::to_string(outcome.award_number()), OutcomeStatusText(outcome)});
    }
    table.Print(out);
  }
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more outcomes follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

}  // namespace disposalctl
