#include "enum_text.h"

#include <cctype>
#include <charconv>

namespace disposalctl {
namespace {

// "COLLATERAL_KIND_" for CollateralKind: the prefix its value names share (AIP-126).
std::string ValuePrefix(const google::protobuf::EnumDescriptor& type) {
  std::string prefix;
  for (char c : type.name()) {
    bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    if (upper && !prefix.empty()) prefix += '_';
    prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return prefix + "_";
}

std::string StripPrefix(const std::string& name, const std::string& prefix) {
  return name.compare(0, prefix.size(), prefix) == 0 ? name.substr(prefix.size()) : name;
}

}  // namespace

std::string ShortEnumName(const google::protobuf::EnumDescriptor& type, int number) {
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  std::string name = StripPrefix(value->name(), ValuePrefix(type));
  for (char& c : name) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

const google::protobuf::EnumValueDescriptor* FindEnumValue(
    const google::protobuf::EnumDescriptor& type, std::string_view text) {
  int number = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, number);
  if (!text.empty() && error == std::errc() && stop == end) return type.FindValueByNumber(number);
  std::string name;
  for (char c : text) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (name.empty()) return nullptr;
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByName(name);
  if (value != nullptr) return value;
  return type.FindValueByName(ValuePrefix(type) + name);
}

std::string ListShortEnumNames(const google::protobuf::EnumDescriptor& type) {
  std::string names;
  for (int i = 0; i < type.value_count(); ++i) {
    int number = type.value(i)->number();
    if (number == 0) continue;
    if (!names.empty()) names += ", ";
    names += ShortEnumName(type, number);
  }
  return names;
}

}  // namespace disposalctl
