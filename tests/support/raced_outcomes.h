// RacedOutcomes: the outcomes' store with hooks that commit a competing change just before an
// award's booking transaction begins (after the award was decided on what it read), or just
// before an outcome is read, for race tests. Without a hook it is the store itself.
#ifndef DISPOSAL_TESTS_SUPPORT_RACED_OUTCOMES_H_
#define DISPOSAL_TESTS_SUPPORT_RACED_OUTCOMES_H_

#include <functional>
#include <utility>

#include "store/outcome_store.h"

namespace disposal::testing {

class RacedOutcomes : public store::PgOutcomeRepository {
 public:
  using PgOutcomeRepository::PgOutcomeRepository;

  Result<domain::OutcomeRecord> RecordOutcome(domain::OutcomeRecord outcome,
                                              const domain::EntriesFirst& first,
                                              const OutcomePlanner& plan,
                                              const domain::AwardConditions& conditions,
                                              const domain::RequestKey& key,
                                              const domain::AuditContext& audit) override {
    if (before_booking) std::exchange(before_booking, nullptr)();
    return PgOutcomeRepository::RecordOutcome(std::move(outcome), first, plan, conditions, key,
                                              audit);
  }

  Result<domain::OutcomeRecord> GetOutcome(const std::string& id) override {
    if (before_get) std::exchange(before_get, nullptr)();
    return PgOutcomeRepository::GetOutcome(id);
  }

  // Run once, just before the next award's booking.
  std::function<void()> before_booking;
  // Run once, just before the next outcome is read.
  std::function<void()> before_get;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_RACED_OUTCOMES_H_
