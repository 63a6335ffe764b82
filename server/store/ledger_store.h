// LedgerRepository on PostgreSQL (schema/0005_ledger.sql).
#ifndef DISPOSAL_SERVER_STORE_LEDGER_STORE_H_
#define DISPOSAL_SERVER_STORE_LEDGER_STORE_H_

#include "domain/ledger_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgLedgerRepository : public domain::LedgerRepository {
 public:
  explicit PgLedgerRepository(Database& database) : database_(database) {}

  Result<std::optional<domain::EarlierBooking>> EarlierEntries(
      const domain::RequestKey& key) override;
  Result<domain::ClaimLedgerState> LoadClaimState(const std::string& claim_id) override;
  Result<domain::ClaimStatementBasis> LoadStatementBasis(
      const std::string& claim_id, const domain::Date& as_of,
      std::optional<int64_t> recorded_by_micros) override;
  Result<std::vector<domain::LedgerEntry>> Book(const std::string& claim_id,
                                                const domain::ClaimLedgerState& basis,
                                                const std::vector<domain::LedgerEntry>& entries,
                                                const domain::RequestKey& key,
                                                const domain::AuditContext& audit) override;
  Result<domain::LedgerEntry> GetEntry(int64_t entry_id) override;
  Result<std::vector<domain::LedgerEntry>> ListClaimEntries(const std::string& claim_id,
                                                            int64_t after_id, int limit) override;
  Result<std::vector<domain::AccountTotals>> Totals(
      const domain::Date& as_of, std::optional<int64_t> recorded_by_micros) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_LEDGER_STORE_H_
