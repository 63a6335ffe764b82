#include "interrupt_notice.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace disposalctl {
namespace {

// Written before the handler is installed and read only by it; a handler may call nothing
// but async-signal-safe functions, so the text is ready-made.
char notice[320];
volatile std::sig_atomic_t notice_size = 0;

extern "C" void ReportInterruptedChange(int signal_number) {
  if (notice_size > 0) {
    const ssize_t written = write(STDERR_FILENO, notice, static_cast<size_t>(notice_size));
    static_cast<void>(written);  // nothing more can be done about a closed terminal
  }
  _exit(128 + signal_number);
}

}  // namespace

void ArmInterruptNotice(const std::string& request_id) {
  const std::string text =
      "\ndisposalctl: interrupted; the change may or may not have been made. To retry it "
      "safely, rerun with --request-id " +
      request_id + "\n";
  notice_size = 0;
  const size_t size = std::min(text.size(), sizeof notice);
  std::memcpy(notice, text.data(), size);
  notice_size = static_cast<std::sig_atomic_t>(size);
  struct sigaction action {};
  action.sa_handler = ReportInterruptedChange;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace disposalctl
