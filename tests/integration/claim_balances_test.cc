// The claims' running balances (schema/0011) that bookings plan from: they always equal the sum
// of each claim account's postings, and a back-dated payment is allocated on the balances of
// its own date, not on the running ones.
#include <thread>

#include "support/ledger_fixture.h"

namespace disposal::testing {
namespace {

class ClaimBalancesTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    claim_id_ = PublishedSeed().lots(0).claim_id();
  }

  grpc::Status DebtorPays(const char* amount, const v1::Date& received,
                          const std::string& request_id, v1::Payment* payment) {
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = received;
    request.set_request_id(request_id);
    return Pay(request, payment);
  }

  // Claim accounts (and tranches) whose running balance differs from their postings' sum,
  // either side missing counting as a difference.
  std::string Mismatches() {
    return db_.Query(
        "SELECT count(*) FROM (SELECT account, coalesce(tranche, 0) AS tranche, "
        "  sum(debit - credit) AS balance FROM journal_postings WHERE account LIKE 'claim/%' "
        "  GROUP BY 1, 2) AS summed "
        "FULL JOIN claim_account_balances AS running USING (account, tranche) "
        "WHERE running.balance IS DISTINCT FROM summed.balance");
  }

  std::string AppliedTo(const v1::Payment& payment, v1::AllocationBucket bucket) {
    for (const v1::PaymentApplication& application : payment.applications()) {
      if (application.bucket() == bucket) return Text(application.amount());
    }
    return "none";
  }

  std::string claim_id_;
};

TEST_F(ClaimBalancesTest, RunningBalancesEqualEachClaimAccountsPostings) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 12, 31), "accrue-2021", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(DebtorPays("1234567.89", Day(2022, 1, 5), "pays-1", &payment).ok());
  ASSERT_TRUE(DebtorPays("0.01", Day(2022, 1, 6), "pays-2", &payment).ok());

  EXPECT_NE(db_.Query("SELECT count(*) FROM claim_account_balances"), "0");
  EXPECT_EQ(Mismatches(), "0");
  EXPECT_EQ(db_.Query("SELECT max(latest_effective)::text FROM claim_account_balances"),
            "2022-01-06");
}

TEST_F(ClaimBalancesTest, BackDatedPaymentOwesTheInterestOfItsDateAndNoLater) {
  // Interest accrued after 2021-07-15 (monthly entries from 2021-07-31) is not yet owed then:
  // the payment clears the cut-off interest, 357,791,700.00, and the 704,444.26 of 07-01..07-15
  // (inside July's entry of 07-31), and the rest goes to principal.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 12, 31), "accrue-2021", &accrued).ok());
  v1::Payment payment;
  ASSERT_TRUE(DebtorPays("400000000.00", Day(2021, 7, 15), "pays-back-dated", &payment).ok());

  EXPECT_EQ(AppliedTo(payment, v1::ALLOCATION_BUCKET_INTEREST), "358496144.26");
  EXPECT_EQ(AppliedTo(payment, v1::ALLOCATION_BUCKET_PRINCIPAL), "41503855.74");
  EXPECT_EQ(Mismatches(), "0");
}

TEST_F(ClaimBalancesTest, PaymentAfterTheAccrualsIsAllocatedOnTheAccruedInterest) {
  v1::Payment payment;
  ASSERT_TRUE(DebtorPays("0.01", Day(2021, 7, 15), "opens", &payment).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 12, 31), "accrue-2021", &accrued).ok());
  const std::string interest_owed = Text(Statement(claim_id_).interest_balance());

  ASSERT_TRUE(DebtorPays("400000000.00", Day(2022, 1, 5), "pays-after", &payment).ok());

  EXPECT_EQ(AppliedTo(payment, v1::ALLOCATION_BUCKET_INTEREST), interest_owed);
  EXPECT_EQ(Text(Statement(claim_id_).interest_balance()), "0.00");
  EXPECT_EQ(Mismatches(), "0");
}

TEST_F(ClaimBalancesTest, ConcurrentPaymentsOnOneClaimAreEachBookedAndTheBalancesAgree) {
  v1::Payment opening;
  ASSERT_TRUE(DebtorPays("0.01", Day(2021, 7, 15), "opens", &opening).ok());
  const std::string owed_before = Text(Statement(claim_id_).interest_balance());
  constexpr int kClients = 6, kPaymentsEach = 5;
  std::vector<std::vector<grpc::Status>> statuses(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([this, c, &statuses] {
      for (int n = 0; n < kPaymentsEach; ++n) {
        v1::Payment payment;
        statuses[static_cast<size_t>(c)].push_back(
            DebtorPays("0.01", Day(2021, 7, 16),
                       "race-" + std::to_string(c) + "-" + std::to_string(n), &payment));
      }
    });
  }
  for (std::thread& client : clients) client.join();
  for (const std::vector<grpc::Status>& each : statuses) {
    for (const grpc::Status& status : each) EXPECT_TRUE(status.ok()) << status.error_message();
  }

  EXPECT_EQ(db_.Query("SELECT count(*) FROM payments"),
            std::to_string(1 + kClients * kPaymentsEach));
  // Thirty payments of 0.01, all to interest: 0.30 less owed, neither more nor less.
  EXPECT_EQ(db_.Query("SELECT (" + std::string("'") + owed_before + "'::numeric - " +
                      "(SELECT sum(balance) FROM claim_account_balances "
                      "WHERE account LIKE '%/interest'))::text"),
            "0.30");
  EXPECT_EQ(Mismatches(), "0");
}

}  // namespace
}  // namespace disposal::testing
