// Rescinding an award (reversing its journal entry) through LedgerService against a real
// PostgreSQL: the lot's balances come back on the claim's books, the outcome no longer sells
// nor takes payments, the lot can be awarded again, interest accrues again on it, and the
// rescission waits for whatever was booked on the claim after the award.
#include <pqxx/pqxx>

#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

class AwardRescissionTest : public OutcomeFixture {
 protected:
  // Runs `sql`, which PostgreSQL must refuse with `reason` in its message.
  void ExpectDatabaseRefuses(const std::string& sql, const std::string& reason) {
    try {
      db_.Query(sql);
      ADD_FAILURE() << "not refused: " << sql;
    } catch (const pqxx::sql_error& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  }

  // Court interest accrued through August, lot 0 (tranche 1) awarded on the given day of
  // September, then September and October accrued without it (the court's interest only).
  // Returns the award; `autumn` gets the accrual of September and October.
  v1::Outcome SoldThroughOctober(int award_day, v1::AccrueInterestResponse* autumn) {
    v1::AccrueInterestResponse august;
    EXPECT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
    const v1::Outcome outcome = Awarded(0, "300000000.00", award_day);
    EXPECT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", autumn).ok());
    return outcome;
  }

  // Tranche 1 (lot 0) awarded on 09-01, September and October accrued while it was sold (the
  // court's interest only), the award rescinded, November accrued (catching it up); and a
  // second seed claim never sold, accrued with the court's interest through November. Returns
  // the second claim's id.
  std::string NeverSoldBesideOneRescindedAndCaughtUpInNovember() {
    const std::string never_sold = CreateSeedClaim("seed-claim-never-sold");
    v1::AccrueInterestResponse accrued;
    EXPECT_TRUE(AccrueWithCourtInterestOn(never_sold, Day(2021, 11, 30),
                                          "accrue-never-sold-november", &accrued)
                    .ok());
    EXPECT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &accrued).ok());
    const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
    EXPECT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &accrued).ok());
    Reversed(outcome.entry_id(), "rescind");
    EXPECT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "accrue-november", &accrued).ok());
    return never_sold;
  }

  // FAILED_PRECONDITION, with `reason` in the message.
  static void ExpectRefused(const grpc::Status& status, const std::string& reason) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(status.error_message().find(reason), std::string::npos) << status.error_message();
  }

  // Reverses `entry_id`, expecting success.
  v1::JournalEntry Reversed(int64_t entry_id, const std::string& request_id) {
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(entry_id, request_id, &reversal);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reversal;
  }
};

TEST_F(AwardRescissionTest, RescindingAnAwardPutsTheLotsBookValueBackOnTheClaim) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  const v1::JournalEntry reversal = Reversed(outcome.entry_id(), "rescind");
  EXPECT_EQ(reversal.kind(), v1::ENTRY_KIND_REVERSAL);
  EXPECT_EQ(reversal.reverses_entry_id(), outcome.entry_id());
  // On the award's own date.
  EXPECT_EQ(reversal.effective_date().SerializeAsString(), Day(2021, 9, 1).SerializeAsString());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.principal_balance()), "448658900.00");  // both tranches again
  EXPECT_EQ(Text(statement.interest_balance()), "357791700.00");
  EXPECT_EQ(Text(statement.receivable_balance()), "0.00");
  EXPECT_EQ(Text(statement.disposal_loss()), "0.00");
  const v1::TrialBalance trial = Trial(Day(2021, 12, 31));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
}

TEST_F(AwardRescissionTest, RescindedOutcomeShowsTheReversalThatRescindedIt) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  EXPECT_EQ(outcome.rescission_entry_id(), 0);
  EXPECT_EQ(outcome.award_number(), 1);
  const v1::JournalEntry reversal = Reversed(outcome.entry_id(), "rescind");
  EXPECT_EQ(GetOutcome(outcome.id()).rescission_entry_id(), reversal.entry_id());
}

