#include "store/token_store.h"

#include <optional>
#include <stdexcept>
#include <string>

#include "store/audit_rows.h"
#include "store/connection_pool.h"
#include "store/request_keys.h"
#include "store/sql_values.h"

namespace disposal::store {
namespace {

constexpr char kColumns[] =
    "id::text, name, role, audit_micros(create_time), created_by, audit_micros(expire_time), "
    "audit_micros(revoke_time), coalesce(encode(client_certificate_sha256, 'hex'), ''), "
    "coalesce(calls_per_second, 0)";
constexpr char kCreateRpc[] = "disposal.v1.AccessService/CreateToken";

std::optional<int64_t> OptionalMicros(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<int64_t>();
}

// A role this server does not know (one a newer version added) grants nothing: the lookup fails
// rather than the token acting with some other role's rights.
domain::Role RoleOf(const std::string& token_id, const std::string& name) {
  std::optional<domain::Role> role = domain::ParseRole(name);
  if (!role) {
    throw std::runtime_error("token " + token_id + " has the role '" + name +
                             "', which this server does not know");
  }
  return *role;
}

domain::TokenRecord TokenOf(const pqxx::row& row) {
  domain::TokenRecord token;
  token.id = row[0].as<std::string>();
  token.name = row[1].as<std::string>();
  token.role = RoleOf(token.id, row[2].as<std::string>());
  token.create_micros = row[3].as<int64_t>();
  token.created_by = row[4].as<std::string>();
  token.expire_micros = OptionalMicros(row[5]);
  token.revoke_micros = OptionalMicros(row[6]);
  token.client_certificate_sha256 = row[7].as<std::string>();
  token.calls_per_second = row[8].as<uint32_t>();
  return token;
}

domain::TokenRecord TokenById(pqxx::work& txn, const std::string& id) {
  return TokenOf(txn.exec_params1(
      std::string("SELECT ") + kColumns + " FROM access_tokens WHERE id = $1::uuid", id));
}

}  // namespace

Result<std::optional<domain::TokenRecord>> PgTokenRepository::FindBySecretHash(
    const std::string& secret_sha256) {
  return database_.pool().InTransaction<std::optional<domain::TokenRecord>>(
      [&](pqxx::work& txn) -> Result<std::optional<domain::TokenRecord>> {
        pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns + " FROM access_tokens WHERE secret_sha256 = $1",
            pqxx::binarystring(secret_sha256));
        if (rows.empty()) return std::optional<domain::TokenRecord>();
        const std::string role = rows[0][2].as<std::string>();
        if (!domain::ParseRole(role)) {
          return Error::FailedPrecondition("authorization: this token's role '" + role +
                                           "' is not one this server knows (a newer "
                                           "version's?); it grants nothing here");
        }
        return std::optional<domain::TokenRecord>(TokenOf(rows[0]));
      });
}

Result<domain::CreatedToken> PgTokenRepository::Create(const domain::TokenRecord& token,
                                                       const std::string& secret_sha256,
                                                       const domain::AuditContext& audit,
                                                       const domain::RequestKey& key) {
  return database_.pool().InTransaction<domain::CreatedToken>(
      [&](pqxx::work& txn) -> Result<domain::CreatedToken> {
        ASSIGN_OR_RETURN(std::optional<std::string> earlier, ClaimRequestKey(txn, key, kCreateRpc));
        if (earlier) return domain::CreatedToken{TokenById(txn, *earlier), false};
        txn.exec_params(
            "INSERT INTO access_tokens (id, name, role, secret_sha256, created_by, create_time, "
            "  expire_time, client_certificate_sha256, calls_per_second) "
            "VALUES ($1::uuid, $2, $3, $4, $5, to_timestamp($6::numeric / 1000000), "
            "  to_timestamp($7::numeric / 1000000), decode(nullif($8, ''), 'hex'), "
            "  nullif($9::integer, 0))",
            token.id, token.name, std::string(domain::RoleName(token.role)),
            pqxx::binarystring(secret_sha256), token.created_by, MicrosText(token.create_micros),
            OrNull(MicrosText(token.expire_micros)), token.client_certificate_sha256,
            static_cast<int64_t>(token.calls_per_second));
        RecordRequestKey(txn, key, kCreateRpc, token.id);
        AppendAuditEvent(txn, audit, "token", token.id, 1);
        return domain::CreatedToken{TokenById(txn, token.id), true};
      });
}

Result<std::vector<domain::TokenRecord>> PgTokenRepository::List(
    int limit, const std::optional<domain::TokenCursor>& after) {
  return database_.pool().InTransaction<std::vector<domain::TokenRecord>>(
      [&](pqxx::work& txn) -> Result<std::vector<domain::TokenRecord>> {
        pqxx::result rows =
            txn.exec_params(std::string("SELECT ") + kColumns +
                                " FROM access_tokens WHERE $1::bigint IS NULL OR "
                                "(audit_micros(create_time), id) < ($1::bigint, $2::uuid) "
                                "ORDER BY create_time DESC, id DESC LIMIT $3",
                            after ? std::optional<int64_t>(after->create_micros) : std::nullopt,
                            after ? std::optional<std::string>(after->id) : std::nullopt, limit);
        std::vector<domain::TokenRecord> tokens;
        for (const pqxx::row& row : rows) tokens.push_back(TokenOf(row));
        return tokens;
      });
}

Result<domain::TokenRecord> PgTokenRepository::Revoke(const std::string& id,
                                                      const domain::AuditContext& audit) {
  return database_.pool().InTransaction<domain::TokenRecord>(
      [&](pqxx::work& txn) -> Result<domain::TokenRecord> {
        pqxx::result updated = txn.exec_params(
            "UPDATE access_tokens SET revoke_time = now(), revoked_by = $2 "
            "WHERE id = $1::uuid AND revoke_time IS NULL RETURNING id",
            id, audit.actor);
        if (!updated.empty()) {
          AppendAuditEvent(txn, audit, "token", id, 2);
          return TokenById(txn, id);
        }
        pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns + " FROM access_tokens WHERE id = $1::uuid", id);
        if (rows.empty()) return Error::NotFound("no token " + id);
        return TokenOf(rows[0]);
      });
}

Result<int64_t> PgTokenRepository::ChangeCount() {
  return database_.pool().InTransaction<int64_t>([](pqxx::work& txn) -> Result<int64_t> {
    return txn.exec("SELECT changes FROM access_token_changes")[0][0].as<int64_t>();
  });
}

}  // namespace disposal::store
