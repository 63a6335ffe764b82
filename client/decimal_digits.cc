#include "decimal_digits.h"

#include <cassert>
#include <cstddef>

namespace disposalctl {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Removes thousands separators from the whole part, checking that they group by threes:
// "1,23" is more likely a typo than a number, and money typos must not pass silently.
bool UngroupWholePart(std::string_view whole, Grouping grouping, std::string* digits) {
  if (whole.find(',') == std::string_view::npos) {
    *digits = std::string(whole);
    return !whole.empty() && AllDigits(whole);
  }
  if (grouping != Grouping::kAllowCommas) return false;
  // "0,500" is refused: where the comma is the decimal mark it means a half, not five hundred.
  std::size_t first_comma = whole.find(',');
  if (first_comma == 0 || first_comma > 3 || whole.front() == '0') return false;
  digits->clear();
  std::size_t group_start = 0;
  while (group_start <= whole.size()) {
    std::size_t comma = whole.find(',', group_start);
    std::size_t group_end = comma == std::string_view::npos ? whole.size() : comma;
    std::string_view group = whole.substr(group_start, group_end - group_start);
    bool first = group_start == 0;
    if (!AllDigits(group) || group.empty() || (!first && group.size() != 3)) return false;
    digits->append(group);
    if (comma == std::string_view::npos) break;
    group_start = comma + 1;
  }
  return true;
}

std::string StripLeadingZeros(std::string digits) {
  std::size_t first_significant = digits.find_first_not_of('0');
  if (first_significant == std::string::npos) return "0";
  return digits.substr(first_significant);
}

std::string GroupByThrees(const std::string& whole) {
  std::string grouped;
  std::size_t lead = whole.size() % 3 == 0 ? 3 : whole.size() % 3;
  grouped.append(whole, 0, lead);
  for (std::size_t i = lead; i < whole.size(); i += 3) {
    grouped += ',';
    grouped.append(whole, i, 3);
  }
  return grouped;
}

}  // namespace

Status ParseDecimalDigits(std::string_view text, Grouping grouping, DecimalDigits* number) {
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  std::size_t point = rest.find('.');
  std::string_view whole = rest.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : rest.substr(point + 1);
  std::string whole_digits;
  bool fraction_ok = point == std::string_view::npos || (!fraction.empty() && AllDigits(fraction));
  if (!UngroupWholePart(whole, grouping, &whole_digits) || !fraction_ok) {
    return Status::InvalidInput("\"" + std::string(text) + "\" is not a plain decimal number");
  }
  number->negative = negative;
  number->digits = whole_digits + std::string(fraction);
  number->scale = static_cast<int>(fraction.size());
  return Status::Ok();
}

DecimalDigits MultiplyByPowerOfTen(DecimalDigits number, int places) {
  assert(places >= 0);
  int shift_within_fraction = places < number.scale ? places : number.scale;
  number.scale -= shift_within_fraction;
  number.digits.append(static_cast<std::size_t>(places - shift_within_fraction), '0');
  return number;
}

DecimalDigits DivideByPowerOfTen(DecimalDigits number, int places) {
  assert(places >= 0);
  number.scale += places;
  return number;
}

bool ToScaledInteger(const DecimalDigits& number, int scale, std::string* integer_digits) {
  assert(scale >= 0 && number.scale >= 0);
  std::string digits = number.digits;
  if (number.scale <= scale) {
    digits.append(static_cast<std::size_t>(scale - number.scale), '0');
  } else {
    // Digits below 10^-scale are dropped; when the string holds fewer digits than that,
    // every digit is below 10^-scale and the value is representable only if it is zero.
    std::size_t drop = static_cast<std::size_t>(number.scale - scale);
    std::size_t keep = digits.size() > drop ? digits.size() - drop : 0;
    if (digits.find_first_not_of('0', keep) != std::string::npos) return false;
    digits.resize(keep);
  }
  *integer_digits = StripLeadingZeros(digits);
  return true;
}

std::string FormatDecimalDigits(const DecimalDigits& number, int decimals_min, Grouping grouping) {
  assert(decimals_min >= 0 && number.scale >= 0);
  std::size_t scale = static_cast<std::size_t>(number.scale);
  std::string digits = number.digits;
  // Pad so there is at least one digit before the point.
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string whole = StripLeadingZeros(digits.substr(0, digits.size() - scale));
  std::string fraction = digits.substr(digits.size() - scale);
  std::size_t last_significant = fraction.find_last_not_of('0');
  std::size_t significant = last_significant == std::string::npos ? 0 : last_significant + 1;
  std::size_t decimals = significant > static_cast<std::size_t>(decimals_min)
                             ? significant
                             : static_cast<std::size_t>(decimals_min);
  fraction.resize(decimals, '0');
  bool is_zero = digits.find_first_not_of('0') == std::string::npos;
  std::string text = number.negative && !is_zero ? "-" : "";
  text += grouping == Grouping::kAllowCommas ? GroupByThrees(whole) : whole;
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

}  // namespace disposalctl
