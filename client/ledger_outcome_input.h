// `outcome record` and `payment record` as typed, read into RecordOutcomeRequest and
// RecordPaymentRequest: the buyer, the method, instalments written "2021-10-01:3000万", and
// a debtor's allocation order written "costs,interest,principal,penalty".

#ifndef DISPOSAL_CLIENT_LEDGER_OUTCOME_INPUT_H_
#define DISPOSAL_CLIENT_LEDGER_OUTCOME_INPUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "disposal/v1/ledger.pb.h"
#include "status.h"

namespace disposalctl {

// Interest for delayed performance of a judgment (迟延履行期间的债务利息) as typed: all empty
// for none; the debt and the start go together.
struct CourtDelayOptions {
  std::string debt;         // an amount, e.g. "5000万"
  std::string delay_start;  // YYYY-MM-DD, the first day of delay
  std::string daily_rate;   // e.g. "0.0175%"; empty: the server's default
  bool given() const { return !debt.empty(); }
};

// Accrual terms as typed (`ledger accrue`, and --accrue-first's). Whatever is left out is not
// sent, so that a claim with accrual terms of its own accrues on them rather than on a default
// that conflicts with them.
struct AccrualTermsOptions {
  std::string basis;  // "act360" or "act365"; empty: the claim's own terms, else ACT/360
  bool compound = false;
  CourtDelayOptions court;
  bool any_given() const { return !basis.empty() || compound || court.given(); }
};

// `outcome record` as typed. Empty strings are options left out.
struct RecordOutcomeOptions {
  std::string disposal_id;
  std::string lot_id;        // empty: the disposal's only lot
  std::string method;        // short name, "auction"
  std::string buyer_person;  // --buyer-person NATIONAL_ID
  std::string buyer_org;     // --buyer-org CREDIT_CODE
  std::string buyer_name;
  std::string price;                     // amount text, "9000万"
  std::string award_time;                // RFC 3339; empty: now (the server's clock)
  std::string deposit_paid;              // amount text; empty: not stated
  std::string buyer_proof_of_funds;      // amount text; empty: not stated
  bool buyer_own_labour_income = false;  // a buyer aged 16-17 living on their own labour
  std::vector<std::string> instalments;  // "DATE:AMOUNT" each; none: a lump sum
  std::vector<std::string> order;        // a debt reduction's bucket order; empty: art. 561's
  std::string request_id;                // empty: a new UUID
  // Accrue the claim's interest through the award date first, on these terms (none given:
  // the claim's own, else those of its latest accrual).
  bool accrue_first = false;
  AccrualTermsOptions terms;
};

// `payment record` as typed. Exactly one of outcome_id and claim_id is set.
struct RecordPaymentOptions {
  std::string outcome_id;          // a buyer's payment
  std::string claim_id;            // a debtor's payment
  std::string amount;              // amount text
  std::string received;            // YYYY-MM-DD
  std::vector<std::string> order;  // bucket short names; empty: the server's default
  std::string request_id;          // empty: a new UUID
  // A debtor's payment: accrue the claim's interest through --received first, on these terms
  // (none given: the claim's own, else those of its latest accrual).
  bool accrue_first = false;
  AccrualTermsOptions terms;
};

struct RecordCostOptions {
  std::string claim_id;
  std::string amount;       // amount text
  std::string paid;         // YYYY-MM-DD
  std::string description;  // what the cost was for
  std::string request_id;   // empty: a new UUID
};

// The basis typed ("act360" or "act365", as the command line checks), or UNSPECIFIED when
// left out: the server then takes the claim's own terms, else ACT/360.
disposal::v1::DayCountBasis BasisOf(const std::string& basis);

// Reads the court's interest terms; fails, naming the option, when the amount, date or rate
// does not read.
Status ParseCourtDelay(const CourtDelayOptions& options, disposal::v1::CourtDelayInterest* court);

// Reads one instalment, "2021-10-01:3000万" (a date, a colon, an amount in any form
// ParseAmountText takes), into its due date and amount. Fails, naming the text, otherwise.
Status ParseInstalmentText(std::string_view text, disposal::v1::Instalment* instalment);

// Reads a debtor's allocation order, one bucket name a value ("costs", "interest",
// "principal", "penalty", any case). Fails unless every bucket is named exactly once, as
// the API requires.
Status ParseAllocationOrder(const std::vector<std::string>& names,
                            std::vector<disposal::v1::AllocationBucket>* order);

// The request `options` describe, with its request id chosen (ChooseRequestId). Fails
// (exit status 2), naming the option, when neither or both of --buyer-person and
// --buyer-org are given, the name is empty, the method is unknown, or an amount, time or
// instalment does not read. Identifiers, sums and dates are the server's to check.
Status BuildRecordOutcomeRequest(const RecordOutcomeOptions& options,
                                 disposal::v1::RecordOutcomeRequest* request);

// The same for `payment record`: fails when neither or both payers are given, when --order
// comes with --outcome (a buyer's payment goes to its instalments, earliest first), or when
// the amount, date or order does not read.
Status BuildRecordPaymentRequest(const RecordPaymentOptions& options,
                                 disposal::v1::RecordPaymentRequest* request);
Status BuildRecordCostRequest(const RecordCostOptions& options,
                              disposal::v1::RecordCostRequest* request);

// `outcome rescind` as typed.
struct RescindOutcomeOptions {
  std::string id;
  std::string memo;
  std::string forfeit_deposit;  // amount text; empty: no deposit kept
  std::string request_id;       // empty: a new UUID
};

// The same for `outcome rescind`: fails when --forfeit-deposit does not read or is not more
// than zero (a deposit kept is 0.01 or more; leave the option out to keep none).
Status BuildRescindOutcomeRequest(const RescindOutcomeOptions& options,
                                  disposal::v1::RescindOutcomeRequest* request);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_LEDGER_OUTCOME_INPUT_H_
