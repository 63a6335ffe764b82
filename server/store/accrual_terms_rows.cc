#include "store/accrual_terms_rows.h"

#include "store/field_values.h"

namespace disposal::store {

AccrualTermsColumns ColumnsOf(const domain::AccrualCallTerms& terms) {
  AccrualTermsColumns columns;
  columns.basis = terms.basis == domain::DayCountBasis::kAct365 ? "act365" : "act360";
  columns.compound = terms.compound_overdue_interest;
  if (terms.court) {
    columns.court_judgment_debt = terms.court->judgment_debt.ToString();
    columns.court_due_date = domain::FormatIsoDate(terms.court->performance_due_date);
    columns.court_daily_rate = terms.court->daily_rate.ToString();
  }
  return columns;
}

domain::AccrualCallTerms AccrualTermsFrom(const pqxx::row& row, int first) {
  domain::AccrualCallTerms terms;
  terms.basis = row[first].as<std::string>() == "act365" ? domain::DayCountBasis::kAct365
                                                         : domain::DayCountBasis::kAct360;
  terms.compound_overdue_interest = row[first + 1].as<bool>();
  if (!row[first + 2].is_null()) {
    domain::CourtDelayTerms court;
    court.judgment_debt = MoneyField(row[first + 2]);
    court.performance_due_date = DateField(row[first + 3]);
    court.daily_rate = *OptionalRateField(row[first + 4]);
    terms.court = court;
  }
  return terms;
}

}  // namespace disposal::store
