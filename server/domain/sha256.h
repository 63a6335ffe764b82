#pragma once

#include <string>
#include <string_view>

namespace disposal::domain {

// SHA-256 of `bytes`, as 32 raw bytes. The digest implementation is looked up once per process:
// OpenSSL 3's one-shot SHA256() looks it up on every call, under locks that every server thread
// shares, and the access check hashes each call's token.
std::string Sha256(std::string_view bytes);

}  // namespace disposal::domain
