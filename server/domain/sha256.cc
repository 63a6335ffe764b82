#include "domain/sha256.h"

#include <openssl/evp.h>

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

}  // namespace

std::string Sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, Sha256Digest(), nullptr) != 1) {
    throw std::runtime_error("SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace disposal::domain
