#include "friendly_json.h"

#include <google/protobuf/util/json_util.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>

#include "amount_text.h"
#include "date_text.h"
#include "enum_text.h"

namespace disposalctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using nlohmann::json;

Status Fail(const std::string& path, std::string message) {
  return Status::InvalidInput(std::move(message)).WithContext(path);
}

// The text of a scalar: strings as they are, integers in decimal. Documents from
// ParseDocument hold no other numbers, and binary floating point here would already have lost
// digits.
bool ScalarText(const json& value, std::string* text) {
  if (value.is_string()) {
    *text = value.get<std::string>();
    return true;
  }
  if (value.is_number_integer()) {
    *text = value.dump();
    return true;
  }
  return false;
}

const FieldDescriptor* FindField(const Descriptor& type, const std::string& key) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->name() == key || field->json_name() == key) return field;
  }
  return nullptr;
}

std::string FieldNames(const Descriptor& type) {
  std::string names;
  for (int i = 0; i < type.field_count(); ++i) {
    if (i > 0) names += ", ";
    names += type.field(i)->name();
  }
  return names;
}

Status MoneyToJson(const std::string& text, const std::string& path, json* out) {
  disposal::v1::Money money;
  Status parsed = ParseAmountText(text, &money);
  if (!parsed.ok()) return parsed.WithContext(path);
  *out = json::object();
  // Proto JSON writes int64 as a string; zero fields may be left out.
  if (money.units() != 0) (*out)["units"] = std::to_string(money.units());
  if (money.nanos() != 0) (*out)["nanos"] = money.nanos();
  return Status::Ok();
}

// A field named "percent" holds a number of percent (30 for 30%), while the rate text form
// reads "30%" as the fraction 0.3: a 30% holding would become 0.3%. Refused instead.
bool IsPercentField(const std::string& path) {
  const size_t dot = path.rfind('.');
  return path.compare(dot == std::string::npos ? 0 : dot + 1, std::string::npos, "percent") == 0;
}

Status DecimalToJson(const std::string& text, const std::string& path, json* out) {
  if (IsPercentField(path) && text.find('%') != std::string::npos) {
    return Status::InvalidInput(path + ": \"" + text +
                                "\": give the number of percent without '%' (30 for 30%)");
  }
  std::string value;
  Status parsed = ParseRateText(text, &value);
  if (!parsed.ok()) return parsed.WithContext(path);
  *out = json{{"value", value}};
  return Status::Ok();
}

Status DateToJson(const std::string& text, const std::string& path, json* out) {
  disposal::v1::Date date;
  Status parsed = ParseDateText(text, &date);
  if (!parsed.ok()) return parsed.WithContext(path);
  *out = json{{"year", date.year()}, {"month", date.month()}, {"day", date.day()}};
  return Status::Ok();
}

// Amounts, rates and dates written as text; false when `type` has no text form.
bool IsTextFormType(const Descriptor& type) {
  return &type == disposal::v1::Money::descriptor() ||
         &type == disposal::v1::Decimal::descriptor() || &type == disposal::v1::Date::descriptor();
}

Status TextFormToJson(const Descriptor& type, const std::string& text, const std::string& path,
                      json* out) {
  if (&type == disposal::v1::Money::descriptor()) return MoneyToJson(text, path, out);
  if (&type == disposal::v1::Decimal::descriptor()) return DecimalToJson(text, path, out);
  return DateToJson(text, path, out);
}

Status MessageToJson(const json& value, const Descriptor& type, const std::string& path, json* out);

Status EnumToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                  json* out) {
  const google::protobuf::EnumDescriptor& type = *field.enum_type();
  std::string text;
  if (!ScalarText(value, &text)) {
    return Fail(path, "expected one of " + ListShortEnumNames(type));
  }
  const google::protobuf::EnumValueDescriptor* found = FindEnumValue(type, text);
  // In a file, by name only: a number means whatever the proto's order makes it, and the
  // zero value would silently stand for the server's default (or be refused by it).
  const bool by_number = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (found == nullptr || by_number || found->number() == 0) {
    return Fail(path,
                "unknown value \"" + text + "\"; expected one of " + ListShortEnumNames(type));
  }
  *out = found->name();
  return Status::Ok();
}

Status BoolToJson(const json& value, const std::string& path, json* out) {
  if (value.is_boolean()) {
    *out = value;
    return Status::Ok();
  }
  std::string text;
  ScalarText(value, &text);
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text == "true" || text == "yes") {
    *out = true;
  } else if (text == "false" || text == "no") {
    *out = false;
  } else {
    return Fail(path, "expected true or false");
  }
  return Status::Ok();
}

template <typename Integer>
bool ParseInteger(const std::string& text, Integer* value) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, *value);
  return !text.empty() && error == std::errc() && stop == end;
}

// 32-bit integers become JSON numbers; 64-bit ones stay strings, as proto JSON writes them.
Status IntegerToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                     json* out) {
  std::string text;
  bool is_unsigned = field.cpp_type() == FieldDescriptor::CPPTYPE_UINT32 ||
                     field.cpp_type() == FieldDescriptor::CPPTYPE_UINT64;
  bool is_64_bit = field.cpp_type() == FieldDescriptor::CPPTYPE_INT64 ||
                   field.cpp_type() == FieldDescriptor::CPPTYPE_UINT64;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  bool parsed = ScalarText(value, &text) && (is_unsigned ? ParseInteger(text, &unsigned_value)
                                                         : ParseInteger(text, &signed_value));
  bool in_range =
      is_64_bit || (is_unsigned ? unsigned_value <= 0xffffffffu
                                : signed_value >= std::numeric_limits<int32_t>::min() &&
                                      signed_value <= std::numeric_limits<int32_t>::max());
  if (!parsed || !in_range) {
    return Fail(path, "expected a whole number" + (text.empty() ? "" : ", not \"" + text + "\""));
  }
  if (is_64_bit) {
    *out = text;
  } else if (is_unsigned) {
    *out = unsigned_value;
  } else {
    *out = signed_value;
  }
  return Status::Ok();
}

