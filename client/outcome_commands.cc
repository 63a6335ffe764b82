#include "outcome_commands.h"

#include <memory>
#include <string>

#include "disposal/v1/ledger.pb.h"
#include "enum_text.h"
#include "ledger_actions.h"
#include "ledger_options.h"
#include "number_checks.h"

namespace disposalctl {
namespace {

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
  disposalctl outcome list --disposal 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款")";

constexpr char kOutcomeRecordFooter[] =
    R"(Records and books the award of one lot (--lot may be left out when the disposal has
only one). Refused with FAILED_PRECONDITION, naming every reason, unless the award gate
allows an award at --award-time (default: now) and the buyer's eligibility check at that
time is ELIGIBLE (a debt reduction's counterparty is weighed otherwise, below); the
decision's id is kept with the outcome. --deposit-paid is the deposit
(保证金) the buyer paid, for the ability-to-pay rule; it is kept with the outcome as the most
`outcome rescind --forfeit-deposit` may keep (left out: none paid, none to keep). A lot has
at most one standing outcome; `outcome rescind` undoes an award.

The price is due in one sum on the award date, or in the instalments given by --instalment
DATE:AMOUNT, once per instalment, adding up to the price exactly. Amounts take the friendly
forms ("9000万", "1.5亿", "1,000,000.00").

The lot is sold at its book value as booked: with --accrue-first the claim's interest is
first accrued through the award date, in the same transaction, so that the days since the
last accrual are part of it: on the claim's own accrual terms, else on those of its last
accrual, or on --basis, --compound and the --court-* options as for `ledger accrue`. A
claim with terms of its own always accrues first.

A debt reduction (--method debt-reduction; 债务减免) books the book value less the agreed
amount (--price) as debt relief. The agreed amount settles the lot's parts in the order
costs, interest, principal, penalty (民法典 art. 561), or in the reduction agreement's order
given by --order, which names every bucket once; what is left of each part is forgiven.
It is agreed with the claim's debtor, a guarantor or a pledgor (--buyer-*), who settle the
claim rather than buy it: what keeps the debtor's side from buying does not refuse it
(excl.debtor, excl.debtor.controller, excl.debtor.related_entity, excl.list.dishonest, a
finding that ends at a party of the disposal's claims, as the management of a state-owned
debtor, and name-match reviews under those rules); any other reason of the check does, and
so does any other counterparty.

Prints the outcome: price, the lot's book value, the loss on disposal (book value - price;
a gain when negative; the debt relief for a reduction), award date, eligibility decision,
journal entry, a reduction's parts (owed, settled, forgiven), and the payment schedule (due,
paid, outstanding per instalment).

Without --request-id a new UUID is used; it is printed if the call fails or is interrupted,
so that rerunning with --request-id <that id> cannot book the award twice.

Examples:
  disposalctl outcome record 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f \
      --lot 8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d --method auction \
      --buyer-person 11010519491231002X --buyer-name 张三 --price 9000万 \
      --award-time 2021-09-01T10:00:00+08:00 \
      --instalment 2021-10-01:3000万 --instalment 2021-12-01:6000万
  disposalctl outcome record ID --lot LOT_ID --method separate-listing \
      --buyer-org 91110000100000000R --buyer-name 某投资公司 --price 1500万 -o json
  disposalctl outcome record ID --lot LOT_ID --method debt-reduction \
      --buyer-org 91230103129876548L --buyer-name 黑龙江省日出康城房地产开发有限公司 \
      --price 40000万 --order interest,principal,costs,penalty)";

constexpr char kOutcomeRescindFooter[] =
    R"(Rescinds a standing award (撤销成交: the buyer defaulted, or the award was booked in
error): its journal entry is reversed on the award date, the lot's balances come back on the
claim, the outcome takes no more payments, and the lot may be awarded again; the next
accrual catches the lot up on the interest accrued while it was sold. Refused
(FAILED_PRECONDITION, naming the entry) while a payment or a later award booked on the claim
after the award still stands: reverse those first (`ledger reverse ENTRY_ID`).
--forfeit-deposit books the defaulting buyer's deposit (保证金) the AMC keeps, at most the
price and the deposit held (the award's --deposit-paid; none when it was left out), in the
same transaction, dated today: amc/cash against amc/forfeited_deposits. Prints
the outcome, now showing the entry that rescinded it and the deposit kept.
--request-id works as for `outcome record`.

Examples:
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款"
  disposalctl outcome rescind 5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e --memo "买受人未按期付款" \
      --forfeit-deposit 500万)";

