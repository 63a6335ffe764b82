// Plain-text tables whose columns line up in a terminal, Chinese text included.
//
// A terminal draws CJK characters two columns wide, so aligning by bytes or by code
// points would push every column after a Chinese name out of line. Widths here follow
// the East Asian Width property (UAX #11) for the characters a claim can contain.

#ifndef DISPOSAL_CLIENT_TABLE_H_
#define DISPOSAL_CLIENT_TABLE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace disposalctl {

// Terminal columns needed to show UTF-8 `text`: 2 for wide and fullwidth characters
// (CJK ideographs, kana, hangul, fullwidth forms such as "（"), 0 for combining marks,
// 1 for everything else. Malformed bytes count 1 each.
std::size_t DisplayWidth(std::string_view text);

// `text` cut to at most `width_max` columns, ending in "…" when something was cut.
// Never splits a character. REQUIRES: width_max >= 1.
std::string TruncateToWidth(std::string_view text, std::size_t width_max);

enum class Align { kLeft, kRight };

class Table {
 public:
  // Adds a column. A non-zero width_max truncates longer cells with "…".
  void AddColumn(std::string header, Align align = Align::kLeft, std::size_t width_max = 0);

  // Adds a row. REQUIRES: one cell per column. Control characters (a newline in a note)
  // become spaces, so every row stays on one line.
  void AddRow(std::vector<std::string> cells);

  // Adds a line of dashes, e.g. above a totals row.
  void AddRule();

  // Writes the header, a rule, and the rows; columns are two spaces apart and no line
  // ends in spaces.
  void Print(std::ostream& out) const;

 private:
  struct Column {
    std::string header;
    Align align;
    std::size_t width_max;
  };

  std::vector<std::size_t> ColumnWidths() const;
  void PrintCells(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                  std::ostream& out) const;
  void PrintRule(const std::vector<std::size_t>& widths, std::ostream& out) const;

  std::vector<Column> columns_;
  // An empty row stands for a rule.
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_TABLE_H_
