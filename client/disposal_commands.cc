#include "disposal_commands.h"

#include <memory>
#include <string>

#include "disposal_actions.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

constexpr int kPageSizeMax = 200;

constexpr char kDisposalFooter[] =
    R"(A disposal (处置) offers claims, or tranches of them, in lots. It is created as a
draft, published (which fixes the objection deadline on the working-day calendar), and
may be suspended, resumed or withdrawn. Inquiries and objections are `disposalctl
objection ...`; `gate` says whether an award may be made.

Examples:
  disposalctl disposal create -f deploy/examples/seed-disposal.yaml --claim CLAIM_ID
  disposalctl disposal update 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f -f draft.yaml --version 1
  disposalctl disposal publish 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --date 2021-07-28
  disposalctl disposal show 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl disposal gate 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl disposal list --all)";

constexpr char kCreateFooter[] =
    R"(The file holds one Disposal, in proto JSON field names (snake_case or lowerCamelCase),
as JSON (.json) or YAML (.yaml, .yml); other names and stdin are recognised by content.
Friendly forms are accepted as for `claim create`: amounts "6000万", "0", dates
"2021-07-28", enums by short name (debt-reduction, lump-sum, website, provincial).
Each lot names a claim (claim_id) and, to offer one tranche only, its tranche_number.
--claim gives every lot without a claim_id that claim, so a file can be written before
the claim's id is known. Output-only fields (ids, state, dates, book values) are ignored.

Without --request-id a new UUID is used; it is printed if the call fails, so that
rerunning with --request-id <that id> cannot record the disposal twice.

Examples:
  disposalctl disposal create -f deploy/examples/seed-disposal.yaml \
      --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl disposal create -f disposal.json --request-id 2b8e6c1d-4f3a-4e8b-9c7d-0a1b2c3d4e5f
  disposalctl disposal create -f deploy/examples/seed-disposal.yaml --claim ID --dry-run)";

constexpr char kShowFooter[] =
    R"(Prints the notice: state, publication date, objection deadline (24:00 Asia/Shanghai on
its last working day) and working days left, validity, book value in 元 and 万元, open
objections, the lots, methods, payment terms, deposit, channels and contacts.

Examples:
  disposalctl disposal show 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl disposal show 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f -o json
  disposalctl disposal show 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --as-of-time 2021-08-03T14:05:00+08:00)";

constexpr char kListFooter[] =
    R"(Newest first. Prints the token of the next page when there is one; --all follows
the tokens (at most 1000 pages).

Examples:
  disposalctl disposal list
  disposalctl disposal list --page-size 20
  disposalctl disposal list --all -o json | jq -r '.disposals[].id')";

constexpr char kPublishFooter[] =
    R"(Fixes the publication date (the day the notice appears) and computes the objection
deadline: the window's working days counted from the day after it (民法典 art. 201),
ending 24:00 Asia/Shanghai. The server refuses a window shorter than the book value
requires, a missing channel, or a date whose deadline needs a year the calendar lacks.
Without --version the disposal is read first and its current version is sent; a change
made by someone else in between still fails with ABORTED.

Examples:
  disposalctl disposal publish 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --date 2021-07-28
  disposalctl disposal publish 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --date 2021-07-28 --version 1)";

constexpr char kGateFooter[] =
    R"(Asks whether an award may be made (for one lot with --lot) at --at, or now. Prints
"award allowed", or "award refused:" and every reason (window open, objection unresolved
or upheld, suspended, withdrawn, expired, ...). A query: the exit status is 0 either way.

Examples:
  disposalctl disposal gate 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl disposal gate 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --at 2021-08-26T09:00:00+08:00
  disposalctl disposal gate ID --lot 8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d -o json)";

CLI::Option* AddRequestIdOption(CLI::App* command, std::string* request_id) {
  return command
      ->add_option("--request-id", *request_id, "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
}

CLI::Option* AddVersionOption(CLI::App* command, std::int64_t* version) {
  return command
      ->add_option("--version", *version,
                   "the disposal's current version (default: read it from the server)")
      ->type_name("N")
      ->transform(WholeNumberFrom(0));
}

void AddCreate(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CreateDisposalOptions>();
  CLI::App* create = group->add_subcommand("create", "Record a draft disposal from a file");
  create->footer(kCreateFooter);
  create->add_option("-f,--file", options->file, "disposal file (.json, .yaml, .yml), - for stdin")
      ->type_name("FILE")
      ->required();
  create->add_option("--claim", options->claim_id, "claim id for every lot that names none")
      ->type_name("CLAIM_ID");
  AddRequestIdOption(create, &options->request_id);
  create->add_flag("--dry-run", options->dry_run,
                   "print the CreateDisposalRequest as JSON instead of sending it");
  commands->push_back({create, [global, options] { return CreateDisposal(*global, *options); }});
}

constexpr char kUpdateFooter[] =
    R"(Changes a draft (a published disposal is changed only by its transitions). The file
holds the disposal as `disposal create` takes it, or as `disposal show -o json` prints it;
--version is the version it was read at: if the draft changed since, the update fails with
ABORTED, and nothing changes. --mask names the top-level fields to replace (title, lots,
methods, payment_terms, deposit, reserve_price, contact_details, channels, validity_months,
window_working_days, window_counting); without it every one is replaced, and one the file
leaves out is cleared. A lot names its claim in the file, or takes --claim's, as with
`disposal create`; a mask without lots sends none, so their claims are not asked for.

Examples:
  disposalctl disposal update ID -f draft.yaml --version 1
  disposalctl disposal update ID -f deposit.yaml --version 2 --mask deposit)";

