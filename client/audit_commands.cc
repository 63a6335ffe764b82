#include "audit_commands.h"

#include <memory>
#include <string>

#include "audit_actions.h"
#include "decision_list.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

constexpr char kAuditFooter[] =
    R"(Every change to a claim, a disposal or an access token (--disposal, --token), to the bidder
registry (--registry) or to an official calendar year (--calendar-year YEAR) is an event in
that subject's own hash chain: each
event's hash covers its contents and the hash of the event before it, so an event edited,
removed, inserted or moved afterwards shows. Keep the head that `audit check` prints and give
it later (audit check --expect-head, audit verify --expect-head): the chain, grown or not, must
still pass through it, or it was rewritten. Times are shown in Asia/Shanghai.

Examples:
  disposalctl audit history 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl audit check 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl audit export 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --out claim-6f1c-audit
  disposalctl audit verify claim-6f1c-audit)";

constexpr char kHistoryFooter[] =
    R"(Oldest first, in chain order: position, time (Asia/Shanghai), actor, role, kind, request id
and the first digits of the hash. --kind (repeat it, or separate kinds by commas), --since and
--until select events; a selected history skips positions. -o json prints each event as one
line of proto JSON as it arrives, as an export's events.jsonl holds them. Each event shown is
checked against its own hash: one whose contents were changed after it was recorded makes the
command end DATA_LOSS (exit 1) naming it, after printing what came (run `audit check` for the
links between events and events removed). The whole stream must finish within --timeout; raise
it for long histories.

Examples:
  disposalctl audit history 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl audit history ID --kind UpdateClaim,RecordPayment --since 2021-08-01T00:00:00+08:00
  disposalctl audit history DISPOSAL_ID --disposal --after 120 -o json | jq -r .payload_json
  disposalctl audit history TOKEN_ID --token
  disposalctl audit history --registry --kind ImportRegistry
  disposalctl audit history --calendar-year 2027)";

constexpr char kCheckFooter[] =
    R"(The server recomputes every hash of the chain. Prints "ok: 12 events, head 12 <hash>", or
"broken: " and the first broken event and why (edited, removed, inserted, reordered or
malformed); the exit status is then 1 (DATA_LOSS). Keep the head: a chain rewritten
consistently afterwards still recomputes, but --expect-head POSITION:HASH then finds that
event changed (the chain may have grown past it meanwhile).

Examples:
  disposalctl audit check 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl audit check DISPOSAL_ID --disposal -o json
  disposalctl audit check --registry
  disposalctl audit check 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --expect-head 12:<64 hex digits>)";

constexpr char kExportFooter[] =
    R"(Writes the whole history into DIR (created if missing; refused unless empty):
  events.jsonl   one event a line as proto JSON, in chain order (owner-only: names, ids)
  manifest.json  the subject, the event count, first and head positions, the head hash, the
                 time range, the export time and the server
Events are written as they arrive, so a history of any length fits in memory, and the chain
is checked on the way: a broken chain is still exported as sent, then reported with exit
status 1 (DATA_LOSS). If the stream fails or is interrupted (Ctrl-C), nothing is kept.
Progress goes to stderr on a terminal. The whole stream must finish within --timeout; raise
it for long histories.
`disposalctl audit verify DIR` checks the export later, without a server.

Examples:
  disposalctl audit export 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --out claim-6f1c-audit
  disposalctl audit export DISPOSAL_ID --disposal --out disposal-audit --timeout 300
  disposalctl audit export --registry --out registry-audit --timeout 300)";

constexpr char kVerifyFooter[] =
    R"(Offline: needs no server. Recomputes every event of DIR/events.jsonl, a line at a time, and
checks that the chain links and ends where DIR/manifest.json says. Prints "ok: 12 events, head
<hash>" (compare the head with `audit check`, or with one kept from before), or "broken: " and
the first broken event and why, with exit status 1 (DATA_LOSS). A line that is not an event is
malformed. A folder without a readable manifest is refused with exit status 2.
The manifest is written by whoever made the export: removing the last events and rewriting
the manifest to match is caught only against a head kept from before. Pass it with
--expect-head POSITION:HASH and the chain must pass through it (it may have grown since): from
"ok: 12 events, head <hash>"
of an earlier `audit check`, 12:<hash> (a whole chain's head is at the position of its count;
`-o json` prints head_chain_seq and head_hash).

