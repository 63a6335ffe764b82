// What the `claim` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_CLAIM_ACTIONS_H_
#define DISPOSAL_CLIENT_CLAIM_ACTIONS_H_

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "global_options.h"
#include "output.h"
#include "status.h"

namespace disposalctl {

// `--all` follows at most this many pages, so a server that keeps returning a token
// cannot keep the client looping forever.
inline constexpr int kListPagesMax = 1000;

// How an `--all` listing ends once what it read is printed: OK when it read every page; when it
// stopped at kListPagesMax with pages left, a failure (exit 1, INCOMPLETE) naming the token to
// go on from, so that a script does not take part of the `what` (e.g. "claims") for all.
Status AllPagesRead(bool all_pages, const std::string& next_page_token, const std::string& what);

// Ends an --all-able listing: `listed` (a List*Response) printed as JSON, or as a table by
// `print_table(stopped)` (`stopped`: --all gave up with pages left), then AllPagesRead.
template <class Response, class PrintTable>
Status PrintListing(const GlobalOptions& global, const Response& listed, bool all_pages,
                    const std::string& what, PrintTable&& print_table) {
  if (global.output == OutputFormat::kJson) {
    Status printed = PrintMessageJson(listed, std::cout);
    if (!printed.ok()) return printed;
  } else {
    print_table(all_pages && !listed.next_page_token().empty());
  }
  return AllPagesRead(all_pages, listed.next_page_token(), what);
}

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
