// The entry a claim's update books for a penalty (违约金) fixed after its ledger opened
// (PenaltyChangeEntry): the difference to the penalty already on the books, either way.
#include "domain/penalty_judgment.h"

#include <gtest/gtest.h>

#include "domain/journal.h"

namespace disposal::domain {
namespace {

constexpr char kClaimId[] = "00000000-0000-4000-8000-0000000000cc";

Money Yuan(const char* text) { return Money::Parse(text).value(); }

Claim WithPenalty(std::optional<const char*> amount, int tranches = 2) {
  Claim claim;
  claim.id = kClaimId;
  claim.content.tranches.resize(static_cast<size_t>(tranches));
  claim.content.penalty.unliquidated = !amount.has_value();
  if (amount) claim.content.penalty.amount = Yuan(*amount);
  return claim;
}

const Date kToday{2026, 11, 28};

// Books opened on 2021-06-30 holding `fixed` of penalties, none of it paid, with the tranches
// `sold`.
PenaltyBooks Books(const char* fixed, std::map<int, Date> sold = {}) {
  PenaltyBooks books;
  books.fixed = Yuan(fixed);
  books.balance = Yuan(fixed);
  books.sold = std::move(sold);
  books.opened_on = Date{2021, 6, 30};
  return books;
}

TEST(PenaltyChangeEntryTest, AHigherPenaltyDebitsThePenaltyAccountAgainstInterestIncome) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Books("0.00"), kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  ASSERT_TRUE(entry.value().has_value());
  const LedgerEntry& booked = *entry.value();
  EXPECT_EQ(booked.kind, EntryKind::kPenalty);
  EXPECT_EQ(booked.request_id, "u/p");
  EXPECT_EQ(booked.effective_date, kToday);
  ASSERT_EQ(booked.postings.size(), 2u);
  EXPECT_EQ(booked.postings[0].posting.account, ClaimPenaltyAccount(kClaimId));
  EXPECT_EQ(booked.postings[0].posting.side, Side::kDebit);
  EXPECT_EQ(booked.postings[0].posting.amount.ToString(), "1000.00");
  EXPECT_EQ(booked.postings[0].tranche, 0);
  EXPECT_EQ(booked.postings[1].posting.account, std::string(kAmcInterestIncomeAccount));
  EXPECT_EQ(booked.postings[1].posting.side, Side::kCredit);
}

TEST(PenaltyChangeEntryTest, ALowerPenaltyCreditsTheDifferenceBack) {
  const auto entry = PenaltyChangeEntry(WithPenalty("800.00"), Books("1000.00"), kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  ASSERT_TRUE(entry.value().has_value());
  EXPECT_EQ(entry.value()->postings[0].posting.side, Side::kCredit);
  EXPECT_EQ(entry.value()->postings[0].posting.amount.ToString(), "200.00");
}

TEST(PenaltyChangeEntryTest, APenaltyBackToUnliquidatedTakesTheFixedOneOff) {
  const auto entry = PenaltyChangeEntry(WithPenalty(std::nullopt), Books("1000.00"), kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  ASSERT_TRUE(entry.value().has_value());
  EXPECT_EQ(entry.value()->postings[0].posting.side, Side::kCredit);
  EXPECT_EQ(entry.value()->postings[0].posting.amount.ToString(), "1000.00");
}

TEST(PenaltyChangeEntryTest, APenaltyAsOnTheBooksBooksNothing) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Books("1000.00"), kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_FALSE(entry.value().has_value());
}

TEST(PenaltyChangeEntryTest, OneLotSoldOfTwoStillBooksItAtClaimLevel) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"),
                                        Books("0.00", {{1, Date{2021, 9, 1}}}), kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_TRUE(entry.value().has_value());
}

TEST(PenaltyChangeEntryTest, EveryTrancheSoldRefusesItNamingTheLastAward) {
  const auto entry = PenaltyChangeEntry(
      WithPenalty("1000.00"), Books("0.00", {{2, Date{2021, 9, 1}}, {1, Date{2021, 10, 8}}}),
      kToday, "u/p");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(entry.error().field, "claim.penalty");
  EXPECT_NE(entry.error().reason.find("2021-10-08"), std::string::npos) << entry.error().reason;
}

TEST(PenaltyChangeEntryTest, WholeClaimSoldAsOneLotRefusesIt) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"),
                                        Books("0.00", {{0, Date{2021, 9, 1}}}), kToday, "u/p");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().field, "claim.penalty");
}

TEST(PenaltyChangeEntryTest, LoweredBelowWhatTheDebtorPaidIsRefusedAndToWhatIsLeftBooked) {
  PenaltyBooks books = Books("1000.00");
  books.balance = Yuan("100.00");  // the debtor paid 900.00 of it
  const auto below = PenaltyChangeEntry(WithPenalty("800.00"), books, kToday, "u/p");
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.error().field, "claim.penalty");
  EXPECT_NE(below.error().reason.find("refund"), std::string::npos) << below.error().reason;
  const auto to_paid = PenaltyChangeEntry(WithPenalty("900.00"), books, kToday, "u/p");
  ASSERT_TRUE(to_paid.ok()) << to_paid.error().reason;
  EXPECT_EQ(to_paid.value()->postings[0].posting.amount.ToString(), "100.00");
}

TEST(PenaltyChangeEntryTest, TakesTheDayThePenaltyWasFixed) {
  const auto entry =
      PenaltyChangeEntry(WithPenalty("1000.00"), Books("0.00"), Date{2022, 3, 15}, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_EQ(entry.value()->effective_date, (Date{2022, 3, 15}));
}

TEST(PenaltyChangeEntryTest, DayBeforeTheBooksOpenIsRefusedNamingTheField) {
  const auto entry =
      PenaltyChangeEntry(WithPenalty("1000.00"), Books("0.00"), Date{2021, 6, 29}, "u/p");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().field, "penalty_fixed_date");
}

TEST(PenaltyChangeEntryTest, DayOnTheLatestDebtorPaymentIsRefusedAndTheDayAfterBooked) {
  PenaltyBooks books = Books("0.00");
  books.latest_debtor_payment = Date{2022, 3, 15};
  const auto on = PenaltyChangeEntry(WithPenalty("1000.00"), books, Date{2022, 3, 15}, "u/p");
  ASSERT_FALSE(on.ok());
  EXPECT_EQ(on.error().field, "penalty_fixed_date");
  EXPECT_NE(on.error().reason.find("2022-03-15"), std::string::npos) << on.error().reason;
  const auto after = PenaltyChangeEntry(WithPenalty("1000.00"), books, Date{2022, 3, 16}, "u/p");
  EXPECT_TRUE(after.ok()) << after.error().reason;
}

}  // namespace
}  // namespace disposal::domain
