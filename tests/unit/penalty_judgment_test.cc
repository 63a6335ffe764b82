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

TEST(PenaltyChangeEntryTest, AHigherPenaltyDebitsThePenaltyAccountAgainstInterestIncome) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Yuan("0.00"), {}, kToday, "u/p");
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
  const auto entry = PenaltyChangeEntry(WithPenalty("800.00"), Yuan("1000.00"), {}, kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  ASSERT_TRUE(entry.value().has_value());
  EXPECT_EQ(entry.value()->postings[0].posting.side, Side::kCredit);
  EXPECT_EQ(entry.value()->postings[0].posting.amount.ToString(), "200.00");
}

TEST(PenaltyChangeEntryTest, APenaltyBackToUnliquidatedTakesTheFixedOneOff) {
  const auto entry =
      PenaltyChangeEntry(WithPenalty(std::nullopt), Yuan("1000.00"), {}, kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  ASSERT_TRUE(entry.value().has_value());
  EXPECT_EQ(entry.value()->postings[0].posting.side, Side::kCredit);
  EXPECT_EQ(entry.value()->postings[0].posting.amount.ToString(), "1000.00");
}

TEST(PenaltyChangeEntryTest, APenaltyAsOnTheBooksBooksNothing) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Yuan("1000.00"), {}, kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_FALSE(entry.value().has_value());
}

TEST(PenaltyChangeEntryTest, OneLotSoldOfTwoStillBooksItAtClaimLevel) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Yuan("0.00"),
                                        {{1, Date{2021, 9, 1}}}, kToday, "u/p");
  ASSERT_TRUE(entry.ok()) << entry.error().reason;
  EXPECT_TRUE(entry.value().has_value());
}

TEST(PenaltyChangeEntryTest, EveryTrancheSoldRefusesItNamingTheLastAward) {
  const auto entry =
      PenaltyChangeEntry(WithPenalty("1000.00"), Yuan("0.00"),
                         {{2, Date{2021, 9, 1}}, {1, Date{2021, 10, 8}}}, kToday, "u/p");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(entry.error().field, "claim.penalty");
  EXPECT_NE(entry.error().reason.find("2021-10-08"), std::string::npos) << entry.error().reason;
}

TEST(PenaltyChangeEntryTest, WholeClaimSoldAsOneLotRefusesIt) {
  const auto entry = PenaltyChangeEntry(WithPenalty("1000.00"), Yuan("0.00"),
                                        {{0, Date{2021, 9, 1}}}, kToday, "u/p");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().field, "claim.penalty");
}

}  // namespace
}  // namespace disposal::domain