Examples:
  disposalctl audit verify claim-6f1c-audit
  disposalctl audit verify claim-6f1c-audit --expect-head 12:<the 64 hex digits of the head>
  disposalctl audit verify claim-6f1c-audit -o json)";

constexpr char kDecisionFooter[] =
    R"(Every eligibility check is kept as a decision (its id is in `eligibility check`'s output):
the request as it was asked, who asked, and the answer with its reasons and registry version.

Examples:
  disposalctl decision list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --outcome ineligible
  disposalctl decision get 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f
  disposalctl decision replay 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f)";

constexpr char kDecisionGetFooter[] =
    R"(Prints who asked, the disposal, the bidder and what they declared, then the decision:
outcome, decision id, registry version, as-of date, decision time and each reason.

Examples:
  disposalctl decision get 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f
  disposalctl decision get 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f -o json)";

constexpr char kReplayFooter[] =
    R"(The server decides the stored request again against the registry as it was at the
decision's registry version. Prints "same" or "DIFFERENT", both outcomes with their rule ids,
and each difference; the exit status is 1 (FAILED_PRECONDITION) when they differ, and also
when the registry no longer keeps the history of that version.

Examples:
  disposalctl decision replay 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f
  disposalctl decision replay 0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f -o json)";

void AddSubjectOptions(CLI::App* command, AuditSubjectOptions* subject) {
  command
      ->add_option("id", subject->id,
                   "the claim's id (UUID), or a disposal's (--disposal) or a token's (--token); "
                   "none with --registry, --registry-version or --calendar-year")
      ->type_name("ID");
  CLI::Option* disposal =
      command->add_flag("--disposal", subject->disposal, "the id is a disposal's");
  command
      ->add_flag("--token", subject->token,
                 "the id is an access token's: its creation and revocation (`token list`)")
      ->excludes(disposal);
  command->add_flag("--registry", subject->registry,
                    "the bidder registry's changes, one chain (no id)");
  command
      ->add_option("--registry-version", subject->registry_version,
                   "one registry change made by a server older than the registry's one chain, by "
                   "the version it made: its own "
                   "chain (no id)")
      ->type_name("N")
      ->transform(WholeNumberIn(std::int64_t{1}, std::int64_t{1} << 62));
  command
      ->add_option("--calendar-year", subject->calendar_year,
                   "an official calendar year's imports (no id)")
      ->type_name("YEAR")
      ->transform(WholeNumberIn(1900, 2200));
}

