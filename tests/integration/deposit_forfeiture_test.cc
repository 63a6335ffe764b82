// A defaulting buyer's deposit kept as the award is rescinded (RescindOutcome's
// forfeited_deposit) through LedgerService against a real PostgreSQL: one transaction books
// the rescission and the forfeiture, the outcome shows the deposit kept, a retry books nothing
// more, and a bad amount books nothing at all.
#include <pqxx/pqxx>

#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class DepositForfeitureTest : public OutcomeFixture {
 protected:
  // Lot 0 (tranche 1) awarded on 2021-09-01 for 300,000,000.00 to a buyer who paid a deposit
  // of 10,000,000.00 (the seed disposal asks for none).
  v1::Outcome AwardedLotOne() { return AwardedWithDeposit(0, "300000000.00", 1, "10000000.00"); }

  // `lot` awarded on the given day of September 2021, the award stating the deposit paid.
  v1::Outcome AwardedWithDeposit(int lot, const std::string& price, int day, const char* deposit) {
    v1::RecordOutcomeRequest request = Award(disposal_, lot, price, 2021, 9, day);
    *request.mutable_deposit_paid() = Amount(deposit);
    v1::Outcome outcome;
    const grpc::Status status = RecordOutcome(request, &outcome);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return outcome;
  }

  grpc::Status Rescind(const std::string& outcome_id, const char* kept,
                       const std::string& request_id, v1::Outcome* out) {
    v1::RescindOutcomeRequest request;
    request.set_outcome_id(outcome_id);
    request.set_memo("买受人未按期付款");
    request.set_request_id(request_id);
    if (kept != nullptr) *request.mutable_forfeited_deposit() = Amount(kept);
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->RescindOutcome(&context, request, out);
  }

  // The balance of an AMC account on the trial balance as of the ledger's today ("0.00" if
  // absent).
  std::string AmcBalance(const std::string& account) {
    const v1::TrialBalance trial = Trial(Day(2026, 11, 28));
    for (const v1::AccountBalance& line : trial.accounts()) {
      if (line.account() == account) return Text(line.balance());
    }
    return "0.00";
  }

  static void ExpectInvalid(const grpc::Status& status, const std::string& reason) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find("forfeited_deposit"), std::string::npos)
        << status.error_message();
    EXPECT_NE(status.error_message().find(reason), std::string::npos) << status.error_message();
  }
};

TEST_F(DepositForfeitureTest, RescissionWithADepositKeptBooksItAsIncomeAgainstCash) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "5000000.00", "rescind-keep", &rescinded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(rescinded.rescission_entry_id(), 0);
  EXPECT_NE(rescinded.forfeiture_entry_id(), 0);
  EXPECT_EQ(Text(rescinded.forfeited_deposit()), "5000000.00");
  EXPECT_EQ(AmcBalance("amc/forfeited_deposits"), "-5000000.00");  // a credit: income
  // Dated the day of the call (the ledger's today here), not the award's.
  EXPECT_EQ(Count("journal_entries WHERE kind = 'forfeiture' AND effective_date = '2026-11-28' "
                  "AND claim_id = '" +
                  claim_id_ + "'"),
            1);
  EXPECT_EQ(
      Count("journal_postings WHERE entry_id = " + std::to_string(rescinded.forfeiture_entry_id()) +
            " AND account = 'amc/cash' AND debit = 5000000.00"),
      1);
}

TEST_F(DepositForfeitureTest, StatementShowsTheDepositKeptApartFromWhatWasRecovered) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(outcome.id(), "5000000.00", "rescind-keep", &rescinded).ok());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.deposits_kept()), "5000000.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
}

TEST_F(DepositForfeitureTest, OutcomeReadLaterShowsTheDepositKept) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(outcome.id(), "5000000.00", "rescind-keep", &rescinded).ok());
  const v1::Outcome fetched = GetOutcome(outcome.id());
  EXPECT_EQ(fetched.forfeiture_entry_id(), rescinded.forfeiture_entry_id());
  EXPECT_EQ(Text(fetched.forfeited_deposit()), "5000000.00");
}

TEST_F(DepositForfeitureTest, RescissionWithoutADepositBooksNoForfeiture) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(outcome.id(), nullptr, "rescind-plain", &rescinded).ok());
  EXPECT_EQ(rescinded.forfeiture_entry_id(), 0);
  EXPECT_FALSE(rescinded.has_forfeited_deposit());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'forfeiture'"), 0);
}

TEST_F(DepositForfeitureTest, RetryOfARescissionWithADepositBooksNothingMore) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome first, again;
  ASSERT_TRUE(Rescind(outcome.id(), "5000000.00", "rescind-keep", &first).ok());
  const grpc::Status status = Rescind(outcome.id(), "5000000.00", "rescind-keep", &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.forfeiture_entry_id(), first.forfeiture_entry_id());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'forfeiture'"), 1);
  EXPECT_EQ(AmcBalance("amc/forfeited_deposits"), "-5000000.00");
}

TEST_F(DepositForfeitureTest, RetryWithAnotherDepositIsRefusedAsAnotherBody) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome first, again;
  ASSERT_TRUE(Rescind(outcome.id(), "5000000.00", "rescind-keep", &first).ok());
  const grpc::Status status = Rescind(outcome.id(), "6000000.00", "rescind-keep", &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'forfeiture'"), 1);
}

