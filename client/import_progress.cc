#include "import_progress.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace disposalctl {

std::string FormatByteCount(std::int64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  std::int64_t scale = 1024;
  std::size_t unit = 0;
  while (unit + 1 < std::size(kUnits) && bytes / scale >= 1024) {
    scale *= 1024;
    ++unit;
  }
  // Tenths by integer arithmetic, cut: the remainder is below 2^40 even for TiB, so ten times
  // it cannot overflow.
  const std::int64_t whole = bytes / scale;
  const std::int64_t tenths = (bytes % scale) * 10 / scale;
  return std::to_string(whole) + "." + std::to_string(tenths) + " " + kUnits[unit];
}

std::string ProgressLine(std::int64_t sent, std::int64_t total, std::size_t bar_width) {
  if (total < 0) return FormatByteCount(sent) + " sent";
  // Divide first when the product could exceed int64, so that any file a disk can hold works.
  std::int64_t percent = 100;
  if (total > 0) {
    percent = total > INT64_MAX / 100 ? sent / (total / 100) : sent * 100 / total;
  }
  percent = std::clamp<std::int64_t>(percent, 0, 100);
  const std::size_t filled = bar_width * static_cast<std::size_t>(percent) / 100;
  return "[" + std::string(filled, '#') + std::string(bar_width - filled, '-') + "]  " +
         FormatByteCount(sent) + " / " + FormatByteCount(total) + "  " + std::to_string(percent) +
         "%";
}

void UploadProgress::Update(std::int64_t sent) {
  if (live_) Draw(sent);
}

void UploadProgress::Finish(std::int64_t sent) {
  if (live_) {
    Draw(sent);
  } else {
    out_ << ProgressLine(sent, total_, kBarWidth);
  }
  out_ << '\n';
  out_.flush();
}

void UploadProgress::Draw(std::int64_t sent) { line_.Draw(ProgressLine(sent, total_, kBarWidth)); }

void LiveLine::Draw(const std::string& line) {
  // Spaces over what a longer previous line left behind; a terminal that ignores escape
  // sequences still shows a clean line.
  const std::size_t padding = drawn_width_ > line.size() ? drawn_width_ - line.size() : 0;
  out_ << '\r' << line << std::string(padding, ' ');
  drawn_width_ = line.size();
  out_.flush();
}

}  // namespace disposalctl
