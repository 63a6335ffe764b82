#include "domain/text_rules.h"

#include <cctype>

namespace disposal::domain {

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (unsigned char byte : text) {
    if ((byte & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80           ? 1
                          : (lead >> 5) == 0x6  ? 2
                          : (lead >> 4) == 0xE  ? 3
                          : (lead >> 3) == 0x1E ? 4
                                                : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

Status CheckText(std::string_view text, const std::string& field, size_t min, size_t max) {
  if (!IsValidUtf8(text)) return Error::InvalidArgument(field, "is not valid UTF-8");
  // Valid UTF-8, but PostgreSQL's text cannot hold it (libpq would cut the value there).
  if (text.find('\0') != std::string_view::npos) {
    return Error::InvalidArgument(field, "must not contain the NUL character (U+0000)");
  }
  // Control characters print as nothing, and each one grows sixfold in the audit log's JSON
  // ("\u0001"): a text of them could hide what a change said and make its event too large
  // to read back. Tabs and line breaks are ordinary text.
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    const bool control = byte < 0x20 || byte == 0x7F;
    if (control && byte != '\t' && byte != '\n' && byte != '\r') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const std::string code = std::string("U+00") + kHex[byte >> 4] + kHex[byte & 0xF];
      return Error::InvalidArgument(
          field, "must not contain control characters; character " +
                     std::to_string(CharacterCount(text.substr(0, i)) + 1) + " is " + code);
    }
  }
  const size_t count = CharacterCount(text);
  if (count < min) return Error::InvalidArgument(field, "is required");
  if (count > max) {
    return Error::InvalidArgument(field, "is " + std::to_string(count) +
                                             " characters long; at most " + std::to_string(max) +
                                             " are allowed");
  }
  return OkStatus();
}

std::string AsciiLowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace disposal::domain