TEST_F(DepositForfeitureTest, DepositAboveThePriceIsRefusedAndNothingIsRescinded) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ExpectInvalid(Rescind(outcome.id(), "300000000.01", "rescind-too-much", &rescinded),
                "must not exceed the award's price 300000000.00");
  EXPECT_EQ(Count("journal_entries WHERE kind IN ('reversal', 'forfeiture')"), 0);
  EXPECT_EQ(GetOutcome(outcome.id()).rescission_entry_id(), 0);
}

TEST_F(DepositForfeitureTest, ZeroDepositIsRefusedNamingTheField) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ExpectInvalid(Rescind(outcome.id(), "0.00", "rescind-zero", &rescinded),
                "must be more than zero");
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

TEST_F(DepositForfeitureTest, DepositOnAnAwardRescindedAlreadyIsRefused) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(outcome.id(), nullptr, "rescind-plain", &rescinded).ok());
  const grpc::Status status = Rescind(outcome.id(), "5000000.00", "rescind-keep-late", &rescinded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("rescinded"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'forfeiture'"), 0);
}

TEST_F(DepositForfeitureTest, RescissionRefusedForAStandingPaymentBooksNoForfeitureEither) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "deposit"), &payment).ok());
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "5000000.00", "rescind-keep", &rescinded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("reverse it first"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind IN ('reversal', 'forfeiture')"), 0);
}

TEST_F(DepositForfeitureTest, ReversedForfeitureNoLongerShowsOnTheOutcome) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(outcome.id(), "5000000.00", "rescind-keep", &rescinded).ok());
  v1::JournalEntry refund;
  const grpc::Status status = Reverse(rescinded.forfeiture_entry_id(), "refunded", &refund);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Outcome fetched = GetOutcome(outcome.id());
  EXPECT_EQ(fetched.forfeiture_entry_id(), 0);
  EXPECT_EQ(AmcBalance("amc/forfeited_deposits"), "0.00");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.deposits_kept()), "0.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
}

TEST_F(DepositForfeitureTest, EarlierLotIsRescindedDespiteALaterLotsForfeiture) {
  const v1::Outcome earlier = Awarded(1, "90000000.00", 1);
  const v1::Outcome later = AwardedWithDeposit(0, "300000000.00", 2, "10000000.00");
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(later.id(), "5000000.00", "rescind-later", &rescinded).ok());
  // The forfeiture was booked after the earlier award; it concerns the later buyer alone.
  const grpc::Status status = Rescind(earlier.id(), nullptr, "rescind-earlier", &rescinded);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(GetOutcome(earlier.id()).rescission_entry_id(), 0);
}

TEST_F(DepositForfeitureTest, OutcomeKeepsTheDepositTheAwardStated) {
  const v1::Outcome outcome = AwardedLotOne();
  EXPECT_EQ(Text(outcome.deposit_paid()), "10000000.00");
  EXPECT_EQ(Text(GetOutcome(outcome.id()).deposit_paid()), "10000000.00");
}

TEST_F(DepositForfeitureTest, WholeDepositPaidMayBeKept) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "10000000.00", "rescind-all", &rescinded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Text(rescinded.forfeited_deposit()), "10000000.00");
}

TEST_F(DepositForfeitureTest, MoreThanTheDepositPaidIsRefusedAndNothingIsRescinded) {
  const v1::Outcome outcome = AwardedLotOne();
  v1::Outcome rescinded;
  ExpectInvalid(Rescind(outcome.id(), "10000000.01", "rescind-more", &rescinded),
                "must not exceed the deposit held, 10,000,000.00");
  EXPECT_EQ(Count("journal_entries WHERE kind IN ('reversal', 'forfeiture')"), 0);
  EXPECT_EQ(GetOutcome(outcome.id()).rescission_entry_id(), 0);
}

TEST_F(DepositForfeitureTest, AwardWithoutADepositOnADisposalAskingNoneHasNoneToKeep) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  EXPECT_EQ(Text(outcome.deposit_paid()), "0.00");
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "1.00", "rescind-none-held", &rescinded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("no deposit is held"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind IN ('reversal', 'forfeiture')"), 0);
}

TEST_F(DepositForfeitureTest, NegativeDepositPaidIsRefusedNamingTheFieldAndNothingIsBooked) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  *request.mutable_deposit_paid() = Amount("-1.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("deposit_paid"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

// A retry that found no entries under its request id, then reads the outcome just after its
// first call committed the rescission: it gets that call's answer, not "rescinded already".
TEST_F(DepositForfeitureTest, RetryOvertakenByItsFirstCallGetsThatCallsAnswer) {
  const v1::Outcome outcome = AwardedLotOne();
  grpc::Status first_call;
  v1::Outcome first;
  outcome_repository_->before_get = [&] {
    first_call = Rescind(outcome.id(), "5000000.00", "rescind-raced", &first);
  };
  v1::Outcome retried;
  const grpc::Status retry = Rescind(outcome.id(), "5000000.00", "rescind-raced", &retried);
  ASSERT_TRUE(first_call.ok()) << first_call.error_message();
  ASSERT_TRUE(retry.ok()) << retry.error_message();
  EXPECT_EQ(retried.rescission_entry_id(), first.rescission_entry_id());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM journal_entries WHERE call_request_id = "
                      "'rescind-raced'"),
            "2");  // the reversal and the forfeiture, once
}

}  // namespace
}  // namespace disposal::testing
