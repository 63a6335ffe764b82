#include "client/enum_text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "disposal/v1/claims.pb.h"

namespace disposalctl {
namespace {

const google::protobuf::EnumDescriptor& CollateralKinds() {
  return *disposal::v1::CollateralKind_descriptor();
}

const google::protobuf::EnumDescriptor& ClaimStatuses() {
  return *disposal::v1::ClaimStatus_descriptor();
}

// The full name FindEnumValue gives for `text`, or "(none)".
std::string Found(const google::protobuf::EnumDescriptor& type, std::string_view text) {
  const google::protobuf::EnumValueDescriptor* value = FindEnumValue(type, text);
  return value == nullptr ? "(none)" : std::string(value->name());
}

TEST(FindEnumValue, ReadsUpperCaseShortName) {
  EXPECT_EQ(Found(CollateralKinds(), "RESIDENTIAL"), "COLLATERAL_KIND_RESIDENTIAL");
  EXPECT_EQ(Found(ClaimStatuses(), "HELD"), "CLAIM_STATUS_HELD");
}

TEST(FindEnumValue, ReadsShortNameInAnyCase) {
  EXPECT_EQ(Found(CollateralKinds(), "residential"), "COLLATERAL_KIND_RESIDENTIAL");
  EXPECT_EQ(Found(CollateralKinds(), "Office"), "COLLATERAL_KIND_OFFICE");
}

TEST(FindEnumValue, ReadsDashesOrUnderscoresBetweenWords) {
  EXPECT_EQ(Found(CollateralKinds(), "street-front-shop"), "COLLATERAL_KIND_STREET_FRONT_SHOP");
  EXPECT_EQ(Found(CollateralKinds(), "Street_Front_Shop"), "COLLATERAL_KIND_STREET_FRONT_SHOP");
  EXPECT_EQ(Found(ClaimStatuses(), "in-disposal"), "CLAIM_STATUS_IN_DISPOSAL");
}

TEST(FindEnumValue, ReadsFullName) {
  EXPECT_EQ(Found(CollateralKinds(), "COLLATERAL_KIND_UNDERGROUND_PARKING"),
            "COLLATERAL_KIND_UNDERGROUND_PARKING");
}

TEST(FindEnumValue, ReadsNumber) {
  EXPECT_EQ(Found(CollateralKinds(), "3"), "COLLATERAL_KIND_STREET_FRONT_SHOP");
  EXPECT_EQ(Found(ClaimStatuses(), "5"), "CLAIM_STATUS_WRITTEN_OFF");
}

TEST(FindEnumValue, FindsNothingForUnknownText) {
  EXPECT_EQ(Found(CollateralKinds(), "house"), "(none)");
  EXPECT_EQ(Found(CollateralKinds(), ""), "(none)");
  EXPECT_EQ(Found(CollateralKinds(), "99"), "(none)");
  EXPECT_EQ(Found(CollateralKinds(), "-1"), "(none)");
  EXPECT_EQ(Found(CollateralKinds(), "residential "), "(none)");
  EXPECT_EQ(Found(CollateralKinds(), "CLAIM_STATUS_HELD"), "(none)");
}

TEST(ShortEnumName, DropsTypePrefixAndUsesLowerCaseWithDashes) {
  EXPECT_EQ(ShortEnumName(ClaimStatuses(), 2), "in-disposal");
  EXPECT_EQ(ShortEnumName(CollateralKinds(), 3), "street-front-shop");
  EXPECT_EQ(ShortEnumName(*disposal::v1::LiabilityType_descriptor(), 1), "joint-and-several");
}

TEST(ShortEnumName, NamesZeroValueUnspecified) {
  EXPECT_EQ(ShortEnumName(ClaimStatuses(), 0), "unspecified");
}

TEST(ShortEnumName, GivesNumberOfUnknownValue) {
  EXPECT_EQ(ShortEnumName(ClaimStatuses(), 42), "42");
}

TEST(ListShortEnumNames, ListsEveryShortNameButTheZeroValue) {
  EXPECT_EQ(ListShortEnumNames(*disposal::v1::LiabilityType_descriptor()),
            "joint-and-several, general");
  EXPECT_EQ(ListShortEnumNames(*disposal::v1::EncumbranceKind_descriptor()),
            "seized, taken-in-payment, occupied");
}

}  // namespace
}  // namespace disposalctl
