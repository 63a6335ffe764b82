// Talking to disposal-server: the channel, per-call settings, and failures as Status.

#ifndef DISPOSAL_CLIENT_RPC_H_
#define DISPOSAL_CLIENT_RPC_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "status.h"

namespace disposalctl {

// Largest response accepted. A page of 200 full claims fits well inside it; anything
// larger means something is wrong, and failing beats exhausting memory.
inline constexpr int kReceiveMessageBytesMax = 16 * 1024 * 1024;

// The gRPC metadata key that tells the server who is acting, for its audit trail.
inline constexpr char kActorMetadataKey[] = "x-disposal-actor";

struct RpcSettings {
  // host:port, or any gRPC target URI ("dns:///claims.internal:50051").
  std::string server_address;
  // Deadline of each call, counted from when the call starts. 1..300.
  int timeout_seconds = 10;
  // Who is acting; sent as kActorMetadataKey on every call (servers behind access control
  // take the actor from the token instead).
  std::string actor;
  // The access token's secret, sent as "authorization: Bearer <token>" on every call.
  std::string token;
  // Why the token could not be loaded (e.g. an unreadable --token-file); reported by
  // ValidateRpcSettings so that commands needing no server never trip on it.
  std::string token_error;
  // TLS: the CA that signed the server's certificate (PEM text); empty: plaintext.
  std::string tls_ca_pem;
  // Mutual TLS: this client's certificate chain and key (PEM text).
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // --plaintext: without TLS, send the token to a server on another machine anyway (a test
  // network). Without it, only a server on this machine is called in plaintext.
  bool plaintext = false;
};

inline constexpr char kAuthorizationMetadataKey[] = "authorization";

// Fails when the settings cannot make a call: an empty server address, no access token, a
// token that would travel unencrypted to another machine (no --tls-ca, no --plaintext), or
// an actor that cannot travel as gRPC metadata (it must be 1..100 printable ASCII characters,
// because gRPC rejects other bytes in text metadata).
Status ValidateRpcSettings(const RpcSettings& settings);

// Whether a gRPC target names this machine: localhost, 127.x.x.x, ::1 (as host:port,
// "dns:///host:port", "ipv4:..." or "ipv6:..."), or a unix socket. Anything else, or anything
// not understood, is another machine.
bool IsThisMachine(const std::string& target);

// A channel to settings.server_address (TLS when settings.tls_ca_pem is set, mutual TLS with
// a client certificate too), with the receive bound above.
// Connecting is lazy: an unreachable server shows up as UNAVAILABLE on the first call.
std::shared_ptr<grpc::Channel> NewChannel(const RpcSettings& settings);

// Sets the deadline (now + timeout), the token and the actor metadata on a fresh context.
void PrepareContext(const RpcSettings& settings, grpc::ClientContext* context);

// "NOT_FOUND" for grpc::StatusCode::NOT_FOUND, and so on.
std::string StatusCodeName(grpc::StatusCode code);

// The failed call as a Status with exit code 1, with a hint where the server's message
// leaves the next step unclear (an unreachable server, a deadline).
// REQUIRES: !status.ok().
Status RpcFailure(const grpc::Status& status, const RpcSettings& settings);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_RPC_H_
