// Access tokens on PostgreSQL (schema/0008_access_tokens.sql).
#ifndef DISPOSAL_SERVER_STORE_TOKEN_STORE_H_
#define DISPOSAL_SERVER_STORE_TOKEN_STORE_H_

#include "domain/token_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgTokenRepository : public domain::TokenRepository {
 public:
  explicit PgTokenRepository(Database& database) : database_(database) {}

  Result<std::optional<domain::TokenRecord>> FindBySecretHash(
      const std::string& secret_sha256) override;
  Result<domain::CreatedToken> Create(const domain::TokenRecord& token,
                                      const std::string& secret_sha256,
                                      const domain::AuditContext& audit,
                                      const domain::RequestKey& key) override;
  Result<std::vector<domain::TokenRecord>> List(
      int limit, const std::optional<domain::TokenCursor>& after) override;
  Result<domain::TokenRecord> Revoke(const std::string& id,
                                     const domain::AuditContext& audit) override;
  Result<int64_t> ChangeCount() override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_TOKEN_STORE_H_
