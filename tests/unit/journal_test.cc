// Journal entries: validation, reversal, the trial balance and the chart of accounts' names.
#include "domain/journal.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disposal::domain {
namespace {

// ------------------------------------------------------------------------------------ helpers

Money Yuan(std::string_view text) {
  const Result<Money> parsed = Money::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().Message());
  return parsed.ok() ? parsed.value() : Money();
}

Money FromFen(int64_t fen) {
  const Result<Money> money = Money::FromFen(Money::Fen(fen));
  EXPECT_TRUE(money.ok()) << fen;
  return money.ok() ? money.value() : Money();
}

Posting Debit(std::string account, std::string_view amount) {
  return Posting{std::move(account), Side::kDebit, Yuan(amount)};
}

Posting Credit(std::string account, std::string_view amount) {
  return Posting{std::move(account), Side::kCredit, Yuan(amount)};
}

constexpr Date kDay{2025, 6, 30};

JournalEntry Entry(std::vector<Posting> postings) {
  return JournalEntry{"req-1", kDay, "test entry", std::move(postings)};
}

::testing::AssertionResult Invalid(const Status& status, const std::string& field,
                                   const std::string& part = "") {
  if (status.ok()) return ::testing::AssertionFailure() << "accepted";
  const Error& error = status.error();
  if (error.code != ErrorCode::kInvalidArgument || error.field != field ||
      error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

// A payment of 50,000.00 allocated to a claim's costs, interest and principal.
JournalEntry Repayment() {
  return Entry(
      {Debit(std::string(kAmcCashAccount), "50000"), Credit(ClaimCostsAccount("c1"), "1200"),
       Credit(ClaimInterestAccount("c1"), "35000"), Credit(ClaimPrincipalAccount("c1"), "13800")});
}

void AddOk(TrialBalance& books, const JournalEntry& entry) {
  const Status status = books.Add(entry);
  ASSERT_TRUE(status.ok()) << status.error().Message();
}

// ------------------------------------------------------------------------------- validation

TEST(JournalTest, BalancedEntryIsAccepted) {
  const Status status = ValidateEntry(Repayment());
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(JournalTest, UnbalancedEntryIsRefusedStatingBothTotals) {
  const JournalEntry entry = Entry({Debit(std::string(kAmcCashAccount), "1000"),
                                    Credit(ClaimPrincipalAccount("c1"), "600"),
                                    Credit(ClaimInterestAccount("c1"), "300")});
  EXPECT_TRUE(
      Invalid(ValidateEntry(entry), "postings", "debits 1,000.00 do not equal credits 900.00"));
}

TEST(JournalTest, UnbalancedByOneFenIsRefused) {
  const JournalEntry entry = Entry(
      {Debit(std::string(kAmcCashAccount), "0.02"), Credit(ClaimPrincipalAccount("c1"), "0.01")});
  EXPECT_TRUE(Invalid(ValidateEntry(entry), "postings", "debits 0.02 do not equal credits 0.01"));
}

TEST(JournalTest, SinglePostingIsRefused) {
  EXPECT_TRUE(Invalid(ValidateEntry(Entry({Debit(std::string(kAmcCashAccount), "10")})), "postings",
                      "at least two postings, got 1"));
  EXPECT_TRUE(Invalid(ValidateEntry(Entry({})), "postings", "got 0"));
}

TEST(JournalTest, ZeroOrNegativeAmountIsRefusedNamingThePostingIndex) {
  JournalEntry zero = Repayment();
  zero.postings[1].amount = Money();
  EXPECT_TRUE(Invalid(ValidateEntry(zero), "postings[1].amount", "must be positive, got 0.00"));
  JournalEntry negative = Repayment();
  negative.postings[3].amount = Yuan("-13800");
  EXPECT_TRUE(Invalid(ValidateEntry(negative), "postings[3].amount", "-13800.00"));
}

TEST(JournalTest, EmptyAccountNameIsRefusedNamingThePostingIndex) {
  JournalEntry entry = Repayment();
  entry.postings[2].account.clear();
  EXPECT_TRUE(Invalid(ValidateEntry(entry), "postings[2].account"));
}

TEST(JournalTest, MissingRequestIdOrUnrealDateIsRefused) {
  JournalEntry no_id = Repayment();
  no_id.request_id.clear();
  EXPECT_TRUE(Invalid(ValidateEntry(no_id), "request_id"));
  JournalEntry bad_date = Repayment();
  bad_date.effective_date = Date{2025, 2, 29};
  EXPECT_TRUE(Invalid(ValidateEntry(bad_date), "effective_date"));
}

// -------------------------------------------------------------------------------- reversals

TEST(JournalTest, ReverseSwapsEverySideAndKeepsAccountsAndAmounts) {
  const JournalEntry original = Repayment();
  const JournalEntry reversal = Reverse(original, "req-2", Date{2025, 7, 1});
  EXPECT_EQ(reversal.request_id, "req-2");
  EXPECT_EQ(reversal.effective_date, (Date{2025, 7, 1}));
  EXPECT_EQ(reversal.memo, "reversal of req-1: test entry");
  ASSERT_EQ(reversal.postings.size(), original.postings.size());
  for (size_t i = 0; i < original.postings.size(); ++i) {
    EXPECT_EQ(reversal.postings[i].account, original.postings[i].account);
    EXPECT_EQ(reversal.postings[i].amount, original.postings[i].amount);
    EXPECT_NE(reversal.postings[i].side, original.postings[i].side);
  }
  const Status status = ValidateEntry(reversal);
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(JournalTest, ReverseBringsTheTrialBalanceBackToZeroForEveryAccount) {
  TrialBalance books;
  AddOk(books, Repayment());
  ASSERT_EQ(books.Balance(std::string(kAmcCashAccount)).ToString(), "50000.00");
  AddOk(books, Reverse(Repayment(), "req-2", kDay));
  ASSERT_EQ(books.balances().size(), 4u);
  for (const auto& [account, balance] : books.balances()) {
    EXPECT_TRUE(balance.is_zero()) << account << " " << balance.ToString();
  }
  EXPECT_TRUE(books.Total().is_zero());
}

// ---------------------------------------------------------------------------- trial balance

TEST(TrialBalanceTest, BalanceIsDebitsMinusCredits) {
  TrialBalance books;
  AddOk(books, Repayment());
  EXPECT_EQ(books.Balance(std::string(kAmcCashAccount)).ToString(), "50000.00");
  EXPECT_EQ(books.Balance(ClaimInterestAccount("c1")).ToString(), "-35000.00");
  EXPECT_EQ(books.Balance("amc/never_used").ToString(), "0.00");
  EXPECT_TRUE(books.Total().is_zero());
}

TEST(TrialBalanceTest, AccountsAreListedInNameOrder) {
  TrialBalance books;
  AddOk(books, Repayment());
  std::vector<std::string> names;
  for (const auto& [account, balance] : books.balances()) names.push_back(account);
  EXPECT_EQ(names, (std::vector<std::string>{"amc/cash", "claim/c1/costs", "claim/c1/interest",
                                             "claim/c1/principal"}));
}

TEST(TrialBalanceTest, TotalRevealsAnUnbalancedEntry) {
  TrialBalance books;
  AddOk(books, Entry({Debit(std::string(kAmcCashAccount), "100"),
                      Credit(ClaimPrincipalAccount("c1"), "99.99")}));
  EXPECT_EQ(books.Total().ToString(), "0.01");
}

TEST(TrialBalanceTest, OverflowLeavesTheBooksUnchanged) {
  // "c" would post fine, then "a" would pass the largest amount: neither may stick.
  const Result<Money> max = Money::FromFen(Money::kMaxFen);
  ASSERT_TRUE(max.ok());
  TrialBalance books;
  AddOk(books, JournalEntry{"req-1",
                            kDay,
                            "",
                            {Posting{"a", Side::kDebit, max.value()},
                             Posting{"b", Side::kCredit, max.value()}}});
  const JournalEntry more{
      "req-2",
      kDay,
      "",
      {Posting{"c", Side::kCredit, Yuan("1")}, Posting{"a", Side::kDebit, Yuan("1")}}};
  const Status status = books.Add(more);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "amount");
  EXPECT_EQ(books.Balance("a"), max.value());
  EXPECT_EQ(books.balances().count("c"), 0u);
}

// ------------------------------------------------------------------------ chart of accounts

TEST(JournalAccountsTest, ClaimAndOutcomeAccountNames) {
  EXPECT_EQ(ClaimPrincipalAccount("c-1"), "claim/c-1/principal");
  EXPECT_EQ(ClaimInterestAccount("c-1"), "claim/c-1/interest");
  EXPECT_EQ(ClaimPenaltyAccount("c-1"), "claim/c-1/penalty");
  EXPECT_EQ(ClaimCostsAccount("c-1"), "claim/c-1/costs");
  EXPECT_EQ(ClaimAccount("c-1", AllocationBucket::kCosts), "claim/c-1/costs");
  EXPECT_EQ(OutcomeReceivableAccount("o-9"), "outcome/o-9/receivable");
  EXPECT_EQ(kAmcCashAccount, "amc/cash");
  EXPECT_EQ(kAmcDisposalGainLossAccount, "amc/disposal_gain_loss");
  EXPECT_EQ(kAmcDebtReliefAccount, "amc/debt_relief");
  EXPECT_EQ(kAmcInterestIncomeAccount, "amc/interest_income");
}

// --------------------------------------------------------------------------------- property

const std::vector<std::string>& Accounts() {
  static const std::vector<std::string> accounts = {ClaimPrincipalAccount("c1"),
                                                    ClaimInterestAccount("c1"),
                                                    ClaimPenaltyAccount("c1"),
                                                    ClaimCostsAccount("c2"),
                                                    OutcomeReceivableAccount("o1"),
                                                    std::string(kAmcCashAccount),
                                                    std::string(kAmcDebtReliefAccount),
                                                    std::string(kAmcDisposalGainLossAccount),
                                                    std::string(kAmcInterestIncomeAccount)};
  return accounts;
}

Posting RandomPosting(std::mt19937_64& random, Side side) {
  const std::string& account = Accounts()[random() % Accounts().size()];
  const int64_t fen = std::uniform_int_distribution<int64_t>(1, 1'000'000'000'000)(random);
  return Posting{account, side, FromFen(fen)};
}

// Random debits and credits, then one posting on the lighter side for the difference.
JournalEntry RandomBalancedEntry(std::mt19937_64& random, int number) {
  JournalEntry entry{"req-" + std::to_string(number), kDay, "", {}};
  int64_t net = 0;
  const int count = std::uniform_int_distribution<int>(2, 6)(random);
  for (int i = 0; i < count; ++i) {
    const Side side =
        i == 0 ? Side::kDebit : (i == 1 ? Side::kCredit : static_cast<Side>(random() % 2));
    entry.postings.push_back(RandomPosting(random, side));
    const int64_t fen = static_cast<int64_t>(entry.postings.back().amount.fen());
    net += side == Side::kDebit ? fen : -fen;
  }
  if (net != 0) {
    Posting balancing = RandomPosting(random, net > 0 ? Side::kCredit : Side::kDebit);
    balancing.amount = FromFen(net > 0 ? net : -net);
    entry.postings.push_back(balancing);
  }
  return entry;
}

// The test's own bookkeeping, in plain integers.
void Record(std::map<std::string, int64_t>& expected, const JournalEntry& entry) {
  for (const Posting& posting : entry.postings) {
    const int64_t fen = static_cast<int64_t>(posting.amount.fen());
    expected[posting.account] += posting.side == Side::kDebit ? fen : -fen;
  }
}

void ExpectSameBooks(const TrialBalance& books, const std::map<std::string, int64_t>& expected) {
  EXPECT_TRUE(books.Total().is_zero()) << books.Total().ToString();
  ASSERT_EQ(books.balances().size(), expected.size());
  for (const auto& [account, fen] : expected) {
    EXPECT_EQ(books.Balance(account).fen(), Money::Fen(fen)) << account;
  }
}

TEST(JournalPropertyTest, BalancedEntriesAndReversalsKeepTheTrialBalanceAtZero) {
  std::mt19937_64 random(2014);
  TrialBalance books;
  std::map<std::string, int64_t> expected;
  std::vector<JournalEntry> live;  // booked and not yet reversed
  for (int i = 0; i < 2000; ++i) {
    JournalEntry entry = RandomBalancedEntry(random, i);
    if (!live.empty() && random() % 3 == 0) {
      const size_t pick = random() % live.size();
      entry = Reverse(live[pick], "rev-" + std::to_string(i), kDay);
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
    } else {
      live.push_back(entry);
    }
    const Status valid = ValidateEntry(entry);
    ASSERT_TRUE(valid.ok()) << valid.error().Message();
    AddOk(books, entry);
    Record(expected, entry);
    ExpectSameBooks(books, expected);
    if (HasFatalFailure()) return;
  }
  for (const JournalEntry& entry : live) AddOk(books, Reverse(entry, "final", kDay));
  for (const auto& [account, balance] : books.balances()) {
    EXPECT_TRUE(balance.is_zero()) << account << " " << balance.ToString();
  }
}

}  // namespace
}  // namespace disposal::domain
