// Internal to store/: tables between domain enums and the text codes the schema's CHECK
// constraints allow.
#ifndef DISPOSAL_SERVER_STORE_CODE_TABLE_H_
#define DISPOSAL_SERVER_STORE_CODE_TABLE_H_

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace disposal::store {

template <typename Enum, size_t N>
using CodeTable = std::array<std::pair<Enum, const char*>, N>;

template <typename Enum, size_t N>
std::string Code(const CodeTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, code] : table) {
    if (candidate == value) return code;
  }
  throw std::logic_error("enum value without a code");
}

// Throws std::runtime_error on a code the table lacks: the database holds corrupt data.
template <typename Enum, size_t N>
Enum Decode(const CodeTable<Enum, N>& table, const std::string& code) {
  for (const auto& [value, candidate] : table) {
    if (code == candidate) return value;
  }
  throw std::runtime_error("unknown code in the database: " + code);
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CODE_TABLE_H_
