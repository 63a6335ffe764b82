// What the `disposal` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_DISPOSAL_ACTIONS_H_
#define DISPOSAL_CLIENT_DISPOSAL_ACTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "disposal/v1/disposals.pb.h"
#include "global_options.h"
#include "status.h"

namespace disposalctl {

// --version left out: the command reads the disposal first and sends the version it read.
// That is as safe as typing it: the server still refuses a stale version with ABORTED.
inline constexpr std::int64_t kVersionFromServer = -1;

struct CreateDisposalOptions {
  std::string file;      // "-" for stdin
  std::string claim_id;  // --claim: fills lots without a claim_id; empty for none
  std::string request_id;
  bool dry_run = false;
};

struct UpdateDisposalOptions {
  std::string id;
  std::string file;               // "-" for stdin
  std::int64_t version = 0;       // the draft's version the file was based on
  std::vector<std::string> mask;  // top-level Disposal fields; empty: every one
  std::string claim_id;           // for every lot that names none (--claim); empty: none
  std::string request_id;
  bool dry_run = false;
};

struct ShowDisposalOptions {
  std::string id;
  std::string as_of_time;  // RFC 3339; empty: now
};

struct ListDisposalsOptions {
  int page_size = 0;  // 0: the server's default
  std::string page_token;
  bool all_pages = false;
};

struct PublishDisposalOptions {
  std::string id;
  std::string publication_date;  // YYYY-MM-DD
  std::int64_t version = kVersionFromServer;
  std::string request_id;
};

struct TransitionDisposalOptions {
  std::string id;
  disposal::v1::Transition transition = disposal::v1::TRANSITION_UNSPECIFIED;
  std::string reason;
  std::int64_t version = kVersionFromServer;
  std::string request_id;
};

struct CheckAwardGateOptions {
  std::string id;
  std::string lot_id;   // empty: the whole disposal
  std::string at_time;  // RFC 3339; empty: now, on the server's clock
};

// Each prints its result on stdout per global.output and returns what went wrong.
Status CreateDisposal(const GlobalOptions& global, const CreateDisposalOptions& options);
Status UpdateDisposal(const GlobalOptions& global, const UpdateDisposalOptions& options);
Status ShowDisposal(const GlobalOptions& global, const ShowDisposalOptions& options);
Status ListDisposals(const GlobalOptions& global, const ListDisposalsOptions& options);
Status PublishDisposal(const GlobalOptions& global, const PublishDisposalOptions& options);
Status TransitionDisposal(const GlobalOptions& global, const TransitionDisposalOptions& options);
// Succeeds whether the award is allowed or refused: the answer is the output.
Status CheckAwardGate(const GlobalOptions& global, const CheckAwardGateOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DISPOSAL_ACTIONS_H_
