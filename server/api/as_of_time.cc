#include "api/as_of_time.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>

namespace disposal::api {

using google::protobuf::util::TimeUtil;

Result<int64_t> TimeFromProto(const google::protobuf::Timestamp& time, const std::string& field) {
  if (time.seconds() < TimeUtil::kTimestampMinSeconds ||
      time.seconds() > TimeUtil::kTimestampMaxSeconds || time.nanos() < 0 ||
      time.nanos() > 999'999'999) {
    return Error::InvalidArgument(field, "is not a valid timestamp (years 0001-9999)");
  }
  return TimeUtil::TimestampToMicroseconds(time);
}

Result<int64_t> BusinessTimeFromProto(const google::protobuf::Timestamp& time,
                                      const std::string& field) {
  ASSIGN_OR_RETURN(const int64_t micros, TimeFromProto(time, field));
  if (micros <= 0) {
    return Error::InvalidArgument(field, "must be after 1970-01-01; leave it out for now");
  }
  return micros;
}

Result<std::optional<int64_t>> AsOfTimeFromProto(bool present,
                                                 const google::protobuf::Timestamp& time,
                                                 const std::string& field) {
  if (!present) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(const int64_t micros, TimeFromProto(time, field));
  // TimeUtil::GetCurrentTime() has whole seconds only; a time earlier in this second is past.
  const int64_t now_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  if (micros > now_micros) {
    return Error::InvalidArgument(
        field, "is in the future (" + TimeUtil::ToString(time) + "); only the past can be read");
  }
  return std::optional<int64_t>(micros);
}

}  // namespace disposal::api
