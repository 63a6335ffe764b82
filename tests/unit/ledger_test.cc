// The ledger's planning steps: the opening entry, the accrual entries a claim's terms give, and
// the entry that books costs paid for a claim.
#include "domain/ledger.h"

#include <gtest/gtest.h>

namespace disposal::domain {
namespace {

constexpr char kClaimId[] = "00000000-0000-4000-8000-0000000000aa";

Money Yuan(const char* text) { return Money::Parse(text).value(); }
Rate RateOf(const char* text) { return Rate::Parse(text).value(); }

Tranche MakeTranche(const char* principal, const char* interest, std::optional<Rate> contract,
                    std::optional<Rate> penalty) {
  Tranche tranche;
  tranche.principal = Yuan(principal);
  tranche.interest = Yuan(interest);
  tranche.interest_cutoff_date = Date{2021, 6, 30};
  tranche.contract_rate = contract;
  tranche.penalty_rate = penalty;
  return tranche;
}

// An open claim: its opening entry booked each tranche's principal, as the store reports it.
ClaimLedgerState StateWith(std::vector<Tranche> tranches) {
  ClaimLedgerState state;
  state.claim.id = kClaimId;
  state.claim.content.tranches = std::move(tranches);
  state.opened = true;
  for (size_t i = 0; i < state.claim.content.tranches.size(); ++i) {
    const Tranche& tranche = state.claim.content.tranches[i];
    state.principal_changes.push_back(
        {tranche.interest_cutoff_date, static_cast<int>(i + 1), tranche.principal});
  }
  return state;
}

Money Debited(const LedgerEntry& entry, const std::string& account) {
  Money total;
  for (const BookedPosting& booked : entry.postings) {
    if (booked.posting.account == account && booked.posting.side == Side::kDebit) {
      total = total.Add(booked.posting.amount).value();
    }
  }
  return total;
}

AccrualRequest Through(Date date) {
  AccrualRequest request;
  request.claim_id = kClaimId;
  request.through_date = date;
  return request;
}

TEST(OpeningEntryTest, BooksAKnownPenaltyOnTheClaimsPenaltyAccount) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  state.claim.content.penalty.unliquidated = false;
  state.claim.content.penalty.amount = Yuan("5.00");
  const LedgerEntry opening = OpeningEntry(state.claim, "opening/x");
  EXPECT_EQ(Debited(opening, ClaimPenaltyAccount(kClaimId)), Yuan("5.00"));
  EXPECT_EQ(opening.postings.back().posting.amount, Yuan("115.00"));
  for (const BookedPosting& booked : opening.postings) {
    if (booked.posting.account == ClaimPenaltyAccount(kClaimId)) {
      EXPECT_EQ(booked.tranche, 0);
    }
  }
}

TEST(OpeningEntryTest, AnUnliquidatedPenaltyBooksNothing) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  const LedgerEntry opening = OpeningEntry(state.claim, "opening/x");
  EXPECT_TRUE(Debited(opening, ClaimPenaltyAccount(kClaimId)).is_zero());
  EXPECT_EQ(opening.postings.back().posting.amount, Yuan("110.00"));
}

TEST(OpeningEntryTest, DebitsEachTranchesBookValueAndCreditsAcquisitions) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("100.00", "10.00", RateOf("0.05"), std::nullopt),
                 MakeTranche("200.00", "0", std::nullopt, std::nullopt)});
  const LedgerEntry opening = OpeningEntry(state.claim, "opening/x");
  ASSERT_EQ(opening.postings.size(), 4u);  // two principals, one interest, acquisitions
  EXPECT_EQ(Debited(opening, ClaimPrincipalAccount(kClaimId)), Yuan("300.00"));
  EXPECT_EQ(Debited(opening, ClaimInterestAccount(kClaimId)), Yuan("10.00"));
  EXPECT_EQ(opening.postings.back().posting.account, "amc/acquisitions");
  EXPECT_EQ(opening.postings.back().posting.amount, Yuan("310.00"));
  EXPECT_EQ(opening.postings[2].tranche, 2);
  EXPECT_TRUE(ValidateEntry({opening.request_id, opening.effective_date, "",
                             [&] {
                               std::vector<Posting> postings;
                               for (const auto& booked : opening.postings) {
                                 postings.push_back(booked.posting);
                               }
                               return postings;
                             }()})
                  .ok());
}

CostAdvance CostOf(const char* amount, Date paid) {
  return CostAdvance{kClaimId, Yuan(amount), paid, "案件受理费"};
}

