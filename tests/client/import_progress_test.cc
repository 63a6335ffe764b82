#include "client/import_progress.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>

namespace disposalctl {
namespace {

TEST(FormatByteCountTest, UsesBinaryUnitsWithOneDecimalCut) {
  EXPECT_EQ(FormatByteCount(0), "0 B");
  EXPECT_EQ(FormatByteCount(1023), "1023 B");
  EXPECT_EQ(FormatByteCount(1024), "1.0 KiB");
  EXPECT_EQ(FormatByteCount(256 * 1024), "256.0 KiB");
  EXPECT_EQ(FormatByteCount(1536 * 1024), "1.5 MiB");
  // 1.99 MiB is cut to 1.9, never rounded up to more than was sent.
  EXPECT_EQ(FormatByteCount(2 * 1024 * 1024 - 10 * 1024), "1.9 MiB");
  EXPECT_EQ(FormatByteCount(std::int64_t{5} * 1024 * 1024 * 1024), "5.0 GiB");
  EXPECT_EQ(FormatByteCount(INT64_MAX), "8388607.9 TiB");
}

TEST(ProgressLineTest, ShowsBarBytesAndPercent) {
  EXPECT_EQ(ProgressLine(0, 2048, 10), "[----------]  0 B / 2.0 KiB  0%");
  EXPECT_EQ(ProgressLine(1024, 2048, 10), "[#####-----]  1.0 KiB / 2.0 KiB  50%");
  EXPECT_EQ(ProgressLine(2047, 2048, 10), "[#########-]  1.9 KiB / 2.0 KiB  99%");
  EXPECT_EQ(ProgressLine(2048, 2048, 10), "[##########]  2.0 KiB / 2.0 KiB  100%");
}

TEST(ProgressLineTest, HandlesUnknownEmptyAndHugeTotals) {
  EXPECT_EQ(ProgressLine(1536 * 1024, -1, 10), "1.5 MiB sent");
  EXPECT_EQ(ProgressLine(0, 0, 4), "[####]  0 B / 0 B  100%");
  EXPECT_EQ(ProgressLine(INT64_MAX / 2, INT64_MAX, 4),
            "[##--]  4194303.9 TiB / 8388607.9 TiB  50%");
  // A file that grew while it was read never shows more than 100%.
  EXPECT_EQ(ProgressLine(3000, 2048, 4), "[####]  2.9 KiB / 2.0 KiB  100%");
}

TEST(UploadProgressTest, OffATerminalPrintsOnlyTheFinalLine) {
  std::ostringstream out;
  UploadProgress progress(out, false, 2048);
  progress.Update(1024);
  progress.Update(2048);
  EXPECT_EQ(out.str(), "");
  progress.Finish(2048);
  EXPECT_EQ(out.str(), ProgressLine(2048, 2048, UploadProgress::kBarWidth) + "\n");
}

TEST(UploadProgressTest, OnATerminalRedrawsInPlace) {
  std::ostringstream out;
  UploadProgress progress(out, true, -1);
  progress.Update(2 * 1024 * 1024);
  progress.Update(1023);  // a shorter line: the rest of the longer one is blanked
  progress.Finish(1024);
  EXPECT_EQ(out.str(), "\r2.0 MiB sent\r1023 B sent \r1.0 KiB sent\n");
}

}  // namespace
}  // namespace disposalctl