constexpr char kOutcomeListFooter[] =
    R"(Lists the awards of a disposal's lots (--disposal) or of a claim's lots in any of its
disposals (--claim), oldest booking first, rescinded ones included: award date, outcome id,
what was sold, the buyer, the price, the lot's award number and whether the award stands
(or was rescinded, and the deposit kept). `outcome get ID` shows one with its schedule.

Examples:
  disposalctl outcome list --disposal 3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f
  disposalctl outcome list --claim 6f1c2a9e-0b7d-4c51-9a38-2d4e5f607182 --all -o json)";

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

// --order BUCKET,...: an allocation order, every bucket once (checked when the request is built).
CLI::Option* AddOrderOption(CLI::App* command, const std::string& description,
                            std::vector<std::string>* order) {
  const std::vector<std::string> buckets =
      ChoiceNames(*disposal::v1::AllocationBucket_descriptor());
  return command->add_option("--order", *order, description)
      ->type_name(JoinedChoices(buckets, ","))
      ->delimiter(',')
      ->allow_extra_args(false)
      ->transform(CLI::IsMember(buckets, CLI::ignore_case).description(""));
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
  record->add_flag("--buyer-own-labour-income", options->buyer_own_labour_income,
                   "a buyer aged 16-17 declared to live mainly on their own labour's income");
  record
      ->add_option("--buyer-proof-of-funds", options->buyer_proof_of_funds,
                   "funds the buyer has proved (instead of a deposit paid)")
      ->type_name("AMOUNT");
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
  AddOrderOption(record,
                 "a debt reduction: the order the agreed amount settles the lot's parts in, "
                 "every bucket once (default: costs,interest,principal,penalty)",
                 &options->order);
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

void AddOutcomeList(CLI::App* group, const GlobalOptions* global, std::vector<Command>* commands) {
  auto options = std::make_shared<ListOutcomesOptions>();
  CLI::App* list = group->add_subcommand("list", "List a disposal's or a claim's outcomes");
  list->footer(kOutcomeListFooter);
  CLI::Option* disposal =
      list->add_option("--disposal", options->disposal_id, "the awards of this disposal's lots")
          ->type_name("DISPOSAL_ID");
  CLI::Option* claim =
      list->add_option("--claim", options->claim_id, "the awards of this claim's lots")
          ->type_name("CLAIM_ID");
  disposal->excludes(claim);
  list->add_option("--page-size", options->page_size, "outcomes per page, 1..200 (default 50)")
      ->type_name("N")
      ->transform(WholeNumberIn(1, kPageSizeMax));
  list->add_option("--page-token", options->page_token, "continue from a previous listing")
      ->type_name("TOKEN");
  list->add_flag("--all", options->all_pages,
                 "follow next-page tokens to the end (at most 1,000 pages; exit 1, INCOMPLETE, "
                 "naming the token to go on from, when more are left)");
  commands->push_back(
      {list, [global, options] { return ListDisposalOutcomes(*global, *options); }});
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
  AddOrderOption(record, "a debtor's payment: the contract's order, every bucket once",
                 &options->order)
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

}  // namespace

void AddOutcomeCommands(CLI::App* app, const GlobalOptions* global,
                        std::vector<Command>* commands) {
  CLI::App* outcome =
      app->add_subcommand("outcome", "Book awards of lots and read them (处置结果)");
  outcome->footer(kOutcomeFooter);
  outcome->require_subcommand(1);
  AddOutcomeRecord(outcome, global, commands);
  AddOutcomeGet(outcome, global, commands);
  AddOutcomeList(outcome, global, commands);
  AddOutcomeRescind(outcome, global, commands);
  CLI::App* payment = app->add_subcommand("payment", "Book cash received (回款)");
  payment->footer(kPaymentFooter);
  payment->require_subcommand(1);
  AddPaymentRecord(payment, global, commands);
  AddCostRecord(app, global, commands);
}

}  // namespace disposalctl
