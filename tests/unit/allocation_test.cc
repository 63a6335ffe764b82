// Payment allocation (民法典 art. 561 and contract orders) and instalment schedules.
#include "domain/allocation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
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

Outstanding Owed(std::string_view costs, std::string_view interest, std::string_view principal,
                 std::string_view penalty) {
  return Outstanding{Yuan(costs), Yuan(interest), Yuan(principal), Yuan(penalty)};
}

// "costs 1,200.00" per line, so a whole allocation compares in one assertion.
std::vector<std::string> Lines(const Allocation& allocation) {
  std::vector<std::string> lines;
  for (const AllocationLine& line : allocation.lines) {
    lines.push_back(std::string(BucketName(line.bucket)) + " " + line.applied.ToGroupedString());
  }
  return lines;
}

std::vector<std::string> Remaining(const Outstanding& outstanding) {
  return {outstanding.costs.ToGroupedString(), outstanding.interest.ToGroupedString(),
          outstanding.principal.ToGroupedString(), outstanding.penalty.ToGroupedString()};
}

AllocationOrder ContractOrder(const std::vector<AllocationBucket>& buckets) {
  const Result<AllocationOrder> order = AllocationOrder::FromContract(buckets);
  EXPECT_TRUE(order.ok()) << (order.ok() ? "" : order.error().Message());
  return order.ok() ? order.value() : AllocationOrder::Default();
}

