// Exact decimal numbers held as digit strings.
//
// Money and rates must never pass through binary floating point, so amounts are read,
// rescaled (万 = 10^4, 亿 = 10^8, % = 10^-2) and printed by moving a decimal point
// within a string of digits.

#ifndef DISPOSAL_CLIENT_DECIMAL_DIGITS_H_
#define DISPOSAL_CLIENT_DECIMAL_DIGITS_H_

#include <string>
#include <string_view>

#include "status.h"

namespace disposalctl {

// The value (negative ? -1 : 1) * digits * 10^-scale.
// Invariants: digits is non-empty and holds only '0'..'9'; scale >= 0.
struct DecimalDigits {
  bool negative = false;
  std::string digits = "0";
  int scale = 0;
};

// Whether thousands separators ("806,450,600.00") are accepted when reading.
enum class Grouping { kRefuse, kAllowCommas };

// Reads plain decimal notation: optional sign, digits, optional '.' and digits. With
// kAllowCommas the whole part may be grouped by threes with ','. Exponents are refused:
// no one writes money that way and it would invite silent scale mistakes.
// On failure *number is unchanged and the message quotes `text`.
Status ParseDecimalDigits(std::string_view text, Grouping grouping, DecimalDigits* number);

// number * 10^places, exactly. REQUIRES: places >= 0.
DecimalDigits MultiplyByPowerOfTen(DecimalDigits number, int places);

// number / 10^places, exactly. REQUIRES: places >= 0.
DecimalDigits DivideByPowerOfTen(DecimalDigits number, int places);

// The digits of |number| * 10^scale as an integer without leading zeros ("0" for zero),
// or false when that would drop a non-zero digit (the number is finer than 10^-scale).
bool ToScaledInteger(const DecimalDigits& number, int scale, std::string* integer_digits);

// Plain notation with at least `decimals_min` digits after the point (trailing zeros
// beyond that are dropped), and the whole part grouped by threes with ',' when asked.
// Zero is never printed with a minus sign.
std::string FormatDecimalDigits(const DecimalDigits& number, int decimals_min, Grouping grouping);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DECIMAL_DIGITS_H_
