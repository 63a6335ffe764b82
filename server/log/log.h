// Structured logs: one JSON object per line on stderr, so that a log shipper needs no parsing
// rules. Header-only and dependency-free so every layer may log without linking anything.
#ifndef DISPOSAL_SERVER_LOG_LOG_H_
#define DISPOSAL_SERVER_LOG_LOG_H_

#include <chrono>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace disposal::log {

enum class Level { kInfo, kWarning, kError };

inline void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

inline std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Writes {"time":..., "level":..., "event":..., key: value...} as one line.
inline void Write(Level level, std::string_view event, Fields fields = {}) {
  static std::mutex mutex;
  std::string line = "{\"time\":\"" + UtcNow() + "\",\"level\":";
  line += level == Level::kInfo      ? "\"info\""
          : level == Level::kWarning ? "\"warning\""
                                     : "\"error\"";
  line += ",\"event\":";
  AppendJsonString(line, event);
  for (const auto& [key, value] : fields) {
    line += ',';
    AppendJsonString(line, key);
    line += ':';
    AppendJsonString(line, value);
  }
  line += "}\n";
  std::lock_guard<std::mutex> lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

inline void Info(std::string_view event, Fields fields = {}) { Write(Level::kInfo, event, fields); }
inline void Warning(std::string_view event, Fields fields = {}) {
  Write(Level::kWarning, event, fields);
}
inline void Error(std::string_view event, Fields fields = {}) {
  Write(Level::kError, event, fields);
}

}  // namespace disposal::log

#endif  // DISPOSAL_SERVER_LOG_LOG_H_
