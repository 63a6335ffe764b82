#include "ledger_commands.h"

#include <memory>
#include <string>

#include "disposal/v1/ledger.pb.h"
#include "enum_text.h"
#include "ledger_actions.h"
#include "ledger_options.h"
#include "number_checks.h"
#include "outcome_commands.h"

namespace disposalctl {
namespace {

constexpr char kLedgerFooter[] =
    R"(The ledger (复式记账, debits = credits): what the AMC books about each claim, to the fen.
A claim's accounts are opened (principal and interest at its tranches' cut-off dates) by
its first accrual. `disposalctl statement` and `disposalctl trial-balance` read the ledger.

Examples:
  disposalctl ledger accrue 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --through 2021-09-30
  disposalctl ledger entries 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --all --postings
  disposalctl ledger reverse 42 --memo "利息减免: October's interest waived")";

constexpr char kAccrueFooter[] =
    R"(Books the interest the claim accrued since its last accrual (or its tranches' cut-off
dates) through --through, one entry per calendar month; a month already booked is never
booked again. Each tranche accrues at its contract rate; where it has a penalty rate, the
surcharge above the contract rate (penalty interest, 罚息) accrues with it as interest, which
a debtor's payment clears before principal. --compound also accrues
compound interest (复利) on the interest overdue at cut-off. Interest for delayed performance
of a judgment (加倍部分债务利息, 法释〔2014〕8号) accrues when --court-debt and
--court-delay-start are given, at 0.0175% a day unless --court-daily-rate says otherwise. Amounts take the friendly
forms ("5000万", "1.5亿", "1,000,000.00"). A claim with accrual terms of its own (see
`claim get`) accrues on them: leave these options out, or give the same. Without them and
without --basis, ACT/360. The first accrual also books the opening entry.
Prints each entry booked and the totals. FAILED_PRECONDITION when no tranche has a rate.

Without --request-id a new UUID is used; it is printed if the call fails, so that
rerunning with --request-id <that id> cannot book anything twice.

Examples:
  disposalctl ledger accrue 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --through 2021-09-30
  disposalctl ledger accrue ID --through 2021-12-31 --basis act365 --compound
  disposalctl ledger accrue ID --through 2022-03-31 --court-debt 44865.89万 \
      --court-delay-start 2022-01-16 --request-id accrue-2022q1)";

constexpr char kEntriesFooter[] =
    R"(Oldest first: every entry touching the claim's accounts (and deposits kept from its lots'
buyers), with the total it debits.
--postings also prints each entry's postings (account, tranche, debit, credit). Prints the
token of the next page when there is one; --all follows the tokens (at most 1000 pages).

Examples:
  disposalctl ledger entries 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl ledger entries 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --all --postings
  disposalctl ledger entries ID --all -o json | jq '.entries[].entry_id')";

constexpr char kReverseFooter[] =
    R"(Books an entry of opposite postings, effective on --date (default: the reversed entry's
date). An entry is reversed once: an accrual, a payment (a bounced transfer: it no longer
counts towards its instalments, and a debtor's puts back what it paid), or an award (the
buyer defaulted: the lot's balances come back on the claim and the lot may be awarded again;
first reverse the payments and later awards booked on the claim after it), or a deposit
kept from a defaulting buyer (refunded after all: its outcome no longer shows it). A
payment or an award is reversed on its own date. Refused (FAILED_PRECONDITION): an opening
entry or a reversal; an accrual or payment on a tranche sold since; an accrual that a
principal change booked after it corrects, or that caught a rescinded lot up. A reversed
accrual's month stays accrued: its interest is waived, and no later accrual books it again
(correcting a rate is not a reversal). The memo says why, for the audit trail. Prints the
reversal. --request-id works as for `ledger accrue`.

Examples:
  disposalctl ledger reverse 42 --memo "利息减免: October's interest waived"
  disposalctl ledger reverse 57 --memo "买受人未按期付款，撤销成交"
  disposalctl ledger reverse 61 --memo "退票：付款未到账")";

constexpr char kStatementFooter[] =
    R"(The claim's book value as the ledger holds it as of --as-of (default: today,
Asia/Shanghai): opening principal and interest, interest and penalty accrued since, costs
the AMC paid for it (`cost record`), penalties judged after its books opened, the balances
left on its principal, interest, penalty and costs accounts, cash recovered, the receivable
balance (what the buyers of its lots still owe), the loss booked on disposal (negative: a
gain), debt relief granted, deposits kept from defaulting buyers (not counted as recovered),
in 元 and 万元, and the date the claim is accrued through. `claim get` prints the claim as recorded instead.

