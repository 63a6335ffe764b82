// Booking a penalty (违约金) fixed after a claim's ledger opened: a court's judgment sets the
// claim's penalty through UpdateClaim, and the same transaction books the difference to what
// the claim's penalty account holds of penalties fixed. Pure: the store supplies the figures.
#ifndef DISPOSAL_SERVER_DOMAIN_PENALTY_JUDGMENT_H_
#define DISPOSAL_SERVER_DOMAIN_PENALTY_JUDGMENT_H_

#include <map>
#include <optional>
#include <string>

#include "domain/ledger_repository.h"

namespace disposal::domain {

// What the claim's ledger says where a penalty change is booked.
struct PenaltyBooks {
  Money fixed;    // the opening entry's penalty and the penalty entries since
  Money balance;  // what the claim's penalty account holds now (claim level)
  // What the account holds besides penalties: the court's doubled-part interest accrued, net
  // of accruals reversed. A debtor's payment into the account counts against the penalty
  // first, so the penalty still unpaid is `balance - court_interest` (negative: more paid).
  Money court_interest;
  std::map<int, Date> sold;                   // award dates by tranche, 0 for the whole claim
  Date opened_on{};                           // the opening entry's date
  std::optional<Date> latest_change;          // the latest penalty entry's date
  std::optional<Date> latest_debtor_payment;  // still standing
};

// The amount a penalty stands for: its amount, zero while unliquidated.
Money PenaltyAmount(const Penalty& penalty);

// The entry that brings the penalty account's fixed penalty to `updated`'s penalty, dated
// `fixed_date`: the claim's penalty account (claim level, tranche 0) against
// amc/interest_income, either way. None when they agree. FAILED_PRECONDITION once the whole
// claim is sold (field "claim.penalty": the penalty went with it), for a lower penalty than
// the debtor already paid of it (a refund, which is not booked), and for a date before the
// books open, before the latest change of the penalty, or on or before the latest debtor
// payment, which was allocated without it (field "penalty_fixed_date").
Result<std::optional<LedgerEntry>> PenaltyChangeEntry(const Claim& updated,
                                                      const PenaltyBooks& books,
                                                      const Date& fixed_date,
                                                      const std::string& request_id);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_PENALTY_JUDGMENT_H_
