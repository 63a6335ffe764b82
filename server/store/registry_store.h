// RegistryRepository on PostgreSQL.
#ifndef DISPOSAL_SERVER_STORE_REGISTRY_STORE_H_
#define DISPOSAL_SERVER_STORE_REGISTRY_STORE_H_

#include "domain/registry_repository.h"
#include "store/database.h"
#include "store/decision_receipts.h"

namespace disposal::store {

class PgRegistryRepository : public domain::RegistryRepository {
 public:
  explicit PgRegistryRepository(Database& database);

  Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadSnapshot() override;
  Result<int64_t> CurrentVersion() override;
  Result<domain::DisposalContext> LoadDisposalContext(const std::string& disposal_id) override;
  Result<domain::DisposalContext> LoadDisposalContextAsOf(const std::string& disposal_id,
                                                          int64_t as_of_micros) override;
  Result<int64_t> ApplyChanges(const std::vector<domain::RegistryChange>& changes,
                               const domain::RequestKey& key,
                               const domain::AuditContext& audit) override;
  Status RecordDecisions(const std::vector<domain::DecisionRecord>& decisions) override;
  Result<size_t> CountRecordedDecisions(const std::vector<std::string>& decision_ids) override;
  Result<domain::RegistryIds> ExistingOf(const domain::RegistryIds& wanted) override;
  Result<domain::RegistryParty> LoadParty(const std::string& identifier, bool is_person) override;
  Result<int64_t> DisposalContextChangeCount() override;

 private:
  Database& database_;
  DecisionReceiptWriter receipts_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_REGISTRY_STORE_H_
