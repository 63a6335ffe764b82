// What the user needs after interrupting a change: the request id it was sent under.
//
// A change interrupted (Ctrl-C, or SIGTERM) before its answer arrived may or may not have been
// made. Only a retry under the same request id is safe, and when the client chose the id the
// user has never seen it.

#ifndef DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
#define DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_

#include <signal.h>

#include <string>
#include <utility>

namespace disposalctl {

// While it lives, SIGINT and SIGTERM print on stderr that the change may or may not have been
// made and how to retry it safely (`--request-id ID`); the process then dies of the signal as it
// would have (a shell loop stops). A signal the process ignores stays ignored. The dispositions
// found are restored when it ends. One at a time.
class ChangeInFlight {
 public:
  explicit ChangeInFlight(const std::string& request_id);
  ~ChangeInFlight();
  ChangeInFlight(const ChangeInFlight&) = delete;
  ChangeInFlight& operator=(const ChangeInFlight&) = delete;

 private:
  struct sigaction previous_interrupt_ {};
  struct sigaction previous_terminate_ {};
};

// Makes `call`, a change sent under `request_id`, with the notice armed, and returns its result.
template <typename Call>
auto WhileInFlight(const std::string& request_id, Call&& call) {
  const ChangeInFlight in_flight(request_id);
  return std::forward<Call>(call)();
}

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
