// Who is calling and whether they may: the bearer token in the call's metadata, looked up by
// the hash of its secret (cached briefly), checked against the RPC's permission. Every refusal
// is logged.
#ifndef DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
#define DISPOSAL_SERVER_API_ACCESS_CONTROL_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
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

#include "api/call_quota.h"
#include "api/open_streams.h"
#include "api/refusal_log.h"
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
  // Database lookups of uncached tokens at once (at least 1). A lookup runs on the calling
  // thread, for the unary check one of gRPC's few callback threads, and holds a pool
  // connection. Secrets this server has not seen as a token's may take all but one of them,
  // so that a flood of made-up tokens leaves a lookup to the known tokens whose cache time ran
  // out; beyond its share an uncached token is refused at once (UNAVAILABLE, to retry; a
  // secret recently found to be no token's: UNAUTHENTICATED).
  size_t lookups_max = 4;
  // Calls with a token already being looked up wait for that lookup rather than start their
  // own: at most this many at once, each for at most lookup_wait (then UNAVAILABLE).
  size_t awaiting_max = 64;
  std::chrono::milliseconds lookup_wait{5000};
  // Distinct secrets no token has, looked up for one client address (the peer's IP) within a
  // window of unknown_secrets_window from the first, at most; past that, until the window
  // ends, that address's secrets this server has not cached as a token's are refused without a
  // lookup (RESOURCE_EXHAUSTED), so that one client guessing cannot keep taking the lookups
  // other clients' new tokens need. A client retrying one wrong token counts once. A real
  // token this server has not cached yet (just made, or after a restart) is refused too from
  // such an address until the window ends. 0: no bound.
  size_t unknown_secrets_per_address_max = 30;
  std::chrono::seconds unknown_secrets_window{60};
  // Open streams: checked again at once when a token is revoked, and cancelled when idle.
  OpenStreamsOptions streams;
  // Each partner token's calls (a stream's opening, and each check it carries): past its
  // quota a call is refused RESOURCE_EXHAUSTED, saying when to retry, and a stream waits, so
  // that one partner system's burst cannot take the capacity the others' checks need. Staff,
  // auditors and admins have none.
  CallQuotaOptions partner_calls{5000, 5000};
};

// What a call presents to access control: read from its context as needed (Authorize with a
// context), or captured once (Capture: a stream's, to be checked again from another thread
// without touching a context its handler may be done with).
class Presented {
 public:
  virtual ~Presented() = default;
  // The secret of "authorization: Bearer <secret>"; "" when absent or not that shape.
  virtual std::string Secret() const = 0;
  // gRPC's peer, e.g. "ipv4:10.0.0.7:51234".
  virtual std::string Peer() const = 0;
  // Whether the client presented a certificate the configured CA signed (mutual TLS).
  virtual bool PeerAuthenticated() const = 0;
  // SHA-256 (lower-case hex) of that certificate's DER encoding; "" without one.
  virtual std::string CertificateSha256() const = 0;
};

class AccessControl {
 public:
  AccessControl(domain::TokenRepository& tokens, std::function<int64_t()> now_micros,
                AccessOptions options)
      : tokens_(tokens),
        now_micros_(std::move(now_micros)),
        options_(options),
        partner_quotas_(options.partner_calls),
        streams_(options.streams) {}

  // OK with `principal` filled, or UNAUTHENTICATED (no, malformed, unknown, expired or revoked
  // token), PERMISSION_DENIED (the role may not call `method`; `allowed` is nullopt for a
  // method the policy does not list), UNAVAILABLE (the token store cannot be reached) or
  // RESOURCE_EXHAUSTED (a secret not seen before, from an address past its bound on unknown
  // secrets).
  grpc::Status Authorize(const grpc::ServerContextBase& context, const std::string& method,
                         std::optional<domain::RoleSet> allowed, domain::Principal* principal);
  // The same for what a call presented, as captured. `log_transient` false: a token that
  // cannot be checked just then (UNAVAILABLE, or RESOURCE_EXHAUSTED for its address's bound:
  // to ask again) is not logged as refused; the open streams' watcher asks again every few
  // seconds while the token store is away.
  grpc::Status Authorize(const Presented& presented, const std::string& method,
                         std::optional<domain::RoleSet> allowed, domain::Principal* principal,
                         bool log_transient = true);
  // Authorize for a new call, then a partner token's call quota (its own, else
  // AccessOptions::partner_calls): RESOURCE_EXHAUSTED past it. A stream's later checks of its
  // caller are not new calls.
  grpc::Status Admit(const grpc::ServerContextBase& context, const std::string& method,
                     std::optional<domain::RoleSet> allowed, domain::Principal* principal);
  // Counts `calls` more calls of an admitted caller (a stream message's checks) against a
  // partner token's call quota at its sustained rate (CallQuotas::Pace): OK with `*wait` set
  // to how long to wait before making them (0 for other roles), or RESOURCE_EXHAUSTED,
  // counting none, for more calls than the quota's burst.
  grpc::Status PaceCalls(const grpc::ServerContextBase& context, const std::string& method,
                         const domain::Principal& principal, uint32_t calls,
                         std::chrono::nanoseconds* wait);
  // What the call presents, read now, for later checks from any thread.
  static std::shared_ptr<const Presented> Capture(const grpc::ServerContextBase& context);