TEST_F(AwardRescissionTest, RescindOutcomeReversesTheAwardsEntryAndReturnsTheOutcome) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "买受人未按期付款", "rescind", &rescinded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(rescinded.id(), outcome.id());
  EXPECT_EQ(db_.Query("SELECT entry_id FROM journal_entries WHERE reverses = " +
                      std::to_string(outcome.entry_id())),
            std::to_string(rescinded.rescission_entry_id()));
  EXPECT_EQ(db_.Query("SELECT memo FROM journal_entries WHERE reverses IS NOT NULL"),
            "买受人未按期付款");
  EXPECT_EQ(Text(Statement(claim_id_).receivable_balance()), "0.00");
}

TEST_F(AwardRescissionTest, RetriedRescindOutcomeAnswersTheFirstRescissionAndBooksOnce) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::Outcome first, retried;
  ASSERT_TRUE(Rescind(outcome.id(), "buyer defaulted", "rescind", &first).ok());
  const grpc::Status status = Rescind(outcome.id(), "buyer defaulted", "rescind", &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.rescission_entry_id(), first.rescission_entry_id());
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 1);
}

TEST_F(AwardRescissionTest, RescindingAnUnknownOutcomeIsNotFound) {
  v1::Outcome outcome;
  const grpc::Status status =
      Rescind("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "buyer defaulted", "rescind", &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
}

TEST_F(AwardRescissionTest, ARescissionsRequestIdReusedForAnUnknownOutcomeIsAlreadyExists) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::Outcome first, other;
  ASSERT_TRUE(Rescind(outcome.id(), "buyer defaulted", "rescind-once", &first).ok());
  const grpc::Status status =
      Rescind("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "buyer defaulted", "rescind-once", &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 1);
}

TEST_F(AwardRescissionTest, RescindOutcomeWithoutAMemoIsInvalidArgumentNamingTheMemo) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::Outcome rescinded;
  const grpc::Status status = Rescind(outcome.id(), "", "rescind", &rescinded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("memo"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

TEST_F(AwardRescissionTest, RescindedLotCanBeAwardedAgainAtItsFullBookValue) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  Reversed(first.entry_id(), "rescind");
  const v1::Outcome second = Awarded(0, "350000000.00", 3);
  EXPECT_NE(second.id(), first.id());
  EXPECT_EQ(second.award_number(), 2);
  EXPECT_EQ(Text(second.book_value()), kLotOneBookValue);
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.disposal_loss()), "359025100.00");  // 709,025,100 - 350,000,000
  EXPECT_EQ(Text(statement.receivable_balance()), "350000000.00");
}

TEST_F(AwardRescissionTest, StandingAwardStillKeepsASecondAwardOfItsLotOut) {
  Awarded(0, "300000000.00", 1);
  v1::Outcome second;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "350000000.00", 2021, 9, 3), &second);
  ExpectRefused(status, "already has a standing outcome");
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(AwardRescissionTest, DatabaseRefusesASecondOutcomeWithTheSameAwardNumberOfALot) {
  Awarded(0, "300000000.00", 1);
  // A copy of the award under a new id, booked with an entry of its own (an outcome is written
  // with its entry, schema/0039): with the same award number only (lot, award number) clashes;
  // with the next one it lands.
  auto copy_with_award_number_plus = [](const char* increment) {
    return std::string(
               "INSERT INTO journal_entries (request_id, call_request_id, request_hash, kind, "
               "effective_date, actor) VALUES ('copy', 'copy', decode(repeat('00', 32), 'hex'), "
               "'outcome', '2021-09-02', 'tester'); "
               "INSERT INTO journal_postings (entry_id, line, account, debit, credit) VALUES "
               "(currval('journal_entries_entry_id_seq'), 1, 'amc/disposal_gain_loss', 1.00, 0), "
               "(currval('journal_entries_entry_id_seq'), 2, 'amc/disposal_gain_loss', 0, 1.00); "
               "INSERT INTO outcomes SELECT gen_random_uuid(), disposal_id, lot_id, claim_id, "
               "tranche_number, method, buyer_kind, buyer_name, buyer_identifier, price, "
               "book_value, award_date, eligibility_decision_id, "
               "currval('journal_entries_entry_id_seq'), clock_timestamp(), award_number + ") +
           increment + " FROM outcomes";
  };
  EXPECT_THROW(db_.Query(copy_with_award_number_plus("0")), pqxx::sql_error);
  EXPECT_EQ(Count("outcomes"), 1);
  db_.Query(copy_with_award_number_plus("1"));
  EXPECT_EQ(Count("outcomes"), 2);
}

