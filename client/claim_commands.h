// The `claim` command group: create, get, list, update.

#ifndef DISPOSAL_CLIENT_CLAIM_COMMANDS_H_
#define DISPOSAL_CLIENT_CLAIM_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `claim` and its subcommands to `app` and their runners to `commands`.
// `global` must outlive the runners.
void AddClaimCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CLAIM_COMMANDS_H_
