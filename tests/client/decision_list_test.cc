#include "client/decision_list.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace disposalctl {
namespace {

using disposal::v1::ListEligibilityDecisionsRequest;
using disposal::v1::ListEligibilityDecisionsResponse;

TEST(DecisionListTest, AnOutcomeIsTakenInItsShortFormInAnyCase) {
  ListDecisionsOptions options;
  options.disposal_id = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  options.outcome = "Ineligible";
  ListEligibilityDecisionsRequest request;
  ASSERT_TRUE(BuildListDecisionsRequest(options, &request).ok());
  EXPECT_EQ(request.outcome(), disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  EXPECT_EQ(request.disposal_id(), options.disposal_id);
  EXPECT_EQ(request.page_size(), 100);
}

TEST(DecisionListTest, AnUnknownOrUnspecifiedOutcomeIsABadCommandLineListingTheChoices) {
  for (const char* outcome : {"maybe", "unspecified"}) {
    ListDecisionsOptions options;
    options.outcome = outcome;
    ListEligibilityDecisionsRequest request;
    const Status status = BuildListDecisionsRequest(options, &request);
    EXPECT_FALSE(status.ok()) << outcome;
    EXPECT_NE(status.message().find("eligible, ineligible, review"), std::string::npos)
        << status.message();
  }
}

TEST(DecisionListTest, EachDecisionIsOneRowAndTheNextPageIsNamed) {
  ListEligibilityDecisionsResponse listed;
  auto* decision = listed.add_decisions();
  decision->set_decision_id("0192f3c1-5d2a-7c7b-9e8f-1a2b3c4d5e6f");
  decision->mutable_decide_time()->set_seconds(1764300000);  // 2025-11-28 11:20:00 +08:00
  decision->set_actor("exchange-1");
  decision->set_bidder("230103196803150315");
  decision->set_outcome(disposal::v1::ELIGIBILITY_OUTCOME_INELIGIBLE);
  decision->set_registry_version(57);
  listed.set_next_page_token("c1.2.x.y");
  std::ostringstream out;
  PrintDecisionList(listed, false, out);
  const std::string text = out.str();
  const size_t row = text.find("0192f3c1-5d2a-7c7b-9e8f-1a2b3c4d5e6f");
  ASSERT_NE(row, std::string::npos) << text;
  const std::string line =
      text.substr(text.rfind('\n', row) + 1, text.find('\n', row) - text.rfind('\n', row) - 1);
  EXPECT_NE(line.find("ineligible"), std::string::npos) << line;
  EXPECT_NE(line.find("230103196803150315"), std::string::npos) << line;
  EXPECT_NE(line.find("exchange-1"), std::string::npos) << line;
  EXPECT_NE(line.find(" 57 "), std::string::npos) << line;
  EXPECT_NE(line.find("2025-11-28"), std::string::npos) << line;
  EXPECT_NE(text.find("next page: --page-token c1.2.x.y\n"), std::string::npos) << text;
}

TEST(DecisionListTest, AnEmptyListSaysSo) {
  std::ostringstream out;
  PrintDecisionList(ListEligibilityDecisionsResponse(), false, out);
  EXPECT_EQ(out.str(), "no decisions\n");
}

TEST(DecisionListTest, AnEmptyPageWithATokenSaysMoreFollow) {
  ListEligibilityDecisionsResponse listed;
  listed.set_next_page_token("c1.0.x.y");
  std::ostringstream out;
  PrintDecisionList(listed, false, out);
  EXPECT_EQ(out.str(),
            "no decisions in this stretch; more follow\n\nnext page: --page-token c1.0.x.y\n");
}

}  // namespace
}  // namespace disposalctl
