// CPU time a process has used (user + system, all its threads), read from /proc, so that the
// benchmark can say what one call cost each process on this machine, not only how many calls
// got through: the load generator, the server and PostgreSQL share the cores.
#ifndef DISPOSAL_CLIENT_BENCH_CPU_TIME_H_
#define DISPOSAL_CLIENT_BENCH_CPU_TIME_H_

#include <cstdint>
#include <string>

namespace disposal::bench {

// Microseconds of CPU the process `pid` has used so far (0: this process); -1 when it cannot
// be read (no such process, or not Linux). Resolution: the kernel's clock tick (10 ms).
int64_t ProcessCpuMicros(int pid);

// The user and system times (clock ticks, fields 14 and 15) from the text of /proc/PID/stat;
// -1 when the text does not parse. The command name (field 2) may hold spaces and
// parentheses, so fields are counted from the last ')'.
int64_t CpuTicksFromStat(const std::string& stat);

// CPU used during a stretch of a benchmark, in microseconds.
struct CpuUse {
  int64_t server_micros = 0;
  int64_t generator_micros = 0;
  bool measured = false;  // false when the server's process could not be read
};

// Samples both processes before and after a stretch of work.
class CpuMeter {
 public:
  explicit CpuMeter(int server_pid) : server_pid_(server_pid) {}
  void Start();
  // Adds what the two processes used since Start() to `use`.
  void StopInto(CpuUse* use) const;

 private:
  int server_pid_;
  int64_t server_start_ = -1;
  int64_t generator_start_ = -1;
};

}  // namespace disposal::bench

#endif  // DISPOSAL_CLIENT_BENCH_CPU_TIME_H_
