// Who is calling and whether they may: the bearer token in the call's metadata, looked up by
// the hash of its secret (cached briefly), checked against the RPC's permission. Every refusal
// is logged.
#ifndef DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
#define DISPOSAL_SERVER_API_ACCESS_CONTROL_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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
  // Database lookups of uncached tokens at once. A lookup runs on the calling thread, for the
  // unary check one of gRPC's few callback threads, and holds a pool connection: a flood of
  // made-up tokens may hold this many and no more. Calls with a token already being looked up
  // wait for that lookup instead of starting their own; beyond the bound an uncached token is
  // refused at once (UNAVAILABLE, to retry), unless it is a known one whose cache time ran out
  // less than stale_max ago: that one is accepted from the cache.
  size_t lookups_max = 4;
  // How long past its cache time a known token may be accepted while every lookup is taken.
  // A revocation empties the cache, so a revoked token is never accepted this way.
  std::chrono::seconds stale_max{60};
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

  // Calls waiting for another call's lookup of the same token (for the server's metrics and
  // the tests).
  size_t CallsAwaitingLookups();

  // Whether this server asks clients for certificates (a client CA is configured): only then
  // can a token bound to one be used.
  bool AsksClientCertificates() const { return options_.partner_needs_client_certificate; }

 private:
  struct CachedToken {
    std::optional<domain::TokenRecord> token;
    std::chrono::steady_clock::time_point expires;
  };

  // One database lookup of a token, shared by every call that asks for it meanwhile.
  struct PendingLookup {
    bool done = false;
    std::optional<Result<std::optional<domain::TokenRecord>>> result;
  };

  grpc::Status Authenticate(const grpc::ServerContextBase& context, domain::TokenRecord* token);
  // The token from the cache, or from the database (see AccessOptions::lookups_max).
  Result<std::optional<domain::TokenRecord>> Find(const std::string& secret_hash);
  // The cached answer still within its cache time, if any; `generation` is set for a lookup.
  std::optional<std::optional<domain::TokenRecord>> Cached(
      const std::string& secret_hash, std::chrono::steady_clock::time_point now,
      uint64_t* generation);
  // Asks the database and caches the answer (unless a revocation came meanwhile).
  Result<std::optional<domain::TokenRecord>> LookUp(const std::string& secret_hash,
                                                    uint64_t generation,
                                                    std::chrono::steady_clock::time_point now);
  // Every lookup slot is taken: a known token within stale_max of its cache time, or
  // UNAVAILABLE.
  Result<std::optional<domain::TokenRecord>> StaleOrBusy(const std::string& secret_hash,
                                                         std::chrono::steady_clock::time_point now);
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

  std::mutex lookups_mutex_;
  std::condition_variable lookup_done_;
  std::unordered_map<std::string, std::shared_ptr<PendingLookup>> lookups_;  // in flight, by hash
  size_t awaiting_ = 0;  // calls waiting on a lookup another call started
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
