#include "interrupt_notice.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstring>

namespace disposalctl {
namespace {

// Written before the handler is installed and read only by it; a handler may call nothing but
// async-signal-safe functions, so the text is ready-made. Room for the wording and a request id
// with its rerun arguments (a received time or a version), or a file's path (PATH_MAX, 4096).
char notice[4608];
volatile std::sig_atomic_t notice_size = 0;

extern "C" void ReportInterruptedChange(int signal_number) {
  if (notice_size > 0) {
    const ssize_t written = write(STDERR_FILENO, notice, static_cast<size_t>(notice_size));
    static_cast<void>(written);  // nothing more can be done about a closed terminal
  }
  // Die of the signal, as without the notice: a shell running a loop of changes stops there.
  DieOfSignal(signal_number);
}

}  // namespace

std::string InterruptNotice(const std::string& request_id, const std::string& rerun_arguments) {
  std::string text =
      "\ndisposalctl: interrupted; the change may or may not have been made. To retry it "
      "safely, rerun with --request-id " +
      request_id;
  if (!rerun_arguments.empty()) text += " " + rerun_arguments;
  return text + "\n";
}

std::string RegistryImportInterruptNotice(const std::string& file) {
  return "\ndisposalctl: interrupted; nothing of the import was applied unless the whole file "
         "had been sent. Importing " +
         (file == "stdin" ? std::string("the same rows") : file) +
         " again is safe either way: its rows set entries, so a second import leaves the same "
         "registry (unless it was changed since)\n";
}

std::string TokenCreateInterruptNotice(const std::string& name) {
  return "\ndisposalctl: interrupted; the token may have been created all the same, its secret "
         "never shown: look for \"" +
         name + "\" in `disposalctl token list` and revoke it\n";
}

ChangeInFlight::ChangeInFlight(const std::string& request_id, const std::string& rerun_arguments)
    : ChangeInFlight(InterruptNotice(request_id, rerun_arguments)) {}

ChangeInFlight::ChangeInFlight(const std::string& text) {
  notice_size = 0;
  const size_t size = std::min(text.size(), sizeof notice);
  std::memcpy(notice, text.data(), size);
  if (size < text.size()) notice[size - 1] = '\n';  // cut, the line still ends
  // The text must be in place before a handler can see its size.
  std::atomic_signal_fence(std::memory_order_seq_cst);
  notice_size = static_cast<std::sig_atomic_t>(size);
  ArmInterruptSignals(ReportInterruptedChange, &previous_);
}

ChangeInFlight::~ChangeInFlight() {
  RestoreInterruptSignals(previous_);
  notice_size = 0;
}

}  // namespace disposalctl
