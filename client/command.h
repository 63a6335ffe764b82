// How a disposalctl subcommand is run once the command line is parsed.

#ifndef DISPOSAL_CLIENT_COMMAND_H_
#define DISPOSAL_CLIENT_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>

#include "status.h"

namespace disposalctl {

// A leaf subcommand: after parsing, main runs the one whose `app` was parsed. Running
// outside CLI11's callbacks keeps CLI11's exceptions and our Status apart.
struct Command {
  CLI::App* app = nullptr;
  std::function<Status()> run;
};

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_COMMAND_H_
