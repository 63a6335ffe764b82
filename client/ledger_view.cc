#include "ledger_view.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "amount_text.h"
#include "date_text.h"
#include "enum_text.h"
#include "statement_text.h"
#include "table.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::AccountBalance;
using disposal::v1::Instalment;
using disposal::v1::JournalEntry;
using disposal::v1::Money;
using disposal::v1::Outcome;
using disposal::v1::PaymentApplication;
using disposal::v1::Posting;

constexpr std::size_t kLabelWidth = 10;
// Wide enough for "eligibility decision".
constexpr std::size_t kOutcomeLabelWidth = 20;
// Memos wider than this are cut so that a row of the entries table fits a terminal.
constexpr std::size_t kMemoWidthMax = 40;
// Shown instead of a sum too large for Money; the server's amounts never come near it.
constexpr char kOutOfRange[] = "(out of range)";

std::string KindName(disposal::v1::EntryKind kind) {
  return ShortEnumName(*disposal::v1::EntryKind_descriptor(), kind);
}

// "2021-06-30 .. 2021-07-31", the form the server writes in accrual memos: interest runs
// from the day after the start through the end.
std::string PeriodText(const JournalEntry& entry) {
  if (!entry.has_period_end()) return "-";
  return FormatDate(entry.period_start()) + " .. " + FormatDate(entry.period_end());
}

// *difference = a - b exactly; false when it cannot be represented.
bool Subtract(const Money& a, const Money& b, Money* difference) {
  if (b.units() == std::numeric_limits<std::int64_t>::min()) return false;
  Money negated;
  negated.set_units(-b.units());
  negated.set_nanos(-b.nanos());
  return AddMoney(a, negated, difference).ok();
}

bool IsZero(const Money& money) { return money.units() == 0 && money.nanos() == 0; }

// Sums one side of the postings, optionally only those on `account` (empty: every account).
bool SumSide(const JournalEntry& entry, bool debits, const std::string& account, Money* sum) {
  for (const Posting& posting : entry.postings()) {
    if (!account.empty() && posting.account() != account) continue;
    if (!AddMoney(*sum, debits ? posting.debit() : posting.credit(), sum).ok()) return false;
  }
  return true;
}

std::string SumSideText(const JournalEntry& entry, bool debits) {
  Money sum;
  return SumSide(entry, debits, "", &sum) ? FormatYuan(sum) : kOutOfRange;
}

// What the entry moved onto one of its claim's accounts ("interest", "penalty"): debits net
// of credits, so that an entry taking interest back shows it as a negative amount.
std::string ClaimAccountText(const JournalEntry& entry, const std::string& bucket) {
  const std::string account = "claim/" + entry.claim_id() + "/" + bucket;
  Money debits;
  Money credits;
  Money net;
  if (!SumSide(entry, true, account, &debits) || !SumSide(entry, false, account, &credits) ||
      !Subtract(debits, credits, &net)) {
    return kOutOfRange;
  }
  return FormatYuan(net);
}

// Entries per kind ("accrual", 3), kinds in the order they first appear.
std::vector<std::pair<std::string, int>> CountKinds(
    const google::protobuf::RepeatedPtrField<JournalEntry>& entries) {
  std::vector<std::pair<std::string, int>> counts;
  for (const JournalEntry& entry : entries) {
    std::string kind = KindName(entry.kind());
    auto counted = std::find_if(counts.begin(), counts.end(),
                                [&kind](const auto& count) { return count.first == kind; });
    if (counted == counts.end()) {
      counts.emplace_back(kind, 1);
    } else {
      ++counted->second;
    }
  }
  return counts;
}

// "3 accrual entries", or "4 entries (1 opening, 3 accrual)" when the kinds differ.
std::string EntriesBooked(const google::protobuf::RepeatedPtrField<JournalEntry>& entries) {
  const std::vector<std::pair<std::string, int>> counts = CountKinds(entries);
  const std::string total = std::to_string(entries.size());
  const std::string noun = entries.size() == 1 ? "entry" : "entries";
  if (counts.size() == 1) return total + " " + counts.front().first + " " + noun;
  std::string kinds;
  for (const auto& [name, count] : counts) {
    kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + name;
  }
  return total + " " + noun + " (" + kinds + ")";
}