// An outcome row tied to an entry booked before (here the award's own) would make that entry
// an award twice over.
TEST_F(AwardRescissionTest, DatabaseRefusesAnOutcomeAddedToAnEntryBookedBefore) {
  Awarded(0, "300000000.00", 1);
  ExpectDatabaseRefuses(
      "INSERT INTO outcomes SELECT gen_random_uuid(), disposal_id, lot_id, claim_id, "
      "tranche_number, method, buyer_kind, buyer_name, buyer_identifier, price, book_value, "
      "award_date, eligibility_decision_id, (SELECT min(entry_id) FROM journal_entries), "
      "clock_timestamp(), award_number + 1 FROM outcomes",
      "was not written with it");
  EXPECT_EQ(Count("outcomes"), 1);
}

// A payment row added to an old entry would count as cash received against the outcome's
// instalments, though the journal's receivable is still owed.
TEST_F(AwardRescissionTest, DatabaseRefusesAPaymentRowAddedToAnEntryBookedBefore) {
  Awarded(0, "300000000.00", 1);
  ExpectDatabaseRefuses(
      "INSERT INTO payments (entry_id, outcome_id, claim_id, amount, received_date) "
      "SELECT entry_id, id, claim_id, price, award_date FROM outcomes",
      "was not written with it");
  EXPECT_EQ(Count("payments"), 0);
}

// Disposals read as of a past time take the sales recorded by then: an outcome stamped with
// its award's own time (or any time outside its transaction) is refused, even to the owner.
TEST_F(AwardRescissionTest, DatabaseRefusesAnOutcomeStampedBeforeItsTransaction) {
  Awarded(0, "300000000.00", 1);
  ExpectDatabaseRefuses(
      "INSERT INTO outcomes SELECT gen_random_uuid(), disposal_id, lot_id, claim_id, "
      "tranche_number, method, buyer_kind, buyer_name, buyer_identifier, price, book_value, "
      "award_date, eligibility_decision_id, (SELECT min(entry_id) FROM journal_entries), "
      "recorded_at, award_number + 1 FROM outcomes",
      "outside the transaction");
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(AwardRescissionTest, AwardWithAStandingBuyerPaymentIsNotRescindedUntilThePaymentIs) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "deposit"), &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(outcome.entry_id(), "rescind", &reversal);
  ExpectRefused(status, "entry " + std::to_string(payment.entry_id()) + " (payment");
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);

  Reversed(payment.entry_id(), "payment-bounced");
  Reversed(outcome.entry_id(), "rescind-after-payment");
  EXPECT_EQ(Text(Statement(claim_id_).receivable_balance()), "0.00");
}

TEST_F(AwardRescissionTest, RescindedOutcomeTakesNoPayments) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  Reversed(outcome.entry_id(), "rescind");
  v1::Payment payment;
  const grpc::Status status = Pay(BuyerPayment(outcome, "10000000.00", "late-deposit"), &payment);
  ExpectRefused(status, "rescinded");
  EXPECT_EQ(Count("payments"), 0);
}

