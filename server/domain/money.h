// Exact money and rates. No binary floating point anywhere: amounts are integers of fen
// (0.01 yuan) and rates are integers scaled by a power of ten.
#ifndef DISPOSAL_SERVER_DOMAIN_MONEY_H_
#define DISPOSAL_SERVER_DOMAIN_MONEY_H_

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace disposal::domain {

// How Money::Multiply turns an exact product into whole fen. "Half" modes decide exact ties
// only; everything else goes to the nearest fen.
enum class RoundingMode {
  kHalfUp,    // ties away from zero (the usual commercial rounding, 四舍五入)
  kHalfEven,  // ties to the even fen (banker's rounding)
  kDown,      // toward zero (truncate)
  kUp,        // away from zero
  kFloor,     // toward negative infinity
  kCeiling,   // toward positive infinity
};

// An exact decimal such as the annual rate 0.0435 or the daily rate 0.0175% (= 0.000175).
// Always held in canonical form: value = scaled / 10^scale where scale is the smallest
// non-negative power that represents the value exactly (so 0.10 and 0.1 are stored alike).
class Rate {
 public:
  using Scaled = boost::multiprecision::checked_int128_t;

  static constexpr int kMaxDecimals = 12;      // after any percent conversion
  static constexpr int kMaxIntegerDigits = 6;  // |value| < 10^6

  Rate() = default;  // zero

  // Accepts an optional sign, digits, an optional '.' followed by digits, and an optional '%'
  // (divides by 100), with surrounding ASCII whitespace: "0.0435", "-0.5", "4.35%", "0.0175%".
  // Trailing zeros after the point do not count toward the 12-decimal limit.
  // Errors: InvalidArgument, field "rate", reason says whether the text is malformed, has more
  // than 12 decimals (after the percent conversion) or is too large (|value| >= 10^6).
  static Result<Rate> Parse(std::string_view text);

  // value = scaled / 10^scale, normalised. A negative scale multiplies by 10^-scale.
  // Not limited to 12 decimals or 10^6 (that limit is Parse's), but preconditions: the value
  // fits Scaled at a non-negative scale, and the normalised scale is at most kMaxScale. The
  // checked integer types throw std::overflow_error (here, or later in Multiply and the
  // comparisons) rather than compute a wrong value when these are violated.
  static constexpr int kMaxScale = 38;
  static Rate FromScaled(Scaled scaled, int scale);

  // Canonical plain decimal, trailing zeros trimmed: "0.0435", "1", "0", "-0.5".
  std::string ToString() const;

  const Scaled& scaled() const { return scaled_; }
  int scale() const { return scale_; }
  bool is_zero() const { return scaled_ == 0; }

  friend bool operator==(const Rate& a, const Rate& b);
  friend bool operator!=(const Rate& a, const Rate& b) { return !(a == b); }
  friend bool operator<(const Rate& a, const Rate& b);
  friend bool operator>(const Rate& a, const Rate& b) { return b < a; }
  friend bool operator<=(const Rate& a, const Rate& b) { return !(b < a); }
  friend bool operator>=(const Rate& a, const Rate& b) { return !(a < b); }

 private:
  Rate(Scaled scaled, int scale) : scaled_(std::move(scaled)), scale_(scale) {}

  Scaled scaled_ = 0;
  int scale_ = 0;
};

// An exact amount of CNY in fen (0.01 yuan). Every Money value is within ±kMaxFen, which fits
// PostgreSQL NUMERIC(20,2); any operation whose exact result would leave that range fails with
// InvalidArgument (field "amount", reason containing "out of range (overflow)").
class Money {
 public:
  using Fen = boost::multiprecision::checked_int128_t;

  // 99,999,999,999,999,999,999 fen = 999,999,999,999,999,999.99 yuan.
  static constexpr Fen kMaxFen = Fen(10'000'000'000LL) * 10'000'000'000LL - 1;

  Money() = default;  // zero

  // Fails when |fen| > kMaxFen.
  static Result<Money> FromFen(Fen fen);

  // Accepts, with optional surrounding ASCII whitespace and an optional leading '+' or '-':
  //   digits with an optional fraction: "806450600", "806450600.00", "0.5"
  //   thousands separators in groups of three: "806,450,600.00"
  //   an optional unit: "万" (x10,000) or "亿" (x100,000,000), each optionally followed by
  //   "元", or "元" alone: "80645.06万", "80645.06万元", "1.5亿", "12.00元".
  // Fails (InvalidArgument, field "amount") with a reason naming the problem: empty, malformed
  // (e.g. "1..2", "abc", "1,23", "1e5", ".5"), finer than a fen after scaling by the unit
  // ("0.001", "1.2345678万"; trailing zeros are fine: "1.230"), or out of range.
  static Result<Money> Parse(std::string_view text);

  // google.type.Money shape (currency code handled by the caller). Fails (field "amount") when
  // |nanos| >= 10^9, units and nanos have opposite signs, nanos is not a whole number of fen
  // (a multiple of 10,000,000), or the amount is out of range.
  static Result<Money> FromUnitsNanos(int64_t units, int32_t nanos);

  // The inverse of FromUnitsNanos: whole yuan, and the fraction in nanos, with the same sign.
  int64_t units() const;
  int32_t nanos() const;

  const Fen& fen() const { return fen_; }

  // Plain decimal with exactly two decimals: "806450600.00", "-0.05", "0.00". This is also the
  // PostgreSQL NUMERIC text form; Parse(ToString()) returns an equal amount.
  std::string ToString() const;
  // As ToString, with thousands separators: "806,450,600.00".
  std::string ToGroupedString() const;
  // The amount in 万 (10,000 yuan), exact: at least 2 decimals, up to 6 as needed
  // ("80645.06", "6000.00", "0.0001" for 1 yuan, "0.000001" for 1 fen). No unit suffix.
  std::string ToWanString() const;

  // Exact; fail only when the result is out of range.
  Result<Money> Add(const Money& other) const;
  Result<Money> Subtract(const Money& other) const;
  // fen x rate, computed exactly and rounded once to whole fen by `mode`. Fails only when the
  // rounded result is out of range.
  Result<Money> Multiply(const Rate& rate, RoundingMode mode) const;

  bool is_zero() const { return fen_ == 0; }
  bool is_negative() const { return fen_ < 0; }

  friend bool operator==(const Money& a, const Money& b) { return a.fen_ == b.fen_; }
  friend bool operator!=(const Money& a, const Money& b) { return a.fen_ != b.fen_; }
  friend bool operator<(const Money& a, const Money& b) { return a.fen_ < b.fen_; }
  friend bool operator<=(const Money& a, const Money& b) { return a.fen_ <= b.fen_; }
  friend bool operator>(const Money& a, const Money& b) { return a.fen_ > b.fen_; }
  friend bool operator>=(const Money& a, const Money& b) { return a.fen_ >= b.fen_; }

 private:
  explicit Money(Fen fen) : fen_(std::move(fen)) {}

  Fen fen_ = 0;
};

// The exact total (zero for an empty list). Fails only when the total is out of range; partial
// sums may leave the range on the way.
Result<Money> Sum(const std::vector<Money>& amounts);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_MONEY_H_
