#include "objection_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "disposal/v1/disposals.pb.h"
#include "enum_text.h"
#include "number_checks.h"
#include "submission_actions.h"

namespace disposalctl {
namespace {

constexpr int kPageSizeMax = 200;

constexpr char kObjectionFooter[] =
    R"(A published notice invites inquiries (征询), objections (异议) and reports of
obstruction (举报) for its objection window. Every one is recorded, however late: one
received after 24:00 Asia/Shanghai on the deadline is marked late. Staff resolve each once.

Examples:
  disposalctl objection add 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --kind objection \
      --channel letter --submitter 张三 --text "对债权金额有异议"
  disposalctl objection list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --unresolved
  disposalctl objection resolve 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b --resolution answered \
      --note "已电话答复")";

constexpr char kAddFooter[] =
    R"(Records one submission and prints it with its number and whether it is late (received
after the window ended, or before publication). Nothing is refused for lateness.
--received is when it reached the AMC (default: now); give the postmark or call time for
letters and calls logged afterwards. The text comes from --text or --text-file (- for stdin).

Examples:
  disposalctl objection add 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --kind inquiry \
      --channel phone --submitter 李四 --contact 13800000000 --text "询问保证金金额"
  disposalctl objection add ID --kind objection --channel letter --submitter 某公司 \
      --received 2021-08-20T10:30:00+08:00 --text-file letter.txt
  disposalctl objection add ID --kind obstruction-report --channel visit --submitter 王五 \
      --lot 8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d --text "..." --dry-run)";

constexpr char kListFooter[] =
    R"(One row per submission: number, kind, received time (Asia/Shanghai), submitter, late,
resolution and the start of the text. --all follows next-page tokens (at most 1000 pages).

Examples:
  disposalctl objection list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl objection list 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f --kind objection --unresolved
  disposalctl objection list ID --late --all -o json)";

constexpr char kResolveFooter[] =
    R"(Resolves a submission once: upheld (the objection stands; it blocks the award),
dismissed, or answered (an inquiry answered). The note says how, 1..2000 characters.

Examples:
  disposalctl objection resolve 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b --resolution answered \
      --note "已电话答复保证金金额"
  disposalctl objection resolve ID --resolution dismissed --note "异议人未提供证据" -o json)";

// The short names of `type`'s values, less the zero value and those in `excluded`.
std::vector<std::string> ChoiceNames(const google::protobuf::EnumDescriptor& type,
                                     const std::vector<int>& excluded = {}) {
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    int number = type.value(i)->number();
    bool skip = number == 0;
    for (int excluded_number : excluded) skip = skip || number == excluded_number;
    if (!skip) names.push_back(ShortEnumName(type, number));
  }
  return names;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : "|") + name;
  return text;
}

CLI::Option* AddChoiceOption(CLI::App* command, const std::string& name, std::string* value,
                             const std::string& description,
                             const std::vector<std::string>& choices) {
  return command->add_option(name, *value, description)
      ->type_name(Joined(choices))
      ->transform(CLI::IsMember(choices, CLI::ignore_case).description(""));
}

void AddTextOptions(CLI::App* add, RecordSubmissionOptions* options) {
  CLI::Option* text = add->add_option("--text", options->text, "what it says, 1..5000 characters")
                          ->type_name("TEXT");
  CLI::Option* file =
      add->add_option("--text-file", options->text_file, "read the text from FILE (- for stdin)")
          ->type_name("FILE");
  text->excludes(file);
}

void AddAdd(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<RecordSubmissionOptions>();
  CLI::App* add = group->add_subcommand("add", "Record an inquiry, objection or report");
  add->footer(kAddFooter);
  add->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  AddChoiceOption(add, "--kind", &options->kind, "what it is",
                  ChoiceNames(*disposal::v1::SubmissionKind_descriptor()))
      ->required();
  AddChoiceOption(add, "--channel", &options->channel, "how it arrived",
                  ChoiceNames(*disposal::v1::SubmissionChannel_descriptor()))
      ->required();
  add->add_option("--submitter", options->submitter, "who sent it, 1..100 characters")
      ->type_name("NAME")
      ->required();
  add->add_option("--contact", options->contact, "how to reach them, up to 200 characters")
      ->type_name("TEXT");
  add->add_option("--lot", options->lot_id, "the lot it concerns")->type_name("LOT_ID");
  add->add_option("--received", options->received, "when it reached the AMC (default: now)")
      ->type_name("RFC3339");
  AddTextOptions(add, options.get());
  add->add_option("--request-id", options->request_id,
                  "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
  add->add_flag("--dry-run", options->dry_run,
                "print the RecordSubmissionRequest as JSON instead of sending it");
  commands->push_back({add, [global, options] { return RecordSubmission(*global, *options); }});
}

void AddList(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListSubmissionsOptions>();
  CLI::App* list = group->add_subcommand("list", "List a disposal's submissions");
  list->footer(kListFooter);
  list->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  AddChoiceOption(list, "--kind", &options->kind, "only this kind",
                  ChoiceNames(*disposal::v1::SubmissionKind_descriptor()));
  list->add_flag("--unresolved", options->unresolved_only, "only those not yet resolved");
  list->add_flag("--late", options->late_only, "only those received late");
  list->add_option("--page-size", options->page_size,
                   "submissions per page, 1..200 (server default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  list->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back({list, [global, options] { return ListSubmissions(*global, *options); }});
}

void AddResolve(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ResolveSubmissionOptions>();
  CLI::App* resolve = group->add_subcommand("resolve", "Resolve a submission, with a note");
  resolve->footer(kResolveFooter);
  resolve->add_option("id", options->id, "the submission's id (UUID)")
      ->type_name("SUBMISSION_ID")
      ->required();
  AddChoiceOption(
      resolve, "--resolution", &options->resolution, "the outcome",
      ChoiceNames(*disposal::v1::Resolution_descriptor(), {disposal::v1::RESOLUTION_UNRESOLVED}))
      ->required();
  resolve->add_option("--note", options->note, "how it was resolved, 1..2000 characters")
      ->type_name("TEXT")
      ->required();
  resolve
      ->add_option("--request-id", options->request_id,
                   "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
  commands->push_back(
      {resolve, [global, options] { return ResolveSubmission(*global, *options); }});
}

}  // namespace

void AddObjectionCommands(CLI::App* app, const GlobalOptions* global,
                          std::vector<Command>* commands) {
  CLI::App* group = app->add_subcommand(
      "objection", "Record and resolve inquiries, objections and reports (征询、异议、举报)");
  group->footer(kObjectionFooter);
  group->require_subcommand(1);
  AddAdd(group, global, commands);
  AddList(group, global, commands);
  AddResolve(group, global, commands);
}

}  // namespace disposalctl
