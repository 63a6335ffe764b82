// The one place a domain Error becomes a grpc::Status.
#ifndef DISPOSAL_SERVER_API_STATUS_H_
#define DISPOSAL_SERVER_API_STATUS_H_

#include <grpcpp/grpcpp.h>

#include "domain/result.h"

namespace disposal::api {

// Maps the code one to one and uses Error::Message() ("field: reason") as the message.
grpc::Status ToGrpcStatus(const Error& error);

// The canonical name of a gRPC status code, e.g. "PERMISSION_DENIED" ("UNKNOWN" for a value
// outside 0..16): the one table of names the logs, metrics and stream items share.
const char* GrpcCodeName(grpc::StatusCode code);

// The canonical name of the gRPC code `code` maps to, e.g. "DEADLINE_EXCEEDED", for results
// that carry an error inside a message (a stream's item) rather than as the call's status.
const char* CanonicalCodeName(ErrorCode code);

// `error` from a registry's read of the id the request names in `field`: the registries call
// it "id", the request may not (ListSubmissions' "disposal_id", UpdateClaim's "claim.id").
Error ForIdField(Error error, const std::string& field);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_STATUS_H_
