#include "support/token_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "api/access_service.h"
#include "domain/access.h"
#include "store/token_store.h"

namespace disposal::testing {

std::string IssueTokenFile(TestDatabase& db, const std::string& role, const std::string& path) {
  const std::optional<domain::Role> parsed = domain::ParseRole(role);
  if (!parsed) throw std::invalid_argument("no such role: " + role);
  store::PgTokenRepository tokens(db.database());
  const int64_t now_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  const domain::AuditContext audit{"bootstrap", "disposal-server/create-token", "", "{}"};
  auto issued = api::IssueToken(tokens, {"e2e-" + role, *parsed, 0, false, "bootstrap", "", 0},
                                now_micros, audit, {});
  if (!issued.ok()) throw std::runtime_error("token not issued: " + issued.error().Message());
  // Readable by its owner only, as create-token writes it (disposalctl warns otherwise).
  std::remove(path.c_str());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  const std::string line = issued.value().secret + "\n";
  const bool written =
      fd >= 0 && ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  if (fd >= 0) ::close(fd);
  if (!written) throw std::runtime_error("cannot write " + path);
  return path;
}

}  // namespace disposal::testing
