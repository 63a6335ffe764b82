#include "table.h"

#include <cassert>
#include <iterator>
#include <utility>

namespace disposalctl {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::size_t kEllipsisWidth = 1;
constexpr std::string_view kColumnGap = "  ";

// Bytes in the UTF-8 sequence that starts with `lead`; 0 when `lead` cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 0;
}

// Decodes the UTF-8 character at text[*pos] and advances *pos past it. Malformed input
// yields U+FFFD one byte at a time, so no input can stall the loop.
char32_t NextCodePoint(std::string_view text, std::size_t* pos) {
  unsigned char lead = static_cast<unsigned char>(text[*pos]);
  std::size_t length = SequenceLength(lead);
  if (length == 0 || *pos + length > text.size()) {
    *pos += 1;
    return 0xfffd;
  }
  char32_t code_point = length == 1 ? lead : lead & (0x7f >> length);
  for (std::size_t i = 1; i < length; ++i) {
    unsigned char next = static_cast<unsigned char>(text[*pos + i]);
    if ((next & 0xc0) != 0x80) {
      *pos += 1;
      return 0xfffd;
    }
    code_point = (code_point << 6) | (next & 0x3f);
  }
  *pos += length;
  return code_point;
}

bool InRanges(char32_t c, const std::pair<char32_t, char32_t>* ranges, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (c >= ranges[i].first && c <= ranges[i].second) return true;
  }
  return false;
}

std::size_t CodePointWidth(char32_t c) {
  // Combining marks draw over the previous character.
  static constexpr std::pair<char32_t, char32_t> kZeroWidth[] = {
      {0x0300, 0x036f}, {0x200b, 0x200f}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f}};
  // East Asian Wide (W) and Fullwidth (F) blocks.
  static constexpr std::pair<char32_t, char32_t> kWide[] = {
      {0x1100, 0x115f},   {0x2e80, 0x303e},   {0x3041, 0x33ff},  {0x3400, 0x4dbf},
      {0x4e00, 0x9fff},   {0xa000, 0xa4cf},   {0xac00, 0xd7a3},  {0xf900, 0xfaff},
      {0xfe30, 0xfe4f},   {0xff00, 0xff60},   {0xffe0, 0xffe6},  {0x1f300, 0x1f64f},
      {0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd}};
  if (InRanges(c, kZeroWidth, std::size(kZeroWidth))) return 0;
  if (InRanges(c, kWide, std::size(kWide))) return 2;
  return 1;
}

std::string WithoutControlCharacters(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

std::string Pad(const std::string& text, std::size_t width, Align align) {
  std::size_t text_width = DisplayWidth(text);
  std::string padding(width > text_width ? width - text_width : 0, ' ');
  return align == Align::kLeft ? text + padding : padding + text;
}

void PrintTrimmedLine(std::string line, std::ostream& out) {
  std::size_t end = line.find_last_not_of(' ');
  line.resize(end == std::string::npos ? 0 : end + 1);
  out << line << '\n';
}

}  // namespace

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) width += CodePointWidth(NextCodePoint(text, &pos));
  return width;
}

std::string TruncateToWidth(std::string_view text, std::size_t width_max) {
  assert(width_max >= 1);
  if (DisplayWidth(text) <= width_max) return std::string(text);
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    std::size_t char_width = CodePointWidth(NextCodePoint(text, &next));
    if (width + char_width + kEllipsisWidth > width_max) break;
    width += char_width;
    pos = next;
  }
  return std::string(text.substr(0, pos)) + std::string(kEllipsis);
}

void Table::AddColumn(std::string header, Align align, std::size_t width_max) {
  assert(rows_.empty());
  columns_.push_back(Column{std::move(header), align, width_max});
}

void Table::AddRow(std::vector<std::string> cells) {
  assert(cells.size() == columns_.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    cells[i] = WithoutControlCharacters(std::move(cells[i]));
    if (columns_[i].width_max > 0) cells[i] = TruncateToWidth(cells[i], columns_[i].width_max);
  }
  rows_.push_back(std::move(cells));
}

void Table::AddRule() { rows_.emplace_back(); }

std::vector<std::size_t> Table::ColumnWidths() const {
  std::vector<std::size_t> widths;
  for (const Column& column : columns_) widths.push_back(DisplayWidth(column.header));
  for (const std::vector<std::string>& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::size_t width = DisplayWidth(row[i]);
      if (width > widths[i]) widths[i] = width;
    }
  }
  return widths;
}

void Table::PrintCells(const std::vector<std::string>& cells,
                       const std::vector<std::size_t>& widths, std::ostream& out) const {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += kColumnGap;
    line += Pad(cells[i], widths[i], columns_[i].align);
  }
  PrintTrimmedLine(std::move(line), out);
}

void Table::PrintRule(const std::vector<std::size_t>& widths, std::ostream& out) const {
  std::string line;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) line += kColumnGap;
    line += std::string(widths[i], '-');
  }
  PrintTrimmedLine(std::move(line), out);
}

void Table::Print(std::ostream& out) const {
  std::vector<std::size_t> widths = ColumnWidths();
  std::vector<std::string> headers;
  for (const Column& column : columns_) headers.push_back(column.header);
  PrintCells(headers, widths, out);
  PrintRule(widths, out);
  for (const std::vector<std::string>& row : rows_) {
    if (row.empty()) {
      PrintRule(widths, out);
    } else {
      PrintCells(row, widths, out);
    }
  }
}

}  // namespace disposalctl
