// What the `claim` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_CLAIM_ACTIONS_H_
#define DISPOSAL_CLIENT_CLAIM_ACTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "global_options.h"
#include "status.h"

namespace disposalctl {

// `--all` follows at most this many pages, so a server that keeps returning a token
// cannot keep the client looping forever.
inline constexpr int kListPagesMax = 1000;

// How an `--all` listing ends once what it read is printed: OK when it read every page; when it
// stopped at kListPagesMax with pages left, a failure (exit 1, INCOMPLETE) naming the token to
// go on from, so that a script does not take part of the `what` (e.g. "claims") for all.
Status AllPagesRead(bool all_pages, const std::string& next_page_token, const std::string& what);

struct CreateClaimOptions {
  std::string file;        // "-" for stdin
  std::string request_id;  // empty: a new UUID
  bool dry_run = false;
};

struct GetClaimOptions {
  std::string id;
  std::string as_of_time;  // RFC 3339; empty: now
};

struct ListClaimsOptions {
  std::string debtor_identifier;
  std::string status;  // short name ("in-disposal"); empty for any
  int page_size = 0;   // 0: the server's default
  std::string page_token;
  bool all_pages = false;
};

struct UpdateClaimOptions {
  std::string id;
  std::string file;
  std::int64_t version = 0;
  std::vector<std::string> mask;  // top-level Claim fields; empty for all writable ones
  std::string request_id;         // empty: a new UUID
  std::string penalty_fixed;      // YYYY-MM-DD; empty: not sent (the server takes today)
  bool dry_run = false;
};

// Each prints its result on stdout per global.output and returns what went wrong.
Status CreateClaim(const GlobalOptions& global, const CreateClaimOptions& options);
Status GetClaim(const GlobalOptions& global, const GetClaimOptions& options);
Status ListClaims(const GlobalOptions& global, const ListClaimsOptions& options);
Status UpdateClaim(const GlobalOptions& global, const UpdateClaimOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CLAIM_ACTIONS_H_
