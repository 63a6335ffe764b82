// Debtors' payments are booked in the order they were received, through LedgerService against
// a real PostgreSQL: each is allocated (art. 561: costs, interest, principal) on the balances
// of its date, so one received before a payment still standing is refused rather than
// allocated on what that one left, and only the latest standing is reversed. Reversing the
// later one lets the two be recorded in order.
//
// The seed claim's first tranche, 388,658,900.00 at 4.35% ACT/360 from its cut-off 2021-06-30,
// accrues 704,444.26 over the 15 days to 2021-07-15; interest at cut-off is 357,791,700.00.
#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class PaymentOrderTest : public OutcomeFixture {
 protected:
  v1::RecordPaymentRequest DebtorPayment(const char* amount, const v1::Date& received,
                                         const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = received;
    request.set_request_id(request_id);
    request.mutable_accrue_first();  // ACT/360, no compound or court interest
    return request;
  }

  v1::Payment Paid(const char* amount, const v1::Date& received, const std::string& request_id) {
    v1::Payment payment;
    const grpc::Status status = Pay(DebtorPayment(amount, received, request_id), &payment);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return payment;
  }
};

TEST_F(PaymentOrderTest, PaymentReceivedBeforeAStandingOneIsRefusedNamingBothDates) {
  Paid("1000.00", Day(2021, 7, 20), "pay-later-received");
  v1::Payment payment;
  const grpc::Status status =
      Pay(DebtorPayment("400000000.00", Day(2021, 7, 15), "pay-earlier-received"), &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("received_date 2021-07-15"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("payment of 2021-07-20"), std::string::npos)
      << status.error_message();
}

TEST_F(PaymentOrderTest, RefusedEarlierPaymentBooksNothingNotEvenItsAccrual) {
  // Recorded without accruing first: the refused payment's own accrual, through 07-15, would
  // be the claim's first.
  v1::RecordPaymentRequest later = DebtorPayment("1000.00", Day(2021, 7, 20), "pay-later");
  later.clear_accrue_first();
  v1::Payment booked;
  ASSERT_TRUE(Pay(later, &booked).ok());
  ASSERT_EQ(Count("journal_entries WHERE kind = 'accrual'"), 0);
  const int entries = Count("journal_entries");
  const int payments = Count("payments");
  const int events = Count("audit_events");
  v1::Payment payment;
  ASSERT_FALSE(
      Pay(DebtorPayment("400000000.00", Day(2021, 7, 15), "pay-earlier-received"), &payment).ok());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual'"), 0);
  EXPECT_EQ(Count("journal_entries"), entries);
  EXPECT_EQ(Count("payments"), payments);
  EXPECT_EQ(Count("audit_events"), events);
}

TEST_F(PaymentOrderTest, PaymentOnTheDayOfTheLatestOneIsBooked) {
  Paid("1000.00", Day(2021, 7, 15), "pay-first");
  // July accrued after it: the second payment of 07-15 is back-dated, so the check runs.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-july", &accrued).ok());
  v1::Payment second;
  const grpc::Status status =
      Pay(DebtorPayment("2000.00", Day(2021, 7, 15), "pay-second-same-day"), &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Applications(second), (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:2000.00"}));
}

TEST_F(PaymentOrderTest, LaterPaymentReversedLetsBothBeRecordedInTheOrderReceived) {
  const v1::Payment later = Paid("1000.00", Day(2021, 7, 20), "pay-later-received");
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(later.entry_id(), "reverse-later-received", &reversal).ok());
  const v1::Payment earlier = Paid("400000000.00", Day(2021, 7, 15), "pay-earlier-received");
  // 357,791,700.00 at cut-off + 704,444.26 for 07-01..07-15, as if recorded on time.
  EXPECT_EQ(Applications(earlier),
            (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:358496144.26",
                                      "ALLOCATION_BUCKET_PRINCIPAL:41503855.74"}));
  // 07-16..07-20's interest on the principal left is more than 1,000.00: all of it interest.
  const v1::Payment again = Paid("1000.00", Day(2021, 7, 20), "pay-later-received-again");
  EXPECT_EQ(Applications(again), (std::vector<std::string>{"ALLOCATION_BUCKET_INTEREST:1000.00"}));
}

TEST_F(PaymentOrderTest, EarlierPaymentIsNotReversedWhileALaterOneStands) {
  const v1::Payment earlier = Paid("1000.00", Day(2021, 7, 15), "pay-earlier");
  const v1::Payment later = Paid("2000.00", Day(2021, 7, 20), "pay-later");
  const int entries = Count("journal_entries");
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(earlier.entry_id(), "reverse-earlier", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("entry " + std::to_string(later.entry_id()) +
                                        " (received 2021-07-20)"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), entries);
}

TEST_F(PaymentOrderTest, PaymentsAreReversedLatestFirst) {
  const v1::Payment earlier = Paid("1000.00", Day(2021, 7, 15), "pay-earlier");
  const v1::Payment later = Paid("2000.00", Day(2021, 7, 20), "pay-later");
  v1::JournalEntry reversal;
  ASSERT_TRUE(Reverse(later.entry_id(), "reverse-later", &reversal).ok());
  const grpc::Status status = Reverse(earlier.entry_id(), "reverse-earlier", &reversal);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(PaymentOrderTest, SameDayPaymentsAreReversedInBookingOrderLatestFirst) {
  const v1::Payment first = Paid("1000.00", Day(2021, 7, 15), "pay-first");
  const v1::Payment second = Paid("2000.00", Day(2021, 7, 15), "pay-second-same-day");
  v1::JournalEntry reversal;
  EXPECT_EQ(Reverse(first.entry_id(), "reverse-first", &reversal).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Reverse(second.entry_id(), "reverse-second", &reversal).ok());
  EXPECT_TRUE(Reverse(first.entry_id(), "reverse-first-again", &reversal).ok());
}

}  // namespace
}  // namespace disposal::testing
