#include "token_commands.h"

#include <memory>

#include "number_checks.h"
#include "token_actions.h"

namespace disposalctl {
namespace {

// ListTokensRequest's bound (access.proto).
constexpr int kPageSizeMax = 200;

constexpr char kTokenFooter[] =
    R"(Every call to the server presents an access token, and the token's role decides what the
call may do: staff (claims, disposals, the ledger, the registry's entries, the calendar),
auditor (read only, histories, decision replays), partner (eligibility checks only), admin
(tokens, registry imports, the registry's entries and the calendar). These commands need an
admin token. Times are shown in
Asia/Shanghai.

Examples:
  disposalctl token create --name wang.wei --role staff --valid-days 365 --out wang.wei.token
  disposalctl token list
  disposalctl token revoke 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f)";

constexpr char kCreateFooter[] =
    R"(Prints the new token's id, name, role, creation time and expiry, then its secret
("dsp_..."). The secret is shown only this once: the server keeps only a hash of it.
With --out FILE the secret goes into FILE instead (a new file with mode 0600; an existing
file is never overwritten) and is printed nowhere, not even with -o json. The holder then
passes that file with --token-file. A token expires after --valid-days days, 90 when not
given; --never-expires makes one that does not (for a holder that cannot rotate its secret).

--client-cert FILE (or --client-cert-sha256, the fingerprint `openssl x509 -noout
-fingerprint -sha256 -in FILE` prints) binds the token to that client certificate: the
server then accepts it only over mutual TLS from a client presenting that certificate, so a
copied token is useless without the certificate's private key.

--calls-per-second N (partner tokens only) gives the token its own call quota, 1..10000000
calls a second, in place of the server's --partner-calls-per-second: for a partner system
whose contract allows more, or less. Past it, its calls are refused RESOURCE_EXHAUSTED.

If the call fails without a clear answer (UNAVAILABLE, DEADLINE_EXCEEDED), the token may
exist all the same, with a secret nobody saw: look for its name in `token list` and revoke it.

Examples:
  disposalctl token create --name wang.wei --role staff --valid-days 365 --out wang.wei.token
  disposalctl token create --name auction-platform-1 --role partner --valid-days 90 \
      --client-cert auction-platform-1.pem
  disposalctl token create --name exchange-1 --role partner --calls-per-second 20000
  disposalctl token create --name li.na --role auditor --out li.na.token -o json)";

constexpr char kListFooter[] =
    R"(Newest first, revoked tokens included: id, name, role, calls/s (a partner token's call
quota: its own, or "server" for the server's --partner-calls-per-second; "-" for other
roles), created, created by, expires ("never" for a token that does not expire) and revoked
("-" while it is in use). Never a secret: the server does not keep them. Says so when more
tokens follow; --all follows the pages to the end (at most 1000 pages).

Examples:
  disposalctl token list
  disposalctl token list --all -o json | jq -r '.tokens[] | select(.revoke_time == null) | .name')";

constexpr char kRevokeFooter[] =
    R"(The next call that presents the token fails with UNAUTHENTICATED. Prints the token with
its revoke time. Revoking a revoked token changes nothing; a revoked token stays listed and
cannot be restored: create another.

Examples:
  disposalctl token revoke 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f
  disposalctl token revoke 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f -o json)";

void AddCreate(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CreateTokenOptions>();
  CLI::App* create = group->add_subcommand("create", "Make a token and show its secret once");
  create->footer(kCreateFooter);
  create->add_option("--name", options->name, "who holds it, e.g. wang.wei; printable ASCII")
      ->type_name("NAME")
      ->required();
  // Checked by BuildCreateTokenRequest rather than CLI11, so that the message lists the roles.
  create->add_option("--role", options->role, "staff, auditor, partner or admin")
      ->type_name("ROLE")
      ->required();
  CLI::Option* valid_days =
      create->add_option("--valid-days", options->valid_days, "lifetime, 1..3650 (default: 90)")
          ->type_name("N")
          ->transform(WholeNumberIn(1, 3650));
  create->add_flag("--never-expires", options->never_expires, "the token does not expire")
      ->excludes(valid_days);
  create->add_option("--out", options->out, "write the secret to this new file (mode 0600)")
      ->type_name("FILE");
  create
      ->add_option("--client-cert", options->client_cert,
                   "bind the token to this client certificate (PEM file)")
      ->type_name("FILE");
  create
      ->add_option("--client-cert-sha256", options->client_cert_sha256,
                   "bind the token to the client certificate with this SHA-256 fingerprint")
      ->type_name("HEX");
  create
      ->add_option("--calls-per-second", options->calls_per_second,
                   "partner tokens: their own call quota (0: the server's)")
      ->type_name("N")
      ->transform(WholeNumberIn(0, 10'000'000));
  commands->push_back({create, [global, options] { return CreateToken(*global, *options); }});
}

void AddList(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListTokensOptions>();
  CLI::App* list = group->add_subcommand("list", "List tokens, revoked ones included");
  list->footer(kListFooter);
  list->add_option("--page-size", options->page_size, "tokens per page, 1..200 (server default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back({list, [global, options] { return ListTokens(*global, *options); }});
}

void AddRevoke(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<RevokeTokenOptions>();
  CLI::App* revoke = group->add_subcommand("revoke", "Revoke a token for good");
  revoke->footer(kRevokeFooter);
  revoke->add_option("id", options->id, "the token's id (UUID), from `token list`")
      ->type_name("ID")
      ->required();
  commands->push_back({revoke, [global, options] { return RevokeToken(*global, *options); }});
}

}  // namespace

void AddTokenCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  CLI::App* group =
      app->add_subcommand("token", "Create, list and revoke access tokens (admins only)");
  group->footer(kTokenFooter);
  group->require_subcommand(1);
  AddCreate(group, global, commands);
  AddList(group, global, commands);
  AddRevoke(group, global, commands);
}

}  // namespace disposalctl
