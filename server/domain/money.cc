#include "domain/money.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "domain/rounding.h"

namespace disposal::domain {
namespace {

// Wide enough for any product of two 128-bit magnitudes and for 10^scale up to scale 76, so
// exact intermediates never wrap; being checked, misuse throws instead of going wrong quietly.
using Wide = boost::multiprecision::checked_int256_t;
using Fen = Money::Fen;

constexpr char kAmountField[] = "amount";
constexpr char kRateField[] = "rate";
// UTF-8 spellings of the unit suffixes, written as escapes so the source charset cannot matter.
constexpr std::string_view kYuan = "\xE5\x85\x83";  // 元
constexpr std::string_view kWan = "\xE4\xB8\x87";   // 万, 10^4
constexpr std::string_view kYi = "\xE4\xBA\xBF";    // 亿, 10^8
// Longer inputs are not echoed back: a reason must stay a short sentence.
constexpr size_t kMaxEchoedBytes = 40;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool ConsumePrefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// "'text'" for short inputs, otherwise a neutral noun.
std::string Shown(std::string_view text, const char* noun) {
  if (text.size() > kMaxEchoedBytes) return noun;
  return "'" + std::string(text) + "'";
}

// The first UTF-8 character of a non-empty `text`, quoted, for "unexpected character" reasons.
std::string FirstCharacter(std::string_view text) {
  size_t length = 1;
  while (length < text.size() && length < 4 && (text[length] & 0xC0) == 0x80) ++length;
  return "'" + std::string(text.substr(0, length)) + "'";
}

std::string StripLeadingZeros(std::string digits) {
  const size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? std::string() : digits.substr(first);
}

std::string StripTrailingZeros(std::string digits) {
  const size_t last = digits.find_last_not_of('0');
  return last == std::string::npos ? std::string() : digits.substr(0, last + 1);
}

// Digits only, at most ~38 of them (callers check lengths first). Not the string
// constructor: that one reads a leading 0 as octal.
Fen DigitsToInteger(std::string_view digits) {
  Fen value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

Wide PowerOfTen(int exponent) { return boost::multiprecision::pow(Wide(10), exponent); }

// A scanned "[+-]int[.frac]" with the unparsed remainder (a unit suffix, or garbage).
struct DecimalText {
  bool negative = false;
  std::string integer_digits;
  std::string fraction_digits;
  std::string_view rest;
};

// Checks "1,234,567": first group 1-3 digits not starting with 0, every later group exactly 3.
// "0,500" is refused: where the comma is the decimal mark it means a half, not five hundred.
bool ValidGrouping(std::string_view raw) {
  if (!raw.empty() && raw.front() == '0') return false;
  size_t group_start = 0;
  for (size_t comma = raw.find(',');; comma = raw.find(',', group_start)) {
    const size_t end = comma == std::string_view::npos ? raw.size() : comma;
    const size_t length = end - group_start;
    if (group_start == 0 ? (length < 1 || length > 3) : length != 3) return false;
    if (comma == std::string_view::npos) return true;
    group_start = comma + 1;
  }
}

// Scans the number at the start of `text`. On failure returns an Error whose reason is the
// detail only ("no digits after the decimal point"); callers add the field and context.
Result<DecimalText> ScanDecimal(std::string_view text, bool allow_grouping) {
  DecimalText scanned;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    scanned.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  size_t end = 0;
  while (end < text.size() && (IsDigit(text[end]) || (allow_grouping && text[end] == ','))) ++end;
  const std::string_view raw_integer = text.substr(0, end);
  text.remove_prefix(end);
  if (raw_integer.empty()) {
    if (text.empty()) return Error::InvalidArgument("", "there are no digits");
    if (text.front() == '.') {
      return Error::InvalidArgument("", "no digits before the decimal point");
    }
    return Error::InvalidArgument("", "unexpected character " + FirstCharacter(text));
  }
  if (raw_integer.find(',') != std::string_view::npos && !ValidGrouping(raw_integer)) {
    return Error::InvalidArgument("", "commas must separate groups of three digits");
  }
  std::remove_copy(raw_integer.begin(), raw_integer.end(),
                   std::back_inserter(scanned.integer_digits), ',');
  if (ConsumePrefix(text, ".")) {
    end = 0;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end == 0) {
      const bool second_point = !text.empty() && text.front() == '.';
      return Error::InvalidArgument(
          "", second_point ? "more than one decimal point" : "no digits after the decimal point");
    }
    scanned.fraction_digits = std::string(text.substr(0, end));
    text.remove_prefix(end);
  }
  scanned.rest = text;
  return scanned;
}

// The reason for leftover text after the number, which no suffix rule accepted.
std::string LeftoverReason(std::string_view rest, bool grouping_allowed) {
  if (rest.front() == '.') return "more than one decimal point";
  if (rest.front() == ',' && grouping_allowed) {
    return "commas are allowed only before the decimal point";
  }
  return "unexpected character " + FirstCharacter(rest);
}

// Decimal digits of |value| with a point placed `decimals` from the right, padded so there is
// at least one integer digit: (5, 2) -> "0.05".
std::string PlaceDecimalPoint(std::string digits, int decimals) {
  if (decimals <= 0) return digits;
  const size_t needed = static_cast<size_t>(decimals) + 1;
  if (digits.size() < needed) digits.insert(0, needed - digits.size(), '0');
  digits.insert(digits.size() - decimals, 1, '.');
  return digits;
}

// "806450600" -> "806,450,600".
std::string GroupThousands(std::string_view digits) {
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

Error OutOfRange() {
  return Error::InvalidArgument(kAmountField,
                                "amount is out of range (overflow): the limit is "
                                "999,999,999,999,999,999.99 yuan");
}

// Money's magnitude as decimal digits, for the formatters.
std::string MagnitudeDigits(const Fen& fen) { return Fen(abs(fen)).str(); }

}  // namespace

// ----------------------------------------------------------------------------------------- Rate

Rate Rate::FromScaled(Scaled scaled, int scale) {
  for (; scale < 0; ++scale) scaled *= 10;
  for (; scale > 0 && scaled % 10 == 0; --scale) scaled /= 10;
  return Rate(std::move(scaled), scale);
}

Result<Rate> Rate::Parse(std::string_view text) {
  const std::string_view trimmed = TrimSpace(text);
  const std::string shown = Shown(trimmed, "the rate");
  if (trimmed.empty()) return Error::InvalidArgument(kRateField, "rate is empty");
  Result<DecimalText> scanned = ScanDecimal(trimmed, /*allow_grouping=*/false);
  if (!scanned.ok()) {
    return Error::InvalidArgument(kRateField, shown + " is malformed: " + scanned.error().reason);
  }
  DecimalText& number = scanned.value();
  const bool percent = ConsumePrefix(number.rest, "%");
  if (!number.rest.empty()) {
    return Error::InvalidArgument(
        kRateField,
        shown + " is malformed: " + LeftoverReason(number.rest, /*grouping_allowed=*/false));
  }
  const std::string fraction = StripTrailingZeros(number.fraction_digits);
  const int scale = static_cast<int>(fraction.size()) + (percent ? 2 : 0);
  if (scale > kMaxDecimals) {
    return Error::InvalidArgument(kRateField, shown + " has too many decimals: at most 12");
  }
  const std::string digits = StripLeadingZeros(number.integer_digits + fraction);
  if (digits.size() > static_cast<size_t>(kMaxIntegerDigits + scale)) {
    return Error::InvalidArgument(kRateField, shown + " is too large: |rate| must be below 10^6");
  }
  Scaled scaled = DigitsToInteger(digits);
  if (number.negative) scaled = -scaled;
  return FromScaled(std::move(scaled), scale);
}

std::string Rate::ToString() const {
  const std::string digits = Scaled(abs(scaled_)).str();
  return (scaled_ < 0 ? "-" : "") + PlaceDecimalPoint(digits, scale_);
}

bool operator==(const Rate& a, const Rate& b) {
  // Both are canonical, so equal values have equal representations.
  return a.scaled_ == b.scaled_ && a.scale_ == b.scale_;
}

bool operator<(const Rate& a, const Rate& b) {
  // Bring both to the larger scale, in Wide so the alignment cannot overflow.
  const int scale = std::max(a.scale_, b.scale_);
  return Wide(a.scaled_) * PowerOfTen(scale - a.scale_) <
         Wide(b.scaled_) * PowerOfTen(scale - b.scale_);
}

// ---------------------------------------------------------------------------------------- Money

Result<Money> Money::FromFen(Fen fen) {
  if (abs(fen) > kMaxFen) return OutOfRange();
  return Money(std::move(fen));
}

Result<Money> Money::Parse(std::string_view text) {
  const std::string_view trimmed = TrimSpace(text);
  if (trimmed.empty()) return Error::InvalidArgument(kAmountField, "amount is empty");
  const std::string shown = Shown(trimmed, "the amount");
  Result<DecimalText> scanned = ScanDecimal(trimmed, /*allow_grouping=*/true);
  if (!scanned.ok()) {
    return Error::InvalidArgument(kAmountField, shown + " is malformed: " + scanned.error().reason);
  }
  DecimalText& number = scanned.value();
  // Decimal places of a yuan amount that make whole fen, widened by the unit.
  size_t fen_decimals = 2;
  if (ConsumePrefix(number.rest, kWan)) {
    fen_decimals += 4;
  } else if (ConsumePrefix(number.rest, kYi)) {
    fen_decimals += 8;
  }
  ConsumePrefix(number.rest, kYuan);
  if (!number.rest.empty()) {
    return Error::InvalidArgument(
        kAmountField,
        shown + " is malformed: " + LeftoverReason(number.rest, /*grouping_allowed=*/true));
  }
  const std::string fraction = StripTrailingZeros(number.fraction_digits);
  if (fraction.size() > fen_decimals) {
    return Error::InvalidArgument(kAmountField,
                                  shown +
                                      " is finer than a fen (0.01 yuan) and cannot be kept "
                                      "exactly");
  }
  const std::string digits = StripLeadingZeros(number.integer_digits + fraction +
                                               std::string(fen_decimals - fraction.size(), '0'));
  if (digits.size() > 20) return OutOfRange();  // kMaxFen is the largest 20-digit number
  Fen fen = DigitsToInteger(digits);
  if (number.negative) fen = -fen;
  return Money(std::move(fen));
}

Result<Money> Money::FromUnitsNanos(int64_t units, int32_t nanos) {
  constexpr int32_t kNanosPerFen = 10'000'000;
  if (nanos <= -1'000'000'000 || nanos >= 1'000'000'000) {
    return Error::InvalidArgument(kAmountField,
                                  "nanos must be between -999,999,999 and "
                                  "999,999,999, got " +
                                      std::to_string(nanos));
  }
  if ((units > 0 && nanos < 0) || (units < 0 && nanos > 0)) {
    return Error::InvalidArgument(kAmountField, "units and nanos must have the same sign");
  }
  if (nanos % kNanosPerFen != 0) {
    return Error::InvalidArgument(kAmountField, "nanos " + std::to_string(nanos) +
                                                    " is finer than a fen (a multiple of "
                                                    "10,000,000)");
  }
  return FromFen(Fen(units) * 100 + nanos / kNanosPerFen);
}

int64_t Money::units() const { return Fen(fen_ / 100).convert_to<int64_t>(); }

int32_t Money::nanos() const { return Fen(fen_ % 100).convert_to<int32_t>() * 10'000'000; }

std::string Money::ToString() const {
  return (is_negative() ? "-" : "") + PlaceDecimalPoint(MagnitudeDigits(fen_), 2);
}

std::string Money::ToGroupedString() const {
  const std::string plain = PlaceDecimalPoint(MagnitudeDigits(fen_), 2);
  const size_t point = plain.size() - 3;
  return (is_negative() ? "-" : "") + GroupThousands(plain.substr(0, point)) + plain.substr(point);
}

std::string Money::ToWanString() const {
  // One 万 is 10^6 fen, so six decimals are always exact; trim the zeros beyond the second.
  std::string wan = PlaceDecimalPoint(MagnitudeDigits(fen_), 6);
  const size_t keep = wan.size() - 4;  // "x.yy" is the shortest form
  while (wan.size() > keep && wan.back() == '0') wan.pop_back();
  return (is_negative() ? "-" : "") + wan;
}

Result<Money> Money::Add(const Money& other) const { return FromFen(fen_ + other.fen_); }

Result<Money> Money::Subtract(const Money& other) const { return FromFen(fen_ - other.fen_); }

Result<Money> Money::Multiply(const Rate& rate, RoundingMode mode) const {
  const Wide exact_numerator = Wide(fen_) * Wide(rate.scaled());
  const Wide rounded = DivideRounded(exact_numerator, PowerOfTen(rate.scale()), mode);
  if (abs(rounded) > Wide(kMaxFen)) return OutOfRange();
  return Money(Fen(rounded));
}

Result<Money> Sum(const std::vector<Money>& amounts) {
  // Fen holds ~1.7e38, so no realistic list can overflow the accumulator itself.
  Money::Fen total = 0;
  for (const Money& amount : amounts) total += amount.fen();
  return Money::FromFen(std::move(total));
}

}  // namespace disposal::domain
