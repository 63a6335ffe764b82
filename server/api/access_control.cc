#include "api/access_control.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

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

}  // namespace

std::string SecretHash(const std::string& secret) { return domain::Sha256(secret); }

grpc::Status AccessControl::Authorize(const grpc::ServerContextBase& context,
                                      const std::string& method,
                                      std::optional<domain::RoleSet> allowed,
                                      domain::Principal* principal) {
  domain::TokenRecord token;
  if (grpc::Status status = Authenticate(context, &token); !status.ok()) {
    return Refuse(context, method, status.error_code(), status.error_message(), "");
  }
  if (!allowed || (*allowed & domain::RoleBit(token.role)) == 0) {
    return Refuse(
        context, method, grpc::StatusCode::PERMISSION_DENIED,
        "the " + std::string(domain::RoleName(token.role)) + " role may not call " + method,
        token.id);
  }
  if (token.role == domain::Role::kPartner && options_.partner_needs_client_certificate &&
      !context.auth_context()->IsPeerAuthenticated()) {
    return Refuse(context, method, grpc::StatusCode::PERMISSION_DENIED,
                  "partner tokens are accepted only over mutual TLS: present a client "
                  "certificate signed by the configured CA",
                  token.id);
  }
  if (!token.client_certificate_sha256.empty() &&
      PeerCertificateSha256(context) != token.client_certificate_sha256) {
    return Refuse(context, method, grpc::StatusCode::PERMISSION_DENIED,
                  "this token is bound to the client certificate with SHA-256 " +
                      token.client_certificate_sha256.substr(0, 16) +
                      "...: present that certificate over mutual TLS",
                  token.id);
  }
  *principal = {token.id, token.name, token.role};
  return grpc::Status::OK;
}

grpc::Status AccessControl::Authenticate(const grpc::ServerContextBase& context,
                                         domain::TokenRecord* token) {
  const std::string secret = BearerSecret(context);
  if (secret.empty()) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "authorization: send \"authorization: Bearer <token>\" metadata"};
  }
  if (!IsSecret(secret)) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "authorization: the bearer token is not a disposal token (dsp_...)"};
  }
  auto found = Find(SecretHash(secret));
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

Result<std::optional<domain::TokenRecord>> AccessControl::Find(const std::string& secret_hash) {
  const auto now = std::chrono::steady_clock::now();
  uint64_t generation = 0;
  if (auto cached = Cached(secret_hash, now, &generation)) return *cached;
  std::shared_ptr<PendingLookup> lookup;
  {
    std::unique_lock<std::mutex> lock(lookups_mutex_);
    auto running = lookups_.find(secret_hash);
    if (running != lookups_.end()) {
      lookup = running->second;
      ++awaiting_;
      lookup_done_.wait(lock, [&] { return lookup->done; });
      --awaiting_;
      return *lookup->result;
    }
    if (lookups_.size() >= options_.lookups_max) {
      lock.unlock();
      return StaleOrBusy(secret_hash, now);
    }
    lookup = std::make_shared<PendingLookup>();
    lookups_.emplace(secret_hash, lookup);
  }
  Result<std::optional<domain::TokenRecord>> found = LookUp(secret_hash, generation, now);
  {
    std::lock_guard<std::mutex> lock(lookups_mutex_);
    lookup->result = found;
    lookup->done = true;
    lookups_.erase(secret_hash);
  }
  lookup_done_.notify_all();
  return found;
}

std::optional<std::optional<domain::TokenRecord>> AccessControl::Cached(
    const std::string& secret_hash, std::chrono::steady_clock::time_point now,
    uint64_t* generation) {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto cached = cache_.find(secret_hash);
  if (cached != cache_.end() && cached->second.expires > now) return cached->second.token;
  auto unknown = unknown_.find(secret_hash);
  if (unknown != unknown_.end() && unknown->second > now) {
    return std::optional<domain::TokenRecord>();
  }
  *generation = generation_;
  return std::nullopt;
}

Result<std::optional<domain::TokenRecord>> AccessControl::LookUp(
    const std::string& secret_hash, uint64_t generation,
    std::chrono::steady_clock::time_point now) {
  auto found = tokens_.FindBySecretHash(secret_hash);
  if (!found.ok()) return found.error();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (generation != generation_) return found.value();
  if (!found.value()) {
    if (unknown_.size() >= options_.cache_entries_max) unknown_.clear();
    unknown_[secret_hash] = now + options_.cache_ttl;
    return found.value();
  }
  if (cache_.size() >= options_.cache_entries_max) cache_.clear();
  cache_[secret_hash] = {found.value(), now + options_.cache_ttl};
  return found.value();
}

Result<std::optional<domain::TokenRecord>> AccessControl::StaleOrBusy(
    const std::string& secret_hash, std::chrono::steady_clock::time_point now) {
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto cached = cache_.find(secret_hash);
    if (cached != cache_.end() && cached->second.expires + options_.stale_max > now) {
      return cached->second.token;
    }
  }
  return Error::Unavailable(
      "authorization: too many tokens are being looked up at once to check this one; retry "
      "shortly");
}

size_t AccessControl::CallsAwaitingLookups() {
  std::lock_guard<std::mutex> lock(lookups_mutex_);
  return awaiting_;
}

void AccessControl::Forget() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  cache_.clear();
  unknown_.clear();
  ++generation_;
}

grpc::Status AccessControl::Refuse(const grpc::ServerContextBase& context,
                                   const std::string& method, grpc::StatusCode code,
                                   const std::string& message, const std::string& token_id) {
  log::Warning("access_refused",
               {{"method", method},
                {"code", code == grpc::StatusCode::UNAUTHENTICATED     ? "UNAUTHENTICATED"
                         : code == grpc::StatusCode::PERMISSION_DENIED ? "PERMISSION_DENIED"
                                                                       : "UNAVAILABLE"},
                {"reason", message},
                {"token_id", token_id},
                {"peer", context.peer()}});
  return {code, message};
}

}  // namespace disposal::api