TEST_F(AwardRescissionTest, AwardIsRescindedOnItsOwnDateOnly) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  v1::ReverseEntryRequest request;
  request.set_entry_id(outcome.entry_id());
  request.set_memo("buyer defaulted");
  *request.mutable_effective_date() = Day(2021, 10, 8);
  request.set_request_id("rescind-later");
  grpc::ClientContext context;
  v1::JournalEntry reversal;
  const grpc::Status status = ledger_stub_->ReverseEntry(&context, request, &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("effective_date"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("2021-09-01"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

TEST_F(AwardRescissionTest, EarlierLotsAwardWaitsForTheLaterLotsToBeRescinded) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  const v1::Outcome last = Awarded(1, "90000000.00", 2);
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(first.entry_id(), "rescind-first", &reversal);
  ExpectRefused(status, "entry " + std::to_string(last.entry_id()) + " (outcome");

  Reversed(last.entry_id(), "rescind-last");
  Reversed(first.entry_id(), "rescind-first-again");
  EXPECT_EQ(Text(Statement(claim_id_).principal_balance()), "448658900.00");
}

TEST_F(AwardRescissionTest, AwardIsRescindedOnce) {
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  Reversed(outcome.entry_id(), "rescind");
  v1::JournalEntry again;
  const grpc::Status status = Reverse(outcome.entry_id(), "rescind-again", &again);
  ExpectRefused(status, "already reversed");
}

TEST_F(AwardRescissionTest, RescindedTrancheAccruesAsIfNeverSold) {
  v1::AccrueInterestResponse august, september;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &august).ok());
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  Reversed(outcome.entry_id(), "rescind");
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &september).ok());
  // Tranche 1: 4.35% on 388,658,900.00, ACT/360, 92 days from 2021-07-01 = 4,320,591.44,
  // the same as if the lot had never been sold.
  EXPECT_EQ(Text(september.interest()), "1408888.51");
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "4320591.44");
}

// The seed claim never sold: tranche 1, 4.35% on 388,658,900.00, ACT/360, from 2021-07-01
// through 2021-11-30 (153 days).
constexpr char kTrancheOneInterestThroughNovember[] = "7185331.41";

TEST_F(AwardRescissionTest, AccrualsBookedWhileTheLotWasSoldStandAndTheNextOneCatchesItUp) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &accrued).ok());
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  // September and October: the court's interest only, tranche 1 being sold.
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &accrued).ok());
  Reversed(outcome.entry_id(), "rescind");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "accrue-november", &accrued).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), kTrancheOneInterestThroughNovember);
  // Caught up once: the next accrual books December alone.
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 12, 31), "accrue-december", &accrued).ok());
  // 16,906,662.15 x 184 / 360 = 8,641,182.8767 through December.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "8641182.88");
}

// November's accrual catches tranche 1 up on the months it was sold: a payment received on
// 11-20 owes them, as on a claim never sold.
TEST_F(AwardRescissionTest, PaymentInsideTheMonthThatCaughtARescindedLotUpOwesItsInterest) {
  const std::string never_sold = NeverSoldBesideOneRescindedAndCaughtUpInNovember();

  EXPECT_EQ(DueOn(claim_id_, Day(2021, 11, 20), "too-much-rescinded"),
            DueOn(never_sold, Day(2021, 11, 20), "too-much-never-sold"));
}

// The same, with the payment received inside October, a month accrued while the lot was sold
// and caught up by November's accrual since: it owes what a claim never sold owes.
TEST_F(AwardRescissionTest, PaymentInsideAMonthCaughtUpSinceOwesAsOnAClaimNeverSold) {
  const std::string never_sold = NeverSoldBesideOneRescindedAndCaughtUpInNovember();

  EXPECT_EQ(DueOn(claim_id_, Day(2021, 10, 15), "too-much-rescinded"),
            DueOn(never_sold, Day(2021, 10, 15), "too-much-never-sold"));
}

TEST_F(AwardRescissionTest, AccrualsReversedWhileTheLotWasSoldDoNotWaiveItsInterest) {
  v1::AccrueInterestResponse august, autumn, november;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &august).ok());
  const v1::Outcome outcome = Awarded(0, "300000000.00", 1);
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &autumn).ok());
  ASSERT_EQ(autumn.entries_size(), 2) << "September's and October's";
  for (const v1::JournalEntry& entry : autumn.entries()) {
    Reversed(entry.entry_id(), "waive-" + std::to_string(entry.entry_id()));
  }
  Reversed(outcome.entry_id(), "rescind");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "accrue-november", &november).ok());
  // The reversals took back the court's interest of September and October; tranche 1 was not
  // in them, and is caught up in full.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), kTrancheOneInterestThroughNovember);
}

