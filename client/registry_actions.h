// What the `registry` subcommands do once their options are parsed.

#ifndef DISPOSAL_CLIENT_REGISTRY_ACTIONS_H_
#define DISPOSAL_CLIENT_REGISTRY_ACTIONS_H_

#include <string>

#include "global_options.h"
#include "status.h"

namespace disposalctl {

// Chunks of the import stream. The server takes up to 1 MiB a chunk; a quarter of that keeps
// the progress bar moving on a slow link at little cost per message.
inline constexpr int kImportChunkBytesDefault = 256 * 1024;
inline constexpr int kImportChunkBytesMax = 1024 * 1024;

struct ImportRegistryOptions {
  std::string file;  // "-" for stdin
  int chunk_bytes = kImportChunkBytesDefault;
  // --expect-sha256: the input's SHA-256 (64 hex digits); the upload is cancelled, nothing
  // applied, when what was read differs (a pipe whose producer failed midway ends like a file).
  std::string expect_sha256;
};

struct ApplyRegistryOptions {
  std::string file;        // "-" for stdin
  std::string request_id;  // --request-id; empty: the file's, else a new UUID
  bool dry_run = false;
};

struct ShowRegistryOptions {
  std::string national_id;  // --person
  std::string credit_code;  // --organization
};

// Prints what the registry holds on one person or organisation (GetRegistryParty).
Status ShowRegistryParty(const GlobalOptions& global, const ShowRegistryOptions& options);

// Streams the CSV file to RegistryService.ImportRegistry, showing progress on stderr, and
// prints the outcome. Fails (exit status 1) when the server rejects the import, after
// printing every rejected row.
Status ImportRegistry(const GlobalOptions& global, const ImportRegistryOptions& options);

// Sends the ApplyRegistryChangesRequest in the file and prints the registry version the
// changes produced.
Status ApplyRegistryChanges(const GlobalOptions& global, const ApplyRegistryOptions& options);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_REGISTRY_ACTIONS_H_
