// The ledger commands: `ledger accrue|entries|reverse`, `statement`, `trial-balance`,
// `outcome record|get` and `payment record`.

#ifndef DISPOSAL_CLIENT_LEDGER_COMMANDS_H_
#define DISPOSAL_CLIENT_LEDGER_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `ledger` and its subcommands, the top-level `statement` and `trial-balance`, and the
// `outcome` and `payment` groups to `app`, and their runners to `commands`. `global` must
// outlive the runners.
void AddLedgerCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_LEDGER_COMMANDS_H_