  // Has every cached token looked up again before its next use, and every open stream's
  // caller checked again at once (after a revocation).
  void Forget();
  // Forget(), when the store's count of token changes moved since the last time this was
  // asked (or cannot be read): a notification anyone connected to the database can send costs
  // one read, not every token looked up again.
  void ForgetIfChanged();

  // The streaming calls in progress (guarded_service.cc registers them).
  OpenStreams& streams() { return streams_; }

  // What partner tokens' call quotas have refused and paced since start (for the metrics).
  CallQuotas::Counts partner_quota_counts() const { return partner_quotas_.counts(); }

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

  // One database lookup of a token, shared by the calls that ask for it meanwhile: those of the
  // same cache generation only, so that a call made after a revocation never takes the answer
  // of a lookup begun before it.
  struct PendingLookup {
    bool known = false;           // the token was in the cache (past its time): a refresh
    bool made_up_before = false;  // the secret was found to be no token's before
    std::string address;          // of the call that started it
    bool done = false;
    std::optional<Result<std::optional<domain::TokenRecord>>> result;
  };
  // What the cache says of a secret hash.
  struct CacheView {
    // The answer, when still within its cache time: the token, or none for a made-up secret.
    std::optional<std::optional<domain::TokenRecord>> answer;
    bool known = false;       // a token's, cached and past its time
    bool made_up = false;     // found to be no token's, past its time
    uint64_t generation = 0;  // of the cache, for a lookup
  };

  grpc::Status Authenticate(const Presented& presented, domain::TokenRecord* token);
  // The token from the cache, or from the database (see AccessOptions::lookups_max).
  // `presented` gives the client's address, read only for a secret not known as a token's.
  Result<std::optional<domain::TokenRecord>> Find(const std::string& secret_hash,
                                                  const Presented& presented);
  // Whether `address` has used up its unknown secrets for the window; under lookups_mutex_.
  bool SentTooManyUnknown(const std::string& address, std::chrono::steady_clock::time_point now);
  // Counts an unknown secret `address` had looked up; under lookups_mutex_.
  void CountUnknown(const std::string& address, std::chrono::steady_clock::time_point now);
  CacheView Cached(const std::string& secret_hash, std::chrono::steady_clock::time_point now);
  // Waits for `lookup`, another call's, under `lock` (held by value: the caller's map entry goes
  // when it is done).
  Result<std::optional<domain::TokenRecord>> Await(std::unique_lock<std::mutex>& lock,
                                                   std::shared_ptr<PendingLookup> lookup);
  // Waits under `lock`, for at most lookup_wait and among the awaiting_max waiters, until a
  // lookup slot of `slots` is free or a lookup of `key` has begun; false when it did not.
  bool WaitForSlot(std::unique_lock<std::mutex>& lock, const std::string& key, size_t slots);
  // Ends `lookup` (noexcept: its waiters must be answered and its slot given back): its
  // result, or none when `found` is null (the lookup threw).
  void Finish(const std::string& key, PendingLookup& lookup,
              const Result<std::optional<domain::TokenRecord>>* found) noexcept;
  // Asks the database and caches the answer (unless a revocation came meanwhile). A failure,
  // an exception included, is UNAVAILABLE.
  Result<std::optional<domain::TokenRecord>> LookUp(const std::string& secret_hash,
                                                    uint64_t generation,
                                                    std::chrono::steady_clock::time_point now);
  // Logs a token's quota refusals (call_quota_exceeded), at most once a second per token.
  static void LogQuotaRefusals(const CallQuotas::Verdict& verdict, const std::string& method,
                               const std::string& token_id, const std::string& peer);
  // Logs the refusal (access_refused, at most a line a second per client address and code, see
  // RefusalLog) and returns it.
  grpc::Status Refuse(const Presented& presented, const std::string& method, grpc::StatusCode code,
                      const std::string& message, const std::string& token_id);

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
  // The store's count of token changes when ForgetIfChanged last read it; -1 before it has.
  std::atomic<int64_t> changes_seen_{-1};

  std::mutex lookups_mutex_;
  std::condition_variable lookup_done_;
  // In flight, by secret hash and cache generation.
  std::unordered_map<std::string, std::shared_ptr<PendingLookup>> lookups_;
  size_t unseen_lookups_ = 0;  // of them, for secrets not cached as a token's
  size_t awaiting_ = 0;        // calls waiting on a lookup another call started
  // Unknown secrets looked up per client address in its current window.
  struct UnknownSecrets {
    std::chrono::steady_clock::time_point window_start;
    size_t count = 0;
  };
  std::unordered_map<std::string, UnknownSecrets> unknown_by_address_;

  CallQuotas partner_quotas_;
  RefusalLog refusals_;

  OpenStreams streams_;  // last: its watcher calls Authorize, so it stops first
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ACCESS_CONTROL_H_
