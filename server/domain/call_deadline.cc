#include "domain/call_deadline.h"

namespace disposal::domain {
namespace {

thread_local DeadlineClock::time_point current_deadline = DeadlineClock::time_point::max();

}  // namespace

CallDeadlineScope::CallDeadlineScope(DeadlineClock::time_point deadline)
    : previous_(current_deadline) {
  current_deadline = deadline;
}

CallDeadlineScope::~CallDeadlineScope() { current_deadline = previous_; }

std::optional<std::chrono::milliseconds> CallTimeLeft() {
  // A deadline a day or more away bounds nothing here (and its distance from now could pass
  // the clock's range): as good as none.
  const DeadlineClock::time_point now = DeadlineClock::now();
  if (current_deadline >= now + std::chrono::hours(24)) return std::nullopt;
  return std::chrono::floor<std::chrono::milliseconds>(current_deadline - now);
}

}  // namespace disposal::domain
