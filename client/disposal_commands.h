// The `disposal` command group: create, show, list, publish, suspend, resume, withdraw,
// gate.

#ifndef DISPOSAL_CLIENT_DISPOSAL_COMMANDS_H_
#define DISPOSAL_CLIENT_DISPOSAL_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `disposal` and its subcommands to `app` and their runners to `commands`.
// `global` must outlive the runners.
void AddDisposalCommands(CLI::App* app, const GlobalOptions* global,
                         std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DISPOSAL_COMMANDS_H_
