#include "document.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <istream>
#include <utility>
#include <vector>

#include "utf8_text.h"

namespace disposalctl {
namespace {

using nlohmann::json;

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Status ReadStream(std::istream& in, const std::string& name, std::string* text) {
  std::string buffer;
  char chunk[64 * 1024];
  while (in.read(chunk, sizeof(chunk)) || in.gcount() > 0) {
    buffer.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (buffer.size() > kInputBytesMax) {
      return Status::InvalidInput(name + ": larger than 16 MiB; is this the right file?");
    }
  }
  if (in.bad()) return Status::InvalidInput(name + ": read failed: " + std::strerror(errno));
  *text = std::move(buffer);
  return Status::Ok();
}

// "line 3, column 2", both counted from 1 as nlohmann counts them: lines end at '\n' and
// columns count bytes.
std::string AtLineColumn(std::size_t line, std::size_t column) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool IsJsonDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The length of the JSON number at the start of `text`, split off as nlohmann's lexer
// does: the longest prefix matching -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, so "01"
// is the number "0" followed by "1". Zero when no number starts there or the grammar
// breaks off inside one ("1.", "-x", "1e+"), where nlohmann fails. Sets *magnitude to the
// power of ten of the leading significant digit (0 for zero), saturating far beyond the
// range of binary floating point.
std::size_t JsonNumberLength(std::string_view text, long long* magnitude) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  std::size_t whole_start = i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else {
    while (i < text.size() && IsJsonDigit(text[i])) ++i;
  }
  std::size_t whole_end = i;
  if (whole_end == whole_start) return 0;
  std::size_t fraction_start = whole_end;
  std::size_t fraction_end = whole_end;
  if (i < text.size() && text[i] == '.') {
    fraction_start = ++i;
    while (i < text.size() && IsJsonDigit(text[i])) ++i;
    fraction_end = i;
    if (fraction_end == fraction_start) return 0;
  }
  constexpr long long kExponentCap = 1000000000;
  long long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    std::size_t exponent_start = i;
    for (; i < text.size() && IsJsonDigit(text[i]); ++i) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (text[i] - '0');
    }
    if (i == exponent_start) return 0;
    if (negative) exponent = -exponent;
  }
  // The leading significant digit stands for 10^(digits after it in the whole part).
  *magnitude = 0;
  long long whole_digits = static_cast<long long>(whole_end - whole_start);
  std::size_t first = text.substr(whole_start, whole_end - whole_start).find_first_not_of('0');
  if (first != std::string_view::npos) {
    *magnitude = whole_digits - 1 - static_cast<long long>(first) + exponent;
  } else {
    first = text.substr(fraction_start, fraction_end - fraction_start).find_first_not_of('0');
    if (first != std::string_view::npos) {
      *magnitude = -1 - static_cast<long long>(first) + exponent;
    }
  }
  return i;
}

// The source text of a JSON document's numbers and the positions of its strings, in
// document order: the order in which nlohmann's SAX parser reports them. nlohmann gives
// neither (integers arrive as values, so "-0" would become "0", and keys arrive without
// a position), so they are found by a scan of their own. The scan only has to agree with
// nlohmann on text nlohmann accepts; wherever they might disagree, nlohmann fails anyway.
struct JsonTokens {
  std::vector<std::string_view> numbers;
  std::vector<std::pair<std::size_t, std::size_t>> string_positions;  // line, column
  // The text for nlohmann: the source with each number beyond the range of binary floating point
  // (which nlohmann refuses as an overflow) replaced by "0" padded with spaces to the same length,
  // so that nlohmann's line and column for any later error stay right.
  std::string parser_text;
};

JsonTokens ScanJsonTokens(std::string_view text) {
  // Doubles end near 1.8e308; below 10^308 nlohmann's conversion cannot overflow.
  constexpr long long kDoubleMagnitudeMax = 307;
  JsonTokens tokens;
  tokens.parser_text = std::string(text);
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
    } else if (c == '"') {
      tokens.string_positions.emplace_back(line, i - line_start + 1);
      // Strings cannot hold a raw newline in JSON, so the line does not change inside one.
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      }
      if (i < text.size() && text[i] == '"') ++i;
    } else if (c == '-' || IsJsonDigit(c)) {
      long long magnitude = 0;
      std::size_t length = JsonNumberLength(text.substr(i), &magnitude);
      if (length == 0) break;  // nlohmann fails here; nothing after it is needed.
      tokens.numbers.push_back(text.substr(i, length));
      if (magnitude > kDoubleMagnitudeMax) {
        tokens.parser_text.replace(i, length, length, ' ');
        tokens.parser_text[i] = '0';
      }
      i += length;
    } else if (IsAsciiLetter(c)) {
      // true, false, null, or a bad literal nlohmann will refuse.
      while (i < text.size() && (IsAsciiLetter(text[i]) || IsJsonDigit(text[i]))) ++i;
    } else {
      ++i;
    }
  }
  return tokens;
}

