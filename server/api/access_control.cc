#include "api/access_control.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "api/client_address.h"
#include "api/status.h"
#include "domain/call_deadline.h"
#include "domain/sha256.h"
#include "log/log.h"

namespace disposal::api {
namespace {

constexpr char kBearer[] = "Bearer ";
// "dsp_" and 43 base64url characters (32 random bytes).
constexpr size_t kSecretLength = 47;

bool IsSecret(const std::string& secret) {
  if (secret.size() != kSecretLength || secret.compare(0, 4, kSecretPrefix) != 0) return false;
  for (size_t i = 4; i < secret.size(); ++i) {
    const char c = secret[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// The secret of "authorization: Bearer <secret>"; "" when absent or malformed.
std::string BearerSecret(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(kAuthorizationMetadataKey);
  if (found == metadata.end()) return "";
  const std::string value(found->second.data(), found->second.size());
  if (value.compare(0, sizeof kBearer - 1, kBearer) != 0) return "";
  return value.substr(sizeof kBearer - 1);
}

// The SHA-256 (lower-case hex) of the DER encoding of the certificate the peer presented over
// mutual TLS; "" when it presented none (or the server does not ask for one).
std::string PeerCertificateSha256(const grpc::ServerContextBase& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (!auth || !auth->IsPeerAuthenticated()) return "";
  const std::vector<grpc::string_ref> pems = auth->FindPropertyValues("x509_pem_cert");
  if (pems.empty()) return "";
  BIO* bio = BIO_new_mem_buf(pems.front().data(), static_cast<int>(pems.front().size()));
  X509* certificate = bio ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  // A failure leaves errors on this thread's OpenSSL queue, which TLS I/O on it expects empty.
  if (!certificate) {
    ERR_clear_error();
    return "";
  }
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate, &der);
  X509_free(certificate);
  if (length <= 0) {
    ERR_clear_error();
    return "";
  }
  const std::string digest =
      domain::Sha256(std::string_view(reinterpret_cast<const char*>(der), length));
  OPENSSL_free(der);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0F];
  }
  return hex;
}

// Read from the call's context when asked: the hot path reads only the secret.
class ContextPresented : public Presented {
 public:
  explicit ContextPresented(const grpc::ServerContextBase& context) : context_(context) {}
  std::string Secret() const override { return BearerSecret(context_); }
  std::string Peer() const override { return context_.peer(); }
  bool PeerAuthenticated() const override {
    const std::shared_ptr<const grpc::AuthContext> auth = context_.auth_context();
    return auth && auth->IsPeerAuthenticated();
  }
  std::string CertificateSha256() const override { return PeerCertificateSha256(context_); }

 private:
  const grpc::ServerContextBase& context_;
};

class CapturedPresented : public Presented {
 public:
  explicit CapturedPresented(const grpc::ServerContextBase& context) {
    const ContextPresented read(context);
    secret_ = read.Secret();
    peer_ = read.Peer();
    peer_authenticated_ = read.PeerAuthenticated();
    if (peer_authenticated_) certificate_sha256_ = read.CertificateSha256();
  }
  std::string Secret() const override { return secret_; }
  std::string Peer() const override { return peer_; }
  bool PeerAuthenticated() const override { return peer_authenticated_; }
  std::string CertificateSha256() const override { return certificate_sha256_; }