Examples:
  disposalctl statement 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182
  disposalctl statement 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --as-of 2021-09-30 -o json
  disposalctl statement 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --as-of-time 2021-10-08T09:00:00+08:00)";

constexpr char kTrialBalanceFooter[] =
    R"(Every account's debits, credits and balance (debits - credits), counting the entries
effective on or before --as-of (default: today, Asia/Shanghai); then the totals and
"balanced", or "NOT BALANCED: debits X, credits Y" and exit status 1 (FAILED_PRECONDITION),
with -o json too, so that a script can check the ledger.

Examples:
  disposalctl trial-balance
  disposalctl trial-balance --as-of 2021-09-30 -o json
  disposalctl trial-balance --as-of-time 2021-10-08T09:00:00+08:00)";

void AddAccrue(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<AccrueInterestOptions>();
  CLI::App* accrue = group->add_subcommand("accrue", "Book a claim's interest through a date");
  accrue->footer(kAccrueFooter);
  accrue->add_option("claim_id", options->claim_id, "the claim's id (UUID)")
      ->type_name("CLAIM_ID")
      ->required();
  accrue->add_option("--through", options->through_date, "accrue through this day (inclusive)")
      ->type_name("YYYY-MM-DD")
      ->required();
  AddBasisOptions(accrue, &options->terms, nullptr);
  AddCourtOptions(accrue, &options->terms.court, nullptr);
  AddRequestIdOption(accrue, &options->request_id);
  commands->push_back(
      {accrue, [global, options] { return AccrueClaimInterest(*global, *options); }});
}

void AddEntries(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListEntriesOptions>();
  CLI::App* entries = group->add_subcommand("entries", "List a claim's journal entries");
  entries->footer(kEntriesFooter);
  entries->add_option("claim_id", options->claim_id, "the claim's id (UUID)")
      ->type_name("CLAIM_ID")
      ->required();
  entries->add_option("--page-size", options->page_size, "entries per page, 1..200 (default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  entries->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  entries->add_flag("--all", options->all_pages,
                    "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                    "naming the token to go on from, when more are left)");
  entries->add_flag("--postings", options->with_postings, "also print each entry's postings");
  commands->push_back(
      {entries, [global, options] { return ListLedgerEntries(*global, *options); }});
}

void AddReverse(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ReverseEntryOptions>();
  CLI::App* reverse = group->add_subcommand("reverse", "Reverse a booked entry");
  reverse->footer(kReverseFooter);
  reverse->add_option("entry_id", options->entry_id, "the entry's id")
      ->type_name("ENTRY_ID")
      ->required()
      ->transform(WholeNumberFrom(1));
  reverse->add_option("--memo", options->memo, "why, 1..500 characters (audit trail)")
      ->type_name("TEXT")
      ->required();
  reverse
      ->add_option("--date", options->effective_date,
                   "the reversal's effective day (default: the reversed entry's)")
      ->type_name("YYYY-MM-DD");
  AddRequestIdOption(reverse, &options->request_id);
  commands->push_back(
      {reverse, [global, options] { return ReverseLedgerEntry(*global, *options); }});
}

void AddStatement(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<LedgerStatementOptions>();
  CLI::App* statement =
      app->add_subcommand("statement", "A claim's book value, accruals and recoveries (ledger)");
  statement->footer(kStatementFooter);
  statement->add_option("claim_id", options->claim_id, "the claim's id (UUID)")
      ->type_name("CLAIM_ID")
      ->required();
  AddAsOfOption(statement, &options->as_of);
  AddAsOfTimeOption(statement, &options->as_of_time);
  commands->push_back(
      {statement, [global, options] { return ShowLedgerStatement(*global, *options); }});
}

void AddTrialBalance(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<TrialBalanceOptions>();
  CLI::App* trial = app->add_subcommand("trial-balance", "Every account's balance; do they agree?");
  trial->footer(kTrialBalanceFooter);
  AddAsOfOption(trial, &options->as_of);
  AddAsOfTimeOption(trial, &options->as_of_time);
  commands->push_back({trial, [global, options] { return ShowTrialBalance(*global, *options); }});
}

}  // namespace

void AddLedgerCommands(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  CLI::App* group = app->add_subcommand("ledger", "Accrue interest and read the journal (账务)");
  group->footer(kLedgerFooter);
  group->require_subcommand(1);
  AddAccrue(group, global, commands);
  AddEntries(group, global, commands);
  AddReverse(group, global, commands);
  AddStatement(app, global, commands);
  AddTrialBalance(app, global, commands);
  AddOutcomeCommands(app, global, commands);
}

}  // namespace disposalctl
