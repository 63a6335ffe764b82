// Costs the AMC pays to enforce a claim, through LedgerService against a real PostgreSQL:
// booked on the claim's costs account against cash, repaid first by a debtor's payment
// (民法典 art. 561), taken back by a reversal, carried away by the sale of the claim's last
// tranche, and refused, with nothing written, when the input or the claim's state is wrong.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class CostTest : public OutcomeFixture {
 protected:
  v1::RecordCostRequest CostRequest(const char* amount, const v1::Date& paid,
                                    const std::string& request_id) {
    v1::RecordCostRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_paid_date() = paid;
    request.set_description("案件受理费 (2021)沪01民初123号");
    request.set_request_id(request_id);
    return request;
  }

  // The debtor's payment of 50,000.00 received on 2021-07-15.
  v1::RecordPaymentRequest DebtorPayment(const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount("50000.00");
    *request.mutable_received_date() = Day(2021, 7, 15);
    request.set_request_id(request_id);
    return request;
  }

  int CostEntries() { return Count("journal_entries WHERE kind = 'cost'"); }

  // Expects `status` to be `code` with `text` in its message, and no cost entry written.
  void ExpectRefusedBookingNothing(const grpc::Status& status, grpc::StatusCode code,
                                   const std::string& text) {
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_NE(status.error_message().find(text), std::string::npos) << status.error_message();
    EXPECT_EQ(CostEntries(), 0);
  }
};

TEST_F(CostTest, CostDebitsTheClaimsCostsAccountAtClaimLevelAgainstCash) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-1"), &entry).ok());
  EXPECT_EQ(entry.kind(), v1::ENTRY_KIND_COST);
  EXPECT_EQ(entry.memo(), "案件受理费 (2021)沪01民初123号");
  ASSERT_EQ(entry.postings_size(), 2);
  EXPECT_EQ(entry.postings(0).account(), "claim/" + claim_id_ + "/costs");
  EXPECT_EQ(entry.postings(0).tranche_number(), 0);
  EXPECT_EQ(Text(entry.postings(0).debit()), "12350.00");
  EXPECT_EQ(entry.postings(1).account(), "amc/cash");
  EXPECT_EQ(Text(entry.postings(1).credit()), "12350.00");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.costs_balance()), "12350.00");
  EXPECT_EQ(Text(statement.costs_advanced()), "12350.00");
  // Cash paid out for the claim is not a recovery netted against what came in.
  EXPECT_EQ(Text(statement.recovered()), "0.00");
  const v1::TrialBalance trial = Trial(Day(2021, 12, 31));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
}

TEST_F(CostTest, FirstCostOpensTheClaimsBooksBeforeBookingIt) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-opens"), &entry).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'opening'"), 1);
  EXPECT_EQ(Text(Statement(claim_id_).principal_balance()), "448658900.00");
}

TEST_F(CostTest, DebtorPaymentRepaysCostsBeforeInterest) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("10000.00", Day(2021, 7, 10), "cost-first"), &entry).ok());
  const v1::RecordPaymentRequest request = DebtorPayment("debtor-pays-costs");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  ASSERT_EQ(payment.applications_size(), 2);
  EXPECT_EQ(payment.applications(0).bucket(), v1::ALLOCATION_BUCKET_COSTS);
  EXPECT_EQ(Text(payment.applications(0).amount()), "10000.00");
  EXPECT_EQ(payment.applications(1).bucket(), v1::ALLOCATION_BUCKET_INTEREST);
  EXPECT_EQ(Text(payment.applications(1).amount()), "40000.00");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.costs_balance()), "0.00");
  EXPECT_EQ(Text(statement.costs_advanced()), "10000.00");
  EXPECT_EQ(Text(statement.recovered()), "50000.00");
}

TEST_F(CostTest, ContractOrderCanPayCostsAfterPrincipal) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("10000.00", Day(2021, 7, 10), "cost-last"), &entry).ok());
  v1::RecordPaymentRequest request = DebtorPayment("debtor-pays-principal-first");
  for (const v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_INTEREST,
        v1::ALLOCATION_BUCKET_PENALTY, v1::ALLOCATION_BUCKET_COSTS}) {
    request.add_allocation_order(bucket);
  }
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "10000.00");
}

