#include "certificate_fingerprint.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

namespace disposalctl {

Status CertificateSha256(const std::string& pem, const std::string& what, std::string* out) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = bio ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (certificate == nullptr) {
    ERR_clear_error();
    return Status::InvalidInput(what + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
  }
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate, &der);
  X509_free(certificate);
  if (length <= 0) return Status::InvalidInput(what + ": the certificate cannot be encoded");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<size_t>(length), digest);
  OPENSSL_free(der);
  static constexpr char kHex[] = "0123456789abcdef";
  out->clear();
  for (const unsigned char byte : digest) {
    *out += kHex[byte >> 4];
    *out += kHex[byte & 0x0F];
  }
  return Status::Ok();
}

Status CertificateFileSha256(const std::string& path, std::string* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::InvalidInput("--client-cert " + path + ": cannot be read");
  std::ostringstream text;
  text << file.rdbuf();
  return CertificateSha256(text.str(), "--client-cert " + path, out);
}

}  // namespace disposalctl
