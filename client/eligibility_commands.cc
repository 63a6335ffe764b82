#include "eligibility_commands.h"

#include <memory>
#include <string>

#include "eligibility_actions.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

constexpr char kEligibilityFooter[] =
    R"(Who may bid in a disposal: the exclusions of 财金〔2005〕74号 and
法发〔2009〕19号 (civil servants, AMC staff, intermediaries on the disposal, the debtor's
management and their close relatives, related companies, ...), civil capacity and ability
to pay. Every decision gives each reason with its citation and the path through the
registry that triggered it, and is kept in the audit log under its decision id.

Examples:
  disposalctl eligibility check DISPOSAL_ID --person 11010519491231002X --name 张三
  disposalctl eligibility check-batch DISPOSAL_ID -f bidders.csv)";

constexpr char kCheckFooter[] =
    R"(Prints the outcome (ELIGIBLE, INELIGIBLE, or REVIEW when a person must look), the
decision id, the registry version and date it was decided against, the settings that
shaped it, and each reason: rule id, citation, message and path, e.g.
  bidder 某投资公司 (91110000100000000R) -> shareholder 30% 张三 (11010519491231002X)
  -> spouse 李四 (110105195001010012) -> appraisal agency head on this disposal
Amounts take the friendly forms ("50万", "1,000,000.00", "1.5亿"). A query: the exit
status is 0 whatever the outcome; 1 when the call fails (e.g. a malformed identifier).

Examples:
  disposalctl eligibility check 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f \
      --person 11010519491231002X --name 张三 --deposit-paid 50万
  disposalctl eligibility check 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f \
      --organization 91110000100000000R --name 某投资公司 --as-of 2026-11-05 -o json)";

constexpr char kCheckBatchFooter[] =
    R"(The file holds one bidder a line:
  person|organization,IDENTIFIER,NAME[,OWN_LABOUR_INCOME 0|1[,DEPOSIT_PAID[,PROOF_OF_FUNDS]]]
(OWN_LABOUR_INCOME: a person aged 16-17 declared to live on their own labour's income;
DEPOSIT_PAID and PROOF_OF_FUNDS: yuan, e.g. 500000 or 50万, empty for none. On a disposal with
a deposit, a bidder with neither is ineligible for want of it).
Fields may be in quotes ("), and an amount with commas must be ("50,000": unquoted, its
thousands groups would be read as the next columns, so a row that reads so is refused);
blank lines, lines starting with # and a header line
"kind,..." are skipped. Every bidder is checked against the same registry snapshot.

Prints one line per bidder (index from 0, file line, identifier, name, outcome, rule ids)
and a summary. A bidder that could not be checked (e.g. a malformed identifier) is listed
with its index and error; the exit status is then 1.

--timeout bounds the whole batch (at most 300 s). With a partner token the checks are paced
to its call quota: at 5,000 a second, 100,000 bidders take 20 s (give --timeout 30; split a
file that needs more than 300 s), and a message may carry at most the quota's calls a second
(below 200, give --checks-per-message).

Examples:
  disposalctl eligibility check-batch 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f -f bidders.csv
  disposalctl eligibility check-batch ID -f bidders.csv --as-of 2026-11-05 -o json)";

void AddCheck(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CheckBidderOptions>();
  CLI::App* check = group->add_subcommand("check", "May this bidder take part? With every reason");
  check->footer(kCheckFooter);
  check->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  CLI::Option* person =
      check->add_option("--person", options->person, "the bidder is a natural person")
          ->type_name("NATIONAL_ID");
  CLI::Option* organization =
      check->add_option("--organization", options->organization, "the bidder is an organisation")
          ->type_name("CREDIT_CODE");
  person->excludes(organization);
  check->add_option("--name", options->name, "the bidder's name")->type_name("NAME")->required();
  check->add_flag("--own-labour-income", options->own_labour_income,
                  "a person aged 16-17 declares to live mainly on their own labour's income");
  check->add_option("--deposit-paid", options->deposit_paid, "the deposit (保证金) paid")
      ->type_name("AMOUNT");
  check->add_option("--proof-of-funds", options->proof_of_funds, "the funds the bidder proved")
      ->type_name("AMOUNT");
  check->add_option("--as-of", options->as_of, "the day to check as of (default: today)")
      ->type_name("YYYY-MM-DD");
  commands->push_back({check, [global, options] { return CheckEligibility(*global, *options); }});
}

void AddCheckBatch(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<CheckBatchOptions>();
  CLI::App* batch =
      group->add_subcommand("check-batch", "Check every bidder of a CSV file over one stream");
  batch->footer(kCheckBatchFooter);
  batch->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  batch->add_option("-f,--file", options->file, "bidder CSV file, - for stdin")
      ->type_name("BIDDERS.csv")
      ->required();
  batch->add_option("--as-of", options->as_of, "the day to check as of (default: today)")
      ->type_name("YYYY-MM-DD");
  batch
      ->add_option("--checks-per-message", options->checks_per_message,
                   "bidders sent in one stream message (1..1000)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, 1000))
      ->capture_default_str();
  commands->push_back(
      {batch, [global, options] { return CheckEligibilityBatch(*global, *options); }});
}

}  // namespace

void AddEligibilityCommands(CLI::App* app, const GlobalOptions* global,
                            std::vector<Command>* commands) {
  CLI::App* group = app->add_subcommand("eligibility", "Check whether bidders may take part");
  group->footer(kEligibilityFooter);
  group->require_subcommand(1);
  AddCheck(group, global, commands);
  AddCheckBatch(group, global, commands);
}

}  // namespace disposalctl