TEST_F(AwardRescissionTest, LotIsAwardedAgainOnlyOnceTheNextAccrualCaughtItUp) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 7, 31), "accrue-july", &accrued).ok());
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &accrued).ok());
  Reversed(first.entry_id(), "rescind-first");
  v1::Outcome second;
  grpc::Status status = RecordOutcome(Award(disposal_, 0, "310000000.00", 2021, 9, 3), &second);
  ExpectRefused(status, "accrue interest first");

  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 2), "catch-up", &accrued).ok());
  status = RecordOutcome(Award(disposal_, 0, "310000000.00", 2021, 9, 3), &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-september", &accrued).ok());
  Reversed(second.entry_id(), "rescind-second");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 10, 31), "accrue-october", &accrued).ok());
  // Never sold: 16,906,662.15 x 123 / 360 through October; no month lost to either sale.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "5776442.90");
}

TEST_F(AwardRescissionTest, LotWhoseSoldMonthsWereWaivedIsCaughtUpBeforeItIsSoldAgain) {
  v1::AccrueInterestResponse accrued, autumn;
  const v1::Outcome first = SoldThroughOctober(1, &autumn);
  for (const v1::JournalEntry& entry : autumn.entries()) {
    Reversed(entry.entry_id(), "waive-" + std::to_string(entry.entry_id()));
  }
  Reversed(first.entry_id(), "rescind-first");
  v1::Outcome second;
  grpc::Status status = RecordOutcome(Award(disposal_, 0, "310000000.00", 2021, 11, 1), &second);
  ExpectRefused(status, "accrue interest first");

  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "catch-up", &accrued).ok());
  status = RecordOutcome(Award(disposal_, 0, "310000000.00", 2021, 12, 1), &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 12, 31), "accrue-december", &accrued).ok());
  Reversed(second.entry_id(), "rescind-second");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2022, 1, 31), "accrue-january", &accrued).ok());
  // Never sold: 16,906,662.15 x 215 / 360 through January 2022.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "10097034.34");
}

// A principal payment the debtor made on 2021-10-15, paying principal first.
v1::RecordPaymentRequest PrincipalPaidOnOctober15() {
  v1::RecordPaymentRequest request;
  *request.mutable_amount() = Amount("100000000.00");
  *request.mutable_received_date() = Day(2021, 10, 15);
  request.set_request_id("principal-paid-october-15");
  for (v1::AllocationBucket bucket :
       {v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_PENALTY, v1::ALLOCATION_BUCKET_COSTS,
        v1::ALLOCATION_BUCKET_INTEREST}) {
    request.add_allocation_order(bucket);
  }
  return request;
}

TEST_F(AwardRescissionTest, BackDatedPaymentInAMonthWaivedWhileTheLotWasSoldIsCorrectedOnce) {
  v1::AccrueInterestResponse accrued, autumn;
  const v1::Outcome outcome = SoldThroughOctober(1, &autumn);
  ASSERT_EQ(autumn.entries_size(), 2);
  Reversed(autumn.entries(1).entry_id(), "waive-october");  // the court's interest only
  Reversed(outcome.entry_id(), "rescind");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "catch-up", &accrued).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), kTrancheOneInterestThroughNovember);
  v1::RecordPaymentRequest payment_request = PrincipalPaidOnOctober15();
  payment_request.set_claim_id(claim_id_);
  v1::Payment payment;
  const grpc::Status paid = Pay(payment_request, &payment);
  ASSERT_TRUE(paid.ok()) << paid.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 12, 31), "accrue-december", &accrued).ok());
  // Never sold, 100,000,000.00 repaid on 10-15: 8,641,182.88 less 100,000,000.00 x 4.35% x
  // 77 / 360 (10-16 .. 12-31) = 930,416.67.
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), "7710766.21");
}

