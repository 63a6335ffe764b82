// Planning an award: the lot's balances leave the books against the buyer's receivable, and an
// award dated before bookings already made on its lot is refused. Planning a debtor's payment:
// the amount due nets the debtor's credit, and payments are booked in the order received.
#include <gtest/gtest.h>

#include <string>

#include "domain/journal.h"
#include "domain/outcome.h"

namespace disposal::domain {
namespace {

constexpr char kClaimId[] = "00000000-0000-4000-8000-0000000000bb";

Money Yuan(const char* text) { return Money::Parse(text).value(); }

// An open claim with two tranches: 100.00 principal on each; tranche 1's account was last
// posted to on 2021-09-30 (an accrual), tranche 2's on 2021-06-30 (the opening entry).
ClaimBooks TwoTranches() {
  ClaimBooks books;
  books.claim.id = kClaimId;
  books.opened = true;
  const std::string principal = ClaimPrincipalAccount(kClaimId);
  books.balances[{principal, 1}] = Yuan("100.00");
  books.balances[{principal, 2}] = Yuan("100.00");
  books.latest_posting[{principal, 1}] = Date{2021, 9, 30};
  books.latest_posting[{principal, 2}] = Date{2021, 6, 30};
  return books;
}

OutcomeRecord AwardOf(std::optional<int> tranche, const Date& award_date) {
  OutcomeRecord outcome;
  outcome.id = "00000000-0000-4000-8000-0000000000cc";
  outcome.claim_id = kClaimId;
  outcome.lot_id = "lot";
  outcome.tranche_number = tranche;
  outcome.price = Yuan("80.00");
  outcome.award_date = award_date;
  return outcome;
}

TEST(PlanOutcomeTest, AwardDatedBeforeALaterPostingOnTheLotIsRefusedNamingItsDate) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  const auto planned = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(planned.error().reason.find("2021-09-30"), std::string::npos) << planned.error().reason;
}

TEST(PlanOutcomeTest, AwardOnTheDayOfTheLatestPostingIsBooked) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 30});
  const auto planned = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  EXPECT_EQ(outcome.book_value, Yuan("100.00"));
}

TEST(PlanOutcomeTest, LaterPostingsOnAnotherTrancheDoNotHoldUpTheLot) {
  OutcomeRecord outcome = AwardOf(2, Date{2021, 9, 1});
  const auto planned = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  EXPECT_EQ(outcome.book_value, Yuan("100.00"));
}

TEST(PlanOutcomeTest, WholeClaimAwardIsHeldUpByAPostingOnAnyTranche) {
  OutcomeRecord outcome = AwardOf(std::nullopt, Date{2021, 9, 1});
  const auto refused = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().reason.find("2021-09-30"), std::string::npos) << refused.error().reason;
  OutcomeRecord after = AwardOf(std::nullopt, Date{2021, 9, 30});
  const auto booked = PlanOutcome(TwoTranches(), "r", &after);
  ASSERT_TRUE(booked.ok()) << booked.error().Message();
  EXPECT_EQ(after.book_value, Yuan("200.00"));
}

// What the lot's book value exceeds the agreed amount by is the relief the AMC grants.
TEST(PlanOutcomeTest, ADebtReductionBooksWhatItGivesUpAsDebtRelief) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 30});
  outcome.method = DisposalMethod::kDebtReduction;
  const auto planned = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  bool relief = false;
  for (const BookedPosting& booked : planned.value().back().postings) {
    if (booked.posting.account != kAmcDebtReliefAccount) continue;
    relief = true;
    EXPECT_EQ(booked.posting.side, Side::kDebit);
    EXPECT_EQ(booked.posting.amount, Yuan("20.00"));
  }
  EXPECT_TRUE(relief);
}

TEST(PlanOutcomeTest, ADebtReductionAboveTheBookValueIsRefusedNamingThePrice) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 30});
  outcome.method = DisposalMethod::kDebtReduction;
  outcome.price = Yuan("100.01");
  const auto refused = PlanOutcome(TwoTranches(), "r", &outcome);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().field, "price");
  EXPECT_NE(refused.error().reason.find("at most the lot's book value, 100.00"), std::string::npos)
      << refused.error().reason;
  OutcomeRecord sale = AwardOf(1, Date{2021, 9, 30});
  sale.price = Yuan("100.01");  // a sale above the book value is a gain
  EXPECT_TRUE(PlanOutcome(TwoTranches(), "r", &sale).ok());
}

