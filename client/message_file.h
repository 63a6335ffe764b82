// Input files (JSON or YAML, friendly amounts, dates and enums) read into any message.

#ifndef DISPOSAL_CLIENT_MESSAGE_FILE_H_
#define DISPOSAL_CLIENT_MESSAGE_FILE_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>

#include "status.h"

namespace disposalctl {

// Reads `path` ("-" for stdin) as one `message`: JSON or YAML (see DetectFormat), with
// the friendly forms of friendly_json.h. `noun` names the top of the document in errors
// ("claim", "disposal"). Failures start with the file name and then the path of the bad
// value, e.g. "seed.yaml: disposal.lots[1].reserve_price: ...".
Status LoadMessageFile(const std::string& path, const std::string& noun,
                       google::protobuf::Message* message);

// For an update from a file: the id and version the file holds (empty, 0: none) must be the
// ones named on the command line, or the file is another `noun`'s, or read at another version.
Status CheckFileNamesTheSame(const std::string& path, const std::string& noun,
                             const std::string& file_id, std::int64_t file_version,
                             const std::string& id, std::int64_t version);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_MESSAGE_FILE_H_
