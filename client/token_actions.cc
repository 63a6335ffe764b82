#include "token_actions.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "certificate_fingerprint.h"
#include "claim_actions.h"  // kListPagesMax
#include "disposal/v1/access.grpc.pb.h"
#include "interrupt_notice.h"
#include "request_id.h"
#include "service_rpc.h"
#include "token_view.h"

namespace disposalctl {
namespace {

using disposal::v1::AccessService;
using disposal::v1::AccessToken;
using disposal::v1::CreateTokenRequest;
using disposal::v1::CreateTokenResponse;

using AccessRpc = ServiceRpc<AccessService>;

// Audit events name the actor by the token's name, so the server takes printable ASCII only.
bool IsTokenName(const std::string& name) {
  if (name.empty() || name.size() > kTokenNameLengthMax) return false;
  for (char c : name) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// The failures after which the token may exist all the same (as request_id.h's WithRequestId
// judges them).
bool OutcomeUnknown(const Status& failure) {
  const std::string& code = failure.code_name();
  return code == "UNAVAILABLE" || code == "DEADLINE_EXCEEDED" || code == "CANCELLED" ||
         code == "UNKNOWN" || code == "INTERNAL" || code == "RESOURCE_EXHAUSTED";
}

// Unlike other writes, a create is not cured by a retry with the same request id: the answer
// to a repeated id holds no secret. A token that may exist is found and revoked instead.
Status CreateFailure(const Status& failure, const CreateTokenRequest& request) {
  std::string message = failure.message() + " (request id " + request.request_id();
  if (OutcomeUnknown(failure)) {
    message += "; the token may have been created all the same: look for \"" + request.name() +
               "\" in `disposalctl token list` and revoke it";
  }
  return Status::RpcFailed(failure.code_name(), message + ")");
}

// The token exists but nobody holds its secret: it is of no use and should not linger.
std::string RevokeAdvice(const AccessToken& token) {
  return "revoke it (disposalctl token revoke " + token.id() + ") and create another";
}

Status SecretLost(const Status& failure, const AccessToken& token) {
  return Status::OutputFailed(failure.message() + " (token " + token.id() +
                              " was created but its secret is lost; " + RevokeAdvice(token) + ")");
}

Status NoSecretSent(const AccessToken& token) {
  return Status::RpcFailed("FAILED_PRECONDITION", "the server sent no secret for token " +
                                                      token.id() + "; " + RevokeAdvice(token));
}

Status WriteFailure(const std::string& path) {
  return Status::InvalidInput("--out " + path + ": cannot write: " + std::strerror(errno));
}

}  // namespace

Status BuildCreateTokenRequest(const CreateTokenOptions& options, CreateTokenRequest* request) {
  if (!IsTokenName(options.name)) {
    return Status::InvalidInput("--name must be 1..100 printable ASCII characters, e.g. wang.wei");
  }
  disposal::v1::Role role = disposal::v1::ROLE_UNSPECIFIED;
  Status status = ParseRole(options.role, &role);
  if (!status.ok()) return status;
  if (options.valid_days < 0 || options.valid_days > kValidDaysMax) {
    return Status::InvalidInput("--valid-days " + std::to_string(options.valid_days) +
                                " must be 0.." + std::to_string(kValidDaysMax) +
                                " (0: the default of 90)");
  }
  if (options.never_expires && options.valid_days != 0) {
    return Status::InvalidInput("--never-expires and --valid-days: give one of them");
  }
  request->set_name(options.name);
  request->set_role(role);
  request->set_valid_days(options.valid_days);
  request->set_never_expires(options.never_expires);
  if (options.calls_per_second < 0 || options.calls_per_second > kCallsPerSecondMax) {
    return Status::InvalidInput("--calls-per-second " + std::to_string(options.calls_per_second) +
                                " must be 1.." + std::to_string(kCallsPerSecondMax) +
                                " (0: the server's quota)");
  }
  if (options.calls_per_second > 0 && role != disposal::v1::ROLE_PARTNER) {
    return Status::InvalidInput("--calls-per-second: only partner tokens have a call quota");
  }
  request->set_calls_per_second(options.calls_per_second);
  if (!options.client_cert.empty() && !options.client_cert_sha256.empty()) {
    return Status::InvalidInput("give --client-cert or --client-cert-sha256, not both");
  }
  if (!options.client_cert.empty()) {
    std::string fingerprint;
    status = CertificateFileSha256(options.client_cert, &fingerprint);
    if (!status.ok()) return status;
    request->set_client_certificate_sha256(fingerprint);
  } else {
    // The server reads every form openssl prints and names the field when it cannot.
    request->set_client_certificate_sha256(options.client_cert_sha256);
  }
  return NewRequestId(request->mutable_request_id());
}

SecretFile::~SecretFile() {
  if (fd_ >= 0) ::close(fd_);
  // Only ever the file Create made: O_EXCL guarantees it was nobody else's.
  if (!path_.empty() && !kept_) ::unlink(path_.c_str());
}

Status SecretFile::Create(const std::string& path) {
  // O_EXCL refuses an existing file and a symbolic link alike; the mode is 0600 from the
  // start, so the secret is never readable by others, not even for a moment.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    return Status::InvalidInput("--out " + path +
                                " already exists; it is never overwritten: name a new file");
  }
  if (fd < 0) {
    return Status::InvalidInput("--out " + path + ": cannot create: " + std::strerror(errno));
  }
  fd_ = fd;
  path_ = path;
  return Status::Ok();
}

