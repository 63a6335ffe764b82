// Outcomes through LedgerService against a real PostgreSQL: awards gated by the disposal and
// the buyer's eligibility, retries, one standing outcome per lot under racing clients, awards
// refused when back-dated past the lot's bookings, accruals stopping at the sale, and the seed
// claim sold in two lots and paid off, reconciling to the fen.
#include <thread>

#include "support/outcome_fixture.h"

namespace disposal::testing {
namespace {

using OutcomeTest = OutcomeFixture;

TEST_F(OutcomeTest, AwardBooksTheReceivableAgainstTheLotsBookValueWithTheLoss) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  EXPECT_EQ(Text(outcome.book_value()), kLotOneBookValue);
  EXPECT_EQ(outcome.tranche_number(), 1);
  EXPECT_FALSE(outcome.eligibility_decision_id().empty());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.disposal_loss()), "409025100.00");  // 709,025,100 - 300,000,000
  EXPECT_EQ(Text(statement.receivable_balance()), "300000000.00");
  EXPECT_EQ(Text(statement.principal_balance()), "60000000.00");  // tranche 2 remains
  const v1::TrialBalance trial = Trial(Day(2021, 12, 31));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
}

TEST_F(OutcomeTest, DecisionIdOfTheAwardTimeCheckIsAReceipt) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  log_->Flush();
  EXPECT_EQ(db_.Query("SELECT outcome FROM eligibility_decisions WHERE decision_id = '" +
                      outcome.eligibility_decision_id() + "'"),
            "ELIGIBLE");
  EXPECT_EQ(db_.Query("SELECT eligibility_decision_id::text FROM outcomes"),
            outcome.eligibility_decision_id());
}

TEST_F(OutcomeTest, AwardWhileTheWindowIsOpenIsRefusedByTheGateAndBooksNothing) {
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 8, 10), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("window"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, IneligibleBuyerIsRefusedNamingTheRuleAndBooksNothing) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  // The seed's guarantor (股东甲) may not buy the claim he guarantees.
  request.mutable_buyer()->mutable_person()->set_national_id("11010519491231002X");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("INELIGIBLE: excl.debtor"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
  EXPECT_EQ(Count("outcomes"), 0);
}

// The award's own terms are checked before the buyer: a zero price is the caller's error
// whoever buys, and the refused request leaves no decision receipt behind.
TEST_F(OutcomeTest, ZeroPriceIsInvalidArgumentBeforeTheBuyerIsChecked) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "0.00", 2021, 9, 1);
  request.mutable_buyer()->mutable_person()->set_national_id("11010519491231002X");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("price"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, RetryAfterTheBuyerWasListedReturnsTheFirstAward) {
  const v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  v1::Outcome first;
  ASSERT_TRUE(RecordOutcome(request, &first).ok());
  // Since the award the buyer has been listed as a dishonest judgment debtor: a new check says
  // INELIGIBLE, but the retry asks for the award already made, not a new one.
  const std::string buyer = request.buyer().person().national_id();
  db_.Query("INSERT INTO registry_persons (national_id, name) VALUES ('" + buyer + "', '买受人')");
  db_.Query("INSERT INTO registry_list_entries VALUES ('dishonest_judgment_debtor', '" + buyer +
            "', '最高人民法院失信被执行人名单', '2021-10-01')");
  ASSERT_TRUE(checker_->Refresh().ok());
  v1::RecordOutcomeRequest fresh = request;
  fresh.set_request_id("award-after-listing");
  v1::Outcome refused;
  ASSERT_EQ(RecordOutcome(fresh, &refused).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::Outcome retried;
  const grpc::Status status = RecordOutcome(request, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.id(), first.id());
  EXPECT_EQ(retried.eligibility_decision_id(), first.eligibility_decision_id());
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(OutcomeTest, RetryWithTheSameRequestIdAndAnotherPriceIsAlreadyExists) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  v1::Outcome first;
  ASSERT_TRUE(RecordOutcome(request, &first).ok());
  *request.mutable_price() = Amount("310000000.00");
  v1::Outcome second;
  const grpc::Status status = RecordOutcome(request, &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find("request_id"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 1);
}

TEST_F(OutcomeTest, AwardDatedBeforeALaterAccrualOnItsLotIsRefusedAndBooksNothing) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &accrued).ok());
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("bookings effective up to 2021-09-30"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
  EXPECT_EQ(Count("journal_entries WHERE kind = 'outcome'"), 0);
}

