#include "utf8_text.h"

#include <google/protobuf/stubs/common.h>

#include <algorithm>
#include <string>

namespace disposalctl {

Status CheckUtf8Text(std::string_view text) {
  // Protobuf's own check, so that what passes here passes as a string field on the wire.
  const std::size_t valid = static_cast<std::size_t>(
      google::protobuf::internal::UTF8SpnStructurallyValid({text.data(), text.size()}));
  if (valid >= text.size()) return Status::Ok();
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + valid, '\n'));
  return Status::InvalidInput("line " + std::to_string(line) +
                              ": not UTF-8 text: save the file as UTF-8 (in a spreadsheet, "
                              "\"CSV UTF-8\"), not GBK");
}

}  // namespace disposalctl
