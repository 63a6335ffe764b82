// Roles, the permission table's default and token lifetimes (domain/access).
#include "domain/access.h"

#include <gtest/gtest.h>

namespace disposal::domain {
namespace {

TEST(TokenLifetime, LiveUntilItsExpiryAndNotAfter) {
  TokenRecord token;
  token.expire_micros = 1000;
  EXPECT_TRUE(token.LiveAt(999));
  EXPECT_FALSE(token.LiveAt(1000));
}

TEST(TokenLifetime, RevokedTokenIsNeverLive) {
  TokenRecord token;
  token.revoke_micros = 5;
  EXPECT_FALSE(token.LiveAt(0));
}

TEST(TokenLifetime, TokenWithoutExpiryStaysLive) { EXPECT_TRUE(TokenRecord{}.LiveAt(INT64_MAX)); }

TEST(Permissions, AnRpcMissingFromThePolicyIsRefusedToEveryone) {
  EXPECT_FALSE(AllowedRoles("/disposal.v1.ClaimService/DeleteClaim"));
  EXPECT_TRUE(AllowedRoles("/disposal.v1.ClaimService/GetClaim"));
}

TEST(Roles, NamesReadBackToTheirRole) {
  for (Role role : {Role::kStaff, Role::kAuditor, Role::kPartner, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_FALSE(ParseRole("root"));
}

}  // namespace
}  // namespace disposal::domain
