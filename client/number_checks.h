// Command-line checks for whole-number options (entry ids, versions). CLI11's own number
// checks convert through double: their messages quote a 309-digit range, and a value past
// int64 was sent as the largest int64 instead of being refused.
#ifndef DISPOSAL_CLIENT_NUMBER_CHECKS_H_
#define DISPOSAL_CLIENT_NUMBER_CHECKS_H_

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace disposalctl {

// Accepts decimal digits (an optional leading '-') naming a whole number from `min` to
// int64's maximum; otherwise "must be a whole number from MIN to 9223372036854775807, got X".
inline CLI::Validator WholeNumberFrom(std::int64_t min) {
  const std::string range =
      std::to_string(min) + " to " + std::to_string(std::numeric_limits<std::int64_t>::max());
  return CLI::Validator(
      [min, range](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || value < min) {
          return "must be a whole number from " + range + ", got \"" + text + "\"";
        }
        return std::string();
      },
      "", "WHOLE_NUMBER");
}

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_NUMBER_CHECKS_H_
