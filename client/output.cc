#include "output.h"

#include <google/protobuf/util/json_util.h>

#include <string>

namespace disposalctl {

Status PrintMessageJson(const google::protobuf::Message& message, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
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

}  // namespace disposalctl
