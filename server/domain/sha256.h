#pragma once

#include <string>
#include <string_view>

namespace disposal::domain {

// SHA-256 of `bytes`, as 32 raw bytes. The digest implementation is looked up once per process:
// OpenSSL 3's one-shot SHA256() looks it up on every call, under locks that every server thread
// shares, and the access check hashes each call's token.
std::string Sha256(std::string_view bytes);

// SHA-256 of bytes given in pieces (an upload read chunk by chunk).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Add(std::string_view bytes);
  // The digest of everything added, as 32 raw bytes; call once.
  std::string Finish();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

}  // namespace disposal::domain