TEST_F(OutcomeTest, AnotherTranchesLaterBookingsDoNotHoldUpAnAward) {
  // Only tranche 1 has a rate: accruing through September books nothing on tranche 2 (lot 1).
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 9, 30), "accrue-september", &accrued).ok());
  v1::Outcome outcome;
  const grpc::Status status =
      RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Text(outcome.book_value()), kLotTwoBookValue);
}

TEST_F(OutcomeTest, InvalidBuyerIdentifierIsInvalidArgumentNamingTheBuyer) {
  v1::RecordOutcomeRequest request = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  request.mutable_buyer()->mutable_person()->set_national_id("110105198001010121");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("buyer.person.national_id"), std::string::npos)
      << status.error_message();
}

TEST_F(OutcomeTest, TwoSimultaneousOutcomesForOneLotBookExactlyOne) {
  std::vector<grpc::Status> statuses(2);
  std::vector<std::thread> clients;
  for (int i = 0; i < 2; ++i) {
    clients.emplace_back([this, i, &statuses] {
      v1::RecordOutcomeRequest request =
          Award(disposal_, 0, i == 0 ? "300000000.00" : "310000000.00", 2021, 9, 1);
      v1::Outcome outcome;
      statuses[static_cast<size_t>(i)] = RecordOutcome(request, &outcome);
    });
  }
  for (std::thread& client : clients) client.join();
  int booked = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++booked;
    } else {
      EXPECT_TRUE(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
                  status.error_code() == grpc::StatusCode::ABORTED)
          << status.error_message();
    }
  }
  EXPECT_EQ(booked, 1);
  EXPECT_EQ(Count("outcomes"), 1);
  EXPECT_EQ(Count("journal_entries WHERE kind = 'outcome'"), 1);
}

TEST_F(OutcomeTest, InstalmentDueBeforeTheAwardIsInvalidArgument) {
  v1::RecordOutcomeRequest request = Award(disposal_, 1, "90000000.00", 2021, 9, 1);
  v1::Instalment* early = request.add_instalments();
  *early->mutable_due_date() = Day(2021, 8, 1);
  *early->mutable_amount() = Amount("90000000.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("instalments[0].due_date"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, CourtInterestStopsWhenEveryLotOfTheClaimIsSold) {
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  v1::AccrueInterestResponse response;
  const grpc::Status status =
      AccrueWithCourtInterest(Day(2021, 12, 31), "court-after-both-lots", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("nothing of the claim accrues"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual'"), 0);
}

TEST_F(OutcomeTest, SeedSoldInTwoLotsAndPaidOffReconcilesToTheFen) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "seed-accrue", &accrued).ok());
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  // Lot 1 carries tranche 1's accrued interest too: 709,025,100.00 + 2,911,702.93.
  EXPECT_EQ(Text(lot_one.book_value()), "711936802.93");
  EXPECT_EQ(Text(lot_two.book_value()), kLotTwoBookValue);
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(lot_one, "300000000.00", "seed-pay-1"), &payment).ok());
  ASSERT_TRUE(Pay(BuyerPayment(lot_two, "50000000.00", "seed-pay-2"), &payment).ok());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.receivable_balance()), "0.00");
  EXPECT_EQ(Text(statement.recovered()), "350000000.00");
  // Book value sold 809,362,302.93 (806,450,600.00 + 2,911,702.93 accrued) - 350,000,000.00.
  EXPECT_EQ(Text(statement.disposal_loss()), "459362302.93");
  const v1::TrialBalance trial = Trial(Day(2021, 12, 31));
  EXPECT_EQ(Text(trial.total_debits()), Text(trial.total_credits()));
}

