// What access control needs from storage: tokens by the hash of their secret, and the admin's
// create, list and revoke. store/ implements it on PostgreSQL.
#ifndef DISPOSAL_SERVER_DOMAIN_TOKEN_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_TOKEN_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/claim_repository.h"
#include "domain/result.h"

namespace disposal::domain {

// Where a page of tokens continues: tokens strictly older than (create_micros, id).
struct TokenCursor {
  int64_t create_micros = 0;
  std::string id;
};

// A token made by Create: `fresh` is false when a retry found the first call's token.
struct CreatedToken {
  TokenRecord token;
  bool fresh = true;
};

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  // The token whose secret hashes to `secret_sha256` (32 raw bytes), live or not.
  virtual Result<std::optional<TokenRecord>> FindBySecretHash(const std::string& secret_sha256) = 0;
  // Stores `token` (its id, name, role, created_by and expiry) with its secret's hash.
  virtual Result<CreatedToken> Create(const TokenRecord& token, const std::string& secret_sha256,
                                      const AuditContext& audit, const RequestKey& key) = 0;
  // Newest first, up to `limit`, after `after` when given.
  virtual Result<std::vector<TokenRecord>> List(int limit,
                                                const std::optional<TokenCursor>& after) = 0;
  // Revokes a live token (a revoked one is returned unchanged). NOT_FOUND for an unknown id.
  virtual Result<TokenRecord> Revoke(const std::string& id, const AuditContext& audit) = 0;
  // How many token changes (revocations) the store has counted, as committed: a server that
  // read the same count before has nothing to forget.
  virtual Result<int64_t> ChangeCount() = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_TOKEN_REPOSITORY_H_