// The seed's interest (357,791,700.00) paid in full before the costs, by contract; the retry
// answers with the applications in that order too, as the first call did.
TEST_F(CostTest, RetryOfAPaymentInAContractOrderAnswersInThatOrder) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("10000.00", Day(2021, 7, 10), "cost-after"), &entry).ok());
  v1::RecordPaymentRequest request = DebtorPayment("debtor-pays-interest-first");
  *request.mutable_amount() = Amount("357796700.00");
  for (const v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_INTEREST, v1::ALLOCATION_BUCKET_COSTS,
        v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_PENALTY}) {
    request.add_allocation_order(bucket);
  }
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(request, &first).ok());
  ASSERT_TRUE(Pay(request, &retry).ok());
  const std::vector<std::string> expected = {"ALLOCATION_BUCKET_INTEREST:357791700.00",
                                             "ALLOCATION_BUCKET_COSTS:5000.00"};
  EXPECT_EQ(Applications(first), expected);
  EXPECT_EQ(Applications(retry), expected);
}

TEST_F(CostTest, RetryWithTheSameRequestIdBooksOnceAndAnotherBodyIsAlreadyExists) {
  v1::JournalEntry first, retry, other;
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-retry"), &first).ok());
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-retry"), &retry).ok());
  EXPECT_EQ(retry.entry_id(), first.entry_id());
  const grpc::Status status =
      RecordCost(CostRequest("99.00", Day(2021, 7, 10), "cost-retry"), &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(CostEntries(), 1);
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "12350.00");
}

TEST_F(CostTest, ReversedCostLeavesNeitherBalanceNorCostsAdvanced) {
  v1::JournalEntry entry, reversal;
  ASSERT_TRUE(RecordCost(CostRequest("8000.00", Day(2021, 7, 10), "cost-refunded"), &entry).ok());
  ASSERT_TRUE(Reverse(entry.entry_id(), "refund", &reversal).ok());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.costs_balance()), "0.00");
  EXPECT_EQ(Text(statement.costs_advanced()), "0.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
}

TEST_F(CostTest, LastTrancheSoldTakesTheCostsWithItsBookValue) {
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-sold"), &entry).ok());
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  EXPECT_EQ(Text(lot_one.book_value()), kLotOneBookValue);
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "12350.00");
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  // 97,425,500.00 + the costs kept at claim level.
  EXPECT_EQ(Text(lot_two.book_value()), "97437850.00");
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "0.00");
}

TEST_F(CostTest, RescindingTheLastLotsAwardBringsTheCostsBack) {
  v1::JournalEntry entry, rescission;
  ASSERT_TRUE(RecordCost(CostRequest("12350.00", Day(2021, 7, 10), "cost-back"), &entry).ok());
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  ASSERT_TRUE(Reverse(lot_two.entry_id(), "rescind-lot-two", &rescission).ok());
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "12350.00");
}

TEST_F(CostTest, CostBookedAfterAnotherLotsAwardDoesNotHoldUpItsRescission) {
  v1::Outcome lot_one;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  v1::JournalEntry entry, rescission;
  ASSERT_TRUE(RecordCost(CostRequest("500.00", Day(2021, 9, 2), "cost-after-award"), &entry).ok());
  const grpc::Status status = Reverse(lot_one.entry_id(), "rescind-lot-one", &rescission);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.costs_balance()), "500.00");
  EXPECT_EQ(Text(statement.principal_balance()), "448658900.00");
}

TEST_F(CostTest, ReversedDebtorPaymentPutsTheCostsItRepaidBack) {
  v1::JournalEntry entry, reversal;
  ASSERT_TRUE(RecordCost(CostRequest("10000.00", Day(2021, 7, 10), "cost-repaid"), &entry).ok());
  const v1::RecordPaymentRequest request = DebtorPayment("debtor-pays-then-bounces");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  ASSERT_TRUE(Reverse(payment.entry_id(), "bounced", &reversal).ok());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.costs_balance()), "10000.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
}

