// The audit commands: `audit history|check|export|verify` and `decision get|replay`.

#ifndef DISPOSAL_CLIENT_AUDIT_COMMANDS_H_
#define DISPOSAL_CLIENT_AUDIT_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds the `audit` and `decision` groups and their subcommands to `app`, and their runners to
// `commands`. `global` must outlive the runners.
void AddAuditCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AUDIT_COMMANDS_H_
