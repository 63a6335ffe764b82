// Files a command is writing that an interrupt (Ctrl-C, SIGTERM) must not leave behind.
//
// An audit export writes events.jsonl as the history streams in (names and national ids among
// them); cut short by a signal it would stay, without a manifest, in a folder a rerun then finds
// not empty. While a RemoveOnInterrupt lives, SIGINT and SIGTERM remove its files and then its
// folders (each only while empty), and the process dies of the signal as it would have.

#ifndef DISPOSAL_CLIENT_INTERRUPT_CLEANUP_H_
#define DISPOSAL_CLIENT_INTERRUPT_CLEANUP_H_

#include <string>
#include <vector>

#include "interrupt_signals.h"

namespace disposalctl {

class RemoveOnInterrupt {
 public:
  // `files` are unlinked first, then `folders` removed in the order given (innermost first).
  // At most 8 files and 8 folders of at most 4,095 bytes each; any beyond are left.
  RemoveOnInterrupt(const std::vector<std::string>& files, const std::vector<std::string>& folders);
  ~RemoveOnInterrupt();
  RemoveOnInterrupt(const RemoveOnInterrupt&) = delete;
  RemoveOnInterrupt& operator=(const RemoveOnInterrupt&) = delete;

 private:
  ArmedSignals previous_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_INTERRUPT_CLEANUP_H_
