#include "ledger_commands.h"

#include <memory>
#include <string>

#include "disposal/v1/ledger.pb.h"
#include "enum_text.h"
#include "ledger_actions.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

// ListJournalEntriesRequest.page_size (ledger.proto).
constexpr int kPageSizeMax = 200;

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
    R"(Oldest first: every entry touching the claim's accounts, with the total it debits.
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
first reverse the payments and later awards booked on the claim after it). A
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
the AMC paid for it (`cost record`), the balances left on its principal, interest, penalty and costs accounts, cash recovered, the
receivable balance (what the buyers of its lots still owe), the loss booked on disposal
(negative: a gain), debt relief granted, in 元 and 万元, and the date the claim is accrued
through. `claim get` prints the claim as recorded instead.

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

constexpr char kOutcomeFooter[] =
    R"(An outcome (处置结果) is the award of one lot of a disposal to a buyer at a price. The
ledger books the buyer's receivable (the price) against the lot's book value at the award
date; the difference is a loss on disposal (negative: a gain), or debt relief for a debt
reduction. What the buyer pays is `disposalctl payment record --outcome OUTCOME_ID`.

Examples:
  disposalctl outcome record 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f \
      --lot 8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d --method auction \
      --buyer-person 11010519491231002X --buyer-name 张三 --price 9000万
  disposalctl outcome get 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款")";

constexpr char kOutcomeRecordFooter[] =
    R"(Records and books the award of one lot (--lot may be left out when the disposal has
only one). Refused with FAILED_PRECONDITION, naming every reason, unless the award gate
allows an award at --award-time (default: now) and the buyer's eligibility check at that
time is ELIGIBLE; the decision's id is kept with the outcome. --deposit-paid is the deposit
(保证金) the buyer paid, for the ability-to-pay rule. A lot has at most one standing
outcome; `outcome rescind` undoes an award.

The price is due in one sum on the award date, or in the instalments given by --instalment
DATE:AMOUNT, once per instalment, adding up to the price exactly. Amounts take the friendly
forms ("9000万", "1.5亿", "1,000,000.00").

The lot is sold at its book value as booked: with --accrue-first the claim's interest is
first accrued through the award date, in the same transaction, so that the days since the
last accrual are part of it: on the claim's own accrual terms, else on those of its last
accrual, or on --basis, --compound and the --court-* options as for `ledger accrue`. A
claim with terms of its own always accrues first.

Prints the outcome: price, the lot's book value, the loss on disposal (book value - price;
a gain when negative), award date, eligibility decision, journal entry, and the payment
schedule (due, paid, outstanding per instalment).

Without --request-id a new UUID is used; it is printed if the call fails or is interrupted,
so that rerunning with --request-id <that id> cannot book the award twice.

Examples:
  disposalctl outcome record 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f \
      --lot 8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d --method auction \
      --buyer-person 11010519491231002X --buyer-name 张三 --price 9000万 \
      --award-time 2021-09-01T10:00:00+08:00 \
      --instalment 2021-10-01:3000万 --instalment 2021-12-01:6000万
  disposalctl outcome record ID --lot LOT_ID --method separate-listing \
      --buyer-org 91110000100000000R --buyer-name 某投资公司 --price 1500万 -o json)";

constexpr char kOutcomeRescindFooter[] =
    R"(Rescinds a standing award (撤销成交: the buyer defaulted, or the award was booked in
error): its journal entry is reversed on the award date, the lot's balances come back on the
claim, the outcome takes no more payments, and the lot may be awarded again; the next
accrual catches the lot up on the interest accrued while it was sold. Refused
(FAILED_PRECONDITION, naming the entry) while a payment or a later award booked on the claim
after the award still stands: reverse those first (`ledger reverse ENTRY_ID`).
--forfeit-deposit books the defaulting buyer's deposit (保证金) the AMC keeps, at most the
price, in the same transaction, dated today: amc/cash against amc/forfeited_deposits. Prints
the outcome, now showing the entry that rescinded it and the deposit kept.
--request-id works as for `outcome record`.

Examples:
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款"
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款" \
      --forfeit-deposit 500万)";

constexpr char kOutcomeGetFooter[] =
    R"(Prints the outcome as `outcome record` does, with what the buyer has paid on each
instalment so far and what is outstanding.

Examples:
  disposalctl outcome get 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e
  disposalctl outcome get 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e -o json)";

constexpr char kPaymentFooter[] =
    R"(Cash received, from the buyer of a lot (against its outcome) or from the debtor (against
the claim). `disposalctl statement` shows what has been recovered and what is still owed.

