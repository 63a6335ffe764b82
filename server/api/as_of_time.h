// The `as_of_time` of an auditor's read: which past instant to show.
#ifndef DISPOSAL_SERVER_API_AS_OF_TIME_H_
#define DISPOSAL_SERVER_API_AS_OF_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"

namespace disposal::api {

// Microseconds since the Unix epoch (finer digits dropped). INVALID_ARGUMENT naming `field`
// outside the Timestamp's range (years 0001-9999) or with nanos outside 0..999,999,999.
Result<int64_t> TimeFromProto(const google::protobuf::Timestamp& time, const std::string& field);

// A business event's time (an award, the gate's "at"): as TimeFromProto, and after the epoch.
// The epoch is no business time: a client that left a Timestamp unset sends it, and it would
// otherwise be read as 1970 (or as "now" where 0 means that).
Result<int64_t> BusinessTimeFromProto(const google::protobuf::Timestamp& time,
                                      const std::string& field);

// Microseconds since the Unix epoch (finer digits dropped); nullopt when `present` is false.
// INVALID_ARGUMENT naming `field` for a malformed time or one after the server's clock: the
// future has no state to show yet, and a read of it would change as time passes.
Result<std::optional<int64_t>> AsOfTimeFromProto(bool present,
                                                 const google::protobuf::Timestamp& time,
                                                 const std::string& field);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_AS_OF_TIME_H_
