// What the `audit` and `decision` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_AUDIT_ACTIONS_H_
#define DISPOSAL_CLIENT_AUDIT_ACTIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "global_options.h"
#include "status.h"

namespace disposalctl {

// StreamClaimHistoryRequest's bounds (audit.proto).
inline constexpr int kHistoryPageSizeMax = 1000;
inline constexpr std::size_t kHistoryKindsMax = 50;
inline constexpr std::int64_t kAfterChainSeqMax = std::int64_t{1} << 62;

// Whose history: an id (a claim's, or a disposal's or a token's with the flag), or one of the
// chains named otherwise (the registry's, an older registry change's, a calendar year's).
struct AuditSubjectOptions {
  std::string id;                     // empty for the chains named otherwise
  bool disposal = false;              // --disposal
  bool token = false;                 // --token
  bool registry = false;              // --registry
  std::int64_t registry_version = 0;  // --registry-version
  int calendar_year = 0;              // --calendar-year
};

// INVALID_INPUT unless the options name exactly one subject: an id, or one of --registry,
// --registry-version and --calendar-year without one.
Status ValidateSubject(const AuditSubjectOptions& options);

// The subject's chain id as its events name it: the id given, or for the chains named
// otherwise the UUID of MD5 of their name ("registry", "registry:7", "calendar_year:2027"),
// as the server derives it; empty when this OpenSSL offers no MD5 (a FIPS-only provider).
std::string SubjectChainId(const AuditSubjectOptions& options);

struct AuditHistoryOptions {
  AuditSubjectOptions subject;
  std::vector<std::string> kinds;  // method names, e.g. "UpdateClaim"; empty: every kind
  std::string since;               // RFC 3339, inclusive; empty: unbounded
  std::string until;               // RFC 3339, exclusive; empty: unbounded
  std::int64_t after_chain_seq = 0;
  int page_size = 0;  // 0: the server's default
};

struct AuditExportOptions {
  AuditSubjectOptions subject;
  std::string out_dir;
  int page_size = 0;  // 0: the server's default
};

struct VerifyExportOptions {
  std::string dir;
  // "N:HASH", a head kept from an earlier `audit check` or export; empty: the manifest's own.
  std::string expect_head;
};

struct DecisionOptions {
  std::string decision_id;
};

// Streams the history and prints a table, or with -o json one event per line as it arrives.
// What arrived is printed even when the stream fails part way.
Status ShowAuditHistory(const GlobalOptions& global, const AuditHistoryOptions& options);

struct AuditCheckOptions {
  AuditSubjectOptions subject;
  // "N:HASH", a head kept from an earlier check or export: the chain must still hold that
  // event at that position (it may have grown since). Empty: no such comparison.
  std::string expect_head;
};

// Has the server recompute the chain and prints the verdict; with an expected head, the event
// at its position must still have its hash (a consistently rewritten chain recomputes, but
// not to a head kept from before). A broken chain fails with DATA_LOSS (exit status 1) after
// the verdict.
Status CheckAuditHistory(const GlobalOptions& global, const AuditCheckOptions& options);

// "12:<64 hex digits>" as position and hash; nothing for "".
Status ParseExpectedHead(const std::string& text,
                         std::optional<std::pair<std::int64_t, std::string>>* head);

// Streams the whole history into a new export folder, checking the chain as it goes, and prints
// what was written. A broken chain is still exported (it is the evidence), then fails with
// DATA_LOSS; a failed stream leaves no export behind.
Status ExportAuditHistory(const GlobalOptions& global, const AuditExportOptions& options);

// Verifies an export folder offline: needs no server, so reads only global.output. A broken
// chain fails with DATA_LOSS (exit status 1) after the verdict.
Status VerifyAuditExport(const GlobalOptions& global, const VerifyExportOptions& options);

// Prints a stored eligibility decision with the request it answered and who asked.
Status ShowEligibilityDecision(const GlobalOptions& global, const DecisionOptions& options);

// Has the server decide a stored decision's request again at its registry version and prints
// both. A different answer fails with FAILED_PRECONDITION (exit status 1) after the report.
Status ReplayEligibilityDecision(const GlobalOptions& global, const DecisionOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AUDIT_ACTIONS_H_
