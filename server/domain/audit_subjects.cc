#include "domain/audit_subjects.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace disposal::domain {

std::string NamedSubjectId(std::string_view name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(name.data(), name.size(), digest, &length, EVP_md5(), nullptr) != 1 ||
      length != 16) {
    throw std::runtime_error("MD5 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(36);
  for (unsigned int i = 0; i < length; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
    id.push_back(kHex[digest[i] >> 4]);
    id.push_back(kHex[digest[i] & 0x0f]);
  }
  return id;
}

std::string RegistrySubjectId() { return NamedSubjectId("registry"); }

std::string RegistryVersionSubjectId(int64_t version) {
  return NamedSubjectId("registry:" + std::to_string(version));
}

std::string CalendarYearSubjectId(int year) {
  return NamedSubjectId("calendar_year:" + std::to_string(year));
}

}  // namespace disposal::domain
