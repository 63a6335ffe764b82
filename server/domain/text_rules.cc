#include "domain/text_rules.h"

#include <cctype>
#include <optional>
#include <utility>

namespace disposal::domain {

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (unsigned char byte : text) {
    if ((byte & 0xC0) != 0x80) ++count;
  }
  return count;
}

// Strict, as PostgreSQL reads it: no overlong forms, no encoded surrogates (CESU-8), nothing
// past U+10FFFF. A looser check would let the database refuse a whole import without a line.
bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned code = 0, smallest = 0;
    if ((lead >> 5) == 0x6) {
      length = 2, code = lead & 0x1Fu, smallest = 0x80;
    } else if ((lead >> 4) == 0xE) {
      length = 3, code = lead & 0x0Fu, smallest = 0x800;
    } else if ((lead >> 3) == 0x1E) {
      length = 4, code = lead & 0x07u, smallest = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

namespace {

std::string CodePointText(unsigned code) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) text += kHex[(code >> shift) & 0xF];
  return text;
}

// The first C0 control other than tab and line breaks, DEL, C1 control (U+0080-U+009F) or
// bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) in valid UTF-8
// `text`: its byte offset and "U+XXXX".
std::optional<std::pair<size_t, std::string>> FindHiddenCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned char lead = byte(0);
    if ((lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') || lead == 0x7F) {
      return std::make_pair(i, CodePointText(lead));
    }
    if (lead == 0xC2 && i + 1 < text.size() && byte(1) >= 0x80 && byte(1) <= 0x9F) {
      return std::make_pair(i, CodePointText(byte(1)));
    }
    if (lead == 0xE2 && i + 2 < text.size()) {
      const unsigned code = 0x2000 + ((byte(1) & 0x3Fu) << 6) + (byte(2) & 0x3Fu);
      if ((code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069)) {
        return std::make_pair(i, CodePointText(code));
      }
    }
  }
  return std::nullopt;
}

// The length of the space (or invisible separator) at the start of `text`, 0 when none: ASCII
// whitespace, U+0085, U+00A0, U+1680, U+180E, U+2000..U+200D, U+2028, U+2029, U+202F, U+205F,
// U+2060, U+3000, U+FEFF.
size_t SpaceLength(std::string_view text) {
  const auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
  if (text.empty()) return 0;
  if (std::isspace(byte(0))) return 1;
  if (text.size() >= 2 && byte(0) == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0)) return 2;
  if (text.size() < 3) return 0;
  const unsigned code = (byte(0) << 16) | (byte(1) << 8) | byte(2);
  const bool space = code == 0xE19A80 || code == 0xE1A08E ||
                     (code >= 0xE28080 && code <= 0xE2808D) || code == 0xE280A8 ||
                     code == 0xE280A9 || code == 0xE280AF || code == 0xE2819F || code == 0xE281A0 ||
                     code == 0xE38080 || code == 0xEFBBBF;
  return space ? 3 : 0;
}

// Whether `text` holds nothing but spaces and invisible separators (see SpaceLength).
bool OnlySpaces(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t space = SpaceLength(text.substr(i));
    if (space == 0) return false;
    i += space;
  }
  return true;
}

}  // namespace

std::string Quoted(std::string_view text) {
  constexpr size_t kShownMax = 40;
  const std::string length = "(" + std::to_string(text.size()) + " bytes)";
  if (!IsValidUtf8(text) || text.find('\0') != std::string_view::npos ||
      FindHiddenCharacter(text)) {
    return "a value that is not printable text " + length;
  }
  // The byte offset just past the 40th character: a cut inside a character would leave
  // invalid UTF-8.
  size_t end = 0;
  for (size_t shown = 0; end < text.size() && shown < kShownMax; ++shown) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  if (end == text.size()) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, end)) + "…\" " + length;
}

Status CheckText(std::string_view text, const std::string& field, size_t min, size_t max) {
  if (!IsValidUtf8(text)) return Error::InvalidArgument(field, "is not valid UTF-8");
  // Valid UTF-8, but PostgreSQL's text cannot hold it (libpq would cut the value there).
  if (text.find('\0') != std::string_view::npos) {
    return Error::InvalidArgument(field, "must not contain the NUL character (U+0000)");
  }
  // Control characters print as nothing, and each C0 one grows sixfold in the audit log's JSON
  // ("\u0001"); bidirectional overrides show text in another order than it is stored. Either
  // could hide what a change said. Tabs and line breaks are ordinary text.
  if (const auto found = FindHiddenCharacter(text)) {
    return Error::InvalidArgument(
        field, "must not contain control characters or bidirectional overrides; character " +
                   std::to_string(CharacterCount(text.substr(0, found->first)) + 1) + " is " +
                   found->second);
  }
  const size_t count = CharacterCount(text);
  if (count < min) return Error::InvalidArgument(field, "is required");
  // A required value that shows nothing (spaces, U+3000, zero-width characters) is not given.
  if (min > 0 && OnlySpaces(text)) {
    return Error::InvalidArgument(field,
                                  "is required: it holds only spaces or invisible "
                                  "separators");
  }
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

Error NotAUuid(std::string field, std::string_view given) {
  return Error::InvalidArgument(std::move(field), "must be a UUID, got " + Quoted(given));
}

std::string NameMatchKey(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    const auto byte = [&](size_t at) { return static_cast<unsigned char>(name[at]); };
    const size_t left = name.size() - i;
    if (const size_t space = SpaceLength(name.substr(i)); space > 0) {
      i += space;
    } else if (left >= 3 && byte(i) == 0xEF && (byte(i + 1) == 0xBC || byte(i + 1) == 0xBD)) {
      // U+FF01..U+FF5E: EF BC 81..EF BC BF, EF BD 80..EF BD 9E.
      const unsigned code = 0xFF00u + ((byte(i + 1) & 0x03u) << 6) + (byte(i + 2) & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        key += static_cast<char>(std::tolower(static_cast<int>(code - 0xFEE0)));
        i += 3;
      } else {
        key.append(name.substr(i, 3));
        i += 3;
      }
    } else {
      key += byte(i) < 0x80 ? static_cast<char>(std::tolower(byte(i))) : name[i];
      ++i;
    }
  }
  return key;
}

}  // namespace disposal::domain
