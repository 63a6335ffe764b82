#include "api/refusal_log.h"

#include <iterator>

#include "api/client_address.h"

namespace disposal::api {

uint64_t RefusalLog::ToLog(const std::string& peer, int code, Clock::time_point now) {
  std::string key = ClientAddressKey(peer) + "|" + std::to_string(code);
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kKeysMax && entries_.count(key) == 0) {
    DropQuiet(now);
    // Still full: a flood from many addresses at once is counted as one.
    if (entries_.size() >= kKeysMax) key = "*|" + std::to_string(code);
  }
  auto [entry, added] = entries_.try_emplace(key);
  if (!added && now - entry->second.logged < kInterval) {
    ++entry->second.held_back;
    return 0;
  }
  const uint64_t stands_for = entry->second.held_back + 1;
  entry->second = {now, 0};
  return stands_for;
}

void RefusalLog::DropQuiet(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = now - it->second.logged >= kInterval ? entries_.erase(it) : std::next(it);
  }
}

}  // namespace disposal::api
