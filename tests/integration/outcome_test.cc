// Outcomes and payments through LedgerService against a real PostgreSQL: awards gated by the
// disposal and the buyer's eligibility, one outcome per lot under racing clients, instalments
// paid earliest first, debtor payments allocated costs -> interest -> principal, and the seed
// claim sold in two lots and paid off, reconciling to the fen.
#include <thread>

#include "support/ledger_fixture.h"

namespace disposal::testing {
namespace {

// The seed claim: tranche 1 principal 388,658,900.00 + interest 320,366,200.00 = 709,025,100.00;
// tranche 2 principal 60,000,000.00 + interest 37,425,500.00 = 97,425,500.00.
constexpr char kLotOneBookValue[] = "709025100.00";
constexpr char kLotTwoBookValue[] = "97425500.00";

class OutcomeTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    disposal_ = PublishedSeed();  // published 2021-07-28; the window closes 2021-08-25
    claim_id_ = disposal_.lots(0).claim_id();
  }

  v1::RecordPaymentRequest BuyerPayment(const v1::Outcome& outcome, const char* amount,
                                        const std::string& request_id) {
    v1::RecordPaymentRequest request;
    request.set_outcome_id(outcome.id());
    *request.mutable_amount() = Amount(amount);
    *request.mutable_received_date() = Day(2021, 10, 8);
    request.set_request_id(request_id);
    return request;
  }

  grpc::Status Reverse(int64_t entry_id, const std::string& request_id, v1::JournalEntry* out) {
    v1::ReverseEntryRequest request;
    request.set_entry_id(entry_id);
    request.set_memo("bounced transfer");
    request.set_request_id(request_id);
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->ReverseEntry(&context, request, out);
  }

  int Count(const std::string& table) {
    return std::stoi(db_.Query("SELECT count(*) FROM " + table));
  }

  v1::Disposal disposal_;
  std::string claim_id_;
};

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
  EXPECT_NE(status.error_message().find("INELIGIBLE"), std::string::npos) << status.error_message();
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

TEST_F(OutcomeTest, InstalmentsArePaidEarliestFirstAndAnOverpaymentNamesTheAmountDue) {
  v1::RecordOutcomeRequest request = Award(disposal_, 1, "90000000.00", 2021, 9, 1);
  v1::Instalment* first = request.add_instalments();
  *first->mutable_due_date() = Day(2021, 10, 1);
  *first->mutable_amount() = Amount("30000000.00");
  v1::Instalment* second = request.add_instalments();
  *second->mutable_due_date() = Day(2021, 12, 1);
  *second->mutable_amount() = Amount("60000000.00");
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(request, &outcome).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "50000000.00", "pay-1"), &payment).ok());
  ASSERT_EQ(payment.applications_size(), 2);
  EXPECT_EQ(Text(payment.applications(0).amount()), "30000000.00");
  EXPECT_EQ(payment.applications(1).instalment_number(), 2);
  EXPECT_EQ(Text(payment.applications(1).amount()), "20000000.00");
  const grpc::Status over = Pay(BuyerPayment(outcome, "50000000.00", "pay-2"), &payment);
  EXPECT_EQ(over.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(over.error_message().find("40,000,000.00"), std::string::npos) << over.error_message();
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "40000000.00", "pay-3"), &payment).ok());
  EXPECT_EQ(Text(Statement(claim_id_).receivable_balance()), "0.00");
}

TEST_F(OutcomeTest, BuyerPaymentDatedBeforeTheAwardIsRefused) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::RecordPaymentRequest request = BuyerPayment(outcome, "10000000.00", "pay-early");
  *request.mutable_received_date() = Day(2021, 8, 1);
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("before the award"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
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

TEST_F(OutcomeTest, PaymentRetryWithTheSameRequestIdBooksOnce) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::Payment first, retry;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "pay-retry"), &first).ok());
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "10000000.00", "pay-retry"), &retry).ok());
  EXPECT_EQ(retry.entry_id(), first.entry_id());
  EXPECT_EQ(Count("payments"), 1);
}

TEST_F(OutcomeTest, DebtorPaymentGoesToInterestBeforePrincipal) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("400000000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  // Interest at cut-off 357,791,700.00 first, then 42,208,300.00 of principal.
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
  EXPECT_EQ(Text(statement.principal_balance()), "406450600.00");
  EXPECT_EQ(Text(statement.recovered()), "400000000.00");
}

TEST_F(OutcomeTest, InterestAfterADebtorPaymentAccruesOnThePrincipalLeft) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  // The interest at cut-off (357,791,700.00), then 100,000,000.00 of tranche 1's principal.
  *request.mutable_amount() = Amount("457791700.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays-principal");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 8, 31), "accrue-after-payment", &accrued).ok());
  // 4.35% ACT/360 on 388,658,900.00 for the 15 days through the payment, then on 288,658,900.00
  // from the day after: (388,658,900 x 15 + 288,658,900 x 16) x 0.0435 / 360 = 1,262,518.1296
  // through July; through August 2,343,786.2622 cumulative, so August books the difference of
  // the rounded figures.
  ASSERT_EQ(accrued.entries_size(), 2);
  EXPECT_EQ(Text(accrued.interest()), "2343786.26");
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.accrued_interest()), "2343786.26");
  EXPECT_EQ(Text(statement.principal_balance()), "348658900.00");
}