Status SecretFile::Write(const std::string& secret) {
  const std::string text = secret + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(fd_, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return WriteFailure(path_);
    written += static_cast<std::size_t>(count);
  }
  // The secret is nowhere else: it must be on disk before the command says where it went.
  if (::fsync(fd_) != 0) return WriteFailure(path_);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) return WriteFailure(path_);
  kept_ = true;
  return Status::Ok();
}

Status CreateToken(const GlobalOptions& global, const CreateTokenOptions& options) {
  CreateTokenRequest request;
  Status status = BuildCreateTokenRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  SecretFile secret_file;
  if (!options.out.empty()) status = secret_file.Create(options.out);
  if (!status.ok()) return status;
  CreateTokenResponse created;
  {
    const ChangeInFlight in_flight(TokenCreateInterruptNotice(request.name()));
    status = AccessRpc(global.rpc).Call(&AccessService::Stub::CreateToken, request, &created);
  }
  if (!status.ok()) return CreateFailure(status, request);
  if (!options.out.empty() && !created.secret().empty()) {
    status = secret_file.Write(created.secret());
    if (!status.ok()) return SecretLost(status, created.token());
  }
  status = PrintCreatedToken(created, global.output, options.out, std::cout);
  if (!status.ok()) return status;
  // Printed, the secret's only copy is on standard output: it must have been written there.
  if (options.out.empty() && !created.secret().empty() && !std::cout.flush()) {
    return SecretLost(Status::OutputFailed("standard output: write failed"), created.token());
  }
  return created.secret().empty() ? NoSecretSent(created.token()) : Status::Ok();
}

Status ListTokens(const GlobalOptions& global, const ListTokensOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ListTokensRequest request;
  request.set_page_size(options.page_size);
  AccessRpc rpc(global.rpc);
  disposal::v1::ListTokensResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListTokensResponse page;
    status = rpc.Call(&AccessService::Stub::ListTokens, request, &page);
    if (!status.ok()) return status;
    for (AccessToken& token : *page.mutable_tokens()) listed.add_tokens()->Swap(&token);
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "tokens",
                      [&](bool stopped) { PrintTokenList(listed, stopped, std::cout); });
}

Status RevokeToken(const GlobalOptions& global, const RevokeTokenOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::RevokeTokenRequest request;
  request.set_id(options.id);
  AccessToken token;
  status = AccessRpc(global.rpc).Call(&AccessService::Stub::RevokeToken, request, &token);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(token, std::cout);
  PrintTokenDetails(token, std::cout);
  return Status::Ok();
}

}  // namespace disposalctl
