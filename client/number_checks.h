// Command-line checks for whole-number options (entry ids, versions, page sizes). CLI11's own
// number checks convert through double: their messages quote a 309-digit range, and a value
// past int64 was sent as the largest int64 instead of being refused. And its conversion reads
// a leading 0 as octal: "ledger reverse 010" would have reversed entry 8.
#ifndef DISPOSAL_CLIENT_NUMBER_CHECKS_H_
#define DISPOSAL_CLIENT_NUMBER_CHECKS_H_

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace disposalctl {

// Accepts decimal digits (an optional leading '-') naming a whole number from `min` to `max`,
// and rewrites the text as the number's plain decimal form, so that CLI11's conversion after
// it (strtoll with base 0) cannot read "010" as octal 8 or refuse "08". Otherwise "must be a
// whole number from MIN to MAX, got X". Add it with Option::transform, which may rewrite.
inline CLI::Validator WholeNumberIn(std::int64_t min, std::int64_t max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || value < min || value > max) {
          return "must be a whole number from " + range + ", got \"" + text + "\"";
        }
        text = std::to_string(value);
        return std::string();
      },
      "", "WHOLE_NUMBER");
}

// WholeNumberIn from `min` to int64's maximum.
inline CLI::Validator WholeNumberFrom(std::int64_t min) {
  return WholeNumberIn(min, std::numeric_limits<std::int64_t>::max());
}

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_NUMBER_CHECKS_H_
