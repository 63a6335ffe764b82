#include "client/outcome_list_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace disposalctl {
namespace {

using disposal::v1::Outcome;

Outcome Standing() {
  Outcome outcome;
  outcome.set_id("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e");
  outcome.set_tranche_number(1);
  outcome.mutable_buyer()->mutable_person()->set_name("张三");
  outcome.mutable_price()->set_units(90000000);
  outcome.mutable_award_date()->set_year(2021);
  outcome.mutable_award_date()->set_month(9);
  outcome.mutable_award_date()->set_day(1);
  outcome.set_award_number(1);
  return outcome;
}

TEST(OutcomeStatusText, StandingAwardSaysSo) {
  EXPECT_EQ(OutcomeStatusText(Standing()), "standing");
}

TEST(OutcomeStatusText, RescindedAwardNamesItsReversalAndTheDepositKept) {
  Outcome outcome = Standing();
  outcome.set_rescission_entry_id(42);
  EXPECT_EQ(OutcomeStatusText(outcome), "rescinded (entry 42)");
  outcome.set_forfeiture_entry_id(43);
  outcome.mutable_forfeited_deposit()->set_units(5000000);
  EXPECT_EQ(OutcomeStatusText(outcome), "rescinded (entry 42), deposit kept 5,000,000.00");
}

TEST(PrintOutcomeList, RowShowsDateIdTrancheBuyerPriceAndStatus) {
  disposal::v1::ListOutcomesResponse listed;
  *listed.add_outcomes() = Standing();
  std::ostringstream out;
  PrintOutcomeList(listed, false, out);
  const std::string text = out.str();
  for (const char* part : {"2021-09-01", "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "tranche 1",
                           "张三", "90,000,000.00", "standing"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
  EXPECT_EQ(text.find("next page"), std::string::npos) << text;
}

TEST(PrintOutcomeList, EmptyListingSaysSoAndGivesTheNextPagesToken) {
  disposal::v1::ListOutcomesResponse listed;
  listed.set_next_page_token("abc");
  std::ostringstream out;
  PrintOutcomeList(listed, false, out);
  EXPECT_EQ(out.str(), "no outcomes\n\nnext page: --page-token abc\n");
}

}  // namespace
}  // namespace disposalctl