// Builds the tree for nlohmann's SAX parser, keeping numbers as their source text
// (nlohmann's own DOM would turn 38865.89 into binary floating point).
class TextNumberTreeBuilder {
 public:
  explicit TextNumberTreeBuilder(const JsonTokens& tokens) : tokens_(tokens) {}

  bool null() { return Put(nullptr); }
  bool boolean(bool value) { return Put(value); }
  bool number_integer(json::number_integer_t value) { return PutNumberText(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) {
    return PutNumberText(std::to_string(value));
  }
  bool number_float(json::number_float_t /*lossy*/, const std::string& text) {
    return PutNumberText(text);
  }
  bool string(std::string& value) {
    ++strings_seen_;
    return Put(std::move(value));
  }
  bool binary(json::binary_t& /*value*/) { return false; }
  bool start_object(std::size_t /*size*/) { return Open(json::object()); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t /*size*/) { return Open(json::array()); }
  bool end_array() { return Close(); }
  bool key(std::string& key) {
    std::size_t index = strings_seen_++;
    if (open_.back()->contains(key)) {
      std::string where;
      if (index < tokens_.string_positions.size()) {
        const auto& [line, column] = tokens_.string_positions[index];
        where = AtLineColumn(line, column) + ": ";
      }
      error_ = where + "duplicate key \"" + key + "\"";
      return false;
    }
    key_ = std::move(key);
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& error) {
    error_ = error.what();
    return false;
  }

  json TakeTree() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  // Stores `value` at the current position and returns where it went.
  json* Store(json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json* parent = open_.back();
    if (parent->is_array()) {
      parent->push_back(std::move(value));
      return &parent->back();
    }
    json& slot = (*parent)[key_];
    slot = std::move(value);
    return &slot;
  }
  bool Put(json value) {
    Store(std::move(value));
    return true;
  }
  // Stores the source text of the number nlohmann just read. The scan finds every number
  // nlohmann reads; were it ever to fall short, nlohmann's own text for it is the fallback.
  bool PutNumberText(std::string nlohmann_text) {
    if (numbers_seen_ >= tokens_.numbers.size()) return Put(std::move(nlohmann_text));
    return Put(std::string(tokens_.numbers[numbers_seen_++]));
  }
  // Containers stay valid while open: nothing is added to a parent until its child closes.
  bool Open(json container) {
    open_.push_back(Store(std::move(container)));
    return true;
  }
  bool Close() {
    open_.pop_back();
    return true;
  }

  const JsonTokens& tokens_;
  std::size_t numbers_seen_ = 0;
  std::size_t strings_seen_ = 0;
  json root_;
  std::vector<json*> open_;
  std::string key_;
  std::string error_;
};

// "[json.exception.parse_error.101] parse error at line 3, ..." -> "parse error at line 3, ...".
std::string WithoutExceptionTag(const std::string& message) {
  if (message.empty() || message.front() != '[') return message;
  std::size_t end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

Status ParseJson(std::string_view text, json* tree) {
  JsonTokens tokens = ScanJsonTokens(text);
  TextNumberTreeBuilder builder(tokens);
  const std::string& parser_text = tokens.parser_text;
  bool parsed =
      json::sax_parse(parser_text.begin(), parser_text.end(), &builder, json::input_format_t::json,
                      /*strict=*/true, /*ignore_comments=*/false);
  if (!parsed) return Status::InvalidInput(WithoutExceptionTag(builder.error()));
  *tree = builder.TakeTree();
  return Status::Ok();
}

std::string AtMark(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// What a YAML file may expand to as its tree is built, each value counting one and a text its
// bytes too: at most twice the file's size (escapes such as "\L" grow a little). Aliases repeat
// what they name without its bytes: a few hundred bytes of aliases of aliases, or of one long
// text, would otherwise expand to gigabytes. And at most 64 levels deep: an alias may name a
// list it sits in.
constexpr std::size_t kYamlDepthMax = 64;

struct YamlBudget {
  std::size_t units;
  std::size_t depth = 0;
};

Status YamlToTree(const YAML::Node& node, json* tree, YamlBudget* budget);
Status YamlNodeToTree(const YAML::Node& node, json* tree, YamlBudget* budget);

Status YamlMapToTree(const YAML::Node& node, json* tree, YamlBudget* budget) {
  *tree = json::object();
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      return Status::InvalidInput(AtMark(entry.first.Mark()) + ": a key must be plain text");
    }
    const std::string& key = entry.first.Scalar();
    if (tree->contains(key)) {
      return Status::InvalidInput(AtMark(entry.first.Mark()) + ": duplicate key \"" + key + "\"");
    }
    Status converted = YamlToTree(entry.second, &(*tree)[key], budget);
    if (!converted.ok()) return converted;
  }
  return Status::Ok();
}

Status YamlToTree(const YAML::Node& node, json* tree, YamlBudget* budget) {
  const std::size_t cost = 1 + (node.IsScalar() ? node.Scalar().size() : 0);
  if (cost > budget->units) {
    return Status::InvalidInput(AtMark(node.Mark()) +
                                ": the file expands to more than twice its size: YAML aliases "
                                "repeated past any request's size");
  }
  if (budget->depth == kYamlDepthMax) {
    return Status::InvalidInput(AtMark(node.Mark()) + ": nested more than " +
                                std::to_string(kYamlDepthMax) + " levels deep");
  }
  budget->units -= cost;
  ++budget->depth;
  Status converted = YamlNodeToTree(node, tree, budget);
  --budget->depth;
  return converted;
}

Status YamlNodeToTree(const YAML::Node& node, json* tree, YamlBudget* budget) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      *tree = nullptr;
      return Status::Ok();
    case YAML::NodeType::Scalar:
      *tree = node.Scalar();
      return Status::Ok();
    case YAML::NodeType::Sequence:
      *tree = json::array();
      for (const YAML::Node& element : node) {
        Status converted = YamlToTree(element, &tree->emplace_back(), budget);
        if (!converted.ok()) return converted;
      }
      return Status::Ok();
    case YAML::NodeType::Map:
      return YamlMapToTree(node, tree, budget);
  }
  return Status::InvalidInput(AtMark(node.Mark()) + ": unsupported YAML node");
}

