// What a token request turns into (api/access_service): its lifetime, and the arguments refused.
#include <gtest/gtest.h>

#include <string>

#include "api/access_service.h"
#include "domain/date.h"

namespace disposal::api {
namespace {

constexpr int64_t kNow = 1'700'000'000'000'000;

TokenRequest StaffToken() {
  TokenRequest request;
  request.name = "wang.wei";
  request.role = domain::Role::kStaff;
  return request;
}

TEST(TokenRequest, ATokenAskedWithoutALifetimeExpiresAfterTheDefaultOne) {
  auto token = TokenRecordOf(StaffToken(), kNow);
  ASSERT_TRUE(token.ok()) << token.error().Message();
  ASSERT_TRUE(token.value().expire_micros.has_value());
  EXPECT_EQ(token.value().create_micros, kNow);
  EXPECT_EQ(*token.value().expire_micros, kNow + kDefaultTokenValidDays * domain::kMicrosPerDay);
  EXPECT_EQ(kDefaultTokenValidDays, 90);
}

TEST(TokenRequest, ATokenAskedForSomeDaysExpiresAfterThem) {
  TokenRequest request = StaffToken();
  request.valid_days = 365;
  auto token = TokenRecordOf(request, kNow);
  ASSERT_TRUE(token.ok()) << token.error().Message();
  ASSERT_TRUE(token.value().expire_micros.has_value());
  EXPECT_EQ(*token.value().expire_micros, kNow + 365 * domain::kMicrosPerDay);
}

TEST(TokenRequest, ATokenAskedNeverToExpireHasNoExpiry) {
  TokenRequest request = StaffToken();
  request.never_expires = true;
  auto token = TokenRecordOf(request, kNow);
  ASSERT_TRUE(token.ok()) << token.error().Message();
  EXPECT_FALSE(token.value().expire_micros.has_value());
}

TEST(TokenRequest, NeverExpiringWithALifetimeIsInvalidArgumentNamingTheField) {
  TokenRequest request = StaffToken();
  request.never_expires = true;
  request.valid_days = 30;
  auto token = TokenRecordOf(request, kNow);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(token.error().Message().find("never_expires"), std::string::npos)
      << token.error().Message();
}

}  // namespace
}  // namespace disposal::api
