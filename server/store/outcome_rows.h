// Internal to store/: reading outcomes (schema/0006_outcomes.sql) with what each instalment
// has been paid and the deposit kept at a rescission.
#ifndef DISPOSAL_SERVER_STORE_OUTCOME_ROWS_H_
#define DISPOSAL_SERVER_STORE_OUTCOME_ROWS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/outcome.h"

namespace disposal::store {

// A condition to append to a WHERE on outcomes: the outcome stands, its entry not reversed
// (the award not rescinded).
extern const char kStandingOutcome[];

// The outcome selected by `where` (one parameter), with its schedule and what each instalment
// has been paid so far, and the deposit kept when it was rescinded; nullopt when none.
std::optional<domain::OutcomeRecord> LoadOutcome(pqxx::work& txn, const std::string& where,
                                                 const std::string& parameter);

// `parent`'s outcomes after the award entry `after_entry_id`, by entry id, at most `limit`,
// each as LoadOutcome reads it. The caller checks that the parent exists.
std::vector<domain::OutcomeRecord> LoadOutcomes(pqxx::work& txn,
                                                const domain::OutcomeParent& parent,
                                                int64_t after_entry_id, int limit);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_OUTCOME_ROWS_H_