TEST_F(CostTest, CostAfterTheLastTrancheIsSoldIsRefusedNamingTheSale) {
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  v1::JournalEntry entry;
  ASSERT_TRUE(RecordCost(CostRequest("100.00", Day(2021, 9, 2), "cost-partly-sold"), &entry).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 3), &lot_two).ok());
  const grpc::Status status =
      RecordCost(CostRequest("200.00", Day(2021, 9, 4), "cost-after-sale"), &entry);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("sold 2021-09-03"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(CostEntries(), 1);
}

TEST_F(CostTest, CostDatedOnADebtorPaymentsDayIsRefusedAndTheDayAfterIsBooked) {
  const v1::RecordPaymentRequest request = DebtorPayment("debtor-pays-before-cost");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(
      RecordCost(CostRequest("100.00", Day(2021, 7, 15), "cost-on-payment-day"), &entry),
      grpc::StatusCode::FAILED_PRECONDITION,
      "paid_date: a cost dated 2021-07-15 would change how the debtor's payment of 2021-07-15");
  EXPECT_TRUE(RecordCost(CostRequest("100.00", Day(2021, 7, 16), "cost-day-after"), &entry).ok());
}

TEST_F(CostTest, CostRepaidByALaterPaymentIsTakenBackOnlyOnceThatPaymentIsReversed) {
  v1::JournalEntry cost, reversal;
  ASSERT_TRUE(RecordCost(CostRequest("10000.00", Day(2021, 7, 10), "cost-repaid-2"), &cost).ok());
  const v1::RecordPaymentRequest request = DebtorPayment("debtor-repays-cost");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  const grpc::Status refused = Reverse(cost.entry_id(), "refund-too-early", &reversal);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "0.00");
  ASSERT_TRUE(Reverse(payment.entry_id(), "bounced", &reversal).ok());
  ASSERT_TRUE(Reverse(cost.entry_id(), "refund", &reversal).ok());
  EXPECT_EQ(Text(Statement(claim_id_).costs_balance()), "0.00");
  EXPECT_EQ(Text(Statement(claim_id_).costs_advanced()), "0.00");
}

TEST_F(CostTest, CostDatedBeforeTheClaimsBooksOpenIsRefused) {
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(
      RecordCost(CostRequest("100.00", Day(2019, 1, 1), "cost-too-early"), &entry),
      grpc::StatusCode::FAILED_PRECONDITION, "before the claim's books open");
  EXPECT_EQ(Count("journal_entries"), 0);
}

TEST_F(CostTest, ZeroAmountIsInvalidArgumentNamingTheField) {
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(
      RecordCost(CostRequest("0.00", Day(2021, 7, 10), "cost-zero"), &entry),
      grpc::StatusCode::INVALID_ARGUMENT, "amount");
}

TEST_F(CostTest, PaidDateInTheFutureIsInvalidArgumentNamingTheField) {
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(
      RecordCost(CostRequest("100.00", Day(2026, 11, 29), "cost-future"), &entry),
      grpc::StatusCode::INVALID_ARGUMENT, "paid_date");
}

TEST_F(CostTest, EmptyDescriptionIsInvalidArgumentNamingTheField) {
  v1::RecordCostRequest request = CostRequest("100.00", Day(2021, 7, 10), "cost-undescribed");
  request.clear_description();
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(RecordCost(request, &entry), grpc::StatusCode::INVALID_ARGUMENT,
                              "description");
}

TEST_F(CostTest, UnknownClaimIsNotFound) {
  v1::RecordCostRequest request = CostRequest("100.00", Day(2021, 7, 10), "cost-nobody");
  request.set_claim_id("00000000-0000-4000-8000-000000000000");
  v1::JournalEntry entry;
  const grpc::Status status = RecordCost(request, &entry);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_EQ(CostEntries(), 0);
}

TEST_F(CostTest, MissingRequestIdIsInvalidArgumentNamingTheField) {
  v1::JournalEntry entry;
  ExpectRefusedBookingNothing(RecordCost(CostRequest("100.00", Day(2021, 7, 10), ""), &entry),
                              grpc::StatusCode::INVALID_ARGUMENT, "request_id");
}

}  // namespace
}  // namespace disposal::testing
