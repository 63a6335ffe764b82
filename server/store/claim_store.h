// ClaimRepository on PostgreSQL. Free of libpqxx so main() can wire it without seeing SQL.
#ifndef DISPOSAL_SERVER_STORE_CLAIM_STORE_H_
#define DISPOSAL_SERVER_STORE_CLAIM_STORE_H_

#include "domain/claim_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgClaimRepository : public domain::ClaimRepository {
 public:
  explicit PgClaimRepository(Database& database) : database_(database) {}

  Result<domain::Claim> Create(const domain::ClaimContent& content, const domain::RequestKey& key,
                               const domain::AuditContext& audit) override;
  Result<std::optional<domain::Claim>> Earlier(const domain::RequestKey& key,
                                               const std::string& rpc) override;
  Result<domain::Claim> Get(const std::string& id) override;
  Result<domain::Claim> GetAsOf(const std::string& id, int64_t as_of_micros) override;
  Result<domain::ClaimPage> List(const domain::ClaimFilter& filter,
                                 const std::optional<domain::ClaimCursor>& after,
                                 int page_size) override;
  Result<domain::Claim> Update(const std::string& id, int64_t expected_version,
                               const domain::ClaimContent& content, const domain::RequestKey& key,
                               const domain::AuditContext& audit,
                               const domain::Date& penalty_fixed_date) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CLAIM_STORE_H_