std::string AccrualSummary(const disposal::v1::AccrueInterestResponse& accrual) {
  return "booked " + EntriesBooked(accrual.entries()) + ": interest " +
         FormatYuan(accrual.interest()) + " 元, penalty " + FormatYuan(accrual.penalty()) +
         " 元; accrued through " + FormatDate(accrual.accrued_through());
}

void PrintPostings(const JournalEntry& entry, std::ostream& out) {
  Table table;
  table.AddColumn("account");
  table.AddColumn("tranche", Align::kRight);
  table.AddColumn("debit 元", Align::kRight);
  table.AddColumn("credit 元", Align::kRight);
  for (const Posting& posting : entry.postings()) {
    // Only the side that carries the amount is filled in, as on a ledger page.
    table.AddRow({posting.account(),
                  posting.tranche_number() == 0 ? "-" : std::to_string(posting.tranche_number()),
                  IsZero(posting.debit()) ? "" : FormatYuan(posting.debit()),
                  IsZero(posting.credit()) ? "" : FormatYuan(posting.credit())});
  }
  table.AddRule();
  table.AddRow({"total", "", SumSideText(entry, true), SumSideText(entry, false)});
  table.Print(out);
}

// The amounts of a statement share one column; padding the 元 figures to one width keeps
// their digits in line although the 万元 figures after them differ in length.
std::vector<std::string> AlignedAmounts(const std::vector<const Money*>& amounts) {
  std::size_t width = 0;
  for (const Money* amount : amounts) width = std::max(width, FormatYuan(*amount).size());
  std::vector<std::string> cells;
  for (const Money* amount : amounts) {
    std::string yuan = FormatYuan(*amount);
    cells.push_back(std::string(width - yuan.size(), ' ') + yuan + " 元 (" +
                    FormatWanYuan(*amount) + " 万元)");
  }
  return cells;
}

std::string AsOfText(bool present, const disposal::v1::Date& date) {
  return present ? FormatDate(date) : "today (Asia/Shanghai)";
}

std::string BalanceText(const Money& debits, const Money& credits) {
  Money balance;
  return Subtract(debits, credits, &balance) ? FormatYuan(balance) : kOutOfRange;
}

// "拍卖 (auction)": the notice's words beside the short name the command line takes.
std::string MethodText(disposal::v1::DisposalMethod method) {
  static constexpr const char* kChinese[] = {
      "", "债务减免", "协议转让", "拍卖", "要约邀请竞价转让", "分别挂牌转让", "其他处置方式"};
  std::string name = ShortEnumName(*disposal::v1::DisposalMethod_descriptor(), method);
  if (method <= 0 || method >= static_cast<int>(std::size(kChinese))) return name;
  return std::string(kChinese[method]) + " (" + name + ")";
}

std::string BuyerText(const disposal::v1::Party& buyer) {
  if (buyer.has_organization()) {
    return buyer.organization().name() + " (credit code " + buyer.organization().credit_code() +
           ")";
  }
  if (buyer.has_person()) {
    return buyer.person().name() + " (national ID " + buyer.person().national_id() + ")";
  }
  return "-";
}

std::string SoldText(const Outcome& outcome) {
  return OrDash(outcome.claim_id()) +
         (outcome.tranche_number() == 0 ? ", the whole claim"
                                        : ", tranche " + std::to_string(outcome.tranche_number()));
}

// What the award booked beside the price: book value - price as a loss on disposal (debt
// relief for a debt reduction) when positive, as a gain when negative; `label` names it and
// `amount` is never negative.
struct AwardDifference {
  std::string label;
  std::string amount;
};

