#include "domain/allocation.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>

namespace disposal::domain {
namespace {

bool IsKnown(AllocationBucket bucket) {
  const int value = static_cast<int>(bucket);
  return value >= 0 && value < static_cast<int>(kAllocationBucketCount);
}

// Shared by the const and non-const AmountIn. An unknown bucket cannot reach here through
// AllocationOrder, which admits only the four.
template <typename OutstandingT>
auto& Member(OutstandingT& outstanding, AllocationBucket bucket) {
  switch (bucket) {
    case AllocationBucket::kCosts:
      return outstanding.costs;
    case AllocationBucket::kInterest:
      return outstanding.interest;
    case AllocationBucket::kPrincipal:
      return outstanding.principal;
    case AllocationBucket::kPenalty:
      break;
  }
  return outstanding.penalty;
}

std::string Quoted(AllocationBucket bucket) {
  return "\"" + std::string(BucketName(bucket)) + "\"";
}

Status CheckPayment(const Money& payment) {
  if (payment > Money()) return OkStatus();
  return Error::InvalidArgument("amount", "must be positive, got " + payment.ToString());
}

// The caller decides what an overpayment means (refund, suspense, a data-entry error), so it is
// refused with the figure that would have been accepted.
Error Overpayment(const Money& payment, const Money& due) {
  return Error{
      ErrorCode::kFailedPrecondition, "amount",
      "payment " + payment.ToGroupedString() + " exceeds the " + due.ToGroupedString() + " due"};
}

Status CheckOutstanding(const Outstanding& outstanding) {
  for (AllocationBucket bucket : kAllocationBuckets) {
    const Money& amount = AmountIn(outstanding, bucket);
    if (amount.is_negative()) {
      return Error::InvalidArgument("outstanding." + std::string(BucketName(bucket)),
                                    "must not be negative, got " + amount.ToString());
    }
  }
  return OkStatus();
}

// ------------------------------------------------------------------------------ instalments

std::string InstalmentField(size_t index, const std::string& member) {
  return "instalments[" + std::to_string(index) + "]." + member;
}

Status CheckPaid(const Instalment& instalment, size_t index) {
  if (!instalment.paid.is_negative() && instalment.paid <= instalment.amount) return OkStatus();
  return Error::InvalidArgument(InstalmentField(index, "paid"),
                                "must be between 0.00 and the instalment's amount " +
                                    instalment.amount.ToGroupedString() + ", got " +
                                    instalment.paid.ToGroupedString());
}

Result<Money> UnpaidTotal(const std::vector<Instalment>& schedule) {
  std::vector<Money> unpaid;
  for (const Instalment& instalment : schedule) {
    ASSIGN_OR_RETURN(Money left, instalment.amount.Subtract(instalment.paid));
    unpaid.push_back(left);
  }
  return Sum(unpaid);
}

// Indices in due-date order; stable so that equal dates keep the schedule's own order.
std::vector<size_t> ByDueDate(const std::vector<Instalment>& schedule) {
  std::vector<size_t> order(schedule.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return schedule[a].due < schedule[b].due; });
  return order;
}

// Pays as much of instalment `index` as `left` allows; returns what is left of the payment.
Result<Money> PayInstalment(ScheduleApplication& application, size_t index, const Money& left) {
  Instalment& instalment = application.schedule[index];
  ASSIGN_OR_RETURN(const Money unpaid, instalment.amount.Subtract(instalment.paid));
  const Money applied = std::min(left, unpaid);
  if (applied.is_zero()) return left;
  ASSIGN_OR_RETURN(instalment.paid, instalment.paid.Add(applied));
  application.applied.push_back({index, applied});
  return left.Subtract(applied);
}

Status CheckDueDate(const std::vector<Instalment>& schedule, size_t index) {
  const Date& due = schedule[index].due;
  const Result<Date> real = MakeDate(due.year, due.month, due.day);
  if (!real.ok())
    return Error::InvalidArgument(InstalmentField(index, "due_date"), real.error().reason);
  if (index == 0 || schedule[index - 1].due < due) return OkStatus();
  return Error::InvalidArgument(InstalmentField(index, "due_date"),
                                FormatIsoDate(due) + " must be after the previous instalment's " +
                                    FormatIsoDate(schedule[index - 1].due));
}

Status CheckInstalment(const std::vector<Instalment>& schedule, size_t index) {
  RETURN_IF_ERROR(CheckDueDate(schedule, index));
  const Instalment& instalment = schedule[index];
  if (instalment.amount <= Money()) {
    return Error::InvalidArgument(InstalmentField(index, "amount"),
                                  "must be positive, got " + instalment.amount.ToString());
  }
  return CheckPaid(instalment, index);
}

}  // namespace

std::string_view BucketName(AllocationBucket bucket) {
  switch (bucket) {
    case AllocationBucket::kCosts:
      return "costs";
    case AllocationBucket::kInterest:
      return "interest";
    case AllocationBucket::kPrincipal:
      return "principal";
    case AllocationBucket::kPenalty:
      return "penalty";
  }
  return "unknown";
}

const Money& AmountIn(const Outstanding& outstanding, AllocationBucket bucket) {
  return Member(outstanding, bucket);
}

Money& AmountIn(Outstanding& outstanding, AllocationBucket bucket) {
  return Member(outstanding, bucket);
}

Result<Money> TotalOf(const Outstanding& outstanding) {
  return Sum({outstanding.costs, outstanding.interest, outstanding.principal, outstanding.penalty});
}

