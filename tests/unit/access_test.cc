// Roles, the permission table's default and token lifetimes (domain/access).
#include "domain/access.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

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

constexpr char kFingerprint[] = "5f3b0c2a9d8e7f61524334251607f8e9da0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";

TEST(CertificateFingerprint, KeepsSixtyFourHexDigitsInLowerCase) {
  std::string upper = kFingerprint;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(CertificateFingerprint(upper), kFingerprint);
}

TEST(CertificateFingerprint, ReadsOpensslsColonSeparatedPairsAndItsLabel) {
  std::string pairs;
  for (size_t i = 0; i < 64; i += 2) {
    pairs += std::string(i ? ":" : "") + kFingerprint[i] + kFingerprint[i + 1];
  }
  EXPECT_EQ(CertificateFingerprint(pairs), kFingerprint);
  EXPECT_EQ(CertificateFingerprint("sha256 Fingerprint=" + pairs), kFingerprint);
}

TEST(CertificateFingerprint, RefusesAWrongLengthANonHexDigitAndStrayColons) {
  const std::string digits = kFingerprint;
  EXPECT_FALSE(CertificateFingerprint(digits.substr(1)));
  EXPECT_FALSE(CertificateFingerprint(digits.substr(1) + "g"));
  EXPECT_FALSE(CertificateFingerprint(digits + ":"));
  EXPECT_FALSE(CertificateFingerprint("5:" + digits.substr(1)));
  EXPECT_FALSE(CertificateFingerprint(digits.substr(0, 2) + "::" + digits.substr(2)));
  EXPECT_FALSE(CertificateFingerprint(""));
}

TEST(CertificateFingerprint, RefusesAnotherLabelAndPairsSeparatedOnlyInPart) {
  std::string pairs;
  for (size_t i = 0; i < 64; i += 2) {
    pairs += std::string(i ? ":" : "") + kFingerprint[i] + kFingerprint[i + 1];
  }
  EXPECT_FALSE(CertificateFingerprint("SHA3-256 Fingerprint=" + pairs));
  EXPECT_FALSE(CertificateFingerprint(std::string("junk=") + kFingerprint));
  EXPECT_FALSE(CertificateFingerprint("5f3b" + pairs.substr(5)));  // "5f3b:0c:..." one short
}

}  // namespace
}  // namespace disposal::domain
