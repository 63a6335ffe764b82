#include "bench/cpu_time.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace disposal::bench {

int64_t CpuTicksFromStat(const std::string& stat) {
  const size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return -1;
  std::istringstream fields(stat.substr(name_end + 1));
  // After the name: field 3 (state) onwards; utime and stime are fields 14 and 15.
  std::vector<std::string> values;
  std::string value;
  while (values.size() < 13 && fields >> value) values.push_back(value);
  if (values.size() < 13) return -1;
  try {
    return std::stoll(values[11]) + std::stoll(values[12]);
  } catch (const std::exception&) {
    return -1;
  }
}

int64_t ProcessCpuMicros(int pid) {
  const std::string path = pid == 0 ? "/proc/self/stat" : "/proc/" + std::to_string(pid) + "/stat";
  std::ifstream file(path);
  std::string stat;
  if (!file || !std::getline(file, stat)) return -1;
  const int64_t ticks = CpuTicksFromStat(stat);
  const long ticks_per_second = sysconf(_SC_CLK_TCK);
  if (ticks < 0 || ticks_per_second <= 0) return -1;
  return ticks * 1'000'000 / ticks_per_second;
}

void CpuMeter::Start() {
  server_start_ = server_pid_ > 0 ? ProcessCpuMicros(server_pid_) : -1;
  generator_start_ = ProcessCpuMicros(0);
}

void CpuMeter::StopInto(CpuUse* use) const {
  const int64_t server_now = server_pid_ > 0 ? ProcessCpuMicros(server_pid_) : -1;
  const int64_t generator_now = ProcessCpuMicros(0);
  if (server_start_ < 0 || server_now < 0 || generator_start_ < 0 || generator_now < 0) return;
  use->server_micros += server_now - server_start_;
  use->generator_micros += generator_now - generator_start_;
  use->measured = true;
}

}  // namespace disposal::bench