AwardDifference DifferenceOf(const Outcome& outcome) {
  const bool relief = outcome.method() == disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION;
  Money loss;
  if (!Subtract(outcome.book_value(), outcome.price(), &loss)) return {"loss or gain", kOutOfRange};
  if (loss.units() >= 0 && loss.nanos() >= 0) {
    return {relief ? "debt relief" : "loss on disposal", YuanAndWan(loss)};
  }
  Money gain;
  if (!Subtract(Money(), loss, &gain)) return {"gain", kOutOfRange};
  return {"gain", YuanAndWan(gain)};
}

void PrintOutcomeFields(const Outcome& outcome, std::ostream& out) {
  auto field = [&out](const std::string& label, const std::string& value) {
    PrintField(label, value, kOutcomeLabelWidth, out);
  };
  const AwardDifference difference = DifferenceOf(outcome);
  field("outcome", OrDash(outcome.id()));
  field("disposal", OrDash(outcome.disposal_id()));
  field("lot", OrDash(outcome.lot_id()));
  field("claim", SoldText(outcome));
  field("method", MethodText(outcome.method()));
  field("buyer", BuyerText(outcome.buyer()));
  field("price", YuanAndWan(outcome.price()));
  if (outcome.has_deposit_paid()) field("deposit paid", YuanAndWan(outcome.deposit_paid()));
  field("book value", YuanAndWan(outcome.book_value()));
  const bool rescinded = outcome.rescission_entry_id() != 0;
  field(difference.label,
        difference.amount + (rescinded ? " (reversed by entry " +
                                             std::to_string(outcome.rescission_entry_id()) + ")"
                                       : ""));
  field("award date", FormatDate(outcome.award_date()));
  field("eligibility decision", OrDash(outcome.eligibility_decision_id()));
  field("journal entry", std::to_string(outcome.entry_id()));
  // The lot was awarded before, and that award rescinded.
  if (outcome.award_number() > 1) field("award number", std::to_string(outcome.award_number()));
  if (rescinded) {
    field("rescinded", "by entry " + std::to_string(outcome.rescission_entry_id()) +
                           ": sold nothing, takes no payments");
  }
  if (outcome.forfeiture_entry_id() != 0) {
    field("deposit kept", YuanAndWan(outcome.forfeited_deposit()) + " (entry " +
                              std::to_string(outcome.forfeiture_entry_id()) + ")");
  }
}

// Sums of a schedule's amount, paid and outstanding columns.
struct ScheduleTotals {
  Money amount;
  Money paid;
  Money outstanding;
  bool ok = true;
};

std::string OutstandingText(const Instalment& instalment, ScheduleTotals* totals) {
  Money outstanding;
  if (!Subtract(instalment.amount(), instalment.paid(), &outstanding)) {
    totals->ok = false;
    return kOutOfRange;
  }
  totals->ok = totals->ok && AddMoney(totals->amount, instalment.amount(), &totals->amount).ok() &&
               AddMoney(totals->paid, instalment.paid(), &totals->paid).ok() &&
               AddMoney(totals->outstanding, outstanding, &totals->outstanding).ok();
  return FormatYuan(outstanding);
}

std::string ScheduleHeading(const Outcome& outcome) {
  // One payment due on the award date is a lump sum; one due later is an instalment.
  const bool lump_sum =
      outcome.instalments_size() == 1 && outcome.instalments(0).due_date().SerializeAsString() ==
                                             outcome.award_date().SerializeAsString();
  const std::string plan =
      lump_sum ? "lump sum"
               : std::to_string(outcome.instalments_size()) +
                     (outcome.instalments_size() == 1 ? " instalment" : " instalments");
  // A rescinded award is owed nothing: its schedule is kept for the record only.
  const std::string rescinded =
      outcome.rescission_entry_id() != 0 ? "; void, the award was rescinded" : "";
  return "Payment schedule (" + plan + rescinded + ")";
}

