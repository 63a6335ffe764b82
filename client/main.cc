// disposalctl: the staff command-line client of disposal-server.
//
// main only wires things together: global options, command groups, parsing, and the
// single-line error report. Each command lives in its own file.

#include <CLI/CLI.hpp>
#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "audit_commands.h"
#include "calendar_commands.h"
#include "claim_commands.h"
#include "command.h"
#include "disposal_commands.h"
#include "eligibility_commands.h"
#include "global_options.h"
#include "ledger_commands.h"
#include "objection_commands.h"
#include "registry_commands.h"
#include "request_id.h"
#include "status.h"
#include "token_commands.h"

namespace {

constexpr char kFooter[] = R"(Environment:
  DISPOSAL_SERVER      default for --server
  DISPOSAL_TOKEN_FILE  default for --token-file (else $XDG_CONFIG_HOME/disposal/token, else
                       ~/.config/disposal/token)
  DISPOSAL_TOKEN       the token itself, when no --token-file is given
  DISPOSAL_TLS_CA, DISPOSAL_CLIENT_TLS_CERT, DISPOSAL_CLIENT_TLS_KEY
                       defaults for --tls-ca, --tls-cert, --tls-key
  USER                 default for --actor

Exit status: 0 success; 1 the server refused or failed the call (a rejected import or batch
row included), a check found a fault (a broken audit chain, an unbalanced ledger), or the
answer could not be written (OUTPUT_FAILED); 2 bad command line or input file, found before
anything was sent (or, for a file streamed, with the call cancelled: nothing applied).
A failure prints one line on stderr: "disposalctl: <CODE>: <message>".

Examples:
  disposalctl claim create -f deploy/examples/seed-claim.yaml
  disposalctl --server claims.internal:50051 --tls-ca ca.pem claim list --all
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --output json
  disposalctl disposal create -f deploy/examples/seed-disposal.yaml --claim CLAIM_ID
  disposalctl disposal publish DISPOSAL_ID --date 2021-07-28
  disposalctl objection list DISPOSAL_ID --unresolved
  disposalctl calendar deadline 2021-07-28 20
  disposalctl registry import registry.csv
  disposalctl eligibility check DISPOSAL_ID --person 11010519491231002X --name 张三
  disposalctl ledger accrue CLAIM_ID --through 2021-09-30
  disposalctl statement CLAIM_ID --as-of 2021-09-30
  disposalctl outcome record DISPOSAL_ID --lot LOT_ID --method auction \
      --buyer-person 11010519491231002X --buyer-name 张三 --price 9000万 \
      --instalment 2021-10-01:3000万 --instalment 2021-12-01:6000万
  disposalctl payment record --outcome OUTCOME_ID --amount 3000万 --received 2021-10-01
  disposalctl audit export CLAIM_ID --out claim-audit && disposalctl audit verify claim-audit
  disposalctl decision replay DECISION_ID
  disposalctl token create --name wang.wei --role staff --out wang.wei.token
  disposalctl claim create --help)";

// CLI11 reports help as an "error" with exit code 0; anything else is a usage error,
// reported in the same one-line form as every other failure.
// The deepest command the words named: "claim" in "disposalctl claim lst".
const CLI::App* DeepestParsed(const CLI::App& app) {
  const std::vector<CLI::App*> parsed = app.get_subcommands();
  return parsed.empty() ? &app : DeepestParsed(*parsed.front());
}

// CLI11 says only "A subcommand is required" when the word given is no command: name the word
// and the commands there are.
std::string ParseErrorText(const CLI::App& app, const CLI::ParseError& error) {
  const std::vector<std::string> stray = app.remaining(true);
  const CLI::App* command = DeepestParsed(app);
  // Only where a command word is missing: a leaf's own errors (a required option) stand.
  if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr || stray.empty() ||
      stray.front().rfind('-', 0) == 0 || command->get_subcommands({}).empty()) {
    return error.what();
  }
  std::string names;
  for (const CLI::App* sub : command->get_subcommands({})) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  std::string path;
  for (const CLI::App* at = command; at != nullptr; at = at->get_parent()) {
    path = at->get_name() + (path.empty() ? "" : " ") + path;
  }
  return "\"" + stray.front() + "\" is not a command of " + path + "; it has: " + names;
}