// Tranche 2 was acquired with figures as of 2021-12-31: it cannot be sold before then, while
// tranche 1 (cut off 2021-06-30) can.
TEST(PlanOutcomeTest, AwardBeforeTheLotTranchesOwnCutOffIsRefusedNamingIt) {
  ClaimBooks books = TwoTranches();
  books.opening_date = Date{2021, 6, 30};
  books.tranche_cutoffs = {Date{2021, 6, 30}, Date{2021, 12, 31}};
  OutcomeRecord second = AwardOf(2, Date{2021, 12, 30});
  const auto refused = PlanOutcome(books, "r", &second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().reason.find("tranche 2's cut-off date 2021-12-31"), std::string::npos)
      << refused.error().reason;
  OutcomeRecord on_the_day = AwardOf(2, Date{2021, 12, 31});
  EXPECT_TRUE(PlanOutcome(books, "r", &on_the_day).ok());
  OutcomeRecord first = AwardOf(1, Date{2021, 10, 1});
  EXPECT_TRUE(PlanOutcome(books, "r", &first).ok());
  OutcomeRecord whole = AwardOf(std::nullopt, Date{2021, 10, 1});
  EXPECT_FALSE(PlanOutcome(books, "r", &whole).ok());
}

TEST(PlanOutcomeTest, LastTrancheHeldTakesTheClaimLevelBalancesWithIt) {
  ClaimBooks books = TwoTranches();
  books.balances[{ClaimPenaltyAccount(kClaimId), 0}] = Yuan("7.00");
  OutcomeRecord not_last = AwardOf(2, Date{2021, 10, 1});
  ASSERT_TRUE(PlanOutcome(books, "r", &not_last).ok());
  EXPECT_EQ(not_last.book_value, Yuan("100.00"));
  books.last_tranche_held = true;
  OutcomeRecord last = AwardOf(2, Date{2021, 10, 1});
  ASSERT_TRUE(PlanOutcome(books, "r", &last).ok());
  EXPECT_EQ(last.book_value, Yuan("107.00"));
}

TEST(PlanForfeitureTest, DepositPaidAsTheAwardStatedIsTheMostKept) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  outcome.deposit_paid = Yuan("10.00");
  outcome.disposal_deposit = Yuan("50.00");
  const auto planned = PlanForfeiture(outcome, Yuan("10.01"), Date{2021, 10, 1}, "r");
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(planned.error().field, "forfeited_deposit");
  EXPECT_NE(planned.error().reason.find("10.00"), std::string::npos) << planned.error().reason;
  EXPECT_TRUE(PlanForfeiture(outcome, Yuan("10.00"), Date{2021, 10, 1}, "r").ok());
}

TEST(PlanForfeitureTest, AwardWithoutADepositStatedFallsBackToTheDisposalsDeposit) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  outcome.disposal_deposit = Yuan("20.00");
  const auto too_much = PlanForfeiture(outcome, Yuan("20.01"), Date{2021, 10, 1}, "r");
  ASSERT_FALSE(too_much.ok());
  EXPECT_NE(too_much.error().reason.find("asked for by the disposal"), std::string::npos)
      << too_much.error().reason;
  const auto kept = PlanForfeiture(outcome, Yuan("20.00"), Date{2021, 10, 1}, "r");
  ASSERT_TRUE(kept.ok()) << kept.error().Message();
  EXPECT_EQ(kept.value().postings.front().posting.amount, Yuan("20.00"));
}

TEST(PlanForfeitureTest, NoDepositHeldIsAPreconditionNotABadAmount) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  const auto planned = PlanForfeiture(outcome, Yuan("1.00"), Date{2021, 10, 1}, "r");
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(planned.error().field, "forfeited_deposit");
  EXPECT_NE(planned.error().reason.find("no deposit is held"), std::string::npos)
      << planned.error().reason;
}

TEST(PlanForfeitureTest, ARescindedAwardIsRefusedNamingTheOutcome) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  outcome.disposal_deposit = Yuan("20.00");
  outcome.rescission_entry_id = 42;
  const auto planned = PlanForfeiture(outcome, Yuan("1.00"), Date{2021, 10, 1}, "r");
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(planned.error().field, "outcome_id");
}

TEST(PlanBuyerPaymentTest, APaymentOnARescindedAwardIsRefusedNamingTheOutcome) {
  OutcomeRecord outcome = AwardOf(1, Date{2021, 9, 1});
  outcome.rescission_entry_id = 42;
  PaymentRecord payment;
  payment.amount = Yuan("1.00");
  payment.received_date = Date{2021, 10, 1};
  const auto planned = PlanBuyerPayment(outcome, {}, "r", &payment);
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(planned.error().field, "outcome_id");
  EXPECT_NE(planned.error().reason.find("takes no more payments"), std::string::npos)
      << planned.error().reason;
}

// Tranche 1 owes 100.00 of principal; its interest is 7.00 below zero (paid, then taken back).
ClaimBooks PrincipalOwedWithACredit() {
  ClaimBooks books;
  books.claim.id = kClaimId;
  books.opened = true;
  books.opening_date = Date{2021, 6, 30};
  books.tranche_cutoffs = {Date{2021, 6, 30}};
  books.balances[{ClaimPrincipalAccount(kClaimId), 1}] = Yuan("100.00");
  books.balances[{ClaimInterestAccount(kClaimId), 1}] = Yuan("-7.00");
  return books;
}