 private:
  std::string secret_;
  std::string peer_;
  bool peer_authenticated_ = false;
  std::string certificate_sha256_;
};

}  // namespace

std::shared_ptr<const Presented> AccessControl::Capture(const grpc::ServerContextBase& context) {
  return std::make_shared<CapturedPresented>(context);
}

std::string SecretHash(const std::string& secret) { return domain::Sha256(secret); }

grpc::Status AccessControl::Authorize(const grpc::ServerContextBase& context,
                                      const std::string& method,
                                      std::optional<domain::RoleSet> allowed,
                                      domain::Principal* principal) {
  return Authorize(ContextPresented(context), method, allowed, principal);
}

grpc::Status AccessControl::Admit(const grpc::ServerContextBase& context, const std::string& method,
                                  std::optional<domain::RoleSet> allowed,
                                  domain::Principal* principal) {
  const ContextPresented presented(context);
  grpc::Status status = Authorize(presented, method, allowed, principal);
  if (!status.ok() || principal->role != domain::Role::kPartner) return status;
  const CallQuotas::Verdict verdict =
      partner_quotas_.Take(principal->token_id, principal->calls_per_second);
  if (verdict.allowed) return status;
  const int64_t retry_ms = (verdict.retry_after_nanos + 999'999) / 1'000'000;
  LogQuotaRefusals(verdict, method, principal->token_id, presented.Peer());
  *principal = {};
  return {grpc::StatusCode::RESOURCE_EXHAUSTED,
          "authorization: this partner token is past its call quota of " +
              std::to_string(verdict.calls_per_second) + " per second; retry in " +
              std::to_string(std::max<int64_t>(retry_ms, 1)) + " ms"};
}

grpc::Status AccessControl::PaceCalls(const grpc::ServerContextBase& context,
                                      const std::string& method, const domain::Principal& principal,
                                      uint32_t calls, std::chrono::nanoseconds* wait) {
  *wait = std::chrono::nanoseconds(0);
  if (principal.role != domain::Role::kPartner) return grpc::Status::OK;
  const CallQuotas::Verdict verdict =
      partner_quotas_.Pace(principal.token_id, principal.calls_per_second, calls);
  if (verdict.allowed) {
    *wait = std::chrono::nanoseconds(verdict.wait_nanos);
    return grpc::Status::OK;
  }
  LogQuotaRefusals(verdict, method, principal.token_id, ContextPresented(context).Peer());
  const std::string most = std::to_string(verdict.calls_max);
  return {grpc::StatusCode::RESOURCE_EXHAUSTED,
          "authorization: with this partner token's call quota of " +
              std::to_string(verdict.calls_per_second) +
              " per second a message may carry at most " + most + " checks, not " +
              std::to_string(calls) + "; send at most " + most + " per message"};
}

void AccessControl::LogQuotaRefusals(const CallQuotas::Verdict& verdict, const std::string& method,
                                     const std::string& token_id, const std::string& peer) {
  if (verdict.refusals_to_log == 0) return;
  log::Warning("call_quota_exceeded", {{"method", method},
                                       {"token_id", token_id},
                                       {"refused", std::to_string(verdict.refusals_to_log)},
                                       {"peer", peer}});
}

grpc::Status AccessControl::Authorize(const Presented& presented, const std::string& method,
                                      std::optional<domain::RoleSet> allowed,
                                      domain::Principal* principal, bool log_transient) {
  domain::TokenRecord token;
  if (grpc::Status status = Authenticate(presented, &token); !status.ok()) {
    const bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                           status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
    if (transient && !log_transient) return status;
    return Refuse(presented, method, status.error_code(), status.error_message(), "");
  }
  if (!allowed || (*allowed & domain::RoleBit(token.role)) == 0) {
    return Refuse(
        presented, method, grpc::StatusCode::PERMISSION_DENIED,
        "the " + std::string(domain::RoleName(token.role)) + " role may not call " + method,
        token.id);
  }
  if (token.role == domain::Role::kPartner && options_.partner_needs_client_certificate &&
      !presented.PeerAuthenticated()) {
    return Refuse(presented, method, grpc::StatusCode::PERMISSION_DENIED,
                  "partner tokens are accepted only over mutual TLS: present a client "
                  "certificate signed by the configured CA",
                  token.id);
  }
  if (!token.client_certificate_sha256.empty() &&
      presented.CertificateSha256() != token.client_certificate_sha256) {
    return Refuse(presented, method, grpc::StatusCode::PERMISSION_DENIED,
                  "this token is bound to the client certificate with SHA-256 " +
                      token.client_certificate_sha256.substr(0, 16) +
                      "...: present that certificate over mutual TLS",
                  token.id);
  }
  *principal = {token.id, token.name, token.role, token.calls_per_second};
  return grpc::Status::OK;
}

grpc::Status AccessControl::Authenticate(const Presented& presented, domain::TokenRecord* token) {
  const std::string secret = presented.Secret();
  if (secret.empty()) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "authorization: send \"authorization: Bearer <token>\" metadata"};
  }
  if (!IsSecret(secret)) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "authorization: the bearer token is not a disposal token (dsp_...)"};
  }
  auto found = Find(SecretHash(secret), presented);
  if (!found.ok() && found.error().code == ErrorCode::kResourceExhausted) {
    return {grpc::StatusCode::RESOURCE_EXHAUSTED, found.error().Message()};
  }
  // A token whose role this server does not know: asking again cannot help (UNAVAILABLE would
  // have clients retry it for ever).
  if (!found.ok() && found.error().code == ErrorCode::kFailedPrecondition) {
    return {grpc::StatusCode::PERMISSION_DENIED, found.error().Message()};
  }
  if (!found.ok()) return {grpc::StatusCode::UNAVAILABLE, found.error().Message()};
  if (!found.value()) return {grpc::StatusCode::UNAUTHENTICATED, "authorization: unknown token"};
  if (!found.value()->LiveAt(now_micros_())) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            std::string("authorization: the token was ") +
                (found.value()->revoke_micros ? "revoked" : "expired")};
  }
  *token = *found.value();
  return grpc::Status::OK;
}

