// disposalctl's `outcome record|get|rescind`, `payment record` and `cost record`.
#ifndef DISPOSAL_CLIENT_OUTCOME_COMMANDS_H_
#define DISPOSAL_CLIENT_OUTCOME_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace disposalctl {

void AddOutcomeCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_OUTCOME_COMMANDS_H_
