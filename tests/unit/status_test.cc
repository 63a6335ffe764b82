#include "api/status.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace disposal::api {
namespace {

// A stream item's error names the code the same error would end a unary call with: a partner
// reads DEADLINE_EXCEEDED or ABORTED as worth retrying, INTERNAL as not.
TEST(StatusTest, ErrorInsideAMessageIsNamedByTheCodeItWouldEndACallWith) {
  const std::vector<std::pair<grpc::StatusCode, std::string>> grpc_names = {
      {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {grpc::StatusCode::NOT_FOUND, "NOT_FOUND"},
      {grpc::StatusCode::ALREADY_EXISTS, "ALREADY_EXISTS"},
      {grpc::StatusCode::ABORTED, "ABORTED"},
      {grpc::StatusCode::FAILED_PRECONDITION, "FAILED_PRECONDITION"},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED"},
      {grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"},
      {grpc::StatusCode::DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"},
      {grpc::StatusCode::INTERNAL, "INTERNAL"}};
  for (ErrorCode code :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kAlreadyExists,
        ErrorCode::kAborted, ErrorCode::kFailedPrecondition, ErrorCode::kResourceExhausted,
        ErrorCode::kUnavailable, ErrorCode::kDeadlineExceeded, ErrorCode::kInternal}) {
    const grpc::StatusCode grpc_code = ToGrpcStatus(Error{code, "", "reason"}).error_code();
    std::string expected = "(unnamed)";
    for (const auto& [known, name] : grpc_names) {
      if (known == grpc_code) expected = name;
    }
    EXPECT_EQ(CanonicalCodeName(code), expected) << "error code " << static_cast<int>(code);
  }
}

// The access log names every refusal's code as it is (UNAUTHENTICATED, PERMISSION_DENIED...);
// its own table once logged anything else as UNAVAILABLE.
TEST(StatusTest, EveryCanonicalCodeHasItsOwnName) {
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::PERMISSION_DENIED), "PERMISSION_DENIED");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::OUT_OF_RANGE), "OUT_OF_RANGE");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_STREQ(GrpcCodeName(static_cast<grpc::StatusCode>(17)), "UNKNOWN");
  EXPECT_STREQ(GrpcCodeName(static_cast<grpc::StatusCode>(-1)), "UNKNOWN");
}

}  // namespace
}  // namespace disposal::api