template <typename T>
::testing::AssertionResult RefusedWith(const Result<T>& result, ErrorCode code,
                                       const std::string& field, const std::string& part) {
  if (result.ok()) return ::testing::AssertionFailure() << "accepted";
  const Error& error = result.error();
  if (error.code != code || error.field != field || error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult Invalid(const Result<T>& result, const std::string& field,
                                   const std::string& part = "") {
  return RefusedWith(result, ErrorCode::kInvalidArgument, field, part);
}

constexpr AllocationBucket kCosts = AllocationBucket::kCosts;
constexpr AllocationBucket kInterest = AllocationBucket::kInterest;
constexpr AllocationBucket kPrincipal = AllocationBucket::kPrincipal;
constexpr AllocationBucket kPenalty = AllocationBucket::kPenalty;

// ------------------------------------------------------------------------- allocation order

TEST(AllocationTest, DefaultOrderAppliesCostsThenInterestThenPrincipal) {
  // Owed: costs 1,200.00, interest 35,000.00, principal 500,000.00, penalty 10,000.00.
  // 50,000.00 clears the costs (1,200.00) and the interest (35,000.00); the remaining
  // 13,800.00 goes to principal and nothing reaches the penalty.
  const Result<Allocation> allocation =
      Allocate(Yuan("50000"), Owed("1200", "35000", "500000", "10000"), AllocationOrder::Default());
  ASSERT_TRUE(allocation.ok()) << allocation.error().Message();
  EXPECT_EQ(Lines(allocation.value()),
            (std::vector<std::string>{"costs 1,200.00", "interest 35,000.00", "principal 13,800.00",
                                      "penalty 0.00"}));
  EXPECT_EQ(Remaining(allocation.value().remaining),
            (std::vector<std::string>{"0.00", "0.00", "486,200.00", "10,000.00"}));
}

TEST(AllocationTest, DefaultOrderPaysThePenaltyOnlyAfterPrincipal) {
  const Result<Allocation> allocation =
      Allocate(Yuan("1000.05"), Owed("100", "200", "700", "50"), AllocationOrder::Default());
  ASSERT_TRUE(allocation.ok()) << allocation.error().Message();
  EXPECT_EQ(Lines(allocation.value()),
            (std::vector<std::string>{"costs 100.00", "interest 200.00", "principal 700.00",
                                      "penalty 0.05"}));
  EXPECT_EQ(allocation.value().remaining.penalty.ToString(), "49.95");
}

TEST(AllocationTest, ContractOrderIsHonoured) {
  // The contract pays principal first, then interest, then costs, then penalty.
  const AllocationOrder order = ContractOrder({kPrincipal, kInterest, kCosts, kPenalty});
  const Result<Allocation> allocation =
      Allocate(Yuan("600"), Owed("100", "300", "400", "0"), order);
  ASSERT_TRUE(allocation.ok()) << allocation.error().Message();
  EXPECT_EQ(Lines(allocation.value()),
            (std::vector<std::string>{"principal 400.00", "interest 200.00", "costs 0.00",
                                      "penalty 0.00"}));
  EXPECT_EQ(Remaining(allocation.value().remaining),
            (std::vector<std::string>{"100.00", "100.00", "0.00", "0.00"}));
}

TEST(AllocationTest, InvalidContractOrderIsRefusedNamingTheField) {
  EXPECT_TRUE(Invalid(AllocationOrder::FromContract({kCosts, kCosts, kInterest, kPrincipal}),
                      "allocation_order", "\"costs\" more than once"));
  EXPECT_TRUE(Invalid(AllocationOrder::FromContract({kCosts, kInterest, kPrincipal}),
                      "allocation_order", "does not name \"penalty\""));
  EXPECT_TRUE(Invalid(AllocationOrder::FromContract({}), "allocation_order", "\"costs\""));
  EXPECT_TRUE(
      Invalid(AllocationOrder::FromContract({kCosts, kInterest, kPrincipal, kPenalty, kInterest}),
              "allocation_order", "\"interest\" more than once"));
  EXPECT_TRUE(Invalid(AllocationOrder::FromContract(
                          {kCosts, kInterest, kPrincipal, static_cast<AllocationBucket>(9)}),
                      "allocation_order", "entry 3 is not a known bucket"));
}

TEST(AllocationTest, DefaultOrderIsCostsInterestPrincipalPenalty) {
  EXPECT_EQ(AllocationOrder::Default().buckets(),
            (std::vector<AllocationBucket>{kCosts, kInterest, kPrincipal, kPenalty}));
}

// --------------------------------------------------------------------- amounts and refusals

TEST(AllocationTest, OverpaymentIsRefusedNamingTheAmountDue) {
  const Result<Allocation> allocation =
      Allocate(Yuan("1000"), Owed("100", "200", "500", "0"), AllocationOrder::Default());
  EXPECT_TRUE(RefusedWith(allocation, ErrorCode::kFailedPrecondition, "amount",
                          "payment 1,000.00 exceeds the 800.00 due"));
}

// The ledger names a sale only where nothing at all was due.
TEST(AllocationTest, AnOverpaymentOfNothingIsToldFromOneOfSomething) {
  const Result<Allocation> of_nothing =
      Allocate(Yuan("100"), Owed("0", "0", "0", "0"), AllocationOrder::Default());
  ASSERT_FALSE(of_nothing.ok());
  EXPECT_TRUE(IsOverpaymentOfNothing(of_nothing.error()));
  const Result<Allocation> of_something =
      Allocate(Yuan("1000"), Owed("100", "200", "500", "0"), AllocationOrder::Default());
  ASSERT_FALSE(of_something.ok());
  EXPECT_FALSE(IsOverpaymentOfNothing(of_something.error()));
  EXPECT_FALSE(IsOverpaymentOfNothing(Error::InvalidArgument("amount", "must be positive")));
}

TEST(AllocationTest, OverpaymentOfALargeClaimUsesGroupedFigures) {
  const Result<Allocation> allocation = Allocate(
      Yuan("806450600.01"), Owed("0", "6450600", "800000000", "0"), AllocationOrder::Default());
  EXPECT_TRUE(RefusedWith(allocation, ErrorCode::kFailedPrecondition, "amount",
                          "payment 806,450,600.01 exceeds the 806,450,600.00 due"));
}

TEST(AllocationTest, PaymentEqualToTheTotalClearsEverything) {
  const Result<Allocation> allocation =
      Allocate(Yuan("1060.10"), Owed("10.10", "50", "1000", "0"), AllocationOrder::Default());
  ASSERT_TRUE(allocation.ok()) << allocation.error().Message();
  EXPECT_EQ(Remaining(allocation.value().remaining),
            (std::vector<std::string>{"0.00", "0.00", "0.00", "0.00"}));
  EXPECT_EQ(Lines(allocation.value()),
            (std::vector<std::string>{"costs 10.10", "interest 50.00", "principal 1,000.00",
                                      "penalty 0.00"}));
}

TEST(AllocationTest, ZeroOrNegativePaymentIsRefusedNamingAmount) {
  const Outstanding owed = Owed("0", "0", "100", "0");
  EXPECT_TRUE(Invalid(Allocate(Money(), owed, AllocationOrder::Default()), "amount", "positive"));
  EXPECT_TRUE(
      Invalid(Allocate(Yuan("-0.01"), owed, AllocationOrder::Default()), "amount", "-0.01"));
}

TEST(AllocationTest, NegativeOutstandingBucketIsRefusedNamingIt) {
  EXPECT_TRUE(Invalid(Allocate(Yuan("1"), Owed("0", "-5", "100", "0"), AllocationOrder::Default()),
                      "outstanding.interest", "-5.00"));
}

TEST(AllocationTest, PaymentAgainstNothingOwedIsAnOverpayment) {
  EXPECT_TRUE(RefusedWith(Allocate(Yuan("0.01"), Outstanding{}, AllocationOrder::Default()),
                          ErrorCode::kFailedPrecondition, "amount", "exceeds the 0.00 due"));
}

// ------------------------------------------------------------------------ allocation property

// An amount with a random number of digits (so small and large figures both occur), zero about
// one time in five.
int64_t RandomFen(std::mt19937_64& random) {
  if (random() % 5 == 0) return 0;
  int64_t limit = 1;
  const int digits = std::uniform_int_distribution<int>(1, 15)(random);
  for (int i = 0; i < digits; ++i) limit *= 10;
  return std::uniform_int_distribution<int64_t>(1, limit - 1)(random);
}

std::vector<AllocationBucket> RandomPermutation(std::mt19937_64& random) {
  std::vector<AllocationBucket> buckets = {kCosts, kInterest, kPrincipal, kPenalty};
  std::shuffle(buckets.begin(), buckets.end(), random);
  return buckets;
}

struct Case {
  std::vector<int64_t> owed;  // indexed by bucket
  AllocationOrder order = AllocationOrder::Default();
  int64_t due = 0;  // the test's own sum
};

Case RandomCase(std::mt19937_64& random) {
  Case c;
  for (size_t b = 0; b < kAllocationBucketCount; ++b) {
    c.owed.push_back(RandomFen(random));
    c.due += c.owed.back();
  }
  if (random() % 4 != 0) c.order = ContractOrder(RandomPermutation(random));
  return c;
}

Outstanding OutstandingOf(const Case& c) {
  Outstanding outstanding;
  for (size_t b = 0; b < kAllocationBucketCount; ++b) {
    AmountIn(outstanding, static_cast<AllocationBucket>(b)) = FromFen(c.owed[b]);
  }
  return outstanding;
}

// A payment in 1..due, with the exact total and a single fen over-represented.
int64_t RandomPayment(std::mt19937_64& random, int64_t due) {
  switch (random() % 8) {
    case 0:
      return due;
    case 1:
      return 1;
    default:
      return std::uniform_int_distribution<int64_t>(1, due)(random);
  }
}

// The allocation conserves money, keeps every bucket within 0..owed, and no bucket receives
// anything while an earlier bucket in the order is still owed something.
void ExpectSoundAllocation(const Case& c, int64_t payment, const Allocation& allocation) {
  ASSERT_EQ(allocation.lines.size(), kAllocationBucketCount);
  Money::Fen applied_total = 0;
  bool earlier_still_owed = false;
  for (size_t k = 0; k < allocation.lines.size(); ++k) {
    const AllocationLine& line = allocation.lines[k];
    ASSERT_EQ(line.bucket, c.order.buckets()[k]);
    const Money::Fen owed = c.owed[static_cast<size_t>(line.bucket)];
    const Money::Fen left = AmountIn(allocation.remaining, line.bucket).fen();
    EXPECT_GE(line.applied.fen(), 0);
    EXPECT_GE(left, 0);
    EXPECT_EQ(line.applied.fen() + left, owed) << BucketName(line.bucket);
    if (earlier_still_owed) {
      EXPECT_EQ(line.applied.fen(), 0) << BucketName(line.bucket);
    }
    earlier_still_owed = earlier_still_owed || left > 0;
    applied_total += line.applied.fen();
  }
  EXPECT_EQ(applied_total, Money::Fen(payment));
}

TEST(AllocationPropertyTest, RandomPaymentsAreConservedAndFillBucketsInOrder) {
  std::mt19937_64 random(561);
  for (int i = 0; i < 5000; ++i) {
    const Case c = RandomCase(random);
    if (c.due == 0) continue;
    const int64_t payment = RandomPayment(random, c.due);
    const Result<Allocation> allocation = Allocate(FromFen(payment), OutstandingOf(c), c.order);
    ASSERT_TRUE(allocation.ok()) << allocation.error().Message();
    ExpectSoundAllocation(c, payment, allocation.value());
    if (HasFatalFailure()) return;
  }
}

TEST(AllocationPropertyTest, RandomOverpaymentsAreRefusedNamingTheAmountDue) {
  std::mt19937_64 random(562);
  for (int i = 0; i < 1000; ++i) {
    const Case c = RandomCase(random);
    const int64_t excess = std::uniform_int_distribution<int64_t>(1, 1'000'000)(random);
    const Money due = FromFen(c.due);
    const Result<Allocation> allocation =
        Allocate(FromFen(c.due + excess), OutstandingOf(c), c.order);
    ASSERT_TRUE(RefusedWith(allocation, ErrorCode::kFailedPrecondition, "amount",
                            "exceeds the " + due.ToGroupedString() + " due"));
  }
}

// -------------------------------------------------------------------------------- schedules

Instalment Due(int year, int month, int day, std::string_view amount, std::string_view paid = "0") {
  return Instalment{Date{year, month, day}, Yuan(amount), Yuan(paid)};
}

std::vector<std::string> Paid(const std::vector<Instalment>& schedule) {
  std::vector<std::string> paid;
  for (const Instalment& instalment : schedule) paid.push_back(instalment.paid.ToGroupedString());
  return paid;
}

std::vector<std::string> Applied(const ScheduleApplication& application) {
  std::vector<std::string> applied;
  for (const InstalmentPayment& payment : application.applied) {
    applied.push_back(std::to_string(payment.index) + ": " + payment.applied.ToGroupedString());
  }
  return applied;
}

// Three quarterly instalments of 100,000.00; the first is 40,000.00 paid.
std::vector<Instalment> Plan() {
  return {Due(2025, 1, 15, "100000", "40000"), Due(2025, 4, 15, "100000"),
          Due(2025, 7, 15, "100000")};
}

TEST(ScheduleTest, PaymentClearsTheEarliestUnpaidInstalmentFirst) {
  // 60,000.00 completes January's instalment; the other 40,000.00 goes to April's.
  const Result<ScheduleApplication> application = ApplyToSchedule(Yuan("100000"), Plan());
  ASSERT_TRUE(application.ok()) << application.error().Message();
  EXPECT_EQ(Applied(application.value()),
            (std::vector<std::string>{"0: 60,000.00", "1: 40,000.00"}));
  EXPECT_EQ(Paid(application.value().schedule),
            (std::vector<std::string>{"100,000.00", "40,000.00", "0.00"}));
}

TEST(ScheduleTest, PaymentSmallerThanAnInstalmentPaysItPartly) {
  const Result<ScheduleApplication> application = ApplyToSchedule(Yuan("0.01"), Plan());
  ASSERT_TRUE(application.ok()) << application.error().Message();
  EXPECT_EQ(Applied(application.value()), (std::vector<std::string>{"0: 0.01"}));
  EXPECT_EQ(Paid(application.value().schedule),
            (std::vector<std::string>{"40,000.01", "0.00", "0.00"}));
}

TEST(ScheduleTest, FullyPaidInstalmentsAreSkipped) {
  const std::vector<Instalment> plan = {Due(2025, 1, 15, "500", "500"), Due(2025, 2, 15, "500")};
  const Result<ScheduleApplication> application = ApplyToSchedule(Yuan("200"), plan);
  ASSERT_TRUE(application.ok()) << application.error().Message();
  EXPECT_EQ(Applied(application.value()), (std::vector<std::string>{"1: 200.00"}));
}

TEST(ScheduleTest, InstalmentsArePaidInDueDateOrderWhateverTheListOrder) {
  const std::vector<Instalment> plan = {Due(2025, 9, 1, "300"), Due(2025, 3, 1, "300")};
  const Result<ScheduleApplication> application = ApplyToSchedule(Yuan("400"), plan);
  ASSERT_TRUE(application.ok()) << application.error().Message();
  EXPECT_EQ(Applied(application.value()), (std::vector<std::string>{"1: 300.00", "0: 100.00"}));
}

TEST(ScheduleTest, OverpaymentIsRefusedNamingTheAmountDue) {
  // Unpaid: 60,000.00 + 100,000.00 + 100,000.00.
  EXPECT_TRUE(RefusedWith(ApplyToSchedule(Yuan("260000.01"), Plan()),
                          ErrorCode::kFailedPrecondition, "amount",
                          "payment 260,000.01 exceeds the 260,000.00 due"));
}

TEST(ScheduleTest, PaymentEqualToEverythingUnpaidClearsTheSchedule) {
  const Result<ScheduleApplication> application = ApplyToSchedule(Yuan("260000"), Plan());
  ASSERT_TRUE(application.ok()) << application.error().Message();
  EXPECT_EQ(Paid(application.value().schedule),
            (std::vector<std::string>{"100,000.00", "100,000.00", "100,000.00"}));
}

TEST(ScheduleTest, ApplyRefusesANonPositivePaymentAndAnImpossiblePaidAmount) {
  EXPECT_TRUE(Invalid(ApplyToSchedule(Money(), Plan()), "amount", "positive"));
  const std::vector<Instalment> plan = {Due(2025, 1, 1, "10"), Due(2025, 2, 1, "10", "10.01")};
  EXPECT_TRUE(Invalid(ApplyToSchedule(Yuan("1"), plan), "instalments[1].paid", "10.01"));
}

TEST(ScheduleTest, ValidateScheduleAcceptsAPlanSummingToTheTotal) {
  const Status status = ValidateSchedule(Plan(), Yuan("300000"));
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(ScheduleTest, ValidateScheduleNamesTheInstalmentWhoseDueDateIsOutOfOrder) {
  const std::vector<Instalment> plan = {Due(2025, 1, 1, "10"), Due(2025, 2, 1, "10"),
                                        Due(2025, 2, 1, "10")};
  EXPECT_TRUE(Invalid(ValidateSchedule(plan, Yuan("30")), "instalments[2].due_date",
                      "2025-02-01 must be after the previous instalment's 2025-02-01"));
  const std::vector<Instalment> earlier = {Due(2025, 3, 1, "10"), Due(2025, 2, 1, "10")};
  EXPECT_TRUE(Invalid(ValidateSchedule(earlier, Yuan("20")), "instalments[1].due_date"));
}

// Each amount fits the ledger, their sum does not: the plan is what is wrong, not an "amount".
TEST(ScheduleTest, ValidateScheduleNamesTheInstalmentsWhenTheirSumOverflows) {
  const std::vector<Instalment> plan = {Due(2025, 1, 1, "600000000000000000"),
                                        Due(2025, 2, 1, "600000000000000000")};
  EXPECT_TRUE(Invalid(ValidateSchedule(plan, Yuan("999999999999999999.99")), "instalments",
                      "sum past the largest amount"));
}

TEST(ScheduleTest, ValidateScheduleNamesAnUnrealDueDate) {
  const std::vector<Instalment> plan = {Due(2025, 1, 1, "10"), Due(2025, 2, 30, "10")};
  EXPECT_TRUE(Invalid(ValidateSchedule(plan, Yuan("20")), "instalments[1].due_date"));
}

TEST(ScheduleTest, ValidateScheduleNamesANonPositiveAmount) {
  const std::vector<Instalment> plan = {Due(2025, 1, 1, "10"), Due(2025, 2, 1, "0"),
                                        Due(2025, 3, 1, "10")};
  EXPECT_TRUE(
      Invalid(ValidateSchedule(plan, Yuan("20")), "instalments[1].amount", "must be positive"));
}

TEST(ScheduleTest, ValidateScheduleStatesBothFiguresWhenTheSumIsWrong) {
  EXPECT_TRUE(Invalid(ValidateSchedule(Plan(), Yuan("300000.01")), "instalments",
                      "amounts sum to 300,000.00 but the plan's total is 300,000.01"));
}

TEST(ScheduleTest, ValidateScheduleRefusesAnEmptyPlan) {
  EXPECT_TRUE(Invalid(ValidateSchedule({}, Yuan("1")), "instalments", "at least one"));
}

}  // namespace
}  // namespace disposal::domain
