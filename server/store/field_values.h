// Internal to store/: domain values read back from result fields. Stored values passed every
// CHECK on the way in, so one that no longer parses is corruption: it throws, and the pool's
// transaction runner reports it as INTERNAL.
#ifndef DISPOSAL_SERVER_STORE_FIELD_VALUES_H_
#define DISPOSAL_SERVER_STORE_FIELD_VALUES_H_

#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "domain/date.h"
#include "domain/money.h"

namespace disposal::store {

template <typename T>
T Expect(Result<T> result, const char* what) {
  if (!result.ok()) throw std::runtime_error(std::string("corrupt ") + what + " in the database");
  return std::move(result).value();
}

inline domain::Money MoneyField(const pqxx::field& field) {
  return Expect(domain::Money::Parse(field.c_str()), "amount");
}

inline std::optional<domain::Money> OptionalMoneyField(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return MoneyField(field);
}

inline std::optional<domain::Rate> OptionalRateField(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return Expect(domain::Rate::Parse(field.c_str()), "rate");
}

inline domain::Date DateField(const pqxx::field& field) {
  return Expect(domain::ParseIsoDate(field.c_str()), "date");
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_FIELD_VALUES_H_
