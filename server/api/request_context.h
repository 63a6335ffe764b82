// What every mutating handler derives from the call: the actor, the request key and the audit
// payload.
#ifndef DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_
#define DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <string>

#include "domain/claim_repository.h"

namespace disposal::api {

// Metadata key a client uses to say who is acting (until tokens carry identities).
inline constexpr char kActorMetadataKey[] = "x-disposal-actor";
inline constexpr size_t kRequestIdLengthMax = 100;

// The declared actor, or "anonymous" when absent or not printable ASCII of 1..100 characters.
std::string ActorOf(const grpc::ServerContext& context);

// Checks a request id: 1..100 characters of [A-Za-z0-9._:-]; `required` refuses empty.
Status ValidateRequestId(const std::string& request_id, bool required);

// The request id with a SHA-256 (hex) of the request body, request id excluded, so that a
// retry with the same body matches and a different body under the same id does not.
domain::RequestKey RequestKeyOf(const google::protobuf::Message& request,
                                const std::string& request_id);

// The audit record for a change made through `rpc`: the request as JSON is the payload.
domain::AuditContext AuditOf(const grpc::ServerContext& context, const std::string& rpc,
                             const google::protobuf::Message& request,
                             const std::string& request_id);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_REQUEST_CONTEXT_H_