Status ParseYaml(std::string_view text, json* tree) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    return Status::InvalidInput(AtMark(error.mark) + ": " + error.msg);
  }
  // A file is one request: a second document (after "---" or "...") would otherwise be
  // dropped without a word.
  for (std::size_t i = 1; i < documents.size(); ++i) {
    if (documents[i].IsNull()) continue;  // "---" or "..." at the end, nothing after it
    return Status::InvalidInput(AtMark(documents[i].Mark()) +
                                ": a second YAML document; a file holds one request");
  }
  YamlBudget budget{2 * text.size() + 64};
  return YamlToTree(documents.empty() ? YAML::Node() : documents.front(), tree, &budget);
}

}  // namespace

Status ReadInputFile(const std::string& path, std::string* text) {
  if (path == "-") return ReadStream(std::cin, "stdin", text);
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::InvalidInput(path + ": cannot open: " + std::strerror(errno));
  return ReadStream(file, path, text);
}

DocumentFormat DetectFormat(const std::string& path, std::string_view text) {
  if (EndsWith(path, ".json")) return DocumentFormat::kJson;
  if (EndsWith(path, ".yaml") || EndsWith(path, ".yml")) return DocumentFormat::kYaml;
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  std::size_t first = text.find_first_not_of(" \t\r\n");
  bool json_like = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
  return json_like ? DocumentFormat::kJson : DocumentFormat::kYaml;
}

Status ParseDocument(std::string_view text, DocumentFormat format, json* tree) {
  Status utf8 = CheckUtf8Text(text);
  if (!utf8.ok()) return utf8;
  return format == DocumentFormat::kJson ? ParseJson(text, tree) : ParseYaml(text, tree);
}

}  // namespace disposalctl
