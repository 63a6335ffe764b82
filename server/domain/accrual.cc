#include "domain/accrual.h"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/rounding.h"

namespace disposal::domain {
namespace {

// fen (< 2^67) x rate.scaled (< 2^127) x days (< 2^63) stays far below 2^511, so the exact
// products never overflow; being checked, any misuse throws instead of wrapping.
using Wide = boost::multiprecision::checked_int512_t;

constexpr char kAmountField[] = "amount";
constexpr char kStartField[] = "start_date";
constexpr char kThroughField[] = "through_date";

Error OutOfRange() {
  return Error::InvalidArgument(kAmountField,
                                "accrued amount is out of range (overflow): the limit is "
                                "999,999,999,999,999,999.99 yuan");
}

// An exact amount of fen as a fraction, kept unrounded until it is booked.
struct ExactFen {
  Wide numerator;
  Wide denominator;  // > 0
};

Result<Money> Round(const ExactFen& exact, RoundingMode mode) {
  const Wide rounded = DivideRounded(exact.numerator, exact.denominator, mode);
  // Checked before narrowing: the narrowing itself would throw.
  if (abs(rounded) > Wide(Money::kMaxFen)) return OutOfRange();
  return Money::FromFen(Money::Fen(rounded));
}

// amount x rate x days / divisor, exactly; divisor > 0 is the day-count basis, or 1 for a
// daily rate.
ExactFen Accrue(const Money& amount, const Rate& rate, int64_t days, int64_t divisor) {
  const Wide numerator = Wide(amount.fen()) * Wide(rate.scaled()) * days;
  const Wide denominator = boost::multiprecision::pow(Wide(10), rate.scale()) * divisor;
  return {numerator, denominator};
}

Status CheckRealDate(const Date& date, const char* field) {
  if (IsRealDate(date.year, date.month, date.day)) return OkStatus();
  return Error::InvalidArgument(field, FormatIsoDate(date) + " is not a real date");
}

Status CheckNotNegative(const Money& amount, const char* field) {
  if (!amount.is_negative()) return OkStatus();
  return Error::InvalidArgument(field, "must not be negative, got " + amount.ToString());
}

Status CheckNotNegative(const Rate& rate, const char* field) {
  if (rate >= Rate()) return OkStatus();
  return Error::InvalidArgument(field, "must not be negative, got " + rate.ToString());
}

}  // namespace

Status CheckCourtDailyRate(const Rate& rate, const std::string& field) {
  if (rate < Rate()) {
    return Error::InvalidArgument(field, "must not be negative, got " + rate.ToString());
  }
  if (CourtDailyRateMax() < rate) {
    return Error::InvalidArgument(field, "must be at most " + CourtDailyRateMax().ToString() +
                                             " a day (a fraction: the statute's 0.0175% is " +
                                             CourtDoubledPartDailyRate().ToString() + "), got " +
                                             rate.ToString());
  }
  return OkStatus();
}

namespace {

// The days of (from, to] that fall after `due_date`: the span starts at the later of the two.
Result<int64_t> DaysAfter(const Date& due_date, const char* due_field, const Date& from,
                          const Date& to) {
  RETURN_IF_ERROR(CheckRealDate(due_date, due_field));
  ASSIGN_OR_RETURN(const int64_t days, AccrualDays(from, to));
  if (due_date >= to) return int64_t{0};
  return days - std::max<int64_t>(0, DaysFromCivil(due_date) - DaysFromCivil(from));
}

// The sum, over the days of (from, to] after `after`, of the amount outstanding on each day
// (`initial`, then each step's figure): fen x days, exactly. A step takes effect for the days
// after its date.
Wide AmountDays(const Money& initial, const std::vector<PrincipalStep>& steps, const Date& after,
                const Date& from, const Date& to) {
  Date cursor = std::max(after, from);
  Wide total = 0;
  Money principal = initial;
  for (const PrincipalStep& step : steps) {
    if (step.date >= to) break;
    if (step.date > cursor) {
      total += Wide(principal.fen()) * (DaysFromCivil(step.date) - DaysFromCivil(cursor));
      cursor = step.date;
    }
    principal = step.principal;
  }
  if (to > cursor) total += Wide(principal.fen()) * (DaysFromCivil(to) - DaysFromCivil(cursor));
  return total;
}

// Interest at `annual_rate` on the principal as it stood each day of (from, to] after `after`,
// exactly.
Result<ExactFen> InterestOnPrincipal(const AccrualTerms& terms, const Rate& annual_rate,
                                     const Date& after, const Date& from, const Date& to) {
  RETURN_IF_ERROR(AccrualDays(from, to));
  const Wide numerator = AmountDays(terms.principal, terms.principal_steps, after, from, to) *
                         Wide(annual_rate.scaled());
  const Wide denominator =
      boost::multiprecision::pow(Wide(10), annual_rate.scale()) * BasisDays(terms.basis);
  return ExactFen{numerator, denominator};
}

// Interest on the overdue interest as it stood each day of (from, to], exactly.
Result<ExactFen> InterestOnOverdueInterestSteps(const CompoundTerms& compound, const Date& from,
                                                const Date& to, DayCountBasis basis) {
  RETURN_IF_ERROR(AccrualDays(from, to));
  const Wide numerator = AmountDays(compound.overdue_interest, compound.steps, from, from, to) *
                         Wide(compound.annual_rate.scaled());
  const Wide denominator =
      boost::multiprecision::pow(Wide(10), compound.annual_rate.scale()) * BasisDays(basis);
  return ExactFen{numerator, denominator};
}

ExactFen Plus(const ExactFen& a, const ExactFen& b) {
  return {a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator};
}

// Contract, penalty and compound interest all go to the interest account: their exact sum is
// rounded once, and each component is its rounded running total less the one before it, so the
// components add up to that one rounding (each within a fen of its exact figure, none negative).
Status AccrueInterestComponents(const AccrualTerms& terms, const Date& start, const Date& through,
                                AccrualBreakdown& out) {
  ASSIGN_OR_RETURN(ExactFen running,
                   InterestOnPrincipal(terms, terms.contract_rate, start, start, through));
  ASSIGN_OR_RETURN(out.interest, Round(running, terms.rounding));
  Money rounded_so_far = out.interest;
  auto add = [&](const ExactFen& part, Money* component) -> Status {
    running = Plus(running, part);
    ASSIGN_OR_RETURN(const Money rounded, Round(running, terms.rounding));
    ASSIGN_OR_RETURN(*component, rounded.Subtract(rounded_so_far));
    rounded_so_far = rounded;
    return OkStatus();
  };
  if (terms.penalty) {
    ASSIGN_OR_RETURN(const ExactFen penalty,
                     InterestOnPrincipal(terms, terms.penalty->annual_rate,
                                         terms.penalty->principal_due_date, start, through));
    RETURN_IF_ERROR(add(penalty, &out.penalty));
  }
  if (terms.compound) {
    ASSIGN_OR_RETURN(const ExactFen compound,
                     InterestOnOverdueInterestSteps(*terms.compound, start, through, terms.basis));
    RETURN_IF_ERROR(add(compound, &out.compound));
  }
  return OkStatus();
}

Status ValidatePenalty(const PenaltyTerms& penalty) {
  RETURN_IF_ERROR(CheckNotNegative(penalty.annual_rate, "penalty.annual_rate"));
  return CheckRealDate(penalty.principal_due_date, "penalty.principal_due_date");
}

Status ValidateSteps(const std::vector<PrincipalStep>& steps, const std::string& name) {
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string field = name + "[" + std::to_string(i) + "]";
    if (!IsRealDate(steps[i].date.year, steps[i].date.month, steps[i].date.day)) {
      return Error::InvalidArgument(field + ".date",
                                    FormatIsoDate(steps[i].date) + " is not a real date");
    }
    if (i > 0 && steps[i].date <= steps[i - 1].date) {
      return Error::InvalidArgument(field + ".date", "must be after the step before");
    }
    if (steps[i].principal.is_negative()) {
      return Error::InvalidArgument(field + ".principal",
                                    "must not be negative, got " + steps[i].principal.ToString());
    }
  }
  return OkStatus();
}

Status ValidateCompound(const CompoundTerms& compound) {
  RETURN_IF_ERROR(CheckNotNegative(compound.annual_rate, "compound.annual_rate"));
  RETURN_IF_ERROR(CheckNotNegative(compound.overdue_interest, "compound.overdue_interest"));
  return ValidateSteps(compound.steps, "compound.steps");
}

Status ValidateCourt(const CourtDelayTerms& court) {
  // A judgment debt of zero owes no delay interest: asking for it is a mistake, and the
  // accrual's terms are kept only with a debt (schema/0021).
  if (court.judgment_debt.is_negative() || court.judgment_debt.is_zero()) {
    return Error::InvalidArgument("court.judgment_debt",
                                  "must be more than zero, got " + court.judgment_debt.ToString());
  }
  RETURN_IF_ERROR(CheckRealDate(court.performance_due_date, "court.performance_due_date"));
  // Not CheckCourtDailyRate: terms stored before its bound still accrue as given then; the
  // bound applies to what a request gives (api/accrual_terms_mapping.cc).
  return CheckNotNegative(court.daily_rate, "court.daily_rate");
}

// The last day of the month that contains `date`.
Date MonthEnd(const Date& date) {
  return Date{date.year, date.month, DaysInMonth(date.year, date.month)};
}

}  // namespace