TEST(PlanCostTest, DebitsTheClaimsCostsAccountAtClaimLevelAndCreditsCash) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  const Result<LedgerEntry> entry = PlanCost(state, CostOf("12.34", {2021, 7, 10}), "cost-1");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_EQ(entry.value().kind, EntryKind::kCost);
  EXPECT_EQ(entry.value().effective_date, (Date{2021, 7, 10}));
  EXPECT_EQ(entry.value().memo, "案件受理费");
  ASSERT_EQ(entry.value().postings.size(), 2u);
  EXPECT_EQ(entry.value().postings[0].tranche, 0);
  EXPECT_EQ(Debited(entry.value(), ClaimCostsAccount(kClaimId)), Yuan("12.34"));
  EXPECT_EQ(entry.value().postings[1].posting.account, kAmcCashAccount);
  EXPECT_EQ(entry.value().postings[1].posting.side, Side::kCredit);
  EXPECT_EQ(entry.value().postings[1].posting.amount, Yuan("12.34"));
}

TEST(PlanCostTest, OnTheDayTheBooksOpenIsAcceptedAndTheDayBeforeIsRefused) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  EXPECT_TRUE(PlanCost(state, CostOf("1.00", {2021, 6, 30}), "on").ok());
  const Result<LedgerEntry> before = PlanCost(state, CostOf("1.00", {2021, 6, 29}), "before");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, ErrorCode::kFailedPrecondition);
}

TEST(PlanCostTest, OneTrancheSoldOfTwoLeavesTheClaimsCostsOnTheBooks) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt),
                                      MakeTranche("50.00", "5.00", std::nullopt, std::nullopt)});
  state.sold[1] = Date{2021, 9, 1};
  EXPECT_TRUE(PlanCost(state, CostOf("1.00", {2021, 9, 2}), "partly-sold").ok());
}

TEST(PlanCostTest, EveryTrancheSoldRefusesItNamingTheLastSale) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt),
                                      MakeTranche("50.00", "5.00", std::nullopt, std::nullopt)});
  state.sold[1] = Date{2021, 9, 1};
  state.sold[2] = Date{2021, 9, 3};
  const Result<LedgerEntry> entry = PlanCost(state, CostOf("1.00", {2021, 9, 4}), "sold");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(entry.error().reason.find("2021-09-03"), std::string::npos) << entry.error().reason;
}

TEST(PlanCostTest, TranchesSoldOutOfTheirOrderNameTheLatestAward) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt),
                                      MakeTranche("50.00", "5.00", std::nullopt, std::nullopt)});
  state.sold[1] = Date{2021, 9, 3};
  state.sold[2] = Date{2021, 9, 1};
  const Result<LedgerEntry> entry = PlanCost(state, CostOf("1.00", {2021, 9, 4}), "sold");
  ASSERT_FALSE(entry.ok());
  EXPECT_NE(entry.error().reason.find("tranche 1 (sold 2021-09-03)"), std::string::npos)
      << entry.error().reason;
}

TEST(PlanCostTest, OnOrBeforeTheLatestDebtorPaymentIsRefusedAndAfterItBooked) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  state.latest_debtor_payment = Date{2021, 7, 15};
  EXPECT_FALSE(PlanCost(state, CostOf("1.00", {2021, 7, 15}), "on").ok());
  EXPECT_FALSE(PlanCost(state, CostOf("1.00", {2021, 7, 14}), "before").ok());
  EXPECT_TRUE(PlanCost(state, CostOf("1.00", {2021, 7, 16}), "after").ok());
}

TEST(PlanCostTest, WholeClaimSoldRefusesIt) {
  ClaimLedgerState state = StateWith({MakeTranche("100.00", "10.00", std::nullopt, std::nullopt)});
  state.sold[0] = Date{2021, 9, 1};
  const Result<LedgerEntry> refused = PlanCost(state, CostOf("1.00", {2021, 9, 4}), "whole");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().reason.find("2021-09-01"), std::string::npos) << refused.error().reason;
  state.sold.erase(0);
  EXPECT_TRUE(PlanCost(state, CostOf("1.00", {2021, 9, 4}), "unsold").ok());
}

