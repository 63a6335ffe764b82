// Running the real binaries from tests: one-shot commands with captured output, and
// long-running servers stopped by signal.
#ifndef DISPOSAL_TESTS_SUPPORT_PROCESS_H_
#define DISPOSAL_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace disposal::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal or the timeout
  std::string out;
  std::string err;
};

// Runs argv[0] with its arguments, waits at most `timeout_seconds`, captures both streams.
CommandResult RunCommand(const std::vector<std::string>& argv, int timeout_seconds = 60);

// A child process that runs until stopped; its stderr goes to `log_path`.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path);
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sends `signal_number` and waits (bounded); returns the exit code, or -1 on timeout/signal.
  int Stop(int signal_number, int timeout_seconds = 30);
  bool running() const { return pid_ > 0; }
  // Sends `signal_number` without waiting.
  void Signal(int signal_number);

 private:
  pid_t pid_ = -1;
};

// A TCP port nobody listens on right now (bound and released by the kernel's choice), which no
// other test process has been given while it runs (a lock file per port in /tmp).
int FreeTcpPort();

// Polls `host:port` until a TCP connection succeeds; false after `timeout_seconds`.
bool WaitForPort(int port, int timeout_seconds);

std::string ReadFile(const std::string& path);

// Polls the file at `path` until it contains `text`; false after `timeout_seconds`.
bool WaitForFileText(const std::string& path, const std::string& text, int timeout_seconds);

// The whole HTTP response to `GET path` on 127.0.0.1:port ("" when nothing answers).
std::string HttpGet(int port, const std::string& path);

// The value of the unlabelled sample `name` in a Prometheus text exposition, its whole-number
// part (so "2.001000" reads 2); -1 when absent.
int64_t MetricValue(const std::string& exposition, const std::string& name);

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_PROCESS_H_
