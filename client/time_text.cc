#include "time_text.h"

#include <google/protobuf/util/time_util.h>

#include <cstdint>
#include <cstdio>

#include "civil_days.h"

namespace disposalctl {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kShanghaiOffsetSeconds = 8 * 3600;

}  // namespace

Status ParseTimeText(std::string_view option, std::string_view text,
                     google::protobuf::Timestamp* time) {
  if (google::protobuf::util::TimeUtil::FromString(std::string(text), time)) return Status::Ok();
  return Status::InvalidInput(std::string(option) + " \"" + std::string(text) +
                              "\" is not an RFC 3339 time; write e.g. 2021-08-03T14:05:00+08:00");
}

std::string FormatShanghaiTime(const google::protobuf::Timestamp& time) {
  std::int64_t local_seconds = time.seconds() + kShanghaiOffsetSeconds;
  std::int64_t second_of_day = local_seconds % kSecondsPerDay;
  std::int64_t days = local_seconds / kSecondsPerDay;
  if (second_of_day < 0) {  // before 1970: step back a day, as floor division would
    second_of_day += kSecondsPerDay;
    days -= 1;
  }
  CivilDate date = CivilFromDays(days);
  char text[48];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d", date.year, date.month,
                date.day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return text;
}

}  // namespace disposalctl