void PrintSchedule(const Outcome& outcome, std::ostream& out) {
  PrintSection(ScheduleHeading(outcome), out);
  const bool owed = outcome.rescission_entry_id() == 0;
  Table table;
  table.AddColumn("no.", Align::kRight);
  table.AddColumn("due");
  table.AddColumn("amount 元", Align::kRight);
  table.AddColumn("paid 元", Align::kRight);
  table.AddColumn("outstanding 元", Align::kRight);
  ScheduleTotals totals;
  for (const Instalment& instalment : outcome.instalments()) {
    const std::string outstanding = OutstandingText(instalment, &totals);
    table.AddRow({std::to_string(instalment.number()), FormatDate(instalment.due_date()),
                  FormatYuan(instalment.amount()), FormatYuan(instalment.paid()),
                  owed ? outstanding : "-"});
  }
  table.AddRule();
  table.AddRow({"", "total", totals.ok ? FormatYuan(totals.amount) : kOutOfRange,
                totals.ok ? FormatYuan(totals.paid) : kOutOfRange,
                !owed       ? "-"
                : totals.ok ? FormatYuan(totals.outstanding)
                            : kOutOfRange});
  table.Print(out);
}

// A debt reduction's split: what the agreed amount settled and what was forgiven of each part,
// in the order settled, with totals (settled = the price, forgiven = the debt relief).
void PrintReduction(const Outcome& outcome, std::ostream& out) {
  PrintSection("What the reduction settled and forgave", out);
  Table table;
  table.AddColumn("part");
  table.AddColumn("owed 元", Align::kRight);
  table.AddColumn("settled 元", Align::kRight);
  table.AddColumn("forgiven 元", Align::kRight);
  Money owed, settled, forgiven;
  bool summed = true;
  for (const disposal::v1::ReductionPart& part : outcome.reduction()) {
    table.AddRow({ShortEnumName(*disposal::v1::AllocationBucket_descriptor(), part.bucket()),
                  FormatYuan(part.owed()), FormatYuan(part.settled()),
                  FormatYuan(part.forgiven())});
    summed = summed && AddMoney(owed, part.owed(), &owed).ok() &&
             AddMoney(settled, part.settled(), &settled).ok() &&
             AddMoney(forgiven, part.forgiven(), &forgiven).ok();
  }
  table.AddRule();
  table.AddRow({"total", summed ? FormatYuan(owed) : kOutOfRange,
                summed ? FormatYuan(settled) : kOutOfRange,
                summed ? FormatYuan(forgiven) : kOutOfRange});
  table.Print(out);
}

// "instalment 2" for a buyer's payment, the bucket ("interest") for a debtor's.
std::string AppliedToText(const PaymentApplication& application) {
  if (application.instalment_number() != 0) {
    return "instalment " + std::to_string(application.instalment_number());
  }
  return ShortEnumName(*disposal::v1::AllocationBucket_descriptor(), application.bucket());
}

void PrintApplications(const disposal::v1::Payment& payment, std::ostream& out) {
  PrintSection("How it was applied", out);
  Table table;
  table.AddColumn("applied to");
  table.AddColumn("amount 元", Align::kRight);
  Money total;
  bool summed = true;
  for (const PaymentApplication& application : payment.applications()) {
    table.AddRow({AppliedToText(application), FormatYuan(application.amount())});
    summed = summed && AddMoney(total, application.amount(), &total).ok();
  }
  // One line needs no total; several are checked against the payment at a glance.
  if (payment.applications_size() > 1) {
    table.AddRule();
    table.AddRow({"total", summed ? FormatYuan(total) : kOutOfRange});
  }
  table.Print(out);
}

}  // namespace

