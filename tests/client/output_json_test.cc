// Scripts read disposalctl's JSON field by field: a verdict's zero values (result #0's index,
// a failed check's ok, a refused import's applied) are printed, while a resource's JSON, read
// back as input, still leaves its defaults out.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "disposal/v1/audit.pb.h"
#include "disposal/v1/claims.pb.h"
#include "disposal/v1/eligibility.pb.h"
#include "output.h"

namespace disposalctl {
namespace {

std::string JsonOf(const google::protobuf::Message& message) {
  std::ostringstream out;
  EXPECT_TRUE(PrintMessageJson(message, out).ok());
  return out.str();
}

TEST(OutputJsonTest, FirstBatchResultShowsItsIndexZero) {
  disposal::v1::EligibilityStreamResult result;
  result.set_index(0);
  EXPECT_NE(JsonOf(result).find("\"index\": \"0\""), std::string::npos) << JsonOf(result);
}

TEST(OutputJsonTest, FailedVerificationShowsOkFalse) {
  disposal::v1::VerifyClaimHistoryResponse verdict;
  verdict.set_ok(false);
  EXPECT_NE(JsonOf(verdict).find("\"ok\": false"), std::string::npos) << JsonOf(verdict);
}

TEST(OutputJsonTest, RefusedImportShowsAppliedFalse) {
  disposal::v1::ImportRegistryResponse response;
  EXPECT_NE(JsonOf(response).find("\"applied\": false"), std::string::npos) << JsonOf(response);
}

TEST(OutputJsonTest, ListOfVerdictsShowsTheirZeroValuesToo) {
  disposal::v1::EligibilityStreamResult first;
  std::ostringstream out;
  ASSERT_TRUE(PrintMessageListJson("results", {&first}, out).ok());
  EXPECT_NE(out.str().find("\"index\": \"0\""), std::string::npos) << out.str();
}

// A claim's JSON is an input file for `claim update -f`, which refuses STATUS_UNSPECIFIED.
TEST(OutputJsonTest, ResourceLeavesItsDefaultsOut) {
  disposal::v1::Claim claim;
  claim.set_title("a claim");
  const std::string json = JsonOf(claim);
  EXPECT_EQ(json.find("UNSPECIFIED"), std::string::npos) << json;
  EXPECT_EQ(json.find("\"version\""), std::string::npos) << json;
}

}  // namespace
}  // namespace disposalctl
