#include "api/status.h"

namespace disposal::api {

Error ForIdField(Error error, const std::string& field) {
  if (error.field == "id") error.field = field;
  return error;
}

namespace {

// Indexed by grpc::StatusCode, whose values are the canonical codes 0..16.
constexpr const char* kGrpcCodeNames[] = {
    "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
    "DATA_LOSS", "UNAUTHENTICATED"};
static_assert(sizeof kGrpcCodeNames / sizeof kGrpcCodeNames[0] ==
                  grpc::StatusCode::UNAUTHENTICATED + 1,
              "one name per canonical code");

grpc::StatusCode GrpcCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case ErrorCode::kDeadlineExceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case ErrorCode::kInternal:
      return grpc::StatusCode::INTERNAL;
  }
  return grpc::StatusCode::INTERNAL;
}

}  // namespace

const char* GrpcCodeName(grpc::StatusCode code) {
  const int index = static_cast<int>(code);
  constexpr int kCount = sizeof kGrpcCodeNames / sizeof kGrpcCodeNames[0];
  return index >= 0 && index < kCount ? kGrpcCodeNames[index] : "UNKNOWN";
}

const char* CanonicalCodeName(ErrorCode code) { return GrpcCodeName(GrpcCodeOf(code)); }

grpc::Status ToGrpcStatus(const Error& error) {
  return grpc::Status(GrpcCodeOf(error.code), error.Message());
}

}  // namespace disposal::api