Result<AccrualBreakdown> Difference(const AccrualBreakdown& later,
                                    const AccrualBreakdown& earlier) {
  AccrualBreakdown difference;
  ASSIGN_OR_RETURN(difference.interest, later.interest.Subtract(earlier.interest));
  ASSIGN_OR_RETURN(difference.penalty, later.penalty.Subtract(earlier.penalty));
  ASSIGN_OR_RETURN(difference.compound, later.compound.Subtract(earlier.compound));
  ASSIGN_OR_RETURN(difference.court_doubled, later.court_doubled.Subtract(earlier.court_doubled));
  return difference;
}

Result<AccrualBreakdown> Sum(const AccrualBreakdown& a, const AccrualBreakdown& b) {
  AccrualBreakdown sum;
  ASSIGN_OR_RETURN(sum.interest, a.interest.Add(b.interest));
  ASSIGN_OR_RETURN(sum.penalty, a.penalty.Add(b.penalty));
  ASSIGN_OR_RETURN(sum.compound, a.compound.Add(b.compound));
  ASSIGN_OR_RETURN(sum.court_doubled, a.court_doubled.Add(b.court_doubled));
  return sum;
}

int64_t BasisDays(DayCountBasis basis) { return basis == DayCountBasis::kAct365 ? 365 : 360; }

