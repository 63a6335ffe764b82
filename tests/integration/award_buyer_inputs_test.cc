// What the buyer states at the award reaches its award-time eligibility check as it reaches
// CheckBidderEligibility: a 16-17-year-old's own-labour income (民法典 art. 18) and proof of
// funds instead of a deposit paid. Through LedgerService against a real PostgreSQL.
#include "support/eligibility_fixture.h"
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class AwardBuyerInputsTest : public OutcomeFixture {
 protected:
  // The seed claim's second notice, asking a deposit of 1,000,000.00, published 2021-07-28.
  v1::Disposal PublishedWithADeposit() {
    v1::Disposal seed = SeedDisposal(claim_id_);
    *seed.mutable_deposit() = Amount("1000000.00");
    v1::Disposal draft, published;
    withdrawn_ = Withdraw(disposal_);
    EXPECT_TRUE(CreateDisposal(seed, "deposit-disposal", &draft).ok());
    EXPECT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
    return published;
  }

  bool Withdraw(const v1::Disposal& disposal) {
    v1::Disposal out;
    return Transition(disposal, v1::TRANSITION_WITHDRAW, &out).ok();
  }

  // Lot 0 awarded on 2021-09-01 to a person born 2004-03-01: 17 years old that day.
  v1::RecordOutcomeRequest AwardToAMinor(const v1::Disposal& disposal) {
    v1::RecordOutcomeRequest request = Award(disposal, 0, "300000000.00", 2021, 9, 1);
    request.mutable_buyer()->mutable_person()->set_national_id(NationalId("20040301", 31));
    return request;
  }

  bool withdrawn_ = false;
};

TEST_F(AwardBuyerInputsTest, AMinorDeclaredToLiveOnOwnLabourIncomeIsAwarded) {
  v1::RecordOutcomeRequest request = AwardToAMinor(disposal_);
  v1::Outcome outcome;
  const grpc::Status undeclared = RecordOutcome(request, &outcome);
  EXPECT_EQ(undeclared.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(undeclared.error_message().find("capacity.age"), std::string::npos)
      << undeclared.error_message();

  request.set_request_id("award-to-a-minor-declared");
  request.set_buyer_declared_own_labour_income(true);
  const grpc::Status declared = RecordOutcome(request, &outcome);
  ASSERT_TRUE(declared.ok()) << declared.error_message();
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(AwardBuyerInputsTest, ProofOfFundsOfTheDepositStandsForADepositPaid) {
  const v1::Disposal with_deposit = PublishedWithADeposit();
  ASSERT_TRUE(withdrawn_);
  v1::RecordOutcomeRequest request = Award(with_deposit, 0, "300000000.00", 2021, 9, 1);
  v1::Outcome outcome;
  const grpc::Status unproved = RecordOutcome(request, &outcome);
  EXPECT_EQ(unproved.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unproved.error_message().find("pay.deposit"), std::string::npos)
      << unproved.error_message();

  request.set_request_id("award-with-proof-of-funds");
  *request.mutable_buyer_proof_of_funds() = Amount("1000000.00");
  const grpc::Status proved = RecordOutcome(request, &outcome);
  ASSERT_TRUE(proved.ok()) << proved.error_message();
  EXPECT_EQ(Count("outcomes"), 1);
}

// Proof of funds is not money held: rescinding the award keeps no deposit, though the
// disposal asked one of every bidder.
TEST_F(AwardBuyerInputsTest, ABuyerWhoProvedFundsAndPaidNoDepositHasNoneToForfeit) {
  const v1::Disposal with_deposit = PublishedWithADeposit();
  ASSERT_TRUE(withdrawn_);
  v1::RecordOutcomeRequest request = Award(with_deposit, 0, "300000000.00", 2021, 9, 1);
  *request.mutable_buyer_proof_of_funds() = Amount("1000000.00");
  v1::Outcome outcome;
  const grpc::Status awarded = RecordOutcome(request, &outcome);
  ASSERT_TRUE(awarded.ok()) << awarded.error_message();
  EXPECT_EQ(Text(outcome.deposit_paid()), "0.00");

  v1::Outcome rescinded;
  const grpc::Status status =
      Rescind(outcome.id(), "买受人未按期付款", "rescind-keeping-a-deposit-never-paid", &rescinded,
              "1000000.00");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("no deposit is held"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind IN ('reversal', 'forfeiture')"), 0);
}

TEST_F(AwardBuyerInputsTest, NegativeProofOfFundsIsInvalidArgumentNamingTheField) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  *request.mutable_buyer_proof_of_funds() = Amount("-1.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("buyer_proof_of_funds"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

// What the request itself gets wrong is said before what the disposal's state refuses: a
// mistyped buyer ID while the objection window is still open (until 2021-08-26).
TEST_F(AwardBuyerInputsTest, AMalformedBuyerIdIsInvalidArgumentEvenWhileTheWindowIsOpen) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 8, 10);
  std::string id = NationalId("19800101", 32);
  id.back() = id.back() == '1' ? '2' : '1';  // a wrong check character
  request.mutable_buyer()->mutable_person()->set_national_id(id);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("buyer.person.national_id: ", 0), 0u)
      << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(AwardBuyerInputsTest, AnIneligibleBuyerIsRefusedNamingTheBuyer) {
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(AwardToAMinor(disposal_), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message().rfind("buyer: not eligible at award time", 0), 0u)
      << status.error_message();
}

TEST_F(AwardBuyerInputsTest, ProofOfFundsInAnotherCurrencyIsRefusedNamingTheRequestsField) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  *request.mutable_buyer_proof_of_funds() = Amount("1.00");
  request.mutable_buyer_proof_of_funds()->set_currency_code("USD");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("buyer_proof_of_funds.currency_code: ", 0), 0u)
      << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
