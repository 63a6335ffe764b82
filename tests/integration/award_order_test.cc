// The last tranche of a claim the AMC holds takes the claim-level balances with it, as of its
// award date: an award of it dated before another tranche's standing sale is refused (it would
// take them while that tranche was still held); dated on or after, it is booked.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

using AwardOrderTest = OutcomeFixture;

TEST_F(AwardOrderTest, LastTrancheAwardDatedBeforeTheOtherTranchesSaleIsRefused) {
  Awarded(1, "90000000.00", 10);  // tranche 2, 2021-09-10
  v1::Outcome outcome;
  const grpc::Status refused =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 5), &outcome);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("2021-09-10"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(refused.error_message().rfind("award_time: ", 0), 0u) << refused.error_message();
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(AwardOrderTest, LastTrancheAwardDatedOnTheOtherTranchesSaleDayIsBooked) {
  Awarded(1, "90000000.00", 10);
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 10), &outcome);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// A rescinded sale holds nothing: the tranche is held again, and an earlier-dated award of
// the other one is not the last tranche's.
TEST_F(AwardOrderTest, AwardDatedBeforeARescindedSaleOfTheOtherTrancheIsBooked) {
  const v1::Outcome second = Awarded(1, "90000000.00", 10);
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(second.id(), "买受人未付款", "rescind-tranche-2", &rescinded).ok());
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 5), &outcome);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
