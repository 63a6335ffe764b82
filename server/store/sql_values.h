// Internal to store/: small conversions between domain values and SQL parameters.
#ifndef DISPOSAL_SERVER_STORE_SQL_VALUES_H_
#define DISPOSAL_SERVER_STORE_SQL_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/money.h"

namespace disposal::store {

// A nullable text parameter: libpqxx sends a null pointer as SQL NULL.
inline const char* OrNull(const std::optional<std::string>& text) {
  return text ? text->c_str() : nullptr;
}

// NUMERIC text of an optional amount.
inline std::optional<std::string> MoneyText(const std::optional<domain::Money>& amount) {
  if (!amount) return std::nullopt;
  return amount->ToString();
}

// A PostgreSQL array literal of plain tokens: UUIDs, method names, account names, decimal
// amounts. None of them needs quoting; callers pass nothing else.
inline std::string PlainArrayLiteral(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) literal += ',';
    literal += items[i];
  }
  return literal + "}";
}

// Microseconds since the Unix epoch as a parameter, or NULL.
inline std::optional<std::string> MicrosText(const std::optional<int64_t>& micros) {
  if (!micros) return std::nullopt;
  return std::to_string(*micros);
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_SQL_VALUES_H_
