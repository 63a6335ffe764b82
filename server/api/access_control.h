// Who is calling and whether they may: the bearer token in the call's metadata, looked up by
// the hash of its secret (cached briefly), checked against the RPC's permission. Every refusal
// is logged.
#ifndef DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
#define DISPOSAL_SERVER_API_ACCESS_CONTROL_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "domain/access.h"
#include "domain/token_repository.h"

namespace disposal::api {

inline constexpr char kAuthorizationMetadataKey[] = "authorization";
inline constexpr char kSecretPrefix[] = "dsp_";

// SHA-256 of a token's secret, raw bytes: what the database keeps.
std::string SecretHash(const std::string& secret);

struct AccessOptions {
  // With mutual TLS configured, partners must present a verified client certificate.
  bool partner_needs_client_certificate = false;
  // How long a looked-up token is trusted without asking the database again. A revocation
  // through this server, or a notification from another, clears the cache at once.
  std::chrono::seconds cache_ttl{5};
  // Entries at most, of known tokens and, apart, of secrets no token has; each starts over
  // when full (bounds memory), so a flood of made-up tokens never evicts the known ones.
  size_t cache_entries_max = 10000;
};

class AccessControl {
 public:
  AccessControl(domain::TokenRepository& tokens, std::function<int64_t()> now_micros,
                AccessOptions options)
      : tokens_(tokens), now_micros_(std::move(now_micros)), options_(options) {}

  // OK with `principal` filled, or UNAUTHENTICATED (no, malformed, unknown, expired or revoked
  // token), PERMISSION_DENIED (the role may not call `method`; `allowed` is nullopt for a
  // method the policy does not list) or UNAVAILABLE (the token store cannot be reached).
  grpc::Status Authorize(const grpc::ServerContextBase& context, const std::string& method,
                         std::optional<domain::RoleSet> allowed, domain::Principal* principal);

  // Drops every cached token (after a revocation).
  void Forget();

  // Whether this server asks clients for certificates (a client CA is configured): only then
  // can a token bound to one be used.
  bool AsksClientCertificates() const { return options_.partner_needs_client_certificate; }

 private:
  struct CachedToken {
    std::optional<domain::TokenRecord> token;
    std::chrono::steady_clock::time_point expires;
  };

  grpc::Status Authenticate(const grpc::ServerContextBase& context, domain::TokenRecord* token);
  Result<std::optional<domain::TokenRecord>> Lookup(const std::string& secret_hash);
  grpc::Status Refuse(const grpc::ServerContextBase& context, const std::string& method,
                      grpc::StatusCode code, const std::string& message,
                      const std::string& token_id);

  domain::TokenRepository& tokens_;
  std::function<int64_t()> now_micros_;
  AccessOptions options_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, CachedToken> cache_;  // tokens found, by secret hash
  // Secret hashes no token has, until when that answer is trusted.
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> unknown_;
  // Counts Forget() calls: a lookup that read the database before a revocation must not put
  // its (then live) token back into the cache after the revocation emptied it.
  uint64_t generation_ = 0;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
