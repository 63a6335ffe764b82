// How the server listens: plaintext by default; TLS with a certificate and key; and, with a
// client CA, mutual TLS: clients may present a certificate, which must then verify against the
// CA (partners must present one, see AccessOptions).
#ifndef DISPOSAL_SERVER_API_SERVER_CREDENTIALS_H_
#define DISPOSAL_SERVER_API_SERVER_CREDENTIALS_H_

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "domain/result.h"

namespace disposal::api {

struct TlsFiles {
  std::string certificate;  // PEM chain; empty: plaintext
  std::string private_key;  // PEM
  std::string client_ca;    // PEM; empty: no client certificates asked for
};

// INVALID_ARGUMENT naming the flag when a file is missing or unreadable, holds no PEM
// certificate or key, a key comes without its certificate, or the key is not the certificate's.
Result<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(const TlsFiles& files);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_SERVER_CREDENTIALS_H_
