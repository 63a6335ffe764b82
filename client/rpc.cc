#include "rpc.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <chrono>

namespace disposalctl {
namespace {

constexpr std::size_t kActorLengthMax = 100;

}  // namespace

Status ValidateRpcSettings(const RpcSettings& settings) {
  if (settings.server_address.empty()) return Status::InvalidInput("--server must not be empty");
  if (!settings.token_error.empty()) return Status::InvalidInput(settings.token_error);
  if (settings.token.empty()) {
    return Status::InvalidInput(
        "no access token: pass --token-file FILE or set DISPOSAL_TOKEN_FILE (an admin makes "
        "tokens with `disposalctl token create`; the local stack writes "
        ".local/tokens/staff.token)");
  }
  // A client certificate says TLS was meant; without a CA the channel would be plaintext and
  // the token would travel in the clear.
  if (settings.tls_ca_pem.empty() &&
      (!settings.tls_cert_pem.empty() || !settings.tls_key_pem.empty())) {
    return Status::InvalidInput(
        "--tls-cert/--tls-key need --tls-ca (the CA that signed the server's certificate); "
        "without it the connection would not be encrypted");
  }
  if (settings.tls_cert_pem.empty() != settings.tls_key_pem.empty()) {
    return Status::InvalidInput("--tls-cert and --tls-key go together");
  }
  if (settings.tls_ca_pem.empty() && !settings.plaintext &&
      !IsThisMachine(settings.server_address)) {
    return Status::InvalidInput(
        "--server " + settings.server_address +
        " is not this machine and no --tls-ca was given: the access token would travel "
        "unencrypted. Give --tls-ca FILE (env DISPOSAL_TLS_CA), or --plaintext on a network "
        "you trust");
  }
  const std::string& actor = settings.actor;
  if (actor.empty() || actor.size() > kActorLengthMax) {
    return Status::InvalidInput("--actor must be 1..100 characters");
  }
  for (char c : actor) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
      return Status::InvalidInput(
          "--actor \"" + actor +
          "\" must be printable ASCII (gRPC metadata); use a login name such as wang.wei");
    }
  }
  return Status::Ok();
}

bool IsThisMachine(const std::string& target) {
  // ipv4: and ipv6: targets may list several addresses: all or none would have to be checked.
  if (target.find(',') != std::string::npos) return false;
  std::string rest = target;
  if (rest.rfind("unix:", 0) == 0 || rest.rfind("unix-abstract:", 0) == 0) return true;
  for (const char* scheme : {"dns:///", "ipv4:", "ipv6:"}) {
    if (rest.rfind(scheme, 0) == 0) rest = rest.substr(std::string(scheme).size());
  }
  std::string host;
  if (!rest.empty() && rest[0] == '[') {
    host = rest.substr(1, rest.find(']') == std::string::npos ? 0 : rest.find(']') - 1);
  } else if (std::count(rest.begin(), rest.end(), ':') > 1) {
    host = rest;  // a bare IPv6 address
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  // 127.x.x.x as an address, not a name that merely starts so (127.example.com).
  const bool loopback_v4 = host.rfind("127.", 0) == 0 && host.size() <= 15 &&
                           host.find_first_not_of("0123456789.") == std::string::npos &&
                           std::count(host.begin(), host.end(), '.') == 3;
  return host == "localhost" || host == "::1" || loopback_v4;
}

std::shared_ptr<grpc::Channel> NewChannel(const RpcSettings& settings) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kReceiveMessageBytesMax);
  if (settings.tls_ca_pem.empty()) {
    return grpc::CreateCustomChannel(settings.server_address, grpc::InsecureChannelCredentials(),
                                     arguments);
  }
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = settings.tls_ca_pem;
  tls.pem_cert_chain = settings.tls_cert_pem;
  tls.pem_private_key = settings.tls_key_pem;
  return grpc::CreateCustomChannel(settings.server_address, grpc::SslCredentials(tls), arguments);
}

void PrepareContext(const RpcSettings& settings, grpc::ClientContext* context) {
  assert(settings.timeout_seconds > 0);
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(settings.timeout_seconds));
  context->AddMetadata(kActorMetadataKey, settings.actor);
  if (!settings.token.empty()) {
    context->AddMetadata(kAuthorizationMetadataKey, "Bearer " + settings.token);
  }
}

std::string StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::DO_NOT_USE:
      break;
  }
  return "CODE_" + std::to_string(static_cast<int>(code));
}

// gRPC's own words when no connection could be made or kept; anything else UNAVAILABLE says
// came from a running server (its database away, its index loading).
bool IsTransportFailure(const std::string& message) {
  std::string lower = message;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* marker :
       {"failed to connect", "connection refused", "dns resolution failed", "socket closed",
        "connection reset by peer", "connections to all backends failing", "empty address list",
        "endpoint read failed", "handshake failed", "broken pipe"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

Status RpcFailure(const grpc::Status& status, const RpcSettings& settings) {
  assert(!status.ok());
  std::string message = status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE && IsTransportFailure(message)) {
    message = "the server at " + settings.server_address +
              " is unreachable (is disposal-server running? set --server or "
              "DISPOSAL_SERVER): " +
              message;
  } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    message = "the server at " + settings.server_address +
              " cannot serve this now; try again shortly: " + message;
  } else if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    message = "no answer from " + settings.server_address + " within " +
              std::to_string(settings.timeout_seconds) + " s (raise --timeout): " + message;
  }
  return Status::RpcFailed(StatusCodeName(status.error_code()), std::move(message));
}

}  // namespace disposalctl