Status ValueToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                   json* out) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageToJson(value, *field.message_type(), path, out);
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumToJson(value, field, path, out);
    case FieldDescriptor::CPPTYPE_BOOL:
      return BoolToJson(value, path, out);
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return IntegerToJson(value, field, path, out);
    case FieldDescriptor::CPPTYPE_STRING:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      // Proto JSON accepts floating-point fields as strings, so their text passes through
      // unconverted.
      std::string text;
      if (!ScalarText(value, &text)) return Fail(path, "expected text");
      *out = text;
      return Status::Ok();
    }
  }
  return Fail(path, "unsupported field type");
}

Status RepeatedToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                      json* out) {
  if (!value.is_array()) return Fail(path, "expected a list");
  *out = json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string element_path = path + "[" + std::to_string(i) + "]";
    if (value[i].is_null()) return Fail(element_path, "empty list entry");
    Status converted = ValueToJson(value[i], field, element_path, &out->emplace_back());
    if (!converted.ok()) return converted;
  }
  return Status::Ok();
}

Status MapToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                 json* out) {
  if (!value.is_object()) return Fail(path, "expected a mapping");
  const FieldDescriptor& value_field = *field.message_type()->map_value();
  *out = json::object();
  for (const auto& [key, element] : value.items()) {
    Status converted = ValueToJson(element, value_field, path + "[\"" + key + "\"]", &(*out)[key]);
    if (!converted.ok()) return converted;
  }
  return Status::Ok();
}

Status FieldToJson(const json& value, const FieldDescriptor& field, const std::string& path,
                   json* out) {
  if (field.is_map()) return MapToJson(value, field, path, out);
  if (field.is_repeated()) return RepeatedToJson(value, field, path, out);
  return ValueToJson(value, field, path, out);
}

// Refuses two members of one oneof, which proto JSON would report without a path.
Status CheckOneof(const FieldDescriptor& field, const std::string& path,
                  std::map<const google::protobuf::OneofDescriptor*, std::string>* set_members) {
  const google::protobuf::OneofDescriptor* oneof = field.real_containing_oneof();
  if (oneof == nullptr) return Status::Ok();
  auto [member, inserted] = set_members->emplace(oneof, field.name());
  if (inserted) return Status::Ok();
  return Fail(path, "give only one of " + member->second + " and " + field.name());
}

Status FieldsToJson(const json& value, const Descriptor& type, const std::string& path, json* out) {
  *out = json::object();
  std::map<const google::protobuf::OneofDescriptor*, std::string> set_members;
  for (const auto& [key, element] : value.items()) {
    const FieldDescriptor* field = FindField(type, key);
    if (field == nullptr) {
      return Fail(path,
                  "unknown field \"" + key + "\"; " + type.name() + " has " + FieldNames(type));
    }
    if (element.is_null()) {
      // A key left blank ("principal:") would be taken as absent: a principal of 0, a lot
      // offering the whole claim instead of its tranche. Said, not guessed.
      return Fail(path + "." + field->name(),
                  "no value given; write one, or leave the key out if it is to be absent");
    }
    if (out->contains(field->name())) {
      return Fail(path, "field " + field->name() + " is given twice (as \"" + key + "\" too)");
    }
    Status checked = CheckOneof(*field, path, &set_members);
    if (!checked.ok()) return checked;
    Status converted =
        FieldToJson(element, *field, path + "." + field->name(), &(*out)[field->name()]);
    if (!converted.ok()) return converted;
  }
  return Status::Ok();
}

Status MessageToJson(const json& value, const Descriptor& type, const std::string& path,
                     json* out) {
  std::string text;
  if (IsTextFormType(type) && ScalarText(value, &text)) {
    return TextFormToJson(type, text, path, out);
  }
  // Well-known types have their own JSON forms (a Timestamp is an RFC 3339 string).
  if (type.file()->package() == "google.protobuf") {
    *out = value;
    return Status::Ok();
  }
  if (!value.is_object()) {
    if (&type == disposal::v1::Money::descriptor()) {
      return Fail(path, "expected an amount such as \"38865.89万\" or \"806,450,600.00\"");
    }
    return Fail(path, "expected a mapping of " + type.full_name() + " fields");
  }
  return FieldsToJson(value, type, path, out);
}

}  // namespace

Status ToProtoJson(const json& document, const Descriptor& type, const std::string& path,
                   json* proto_json) {
  return MessageToJson(document, type, path, proto_json);
}

Status MessageFromDocument(const json& document, const std::string& path,
                           google::protobuf::Message* message) {
  json proto_json;
  Status converted = ToProtoJson(document, *message->GetDescriptor(), path, &proto_json);
  if (!converted.ok()) return converted;
  std::string text;
  try {
    text = proto_json.dump();
  } catch (const json::exception&) {
    return Fail(path, "text is not valid UTF-8");
  }
  message->Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto parsed = google::protobuf::util::JsonStringToMessage(text, message, options);
  if (!parsed.ok()) return Fail(path, std::string(parsed.message()));
  return Status::Ok();
}

}  // namespace disposalctl
