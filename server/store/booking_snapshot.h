// Internal to store/: what a booking on a claim (an award, a debtor's payment) reads once the
// claim is locked: one statement for the common case (the request key, the accounts' running
// balances), the postings summed for a back-dated one, and the interest a standing accrual
// holds for days before its end. Split from outcome_store.cc.
#ifndef DISPOSAL_SERVER_STORE_BOOKING_SNAPSHOT_H_
#define DISPOSAL_SERVER_STORE_BOOKING_SNAPSHOT_H_

#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/outcome.h"

namespace disposal::store {

// What a booking on a claim reads once the claim is locked, in one statement: whether this
// request key booked before, whether the claim's accounts are open, the debtor's name, and the
// running balances (claim_account_balances), noting whether each is still the balance as of
// the booking's date.
struct BookingSnapshot {
  bool booked_before = false;
  std::optional<domain::Date> opened_on;      // the opening entry's date; none while not opened
  std::vector<domain::Date> tranche_cutoffs;  // by tranche number - 1
  std::string debtor_name;
  domain::ClaimBalances balances;
  bool balances_current = true;  // no balance includes a posting effective after the date
  std::map<std::pair<std::string, int>, domain::Date> latest_posting;
  bool own_accrual_terms = false;  // the claim has accrual terms of its own
};

// Reads the snapshot of `claim_id` for a booking under `request_id` dated `as_of`.
BookingSnapshot ReadSnapshot(pqxx::work& txn, const std::string& claim_id,
                             const std::string& request_id, const domain::Date& as_of);

// The claim's balances as of `as_of`, summed from its postings: for a booking dated before
// the latest posting on the claim.
domain::ClaimBalances SummedBalances(pqxx::work& txn, const std::string& claim_id,
                                     const domain::Date& as_of);

// The claim, whether its accounts are open, and its balances as of `as_of`.
domain::ClaimBooks BooksFrom(pqxx::work& txn, BookingSnapshot snapshot, const std::string& claim_id,
                             const domain::Date& as_of);

// `balances` (as of `date`) with the interest a standing accrual holds for its days up to
// `date`, when its period runs past it (received on 07-15, recorded after the accrual dated
// 07-31), and with what it corrected of the periods before it: that interest is owed on
// `date`, though booked later.
Result<domain::ClaimBalances> WithDaysBookedLater(pqxx::work& txn, const std::string& claim_id,
                                                  const domain::Date& date,
                                                  domain::ClaimBalances balances);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_BOOKING_SNAPSHOT_H_
