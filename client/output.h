// How results are printed: for people (tables) or for scripts (proto JSON).

#ifndef DISPOSAL_CLIENT_OUTPUT_H_
#define DISPOSAL_CLIENT_OUTPUT_H_

#include <google/protobuf/message.h>

#include <ostream>

#include "status.h"

namespace disposalctl {

enum class OutputFormat { kTable, kJson };

// `message` as indented proto JSON with the proto's own field names (snake_case), the
// form `claim create -f` and `claim update -f` read back. Int64 fields are strings, as
// proto JSON requires; fields at their default value are left out.
Status PrintMessageJson(const google::protobuf::Message& message, std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OUTPUT_H_
