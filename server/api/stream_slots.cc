#include "api/stream_slots.h"

#include <utility>

namespace disposal::api {

StreamSlots::Slot::Slot(StreamSlots& slots, std::string caller)
    : slots_(slots), caller_(std::move(caller)) {
  std::lock_guard<std::mutex> lock(slots_.mutex_);
  int& open = slots_.open_[caller_];
  if (open < slots_.per_caller_) {
    ++open;
    taken_ = true;
  } else if (open == 0) {
    slots_.open_.erase(caller_);
  }
}

StreamSlots::Slot::~Slot() {
  if (!taken_) return;
  std::lock_guard<std::mutex> lock(slots_.mutex_);
  const auto found = slots_.open_.find(caller_);
  if (found != slots_.open_.end() && --found->second == 0) slots_.open_.erase(found);
}

}  // namespace disposal::api
