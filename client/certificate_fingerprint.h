// The SHA-256 fingerprint of a client certificate, as `token create --client-cert` binds a
// token to it.
#ifndef DISPOSAL_CLIENT_CERTIFICATE_FINGERPRINT_H_
#define DISPOSAL_CLIENT_CERTIFICATE_FINGERPRINT_H_

#include <string>

#include "status.h"

namespace disposalctl {

// The SHA-256 of the DER encoding of the first certificate in PEM text `pem`, as 64 lower-case
// hex digits (what `openssl x509 -noout -fingerprint -sha256` prints, without the colons).
// Fails, naming `what`, when `pem` holds no certificate.
Status CertificateSha256(const std::string& pem, const std::string& what, std::string* out);

// The same for the PEM file at `path`; fails naming --client-cert.
Status CertificateFileSha256(const std::string& path, std::string* out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CERTIFICATE_FINGERPRINT_H_