Result<std::optional<domain::TokenRecord>> AccessControl::Find(const std::string& secret_hash,
                                                               const Presented& presented) {
  const auto now = std::chrono::steady_clock::now();
  const CacheView view = Cached(secret_hash, now);
  if (view.answer) return *view.answer;
  const std::string key = secret_hash + std::to_string(view.generation);
  // Only for a secret not known as a token's: the hot path (a cached token) reads no peer.
  const std::string address = view.known ? std::string() : ClientAddressKey(presented.Peer());
  std::shared_ptr<PendingLookup> lookup;
  {
    std::unique_lock<std::mutex> lock(lookups_mutex_);
    auto running = lookups_.find(key);
    if (running != lookups_.end()) return Await(lock, running->second);
    if (!view.known && SentTooManyUnknown(address, now)) {
      // A secret found to be no token's a moment ago still is none: answered as such.
      if (view.made_up) return std::optional<domain::TokenRecord>();
      return Error::ResourceExhausted(
          "authorization: this address sent " +
          std::to_string(options_.unknown_secrets_per_address_max) +
          " unknown tokens recently; its new tokens are not looked up until " +
          std::to_string(options_.unknown_secrets_window.count()) +
          " s have passed since the first (check the token the client sends)");
    }
    const size_t slots = std::max<size_t>(options_.lookups_max, 1);
    if (view.known && lookups_.size() >= slots) {
      // A token known here waits for a slot, bounded, rather than being refused: after a
      // revocation every cached token is looked up again at once, and an open stream's
      // caller checked again then must not have its stream ended for it.
      if (WaitForSlot(lock, key, slots)) {
        running = lookups_.find(key);
        if (running != lookups_.end()) return Await(lock, running->second);
      }
    }
    const size_t unseen_max = std::max<size_t>(options_.lookups_max, 2) - 1;
    if (lookups_.size() >= slots || (!view.known && unseen_lookups_ >= unseen_max)) {
      if (view.made_up) return std::optional<domain::TokenRecord>();
      return Error::Unavailable(
          "authorization: too many tokens are being looked up at once to check this one; "
          "retry shortly");
    }
    lookup = std::make_shared<PendingLookup>();
    lookup->known = view.known;
    lookup->made_up_before = view.made_up;
    lookup->address = address;
    lookups_.emplace(key, lookup);
    if (!view.known) ++unseen_lookups_;
  }
  // Whatever happens, the lookup ends: its waiters are answered and its slot comes back.
  // (`found` outlives the finisher, which reads it.)
  std::optional<Result<std::optional<domain::TokenRecord>>> found;
  struct Finisher {
    AccessControl* access;
    const std::string& key;
    PendingLookup& lookup;
    const std::optional<Result<std::optional<domain::TokenRecord>>>& found;
    ~Finisher() { access->Finish(key, lookup, found ? &*found : nullptr); }
  } finisher{this, key, *lookup, found};
  {
    // Other calls wait for this lookup: it is bounded by the pool's own limits, not by the
    // deadline of the call that happened to start it (a stream asking again mid-call).
    domain::CallDeadlineScope shared(domain::DeadlineClock::time_point::max());
    found = LookUp(secret_hash, view.generation, now);
  }
  return *found;
}

