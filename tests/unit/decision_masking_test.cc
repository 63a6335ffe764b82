// A partner's copy of a decision: persons other than the bidder masked, the why kept.
#include <gtest/gtest.h>

#include "api/eligibility_mapping.h"

namespace disposal::api {
namespace {

constexpr char kBidder[] = "11010519491231002X";
constexpr char kAppraiser[] = "440524188001010014";
constexpr char kCompany[] = "91110000600037341L";
// A valid credit code of digits only: shaped like a national ID, but an organisation's.
constexpr char kAllDigitCompany[] = "912301001270000060";

domain::EligibilityResult SpouseOfAnAppraiser() {
  domain::EligibilityResult result;
  result.outcome = domain::EligibilityOutcome::kIneligible;
  domain::EligibilityReason reason;
  reason.rule_id = "excl.8.lineal_relative";
  reason.outcome = domain::EligibilityOutcome::kIneligible;
  reason.message = std::string("the bidder's spouse 欧阳娜娜 (") + kAppraiser +
                   ") is an appraiser on this disposal; 欧阳娜娜 works for 某评估公司";
  reason.path = {{"bidder", kBidder, "张三"},
                 {"spouse", kAppraiser, "欧阳娜娜", /*person=*/true},
                 {"employer", kCompany, "某评估公司"}};
  result.reasons.push_back(reason);
  return result;
}

// The decision a partner is sent for `result`.
v1::EligibilityDecision Masked(const domain::EligibilityResult& result) {
  domain::Decision decision;
  decision.result = result;
  v1::EligibilityDecision out;
  DecisionToProto(decision, {}, &out);
  MaskThirdPartyPersons(result, &out);
  return out;
}

TEST(MaskThirdPartyPersons, MasksAPersonReachedFromTheBidderInPathAndMessage) {
  const v1::EligibilityDecision decision = Masked(SpouseOfAnAppraiser());
  const v1::EligibilityReason& reason = decision.reasons(0);
  EXPECT_EQ(reason.path(1).identifier(), "440*************14");
  EXPECT_EQ(reason.path(1).name(), "欧***");
  EXPECT_EQ(reason.message(),
            "the bidder's spouse 欧*** (440*************14) is an appraiser on this disposal; "
            "欧*** works for 某评估公司");
  EXPECT_EQ(reason.message().find(kAppraiser), std::string::npos);
}

TEST(MaskThirdPartyPersons, KeepsTheBidderOrganisationsAndTheWhy) {
  const v1::EligibilityDecision decision = Masked(SpouseOfAnAppraiser());
  const v1::EligibilityReason& reason = decision.reasons(0);
  EXPECT_EQ(reason.path(0).identifier(), kBidder);
  EXPECT_EQ(reason.path(0).name(), "张三");
  EXPECT_EQ(reason.path(2).identifier(), kCompany);
  EXPECT_EQ(reason.path(2).name(), "某评估公司");
  EXPECT_EQ(reason.path(1).relation(), "spouse");
  EXPECT_EQ(reason.rule_id(), "excl.8.lineal_relative");
  EXPECT_EQ(decision.outcome(), v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
}

// A state-owned debtor whose credit code is all digits is an organisation: shown whole.
TEST(MaskThirdPartyPersons, KeepsAnOrganisationWhoseCreditCodeIsAllDigits) {
  domain::EligibilityResult result;
  domain::EligibilityReason reason;
  reason.rule_id = "excl.5.debtor_management";
  reason.message = "management of the state-owned debtor 国有债务人有限公司";
  reason.path = {{"bidder", kBidder, "张三"},
                 {"director of state-owned debtor", kAllDigitCompany, "国有债务人有限公司"}};
  result.reasons.push_back(reason);
  const v1::EligibilityDecision decision = Masked(result);
  EXPECT_EQ(decision.reasons(0).path(1).identifier(), kAllDigitCompany);
  EXPECT_EQ(decision.reasons(0).path(1).name(), "国有债务人有限公司");
  EXPECT_EQ(decision.reasons(0).message(), reason.message);
}

// A name that begins another (the parent 王伟, the sibling 王伟明) must not leave the longer one
// half masked in the message.
TEST(MaskThirdPartyPersons, ANameThatBeginsAnotherLeavesNeitherHalfShown) {
  domain::EligibilityResult result;
  domain::EligibilityReason reason;
  reason.message = "a relative of 王伟明 (through 王伟) is AMC staff on this disposal";
  reason.path = {{"bidder", kBidder, ""},
                 {"parent", kAppraiser, "王伟", /*person=*/true},
                 {"child", "110105194912310029", "王伟明", /*person=*/true}};
  result.reasons.push_back(reason);
  const v1::EligibilityDecision decision = Masked(result);
  EXPECT_EQ(decision.reasons(0).message(),
            "a relative of 王** (through 王*) is AMC staff on this disposal");
  EXPECT_EQ(decision.reasons(0).path(2).name(), "王**");
}

// Were the decision and the result it was mapped from ever to differ, every step after the
// bidder is masked rather than none.
TEST(MaskThirdPartyPersons, MasksEveryStepAfterTheBidderWhenTheResultDoesNotMatch) {
  domain::Decision decision;
  decision.result = SpouseOfAnAppraiser();
  v1::EligibilityDecision out;
  DecisionToProto(decision, {}, &out);
  MaskThirdPartyPersons(domain::EligibilityResult{}, &out);
  EXPECT_EQ(out.reasons(0).path(1).identifier(), "440*************14");
  EXPECT_EQ(out.reasons(0).path(0).identifier(), kBidder);
}

}  // namespace
}  // namespace disposal::api