int ReportParseError(const CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);
  disposalctl::Status usage =
      disposalctl::Status::InvalidInput(ParseErrorText(app, error) + " (see --help)");
  std::cerr << usage.ToLine() << '\n';
  return usage.exit_code();
}

// An option given an empty value (`--request-id "$UNSET"`) would read as one left out: a retry
// would choose a new request id and book twice, a rescission would drop the deposit it meant to
// keep. Refused, naming the option, on the command line and every command it named.
disposalctl::Status RefuseEmptyValues(const CLI::App& app) {
  for (const CLI::App* at = &app; at != nullptr;) {
    for (const CLI::Option* option : at->get_options()) {
      if (option->count() == 0 || option->get_expected_min() == 0) continue;  // a flag
      for (const std::string& value : option->results()) {
        if (!value.empty()) continue;
        // A required option cannot be left out: say what it needs instead.
        return disposalctl::Status::InvalidInput(
            option->get_name() +
            (option->get_required()
                 ? ": an empty value; it needs one (see --help)"
                 : ": an empty value; give one, or leave the option out (see --help)"));
      }
    }
    const std::vector<CLI::App*> parsed = at->get_subcommands();
    at = parsed.empty() ? nullptr : parsed.front();
  }
  return disposalctl::Status::Ok();
}

disposalctl::Status RunParsedCommand(const std::vector<disposalctl::Command>& commands) {
  for (const disposalctl::Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return disposalctl::Status::InvalidInput("no command given (see --help)");
}

}  // namespace

int main(int argc, char** argv) {
  // A reader that went away (a closed pipe) is a failed write, reported as OUTPUT_FAILED, not
  // a silent death: a token's secret printed into it would be lost without a word.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app("disposalctl: the AMC's claims, disposals, bidder checks, ledger and audit history",
               "disposalctl");
  app.footer(kFooter);
  app.require_subcommand(1);
  // Subcommands inherit this, so global options may follow them ("claim get ID -o json").
  app.fallthrough();
  app.set_help_all_flag("--help-all", "print help for every command");
  disposalctl::GlobalOptions global;
  disposalctl::AddGlobalOptions(&app, &global);
  std::vector<disposalctl::Command> commands;
  disposalctl::AddClaimCommands(&app, &global, &commands);
  disposalctl::AddDisposalCommands(&app, &global, &commands);
  disposalctl::AddObjectionCommands(&app, &global, &commands);
  disposalctl::AddCalendarCommands(&app, &global, &commands);
  disposalctl::AddRegistryCommands(&app, &global, &commands);
  disposalctl::AddEligibilityCommands(&app, &global, &commands);
  disposalctl::AddLedgerCommands(&app, &global, &commands);
  disposalctl::AddAuditCommands(&app, &global, &commands);
  disposalctl::AddTokenCommands(&app, &global, &commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return ReportParseError(app, error);
  }
  disposalctl::Status status = RefuseEmptyValues(app);
  if (!status.ok()) {
    std::cerr << status.ToLine() << '\n';
    return status.exit_code();
  }
  try {
    status = RunParsedCommand(commands);
  } catch (const std::exception& error) {
    // Library code (protobuf, gRPC, the standard library) may still throw, e.g. bad_alloc.
    status = disposalctl::Status::RpcFailed("INTERNAL", error.what());
  }
  // An answer cut short (a full disk, a closed pipe) is a failure, whatever the call did; a
  // change it made is named by its request id, which answers it again without making it twice.
  if (!std::cout.flush() && status.ok()) {
    const std::string& request_id = disposalctl::LastChosenRequestId();
    status = disposalctl::Status::OutputFailed(
        request_id.empty()
            ? "standard output: write failed"
            : "standard output: write failed, after the command succeeded (request id " +
                  request_id +
                  "; unless it was a --dry-run, the change was made: rerun with "
                  "--request-id " +
                  request_id +
                  " and the same arguments to have its answer again without making it twice)");
  }
  if (!status.ok()) std::cerr << status.ToLine() << '\n';
  return status.exit_code();
}