void AccessControl::Finish(const std::string& key, PendingLookup& lookup,
                           const Result<std::optional<domain::TokenRecord>>* found) noexcept {
  std::lock_guard<std::mutex> lock(lookups_mutex_);
  try {
    if (found != nullptr) lookup.result = *found;
  } catch (...) {
    // Out of memory: the waiters are told the lookup failed (Await).
  }
  lookup.done = true;
  lookups_.erase(key);
  if (!lookup.known) --unseen_lookups_;
  // Distinct secrets count, not retries: one found unknown before is not counted again.
  const bool made_up = found != nullptr && found->ok() && !found->value();
  if (made_up && !lookup.known && !lookup.made_up_before) {
    try {
      CountUnknown(lookup.address, std::chrono::steady_clock::now());
    } catch (...) {
      // Out of memory: this one goes uncounted.
    }
  }
  lookup_done_.notify_all();
}

bool AccessControl::SentTooManyUnknown(const std::string& address,
                                       std::chrono::steady_clock::time_point now) {
  if (options_.unknown_secrets_per_address_max == 0) return false;
  const auto found = unknown_by_address_.find(address);
  if (found == unknown_by_address_.end()) return false;
  if (now - found->second.window_start >= options_.unknown_secrets_window) {
    unknown_by_address_.erase(found);
    return false;
  }
  return found->second.count >= options_.unknown_secrets_per_address_max;
}

void AccessControl::CountUnknown(const std::string& address,
                                 std::chrono::steady_clock::time_point now) {
  if (options_.unknown_secrets_per_address_max == 0) return;
  // Bounded like the caches: ended windows go first; only a flood of addresses, all within
  // their windows, starts every count over.
  if (unknown_by_address_.size() >= options_.cache_entries_max) {
    for (auto it = unknown_by_address_.begin(); it != unknown_by_address_.end();) {
      const bool ended = now - it->second.window_start >= options_.unknown_secrets_window;
      it = ended ? unknown_by_address_.erase(it) : std::next(it);
    }
    if (unknown_by_address_.size() >= options_.cache_entries_max) unknown_by_address_.clear();
  }
  UnknownSecrets& seen = unknown_by_address_[address];
  if (seen.count == 0 || now - seen.window_start >= options_.unknown_secrets_window) {
    seen = {now, 0};
  }
  ++seen.count;
}

AccessControl::CacheView AccessControl::Cached(const std::string& secret_hash,
                                               std::chrono::steady_clock::time_point now) {
  CacheView view;
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (auto cached = cache_.find(secret_hash); cached != cache_.end()) {
    if (cached->second.expires > now) view.answer = cached->second.token;
    view.known = true;
  } else if (auto unknown = unknown_.find(secret_hash); unknown != unknown_.end()) {
    if (unknown->second > now) view.answer = std::optional<domain::TokenRecord>();
    view.made_up = true;
  }
  view.generation = generation_;
  return view;
}

bool AccessControl::WaitForSlot(std::unique_lock<std::mutex>& lock, const std::string& key,
                                size_t slots) {
  if (awaiting_ >= options_.awaiting_max) return false;
  ++awaiting_;
  const bool free = lookup_done_.wait_for(lock, options_.lookup_wait, [&] {
    return lookups_.size() < slots || lookups_.count(key) != 0;
  });
  --awaiting_;
  return free;
}