void PrintAccrual(const disposal::v1::AccrueInterestResponse& accrual, std::ostream& out) {
  if (accrual.entries().empty()) {
    out << "nothing was due; accrued through " << FormatDate(accrual.accrued_through()) << '\n';
    return;
  }
  Table table;
  table.AddColumn("entry", Align::kRight);
  table.AddColumn("kind");
  table.AddColumn("period");
  table.AddColumn("interest 元", Align::kRight);
  table.AddColumn("penalty 元", Align::kRight);
  for (const JournalEntry& entry : accrual.entries()) {
    // The opening entry brings the book value in; its interest is not accrued interest.
    bool accrued = entry.kind() == disposal::v1::ENTRY_KIND_ACCRUAL;
    table.AddRow({std::to_string(entry.entry_id()), KindName(entry.kind()), PeriodText(entry),
                  accrued ? ClaimAccountText(entry, "interest") : "-",
                  accrued ? ClaimAccountText(entry, "penalty") : "-"});
  }
  table.Print(out);
  out << '\n' << AccrualSummary(accrual) << '\n';
}

void PrintJournalEntries(const google::protobuf::RepeatedPtrField<JournalEntry>& entries,
                         bool with_postings, std::ostream& out) {
  if (entries.empty()) {
    out << "no entries\n";
    return;
  }
  Table table;
  table.AddColumn("entry", Align::kRight);
  table.AddColumn("kind");
  table.AddColumn("effective");
  table.AddColumn("period");
  table.AddColumn("memo", Align::kLeft, kMemoWidthMax);
  table.AddColumn("debits 元", Align::kRight);
  for (const JournalEntry& entry : entries) {
    table.AddRow({std::to_string(entry.entry_id()), KindName(entry.kind()),
                  FormatDate(entry.effective_date()), PeriodText(entry), OrDash(entry.memo()),
                  SumSideText(entry, true)});
  }
  table.Print(out);
  if (!with_postings) return;
  for (const JournalEntry& entry : entries) {
    out << "\nentry " << entry.entry_id() << " (" << KindName(entry.kind()) << ", effective "
        << FormatDate(entry.effective_date()) << ")\n";
    PrintPostings(entry, out);
  }
}

void PrintJournalEntry(const JournalEntry& entry, std::ostream& out) {
  PrintField("entry", std::to_string(entry.entry_id()), kLabelWidth, out);
  PrintField("kind", KindName(entry.kind()), kLabelWidth, out);
  if (entry.reverses_entry_id() != 0) {
    PrintField("reverses", "entry " + std::to_string(entry.reverses_entry_id()), kLabelWidth, out);
  }
  PrintField("effective", FormatDate(entry.effective_date()), kLabelWidth, out);
  if (entry.has_period_end()) PrintField("period", PeriodText(entry), kLabelWidth, out);
  if (entry.has_record_time()) {
    PrintField("recorded", FormatShanghaiTime(entry.record_time()) + " " + kShanghaiZoneName,
               kLabelWidth, out);
  }
  PrintField("claim", OrDash(entry.claim_id()), kLabelWidth, out);
  PrintField("memo", OrDash(entry.memo()), kLabelWidth, out);
  PrintField("actor", OrDash(entry.actor()), kLabelWidth, out);
  PrintField("request id", OrDash(entry.request_id()), kLabelWidth, out);
  PrintSection("Postings", out);
  PrintPostings(entry, out);
}

