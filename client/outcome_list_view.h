// `outcome list` as a table: one row per outcome, oldest booking first.
#ifndef DISPOSAL_CLIENT_OUTCOME_LIST_VIEW_H_
#define DISPOSAL_CLIENT_OUTCOME_LIST_VIEW_H_

#include <ostream>
#include <string>

#include "disposal/v1/ledger.pb.h"

namespace disposalctl {

// "standing", or "rescinded (entry 42)", with ", deposit kept 5,000,000.00" when one was kept.
std::string OutcomeStatusText(const disposal::v1::Outcome& outcome);

// Columns: award date, outcome id, what was sold ("tranche 1", "whole claim"), buyer's name,
// price in 元, award number, status. "no outcomes" when there are none; the next page's token
// below the table when there is one (`stopped_at_page_limit`: --all gave up after
// kListPagesMax pages).
void PrintOutcomeList(const disposal::v1::ListOutcomesResponse& listed, bool stopped_at_page_limit,
                      std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OUTCOME_LIST_VIEW_H_
