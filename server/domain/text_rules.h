// Rules for free text and ids that every use case applies the same way.
#ifndef DISPOSAL_SERVER_DOMAIN_TEXT_RULES_H_
#define DISPOSAL_SERVER_DOMAIN_TEXT_RULES_H_

#include <string>
#include <string_view>

#include "domain/result.h"

namespace disposal::domain {

// Counts UTF-8 code points, so that limits mean characters (a Chinese name is 3 bytes a char).
size_t CharacterCount(std::string_view text);

bool IsValidUtf8(std::string_view text);

// INVALID_ARGUMENT naming `field` unless `text` is valid UTF-8 of min..max characters.
Status CheckText(std::string_view text, const std::string& field, size_t min, size_t max);

// A caller's input as an error message repeats it: in double quotes when it is printable UTF-8
// of at most 40 characters, else its first 40 characters and its length ("\"abc…\" (5000
// bytes)"), or only its length when it is not printable text. A message stays a short
// sentence whatever was sent (a 4 MiB field would otherwise come back as a 4 MiB status).
std::string Quoted(std::string_view text);

// True for the canonical 8-4-4-4-12 hexadecimal form (either case).
bool IsUuid(std::string_view text);

// INVALID_ARGUMENT for `field`, quoting what was given: "must be a UUID, got \"abc\"".
Error NotAUuid(std::string field, std::string_view given);

// `text` with ASCII letters in lower case: how ids are stored and compared (a UUID may be sent
// in capitals).
std::string AsciiLowercase(std::string_view text);

// A person's name as names are compared for a match: spaces of any kind left out (ASCII
// whitespace, the Unicode spaces, the ideographic U+3000, zero-width ones), full-width ASCII
// forms (U+FF01..U+FF5E) read as
// ASCII, ASCII letters lowercased. "张三 ", "张　三" and "张三" are one name; "Li Na", "LI NA"
// and "ＬｉＮａ" are another.
std::string NameMatchKey(std::string_view name);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_TEXT_RULES_H_