void AddUpdate(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<UpdateDisposalOptions>();
  CLI::App* update = group->add_subcommand("update", "Change a draft disposal from a file");
  update->footer(kUpdateFooter);
  update->add_option("id", options->id, "the disposal's id (UUID)")->type_name("ID")->required();
  update->add_option("-f,--file", options->file, "disposal file (.json, .yaml, .yml), - for stdin")
      ->type_name("FILE")
      ->required();
  update->add_option("--version", options->version, "the draft's version the file was read at")
      ->type_name("N")
      ->required()
      ->transform(WholeNumberIn(std::int64_t{1}, std::int64_t{1'000'000'000}));
  update->add_option("--mask", options->mask, "top-level fields to replace, comma-separated")
      ->type_name("FIELD")
      ->delimiter(',')
      ->allow_extra_args(false);
  update->add_option("--claim", options->claim_id, "claim id for every lot that names none")
      ->type_name("CLAIM_ID");
  AddRequestIdOption(update, &options->request_id);
  update->add_flag("--dry-run", options->dry_run,
                   "print the UpdateDisposalRequest as JSON instead of sending it");
  commands->push_back({update, [global, options] { return UpdateDisposal(*global, *options); }});
}

void AddShow(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ShowDisposalOptions>();
  CLI::App* show = group->add_subcommand("show", "Print one disposal as a notice");
  show->footer(kShowFooter);
  show->add_option("id", options->id, "the disposal's id (UUID)")->type_name("ID")->required();
  show->add_option("--as-of-time", options->as_of_time,
                   "show the disposal as it was at this instant (for audits; default: now)")
      ->type_name("RFC3339");
  commands->push_back({show, [global, options] { return ShowDisposal(*global, *options); }});
}

void AddList(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListDisposalsOptions>();
  CLI::App* list = group->add_subcommand("list", "List disposals, a page at a time");
  list->footer(kListFooter);
  list->add_option("--page-size", options->page_size,
                   "disposals per page, 1..200 (server default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  list->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back({list, [global, options] { return ListDisposals(*global, *options); }});
}

void AddPublish(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<PublishDisposalOptions>();
  CLI::App* publish =
      group->add_subcommand("publish", "Publish a draft and open its objection window");
  publish->footer(kPublishFooter);
  publish->add_option("id", options->id, "the disposal's id (UUID)")->type_name("ID")->required();
  publish->add_option("--date", options->publication_date, "the day the notice appears")
      ->type_name("YYYY-MM-DD")
      ->required();
  AddVersionOption(publish, &options->version);
  AddRequestIdOption(publish, &options->request_id);
  commands->push_back({publish, [global, options] { return PublishDisposal(*global, *options); }});
}

struct TransitionSpec {
  const char* name;
  const char* description;
  const char* footer;
  disposal::v1::Transition transition;
};

constexpr TransitionSpec kTransitions[] = {
    {"suspend", "Suspend a published disposal",
     R"(Allowed from published or window-closed. The reason goes to the audit trail.

Examples:
  disposalctl disposal suspend 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --reason "异议待核实"
  disposalctl disposal suspend ID --reason "court order" --version 4)",
     disposal::v1::TRANSITION_SUSPEND},
    {"resume", "Resume a suspended disposal (the deadline is kept)",
     R"(Allowed from suspended; the disposal is published again with its deadline unchanged.

Examples:
  disposalctl disposal resume 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --reason "异议已处理"
  disposalctl disposal resume ID --reason "order lifted" --version 5)",
     disposal::v1::TRANSITION_RESUME},
    {"withdraw", "Withdraw a disposal for good",
     R"(Allowed from draft, published, window-closed or suspended. Cannot be undone.

Examples:
  disposalctl disposal withdraw 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --reason "债务人已清偿"
  disposalctl disposal withdraw ID --reason "entered twice" --version 1)",
     disposal::v1::TRANSITION_WITHDRAW},
};

void AddTransition(CLI::App* group, const TransitionSpec& spec, const GlobalOptions* global,
                   std::vector<Command>* commands) {
  auto options = std::make_shared<TransitionDisposalOptions>();
  options->transition = spec.transition;
  CLI::App* command = group->add_subcommand(spec.name, spec.description);
  command->footer(spec.footer);
  command->add_option("id", options->id, "the disposal's id (UUID)")->type_name("ID")->required();
  command->add_option("--reason", options->reason, "why, 1..500 characters (audit trail)")
      ->type_name("TEXT")
      ->required();
  AddVersionOption(command, &options->version);
  AddRequestIdOption(command, &options->request_id);
  commands->push_back(
      {command, [global, options] { return TransitionDisposal(*global, *options); }});
}

void AddGate(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CheckAwardGateOptions>();
  CLI::App* gate = group->add_subcommand("gate", "May an award be made? Yes, or every reason not");
  gate->footer(kGateFooter);
  gate->add_option("id", options->id, "the disposal's id (UUID)")->type_name("ID")->required();
  gate->add_option("--lot", options->lot_id, "only this lot")->type_name("LOT_ID");
  gate->add_option("--at", options->at_time, "when the award would be made (default: now)")
      ->type_name("RFC3339");
  commands->push_back({gate, [global, options] { return CheckAwardGate(*global, *options); }});
}

}  // namespace

void AddDisposalCommands(CLI::App* app, const GlobalOptions* global,
                         std::vector<Command>* commands) {
  CLI::App* group =
      app->add_subcommand("disposal", "Publish disposals (处置) and check the award gate");
  group->footer(kDisposalFooter);
  group->require_subcommand(1);
  AddCreate(group, global, commands);
  AddUpdate(group, global, commands);
  AddShow(group, global, commands);
  AddList(group, global, commands);
  AddPublish(group, global, commands);
  for (const TransitionSpec& spec : kTransitions) AddTransition(group, spec, global, commands);
  AddGate(group, global, commands);
}

}  // namespace disposalctl
