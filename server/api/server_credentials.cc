#include "api/server_credentials.h"

#include <grpcpp/security/server_credentials.h>

#include <fstream>
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
  options.pem_key_cert_pairs.push_back({key, certificate});
  if (!files.client_ca.empty()) {
    ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(files.client_ca, "--tls-client-ca"));
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace disposal::api
