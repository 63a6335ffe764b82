#include "document.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <istream>
#include <utility>
#include <vector>

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

// Builds the tree for nlohmann's SAX parser, keeping numbers as their source text
// (nlohmann's own DOM would turn 38865.89 into a double).
class TextNumberTreeBuilder {
 public:
  bool null() { return Put(nullptr); }
  bool boolean(bool value) { return Put(value); }
  bool number_integer(json::number_integer_t value) { return Put(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return Put(std::to_string(value)); }
  bool number_float(json::number_float_t /*lossy*/, const std::string& text) { return Put(text); }
  bool string(std::string& value) { return Put(std::move(value)); }
  bool binary(json::binary_t& /*value*/) { return false; }
  bool start_object(std::size_t /*size*/) { return Open(json::object()); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t /*size*/) { return Open(json::array()); }
  bool end_array() { return Close(); }
  bool key(std::string& key) {
    if (open_.back()->contains(key)) {
      error_ = "duplicate key \"" + key + "\"";
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
  // Containers stay valid while open: nothing is added to a parent until its child closes.
  bool Open(json container) {
    open_.push_back(Store(std::move(container)));
    return true;
  }
  bool Close() {
    open_.pop_back();
    return true;
  }

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
  TextNumberTreeBuilder builder;
  bool parsed = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json,
                                /*strict=*/true, /*ignore_comments=*/false);
  if (!parsed) return Status::InvalidInput(WithoutExceptionTag(builder.error()));
  *tree = builder.TakeTree();
  return Status::Ok();
}

std::string AtMark(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

Status YamlToTree(const YAML::Node& node, json* tree);

Status YamlMapToTree(const YAML::Node& node, json* tree) {
  *tree = json::object();
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      return Status::InvalidInput(AtMark(entry.first.Mark()) + ": a key must be plain text");
    }
    const std::string& key = entry.first.Scalar();
    if (tree->contains(key)) {
      return Status::InvalidInput(AtMark(entry.first.Mark()) + ": duplicate key \"" + key + "\"");
    }
    Status converted = YamlToTree(entry.second, &(*tree)[key]);
    if (!converted.ok()) return converted;
  }
  return Status::Ok();
}

Status YamlToTree(const YAML::Node& node, json* tree) {
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
        Status converted = YamlToTree(element, &tree->emplace_back());
        if (!converted.ok()) return converted;
      }
      return Status::Ok();
    case YAML::NodeType::Map:
      return YamlMapToTree(node, tree);
  }
  return Status::InvalidInput(AtMark(node.Mark()) + ": unsupported YAML node");
}

Status ParseYaml(std::string_view text, json* tree) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    return Status::InvalidInput(AtMark(error.mark) + ": " + error.msg);
  }
  return YamlToTree(root, tree);
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
  return format == DocumentFormat::kJson ? ParseJson(text, tree) : ParseYaml(text, tree);
}

}  // namespace disposalctl
