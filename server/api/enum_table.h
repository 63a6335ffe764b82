// Tables between wire enums and domain enums, read in both directions.
#ifndef DISPOSAL_SERVER_API_ENUM_TABLE_H_
#define DISPOSAL_SERVER_API_ENUM_TABLE_H_

#include <array>
#include <string>
#include <utility>

#include "domain/result.h"

namespace disposal::api {

template <typename ProtoEnum, typename DomainEnum, size_t N>
using EnumTable = std::array<std::pair<ProtoEnum, DomainEnum>, N>;

// INVALID_ARGUMENT naming `field` for UNSPECIFIED or a value the table lacks.
template <typename ProtoEnum, typename DomainEnum, size_t N>
Result<DomainEnum> EnumFromProto(ProtoEnum value, const EnumTable<ProtoEnum, DomainEnum, N>& table,
                                 const std::string& field) {
  for (const auto& [proto, domain] : table) {
    if (proto == value) return domain;
  }
  return Error::InvalidArgument(field, "is required: unspecified or unknown value " +
                                           std::to_string(static_cast<int>(value)));
}

template <typename ProtoEnum, typename DomainEnum, size_t N>
ProtoEnum EnumToProto(DomainEnum value, const EnumTable<ProtoEnum, DomainEnum, N>& table) {
  for (const auto& [proto, domain] : table) {
    if (domain == value) return proto;
  }
  return ProtoEnum{};
}

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ENUM_TABLE_H_
