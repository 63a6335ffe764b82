#include "claim_input.h"

#include <nlohmann/json.hpp>

#include "document.h"
#include "friendly_json.h"

namespace disposalctl {

Status LoadClaimFile(const std::string& path, disposal::v1::Claim* claim) {
  std::string text;
  Status status = ReadInputFile(path, &text);
  if (!status.ok()) return status;
  std::string file_name = path == "-" ? "stdin" : path;
  nlohmann::json document;
  status = ParseDocument(text, DetectFormat(path, text), &document);
  if (status.ok() && document.is_null()) status = Status::InvalidInput("empty; expected a claim");
  if (status.ok()) status = MessageFromDocument(document, "claim", claim);
  return status.ok() ? status : status.WithContext(file_name);
}

}  // namespace disposalctl
