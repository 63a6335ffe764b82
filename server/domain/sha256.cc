#include "domain/sha256.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace disposal::domain {
namespace {

// Fetched once and kept for the process's life (freeing it at exit would race late hashes).
const EVP_MD* Sha256Digest() {
  static const EVP_MD* const digest = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) throw std::runtime_error("OpenSSL offers no SHA256 digest");
    return fetched;
  }();
  return digest;
}

struct ContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// One digest context per thread, reset by each use: no allocation per hash.
EVP_MD_CTX* ThreadContext() {
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  if (!context) throw std::runtime_error("OpenSSL could not allocate a digest context");
  return context.get();
}

}  // namespace

std::string Sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* context = ThreadContext();
  if (EVP_DigestInit_ex2(context, Sha256Digest(), nullptr) != 1 ||
      EVP_DigestUpdate(context, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context, digest, &length) != 1) {
    throw std::runtime_error("SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) throw std::runtime_error("OpenSSL could not allocate a digest context");
  if (EVP_DigestInit_ex2(static_cast<EVP_MD_CTX*>(context_), Sha256Digest(), nullptr) != 1) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_));
    throw std::runtime_error("SHA256 failed");
  }
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256Stream::Add(std::string_view bytes) {
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("SHA256 failed");
  }
}

std::string Sha256Stream::Finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &length) != 1) {
    throw std::runtime_error("SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace disposal::domain
