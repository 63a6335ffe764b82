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

// Whether `message`'s JSON shows fields at their zero value: verdicts and results that a script
// tests field by field (a batch's result #0 has "index": 0, a failed check "ok": false, a
// refused import "applied": false), where a missing key reads as absent rather than false.
// Not resources (claims, disposals), whose JSON is read back as input that refuses an enum's
// zero value. Within a verdict the zero values of nested messages show too (a replay's
// decisions, a batch result's decision: "outcome": "ELIGIBILITY_OUTCOME_UNSPECIFIED" and the
// like where unset).
bool PrintsZeroValues(const google::protobuf::Message& message);

// `message` as indented proto JSON with the proto's own field names (snake_case), the
// form `claim create -f` and `claim update -f` read back. Int64 fields are strings, as
// proto JSON requires; fields at their default value are left out, except in the verdicts
// PrintsZeroValues names.
Status PrintMessageJson(const google::protobuf::Message& message, std::ostream& out);

// {"<key>": [message, ...]} in the same form, for a command that gets several messages
// with no response message to hold them (one import call per calendar year).
Status PrintMessageListJson(const std::string& key,
                            const std::vector<const google::protobuf::Message*>& messages,
                            std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OUTPUT_H_