Examples:
  disposalctl payment record --outcome 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e \
      --amount 3000万 --received 2021-10-01
  disposalctl payment record --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 \
      --amount 50万 --received 2021-10-15)";

constexpr char kPaymentRecordFooter[] =
    R"(Books cash received, effective on --received (not in the future). A buyer's payment
(--outcome) goes to its instalments, earliest due first. A debtor's payment (--claim) goes
to the claim's costs, interest, principal, then penalty (民法典 art. 561), or in the
contract's order given by --order, which names every bucket once. The interest is what is
booked: with --accrue-first the claim's interest is first accrued through --received, in
the same transaction, so that the days since the last accrual are paid as interest too: on
the claim's own accrual terms, else on those of its last accrual, or on --basis, --compound
and the --court-* options as for `ledger accrue`. A claim with terms of its own always
accrues first.
More than is due is refused with FAILED_PRECONDITION stating the amount due, and nothing is
booked. Amounts take the friendly forms ("3000万", "1,000,000.00"). Prints the payment and
where it went. --request-id works as for `outcome record`.

Examples:
  disposalctl payment record --outcome 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e \
      --amount 3000万 --received 2021-10-01
  disposalctl payment record --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --amount 50万 \
      --received 2021-10-15 --order interest,principal,costs,penalty --request-id pay-1015
  disposalctl payment record --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --amount 50万 \
      --received 2021-10-15 --accrue-first --basis act365)";

constexpr char kCostFooter[] =
    R"(Costs the AMC paid to enforce a claim (实现债权的有关费用): court and preservation fees,
appraisal, auction commission. A debtor's payment repays them first (民法典 art. 561);
`disposalctl statement` shows them as costs advanced and on the costs balance.

Examples:
  disposalctl cost record --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --amount 12,350.00 \
      --paid 2026-03-02 --description "案件受理费 (2026)沪01民初123号")";

constexpr char kCostRecordFooter[] =
    R"(Books costs paid for a claim, effective on --paid (not in the future, not before the
claim's books open): the claim's costs account (claim level) is debited and amc/cash
credited. Refused with FAILED_PRECONDITION once the claim's costs left the books with a
sale (the whole claim, or its last tranche sold lot by lot). A refunded fee is taken back
with `disposalctl ledger reverse ENTRY_ID --memo TEXT`. Prints the journal entry.
--request-id works as for `outcome record`.

Examples:
  disposalctl cost record --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --amount 8,000.00 \
      --paid 2026-04-10 --description "评估费" --request-id cost-0410)";

// --court-debt, --court-delay-start and --court-daily-rate; with `needs`, each needs it.
void AddCourtOptions(CLI::App* command, CourtDelayOptions* court, CLI::Option* needs) {
  const std::string prefix = needs == nullptr ? "" : "with --accrue-first: ";
  CLI::Option* debt =
      command->add_option("--court-debt", court->debt, prefix + "the judgment debt in delay")
          ->type_name("AMOUNT");
  CLI::Option* start =
      command
          ->add_option("--court-delay-start", court->delay_start,
                       prefix + "the first day of delay (the day after the performance deadline)")
          ->type_name("YYYY-MM-DD");
  CLI::Option* rate = command
                          ->add_option("--court-daily-rate", court->daily_rate,
                                       prefix + "the court's daily rate (default: 0.0175%)")
                          ->type_name("RATE");
  debt->needs(start);
  start->needs(debt);
  rate->needs(debt);
  if (needs == nullptr) return;
  for (CLI::Option* option : {debt, start, rate}) option->needs(needs);
}

// --basis and --compound, each needing `needs` when given.
void AddBasisOptions(CLI::App* command, AccrualTermsOptions* terms, CLI::Option* needs) {
  const std::string prefix = needs == nullptr ? "" : "with --accrue-first: ";
  CLI::Option* basis =
      command
          ->add_option("--basis", terms->basis,
                       prefix +
                           "day count act360 or act365 (default: the claim's own terms, "
                           "else act360)")
          ->type_name("BASIS")
          ->transform(CLI::IsMember({"act360", "act365"}, CLI::ignore_case).description(""));
  CLI::Option* compound = command->add_flag(
      "--compound", terms->compound,
      prefix + "also accrue compound interest on the interest overdue at cut-off");
  if (needs == nullptr) return;
  basis->needs(needs);
  compound->needs(needs);
}

// --accrue-first with the terms that need it; returns --accrue-first.
CLI::Option* AddAccrueFirstOptions(CLI::App* command, const std::string& description,
                                   bool* accrue_first, AccrualTermsOptions* terms) {
  CLI::Option* accrue = command->add_flag("--accrue-first", *accrue_first, description);
  AddBasisOptions(command, terms, accrue);
  AddCourtOptions(command, &terms->court, accrue);
  return accrue;
}

