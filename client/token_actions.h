// What the `token` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_TOKEN_ACTIONS_H_
#define DISPOSAL_CLIENT_TOKEN_ACTIONS_H_

#include <cstddef>
#include <string>

#include "disposal/v1/access.pb.h"
#include "global_options.h"
#include "status.h"

namespace disposalctl {

// CreateTokenRequest's bounds (access.proto).
inline constexpr int kValidDaysMax = 3650;
inline constexpr int kCallsPerSecondMax = 10'000'000;
inline constexpr std::size_t kTokenNameLengthMax = 100;

struct CreateTokenOptions {
  std::string name;
  std::string role;            // staff, auditor, partner or admin
  int valid_days = 0;          // 0..3650; 0: the server's default lifetime (90 days)
  bool never_expires = false;  // only with valid_days 0
  std::string out;             // where the secret goes; empty: printed
  // At most one: the client certificate to bind the token to, as a PEM file or as its SHA-256.
  std::string client_cert;
  std::string client_cert_sha256;
  int calls_per_second = 0;  // a partner token's own call quota; 0: the server's
};

struct ListTokensOptions {
  int page_size = 0;  // 0: the server's default
  bool all_pages = false;
};

struct RevokeTokenOptions {
  std::string id;
};

// The request `token create` sends, with a new request id. Fails, naming the option, on a name
// that is not 1..100 printable ASCII characters, an unknown role or valid days outside 0..3650,
// so that nothing is sent that the server would refuse.
Status BuildCreateTokenRequest(const CreateTokenOptions& options,
                               disposal::v1::CreateTokenRequest* request);

// The file `token create --out` puts the secret in. It is created (empty, mode 0600) before the
// call, so that an existing file or an unwritable folder is refused while no token exists yet,
// and removed again when destroyed unless Write put the secret in it.
class SecretFile {
 public:
  SecretFile() = default;
  SecretFile(const SecretFile&) = delete;
  SecretFile& operator=(const SecretFile&) = delete;
  ~SecretFile();

  // Creates `path` readable and writable by its owner only. Fails, naming --out, when something
  // is already there (a symbolic link included): another token's secret may be in it.
  Status Create(const std::string& path);

  // Writes `secret` and a newline, flushes them to disk and closes the file, which is then kept.
  // REQUIRES: Create succeeded and Write was not called yet.
  Status Write(const std::string& secret);

 private:
  std::string path_;
  int fd_ = -1;
  bool kept_ = false;
};

// Each prints its result on stdout per global.output and returns what went wrong.
// CreateToken with options.out writes the secret to that file and prints it nowhere.
Status CreateToken(const GlobalOptions& global, const CreateTokenOptions& options);
// With options.all_pages, follows next_page_token (at most kListPagesMax pages).
Status ListTokens(const GlobalOptions& global, const ListTokensOptions& options);
Status RevokeToken(const GlobalOptions& global, const RevokeTokenOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_TOKEN_ACTIONS_H_
