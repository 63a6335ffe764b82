// Applying a payment that does not cover everything owed: a debtor's partial repayment to the
// parts of a claim (民法典 art. 561), and a buyer's payment to an instalment schedule.
#ifndef DISPOSAL_SERVER_DOMAIN_ALLOCATION_H_
#define DISPOSAL_SERVER_DOMAIN_ALLOCATION_H_

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

// The parts of a claim a payment can go to. Each has a claim account of the same name
// (BucketName), so an allocation books one credit per bucket that received money.
enum class AllocationBucket {
  kCosts,  // 实现债权的有关费用: costs of enforcing the claim (court fees, auction costs)
  kInterest,   // ordinary and overdue interest at the contract or judgment rate
  kPrincipal,  // 主债务
  // 违约金 and other sanctions for late payment, including the court's extra interest on a
  // delayed judgment (加倍部分债务利息). Art. 561 does not mention them; they come last by
  // default because 法释〔2014〕8号 art. 4 pays that extra interest only after the judgment
  // debt itself, and a penalty for delay is the same kind of sanction.
  kPenalty,
};

inline constexpr size_t kAllocationBucketCount = 4;
// Every bucket, in the default order.
inline constexpr std::array<AllocationBucket, kAllocationBucketCount> kAllocationBuckets = {
    AllocationBucket::kCosts, AllocationBucket::kInterest, AllocationBucket::kPrincipal,
    AllocationBucket::kPenalty};

// "costs", "interest", "principal", "penalty": the account suffix and the field name.
std::string_view BucketName(AllocationBucket bucket);

// What is owed, per bucket. Every amount must be >= 0. An unliquidated penalty (a court has yet
// to set it) cannot receive money, so the caller passes only a liquidated penalty here.
struct Outstanding {
  Money costs;
  Money interest;
  Money principal;
  Money penalty;
};

const Money& AmountIn(const Outstanding& outstanding, AllocationBucket bucket);
Money& AmountIn(Outstanding& outstanding, AllocationBucket bucket);

// The sum of every bucket. Fails only on overflow.
Result<Money> TotalOf(const Outstanding& outstanding);

// The order in which a payment fills the buckets: art. 561 by default, or the contract's.
class AllocationOrder {
 public:
  // Costs, interest, principal (art. 561), then penalty (see AllocationBucket::kPenalty).
  static AllocationOrder Default();

  // A contract's own order: every bucket exactly once. Otherwise InvalidArgument, field
  // "allocation_order", naming the missing, repeated or unknown bucket.
  static Result<AllocationOrder> FromContract(const std::vector<AllocationBucket>& buckets);

  const std::vector<AllocationBucket>& buckets() const { return buckets_; }

 private:
  explicit AllocationOrder(std::vector<AllocationBucket> buckets) : buckets_(std::move(buckets)) {}

  std::vector<AllocationBucket> buckets_;
};

struct AllocationLine {
  AllocationBucket bucket;
  Money applied;  // >= 0; zero when the payment ran out before this bucket
};

struct Allocation {
  std::vector<AllocationLine> lines;  // one per bucket, in the order applied
  Outstanding remaining;              // what is still owed afterwards
};

// Fills the buckets in `order`, each completely before the next receives anything. The lines
// sum exactly to `payment`. Errors: payment <= 0 (InvalidArgument, field "amount"); a negative
// bucket (InvalidArgument, field "outstanding.<bucket>"); a payment above the total owed
// (FailedPrecondition, "payment 1,000.00 exceeds the 800.00 due"): the caller decides what an
// overpayment means, this code never invents a refund.
// Whether `error` is Allocate's or ApplyToSchedule's refusal of a payment when nothing at all
// is due (a claim paid off or sold): the caller may say why there is nothing.
bool IsOverpaymentOfNothing(const Error& error);

Result<Allocation> Allocate(const Money& payment, const Outstanding& outstanding,
                            const AllocationOrder& order);

// A bucket below zero is money the debtor paid that the books took back since (interest of an
// accrual reversed, or corrected for a payment recorded late): a credit of the debtor's. A
// payment carries it to the buckets still owed, in the payment's order, as if it came with the
// payment, so that nothing paid is counted twice and an overpayment is refused on what is
// really due. A credit beyond everything owed stays where it is: no refund is modelled.
struct CarriedCredit {
  Outstanding used;  // taken off each bucket below zero
  Outstanding paid;  // paid to each bucket owed
};

// Takes the credit off `outstanding` (the buckets below zero to zero) and pays it to the
// buckets owed in `order`, as far as it goes. Fails only on overflow.
Result<CarriedCredit> CarryCredit(Outstanding* outstanding, const AllocationOrder& order);

// One instalment of a buyer's payment plan.
struct Instalment {
  Date due;
  Money amount;  // > 0
  Money paid;    // 0..amount
};

struct InstalmentPayment {
  size_t index;  // into the schedule as given
  Money applied;
};

struct ScheduleApplication {
  std::vector<InstalmentPayment> applied;  // instalments that received money, earliest first
  std::vector<Instalment> schedule;        // the schedule with `paid` updated
};

// Applies a buyer's payment to the earliest unpaid instalments first (by due date), so arrears
// are cleared before later instalments are paid ahead. Errors: payment <= 0 (field "amount");
// an instalment whose paid is outside 0..amount (field "instalments[i].paid");
// a payment above the total unpaid (FailedPrecondition naming the amount due).
Result<ScheduleApplication> ApplyToSchedule(const Money& payment,
                                            const std::vector<Instalment>& schedule);

// Checks a new payment plan: at least one instalment, real due dates in the business range and
// strictly increasing, amounts > 0, paid within 0..amount, amounts summing exactly to `total`.
// InvalidArgument names the instalment, e.g. "instalments[2].due_date"; a wrong
// sum names "instalments" and states both figures.
Status ValidateSchedule(const std::vector<Instalment>& schedule, const Money& total);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ALLOCATION_H_
