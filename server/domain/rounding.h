// Exact integer division rounded by a RoundingMode: the one place where Money's products with a
// rate and the accrual's fractions of a fen become whole fen.
#ifndef DISPOSAL_SERVER_DOMAIN_ROUNDING_H_
#define DISPOSAL_SERVER_DOMAIN_ROUNDING_H_

#include "domain/money.h"

namespace disposal::domain {

// numerator / denominator rounded to an integer by `mode` ("half" modes decide exact ties
// only). `Int` is a signed (checked) multiprecision integer. Precondition: denominator > 0.
// Truncating division gives the quotient toward zero; the remainder decides whether to step
// away from it.
template <typename Int>
Int DivideRounded(const Int& numerator, const Int& denominator, RoundingMode mode) {
  const Int quotient = numerator / denominator;   // truncates toward zero
  const Int remainder = numerator % denominator;  // same sign as numerator
  if (remainder == 0) return quotient;
  const int sign = numerator < 0 ? -1 : 1;
  const Int twice_remainder = 2 * abs(remainder);
  switch (mode) {
    case RoundingMode::kDown:
      return quotient;
    case RoundingMode::kUp:
      return quotient + sign;
    case RoundingMode::kFloor:
      return sign < 0 ? Int(quotient - 1) : quotient;
    case RoundingMode::kCeiling:
      return sign > 0 ? Int(quotient + 1) : quotient;
    case RoundingMode::kHalfUp:
      return twice_remainder >= denominator ? Int(quotient + sign) : quotient;
    case RoundingMode::kHalfEven:
      if (twice_remainder != denominator) {
        return twice_remainder > denominator ? Int(quotient + sign) : quotient;
      }
      return quotient % 2 == 0 ? quotient : Int(quotient + sign);
  }
  return quotient;  // unreachable: every mode is handled above
}

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ROUNDING_H_
