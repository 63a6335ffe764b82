#include "api/page_token.h"

#include "domain/audit_chain.h"
#include "domain/sha256.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

constexpr char kVersion[] = "c1";
constexpr char kNumberVersion[] = "n1";

std::string FilterDigest(const std::string& filter_key) {
  return domain::HexOf(domain::Sha256(filter_key).substr(0, 6));
}

Error Malformed() {
  return Error::InvalidArgument("page_token",
                                "is not a token this service issued for this query; start again "
                                "from the first page");
}

}  // namespace

std::string EncodePageToken(const domain::ClaimCursor& cursor, const std::string& filter_key) {
  return std::string(kVersion) + "." + std::to_string(cursor.create_time_micros) + "." + cursor.id +
         "." + FilterDigest(filter_key);
}

Result<std::optional<domain::ClaimCursor>> DecodePageToken(const std::string& token,
                                                           const std::string& filter_key) {
  if (token.empty()) return std::optional<domain::ClaimCursor>();
  if (token.size() > 100) return Malformed();
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  const size_t third = token.find('.', second + 1);
  if (first == std::string::npos || second == std::string::npos || third == std::string::npos) {
    return Malformed();
  }
  if (token.substr(0, first) != kVersion) return Malformed();
  if (token.substr(third + 1) != FilterDigest(filter_key)) return Malformed();
  const std::string micros = token.substr(first + 1, second - first - 1);
  if (micros.empty() || micros.size() > 18 ||
      micros.find_first_not_of("0123456789") != std::string::npos) {
    return Malformed();
  }
  domain::ClaimCursor cursor;
  cursor.create_time_micros = std::stoll(micros);
  cursor.id = token.substr(second + 1, third - second - 1);
  if (!domain::IsUuid(cursor.id) ||
      cursor.id.find_first_not_of("0123456789abcdef-") != std::string::npos) {
    return Malformed();
  }
  return std::optional<domain::ClaimCursor>(cursor);
}

std::string EncodeNumberPageToken(int64_t after, const std::string& filter_key) {
  return std::string(kNumberVersion) + "." + std::to_string(after) + "." + FilterDigest(filter_key);
}

Result<int64_t> DecodeNumberPageToken(const std::string& token, const std::string& filter_key) {
  if (token.empty()) return int64_t{0};
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  if (token.size() > 100 || first == std::string::npos || second == std::string::npos) {
    return Malformed();
  }
  if (token.substr(0, first) != kNumberVersion) return Malformed();
  if (token.substr(second + 1) != FilterDigest(filter_key)) return Malformed();
  // At most 18 digits: every such number fits in int64, so stoll cannot throw.
  const std::string id = token.substr(first + 1, second - first - 1);
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return Malformed();
  }
  return static_cast<int64_t>(std::stoll(id));
}

}  // namespace disposal::api
