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

// The entry that brings the penalty account's fixed penalty (`fixed_on_books`: the opening
// entry's penalty and the penalty entries since) to `updated`'s penalty (zero while
// unliquidated), dated `today`: the claim's penalty account (claim level, tranche 0) against
// amc/interest_income, either way. None when they agree. FAILED_PRECONDITION (field
// "claim.penalty") once the whole claim is sold (`sold`: award dates by tranche, 0 for the
// whole claim): the penalty went with it.
Result<std::optional<LedgerEntry>> PenaltyChangeEntry(const Claim& updated,
                                                      const Money& fixed_on_books,
                                                      const std::map<int, Date>& sold,
                                                      const Date& today,
                                                      const std::string& request_id);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_PENALTY_JUDGMENT_H_