TEST_F(AwardRescissionTest, AccrualThatCaughtTheLotUpCannotBeReversed) {
  v1::AccrueInterestResponse accrued, catch_up;
  const v1::Outcome outcome = SoldThroughOctober(20, &accrued);
  Reversed(outcome.entry_id(), "rescind");
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 12, 31), "catch-up", &catch_up).ok());
  ASSERT_EQ(catch_up.entries_size(), 2);
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(catch_up.entries(0).entry_id(), "waive-november", &reversal);
  ExpectRefused(status, "caught tranche 1 up");
  // December is an accrual like any other.
  EXPECT_TRUE(Reverse(catch_up.entries(1).entry_id(), "waive-december", &reversal).ok());
}

TEST_F(AwardRescissionTest, AccrualBookedWhileTheLotWasSoldCanBeReversedAfterTheRescission) {
  v1::AccrueInterestResponse accrued, autumn;
  const v1::Outcome outcome = SoldThroughOctober(1, &autumn);
  Reversed(outcome.entry_id(), "rescind");
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(autumn.entries(1).entry_id(), "waive-october", &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 11, 30), "catch-up", &accrued).ok());
  EXPECT_EQ(Text(Statement(claim_id_).accrued_interest()), kTrancheOneInterestThroughNovember);
}

TEST_F(AwardRescissionTest, LotWithoutARateIsAwardedAgainWithNothingToCatchUp) {
  // Tranche 2 has no rate. Once tranche 1 is sold no accrual can be booked at all, so tranche
  // 2 must not wait for one.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-august", &accrued).ok());
  const v1::Outcome first = Awarded(1, "90000000.00", 1);
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &accrued).ok());
  Reversed(first.entry_id(), "rescind");
  v1::Outcome tranche_one;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 10, 1), &tranche_one).ok());
  v1::Outcome again;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 1, "95000000.00", 2021, 10, 2), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Text(again.book_value()), kLotTwoBookValue);
  EXPECT_EQ(again.award_number(), 2);
}

TEST_F(AwardRescissionTest, RefusalNamesTheLatestBookingToReverseFirst) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(first, "10000000.00", "deposit"), &payment).ok());
  const v1::Outcome last = Awarded(1, "90000000.00", 2);
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(first.entry_id(), "rescind-first", &reversal);
  ExpectRefused(status, "entry " + std::to_string(last.entry_id()) + " (outcome");
}

TEST_F(AwardRescissionTest, RescindingTheLastLotBringsBackTheClaimLevelBalances) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-august", &accrued).ok());
  Awarded(0, "300000000.00", 1);
  const v1::ClaimStatement one_lot_sold = Statement(claim_id_);
  const v1::Outcome last = Awarded(1, "90000000.00", 2);  // takes the court's interest along
  Reversed(last.entry_id(), "rescind-last");
  const v1::ClaimStatement rescinded = Statement(claim_id_);
  EXPECT_EQ(Text(rescinded.interest_balance()), Text(one_lot_sold.interest_balance()));
  EXPECT_EQ(Text(rescinded.penalty_balance()), Text(one_lot_sold.penalty_balance()));
  EXPECT_EQ(Text(rescinded.principal_balance()), "60000000.00");

  // A tranche is held again, so the court's interest runs on.
  v1::AccrueInterestResponse september;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 9, 30), "accrue-september", &september).ok());
  bool court_interest = false;
  for (const v1::JournalEntry& entry : september.entries()) {
    for (const v1::Posting& posting : entry.postings()) {
      court_interest |= posting.tranche_number() == 0 && posting.account().rfind("claim/", 0) == 0;
    }
  }
  EXPECT_TRUE(court_interest);
}

// The disposal's lifecycle follows its lots' sales in the ledger: awarded once every lot has a
// standing outcome, settled once every buyer has paid its price.
TEST_F(AwardRescissionTest, DisposalIsAwardedOnceEveryLotIsSoldAndSettledOncePaid) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  v1::Disposal read;
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_WINDOW_CLOSED);
  const v1::Outcome second = Awarded(1, "90000000.00", 2);
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_AWARDED);
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(first, "300000000.00", "pay-first"), &payment).ok());
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_AWARDED);
  ASSERT_TRUE(Pay(BuyerPayment(second, "90000000.00", "pay-second"), &payment).ok());
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_SETTLED);
}

