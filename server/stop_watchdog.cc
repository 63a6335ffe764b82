#include "stop_watchdog.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "log/log.h"

namespace disposal::server {
namespace {

std::chrono::steady_clock::rep TicksFromNow(std::chrono::seconds bound) {
  return (std::chrono::steady_clock::now() + bound).time_since_epoch().count();
}

}  // namespace

StopWatchdog::StopWatchdog(const sigset_t& signals, std::chrono::seconds drain_bound,
                           std::function<std::string()> what_is_lost)
    : signals_(signals),
      what_is_lost_(std::move(what_is_lost)),
      give_up_(TicksFromNow(drain_bound)),
      thread_([this] { Run(); }) {}

StopWatchdog::~StopWatchdog() {
  stopping_ = true;
  thread_.join();
}

void StopWatchdog::DrainFinished(std::chrono::seconds rest_bound) {
  give_up_ = TicksFromNow(rest_bound);
  drained_ = true;
}

// Polls (sigtimedwait, 200 ms) rather than blocking in sigwait, so that the destructor can end
// it without sending the process a signal of its own.
void StopWatchdog::Run() {
  const timespec pause{0, 200'000'000};
  while (!stopping_) {
    const int signal_number = sigtimedwait(&signals_, nullptr, &pause);
    if (signal_number > 0) {
      Force("signal " + std::to_string(signal_number) + " again while stopping");
    }
    if (std::chrono::steady_clock::now().time_since_epoch().count() >= give_up_) {
      Force(drained_ ? "the work after the drain (receipts, the index's rebuild, the listener) "
                       "past its bound"
                     : "calls still running past the drain and its grace period");
    }
  }
}

void StopWatchdog::Force(const std::string& reason) {
  std::string lost = what_is_lost_();
  // Open transactions end with their connections: PostgreSQL rolls each one back whole.
  if (!drained_) lost += "; the calls still running, rolled back";
  log::Error("stop_forced", {{"reason", reason}, {"lost", lost}});
  std::_Exit(1);
}

}  // namespace disposal::server
