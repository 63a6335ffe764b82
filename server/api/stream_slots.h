// A bound on the streams one caller keeps open at a time. A synchronous stream holds one of
// the server's threads while it waits for its caller's next message, so a caller opening
// streams and sending nothing could otherwise take every thread and shut everyone else out.
#ifndef DISPOSAL_SERVER_API_STREAM_SLOTS_H_
#define DISPOSAL_SERVER_API_STREAM_SLOTS_H_

#include <map>
#include <mutex>
#include <string>

namespace disposal::api {

class StreamSlots {
 public:
  explicit StreamSlots(int per_caller) : per_caller_(per_caller) {}

  // One slot of `caller`'s, held until the Slot is destroyed; !taken() when all were in use.
  class Slot {
   public:
    Slot(StreamSlots& slots, std::string caller);
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    bool taken() const { return taken_; }

   private:
    StreamSlots& slots_;
    std::string caller_;
    bool taken_ = false;
  };

  int per_caller() const { return per_caller_; }

 private:
  const int per_caller_;
  std::mutex mutex_;
  std::map<std::string, int> open_;  // by caller; a caller with none open has no entry
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_STREAM_SLOTS_H_