Result<std::optional<domain::TokenRecord>> AccessControl::Await(
    std::unique_lock<std::mutex>& lock, std::shared_ptr<PendingLookup> lookup) {
  if (awaiting_ >= options_.awaiting_max) {
    return Error::Unavailable(
        "authorization: too many calls are waiting for this token to be looked up; retry "
        "shortly");
  }
  ++awaiting_;
  const bool done = lookup_done_.wait_for(lock, options_.lookup_wait, [&] { return lookup->done; });
  --awaiting_;
  if (!done) {
    return Error::Unavailable("authorization: the token store is slow to answer; retry shortly");
  }
  if (!lookup->result) return Error::Unavailable("authorization: the token lookup failed");
  return *lookup->result;
}

Result<std::optional<domain::TokenRecord>> AccessControl::LookUp(
    const std::string& secret_hash, uint64_t generation,
    std::chrono::steady_clock::time_point now) try {
  auto found = tokens_.FindBySecretHash(secret_hash);
  if (!found.ok()) return found.error();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (!found.value()) {
    // Even across a revocation: it cannot make a secret no token had a token's. A retry of it
    // is not counted again as another unknown secret.
    if (unknown_.size() >= options_.cache_entries_max) unknown_.clear();
    unknown_[secret_hash] = now + options_.cache_ttl;
    return found.value();
  }
  if (cache_.size() >= options_.cache_entries_max) cache_.clear();
  if (generation != generation_) {
    // A revocation came in meanwhile: this answer may be stale and is not kept, but the secret
    // stays known as a token's (past its cache time, so it is looked up again), or its next
    // call would count against its address's bound on unknown secrets.
    cache_.try_emplace(secret_hash,
                       CachedToken{found.value(), std::chrono::steady_clock::time_point::min()});
    return found.value();
  }
  cache_[secret_hash] = {found.value(), now + options_.cache_ttl};
  return found.value();
} catch (const std::exception& failure) {
  // Calls waiting on this lookup must get an answer, and its slot must come back.
  return Error::Unavailable(std::string("authorization: the token lookup failed (") +
                            failure.what() + "); retry shortly");
} catch (...) {
  return Error::Unavailable("authorization: the token lookup failed; retry shortly");
}

size_t AccessControl::CallsAwaitingLookups() {
  std::lock_guard<std::mutex> lock(lookups_mutex_);
  return awaiting_;
}

void AccessControl::ForgetIfChanged() {
  const Result<int64_t> changes = tokens_.ChangeCount();
  if (changes.ok() && changes.value() == changes_seen_.load()) return;
  // Read before forgetting: a revocation counted after the read sends its own notification.
  changes_seen_ = changes.ok() ? changes.value() : -1;
  Forget();
}

void AccessControl::Forget() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  // Every token is looked up again, but stays known as one (its lookups keep their reserved
  // slot); a revocation cannot make a made-up secret a token, so those answers stand.
  for (auto& [hash, cached] : cache_) cached.expires = std::chrono::steady_clock::time_point::min();
  ++generation_;
  lock.unlock();
  streams_.RecheckSoon();
}

grpc::Status AccessControl::Refuse(const Presented& presented, const std::string& method,
                                   grpc::StatusCode code, const std::string& message,
                                   const std::string& token_id) {
  const std::string peer = presented.Peer();
  const uint64_t refused = refusals_.ToLog(peer, code, RefusalLog::Clock::now());
  if (refused == 0) return {code, message};
  log::Warning("access_refused", {{"method", method},
                                  {"code", GrpcCodeName(code)},
                                  {"reason", message},
                                  {"token_id", token_id},
                                  {"peer", peer},
                                  {"refused", std::to_string(refused)}});
  return {code, message};
}

}  // namespace disposal::api