Result<int64_t> AccrualDays(const Date& from, const Date& to) {
  RETURN_IF_ERROR(CheckRealDate(from, kStartField));
  RETURN_IF_ERROR(CheckRealDate(to, kThroughField));
  if (to < from) {
    return Error::InvalidArgument(
        kThroughField, FormatIsoDate(to) + " is before the start " + FormatIsoDate(from));
  }
  return DaysFromCivil(to) - DaysFromCivil(from);
}

Result<Money> SimpleInterest(const Money& principal, const Rate& annual_rate, const Date& from,
                             const Date& to, DayCountBasis basis, RoundingMode mode) {
  ASSIGN_OR_RETURN(const int64_t days, AccrualDays(from, to));
  return Round(Accrue(principal, annual_rate, days, BasisDays(basis)), mode);
}

Result<Money> DailyRateInterest(const Money& base, const Rate& daily_rate, const Date& from,
                                const Date& to, RoundingMode mode) {
  ASSIGN_OR_RETURN(const int64_t days, AccrualDays(from, to));
  return Round(Accrue(base, daily_rate, days, 1), mode);
}

Result<Money> PenaltyInterest(const Money& overdue_principal, const Rate& penalty_rate,
                              const Date& due_date, const Date& from, const Date& to,
                              DayCountBasis basis, RoundingMode mode) {
  ASSIGN_OR_RETURN(const int64_t days, DaysAfter(due_date, "due_date", from, to));
  return Round(Accrue(overdue_principal, penalty_rate, days, BasisDays(basis)), mode);
}

Result<Money> InterestOnOverdueInterest(const Money& overdue_interest, const Rate& annual_rate,
                                        const Date& from, const Date& to, DayCountBasis basis,
                                        RoundingMode mode) {
  return SimpleInterest(overdue_interest, annual_rate, from, to, basis, mode);
}

Result<Money> CourtDoubledPartInterest(const Money& judgment_debt, const Rate& daily_rate,
                                       const Date& performance_due_date, const Date& from,
                                       const Date& to, RoundingMode mode) {
  ASSIGN_OR_RETURN(const int64_t days,
                   DaysAfter(performance_due_date, "performance_due_date", from, to));
  return Round(Accrue(judgment_debt, daily_rate, days, 1), mode);
}

