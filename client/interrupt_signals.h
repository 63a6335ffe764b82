// The plumbing the interrupt handlers share (interrupt_notice, interrupt_cleanup): arming a
// handler for SIGINT and SIGTERM while keeping what was there, and dying of the signal after it.

#ifndef DISPOSAL_CLIENT_INTERRUPT_SIGNALS_H_
#define DISPOSAL_CLIENT_INTERRUPT_SIGNALS_H_

#include <signal.h>

namespace disposalctl {

// What SIGINT and SIGTERM did before they were armed.
struct ArmedSignals {
  struct sigaction interrupt {};
  struct sigaction terminate {};
};

// Installs `handler` for SIGINT and SIGTERM, each unless the process ignores it (an ignored
// signal stays ignored), keeping their dispositions in `previous`.
inline void ArmInterruptSignals(void (*handler)(int), ArmedSignals* previous) {
  const auto arm = [handler](int signal_number, struct sigaction* kept) {
    sigaction(signal_number, nullptr, kept);
    if (kept->sa_handler == SIG_IGN) return;
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, nullptr);
  };
  arm(SIGINT, &previous->interrupt);
  arm(SIGTERM, &previous->terminate);
}

// Puts back what ArmInterruptSignals found.
inline void RestoreInterruptSignals(const ArmedSignals& previous) {
  sigaction(SIGINT, &previous.interrupt, nullptr);
  sigaction(SIGTERM, &previous.terminate, nullptr);
}

// From a handler: dies of `signal_number` as without the handler (a shell running a loop of
// commands stops there). Async-signal-safe.
inline void DieOfSignal(int signal_number) {
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal_number, &fallback, nullptr);
  raise(signal_number);  // delivered once the handler returns
}

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_INTERRUPT_SIGNALS_H_
