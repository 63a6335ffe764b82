// What the ledger commands (`ledger accrue|entries|reverse`, `statement`, `trial-balance`,
// `outcome record|get`, `payment record`, `cost record`) do once their options are parsed.

#ifndef DISPOSAL_CLIENT_LEDGER_ACTIONS_H_
#define DISPOSAL_CLIENT_LEDGER_ACTIONS_H_

#include <cstdint>
#include <string>

#include "global_options.h"
#include "ledger_outcome_input.h"
#include "status.h"

namespace disposalctl {

struct AccrueInterestOptions {
  std::string claim_id;
  std::string through_date;  // YYYY-MM-DD, inclusive
  AccrualTermsOptions terms;
  std::string request_id;  // empty: a new UUID
};

struct ListEntriesOptions {
  std::string claim_id;
  int page_size = 0;  // 0: the server's default
  std::string page_token;
  bool all_pages = false;
  bool with_postings = false;
};

struct ReverseEntryOptions {
  std::int64_t entry_id = 0;
  std::string memo;
  std::string effective_date;  // YYYY-MM-DD; empty: the reversed entry's date
  std::string request_id;      // empty: a new UUID
};

struct LedgerStatementOptions {
  std::string claim_id;
  std::string as_of;       // YYYY-MM-DD; empty: today, or the day of as_of_time
  std::string as_of_time;  // RFC 3339; empty: now
};

struct TrialBalanceOptions {
  std::string as_of;       // YYYY-MM-DD; empty: today, or the day of as_of_time
  std::string as_of_time;  // RFC 3339; empty: now
};

struct ShowOutcomeOptions {
  std::string id;
};

// `outcome list`: exactly one of disposal_id and claim_id.
struct ListOutcomesOptions {
  std::string disposal_id;
  std::string claim_id;
  int page_size = 0;  // 0: the server's default
  std::string page_token;
  bool all_pages = false;
};

// Each prints its result on stdout per global.output and returns what went wrong.
Status AccrueClaimInterest(const GlobalOptions& global, const AccrueInterestOptions& options);
Status ListLedgerEntries(const GlobalOptions& global, const ListEntriesOptions& options);
Status ReverseLedgerEntry(const GlobalOptions& global, const ReverseEntryOptions& options);
Status ShowLedgerStatement(const GlobalOptions& global, const LedgerStatementOptions& options);
// Prints the trial balance, then fails with FAILED_PRECONDITION (exit status 1) when its
// debits and credits differ, so that a script checking the ledger notices.
Status ShowTrialBalance(const GlobalOptions& global, const TrialBalanceOptions& options);
Status RecordDisposalOutcome(const GlobalOptions& global, const RecordOutcomeOptions& options);
Status ShowOutcome(const GlobalOptions& global, const ShowOutcomeOptions& options);
Status ListDisposalOutcomes(const GlobalOptions& global, const ListOutcomesOptions& options);
Status RescindDisposalOutcome(const GlobalOptions& global, const RescindOutcomeOptions& options);
Status RecordLedgerPayment(const GlobalOptions& global, const RecordPaymentOptions& options);
Status RecordClaimCost(const GlobalOptions& global, const RecordCostOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_LEDGER_ACTIONS_H_
