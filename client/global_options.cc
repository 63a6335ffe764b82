#include "global_options.h"

#include <cstdlib>
#include <string>

namespace disposalctl {
namespace {

constexpr char kDefaultServer[] = "127.0.0.1:50051";
constexpr int kTimeoutSecondsMin = 1;
constexpr int kTimeoutSecondsMax = 300;

std::string EnvironmentOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : fallback;
}

}  // namespace

void AddGlobalOptions(CLI::App* app, GlobalOptions* options) {
  options->rpc.server_address = EnvironmentOr("DISPOSAL_SERVER", kDefaultServer);
  options->rpc.actor = EnvironmentOr("USER", "unknown");
  app->add_option("--server", options->rpc.server_address,
                  "disposal-server address, HOST:PORT (env DISPOSAL_SERVER)")
      ->type_name("HOST:PORT")
      ->capture_default_str();
  app->add_option_function<std::string>(
         "--output,-o",
         [options](const std::string& format) {
           options->output = format == "json" ? OutputFormat::kJson : OutputFormat::kTable;
         },
         "table for people, json (proto JSON, snake_case) for scripts")
      ->type_name("table|json")
      // Transform, not check: it also rewrites "JSON" to "json". The type name already
      // lists the choices, so the description would only repeat them.
      ->transform(CLI::IsMember({"table", "json"}, CLI::ignore_case).description(""))
      ->default_str("table");
  app->add_option("--timeout", options->rpc.timeout_seconds,
                  "deadline of each RPC in seconds (1..300)")
      ->type_name("SECONDS")
      ->check(CLI::Range(kTimeoutSecondsMin, kTimeoutSecondsMax))
      ->capture_default_str();
  app->add_option("--actor", options->rpc.actor,
                  "who is acting, recorded in the audit trail (env USER); printable ASCII")
      ->type_name("NAME")
      ->capture_default_str();
}

}  // namespace disposalctl
