// The deadline of the call the current thread is serving, so that the store bounds its waits
// and statements by what the client still waits for: a client that gave up after 2 s must not
// leave the server holding a connection, and the locks its transaction took, for the
// statements' own bound of 10 s. Set by the RPC layer around each admitted call's handler.
#ifndef DISPOSAL_SERVER_DOMAIN_CALL_DEADLINE_H_
#define DISPOSAL_SERVER_DOMAIN_CALL_DEADLINE_H_

#include <chrono>
#include <optional>

namespace disposal::domain {

// gRPC gives a call's deadline on the system clock; time_point::max() when it has none.
using DeadlineClock = std::chrono::system_clock;

// Makes `deadline` the current call's on this thread for the scope's life (max(): none).
class CallDeadlineScope {
 public:
  explicit CallDeadlineScope(DeadlineClock::time_point deadline);
  ~CallDeadlineScope();
  CallDeadlineScope(const CallDeadlineScope&) = delete;
  CallDeadlineScope& operator=(const CallDeadlineScope&) = delete;

 private:
  DeadlineClock::time_point previous_;
};

// Time left before the current call's deadline, rounded down to the millisecond (zero or
// less once it has passed); nullopt outside a call or for a call without a deadline.
std::optional<std::chrono::milliseconds> CallTimeLeft();

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_CALL_DEADLINE_H_
