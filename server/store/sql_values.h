// Internal to store/: small conversions between domain values and SQL parameters.
#ifndef DISPOSAL_SERVER_STORE_SQL_VALUES_H_
#define DISPOSAL_SERVER_STORE_SQL_VALUES_H_

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

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

// PostgreSQL prints UUIDs in lower case; ids from clients are compared in that form.
inline std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_SQL_VALUES_H_