CLI::Option* AddRequestIdOption(CLI::App* command, std::string* request_id) {
  return command
      ->add_option("--request-id", *request_id, "id that makes a retry safe (default: a new UUID)")
      ->type_name("ID");
}

CLI::Option* AddAsOfOption(CLI::App* command, std::string* as_of) {
  return command->add_option("--as-of", *as_of, "the day to report as of (default: today)")
      ->type_name("YYYY-MM-DD");
}

// An auditor's view: only what had been recorded by that instant counts.
CLI::Option* AddAsOfTimeOption(CLI::App* command, std::string* as_of_time) {
  return command
      ->add_option("--as-of-time", *as_of_time,
                   "report the ledger as it stood at this instant: entries recorded later are "
                   "left out (default: now; --as-of then defaults to that day)")
      ->type_name("RFC3339");
}

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
      ->check(CLI::Range(1, kPageSizeMax));
  entries->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  entries->add_flag("--all", options->all_pages, "follow next-page tokens to the end");
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
      ->check(WholeNumberFrom(1));
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

// The short names of `type`'s values but the zero value.
std::vector<std::string> ChoiceNames(const google::protobuf::EnumDescriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() != 0) names.push_back(ShortEnumName(type, type.value(i)->number()));
  }
  return names;
}

std::string JoinedChoices(const std::vector<std::string>& names, const std::string& separator) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : separator) + name;
  return text;
}

void AddBuyerOptions(CLI::App* record, RecordOutcomeOptions* options) {
  CLI::Option* person =
      record->add_option("--buyer-person", options->buyer_person, "the buyer is a natural person")
          ->type_name("NATIONAL_ID");
  CLI::Option* organization =
      record->add_option("--buyer-org", options->buyer_org, "the buyer is an organisation")
          ->type_name("CREDIT_CODE");
  person->excludes(organization);
  record->add_option("--buyer-name", options->buyer_name, "the buyer's name")
      ->type_name("NAME")
      ->required();
}

void AddPriceOptions(CLI::App* record, RecordOutcomeOptions* options) {
  record->add_option("--price", options->price, "the price, more than zero")
      ->type_name("AMOUNT")
      ->required();
  record
      ->add_option("--award-time", options->award_time,
                   "when the award is made (default: now); its Asia/Shanghai date books it")
      ->type_name("RFC3339");
  record->add_option("--deposit-paid", options->deposit_paid, "the deposit (保证金) the buyer paid")
      ->type_name("AMOUNT");
  record
      ->add_option("--instalment", options->instalments,
                   "one instalment, due date and amount; repeat for each (default: a lump sum)")
      ->type_name("DATE:AMOUNT")
      ->allow_extra_args(false);
}

void AddOutcomeRecord(CLI::App* group, const GlobalOptions* global,
                      std::vector<Command>* commands) {
  auto options = std::make_shared<RecordOutcomeOptions>();
  CLI::App* record = group->add_subcommand("record", "Book the award of a lot to a buyer");
  record->footer(kOutcomeRecordFooter);
  record->add_option("disposal_id", options->disposal_id, "the disposal's id (UUID)")
      ->type_name("DISPOSAL_ID")
      ->required();
  record->add_option("--lot", options->lot_id, "the lot awarded (default: the only lot)")
      ->type_name("LOT_ID");
  const std::vector<std::string> methods = ChoiceNames(*disposal::v1::DisposalMethod_descriptor());
  record->add_option("--method", options->method, "one of the disposal's methods")
      ->type_name(JoinedChoices(methods, "|"))
      ->transform(CLI::IsMember(methods, CLI::ignore_case).description(""))
      ->required();
  AddBuyerOptions(record, options.get());
  AddPriceOptions(record, options.get());
  AddAccrueFirstOptions(record, "accrue the claim's interest through the award date first",
                        &options->accrue_first, &options->terms);
  AddRequestIdOption(record, &options->request_id);
  commands->push_back(
      {record, [global, options] { return RecordDisposalOutcome(*global, *options); }});
}

void AddOutcomeGet(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ShowOutcomeOptions>();
  CLI::App* get = group->add_subcommand("get", "Print an outcome and its payment schedule");
  get->footer(kOutcomeGetFooter);
  get->add_option("id", options->id, "the outcome's id (UUID)")
      ->type_name("OUTCOME_ID")
      ->required();
  commands->push_back({get, [global, options] { return ShowOutcome(*global, *options); }});
}