// Penalty interest (罚息) is overdue interest: art. 561's interest, paid before principal, so it
// is booked with the contract interest; the penalty account is the court's doubled interest's.
TEST(PlanAccrualsTest, PenaltyRateAccruesItsSurchargeAboveTheContractRateToInterest) {
  // 1,000,000.00 for July (31 days, ACT/360): contract 4.35% gives 3,745.8333 -> 3,745.83;
  // penalty 6.525% is a surcharge of 2.175%: 1,872.9166 -> 1,872.92. Together 5,618.75, the
  // figure at the penalty rate alone (1,000,000 x 0.06525 x 31 / 360 = 5,618.75).
  const ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.0435"), RateOf("0.06525"))});
  auto entries = PlanAccruals(state, Through(Date{2021, 7, 31}), "r");
  ASSERT_TRUE(entries.ok()) << entries.error().Message();
  ASSERT_EQ(entries.value().size(), 1u);
  EXPECT_EQ(Debited(entries.value()[0], ClaimInterestAccount(kClaimId)), Yuan("5618.75"));
  EXPECT_EQ(Debited(entries.value()[0], ClaimPenaltyAccount(kClaimId)), Yuan("0"));
  EXPECT_EQ(entries.value()[0].request_id, "r/2021-07-31");
}

TEST(PlanAccrualsTest, ContinuesFromTheDateAlreadyAccruedThrough) {
  ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.0435"), std::nullopt)});
  state.accrued_through = Date{2021, 7, 31};
  auto entries = PlanAccruals(state, Through(Date{2021, 9, 30}), "r");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries.value().size(), 2u);
  EXPECT_EQ(entries.value()[0].period->start, (Date{2021, 7, 31}));
  EXPECT_EQ(entries.value()[1].period->end, (Date{2021, 9, 30}));
}

TEST(PlanAccrualsTest, OpenLedgerAccruesOnItsBookedPrincipalNotTheClaimsEditedFigure) {
  ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.0435"), std::nullopt)});
  state.claim.content.tranches[0].principal = Yuan("900000.00");  // edited after opening
  auto entries = PlanAccruals(state, Through(Date{2021, 7, 31}), "r");
  ASSERT_TRUE(entries.ok()) << entries.error().Message();
  ASSERT_EQ(entries.value().size(), 1u);
  EXPECT_EQ(Debited(entries.value()[0], ClaimInterestAccount(kClaimId)), Yuan("3745.83"));
}

// 1,000,000.00 at 3.6% ACT/360 (100.00 a day) accrued through July on the whole principal;
// a payment received on 07-10 and recorded since took `paid` of it.
ClaimLedgerState AccruedBeforeALatePayment(const char* paid) {
  ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.036"), std::nullopt)});
  state.accrued_through = Date{2021, 7, 31};
  state.principal_changes.push_back(
      {Date{2021, 7, 10}, 1, Money().Subtract(Yuan(paid)).value(), /*late=*/true});
  return state;
}

TEST(PlanAccrualsTest, FirstPeriodCorrectsWhatWasAccruedBeforeALatePrincipalPayment) {
  // Through August on the principal as it was: 10 days at 100.00, 52 at 50.00 = 3,600.00;
  // July booked 3,100.00, so August books 500.00.
  auto entries =
      PlanAccruals(AccruedBeforeALatePayment("500000.00"), Through(Date{2021, 8, 31}), "r");
  ASSERT_TRUE(entries.ok()) << entries.error().Message();
  ASSERT_EQ(entries.value().size(), 1u);
  EXPECT_EQ(Debited(entries.value()[0], ClaimInterestAccount(kClaimId)), Yuan("500.00"));
}

// August's 500.00 is its own 1,550.00 less 1,050.00 taken back from July: the memo says so.
TEST(PlanAccrualsTest, FirstPeriodSaysInItsMemoWhatItCorrectsOfThePeriodsBefore) {
  auto entries =
      PlanAccruals(AccruedBeforeALatePayment("500000.00"), Through(Date{2021, 8, 31}), "r");
  ASSERT_TRUE(entries.ok()) << entries.error().Message();
  ASSERT_EQ(entries.value().size(), 1u);
  EXPECT_EQ(entries.value()[0].memo,
            "interest accrued 2021-07-31 .. 2021-08-31; of it, for the periods before: tranche 1 "
            "-1,050.00");
  ClaimLedgerState on_time_state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.036"), std::nullopt)});
  on_time_state.accrued_through = Date{2021, 7, 31};
  auto on_time = PlanAccruals(on_time_state, Through(Date{2021, 8, 31}), "r");
  ASSERT_TRUE(on_time.ok()) << on_time.error().Message();
  EXPECT_EQ(on_time.value()[0].memo, "interest accrued 2021-07-31 .. 2021-08-31");
}

