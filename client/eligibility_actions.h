// What the `eligibility` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_ELIGIBILITY_ACTIONS_H_
#define DISPOSAL_CLIENT_ELIGIBILITY_ACTIONS_H_

#include <string>

#include "eligibility_input.h"
#include "global_options.h"
#include "status.h"

namespace disposalctl {

struct CheckBatchOptions {
  std::string disposal_id;
  std::string file;   // bidder CSV, "-" for stdin
  std::string as_of;  // YYYY-MM-DD for every bidder; empty: today on the server's calendar
  int checks_per_message = 200;  // 1..1000
};

// Asks about one bidder and prints the decision. A query: succeeds whatever the outcome.
Status CheckEligibility(const GlobalOptions& global, const CheckBidderOptions& options);

// Asks about every bidder of a file over one stream (one registry snapshot) and prints a line
// per bidder and a summary. Fails (exit status 1) when the stream fails or any bidder could
// not be checked (e.g. a malformed identifier), after printing every answer received.
Status CheckEligibilityBatch(const GlobalOptions& global, const CheckBatchOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_ELIGIBILITY_ACTIONS_H_
