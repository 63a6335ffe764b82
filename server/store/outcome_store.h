// OutcomeRepository on PostgreSQL (schema/0006_outcomes.sql): awards and payments booked
// through the ledger in the same transaction.
#ifndef DISPOSAL_SERVER_STORE_OUTCOME_STORE_H_
#define DISPOSAL_SERVER_STORE_OUTCOME_STORE_H_

#include "domain/outcome.h"
#include "store/database.h"

namespace disposal::store {

class PgOutcomeRepository : public domain::OutcomeRepository {
 public:
  explicit PgOutcomeRepository(Database& database) : database_(database) {}

  Result<domain::OutcomeRecord> RecordOutcome(domain::OutcomeRecord outcome,
                                              const domain::EntriesFirst& first,
                                              const OutcomePlanner& plan,
                                              const domain::AwardConditions& conditions,
                                              const domain::RequestKey& key,
                                              const domain::AuditContext& audit) override;
  Result<domain::OutcomeRecord> GetOutcome(const std::string& id) override;
  Result<std::vector<domain::OutcomeRecord>> ListOutcomes(const domain::OutcomeParent& parent,
                                                          int64_t after_entry_id,
                                                          int limit) override;
  Result<std::optional<domain::OutcomeRecord>> EarlierOutcome(
      const domain::RequestKey& key) override;
  Result<domain::PaymentRecord> RecordBuyerPayment(domain::PaymentRecord payment,
                                                   const BuyerPaymentPlanner& plan,
                                                   const domain::RequestKey& key,
                                                   const domain::AuditContext& audit) override;
  Result<domain::PaymentRecord> RecordDebtorPayment(domain::PaymentRecord payment,
                                                    const domain::EntriesFirst& first,
                                                    const DebtorPaymentPlanner& plan,
                                                    const domain::RequestKey& key,
                                                    const domain::AuditContext& audit) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_OUTCOME_STORE_H_
