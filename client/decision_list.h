// `decision list`: a disposal's stored eligibility decisions, oldest first.

#ifndef DISPOSAL_CLIENT_DECISION_LIST_H_
#define DISPOSAL_CLIENT_DECISION_LIST_H_

#include <ostream>
#include <string>

#include "disposal/v1/audit.pb.h"
#include "global_options.h"
#include "status.h"

namespace disposalctl {

struct ListDecisionsOptions {
  std::string disposal_id;
  std::string bidder;   // national ID or credit code; empty: every bidder
  std::string outcome;  // eligible, ineligible or review; empty: every outcome
  int page_size = 100;
  std::string page_token;
  bool all_pages = false;
};

// Builds the request; INVALID_INPUT for an unknown --outcome.
Status BuildListDecisionsRequest(const ListDecisionsOptions& options,
                                 disposal::v1::ListEligibilityDecisionsRequest* request);

// One line per decision (time, outcome, bidder, registry version, actor, id), then the next
// page's token when there is one. `stopped_at_page_limit`: --all gave up after kListPagesMax.
void PrintDecisionList(const disposal::v1::ListEligibilityDecisionsResponse& listed,
                       bool stopped_at_page_limit, std::ostream& out);

// Calls AuditService.ListEligibilityDecisions (every page with --all) and prints the result.
Status ListEligibilityDecisions(const GlobalOptions& global, const ListDecisionsOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DECISION_LIST_H_
