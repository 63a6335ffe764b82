#include "client/ledger_outcome_input.h"

#include <gtest/gtest.h>

#include <string>

namespace disposalctl {
namespace {

using disposal::v1::AccrualTerms;
using disposal::v1::RecordOutcomeRequest;
using disposal::v1::RecordPaymentRequest;

RecordPaymentOptions DebtorPayment() {
  RecordPaymentOptions options;
  options.claim_id = "6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182";
  options.amount = "50万";
  options.received = "2021-10-15";
  options.request_id = "pay-1015";
  options.accrue_first = true;
  return options;
}

RecordOutcomeOptions Award() {
  RecordOutcomeOptions options;
  options.disposal_id = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  options.method = "auction";
  options.buyer_person = "11010519491231002X";
  options.buyer_name = "张三";
  options.price = "9000万";
  options.request_id = "award-1";
  options.accrue_first = true;
  return options;
}

TEST(AccrueFirstTerms, NoneGivenAsksForTheClaimsOwnOrLastAccrualsTerms) {
  RecordPaymentRequest request;
  ASSERT_TRUE(BuildRecordPaymentRequest(DebtorPayment(), &request).ok());
  ASSERT_TRUE(request.has_accrue_first());
  EXPECT_TRUE(request.accrue_first().as_last_accrued());
  EXPECT_EQ(request.accrue_first().basis(), disposal::v1::DAY_COUNT_BASIS_UNSPECIFIED);
}

// --accrue-first=false with terms would drop them without a word.
TEST(AccrueFirstTerms, TermsWithoutAccrueFirstAreRefusedForAPaymentAndAnAward) {
  RecordPaymentOptions payment = DebtorPayment();
  payment.accrue_first = false;
  payment.terms.basis = "act365";
  RecordPaymentRequest payment_request;
  const Status refused = BuildRecordPaymentRequest(payment, &payment_request);
  EXPECT_EQ(refused.code_name(), "INVALID_ARGUMENT");
  EXPECT_NE(refused.message().find("give --accrue-first"), std::string::npos) << refused.message();
  RecordOutcomeOptions award = Award();
  award.accrue_first = false;
  award.terms.compound = true;
  RecordOutcomeRequest award_request;
  EXPECT_EQ(BuildRecordOutcomeRequest(award, &award_request).code_name(), "INVALID_ARGUMENT");
}

// Refused before anything is sent (exit 2), as the help says: more than zero.
TEST(LedgerAmounts, APaymentOfZeroOrLessIsRefusedNamingTheOption) {
  for (const char* amount : {"0", "-5万", "0.00"}) {
    RecordPaymentOptions options = DebtorPayment();
    options.amount = amount;
    RecordPaymentRequest request;
    const Status refused = BuildRecordPaymentRequest(options, &request);
    EXPECT_EQ(refused.exit_code(), 2) << amount;
    EXPECT_NE(refused.message().find("--amount"), std::string::npos) << refused.message();
    EXPECT_NE(refused.message().find("more than zero"), std::string::npos) << refused.message();
  }
}

TEST(LedgerAmounts, AnAwardsPriceMustBeMoreThanZeroAndADepositPaidMayBeZero) {
  RecordOutcomeOptions free_lot = Award();
  free_lot.price = "0";
  RecordOutcomeRequest request;
  EXPECT_EQ(BuildRecordOutcomeRequest(free_lot, &request).exit_code(), 2);
  RecordOutcomeOptions no_deposit = Award();
  no_deposit.deposit_paid = "0";
  RecordOutcomeRequest accepted;
  EXPECT_TRUE(BuildRecordOutcomeRequest(no_deposit, &accepted).ok());
  EXPECT_TRUE(accepted.has_deposit_paid());
  RecordOutcomeOptions negative_deposit = Award();
  negative_deposit.deposit_paid = "-1";
  EXPECT_EQ(BuildRecordOutcomeRequest(negative_deposit, &request).exit_code(), 2);
}

TEST(LedgerAmounts, AnAwardCarriesTheBuyersProofOfFundsAndOwnLabourDeclaration) {
  RecordOutcomeOptions options = Award();
  options.buyer_proof_of_funds = "100万";
  options.buyer_own_labour_income = true;
  RecordOutcomeRequest request;
  ASSERT_TRUE(BuildRecordOutcomeRequest(options, &request).ok());
  EXPECT_EQ(request.buyer_proof_of_funds().units(), 1000000);
  EXPECT_TRUE(request.buyer_declared_own_labour_income());
  RecordOutcomeOptions negative = Award();
  negative.buyer_proof_of_funds = "-1";
  const Status refused = BuildRecordOutcomeRequest(negative, &request);
  EXPECT_EQ(refused.exit_code(), 2);
  EXPECT_NE(refused.message().find("--buyer-proof-of-funds"), std::string::npos)
      << refused.message();
}

// A deposit kept is 0.01 or more (leave the option out to keep none): refused here, exit 2,
// naming the option, rather than sent for the server to refuse.
TEST(LedgerAmounts, ADepositKeptAtRescissionMustBeMoreThanZero) {
  for (const char* amount : {"0", "-1", "-500万"}) {
    RescindOutcomeOptions options{"00000000-0000-4000-8000-000000000001", "买受人未按期付款",
                                  amount, ""};
    disposal::v1::RescindOutcomeRequest request;
    const Status refused = BuildRescindOutcomeRequest(options, &request);
    EXPECT_EQ(refused.exit_code(), 2) << amount;
    EXPECT_EQ(refused.message().rfind("--forfeit-deposit", 0), 0u) << refused.message();
  }
  RescindOutcomeOptions kept{"00000000-0000-4000-8000-000000000001", "买受人未按期付款", "0.01",
                             ""};
  disposal::v1::RescindOutcomeRequest request;
  ASSERT_TRUE(BuildRescindOutcomeRequest(kept, &request).ok());
  EXPECT_EQ(request.forfeited_deposit().nanos(), 10000000);
  EXPECT_FALSE(request.request_id().empty());
}

TEST(ReductionOrder, ADebtReductionCarriesItsOrder) {
  RecordOutcomeOptions options = Award();
  options.method = "debt-reduction";
  options.order = {"principal", "interest", "costs", "penalty"};
  RecordOutcomeRequest request;
  ASSERT_TRUE(BuildRecordOutcomeRequest(options, &request).ok());
  ASSERT_EQ(request.allocation_order_size(), 4);
  EXPECT_EQ(request.allocation_order(0), disposal::v1::ALLOCATION_BUCKET_PRINCIPAL);
  EXPECT_EQ(request.allocation_order(3), disposal::v1::ALLOCATION_BUCKET_PENALTY);
}

TEST(ReductionOrder, AnOrderOnASaleIsRefusedNamingTheOption) {
  RecordOutcomeOptions options = Award();
  options.order = {"principal", "interest", "costs", "penalty"};
  RecordOutcomeRequest request;
  const Status status = BuildRecordOutcomeRequest(options, &request);
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
  EXPECT_NE(status.message().find("--order"), std::string::npos) << status.message();
}

TEST(ReductionOrder, AnOrderMissingABucketIsRefusedNamingTheOption) {
  RecordOutcomeOptions options = Award();
  options.method = "debt-reduction";
  options.order = {"principal", "interest"};
  RecordOutcomeRequest request;
  const Status status = BuildRecordOutcomeRequest(options, &request);
  EXPECT_EQ(status.code_name(), "INVALID_ARGUMENT");
  EXPECT_NE(status.message().find("--order"), std::string::npos) << status.message();
}

TEST(AccrueFirstTerms, CompoundAloneLeavesTheBasisUnstated) {
  RecordPaymentOptions options = DebtorPayment();
  options.terms.compound = true;
  RecordPaymentRequest request;
  ASSERT_TRUE(BuildRecordPaymentRequest(options, &request).ok());
  const AccrualTerms& terms = request.accrue_first();
  EXPECT_FALSE(terms.as_last_accrued());
  EXPECT_TRUE(terms.compound_overdue_interest());
  // Unstated, so that a claim with its own ACT/365 terms is not refused for ACT/360.
  EXPECT_EQ(terms.basis(), disposal::v1::DAY_COUNT_BASIS_UNSPECIFIED);
}

TEST(AccrueFirstTerms, PaymentCarriesTheCourtsInterestTerms) {
  RecordPaymentOptions options = DebtorPayment();
  options.terms.court = {"44865.89万", "2022-01-16", "0.02%"};
  RecordPaymentRequest request;
  ASSERT_TRUE(BuildRecordPaymentRequest(options, &request).ok());
  const AccrualTerms& terms = request.accrue_first();
  EXPECT_FALSE(terms.as_last_accrued());
  ASSERT_TRUE(terms.has_court_delay());
  EXPECT_EQ(terms.court_delay().judgment_debt().units(), 448658900);
  EXPECT_EQ(terms.court_delay().delay_start().year(), 2022);
  EXPECT_EQ(terms.court_delay().delay_start().day(), 16);
  EXPECT_EQ(terms.court_delay().daily_rate().value(), "0.0002");
}

TEST(AccrueFirstTerms, AwardCarriesTheBasisAndTheCourtsInterestWithoutItsRate) {
  RecordOutcomeOptions options = Award();
  options.terms.basis = "act365";
  options.terms.court = {"1,000.00", "2022-01-16", ""};
  RecordOutcomeRequest request;
  ASSERT_TRUE(BuildRecordOutcomeRequest(options, &request).ok());
  const AccrualTerms& terms = request.accrue_first();
  EXPECT_EQ(terms.basis(), disposal::v1::DAY_COUNT_BASIS_ACT_365);
  ASSERT_TRUE(terms.has_court_delay());
  EXPECT_EQ(terms.court_delay().judgment_debt().units(), 1000);
  EXPECT_FALSE(terms.court_delay().has_daily_rate());
}

TEST(AccrueFirstTerms, UnreadableCourtDebtIsRefusedNamingTheOption) {
  RecordPaymentOptions options = DebtorPayment();
  options.terms.court = {"lots", "2022-01-16", ""};
  RecordPaymentRequest request;
  const Status status = BuildRecordPaymentRequest(options, &request);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("--court-debt"), std::string::npos) << status.message();
}

TEST(AccrueFirstTerms, UnreadableCourtDelayStartIsRefusedNamingTheOption) {
  RecordOutcomeOptions options = Award();
  options.terms.court = {"1000", "2022-02-30", ""};
  RecordOutcomeRequest request;
  const Status status = BuildRecordOutcomeRequest(options, &request);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("--court-delay-start"), std::string::npos) << status.message();
}

TEST(AccrueFirstTerms, WithoutAccrueFirstNoAccrualIsAskedFor) {
  RecordPaymentOptions options = DebtorPayment();
  options.accrue_first = false;
  RecordPaymentRequest request;
  ASSERT_TRUE(BuildRecordPaymentRequest(options, &request).ok());
  EXPECT_FALSE(request.has_accrue_first());
}

TEST(BasisText, LeftOutIsUnspecifiedSoTheClaimsOwnTermsApply) {
  EXPECT_EQ(BasisOf(""), disposal::v1::DAY_COUNT_BASIS_UNSPECIFIED);
  EXPECT_EQ(BasisOf("act360"), disposal::v1::DAY_COUNT_BASIS_ACT_360);
  EXPECT_EQ(BasisOf("act365"), disposal::v1::DAY_COUNT_BASIS_ACT_365);
}

}  // namespace
}  // namespace disposalctl
