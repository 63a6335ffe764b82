#include "api/accrual_terms_mapping.h"

#include "api/enum_table.h"

namespace disposal::api {
namespace {

constexpr EnumTable<v1::DayCountBasis, domain::DayCountBasis, 2> kBases{{
    {v1::DAY_COUNT_BASIS_ACT_360, domain::DayCountBasis::kAct360},
    {v1::DAY_COUNT_BASIS_ACT_365, domain::DayCountBasis::kAct365},
}};

}  // namespace

Result<domain::DayCountBasis> BasisFromProto(v1::DayCountBasis basis, const std::string& field) {
  if (basis == v1::DAY_COUNT_BASIS_UNSPECIFIED) return domain::DayCountBasis::kAct360;
  return EnumFromProto(basis, kBases, field);
}

v1::DayCountBasis BasisToProto(domain::DayCountBasis basis) { return EnumToProto(basis, kBases); }

Result<domain::CourtDelayTerms> CourtFromProto(const v1::CourtDelayInterest& court,
                                               const std::string& prefix) {
  domain::CourtDelayTerms terms;
  ASSIGN_OR_RETURN(terms.judgment_debt,
                   MoneyFromProto(court.judgment_debt(), prefix + ".judgment_debt"));
  if (terms.judgment_debt.is_negative() || terms.judgment_debt.is_zero()) {
    return Error::InvalidArgument(prefix + ".judgment_debt", "must be more than zero");
  }
  ASSIGN_OR_RETURN(domain::Date delay_start,
                   DateFromProto(court.delay_start(), prefix + ".delay_start"));
  // The domain counts the delay from the day after the performance deadline, which must be a
  // date the ledger can store and read back.
  if (delay_start == domain::Date{domain::kMinBusinessYear, 1, 1}) {
    return Error::InvalidArgument(prefix + ".delay_start",
                                  "must be " + std::to_string(domain::kMinBusinessYear) +
                                      "-01-02 or later (the day after a performance deadline)");
  }
  terms.performance_due_date = domain::AddDays(delay_start, -1);
  ASSIGN_OR_RETURN(std::optional<domain::Rate> rate,
                   RateFromProto(court.daily_rate(), prefix + ".daily_rate"));
  if (rate) {
    RETURN_IF_ERROR(domain::CheckCourtDailyRate(*rate, prefix + ".daily_rate"));
    terms.daily_rate = *rate;
  }
  return terms;
}

v1::CourtDelayInterest CourtToProto(const domain::CourtDelayTerms& court) {
  v1::CourtDelayInterest out;
  *out.mutable_judgment_debt() = MoneyToProto(court.judgment_debt);
  *out.mutable_delay_start() = DateToProto(domain::AddDays(court.performance_due_date, 1));
  *out.mutable_daily_rate() = RateToProto(court.daily_rate);
  return out;
}

Result<domain::AccrualCallTerms> ClaimAccrualTermsFromProto(const v1::ClaimAccrualTerms& terms,
                                                            const std::string& prefix) {
  domain::AccrualCallTerms out;
  ASSIGN_OR_RETURN(out.basis, BasisFromProto(terms.basis(), prefix + ".basis"));
  out.compound_overdue_interest = terms.compound_overdue_interest();
  if (terms.has_court_delay()) {
    ASSIGN_OR_RETURN(out.court, CourtFromProto(terms.court_delay(), prefix + ".court_delay"));
  }
  return out;
}

v1::ClaimAccrualTerms ClaimAccrualTermsToProto(const domain::AccrualCallTerms& terms) {
  v1::ClaimAccrualTerms out;
  out.set_basis(BasisToProto(terms.basis));
  out.set_compound_overdue_interest(terms.compound_overdue_interest);
  if (terms.court) *out.mutable_court_delay() = CourtToProto(*terms.court);
  return out;
}

}  // namespace disposal::api
