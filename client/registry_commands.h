// The `registry` command group: import, apply.

#ifndef DISPOSAL_CLIENT_REGISTRY_COMMANDS_H_
#define DISPOSAL_CLIENT_REGISTRY_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `registry` and its subcommands to `app` and their runners to `commands`.
// `global` must outlive the runners.
void AddRegistryCommands(CLI::App* app, const GlobalOptions* global,
                         std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_REGISTRY_COMMANDS_H_
