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

Status CheckFileNamesTheSame(const std::string& path, const std::string& noun,
                             const std::string& file_id, std::int64_t file_version,
                             const std::string& id, std::int64_t version) {
  if (!file_id.empty() && file_id != id) {
    return Status::InvalidInput(path + " holds " + noun + " " + file_id + ", not the " + noun +
                                " named on the command line, " + id);
  }
  if (file_version != 0 && file_version != version) {
    return Status::InvalidInput(path + " says version " + std::to_string(file_version) +
                                " but --version is " + std::to_string(version) +
                                "; which one is meant?");
  }
  return Status::Ok();
}

}  // namespace disposalctl
