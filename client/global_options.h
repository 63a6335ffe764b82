// Options every disposalctl command takes: where the server is, how to print, how long
// to wait, and who is acting.

#ifndef DISPOSAL_CLIENT_GLOBAL_OPTIONS_H_
#define DISPOSAL_CLIENT_GLOBAL_OPTIONS_H_

#include <CLI/CLI.hpp>

#include "output.h"
#include "rpc.h"

namespace disposalctl {

struct GlobalOptions {
  RpcSettings rpc;
  OutputFormat output = OutputFormat::kTable;
};

// Adds --server, --output, --timeout and --actor to `app`, with defaults from the
// environment (DISPOSAL_SERVER, USER). `options` must outlive parsing.
void AddGlobalOptions(CLI::App* app, GlobalOptions* options);

// A warning when the file at `path` (a token, a private key) may be read by other users (any
// group or other permission bit), as ssh warns of its keys; "" when only its owner may.
std::string LooseFileWarning(const std::string& path);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_GLOBAL_OPTIONS_H_