TEST_F(OutcomeTest, CourtInterestStopsWhenEveryLotOfTheClaimIsSold) {
  v1::Outcome lot_one, lot_two;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &lot_one).ok());
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "50000000.00", 2021, 9, 1), &lot_two).ok());
  grpc::ClientContext context;
  context.AddMetadata("x-disposal-actor", "tester");
  v1::AccrueInterestRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_through_date() = Day(2021, 12, 31);
  request.set_request_id("court-after-both-lots");
  *request.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
  *request.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  v1::AccrueInterestResponse response;
  const grpc::Status status = ledger_stub_->AccrueInterest(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("nothing of the claim accrues"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'accrual'"), 0);
}

TEST_F(OutcomeTest, DebtorOverpaymentIsRefusedWithTheAmountDue) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("900000000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-overpays");
  v1::Payment payment;
  const grpc::Status status = Pay(request, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("806,450,600.00"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("payments"), 0);
}

// A payment received earlier but recorded later is planned on the balances of its date, yet
// the claim paid off since owes nothing: it is refused, and no account goes negative.
TEST_F(OutcomeTest, BackDatedDebtorPaymentAfterThePayOffIsRefusedAsAnOverpayment) {
  v1::RecordPaymentRequest pay_off;
  pay_off.set_claim_id(claim_id_);
  *pay_off.mutable_amount() = Amount("806450600.00");
  *pay_off.mutable_received_date() = Day(2021, 7, 20);
  pay_off.set_request_id("debtor-pays-off");
  v1::Payment payment;
  ASSERT_TRUE(Pay(pay_off, &payment).ok());
  v1::RecordPaymentRequest earlier;
  earlier.set_claim_id(claim_id_);
  *earlier.mutable_amount() = Amount("100.00");
  *earlier.mutable_received_date() = Day(2021, 7, 15);
  earlier.set_request_id("debtor-pays-earlier");
  const grpc::Status status = Pay(earlier, &payment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("exceeds"), std::string::npos) << status.error_message();
  EXPECT_EQ(Count("payments"), 1);
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.principal_balance()), "0.00");
  EXPECT_EQ(Text(statement.interest_balance()), "0.00");
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
  grpc::ClientContext context;
  context.AddMetadata("x-disposal-actor", "tester");
  v1::AccrueInterestRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_through_date() = Day(2021, 8, 31);
  request.set_request_id("accrue-with-court");
  *request.mutable_court_delay()->mutable_judgment_debt() = Amount("448658900.00");
  *request.mutable_court_delay()->mutable_delay_start() = Day(2021, 7, 1);
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(ledger_stub_->AccrueInterest(&context, request, &accrued).ok());
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

// The payment row and its application to the schedule would outlive a reversal of its entry.
TEST_F(OutcomeTest, ReversingAnAwardsEntryIsRefusedAndBooksNothing) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(outcome.entry_id(), "reverse-award", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("cannot be reversed"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
  EXPECT_EQ(Text(Statement(claim_id_).receivable_balance()), "90000000.00");
}

TEST_F(OutcomeTest, ReversedBuyerPaymentIsOwedAgainOnItsInstalment) {
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 1, "90000000.00", 2021, 9, 1), &outcome).ok());
  v1::Payment payment;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "90000000.00", "pay-all"), &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "bounced-transfer", &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reversal.reverses_entry_id(), payment.entry_id());
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.receivable_balance()), "90000000.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
  // The instalment is due again: paying it once more is accepted, a cent more is not.
  v1::Payment again;
  ASSERT_TRUE(Pay(BuyerPayment(outcome, "90000000.00", "pay-again"), &again).ok());
  EXPECT_EQ(Pay(BuyerPayment(outcome, "0.01", "pay-too-much"), &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(OutcomeTest, ReversedDebtorPaymentRestoresTheBalancesItPaid) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("400000000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "debtor-payment-bounced", &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ClaimStatement statement = Statement(claim_id_);
  EXPECT_EQ(Text(statement.interest_balance()), "357791700.00");
  EXPECT_EQ(Text(statement.principal_balance()), "448658900.00");
  EXPECT_EQ(Text(statement.recovered()), "0.00");
  EXPECT_EQ(Text(statement.accrued_interest()), "0.00");  // interest put back was not accrued
  // The principal is whole again for accrual: July accrues on all of tranche 1.
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-after-bounce", &accrued).ok());
  EXPECT_EQ(Text(accrued.interest()), "1455851.46");
}

TEST_F(OutcomeTest, ReversingADebtorPaymentOnATrancheSoldSinceIsRefused) {
  v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id_);
  *request.mutable_amount() = Amount("1000.00");
  *request.mutable_received_date() = Day(2021, 7, 15);
  request.set_request_id("debtor-pays-a-little");
  v1::Payment payment;
  ASSERT_TRUE(Pay(request, &payment).ok());
  v1::Outcome outcome;
  ASSERT_TRUE(RecordOutcome(Award(disposal_, 0, "300000000.00", 2021, 9, 1), &outcome).ok());
  v1::JournalEntry reversal;
  const grpc::Status status = Reverse(payment.entry_id(), "too-late", &reversal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("tranche 1 (sold 2021-09-01)"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("journal_entries WHERE kind = 'reversal'"), 0);
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

}  // namespace
}  // namespace disposal::testing
