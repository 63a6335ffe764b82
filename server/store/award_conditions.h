// Internal to store/: an award's conditions (domain::AwardConditions) checked again inside its
// booking transaction, and the buyer's decision receipt written by it.
#ifndef DISPOSAL_SERVER_STORE_AWARD_CONDITIONS_H_
#define DISPOSAL_SERVER_STORE_AWARD_CONDITIONS_H_

#include <pqxx/pqxx>
#include <string>

#include "domain/outcome.h"

namespace disposal::store {

// Refuses the booking (ABORTED) when the calendar the gate runs on has changed since it was
// read, runs the gate on disposal `disposal_id` as this transaction reads it, compares the versions
// of the claims the buyer's decision read the disposal's parties from, then holds the registry's
// version lock shared (every registry change takes it exclusively, schema/0014) and compares
// the registry's version with the one the decision used. REQUIRES: the disposal's row is held
// FOR SHARE. FAILED_PRECONDITION from the gate; ABORTED when a claim or the registry changed
// since the decision.
Status CheckAwardConditions(pqxx::work& txn, const std::string& disposal_id,
                            const domain::AwardConditions& conditions);

// Appends the buyer's decision receipt to eligibility_decisions in this transaction.
void InsertDecisionReceipt(pqxx::work& txn, const domain::DecisionRecord& receipt);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_AWARD_CONDITIONS_H_
