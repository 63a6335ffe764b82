#include "interrupt_cleanup.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "interrupt_signals.h"

namespace disposalctl {
namespace {

constexpr int kPathsMax = 8;
constexpr size_t kPathBytesMax = 4096;

// Filled before the handler is installed and read only by it: a handler may call nothing but
// async-signal-safe functions (unlink, rmdir, sigaction, raise), so the paths are ready-made.
char files[kPathsMax][kPathBytesMax];
char folders[kPathsMax][kPathBytesMax];
volatile std::sig_atomic_t file_count = 0;
volatile std::sig_atomic_t folder_count = 0;

extern "C" void RemoveAndDie(int signal_number) {
  for (int i = 0; i < file_count; ++i) unlink(files[i]);
  for (int i = 0; i < folder_count; ++i) rmdir(folders[i]);  // fails, harmlessly, unless empty
  DieOfSignal(signal_number);
}

int Fill(const std::vector<std::string>& paths, char (*into)[kPathBytesMax]) {
  int count = 0;
  for (const std::string& path : paths) {
    if (count == kPathsMax || path.size() >= kPathBytesMax) continue;
    std::memcpy(into[count], path.c_str(), path.size() + 1);
    ++count;
  }
  return count;
}

}  // namespace

RemoveOnInterrupt::RemoveOnInterrupt(const std::vector<std::string>& file_paths,
                                     const std::vector<std::string>& folder_paths) {
  file_count = 0;
  folder_count = 0;
  const int files_filled = Fill(file_paths, files);
  const int folders_filled = Fill(folder_paths, folders);
  // The paths must be in place before a handler can see their counts.
  std::atomic_signal_fence(std::memory_order_seq_cst);
  file_count = files_filled;
  folder_count = folders_filled;
  ArmInterruptSignals(RemoveAndDie, &previous_);
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  RestoreInterruptSignals(previous_);
  file_count = 0;
  folder_count = 0;
}

}  // namespace disposalctl
