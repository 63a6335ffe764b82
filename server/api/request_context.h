// What every mutating handler derives from the call: the actor, the request key and the audit
// payload.
#ifndef DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_
#define DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <string>

#include "domain/access.h"
#include "domain/claim_repository.h"

namespace disposal::api {

// Metadata key a client uses to say who is acting, heeded only where no access control runs
// (services tested on their own); behind access control the token names the actor.
inline constexpr char kActorMetadataKey[] = "x-disposal-actor";
inline constexpr size_t kRequestIdLengthMax = 100;

// The caller access control admitted for the call this thread is handling. The synchronous
// server runs a call's handler on one thread from start to end, so the principal is set for
// exactly the handler's run (PrincipalScope) and read by AuditOf and ActorOf below.
const domain::Principal* CurrentPrincipal();

class PrincipalScope {
 public:
  explicit PrincipalScope(const domain::Principal& principal);
  ~PrincipalScope();
  PrincipalScope(const PrincipalScope&) = delete;
  PrincipalScope& operator=(const PrincipalScope&) = delete;

 private:
  const domain::Principal* previous_;
};

// The current principal's name; otherwise the declared actor, or "anonymous" when absent or
// not printable ASCII of 1..100 characters.
std::string ActorOf(const grpc::ServerContextBase& context);

// Whose streams a call's stream counts among (StreamSlots): the caller's token, or without
// access control the declared actor.
std::string StreamCallerOf(const grpc::ServerContextBase& context);

// Checks a request id: 1..100 characters of [A-Za-z0-9._:-]; `required` refuses empty.
Status ValidateRequestId(const std::string& request_id, bool required);

// The request id with a SHA-256 (hex) of the request body, request id excluded, so that a
// retry with the same body matches and a different body under the same id does not.
domain::RequestKey RequestKeyOf(const google::protobuf::Message& request,
                                const std::string& request_id);

// The most an audit event's payload holds (3.5 MiB): with the event's other fields it fits a
// 4 MiB message of the auditors' streams.
inline constexpr size_t kAuditPayloadBytesMax = 3584 * 1024;

// The audit record for a change made through `rpc`: the request as JSON is the payload, or,
// where JSON cannot hold one of its values, {"request_protobuf_hex": its serialised bytes}; or,
// when that would pass kAuditPayloadBytesMax, {"request_protobuf_sha256", "request_bytes",
// "payload_bytes"}.
domain::AuditContext AuditOf(const grpc::ServerContextBase& context, const std::string& rpc,
                             const google::protobuf::Message& request,
                             const std::string& request_id);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_
