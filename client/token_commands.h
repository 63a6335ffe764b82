// The `token` command group: create, list, revoke (access tokens; admins only).

#ifndef DISPOSAL_CLIENT_TOKEN_COMMANDS_H_
#define DISPOSAL_CLIENT_TOKEN_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `token` and its subcommands to `app` and their runners to `commands`.
// `global` must outlive the runners.
void AddTokenCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_TOKEN_COMMANDS_H_
