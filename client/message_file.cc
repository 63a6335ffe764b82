#include "message_file.h"

#include <nlohmann/json.hpp>

#include "document.h"
#include "friendly_json.h"

namespace disposalctl {

Status LoadMessageFile(const std::string& path, const std::string& noun,
                       google::protobuf::Message* message) {
  std::string text;
  Status status = ReadInputFile(path, &text);
  if (!status.ok()) return status;
  std::string file_name = path == "-" ? "stdin" : path;
  nlohmann::json document;
  status = ParseDocument(text, DetectFormat(path, text), &document);
  if (status.ok() && document.is_null()) status = Status::InvalidInput("empty; expected a " + noun);
  if (status.ok()) status = MessageFromDocument(document, noun, message);
  return status.ok() ? status : status.WithContext(file_name);
}

}  // namespace disposalctl
