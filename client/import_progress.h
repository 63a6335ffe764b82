// Progress of a long upload (`registry import`) on stderr: a redrawn bar on a terminal, one
// final line otherwise, so that logs of scripted imports are not filled with redraws. LiveLine,
// the redrawing, also shows the progress of a download (`audit export`).

#ifndef DISPOSAL_CLIENT_IMPORT_PROGRESS_H_
#define DISPOSAL_CLIENT_IMPORT_PROGRESS_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace disposalctl {

// "812 B", "256.0 KiB", "3.4 MiB", "1.2 GiB": binary units, one decimal, cut (not rounded)
// so that a transfer never shows more than it has sent.
std::string FormatByteCount(std::int64_t bytes);

// "[############------------]  1.5 MiB / 3.0 MiB  50%" with a bar of `bar_width` cells.
// A negative `total` means unknown (stdin): "1.5 MiB sent". A zero total counts as done.
std::string ProgressLine(std::int64_t sent, std::int64_t total, std::size_t bar_width);

// A line on a terminal that each Draw redraws in place.
class LiveLine {
 public:
  explicit LiveLine(std::ostream& out) : out_(out) {}

  // Replaces what is on the line with `line` (no line break).
  void Draw(const std::string& line);

 private:
  std::ostream& out_;
  std::size_t drawn_width_ = 0;
};

class UploadProgress {
 public:
  static constexpr std::size_t kBarWidth = 30;

  // `live`: redraw in place (stderr is a terminal). `total` < 0 when unknown.
  UploadProgress(std::ostream& out, bool live, std::int64_t total)
      : out_(out), live_(live), total_(total), line_(out) {}

  // After each chunk: redraws the line when live, else prints nothing.
  void Update(std::int64_t sent);

  // Once, at the end (also after a failure): the final line and a line break.
  void Finish(std::int64_t sent);

 private:
  void Draw(std::int64_t sent);

  std::ostream& out_;
  bool live_;
  std::int64_t total_;
  LiveLine line_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_IMPORT_PROGRESS_H_
