#include "status.h"

#include <cassert>

namespace disposalctl {

Status Status::WithContext(std::string_view context) const {
  assert(!ok());
  std::string message(context);
  message += ": ";
  message += message_;
  return Status(exit_code_, code_name_, std::move(message));
}

std::string Status::ToLine() const {
  std::string line = "disposalctl: " + code_name_ + ": " + message_;
  for (char& c : line) {
    // Bytes below 0x20 and DEL are control characters; UTF-8 multibyte sequences never
    // contain them, so replacing bytes one by one keeps Chinese text intact.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return line;
}

}  // namespace disposalctl