TEST(PlanAccrualsTest, CorrectionLargerThanThePeriodCreditsTheInterestBack) {
  // 10 days at 100.00, 52 at 10.00 = 1,520.00 through August against 3,100.00 booked: the
  // entry credits 1,580.00 to the claim's interest and debits it to interest income.
  auto entries =
      PlanAccruals(AccruedBeforeALatePayment("900000.00"), Through(Date{2021, 8, 31}), "r");
  ASSERT_TRUE(entries.ok()) << entries.error().Message();
  ASSERT_EQ(entries.value().size(), 1u);
  const LedgerEntry& entry = entries.value()[0];
  ASSERT_EQ(entry.postings.size(), 2u);
  EXPECT_EQ(entry.postings[0].posting.account, ClaimInterestAccount(kClaimId));
  EXPECT_EQ(entry.postings[0].posting.side, Side::kCredit);
  EXPECT_EQ(entry.postings[0].posting.amount, Yuan("1580.00"));
  EXPECT_EQ(entry.postings[1].posting.account, kAmcInterestIncomeAccount);
  EXPECT_EQ(entry.postings[1].posting.side, Side::kDebit);
}

TEST(PlanAccrualsTest, ClaimWithoutAnyRateIsFailedPrecondition) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", std::nullopt, std::nullopt)});
  auto entries = PlanAccruals(state, Through(Date{2021, 7, 31}), "r");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.error().code, ErrorCode::kFailedPrecondition);
}

TEST(PlanAccrualsTest, PenaltyRateBelowTheContractRateIsFailedPrecondition) {
  const ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.0435"), RateOf("0.04"))});
  auto entries = PlanAccruals(state, Through(Date{2021, 7, 31}), "r");
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.error().Message().find("tranche 1"), std::string::npos);
}

TEST(PlanAccrualsTest, ThroughDateBeforeTheAccruedDateIsFailedPrecondition) {
  ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.0435"), std::nullopt)});
  state.accrued_through = Date{2021, 8, 31};
  auto entries = PlanAccruals(state, Through(Date{2021, 7, 31}), "r");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.error().code, ErrorCode::kFailedPrecondition);
}

// 1,000,000.00 at 3.6% ACT/360 (100.00 a day) accrued through July 2021, one period.
ClaimLedgerState AccruedThroughJuly() {
  ClaimLedgerState state =
      StateWith({MakeTranche("1000000.00", "0", RateOf("0.036"), std::nullopt)});
  state.accrued_through = Date{2021, 7, 31};
  return state;
}

const AccrualPeriod kJuly{Date{2021, 6, 30}, Date{2021, 7, 31}};

TEST(AccrualOfDaysBookedLaterTest, HoldsTheInterestOfThePeriodsDaysUpToTheDate) {
  auto days =
      AccrualOfDaysBookedLater(AccruedThroughJuly(), AccrualCallTerms{}, kJuly, Date{2021, 7, 15});
  ASSERT_TRUE(days.ok()) << days.error().Message();
  EXPECT_EQ(Debited(days.value(), ClaimInterestAccount(kClaimId)), Yuan("1500.00"));  // 15 days
}

TEST(AccrualOfDaysBookedLaterTest, RunsOnThePrincipalAsItStandsWithPaymentsRecordedSince) {
  ClaimLedgerState state = AccruedThroughJuly();
  // Half the principal paid on 07-10, recorded after July's accrual: 10 days at 100.00, 5 at
  // 50.00.
  state.principal_changes.push_back(
      {Date{2021, 7, 10}, 1, Money().Subtract(Yuan("500000.00")).value(), /*late=*/true});
  auto days = AccrualOfDaysBookedLater(state, AccrualCallTerms{}, kJuly, Date{2021, 7, 15});
  ASSERT_TRUE(days.ok()) << days.error().Message();
  EXPECT_EQ(Debited(days.value(), ClaimInterestAccount(kClaimId)), Yuan("1250.00"));
}

TEST(AccrualOfDaysBookedLaterTest, UsesTheBasisThePeriodWasBookedOn) {
  AccrualCallTerms act365;
  act365.basis = DayCountBasis::kAct365;
  auto days = AccrualOfDaysBookedLater(AccruedThroughJuly(), act365, kJuly, Date{2021, 7, 15});
  ASSERT_TRUE(days.ok()) << days.error().Message();
  // 1,000,000.00 x 0.036 x 15 / 365 = 1,479.45.
  EXPECT_EQ(Debited(days.value(), ClaimInterestAccount(kClaimId)), Yuan("1479.45"));
}

TEST(AccrualOfDaysBookedLaterTest, TrancheThePeriodHeldNothingOfOwesNone) {
  ClaimLedgerState state = AccruedThroughJuly();
  state.accrued_while_sold[1] = {kJuly};
  state.awaiting_catch_up[1] = {kJuly};
  auto days = AccrualOfDaysBookedLater(state, AccrualCallTerms{}, kJuly, Date{2021, 7, 15});
  ASSERT_TRUE(days.ok()) << days.error().Message();
  EXPECT_TRUE(days.value().postings.empty());
}

