#include "registry_commands.h"

#include <memory>
#include <string>

#include "number_checks.h"
#include "registry_actions.h"

namespace disposalctl {
namespace {

constexpr char kRegistryFooter[] =
    R"(The registry holds what bidder eligibility is checked against: persons and their roles
(civil servants, AMC staff, intermediaries, ...), organisations, family relations,
shareholdings and offices, the people engaged on each disposal, and published lists
(失信被执行人, sanctions). Every change bumps the registry version that decisions cite.

Examples:
  disposalctl registry import registry.csv
  disposalctl registry apply -f changes.yaml
  disposalctl registry show --person 11010519491231002X)";

constexpr char kImportFooter[] =
    R"(One change a line; column 1 is the kind, with a leading "-" to remove the entry:
  person,NATIONAL_ID,NAME[,INCAPACITATED 0|1]
  organization,CREDIT_CODE,NAME[,FINANCIAL 0|1,STATE_OWNED 0|1,DEREGISTERED 0|1]
  role,NATIONAL_ID,ROLE,EMPLOYER,EMPLOYER_CREDIT_CODE,VALID_FROM[,VALID_TO]
  relation,NATIONAL_ID,KIND,OTHER_NATIONAL_ID      ("A,parent,B": A is B's parent)
  participation,NATIONAL_ID,CREDIT_CODE,KIND,PERCENT,VALID_FROM[,VALID_TO]
  engagement,DISPOSAL_ID,NATIONAL_ID,ROLE
  list,KIND,IDENTIFIER,SOURCE,LIST_VERSION
Roles: civil_servant, financial_regulator_staff, law_enforcement_officer, amc_staff,
debtor_management, lawyer, accountant, appraiser, auctioneer, appraisal_agency_head.
Relations: spouse, parent, child, grandparent, grandchild, sibling. Participations:
shareholder, director, supervisor, senior_manager, actual_controller. Lists:
dishonest_judgment_debtor, sanctions. Dates YYYY-MM-DD; an empty VALID_TO is open.
Fields may be in quotes ("", for a quote), so names may hold commas. Blank lines and
lines starting with # are skipped.

All or nothing: if any row is invalid, nothing is applied and the rejected rows are
printed as "line N: reason" (the first 1,000; exit status 1). References to persons and
organisations the registry lacks are checked only once every row parses. Progress goes
to stderr: a bar on a terminal, one line otherwise. The upload and the server's applying
it must finish within --timeout (at most 300 s); raise it for large files. A call that
fails after the whole file was sent may have been applied all the same (an import has no
request id): check `disposalctl audit history --registry --kind ImportRegistry` before
importing it again.

Examples:
  disposalctl registry import registry.csv
  disposalctl registry import registry.csv --timeout 300 --chunk-bytes 1048576
  gunzip -c registry.csv.gz | disposalctl registry import - --expect-sha256 HEX

From a pipe (-), a producer that fails midway ends the input as a finished file would:
give --expect-sha256 (the file's digest, as sha256sum prints it) so that a cut-off input is
refused before the server may apply it.)";

constexpr char kApplyFooter[] =
    R"(The file holds one ApplyRegistryChangesRequest (1..1000 changes, applied together) as
JSON or YAML, with friendly dates and enums:

  changes:
    - person: {national_id: 11010519491231002X, name: 张三}
    - relation: {national_id: 11010519491231002X, kind: spouse,
                 other_national_id: 110105195001010012}
    - role: {national_id: 11010519491231002X, role: appraisal-agency-head,
             employer: 某评估公司, valid_from: 2020-01-01}
    - participation: {national_id: 11010519491231002X, credit_code: 91110000100000000R,
                      kind: shareholder, percent: 30, valid_from: 2019-03-01}
    - list_entry: {kind: sanctions, identifier: 91110000100000000R, source: OFAC,
                   list_version: 2026-10-01}
      remove: true

A percent is the number of percent: 30 for 30% ("30%" is refused). Without --request-id
the file's request_id is used, else a new UUID; it is printed if the call fails, so that a
retry with it cannot apply the changes twice.

Examples:
  disposalctl registry apply -f changes.yaml
  disposalctl registry apply -f changes.json --request-id reg-2026-11-05-1
  disposalctl registry apply -f changes.yaml --dry-run)";

void AddImport(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ImportRegistryOptions>();
  CLI::App* import = group->add_subcommand("import", "Load a registry CSV file (all or nothing)");
  import->footer(kImportFooter);
  import->add_option("file", options->file, "registry CSV file, - for stdin")
      ->type_name("FILE")
      ->required();
  import
      ->add_option("--chunk-bytes", options->chunk_bytes,
                   "bytes per streamed message, 1..1048576 (1 MiB)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kImportChunkBytesMax))
      ->capture_default_str();
  import
      ->add_option("--expect-sha256", options->expect_sha256,
                   "the input's SHA-256 (as sha256sum prints it): a mismatch cancels the upload, "
                   "nothing applied")
      ->type_name("HEX");
  commands->push_back({import, [global, options] { return ImportRegistry(*global, *options); }});
}

void AddApply(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ApplyRegistryOptions>();
  CLI::App* apply = group->add_subcommand("apply", "Apply a few changes from a JSON or YAML file");
  apply->footer(kApplyFooter);
  apply->add_option("-f,--file", options->file, "changes file (.json, .yaml, .yml), - for stdin")
      ->type_name("FILE")
      ->required();
  apply
      ->add_option("--request-id", options->request_id,
                   "id that makes a retry safe (default: the file's, else a new UUID)")
      ->type_name("ID");
  apply->add_flag("--dry-run", options->dry_run,
                  "print the ApplyRegistryChangesRequest as JSON instead of sending it");
  commands->push_back(
      {apply, [global, options] { return ApplyRegistryChanges(*global, *options); }});
}

constexpr char kShowFooter[] =
    R"(Prints the person or organisation as registered, then every entry naming it, each with
its key: a person's roles (ended ones included), family relations (either side),
participations, engagements on disposals and list entries; an organisation's flags, the
roles held with it as employer, the participations in it and its list entries. To end an
entry, apply it again with valid_to; to take one out, apply it with remove: true.

Examples:
  disposalctl registry show --person 11010519491231002X
  disposalctl registry show --organization 91110000100000000R -o json)";

void AddShow(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ShowRegistryOptions>();
  CLI::App* show =
      group->add_subcommand("show", "What the registry holds on a person or organisation");
  show->footer(kShowFooter);
  CLI::Option* person =
      show->add_option("--person", options->national_id, "a person, by national ID")
          ->type_name("NATIONAL_ID");
  CLI::Option* organization =
      show->add_option("--organization", options->credit_code, "an organisation, by credit code")
          ->type_name("CREDIT_CODE");
  person->excludes(organization);
  commands->push_back({show, [global, options] { return ShowRegistryParty(*global, *options); }});
}

}  // namespace

void AddRegistryCommands(CLI::App* app, const GlobalOptions* global,
                         std::vector<Command>* commands) {
  CLI::App* group = app->add_subcommand(
      "registry", "Maintain the registry bidder eligibility is checked against");
  group->footer(kRegistryFooter);
  group->require_subcommand(1);
  AddImport(group, global, commands);
  AddApply(group, global, commands);
  AddShow(group, global, commands);
}

}  // namespace disposalctl
