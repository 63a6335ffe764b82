// Bounds how long the server takes to stop. gRPC's Shutdown cancels the calls still running
// when the drain ends, then waits without limit for their handlers to return; a handler waiting
// on the database notices only when its statement ends (up to --statement-timeout-seconds, for
// a call with no deadline). The watchdog ends the process once the drain has overrun by a
// grace period, or what follows the drain (the receipts, the threads' stops) its own bound,
// and at once when the operator sends a second stop signal.
#ifndef DISPOSAL_SERVER_STOP_WATCHDOG_H_
#define DISPOSAL_SERVER_STOP_WATCHDOG_H_

#include <signal.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace disposal::server {

class StopWatchdog {
 public:
  // Started once the first stop signal has been taken. `signals` must be blocked in every
  // thread. `what_is_lost` names what a forced stop leaves undone, for its log line.
  StopWatchdog(const sigset_t& signals, std::chrono::seconds drain_bound,
               std::function<std::string()> what_is_lost);
  ~StopWatchdog();
  StopWatchdog(const StopWatchdog&) = delete;
  StopWatchdog& operator=(const StopWatchdog&) = delete;

  // The calls have all returned: what follows gets `rest_bound` from now.
  void DrainFinished(std::chrono::seconds rest_bound);

 private:
  void Run();
  [[noreturn]] void Force(const std::string& reason);

  const sigset_t signals_;
  const std::function<std::string()> what_is_lost_;
  // steady_clock ticks; moved on once by DrainFinished, read by the watchdog's thread.
  std::atomic<std::chrono::steady_clock::rep> give_up_;
  std::atomic<bool> drained_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace disposal::server

#endif  // DISPOSAL_SERVER_STOP_WATCHDOG_H_
