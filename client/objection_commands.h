// The `objection` command group: add, list, resolve. It covers all three kinds of
// submission a notice invites (inquiries, objections, reports of obstruction), under the
// name staff use for the window they arrive in.

#ifndef DISPOSAL_CLIENT_OBJECTION_COMMANDS_H_
#define DISPOSAL_CLIENT_OBJECTION_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

// Adds `objection` and its subcommands to `app` and their runners to `commands`.
// `global` must outlive the runners.
void AddObjectionCommands(CLI::App* app, const GlobalOptions* global,
                          std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OBJECTION_COMMANDS_H_
