// Internal to store/: accrual terms as columns (basis, compound, court_judgment_debt,
// court_due_date, court_daily_rate), shared by a claim's own terms (claim_accrual_terms) and
// the terms each accrual entry was booked on (accrual_terms).
#ifndef DISPOSAL_SERVER_STORE_ACCRUAL_TERMS_ROWS_H_
#define DISPOSAL_SERVER_STORE_ACCRUAL_TERMS_ROWS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/accrual.h"

namespace disposal::store {

// The five columns' values as SQL text; the court's three are NULL without its interest.
struct AccrualTermsColumns {
  std::string basis;
  bool compound = false;
  std::optional<std::string> court_judgment_debt, court_due_date, court_daily_rate;
};

AccrualTermsColumns ColumnsOf(const domain::AccrualCallTerms& terms);

// The five columns as AccrualTermsFrom reads them, from a table aliased `t`.
inline constexpr char kAccrualTermsSelect[] =
    "t.basis, t.compound, t.court_judgment_debt::text, t.court_due_date::text, "
    "t.court_daily_rate::text";

// The terms in `row`'s five columns (kAccrualTermsSelect) from `first` on, the court's as text.
domain::AccrualCallTerms AccrualTermsFrom(const pqxx::row& row, int first);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_ACCRUAL_TERMS_ROWS_H_