// A sold disposal does not expire, cannot be withdrawn, and its gate says it was awarded.
TEST_F(AwardRescissionTest, AnAwardedDisposalOutlivesItsValidityAndCannotBeWithdrawn) {
  Awarded(0, "300000000.00", 1);
  Awarded(1, "90000000.00", 2);
  now_ = ShanghaiMicros(2023, 1, 1, 0);  // the notice's validity ended 2022-07-28
  v1::Disposal read;
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_AWARDED);
  v1::Disposal withdrawn;
  const grpc::Status status = Transition(read, v1::TRANSITION_WITHDRAW, &withdrawn);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("awarded"), std::string::npos) << status.error_message();
  const v1::AwardGateDecision gate = Gate(disposal_.id(), now_);
  ASSERT_EQ(gate.reasons_size(), 1);
  EXPECT_EQ(gate.reasons(0).code(), v1::GATE_REASON_CODE_ALREADY_AWARDED);
}

// Rescinding one award takes the disposal back to what the clock says, and only that lot may
// be awarded again: the other's gate still names its standing outcome.
TEST_F(AwardRescissionTest, RescindingALotsAwardReopensThatLotOnly) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  const v1::Outcome second = Awarded(1, "90000000.00", 2);
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(second.id(), "buyer defaulted", "rescind-second", &rescinded).ok());
  v1::Disposal read;
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_WINDOW_CLOSED);
  EXPECT_TRUE(Gate(disposal_.id(), now_, disposal_.lots(1).id()).allowed());
  const v1::AwardGateDecision gate = Gate(disposal_.id(), now_, disposal_.lots(0).id());
  ASSERT_EQ(gate.reasons_size(), 1);
  EXPECT_EQ(gate.reasons(0).code(), v1::GATE_REASON_CODE_ALREADY_AWARDED);
  EXPECT_NE(gate.reasons(0).message().find(first.id()), std::string::npos)
      << gate.reasons(0).message();
}

// Read as of a moment between the two awards (journal times are the database's clock), one
// lot was sold: the state is what the clock derived then, not awarded.
TEST_F(AwardRescissionTest, DisposalReadAsOfBeforeItsLastAwardIsNotAwarded) {
  Awarded(0, "300000000.00", 1);
  const int64_t between =
      std::stoll(db_.Query("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint"));
  Awarded(1, "90000000.00", 2);
  now_ = between + 3'600'000'000LL;  // the fixture's clock must not be before the time read
  grpc::ClientContext context;
  v1::GetDisposalRequest request;
  request.set_id(disposal_.id());
  *request.mutable_as_of_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(between);
  v1::Disposal then;
  ASSERT_TRUE(stub_->GetDisposal(&context, request, &then).ok());
  EXPECT_EQ(then.state(), v1::DISPOSAL_STATE_EXPIRED);  // validity ended 2022-07-28
  v1::Disposal now;
  ASSERT_TRUE(Get(disposal_.id(), &now).ok());
  EXPECT_EQ(now.state(), v1::DISPOSAL_STATE_AWARDED);
}

// A notice with a lot sold cannot be withdrawn while the sale stands; once rescinded it can.
TEST_F(AwardRescissionTest, ANoticeWithALotSoldIsWithdrawnOnlyOnceTheSaleIsRescinded) {
  const v1::Outcome first = Awarded(0, "300000000.00", 1);
  v1::Disposal read, withdrawn;
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  const grpc::Status refused = Transition(read, v1::TRANSITION_WITHDRAW, &withdrawn);
  ExpectRefused(refused, "has a standing outcome (" + first.id() + ")");
  v1::Outcome rescinded;
  ASSERT_TRUE(Rescind(first.id(), "buyer defaulted", "rescind-first", &rescinded).ok());
  ASSERT_TRUE(Get(disposal_.id(), &read).ok());
  const grpc::Status status = Transition(read, v1::TRANSITION_WITHDRAW, &withdrawn);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(withdrawn.state(), v1::DISPOSAL_STATE_WITHDRAWN);
}

}  // namespace
}  // namespace disposal::testing
