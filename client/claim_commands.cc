#include "claim_commands.h"

#include <memory>
#include <string>

#include "claim_actions.h"
#include "disposal/v1/claims.pb.h"
#include "enum_text.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

constexpr int kPageSizeMax = 200;

constexpr char kClaimFooter[] = R"(Examples:
  disposalctl claim create -f deploy/examples/seed-claim.yaml
  disposalctl claim list --status held
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 -o json > claim.json
  disposalctl claim update 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 -f claim.json --version 3)";

constexpr char kCreateFooter[] =
    R"(The file holds one Claim, in proto JSON field names (snake_case or lowerCamelCase),
as JSON (.json) or YAML (.yaml, .yml); other names and stdin are recognised by content.
Friendly forms are accepted wherever the field's type allows them:
  amounts (Money)   "38865.89万", "6000万元", "1.5亿", "806,450,600.00", "12.5"
                    (converted exactly; finer than a fen (0.01 元) is refused)
  rates (Decimal)   "0.0435" or "4.35%"
  dates (Date)      "2021-06-30"
  enums             RESIDENTIAL, residential, street-front-shop, or the full name
Output-only fields (id, version, totals, times) are ignored by the server.

Without --request-id a new UUID is used; it is printed if the call fails, so that
rerunning with --request-id <that id> cannot record the claim twice.

Examples:
  disposalctl claim create -f deploy/examples/seed-claim.yaml
  disposalctl claim create -f claim.json --request-id 2b8e6c1d-4f3a-4e8b-9c7d-0a1b2c3d4e5f
  disposalctl claim create -f deploy/examples/seed-claim.yaml --dry-run
  cat claim.yaml | disposalctl claim create -f -)";

constexpr char kGetFooter[] =
    R"(Prints a statement: parties, tranches with 元 and 万元 amounts and a totals row,
the totals, collateral and encumbrances, guarantees, pledges and litigation.

Examples:
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --output json
  disposalctl claim get 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --as-of-time 2021-08-03T14:05:00+08:00)";

constexpr char kListFooter[] =
    R"(Newest first. Prints the token of the next page when there is one; --all follows
the tokens (at most 1000 pages).

Examples:
  disposalctl claim list
  disposalctl claim list --status in-disposal --page-size 20
  disposalctl claim list --debtor 91230103MA1B2C3D4E
  disposalctl claim list --all --output json | jq -r '.claims[].id')";

constexpr char kUpdateFooter[] =
    R"(The file is read as for `claim create`. --version must be the claim's current
version; if someone changed the claim since, the update fails with ABORTED and changes
nothing. --mask names the top-level fields to replace (tranches, penalty, status, ...);
without it every writable field is replaced. Repeated fields are replaced whole.

Examples:
  disposalctl claim get ID -o json > claim.json   # edit claim.json, then:
  disposalctl claim update ID -f claim.json --version 3
  disposalctl claim update ID -f status.yaml --version 3 --mask status
  disposalctl claim update ID -f penalty.yaml --version 4 --mask penalty --dry-run)";

std::vector<std::string> StatusNames() {
  const google::protobuf::EnumDescriptor& type = *disposal::v1::ClaimStatus_descriptor();
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() != 0) names.push_back(ShortEnumName(type, type.value(i)->number()));
  }
  return names;
}

void AddCreate(CLI::App* claim, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CreateClaimOptions>();
  CLI::App* create = claim->add_subcommand("create", "Record a new claim from a JSON or YAML file");
  create->footer(kCreateFooter);
  create->add_option("-f,--file", options->file, "claim file (.json, .yaml, .yml), - for stdin")
      ->type_name("FILE")
      ->required();
  create
      ->add_option("--request-id", options->request_id,
                   "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
  create->add_flag("--dry-run", options->dry_run,
                   "print the CreateClaimRequest as JSON instead of sending it");
  commands->push_back({create, [global, options] { return CreateClaim(*global, *options); }});
}

void AddGet(CLI::App* claim, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<GetClaimOptions>();
  CLI::App* get = claim->add_subcommand("get", "Print one claim as a statement");
  get->footer(kGetFooter);
  get->add_option("id", options->id, "the claim's id (UUID)")->type_name("ID")->required();
  get->add_option("--as-of-time", options->as_of_time,
                  "show the claim as it was at this instant (for audits; default: now)")
      ->type_name("RFC3339");
  commands->push_back({get, [global, options] { return GetClaim(*global, *options); }});
}

void AddList(CLI::App* claim, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListClaimsOptions>();
  CLI::App* list = claim->add_subcommand("list", "List claims, a page at a time");
  list->footer(kListFooter);
  list->add_option("--debtor", options->debtor_identifier,
                   "only claims on this debtor (national ID or unified social credit code)")
      ->type_name("IDENTIFIER");
  std::string statuses;
  for (const std::string& name : StatusNames()) statuses += (statuses.empty() ? "" : ", ") + name;
  list->add_option("--status", options->status, "only claims in this status: " + statuses)
      ->type_name("STATUS")
      ->transform(CLI::IsMember(StatusNames(), CLI::ignore_case).description(""));
  list->add_option("--page-size", options->page_size, "claims per page, 1..200 (server default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  list->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back({list, [global, options] { return ListClaims(*global, *options); }});
}

void AddUpdate(CLI::App* claim, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<UpdateClaimOptions>();
  CLI::App* update = claim->add_subcommand("update", "Change a claim (optimistic concurrency)");
  update->footer(kUpdateFooter);
  update->add_option("id", options->id, "the claim's id (UUID)")->type_name("ID")->required();
  update->add_option("-f,--file", options->file, "claim file (.json, .yaml, .yml), - for stdin")
      ->type_name("FILE")
      ->required();
  update->add_option("--version", options->version, "the claim's current version")
      ->type_name("N")
      ->required()
      ->transform(WholeNumberFrom(0));
  update->add_option("--mask", options->mask, "top-level fields to replace, comma-separated")
      ->type_name("FIELD,...")
      ->delimiter(',');
  update
      ->add_option("--request-id", options->request_id,
                   "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
  update
      ->add_option("--penalty-fixed", options->penalty_fixed,
                   "when the update changes the penalty of a claim already on the books: the "
                   "day it was fixed (a judgment's date), which its booking takes (default today)")
      ->type_name("DATE");
  update->add_flag("--dry-run", options->dry_run,
                   "print the UpdateClaimRequest as JSON instead of sending it");
  commands->push_back({update, [global, options] { return UpdateClaim(*global, *options); }});
}

}  // namespace

void AddClaimCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  CLI::App* claim = app->add_subcommand("claim", "Record and read distressed claims (债权)");
  claim->footer(kClaimFooter);
  claim->require_subcommand(1);
  AddCreate(claim, global, commands);
  AddGet(claim, global, commands);
  AddList(claim, global, commands);
  AddUpdate(claim, global, commands);
}

}  // namespace disposalctl
