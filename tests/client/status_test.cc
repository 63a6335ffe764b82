#include "client/status.h"

#include <gtest/gtest.h>

namespace disposalctl {
namespace {

TEST(Status, OkHasExitZero) {
  Status status = Status::Ok();
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.exit_code(), 0);
}

TEST(Status, InvalidInputExitsWithTwo) {
  Status status = Status::InvalidInput("bad");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), 2);
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
}

TEST(Status, RpcFailedExitsWithOneAndKeepsCodeName) {
  Status status = Status::RpcFailed("NOT_FOUND", "gone");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), 1);
  EXPECT_EQ(status.code_name(), "NOT_FOUND");
}

TEST(Status, WithContextPrefixesTheMessageAndKeepsTheCode) {
  Status status = Status::InvalidInput("\"x\" is not an amount")
                      .WithContext("claim.tranches[0].principal")
                      .WithContext("seed.yaml");
  EXPECT_EQ(status.message(), "seed.yaml: claim.tranches[0].principal: \"x\" is not an amount");
  EXPECT_EQ(status.exit_code(), 2);
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
}

TEST(Status, ToLineIsOneLineWithCodeName) {
  EXPECT_EQ(Status::RpcFailed("INTERNAL", "line one\nline two\r").ToLine(),
            "disposalctl: INTERNAL: line one line two ");
}

TEST(Status, ToLineKeepsChineseText) {
  EXPECT_EQ(Status::InvalidInput("金额“壹万”无法识别").ToLine(),
            "disposalctl: INVALID_ARGUMENT: 金额“壹万”无法识别");
}

}  // namespace
}  // namespace disposalctl