PaymentRecord DebtorPays(const char* amount) {
  PaymentRecord payment;
  payment.claim_id = kClaimId;
  payment.amount = Yuan(amount);
  payment.received_date = Date{2021, 9, 1};
  return payment;
}

TEST(PlanDebtorPaymentTest, AmountDueIsNetOfTheDebtorsCredit) {
  PaymentRecord payment = DebtorPays("93.01");
  const auto planned =
      PlanDebtorPayment(PrincipalOwedWithACredit(), AllocationOrder::Default(), "r", &payment);
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(planned.error().reason.find("93.00"), std::string::npos) << planned.error().reason;
}

TEST(PlanDebtorPaymentTest, CreditIsCarriedToPrincipalAndTheEntryBalances) {
  PaymentRecord payment = DebtorPays("93.00");
  const auto planned =
      PlanDebtorPayment(PrincipalOwedWithACredit(), AllocationOrder::Default(), "r", &payment);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  Money debits, credits;
  for (const BookedPosting& booked : planned.value().back().postings) {
    Money& side = booked.posting.side == Side::kDebit ? debits : credits;
    side = side.Add(booked.posting.amount).value();
    if (booked.posting.account == ClaimInterestAccount(kClaimId)) {
      EXPECT_EQ(booked.posting.side, Side::kDebit);
      EXPECT_EQ(booked.posting.amount, Yuan("7.00"));
    }
    if (booked.posting.account == ClaimPrincipalAccount(kClaimId)) {
      EXPECT_EQ(booked.posting.amount, Yuan("100.00"));
    }
  }
  EXPECT_EQ(debits, Yuan("100.00"));
  EXPECT_EQ(credits, Yuan("100.00"));
}

TEST(PlanDebtorPaymentTest, PaymentReceivedBeforeAStandingOneIsRefusedNamingItsDate) {
  ClaimBooks books = PrincipalOwedWithACredit();
  books.latest_debtor_payment = Date{2021, 9, 2};
  PaymentRecord payment = DebtorPays("10.00");  // received 2021-09-01
  const auto planned = PlanDebtorPayment(books, AllocationOrder::Default(), "r", &payment);
  ASSERT_FALSE(planned.ok());
  EXPECT_EQ(planned.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(planned.error().reason.find("received_date 2021-09-01"), std::string::npos)
      << planned.error().reason;
  EXPECT_NE(planned.error().reason.find("payment of 2021-09-02"), std::string::npos)
      << planned.error().reason;
}

TEST(PlanDebtorPaymentTest, PaymentReceivedOnTheDayOfTheLatestOneIsBooked) {
  ClaimBooks books = PrincipalOwedWithACredit();
  books.latest_debtor_payment = Date{2021, 9, 1};
  PaymentRecord payment = DebtorPays("10.00");  // received 2021-09-01
  const auto planned = PlanDebtorPayment(books, AllocationOrder::Default(), "r", &payment);
  ASSERT_TRUE(planned.ok()) << planned.error().Message();
  EXPECT_EQ(planned.value().back().effective_date, (Date{2021, 9, 1}));
}

// The figures are as of the cut-off date, that day included (截至): a payment received that day
// is in them already.
TEST(PlanDebtorPaymentTest, PaymentReceivedOnTheCutOffDayIsRefusedNamingBothDates) {
  PaymentRecord on_the_day = DebtorPays("10.00");
  on_the_day.received_date = Date{2021, 6, 30};
  const auto refused =
      PlanDebtorPayment(PrincipalOwedWithACredit(), AllocationOrder::Default(), "r", &on_the_day);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().reason.find("received_date 2021-06-30 is not after the claim's "
                                        "cut-off date 2021-06-30"),
            std::string::npos)
      << refused.error().reason;
  PaymentRecord next_day = DebtorPays("10.00");
  next_day.received_date = Date{2021, 7, 1};
  EXPECT_TRUE(
      PlanDebtorPayment(PrincipalOwedWithACredit(), AllocationOrder::Default(), "r", &next_day)
          .ok());
}

// Tranche 2's figures are as of 2021-12-31: a payment received that day is not owed to it, one
// received the next day is.
TEST(PlanDebtorPaymentTest, ATrancheCutOffOnThePaymentsDayIsNotOwedIt) {
  ClaimBooks books = TwoTranches();
  books.opening_date = Date{2021, 6, 30};
  books.tranche_cutoffs = {Date{2021, 6, 30}, Date{2021, 12, 31}};
  PaymentRecord on_the_day = DebtorPays("150.00");
  on_the_day.received_date = Date{2021, 12, 31};
  const auto refused = PlanDebtorPayment(books, AllocationOrder::Default(), "r", &on_the_day);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().reason.find("100.00"), std::string::npos) << refused.error().reason;
  PaymentRecord next_day = DebtorPays("150.00");
  next_day.received_date = Date{2022, 1, 1};
  const auto booked = PlanDebtorPayment(books, AllocationOrder::Default(), "r", &next_day);
  EXPECT_TRUE(booked.ok()) << booked.error().Message();
}

}  // namespace
}  // namespace disposal::domain