void PrintLedgerStatement(const disposal::v1::ClaimStatement& statement, std::ostream& out) {
  PrintTitle("Ledger statement of claim " + statement.claim_id(), out);
  PrintField("as of", AsOfText(statement.has_as_of(), statement.as_of()), kLabelWidth, out);
  if (statement.penalty_unliquidated()) {
    PrintField("penalty",
               "unliquidated (违约金 not yet set), not in the figures below" +
                   (statement.penalty_unliquidated_basis().empty()
                        ? std::string()
                        : ": " + statement.penalty_unliquidated_basis()),
               kLabelWidth, out);
  }
  out << '\n';
  const std::vector<std::pair<std::string, const Money*>> items = {
      {"opening principal", &statement.opening_principal()},
      {"opening interest", &statement.opening_interest()},
      {"opening penalty", &statement.opening_penalty()},
      {"accrued interest", &statement.accrued_interest()},
      {"accrued penalty", &statement.accrued_penalty()},
      {"penalty judged", &statement.penalty_judged()},
      {"costs advanced", &statement.costs_advanced()},
      {"principal balance", &statement.principal_balance()},
      {"interest balance", &statement.interest_balance()},
      {"penalty balance", &statement.penalty_balance()},
      {"costs balance", &statement.costs_balance()},
      {"recovered", &statement.recovered()},
      {"receivable balance", &statement.receivable_balance()},
      {"net disposal loss", &statement.disposal_loss()},
      {"debt relief", &statement.debt_relief()},
      {"deposits kept", &statement.deposits_kept()}};
  std::vector<const Money*> amounts;
  for (const auto& item : items) amounts.push_back(item.second);
  std::vector<std::string> cells = AlignedAmounts(amounts);
  Table table;
  table.AddColumn("item");
  table.AddColumn("amount");
  for (std::size_t i = 0; i < items.size(); ++i) {
    // An unliquidated penalty is not a zero owed: no amount is known yet.
    const bool unknown =
        statement.penalty_unliquidated() && (items[i].second == &statement.opening_penalty() ||
                                             items[i].second == &statement.penalty_judged());
    table.AddRow({items[i].first, unknown ? "unliquidated" : cells[i]});
  }
  table.AddRule();
  table.AddRow({"accrued through", statement.has_accrued_through()
                                       ? FormatDate(statement.accrued_through())
                                       : "not yet accrued"});
  table.Print(out);
}

void PrintTrialBalance(const disposal::v1::TrialBalance& trial, std::ostream& out) {
  PrintTitle("Trial balance as of " + AsOfText(trial.has_as_of(), trial.as_of()), out);
  out << '\n';
  Table table;
  table.AddColumn("account");
  table.AddColumn("debits 元", Align::kRight);
  table.AddColumn("credits 元", Align::kRight);
  table.AddColumn("balance 元", Align::kRight);
  for (const AccountBalance& account : trial.accounts()) {
    table.AddRow({account.account(), FormatYuan(account.debits()), FormatYuan(account.credits()),
                  FormatYuan(account.balance())});
  }
  table.AddRule();
  table.AddRow({"total", FormatYuan(trial.total_debits()), FormatYuan(trial.total_credits()),
                BalanceText(trial.total_debits(), trial.total_credits())});
  table.Print(out);
  out << '\n' << TrialBalanceVerdict(trial) << '\n';
}

bool TrialBalanceIsBalanced(const disposal::v1::TrialBalance& trial) {
  // A valid Money has one representation per amount (units and nanos share a sign), so
  // comparing the fields compares the amounts exactly.
  const Money& debits = trial.total_debits();
  const Money& credits = trial.total_credits();
  return debits.units() == credits.units() && debits.nanos() == credits.nanos();
}

std::string TrialBalanceVerdict(const disposal::v1::TrialBalance& trial) {
  if (TrialBalanceIsBalanced(trial)) return "balanced";
  return "NOT BALANCED: debits " + FormatYuan(trial.total_debits()) + ", credits " +
         FormatYuan(trial.total_credits());
}

void PrintOutcome(const Outcome& outcome, std::ostream& out) {
  PrintOutcomeFields(outcome, out);
  if (outcome.reduction_size() > 0) PrintReduction(outcome, out);
  PrintSchedule(outcome, out);
}

void PrintPayment(const disposal::v1::Payment& payment, std::ostream& out) {
  PrintField("entry", std::to_string(payment.entry_id()), kLabelWidth, out);
  if (!payment.outcome_id().empty()) PrintField("outcome", payment.outcome_id(), kLabelWidth, out);
  PrintField("claim", OrDash(payment.claim_id()), kLabelWidth, out);
  PrintField("amount", YuanAndWan(payment.amount()), kLabelWidth, out);
  PrintField("received", FormatDate(payment.received_date()), kLabelWidth, out);
  PrintApplications(payment, out);
  if (payment.booked_first_size() > 0) {
    out << "\nBooked first, in the same transaction\n";
    PrintJournalEntries(payment.booked_first(), /*with_postings=*/false, out);
  }
}

}  // namespace disposalctl