void AddOutcomeRescind(CLI::App* group, const GlobalOptions* global,
                       std::vector<Command>* commands) {
  auto options = std::make_shared<RescindOutcomeOptions>();
  CLI::App* rescind = group->add_subcommand("rescind", "Rescind an award (the buyer defaulted)");
  rescind->footer(kOutcomeRescindFooter);
  rescind->add_option("id", options->id, "the outcome's id (UUID)")
      ->type_name("OUTCOME_ID")
      ->required();
  rescind->add_option("--memo", options->memo, "why, 1..500 characters (audit trail)")
      ->type_name("TEXT")
      ->required();
  rescind
      ->add_option("--forfeit-deposit", options->forfeit_deposit,
                   "the defaulting buyer's deposit the AMC keeps (default: none)")
      ->type_name("AMOUNT");
  AddRequestIdOption(rescind, &options->request_id);
  commands->push_back(
      {rescind, [global, options] { return RescindDisposalOutcome(*global, *options); }});
}

void AddPaymentRecord(CLI::App* group, const GlobalOptions* global,
                      std::vector<Command>* commands) {
  auto options = std::make_shared<RecordPaymentOptions>();
  CLI::App* record = group->add_subcommand("record", "Book cash from a buyer or the debtor");
  record->footer(kPaymentRecordFooter);
  CLI::Option* outcome =
      record->add_option("--outcome", options->outcome_id, "a buyer's payment on this outcome")
          ->type_name("OUTCOME_ID");
  CLI::Option* claim =
      record->add_option("--claim", options->claim_id, "the debtor's payment on this claim")
          ->type_name("CLAIM_ID");
  outcome->excludes(claim);
  record->add_option("--amount", options->amount, "the amount received, more than zero")
      ->type_name("AMOUNT")
      ->required();
  record->add_option("--received", options->received, "the day the cash arrived")
      ->type_name("YYYY-MM-DD")
      ->required();
  const std::vector<std::string> buckets =
      ChoiceNames(*disposal::v1::AllocationBucket_descriptor());
  record
      ->add_option("--order", options->order,
                   "a debtor's payment: the contract's order, every bucket once")
      ->type_name(JoinedChoices(buckets, ","))
      ->delimiter(',')
      ->allow_extra_args(false)
      ->transform(CLI::IsMember(buckets, CLI::ignore_case).description(""))
      ->excludes(outcome);
  AddAccrueFirstOptions(record,
                        "a debtor's payment: accrue the claim's interest through "
                        "--received first",
                        &options->accrue_first, &options->terms)
      ->excludes(outcome);
  AddRequestIdOption(record, &options->request_id);
  commands->push_back(
      {record, [global, options] { return RecordLedgerPayment(*global, *options); }});
}

void AddCostRecord(CLI::App* app, const GlobalOptions* global, std::vector<Command>* commands) {
  CLI::App* group = app->add_subcommand("cost", "Book costs paid to enforce a claim (费用)");
  group->footer(kCostFooter);
  group->require_subcommand(1);
  auto options = std::make_shared<RecordCostOptions>();
  CLI::App* record = group->add_subcommand("record", "Book costs the AMC paid for a claim");
  record->footer(kCostRecordFooter);
  record->add_option("--claim", options->claim_id, "the claim the costs were paid for")
      ->type_name("CLAIM_ID")
      ->required();
  record->add_option("--amount", options->amount, "the amount paid, more than zero")
      ->type_name("AMOUNT")
      ->required();
  record->add_option("--paid", options->paid, "the day the AMC paid it")
      ->type_name("YYYY-MM-DD")
      ->required();
  record->add_option("--description", options->description, "what it was for, 1..500 characters")
      ->type_name("TEXT")
      ->required();
  AddRequestIdOption(record, &options->request_id);
  commands->push_back({record, [global, options] { return RecordClaimCost(*global, *options); }});
}

void AddOutcomeAndPayment(CLI::App* app, const GlobalOptions* global,
                          std::vector<Command>* commands) {
  CLI::App* outcome =
      app->add_subcommand("outcome", "Book awards of lots and read them (处置结果)");
  outcome->footer(kOutcomeFooter);
  outcome->require_subcommand(1);
  AddOutcomeRecord(outcome, global, commands);
  AddOutcomeGet(outcome, global, commands);
  AddOutcomeRescind(outcome, global, commands);
  CLI::App* payment = app->add_subcommand("payment", "Book cash received (回款)");
  payment->footer(kPaymentFooter);
  payment->require_subcommand(1);
  AddPaymentRecord(payment, global, commands);
  AddCostRecord(app, global, commands);
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
  AddOutcomeAndPayment(app, global, commands);
}

}  // namespace disposalctl
