// Which refused calls are logged: a caller without a token can be refused as fast as it can
// call, and a line per refusal (each written under the log's lock and flushed) would fill the
// disk and hold up every other call's logging. At most one line a second per client address
// and code; the line counts the refusals it stands for.
#ifndef DISPOSAL_SERVER_API_REFUSAL_LOG_H_
#define DISPOSAL_SERVER_API_REFUSAL_LOG_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace disposal::api {

class RefusalLog {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kInterval{1};
  // Addresses kept at once; past it, refusals from addresses not kept share one count.
  static constexpr size_t kKeysMax = 4096;

  // For a refusal of `code` to a call from `peer` (gRPC's peer text) at `now`: 0 when it is
  // not to be logged (counted for the next line), else how many refusals the line stands for,
  // this one and those held back since the last line for the same address and code.
  uint64_t ToLog(const std::string& peer, int code, Clock::time_point now);

 private:
  struct Entry {
    Clock::time_point logged;
    uint64_t held_back = 0;
  };
  // Drops the addresses whose last line is more than an interval old; under mutex_.
  void DropQuiet(Clock::time_point now);

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by client address and code
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_REFUSAL_LOG_H_