TEST_F(OutcomeTest, LastLotSoldTakesTheClaimLevelCourtInterestWithIt) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(AccrueWithCourtInterest(Day(2021, 8, 31), "accrue-with-court", &accrued).ok());
  const std::string court = Text(Statement(claim_id_).penalty_balance());
  ASSERT_NE(court, "0.00");  // kept at claim level, in no tranche

  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  EXPECT_EQ(Text(lot_one.book_value()), "711936802.93");  // tranche 1 and its accruals only
  EXPECT_EQ(Text(Statement(claim_id_).penalty_balance()), court);
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  const domain::Money expected = domain::Money::Parse(kLotTwoBookValue)
                                     .value()
                                     .Add(domain::Money::Parse(court).value())
                                     .value();
  EXPECT_EQ(Text(lot_two.book_value()), expected.ToString());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.penalty_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
}

TEST_F(OutcomeTest, AccrualAfterTheAccruingTrancheIsSoldIsRefusedNamingTheSale) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-before-sale", &accrued).ok());
  v1::Outcome sold;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &sold).ok());
  const int entries_before = Count("journal_entries");

  const grpc::Status status = Accrue(claim_id_, Day(2021, 12, 31), "accrue-after-sale", &accrued);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("tranche 1 (sold 2021-09-01)"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), entries_before);
}

TEST_F(OutcomeTest, SellingATrancheWithoutARateLeavesTheOthersAccruing) {
  v1::Outcome sold;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &sold).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-after-other-sale", &accrued).ok());
  // Tranche 1 (4.35% on 388,658,900.00, ACT/360) through August, as with nothing sold.
  EXPECT_EQ(Text(accrued.interest()), "2911702.93");
  for (const v1::JournalEntry& entry : accrued.entries()) {
    for (const v1::Posting& posting : entry.postings()) {
      EXPECT_NE(posting.tranche_number(), 2) << posting.account();
    }
  }
}

TEST_F(OutcomeTest, ReversingAnAccrualOfASoldTrancheIsRefused) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-before-sale", &accrued).ok());
  v1::Outcome sold;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &sold).ok());
  v1::ReverseEntryRequest request;
  request.set_entry_id(accrued.entries(accrued.entries_size() - 1).entry_id());
  request.set_memo("booked in error");
  request.set_request_id("reverse-after-sale");
  grpc::ClientContext context;
  context.AddMetadata("x-disposal-actor", "tester");
  v1::JournalEntry reversal;

  const grpc::Status status = ledger_stub_->ReverseEntry(&context, request, &reversal);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("tranche 1 (sold 2021-09-01)"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
}

// An award is recorded once made: a time still to come would be checked against a gate and an
// eligibility that do not hold yet.
TEST_F(OutcomeTest, AwardTimeInTheFutureIsInvalidArgumentNamingTheField) {
  now_ = ShanghaiMicros(2021, 8, 2, 10);  // the objection window closes 2021-08-25: open now
  grpc::ClientContext context;
  v1::Outcome outcome;
  const grpc::Status status = ledger_stub_->RecordOutcome(
      &context, Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("award_time", 0), 0u) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, MethodTheDisposalDoesNotAllowIsRefusedNamingTheMethodsItAllows) {
  v1::RecordOutcomeRequest award = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  award.set_method(v1::DISPOSAL_METHOD_AGREEMENT_TRANSFER);
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "method: the disposal does not allow DISPOSAL_METHOD_AGREEMENT_TRANSFER; it allows "
            "DISPOSAL_METHOD_AUCTION, DISPOSAL_METHOD_SEPARATE_LISTING");
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, InstalmentsOutOfOrderNameTheRequestsOwnField) {
  v1::RecordOutcomeRequest award = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  v1::Instalment* first = award.add_instalments();
  *first->mutable_due_date() = Day(2021, 12, 1);
  *first->mutable_amount() = Amount("100000000.00");
  v1::Instalment* second = award.add_instalments();
  *second->mutable_due_date() = Day(2021, 10, 1);
  *second->mutable_amount() = Amount("200000000.00");
  v1::Outcome outcome;
  const grpc::Status status = RecordOutcome(award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("instalments[1].due_date", 0), 0u)
      << status.error_message();
}