AllocationOrder AllocationOrder::Default() {
  return AllocationOrder(
      std::vector<AllocationBucket>(kAllocationBuckets.begin(), kAllocationBuckets.end()));
}

Result<AllocationOrder> AllocationOrder::FromContract(
    const std::vector<AllocationBucket>& buckets) {
  std::array<bool, kAllocationBucketCount> seen{};
  for (size_t i = 0; i < buckets.size(); ++i) {
    if (!IsKnown(buckets[i])) {
      return Error::InvalidArgument("allocation_order",
                                    "entry " + std::to_string(i) + " is not a known bucket");
    }
    bool& named = seen[static_cast<size_t>(buckets[i])];
    if (named) {
      return Error::InvalidArgument("allocation_order",
                                    "names " + Quoted(buckets[i]) + " more than once");
    }
    named = true;
  }
  for (AllocationBucket bucket : kAllocationBuckets) {
    if (!seen[static_cast<size_t>(bucket)]) {
      return Error::InvalidArgument("allocation_order", "does not name " + Quoted(bucket) +
                                                            "; every bucket must appear once");
    }
  }
  return AllocationOrder(buckets);
}

bool IsOverpaymentOfNothing(const Error& error) {
  static const std::string kNothingDue = Overpayment(Money::Parse("0.01").value(), Money()).reason;
  static const std::string kTail = kNothingDue.substr(kNothingDue.find(" exceeds"));
  return error.code == ErrorCode::kFailedPrecondition && error.field == "amount" &&
         error.reason.size() >= kTail.size() &&
         error.reason.compare(error.reason.size() - kTail.size(), kTail.size(), kTail) == 0;
}

Result<Allocation> Allocate(const Money& payment, const Outstanding& outstanding,
                            const AllocationOrder& order) {
  RETURN_IF_ERROR(CheckPayment(payment));
  RETURN_IF_ERROR(CheckOutstanding(outstanding));
  ASSIGN_OR_RETURN(const Money due, TotalOf(outstanding));
  if (payment > due) return Overpayment(payment, due);
  Allocation allocation{{}, outstanding};
  Money left = payment;
  for (AllocationBucket bucket : order.buckets()) {
    Money& owed = AmountIn(allocation.remaining, bucket);
    const Money applied = std::min(left, owed);
    ASSIGN_OR_RETURN(owed, owed.Subtract(applied));
    ASSIGN_OR_RETURN(left, left.Subtract(applied));
    allocation.lines.push_back({bucket, applied});
  }
  return allocation;
}

Result<ScheduleApplication> ApplyToSchedule(const Money& payment,
                                            const std::vector<Instalment>& schedule) {
  RETURN_IF_ERROR(CheckPayment(payment));
  for (size_t i = 0; i < schedule.size(); ++i) {
    RETURN_IF_ERROR(CheckPaid(schedule[i], i));
  }
  ASSIGN_OR_RETURN(const Money due, UnpaidTotal(schedule));
  if (payment > due) return Overpayment(payment, due);
  ScheduleApplication application{{}, schedule};
  Money left = payment;
  for (size_t index : ByDueDate(schedule)) {
    if (left.is_zero()) break;
    ASSIGN_OR_RETURN(left, PayInstalment(application, index, left));
  }
  return application;
}

Status ValidateSchedule(const std::vector<Instalment>& schedule, const Money& total) {
  if (schedule.empty()) {
    return Error::InvalidArgument("instalments", "must have at least one instalment");
  }
  std::vector<Money> amounts;
  for (size_t i = 0; i < schedule.size(); ++i) {
    RETURN_IF_ERROR(CheckInstalment(schedule, i));
    amounts.push_back(schedule[i].amount);
  }
  const Result<Money> summed = Sum(amounts);
  if (!summed.ok()) {
    return Error::InvalidArgument("instalments",
                                  "amounts sum past the largest amount the ledger holds; the "
                                  "plan's total is " +
                                      total.ToGroupedString());
  }
  const Money& sum = summed.value();
  if (sum == total) return OkStatus();
  return Error::InvalidArgument("instalments", "amounts sum to " + sum.ToGroupedString() +
                                                   " but the plan's total is " +
                                                   total.ToGroupedString());
}

Result<CarriedCredit> CarryCredit(Outstanding* outstanding, const AllocationOrder& order) {
  CarriedCredit carried;
  Money credit;
  for (AllocationBucket bucket : kAllocationBuckets) {
    Money& owed = AmountIn(*outstanding, bucket);
    if (!owed.is_negative()) continue;
    ASSIGN_OR_RETURN(AmountIn(carried.used, bucket), Money().Subtract(owed));
    ASSIGN_OR_RETURN(credit, credit.Add(AmountIn(carried.used, bucket)));
    owed = Money();
  }
  ASSIGN_OR_RETURN(const Money due, TotalOf(*outstanding));
  const Money carry = std::min(credit, due);
  if (carry.is_zero()) return CarriedCredit{};
  ASSIGN_OR_RETURN(const Allocation allocation, Allocate(carry, *outstanding, order));
  for (const AllocationLine& line : allocation.lines) {
    AmountIn(carried.paid, line.bucket) = line.applied;
  }
  *outstanding = allocation.remaining;
  // Only `carry` of the credit is used: the buckets below zero give it up in their order.
  Money left = carry;
  for (AllocationBucket bucket : kAllocationBuckets) {
    Money& used = AmountIn(carried.used, bucket);
    used = std::min(used, left);
    ASSIGN_OR_RETURN(left, left.Subtract(used));
  }
  return carried;
}

}  // namespace disposal::domain
