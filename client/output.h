// How results are printed: for people (tables) or for scripts (proto JSON).

#ifndef DISPOSAL_CLIENT_OUTPUT_H_
#define DISPOSAL_CLIENT_OUTPUT_H_

#include <google/protobuf/message.h>

#include <ostream>
#include <string>
#include <vector>

#include "status.h"

namespace disposalctl {

enum class OutputFormat { kTable, kJson };

// `message` as indented proto JSON with the proto's own field names (snake_case), the
// form `claim create -f` and `claim update -f` read back. Int64 fields are strings, as
// proto JSON requires; fields at their default value are left out.
Status PrintMessageJson(const google::protobuf::Message& message, std::ostream& out);

// {"<key>": [message, ...]} in the same form, for a command that gets several messages
// with no response message to hold them (one import call per calendar year).
Status PrintMessageListJson(const std::string& key,
                            const std::vector<const google::protobuf::Message*>& messages,
                            std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OUTPUT_H_