TEST_F(OutcomeTest, NegativeCourtRateIsInvalidArgumentEvenWithNothingToAccrue) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-first", &accrued).ok());
  // Through the date already accrued: no period to book, yet the rate is refused.
  v1::AccrueInterestRequest request = AccrueRequest(claim_id_, Day(2021, 8, 31), "bad-court-rate");
  *request.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
  *request.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  request.mutable_court_delay()->mutable_daily_rate()->set_value("-0.000175");
  const grpc::Status status = Accrue(request, &accrued);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("court_delay.daily_rate", 0), 0u)
      << status.error_message();
}

// Its day before (the performance deadline the ledger keeps) would be 1899-12-31, a date the
// ledger could store but not read back: every later call on the claim would fail.
TEST_F(OutcomeTest, CourtDelayStartingOnTheFirstDateHeldIsInvalidArgumentAndBooksNothing) {
  v1::AccrueInterestRequest request = AccrueRequest(claim_id_, Day(2021, 8, 31), "court-1900");
  *request.mutable_court_delay()->mutable_judgment_debt() = Amount("1000000.00");
  *request.mutable_court_delay()->mutable_delay_start() = Day(1900, 1, 1);
  v1::AccrueInterestResponse accrued;
  const grpc::Status status = Accrue(request, &accrued);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("court_delay.delay_start", 0), 0u)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries"), 0);
  EXPECT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-after", &accrued).ok());
}

TEST_F(OutcomeTest, CourtRateGivenAsAPercentageFigureIsInvalidArgumentNamingTheLimit) {
  v1::AccrueInterestRequest request = AccrueRequest(claim_id_, Day(2021, 8, 31), "court-percent");
  *request.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
  *request.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  request.mutable_court_delay()->mutable_daily_rate()->set_value("0.0175");  // meant 0.0175%
  v1::AccrueInterestResponse accrued;
  const grpc::Status status = Accrue(request, &accrued);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("court_delay.daily_rate", 0), 0u)
      << status.error_message();
  EXPECT_NE(status.error_message().find("at most 0.001"), std::string::npos)
      << status.error_message();
}

// The epoch is no business time: left unchecked it was read as "now" by the gate while the
// award was dated 1970-01-01.
TEST_F(OutcomeTest, AwardTimeAtTheEpochIsInvalidArgument) {
  v1::RecordOutcomeRequest award = Award(disposal_, 0, "300000000.00", 2021, 9, 1);
  award.mutable_award_time()->set_seconds(0);
  grpc::ClientContext context;
  v1::Outcome outcome;
  const grpc::Status status = ledger_stub_->RecordOutcome(&context, award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("award_time", 0), 0u) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

TEST_F(OutcomeTest, GetOutcomeWithAnIdThatIsNoUuidNamesTheRequestsField) {
  grpc::ClientContext context;
  v1::GetOutcomeRequest request;
  request.set_id("lot-1");
  v1::Outcome outcome;
  const grpc::Status status = ledger_stub_->GetOutcome(&context, request, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("id:", 0), 0u) << status.error_message();
}

// Within the clock skew, an award_time a little ahead is taken as now: the gate, still closed
// (the window open) by the server's clock, refuses it.
TEST_F(OutcomeTest, AwardTimeWithinTheClockSkewIsCheckedAsOfNow) {
  const int64_t window_end = ShanghaiMicros(2021, 8, 26, 0);
  now_ = window_end - 30'000'000;  // 2021-08-25 23:59:30, the window still open
  v1::RecordOutcomeRequest award = Award(disposal_, 0, "300000000.00", 2021, 8, 26);
  *award.mutable_award_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(window_end + 10'000'000);
  grpc::ClientContext context;
  v1::Outcome outcome;
  const grpc::Status status = ledger_stub_->RecordOutcome(&context, award, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(Count("outcomes"), 0);
}

}  // namespace
}  // namespace disposal::testing