namespace {

// The court's doubled-part interest on the judgment debt as it stood unpaid each day of the
// delay within (from, to], exactly, then rounded: the judgment debt, then each court step.
Result<Money> CourtInterestOnUnpaidDebt(const AccrualTerms& terms, const Date& from,
                                        const Date& to) {
  const CourtDelayTerms& court = *terms.court;
  RETURN_IF_ERROR(DaysAfter(court.performance_due_date, "performance_due_date", from, to));
  const Wide numerator =
      AmountDays(court.judgment_debt, terms.court_steps, court.performance_due_date, from, to) *
      Wide(court.daily_rate.scaled());
  const Wide denominator = boost::multiprecision::pow(Wide(10), court.daily_rate.scale());
  return Round(ExactFen{numerator, denominator}, terms.rounding);
}

}  // namespace

Status ValidateAccrualTerms(const AccrualTerms& terms) {
  RETURN_IF_ERROR(CheckNotNegative(terms.principal, "principal"));
  RETURN_IF_ERROR(ValidateSteps(terms.principal_steps, "principal_steps"));
  RETURN_IF_ERROR(CheckNotNegative(terms.contract_rate, "contract_rate"));
  if (terms.penalty) {
    RETURN_IF_ERROR(ValidatePenalty(*terms.penalty));
  }
  if (terms.compound) {
    RETURN_IF_ERROR(ValidateCompound(*terms.compound));
  }
  if (terms.court) {
    RETURN_IF_ERROR(ValidateCourt(*terms.court));
  }
  return ValidateSteps(terms.court_steps, "court_steps");
}

Result<AccrualBreakdown> CumulativeAccrual(const AccrualTerms& terms, const Date& start_date,
                                           const Date& through_date) {
  RETURN_IF_ERROR(ValidateAccrualTerms(terms));
  AccrualBreakdown total;
  RETURN_IF_ERROR(AccrueInterestComponents(terms, start_date, through_date, total));
  if (terms.court) {
    // Booked to the penalty account: rounded on its own.
    ASSIGN_OR_RETURN(total.court_doubled,
                     CourtInterestOnUnpaidDebt(terms, start_date, through_date));
  }
  return total;
}

Result<AccrualBreakdown> PeriodAccrual(const AccrualTerms& terms, const Date& start_date,
                                       const Date& period_start, const Date& period_end) {
  RETURN_IF_ERROR(CheckRealDate(period_start, "period_start"));
  RETURN_IF_ERROR(CheckRealDate(period_end, "period_end"));
  if (period_start < start_date) {
    return Error::InvalidArgument(
        "period_start",
        FormatIsoDate(period_start) + " is before the accrual start " + FormatIsoDate(start_date));
  }
  if (period_end < period_start) {
    return Error::InvalidArgument(
        "period_end",
        FormatIsoDate(period_end) + " is before the period start " + FormatIsoDate(period_start));
  }
  // Rounding the two cumulative figures, never the period itself, is what makes the periods
  // of a span add up to the one-shot figure: the differences telescope.
  ASSIGN_OR_RETURN(const AccrualBreakdown through_end,
                   CumulativeAccrual(terms, start_date, period_end));
  ASSIGN_OR_RETURN(const AccrualBreakdown through_start,
                   CumulativeAccrual(terms, start_date, period_start));
  return Difference(through_end, through_start);
}

Result<std::vector<AccrualPeriod>> MonthEndPeriods(const Date& start_date,
                                                   const Date& through_date) {
  RETURN_IF_ERROR(AccrualDays(start_date, through_date));
  std::vector<AccrualPeriod> periods;
  for (Date cursor = start_date; cursor < through_date;) {
    // The month end after `cursor`: its own month's, or the next month's when it is one.
    const Date end = std::min(MonthEnd(AddDays(cursor, 1)), through_date);
    periods.push_back({cursor, end});
    cursor = end;
  }
  return periods;
}

bool operator==(const CourtDelayTerms& a, const CourtDelayTerms& b) {
  return a.judgment_debt == b.judgment_debt && a.performance_due_date == b.performance_due_date &&
         a.daily_rate == b.daily_rate;
}

}  // namespace disposal::domain