CLI::Option* AddPageSizeOption(CLI::App* command, int* page_size) {
  return command
      ->add_option("--page-size", *page_size, "events per streamed message, 1..1000 (default 500)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kHistoryPageSizeMax));
}

void AddHistory(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<AuditHistoryOptions>();
  CLI::App* history =
      group->add_subcommand("history", "A claim's (or another subject's) events, oldest first");
  history->footer(kHistoryFooter);
  AddSubjectOptions(history, &options->subject);
  history->add_option("--kind", options->kinds, "only events of this kind, e.g. UpdateClaim")
      ->type_name("KIND")
      ->delimiter(',')
      ->allow_extra_args(false);
  history->add_option("--since", options->since, "only events at or after this time")
      ->type_name("RFC3339");
  history->add_option("--until", options->until, "only events before this time")
      ->type_name("RFC3339");
  history->add_option("--after", options->after_chain_seq, "resume after this chain position")
      ->type_name("N")
      ->transform(WholeNumberIn(std::int64_t{0}, kAfterChainSeqMax));
  AddPageSizeOption(history, &options->page_size);
  commands->push_back({history, [global, options] { return ShowAuditHistory(*global, *options); }});
}

void AddCheck(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<AuditCheckOptions>();
  CLI::App* check = group->add_subcommand(
      "check", "Have the server verify a claim's (or another subject's) chain");
  check->footer(kCheckFooter);
  AddSubjectOptions(check, &options->subject);
  check
      ->add_option("--expect-head", options->expect_head,
                   "a head kept from an earlier check: the chain must still pass through it")
      ->type_name("POSITION:HASH");
  commands->push_back({check, [global, options] { return CheckAuditHistory(*global, *options); }});
}

void AddExport(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<AuditExportOptions>();
  CLI::App* exported =
      group->add_subcommand("export", "Save a subject's whole history for offline verification");
  exported->footer(kExportFooter);
  AddSubjectOptions(exported, &options->subject);
  exported->add_option("--out", options->out_dir, "a new or empty folder")
      ->type_name("DIR")
      ->required();
  AddPageSizeOption(exported, &options->page_size);
  commands->push_back(
      {exported, [global, options] { return ExportAuditHistory(*global, *options); }});
}

void AddVerify(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<VerifyExportOptions>();
  CLI::App* verify = group->add_subcommand("verify", "Verify an export offline (no server)");
  verify->footer(kVerifyFooter);
  verify->add_option("dir", options->dir, "the folder `audit export` wrote")
      ->type_name("DIR")
      ->required();
  verify
      ->add_option("--expect-head", options->expect_head,
                   "the chain must pass through this head, kept from an earlier `audit check`")
      ->type_name("POSITION:HASH");
  commands->push_back({verify, [global, options] { return VerifyAuditExport(*global, *options); }});
}

void AddDecisionGet(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<DecisionOptions>();
  CLI::App* get = group->add_subcommand("get", "Print a stored eligibility decision");
  get->footer(kDecisionGetFooter);
  get->add_option("decision_id", options->decision_id, "the decision's id (UUID)")
      ->type_name("DECISION_ID")
      ->required();
  commands->push_back(
      {get, [global, options] { return ShowEligibilityDecision(*global, *options); }});
}

void AddDecisionReplay(CLI::App* group, const GlobalOptions* global,
                       std::vector<Command>* commands) {
  auto options = std::make_shared<DecisionOptions>();
  CLI::App* replay =
      group->add_subcommand("replay", "Decide a stored decision again; is the answer the same?");
  replay->footer(kReplayFooter);
  replay->add_option("decision_id", options->decision_id, "the decision's id (UUID)")
      ->type_name("DECISION_ID")
      ->required();
  commands->push_back(
      {replay, [global, options] { return ReplayEligibilityDecision(*global, *options); }});
}

constexpr char kDecisionListFooter[] =
    R"(Oldest first: when each bidder was checked on the disposal, the outcome, the registry
version, who asked and the decision's id (`decision get ID` prints it whole). Decisions of
the last 5 seconds are not listed yet (their receipts may still be on their way). Prints the
token of the next page when there is one; --all follows them.

Examples:
  disposalctl decision list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --outcome ineligible
  disposalctl decision list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --bidder 11010519491231002X
  disposalctl decision list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --all --output json)";

void AddDecisionList(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListDecisionsOptions>();
  CLI::App* list = group->add_subcommand("list", "A disposal's stored eligibility decisions");
  list->footer(kDecisionListFooter);
  list->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  list->add_option("--bidder", options->bidder, "only this bidder's decisions")
      ->type_name("NATIONAL_ID|CREDIT_CODE");
  list->add_option("--outcome", options->outcome, "only decisions with this outcome")
      ->type_name("eligible|ineligible|review");
  list->add_option("--page-size", options->page_size, "decisions per page, 1..1000")
      ->type_name("N")
      ->transform(WholeNumberIn(1, 1000))
      ->capture_default_str();
  list->add_option("--page-token", options->page_token, "the next page, as a listing printed it")
      ->type_name("TOKEN");
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back(
      {list, [global, options] { return ListEligibilityDecisions(*global, *options); }});
}

}  // namespace

void AddAuditCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  CLI::App* audit =
      app->add_subcommand("audit", "Read, verify and export the hash-chained audit history");
  audit->footer(kAuditFooter);
  audit->require_subcommand(1);
  AddHistory(audit, global, commands);
  AddCheck(audit, global, commands);
  AddExport(audit, global, commands);
  AddVerify(audit, global, commands);
  CLI::App* decision =
      app->add_subcommand("decision", "List, fetch and replay stored eligibility decisions");
  decision->footer(kDecisionFooter);
  decision->require_subcommand(1);
  AddDecisionGet(decision, global, commands);
  AddDecisionReplay(decision, global, commands);
  AddDecisionList(decision, global, commands);
}

}  // namespace disposalctl
