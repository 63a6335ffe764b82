// Input files must be UTF-8 text: a spreadsheet's export in GBK (the default for Chinese
// Windows) would otherwise reach the server, or JSON conversion, and fail there without a line.
#ifndef DISPOSAL_CLIENT_UTF8_TEXT_H_
#define DISPOSAL_CLIENT_UTF8_TEXT_H_

#include <string_view>

#include "status.h"

namespace disposalctl {

// OK when `text` is UTF-8 throughout (as protobuf checks its strings); otherwise
// INVALID_ARGUMENT "line N: not UTF-8 text: save the file as UTF-8 (...)", N the line of the
// first byte that is not.
Status CheckUtf8Text(std::string_view text);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_UTF8_TEXT_H_
