#include "api/server_credentials.h"

#include <grpcpp/security/server_credentials.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace disposal::api {
namespace {

Result<std::string> ReadPem(const std::string& path, const std::string& flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidArgument(flag, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN ") == std::string::npos) {
    return Error::InvalidArgument(flag, path + " is not a PEM file");
  }
  return text.str();
}

// A passphrase callback that gives none: an encrypted key is refused, never asked for on a
// terminal the server may not have.
int NoPassphrase(char*, int, int, void*) { return 0; }

// The key must be the certificate's. gRPC would find out only when it starts listening, and
// report a failed listen without naming either flag.
Status CheckKeyIsTheCertificates(const std::string& certificate, const std::string& key) {
  using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
  Bio certificate_bio(BIO_new_mem_buf(certificate.data(), static_cast<int>(certificate.size())),
                      &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> x509(
      PEM_read_bio_X509(certificate_bio.get(), nullptr, NoPassphrase, nullptr), &X509_free);
  Bio key_bio(BIO_new_mem_buf(key.data(), static_cast<int>(key.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> private_key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, NoPassphrase, nullptr), &EVP_PKEY_free);
  const bool matches = x509 && private_key && X509_check_private_key(x509.get(), private_key.get());
  ERR_clear_error();  // nothing of these checks may linger in this thread's OpenSSL errors
  if (!x509) return Error::InvalidArgument("--tls-cert", "holds no PEM certificate");
  if (!private_key) {
    return Error::InvalidArgument("--tls-key",
                                  "holds no PEM private key (an encrypted key is not supported)");
  }
  if (!matches) {
    return Error::InvalidArgument("--tls-key",
                                  "is not the private key of the certificate in --tls-cert");
  }
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(const TlsFiles& files) {
  if (files.certificate.empty()) {
    if (!files.private_key.empty() || !files.client_ca.empty()) {
      return Error::InvalidArgument("--tls-cert", "is required with --tls-key or --tls-client-ca");
    }
    return grpc::InsecureServerCredentials();
  }
  if (files.private_key.empty()) {
    return Error::InvalidArgument("--tls-key", "is required with --tls-cert");
  }
  grpc::SslServerCredentialsOptions options(files.client_ca.empty()
                                                ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                                : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  ASSIGN_OR_RETURN(std::string certificate, ReadPem(files.certificate, "--tls-cert"));
  ASSIGN_OR_RETURN(std::string key, ReadPem(files.private_key, "--tls-key"));
  RETURN_IF_ERROR(CheckKeyIsTheCertificates(certificate, key));
  options.pem_key_cert_pairs.push_back({key, certificate});
  if (!files.client_ca.empty()) {
    ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(files.client_ca, "--tls-client-ca"));
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace disposal::api
