// A partner's copy of a decision: persons other than the bidder masked, the why kept.
#include <gtest/gtest.h>

#include "api/eligibility_mapping.h"

namespace disposal::api {
namespace {

constexpr char kBidder[] = "11010519491231002X";
constexpr char kAppraiser[] = "440524188001010014";
constexpr char kCompany[] = "91110000600037341L";

v1::EligibilityDecision SpouseOfAnAppraiser() {
  v1::EligibilityDecision decision;
  decision.set_outcome(v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  v1::EligibilityReason* reason = decision.add_reasons();
  reason->set_rule_id("excl.8.lineal_relative");
  reason->set_message(std::string("the bidder's spouse 欧阳娜娜 (") + kAppraiser +
                      ") is an appraiser on this disposal; 欧阳娜娜 works for 某评估公司");
  v1::PathStep* bidder = reason->add_path();
  bidder->set_relation("person");
  bidder->set_identifier(kBidder);
  bidder->set_name("张三");
  v1::PathStep* spouse = reason->add_path();
  spouse->set_relation("spouse of");
  spouse->set_identifier(kAppraiser);
  spouse->set_name("欧阳娜娜");
  v1::PathStep* company = reason->add_path();
  company->set_relation("employer");
  company->set_identifier(kCompany);
  company->set_name("某评估公司");
  return decision;
}

TEST(MaskThirdPartyPersons, MasksAPersonReachedFromTheBidderInPathAndMessage) {
  v1::EligibilityDecision decision = SpouseOfAnAppraiser();
  MaskThirdPartyPersons(&decision);
  const v1::EligibilityReason& reason = decision.reasons(0);
  EXPECT_EQ(reason.path(1).identifier(), "440*************14");
  EXPECT_EQ(reason.path(1).name(), "欧***");
  EXPECT_EQ(reason.message(),
            "the bidder's spouse 欧*** (440*************14) is an appraiser on this disposal; "
            "欧*** works for 某评估公司");
  EXPECT_EQ(reason.message().find(kAppraiser), std::string::npos);
}

TEST(MaskThirdPartyPersons, KeepsTheBidderOrganisationsAndTheWhy) {
  v1::EligibilityDecision decision = SpouseOfAnAppraiser();
  MaskThirdPartyPersons(&decision);
  const v1::EligibilityReason& reason = decision.reasons(0);
  EXPECT_EQ(reason.path(0).identifier(), kBidder);
  EXPECT_EQ(reason.path(0).name(), "张三");
  EXPECT_EQ(reason.path(2).identifier(), kCompany);
  EXPECT_EQ(reason.path(2).name(), "某评估公司");
  EXPECT_EQ(reason.path(1).relation(), "spouse of");
  EXPECT_EQ(reason.rule_id(), "excl.8.lineal_relative");
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
}

// A name that begins another (the parent 王伟, the sibling 王伟明) must not leave the longer one
// half masked in the message.
TEST(MaskThirdPartyPersons, ANameThatBeginsAnotherLeavesNeitherHalfShown) {
  v1::EligibilityDecision decision;
  v1::EligibilityReason* reason = decision.add_reasons();
  reason->set_message("a relative of 王伟明 (through 王伟) is AMC staff on this disposal");
  reason->add_path()->set_identifier(kBidder);
  v1::PathStep* parent = reason->add_path();
  parent->set_identifier(kAppraiser);
  parent->set_name("王伟");
  v1::PathStep* sibling = reason->add_path();
  sibling->set_identifier("110105194912310029");
  sibling->set_name("王伟明");
  MaskThirdPartyPersons(&decision);
  EXPECT_EQ(decision.reasons(0).message(),
            "a relative of 王** (through 王*) is AMC staff on this disposal");
  EXPECT_EQ(decision.reasons(0).path(2).name(), "王**");
}

}  // namespace
}  // namespace disposal::api
