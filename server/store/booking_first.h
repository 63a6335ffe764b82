// Internal to store/: what a debtor's payment or an award books before itself, in its own
// transaction: the claim's interest accrued through its date (domain::EntriesFirst), either
// planned outside the transaction and checked against the ledger, or planned inside it on the
// claim's own accrual terms.
#ifndef DISPOSAL_SERVER_STORE_BOOKING_FIRST_H_
#define DISPOSAL_SERVER_STORE_BOOKING_FIRST_H_

#include <pqxx/pqxx>
#include <string>

#include "domain/outcome.h"

namespace disposal::store {

// Books what comes before the booking, under the claim's lock (`version`): the accrual on the
// claim's own terms when it has them (`own_accrual_terms`), else what was planned outside the
// transaction, provided the claim's ledger is still as it was planned from (ABORTED
// otherwise). Returns whether anything may have been booked, so that the booking reads the
// books again.
Result<bool> BookBefore(pqxx::work& txn, const std::string& claim_id, int64_t version,
                        bool own_accrual_terms, const domain::EntriesFirst& first,
                        const domain::RequestKey& key, const domain::AuditContext& audit);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_BOOKING_FIRST_H_
