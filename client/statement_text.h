// Building blocks of the readable (table) output: labelled fields, sections, amounts.

#ifndef DISPOSAL_CLIENT_STATEMENT_TEXT_H_
#define DISPOSAL_CLIENT_STATEMENT_TEXT_H_

#include <cstddef>
#include <ostream>
#include <string>

#include "disposal/v1/common.pb.h"

namespace disposalctl {

// Writes "<label padded to label_width columns>  <value>" and a newline. Control
// characters in `value` become spaces, so a field stays on its line.
void PrintField(const std::string& label, const std::string& value, std::size_t label_width,
                std::ostream& out);

// A blank line, then `title` on its own line.
void PrintSection(const std::string& title, std::ostream& out);

// `title` underlined with '=' to its display width (CJK counts two columns).
void PrintTitle(const std::string& title, std::ostream& out);

// Each line of `text` indented by two spaces; control characters other than newlines
// become spaces, so text from a submitter cannot drive the terminal.
void PrintIndentedText(const std::string& text, std::ostream& out);

// "-" for empty text, else the text.
std::string OrDash(const std::string& text);

// "806,450,600.00 元 (80645.06 万元)".
std::string YuanAndWan(const disposal::v1::Money& money);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_STATEMENT_TEXT_H_
