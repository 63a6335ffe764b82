// Input documents (JSON or YAML) read into one tree shape, typed later against a proto.
//
// The tree keeps every number as the exact text it was written as: an amount such as
// 38865.89 must never pass through binary floating point on its way to disposal.v1.Money. Typing
// (is this a number, a bool, an enum, an amount?) happens in friendly_json.h, where the
// proto descriptor says what each field is.

#ifndef DISPOSAL_CLIENT_DOCUMENT_H_
#define DISPOSAL_CLIENT_DOCUMENT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "status.h"

namespace disposalctl {

enum class DocumentFormat { kJson, kYaml };

// Input files larger than this are refused: a claim is a few kilobytes, and the bound
// keeps a mistaken path (a disk image, /dev/zero) from exhausting memory.
inline constexpr std::size_t kInputBytesMax = 16 * 1024 * 1024;

// Reads all of `path`, or of stdin when path is "-". Fails, naming the path, when it
// cannot be read or exceeds kInputBytesMax.
Status ReadInputFile(const std::string& path, std::string* text);

// JSON for ".json", YAML for ".yaml" and ".yml"; otherwise (stdin included) JSON when
// the first non-blank character is '{' or '[', else YAML.
DocumentFormat DetectFormat(const std::string& path, std::string_view text);

// Parses `text` into objects, arrays, strings, booleans (JSON only) and nulls. JSON
// numbers and all YAML scalars become strings holding their source text. Duplicate keys
// are refused rather than silently keeping one. Failures carry line and column.
Status ParseDocument(std::string_view text, DocumentFormat format, nlohmann::json* tree);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DOCUMENT_H_
