#include "amount_text.h"

#include <cassert>
#include <charconv>
#include <cstdint>
#include <limits>

#include "decimal_digits.h"

namespace disposalctl {
namespace {

constexpr int kNanosPerUnit = 1000000000;
constexpr int kNanosPerFen = 10000000;
constexpr int kFenDecimals = 2;
// NUMERIC(20,2): at most 18 digits of whole yuan, which also keeps units inside int64.
constexpr std::size_t kUnitsDigitsMax = 18;
constexpr int kWanPlaces = 4;  // 万 = 10^4
constexpr int kYiPlaces = 8;   // 亿 = 10^8
constexpr int kPercentPlaces = 2;
constexpr int kRateDecimalsMax = 12;  // disposal.v1.Decimal allows at most 12 decimals.

// *sum = x + y, or false (and *sum untouched) when that overflows int64.
bool AddWithoutOverflow(std::int64_t x, std::int64_t y, std::int64_t* sum) {
  if (y > 0 ? x > std::numeric_limits<std::int64_t>::max() - y
            : x < std::numeric_limits<std::int64_t>::min() - y) {
    return false;
  }
  *sum = x + y;
  return true;
}

bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (text->substr(0, prefix.size()) != prefix) return false;
  text->remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view* text, std::string_view suffix) {
  if (text->size() < suffix.size() || text->substr(text->size() - suffix.size()) != suffix) {
    return false;
  }
  text->remove_suffix(suffix.size());
  return true;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Splits "38865.89万元" into the number and the power of ten its unit stands for.
std::string_view StripAmountUnit(std::string_view text, int* places) {
  text = TrimSpaces(text);
  if (!ConsumePrefix(&text, "¥")) ConsumePrefix(&text, "￥");
  ConsumeSuffix(&text, "元");
  text = TrimSpaces(text);
  *places = 0;
  if (ConsumeSuffix(&text, "万")) {
    *places = kWanPlaces;
  } else if (ConsumeSuffix(&text, "亿")) {
    *places = kYiPlaces;
  }
  return TrimSpaces(text);
}

// The exact value of money in yuan, or false when units and nanos disagree in sign.
bool MoneyToDigits(const disposal::v1::Money& money, DecimalDigits* number) {
  bool negative = money.units() < 0 || money.nanos() < 0;
  bool mixed = (money.units() > 0 && money.nanos() < 0) || (money.units() < 0 && money.nanos() > 0);
  if (mixed || money.nanos() <= -kNanosPerUnit || money.nanos() >= kNanosPerUnit) return false;
  // Negate through uint64 so that INT64_MIN does not overflow.
  std::uint64_t units = negative ? 0 - static_cast<std::uint64_t>(money.units())
                                 : static_cast<std::uint64_t>(money.units());
  std::string nanos = std::to_string(negative ? -money.nanos() : money.nanos());
  number->negative = negative;
  number->digits = std::to_string(units) + std::string(9 - nanos.size(), '0') + nanos;
  number->scale = 9;
  return true;
}

std::string FormatMoneyScaled(const disposal::v1::Money& money, int places, Grouping grouping) {
  DecimalDigits number;
  if (!MoneyToDigits(money, &number)) {
    return "(invalid amount: units " + std::to_string(money.units()) + ", nanos " +
           std::to_string(money.nanos()) + ")";
  }
  return FormatDecimalDigits(DivideByPowerOfTen(number, places), kFenDecimals, grouping);
}

}  // namespace

Status ParseAmountText(std::string_view text, disposal::v1::Money* money) {
  int places = 0;
  std::string_view number_text = StripAmountUnit(text, &places);
  DecimalDigits number;
  Status parsed = ParseDecimalDigits(number_text, Grouping::kAllowCommas, &number);
  if (!parsed.ok()) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" is not an amount; write e.g. \"806,450,600.00\", "
                                "\"38865.89万\" or \"1.5亿元\"");
  }
  std::string fen;
  if (!ToScaledInteger(MultiplyByPowerOfTen(number, places), kFenDecimals, &fen)) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" is finer than a fen (0.01 元); amounts are kept to the fen");
  }
  if (fen.size() < kFenDecimals + 1) fen.insert(0, kFenDecimals + 1 - fen.size(), '0');
  std::string units_digits = fen.substr(0, fen.size() - kFenDecimals);
  if (units_digits.size() > kUnitsDigitsMax) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" exceeds the largest amount, 999,999,999,999,999,999.99 元");
  }
  std::string fen_digits = fen.substr(fen.size() - kFenDecimals);
  std::int64_t units = 0;
  int fen_part = 0;
  // Both are short digit strings by now, so neither conversion can fail.
  std::from_chars(units_digits.data(), units_digits.data() + units_digits.size(), units);
  std::from_chars(fen_digits.data(), fen_digits.data() + fen_digits.size(), fen_part);
  int nanos = fen_part * kNanosPerFen;
  int sign = number.negative ? -1 : 1;
  money->set_units(sign * units);
  money->set_nanos(sign * nanos);
  return Status::Ok();
}

