// The instant between two calls, for reads "as of a past time".
#ifndef DISPOSAL_TESTS_SUPPORT_INSTANT_H_
#define DISPOSAL_TESTS_SUPPORT_INSTANT_H_

#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <thread>

namespace disposal::testing {

// The history stamps changes with the database's clock, which on this host is the test's
// clock; both have microsecond steps, so a pause of a few milliseconds on each side keeps the
// instant strictly between the two calls' changes. (TimeUtil::GetCurrentTime() has whole
// seconds only.)
inline google::protobuf::Timestamp Instant() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const google::protobuf::Timestamp now = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return now;
}

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_INSTANT_H_
