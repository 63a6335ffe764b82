#include "statement_text.h"

#include "amount_text.h"
#include "table.h"

namespace disposalctl {
namespace {

bool IsControl(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// Bytes below 0x20 and DEL never occur inside a UTF-8 multibyte sequence, so replacing
// them byte by byte keeps Chinese text intact.
std::string WithoutControls(std::string text, bool keep_newlines) {
  for (char& c : text) {
    if (IsControl(c) && !(keep_newlines && c == '\n')) c = ' ';
  }
  return text;
}

}  // namespace

void PrintField(const std::string& label, const std::string& value, std::size_t label_width,
                std::ostream& out) {
  std::size_t width = DisplayWidth(label);
  out << label << std::string(label_width > width ? label_width - width : 0, ' ') << "  "
      << WithoutControls(value, false) << '\n';
}

void PrintSection(const std::string& title, std::ostream& out) { out << '\n' << title << '\n'; }

void PrintTitle(const std::string& title, std::ostream& out) {
  std::string line = WithoutControls(title, false);
  out << line << '\n' << std::string(DisplayWidth(line), '=') << '\n';
}

void PrintIndentedText(const std::string& text, std::ostream& out) {
  std::string clean = WithoutControls(text, true);
  // A text file's final newline ends its last line; it starts no new one.
  while (!clean.empty() && clean.back() == '\n') clean.pop_back();
  std::size_t start = 0;
  while (start <= clean.size()) {
    std::size_t end = clean.find('\n', start);
    if (end == std::string::npos) end = clean.size();
    std::string line = clean.substr(start, end - start);
    out << (line.empty() ? "" : "  ") << line << '\n';
    start = end + 1;
  }
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

std::string YuanAndWan(const disposal::v1::Money& money) {
  return FormatYuan(money) + " 元 (" + FormatWanYuan(money) + " 万元)";
}

}  // namespace disposalctl
