#include "output.h"

#include <google/protobuf/util/json_util.h>

#include <cassert>
#include <set>
#include <string>

namespace disposalctl {

bool PrintsZeroValues(const google::protobuf::Message& message) {
  static const std::set<std::string> kVerdicts = {
      "disposal.v1.VerifyClaimHistoryResponse", "disposal.v1.ReplayEligibilityDecisionResponse",
      "disposal.v1.ImportRegistryResponse",     "disposal.v1.ApplyRegistryChangesResponse",
      "disposal.v1.EligibilityStreamResult",    "disposal.v1.ComputeDeadlineResponse",
  };
  return kVerdicts.count(message.GetDescriptor()->full_name()) > 0;
}

namespace {

google::protobuf::util::JsonPrintOptions OptionsFor(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
  options.always_print_primitive_fields = PrintsZeroValues(message);
  return options;
}

}  // namespace

Status PrintMessageJson(const google::protobuf::Message& message, std::ostream& out) {
  const google::protobuf::util::JsonPrintOptions options = OptionsFor(message);
  std::string json;
  auto printed = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!printed.ok()) {
    return Status::RpcFailed(
        "INTERNAL", "cannot print the response as JSON: " + std::string(printed.message()));
  }
  out << json;
  if (json.empty() || json.back() != '\n') out << '\n';
  return Status::Ok();
}

namespace {

// `json` with every line indented by `indent`, without its final line break.
std::string Indented(const std::string& json, const std::string& indent) {
  std::string text;
  std::size_t start = 0;
  while (start < json.size()) {
    std::size_t end = json.find('\n', start);
    if (end == std::string::npos) end = json.size();
    if (!text.empty()) text += '\n';
    text += indent + json.substr(start, end - start);
    start = end + 1;
  }
  return text;
}

}  // namespace

Status PrintMessageListJson(const std::string& key,
                            const std::vector<const google::protobuf::Message*>& messages,
                            std::ostream& out) {
  // The key is written unescaped, so it must be a plain field-like name.
  assert(!key.empty() && key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
  // Composed as text rather than through a JSON library, so that no value is re-parsed
  // (and no number can pass through binary floating point).
  std::string items;
  for (const google::protobuf::Message* message : messages) {
    const google::protobuf::util::JsonPrintOptions options = OptionsFor(*message);
    std::string json;
    auto printed = google::protobuf::util::MessageToJsonString(*message, &json, options);
    if (!printed.ok()) {
      return Status::RpcFailed(
          "INTERNAL", "cannot print the response as JSON: " + std::string(printed.message()));
    }
    items += (items.empty() ? "" : ",\n") + Indented(json, "  ");
  }
  // One space per level, as MessageToJsonString indents.
  out << "{\n \"" << key << "\": [";
  if (!items.empty()) out << '\n' << items << "\n ";
  out << "]\n}\n";
  return Status::Ok();
}

}  // namespace disposalctl
