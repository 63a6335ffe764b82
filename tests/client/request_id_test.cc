#include "client/request_id.h"

#include <gtest/gtest.h>

#include <string>

namespace disposalctl {
namespace {

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

TEST(NewRequestId, GivesVersion4UuidInLowerCaseHex) {
  std::string id;
  ASSERT_TRUE(NewRequestId(&id).ok());
  ASSERT_EQ(id.size(), 36u) << id;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(id[i], '-') << id;
    } else {
      EXPECT_TRUE(IsLowerHex(id[i])) << id;
    }
  }
  EXPECT_EQ(id[14], '4') << id;
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
}

TEST(NewRequestId, GivesADifferentIdEachTime) {
  std::string first;
  std::string second;
  ASSERT_TRUE(NewRequestId(&first).ok());
  ASSERT_TRUE(NewRequestId(&second).ok());
  EXPECT_NE(first, second);
}

TEST(NewRequestId, GivesAnIdThatPassesValidation) {
  std::string id;
  ASSERT_TRUE(NewRequestId(&id).ok());
  EXPECT_TRUE(ValidateRequestId(id).ok()) << id;
}

TEST(ValidateRequestId, AcceptsLettersDigitsAndDotUnderscoreColonDash) {
  EXPECT_TRUE(ValidateRequestId("import-2021.07.28_batch:1").ok());
  EXPECT_TRUE(ValidateRequestId("A").ok());
  EXPECT_TRUE(ValidateRequestId(std::string(100, 'z')).ok());
}

TEST(ValidateRequestId, RefusesEmptyAndOverlongIds) {
  EXPECT_FALSE(ValidateRequestId("").ok());
  EXPECT_FALSE(ValidateRequestId(std::string(101, 'z')).ok());
}

TEST(ValidateRequestId, RefusesOtherCharacters) {
  Status status = ValidateRequestId("a b");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("\"a b\""), std::string::npos) << status.message();
  EXPECT_FALSE(ValidateRequestId("a/b").ok());
  EXPECT_FALSE(ValidateRequestId("请求1").ok());
}

TEST(WithRequestId, AFailureOfUnknownOutcomeSaysHowToRetryWithTheSameVersion) {
  const Status failed = WithRequestId(Status::RpcFailed("UNAVAILABLE", "connection lost"),
                                      "publish-1", "--version 3");
  EXPECT_NE(failed.message().find("rerun with --request-id publish-1 --version 3"),
            std::string::npos)
      << failed.message();
}

TEST(WithRequestId, AFailureThatWroteNothingNeedsNoRetryHint) {
  const Status failed = WithRequestId(Status::RpcFailed("INVALID_ARGUMENT", "title: is required"),
                                      "publish-1", "--version 3");
  EXPECT_EQ(failed.message().find("rerun"), std::string::npos) << failed.message();
}

}  // namespace
}  // namespace disposalctl

namespace disposalctl {
namespace {

TEST(IsStaleVersion, TheServersVersionRefusalIsStale) {
  EXPECT_TRUE(IsStaleVersion(
      Status::RpcFailed("ABORTED", "claim 0d7c is at version 3, not 2; read it again")));
}

// Contention or a race with another kind of change: a retry (with the same request id) may
// succeed, and the message must keep the request id to retry with.
TEST(IsStaleVersion, OtherAbortsAreNotStale) {
  EXPECT_FALSE(IsStaleVersion(Status::RpcFailed("ABORTED", "the calendar changed; retry")));
  EXPECT_FALSE(IsStaleVersion(Status::RpcFailed("FAILED_PRECONDITION", "x is at version 3")));
}

}  // namespace
}  // namespace disposalctl
