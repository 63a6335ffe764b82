// Interest accrual on a claim tranche: contract interest, penalty interest on overdue principal,
// interest on overdue interest, and the court's doubled-part interest during delayed performance
// of a judgment. Pure and exact: each figure is principal x rate x days / basis computed as an
// exact fraction of a fen and rounded once, when it becomes an amount.
//
// Periods are half-open on the left: (from, to] counts the days after `from` up to and including
// `to` (民法典 art. 201: the first day is not counted), i.e. DaysFromCivil(to) -
// DaysFromCivil(from).
#ifndef DISPOSAL_SERVER_DOMAIN_ACCRUAL_H_
#define DISPOSAL_SERVER_DOMAIN_ACCRUAL_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/date.h"
#include "domain/money.h"
#include "domain/result.h"

namespace disposal::domain {

// How an annual rate becomes a daily one: actual days elapsed over a 360- or 365-day year.
enum class DayCountBasis { kAct360, kAct365 };

// 360 or 365.
int64_t BasisDays(DayCountBasis basis);

// The court's daily rate for the doubled-part interest, 0.0175% (法释〔2014〕8号 art. 1).
inline Rate CourtDoubledPartDailyRate() { return Rate::FromScaled(175, 6); }
// The most a court's daily rate may be: 0.1% a day, about six times the statute's. A larger one
// is almost surely the statute's percentage given as a fraction ("0.0175" for 0.0175%), which
// would book a hundred times the interest.
inline Rate CourtDailyRateMax() { return Rate::FromScaled(1, 3); }
// INVALID_ARGUMENT naming `field` unless 0 <= rate <= CourtDailyRateMax(). For rates a request
// gives; terms stored before the bound keep the rate they were given.
Status CheckCourtDailyRate(const Rate& rate, const std::string& field);

// Days in (from, to]. Errors (InvalidArgument): a date that is not real (field "start_date" or
// "through_date"), or to before from (field "through_date").
Result<int64_t> AccrualDays(const Date& from, const Date& to);

// The arithmetic below shares AccrualDays' errors. Every amount is rounded once by `mode`
// ("half" modes decide exact ties only) and fails with InvalidArgument (field "amount",
// "out of range (overflow)") when the rounded result is outside Money's range.

// principal x annual_rate x days / basis over (from, to].
Result<Money> SimpleInterest(const Money& principal, const Rate& annual_rate, const Date& from,
                             const Date& to, DayCountBasis basis,
                             RoundingMode mode = RoundingMode::kHalfUp);

// base x daily_rate x days over (from, to].
Result<Money> DailyRateInterest(const Money& base, const Rate& daily_rate, const Date& from,
                                const Date& to, RoundingMode mode = RoundingMode::kHalfUp);

// Penalty interest (罚息) on principal overdue since `due_date`: simple interest at the penalty
// rate over the days of (from, to] that fall after the due date; zero when there are none.
// Errors also: a due date that is not real (field "due_date").
Result<Money> PenaltyInterest(const Money& overdue_principal, const Rate& penalty_rate,
                              const Date& due_date, const Date& from, const Date& to,
                              DayCountBasis basis, RoundingMode mode = RoundingMode::kHalfUp);

// Compound interest (复利): simple interest at `annual_rate` on an amount of overdue interest
// over (from, to]. The base is fixed; when it changes the caller starts a new span.
Result<Money> InterestOnOverdueInterest(const Money& overdue_interest, const Rate& annual_rate,
                                        const Date& from, const Date& to, DayCountBasis basis,
                                        RoundingMode mode = RoundingMode::kHalfUp);

// The doubled-part interest (加倍部分债务利息) for delayed performance of a judgment: unpaid
// judgment debt (excluding ordinary interest) x daily rate x days of delay, where the delay is
// the days of (from, to] after `performance_due_date`, the last day the judgment allowed.
// Errors also: a performance due date that is not real (field "performance_due_date").
Result<Money> CourtDoubledPartInterest(const Money& judgment_debt, const Rate& daily_rate,
                                       const Date& performance_due_date, const Date& from,
                                       const Date& to, RoundingMode mode = RoundingMode::kHalfUp);

// The principal outstanding after a repayment (or any other change): it accrues instead of the
// previous figure for the days after `date`, the day the change took effect.
struct PrincipalStep {
  Date date{};
  Money principal;
};

// Penalty interest on the tranche's principal once it falls due.
struct PenaltyTerms {
  Rate annual_rate;
  Date principal_due_date{};  // the penalty runs from the day after
};

// Interest on overdue interest: `overdue_interest` from the start, then each step's figure for
// the days after its date (ascending dates, each date once; `principal` is the overdue
// interest there). Empty steps: the figure never changed.
struct CompoundTerms {
  Rate annual_rate;
  Money overdue_interest;
  std::vector<PrincipalStep> steps;
};

// The court's doubled-part interest after a judgment.
struct CourtDelayTerms {
  Money judgment_debt;          // unpaid, excluding ordinary interest
  Date performance_due_date{};  // the delay runs from the day after
  Rate daily_rate = CourtDoubledPartDailyRate();
};

bool operator==(const CourtDelayTerms& a, const CourtDelayTerms& b);

// The terms a claim accrues on beyond its tranches' rates: the claim's own (ClaimContent::
// accrual_terms), or those an accrual call gave. Kept with each accrual entry booked; a
// payment or an award that accrues "as last accrued" uses the latest.
struct AccrualCallTerms {
  DayCountBasis basis = DayCountBasis::kAct360;
  bool compound_overdue_interest = false;
  std::optional<CourtDelayTerms> court;
};

// How one claim tranche accrues. The components are additive: each runs on its own, so where
// a contract charges the penalty rate instead of the contract rate after the due date, give
// the surcharge (penalty minus contract rate) as the penalty rate.
struct AccrualTerms {
  Money principal;
  // Later principal figures, by date (ascending, each date once): contract and penalty interest
  // run on the principal outstanding on each day, so a claim paid down accrues on what is left.
  // Empty when the principal never changed.
  std::vector<PrincipalStep> principal_steps;
  Rate contract_rate;  // annual
  DayCountBasis basis = DayCountBasis::kAct360;
  RoundingMode rounding = RoundingMode::kHalfUp;
  std::optional<PenaltyTerms> penalty;
  std::optional<CompoundTerms> compound;
  std::optional<CourtDelayTerms> court;
  // With `court`: the judgment debt still unpaid over time, later figures by date (ascending,
  // each date once), taking effect for the days after their date as principal_steps do.
  // Empty when nothing was paid of it since performance was due.
  std::vector<PrincipalStep> court_steps;
};

// Amounts and rates must not be negative and dates must be real. InvalidArgument names the
// field: "principal", "principal_steps[i].date" (also when not after the step before),
// "principal_steps[i].principal", "contract_rate", "penalty.annual_rate",
// "penalty.principal_due_date", "compound.annual_rate", "compound.overdue_interest",
// "compound.steps[i].date" (also when not after the step before), "compound.steps[i].principal",
// "court.judgment_debt", "court.performance_due_date", "court.daily_rate", "court_steps[i]...".
Status ValidateAccrualTerms(const AccrualTerms& terms);

// One amount per component. Contract, penalty and compound interest are booked together to the
// interest account, so their sum is rounded once from its exact figure and each is the share of
// that rounding (within a fen of its own exact figure); the court's doubled-part interest, booked
// to the penalty account, is rounded on its own.
struct AccrualBreakdown {
  Money interest;       // contract interest on the principal
  Money penalty;        // penalty interest on overdue principal
  Money compound;       // interest on overdue interest
  Money court_doubled;  // the court's doubled-part interest
};

// later - earlier and a + b, per component, of either sign; InvalidArgument on overflow.
Result<AccrualBreakdown> Difference(const AccrualBreakdown& later, const AccrualBreakdown& earlier);
Result<AccrualBreakdown> Sum(const AccrualBreakdown& a, const AccrualBreakdown& b);

// Everything accrued over (start_date, through_date], rounded once per account from the exact
// cumulative figure (see AccrualBreakdown). Errors: ValidateAccrualTerms', then AccrualDays'
// (start_date, through_date), then overflow.
Result<AccrualBreakdown> CumulativeAccrual(const AccrualTerms& terms, const Date& start_date,
                                           const Date& through_date);

// The amount to book for (period_start, period_end]: per component, the cumulative amount
// through period_end minus the cumulative amount through period_start, both from start_date.
// Booking these differences makes any split of a span into periods add up exactly to the
// one-shot CumulativeAccrual. Errors as CumulativeAccrual, plus period_start before start_date
// (field "period_start") or period_end before period_start (field "period_end").
Result<AccrualBreakdown> PeriodAccrual(const AccrualTerms& terms, const Date& start_date,
                                       const Date& period_start, const Date& period_end);

// An accrual period (start, end].
struct AccrualPeriod {
  Date start;
  Date end;
  friend bool operator==(const AccrualPeriod& a, const AccrualPeriod& b) {
    return a.start == b.start && a.end == b.end;
  }
  friend bool operator!=(const AccrualPeriod& a, const AccrualPeriod& b) { return !(a == b); }
};

// Splits (start_date, through_date] at calendar month ends: every period but the last ends on
// the last day of a month, the last ends on through_date. Empty when the dates are equal, so a
// caller that books each period once books each day once. Errors as AccrualDays.
Result<std::vector<AccrualPeriod>> MonthEndPeriods(const Date& start_date,
                                                   const Date& through_date);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ACCRUAL_H_