std::string FormatYuan(const disposal::v1::Money& money) {
  return FormatMoneyScaled(money, 0, Grouping::kAllowCommas);
}

std::string FormatWanYuan(const disposal::v1::Money& money) {
  return FormatMoneyScaled(money, kWanPlaces, Grouping::kRefuse);
}

Status ParseRateText(std::string_view text, std::string* decimal_value) {
  std::string_view number_text = TrimSpaces(text);
  bool percent = ConsumeSuffix(&number_text, "%") || ConsumeSuffix(&number_text, "％");
  DecimalDigits number;
  Status parsed = ParseDecimalDigits(TrimSpaces(number_text), Grouping::kRefuse, &number);
  if (!parsed.ok()) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" is not a rate; write a fraction like \"0.0435\" or a "
                                "percentage like \"4.35%\"");
  }
  if (percent) number = DivideByPowerOfTen(number, kPercentPlaces);
  std::string canonical = FormatDecimalDigits(number, 0, Grouping::kRefuse);
  std::size_t point = canonical.find('.');
  if (point != std::string::npos && canonical.size() - point - 1 > kRateDecimalsMax) {
    return Status::InvalidInput("\"" + std::string(text) +
                                "\" has more than 12 decimals as a fraction");
  }
  *decimal_value = canonical;
  return Status::Ok();
}

std::string FormatRatePercent(const disposal::v1::Decimal& rate) {
  DecimalDigits number;
  if (!ParseDecimalDigits(rate.value(), Grouping::kRefuse, &number).ok()) return rate.value();
  return FormatDecimalDigits(MultiplyByPowerOfTen(number, kPercentPlaces), 0, Grouping::kRefuse) +
         "%";
}

Status AddMoney(const disposal::v1::Money& a, const disposal::v1::Money& b,
                disposal::v1::Money* sum) {
  std::int64_t nanos = static_cast<std::int64_t>(a.nanos()) + b.nanos();
  std::int64_t carry = 0;
  if (nanos >= kNanosPerUnit) {
    carry = 1;
    nanos -= kNanosPerUnit;
  } else if (nanos <= -kNanosPerUnit) {
    carry = -1;
    nanos += kNanosPerUnit;
  }
  // For valid operands the partial sums overflow only when the exact sum does: both units
  // overflow the same way only when both are positive (or both negative), and then the
  // nanos cannot carry back the other way.
  std::int64_t units = 0;
  if (!AddWithoutOverflow(a.units(), b.units(), &units) ||
      !AddWithoutOverflow(units, carry, &units)) {
    return Status::InvalidInput("sum out of range: " + FormatYuan(a) + " + " + FormatYuan(b) +
                                " exceeds 9,223,372,036,854,775,807 元");
  }
  // Give units and nanos the same sign, as Money requires; this moves units towards zero.
  if (units > 0 && nanos < 0) {
    units -= 1;
    nanos += kNanosPerUnit;
  } else if (units < 0 && nanos > 0) {
    units += 1;
    nanos -= kNanosPerUnit;
  }
  sum->set_units(units);
  sum->set_nanos(static_cast<std::int32_t>(nanos));
  return Status::Ok();
}

Status ParseAmountNotNegative(std::string_view text, disposal::v1::Money* money) {
  Status status = ParseAmountText(text, money);
  if (!status.ok()) return status;
  if (money->units() < 0 || money->nanos() < 0) {
    return Status::InvalidInput("\"" + std::string(text) + "\" must be zero or more");
  }
  return Status::Ok();
}

}  // namespace disposalctl
