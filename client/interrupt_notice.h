// What the user needs after interrupting a change: the request id it was sent under, and any
// value the command chose itself that a rerun must repeat.
//
// A change interrupted (Ctrl-C, or SIGTERM) before its answer arrived may or may not have been
// made. Only a retry of the same request under the same id is safe, and when the client chose the
// id (or the received time, or the version) the user has never seen it.

#ifndef DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
#define DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_

#include <string>
#include <utility>

#include "interrupt_signals.h"

namespace disposalctl {

// The notice for an interrupted change sent under `request_id`: that it may or may not have been
// made, and to rerun with `--request-id ID` followed by `rerun_arguments` (as for WithRequestId,
// e.g. "--version 3"; empty when the request id alone makes the rerun the same request).
std::string InterruptNotice(const std::string& request_id, const std::string& rerun_arguments);

// While it lives, SIGINT and SIGTERM print InterruptNotice on stderr; the process then dies of
// the signal as it would have (a shell loop stops). A signal the process ignores stays ignored.
// The dispositions found are restored when it ends. One at a time.
class ChangeInFlight {
 public:
  ChangeInFlight(const std::string& request_id, const std::string& rerun_arguments);
  // For a change a request id cannot make safe to retry: `notice` is the whole text printed,
  // newlines included, as the *InterruptNotice functions make it. Past 4,608 bytes it is
  // cut, and ends with a newline all the same.
  explicit ChangeInFlight(const std::string& notice);
  ~ChangeInFlight();
  ChangeInFlight(const ChangeInFlight&) = delete;
  ChangeInFlight& operator=(const ChangeInFlight&) = delete;

 private:
  ArmedSignals previous_;
};

// The notice for an interrupted `registry import`: it has no request id, but its rows set
// entries rather than add to them, so the same file imported again gives the same registry.
std::string RegistryImportInterruptNotice(const std::string& file);

// The notice for an interrupted `token create`: a retry cannot return a secret, so a token that
// may exist is to be found by `name` and revoked.
std::string TokenCreateInterruptNotice(const std::string& name);

// Makes `call`, a change sent under `request_id`, with the notice armed, and returns its result.
// Pass the same `rerun_arguments` as to WithRequestId, so an interrupt and a failure of unknown
// outcome give the same advice.
template <typename Call>
auto WhileInFlight(const std::string& request_id, const std::string& rerun_arguments, Call&& call) {
  const ChangeInFlight in_flight(request_id, rerun_arguments);
  return std::forward<Call>(call)();
}

// The same, for a change the request id alone identifies.
template <typename Call>
auto WhileInFlight(const std::string& request_id, Call&& call) {
  return WhileInFlight(request_id, std::string(), std::forward<Call>(call));
}

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_INTERRUPT_NOTICE_H_
