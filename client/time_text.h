// Instants as people type them (RFC 3339) and read them (Asia/Shanghai wall-clock time).
//
// Objection windows end at 24:00 Asia/Shanghai, and staff think of a submission's arrival
// in Beijing time wherever the client runs, so times are shown in UTC+8 rather than in the
// machine's zone. Asia/Shanghai has had no daylight saving since 1991, so a fixed offset is
// exact for every date the service handles.

#ifndef DISPOSAL_CLIENT_TIME_TEXT_H_
#define DISPOSAL_CLIENT_TIME_TEXT_H_

#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <string_view>

#include "status.h"

namespace disposalctl {

// The zone every time and deadline is shown in.
inline constexpr char kShanghaiZoneName[] = "Asia/Shanghai";

// Reads an RFC 3339 time with an explicit offset: "2021-08-03T14:05:00+08:00" or
// "2021-08-03T06:05:00Z". Fails, naming `option` (e.g. "--received") and the text.
Status ParseTimeText(std::string_view option, std::string_view text,
                     google::protobuf::Timestamp* time);

// "2021-08-03 14:05:09": the Asia/Shanghai wall-clock time of `time`, to the second.
std::string FormatShanghaiTime(const google::protobuf::Timestamp& time);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_TIME_TEXT_H_