// A sold tranche accrues nothing more; its balances left the books, so a payment dated before
// the sale credits nothing to it either (WithinNow).
TEST(AccrualOfDaysBookedLaterTest, SoldTrancheIsLeftOut) {
  ClaimLedgerState state = AccruedThroughJuly();
  state.sold[1] = Date{2021, 9, 1};
  auto days = AccrualOfDaysBookedLater(state, AccrualCallTerms{}, kJuly, Date{2021, 7, 15});
  ASSERT_TRUE(days.ok()) << days.error().Message();
  EXPECT_TRUE(days.value().postings.empty());
}

// 1,000,000.00 at 3.6% ACT/360 (100.00 a day) accrued through July (3,100.00 booked), and
// 500,000.00 paid on 07-10, `recorded` after July's accrual or not at all. As July's entry was
// booked, the payment was not on record (late); as the claim stands, it is.
struct TwoStates {
  ClaimLedgerState now;
  ClaimLedgerState as_booked;
};

TwoStates PaidAfterJulysAccrual(std::vector<PrincipalChange> recorded) {
  TwoStates states{AccruedThroughJuly(), AccruedThroughJuly()};
  for (PrincipalChange& change : recorded) {
    states.now.principal_changes.push_back(change);
    change.late = true;
    states.as_booked.principal_changes.push_back(change);
  }
  states.now.accrued_through = Date{2021, 8, 31};
  states.as_booked.accrued_through = Date{2021, 8, 31};
  return states;
}

// A change of tranche 1's principal on 07-10: `paid` off it, or put back when `put_back`.
PrincipalChange PaidOnJuly10(const char* paid, bool put_back = false) {
  const Money amount = put_back ? Yuan(paid) : Money().Subtract(Yuan(paid)).value();
  return {Date{2021, 7, 10}, 1, amount, /*late=*/false};
}

const AccrualPeriod kAugust{Date{2021, 7, 31}, Date{2021, 8, 31}};

Money ClaimInterestCredited(const LedgerEntry& entry) {
  Money total;
  for (const BookedPosting& booked : entry.postings) {
    if (booked.posting.account == ClaimInterestAccount(kClaimId) &&
        booked.posting.side == Side::kCredit) {
      total = total.Add(booked.posting.amount).value();
    }
  }
  return total;
}

// Through July on the principal paid: 10 days at 100.00, 21 at 50.00 = 2,050.00, against
// 3,100.00 held: 1,050.00 less is owed, whether or not August's accrual has booked it yet.
TEST(CorrectionCarriedByTest, IsWhatThePrincipalRecordedLateTakesOffTheMonthsBefore) {
  const TwoStates states = PaidAfterJulysAccrual({PaidOnJuly10("500000.00")});
  auto correction = CorrectionCarriedBy(states.now, states.as_booked, AccrualCallTerms{}, kAugust);
  ASSERT_TRUE(correction.ok()) << correction.error().Message();
  EXPECT_EQ(ClaimInterestCredited(correction.value()), Yuan("1050.00"));
  EXPECT_TRUE(Debited(correction.value(), ClaimInterestAccount(kClaimId)).is_zero());
}

// A rate changed since July was booked changes nothing of it: no late change, no correction.
TEST(CorrectionCarriedByTest, IsNothingForARateChangedSinceWithoutALateChange) {
  TwoStates states = PaidAfterJulysAccrual({});
  for (ClaimLedgerState* state : {&states.now, &states.as_booked}) {
    state->claim.content.tranches[0].contract_rate = RateOf("0.072");
  }
  auto correction = CorrectionCarriedBy(states.now, states.as_booked, AccrualCallTerms{}, kAugust);
  ASSERT_TRUE(correction.ok()) << correction.error().Message();
  EXPECT_TRUE(correction.value().postings.empty());
}

// The payment bounced: its reversal, recorded later, puts the principal back as it was.
TEST(CorrectionCarriedByTest, IsNothingForAPaymentRecordedLateAndReversed) {
  const TwoStates states = PaidAfterJulysAccrual(
      {PaidOnJuly10("500000.00"), PaidOnJuly10("500000.00", /*put_back=*/true)});
  auto correction = CorrectionCarriedBy(states.now, states.as_booked, AccrualCallTerms{}, kAugust);
  ASSERT_TRUE(correction.ok()) << correction.error().Message();
  EXPECT_TRUE(correction.value().postings.empty());
}

}  // namespace
}  // namespace disposal::domain
