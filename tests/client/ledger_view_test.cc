// The ledger views on hand-built messages: the seed claim's first tranche (388,658,900.00 at
// 4.35% ACT/360 from 2021-06-30) accrued monthly through 2021-09-30, its statement, trial
// balances that agree and that do not, the tranche sold on 2021-09-01 for 9000万 in two
// instalments, and payments from the buyer and from the debtor.
#include "client/ledger_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "proto_dates.h"

namespace disposalctl {
namespace {

using disposal::v1::AccrueInterestResponse;
using disposal::v1::ClaimStatement;
using disposal::v1::JournalEntry;
using disposal::v1::Money;
using disposal::v1::Outcome;
using disposal::v1::Payment;
using disposal::v1::TrialBalance;

constexpr char kClaim[] = "c-1";

Money Yuan(std::int64_t units, int fen = 0) {
  Money money;
  money.set_units(units);
  money.set_nanos(fen * 10000000);
  return money;
}

void AddPosting(JournalEntry* entry, const std::string& account, int tranche, const Money& debit,
                const Money& credit) {
  disposal::v1::Posting* posting = entry->add_postings();
  posting->set_account(account);
  posting->set_tranche_number(tranche);
  *posting->mutable_debit() = debit;
  *posting->mutable_credit() = credit;
}

std::string ClaimAccount(const std::string& bucket) {
  return std::string("claim/") + kClaim + "/" + bucket;
}

// The first tranche's principal and interest at cut-off, against amc/acquisitions.
JournalEntry Opening() {
  JournalEntry entry;
  entry.set_entry_id(1);
  entry.set_kind(disposal::v1::ENTRY_KIND_OPENING);
  entry.set_claim_id(kClaim);
  *entry.mutable_effective_date() = Day(2021, 6, 30);
  entry.set_memo("opening balances");
  AddPosting(&entry, ClaimAccount("principal"), 1, Yuan(388658900), Money());
  AddPosting(&entry, ClaimAccount("interest"), 1, Yuan(320366200), Money());
  AddPosting(&entry, "amc/acquisitions", 0, Money(), Yuan(709025100));
  return entry;
}

// One month's interest on the first tranche, (start, end].
JournalEntry Accrual(std::int64_t id, const disposal::v1::Date& start,
                     const disposal::v1::Date& end, const Money& interest) {
  JournalEntry entry;
  entry.set_entry_id(id);
  entry.set_kind(disposal::v1::ENTRY_KIND_ACCRUAL);
  entry.set_claim_id(kClaim);
  *entry.mutable_effective_date() = end;
  *entry.mutable_period_start() = start;
  *entry.mutable_period_end() = end;
  entry.set_memo("interest accrued");
  AddPosting(&entry, ClaimAccount("interest"), 1, interest, Money());
  AddPosting(&entry, "amc/interest_income", 0, Money(), interest);
  return entry;
}

// Cumulative interest rounded each month end: 1,455,851.46, 2,911,702.93, 4,320,591.44.
AccrueInterestResponse ThroughSeptember() {
  AccrueInterestResponse accrual;
  *accrual.add_entries() = Opening();
  *accrual.add_entries() = Accrual(2, Day(2021, 6, 30), Day(2021, 7, 31), Yuan(1455851, 46));
  *accrual.add_entries() = Accrual(3, Day(2021, 7, 31), Day(2021, 8, 31), Yuan(1455851, 47));
  *accrual.add_entries() = Accrual(4, Day(2021, 8, 31), Day(2021, 9, 30), Yuan(1408888, 51));
  *accrual.mutable_interest() = Yuan(4320591, 44);
  *accrual.mutable_penalty() = Money();
  *accrual.mutable_accrued_through() = Day(2021, 9, 30);
  return accrual;
}

ClaimStatement SeedStatement() {
  ClaimStatement statement;
  statement.set_claim_id(kClaim);
  *statement.mutable_as_of() = Day(2021, 9, 30);
  *statement.mutable_opening_principal() = Yuan(448658900);
  *statement.mutable_opening_interest() = Yuan(357791700);
  *statement.mutable_accrued_interest() = Yuan(4320591, 44);
  *statement.mutable_principal_balance() = Yuan(448658900);
  *statement.mutable_interest_balance() = Yuan(362112291, 44);
  *statement.mutable_disposal_loss() = Yuan(-1500000);
  *statement.mutable_accrued_through() = Day(2021, 9, 30);
  return statement;
}

void AddAccount(TrialBalance* trial, const std::string& name, const Money& debits,
                const Money& credits, const Money& balance) {
  disposal::v1::AccountBalance* account = trial->add_accounts();
  account->set_account(name);
  *account->mutable_debits() = debits;
  *account->mutable_credits() = credits;
  *account->mutable_balance() = balance;
}

// The seed's first tranche opened and accrued through September: debits equal credits.
TrialBalance SoundTrialBalance() {
  TrialBalance trial;
  *trial.mutable_as_of() = Day(2021, 9, 30);
  AddAccount(&trial, "amc/acquisitions", Money(), Yuan(709025100), Yuan(-709025100));
  AddAccount(&trial, "amc/interest_income", Money(), Yuan(4320591, 44), Yuan(-4320591, -44));
  AddAccount(&trial, ClaimAccount("interest"), Yuan(324686791, 44), Money(), Yuan(324686791, 44));
  AddAccount(&trial, ClaimAccount("principal"), Yuan(388658900), Money(), Yuan(388658900));
  *trial.mutable_total_debits() = Yuan(713345691, 44);
  *trial.mutable_total_credits() = Yuan(713345691, 44);
  return trial;
}

// The same, with a fen of interest income lost.
TrialBalance TrialBalanceOffByAFen() {
  TrialBalance trial = SoundTrialBalance();
  *trial.mutable_total_credits() = Yuan(713345691, 43);
  return trial;
}

void AddInstalment(Outcome* outcome, const disposal::v1::Date& due, const Money& amount,
                   const Money& paid) {
  disposal::v1::Instalment* instalment = outcome->add_instalments();
  instalment->set_number(outcome->instalments_size());
  *instalment->mutable_due_date() = due;
  *instalment->mutable_amount() = amount;
  *instalment->mutable_paid() = paid;
}

// The first tranche, its interest accrued through 2021-08-31 (book value 388,658,900.00 +
// 320,366,200.00 + 2,911,702.93), sold at auction for 9000万: 3000万 due 2021-10-01 and paid,
// 6000万 due 2021-12-01 of which 1000万 is paid.
Outcome TrancheOneSold() {
  Outcome outcome;
  outcome.set_id("o-1");
  outcome.set_disposal_id("d-1");
  outcome.set_lot_id("l-1");
  outcome.set_claim_id(kClaim);
  outcome.set_tranche_number(1);
  outcome.set_method(disposal::v1::DISPOSAL_METHOD_AUCTION);
  outcome.mutable_buyer()->mutable_person()->set_name("买受人甲");
  outcome.mutable_buyer()->mutable_person()->set_national_id("11010519491231002X");
  *outcome.mutable_price() = Yuan(90000000);
  *outcome.mutable_book_value() = Yuan(711936802, 93);
  *outcome.mutable_award_date() = Day(2021, 9, 1);
  outcome.set_eligibility_decision_id("e-1");
  outcome.set_entry_id(5);
  AddInstalment(&outcome, Day(2021, 10, 1), Yuan(30000000), Yuan(30000000));
  AddInstalment(&outcome, Day(2021, 12, 1), Yuan(60000000), Yuan(10000000));
  return outcome;
}

// The same lot sold, in one sum, above its book value.
Outcome SoldAtAGain() {
  Outcome outcome = TrancheOneSold();
  outcome.clear_instalments();
  *outcome.mutable_price() = Yuan(720000000);
  AddInstalment(&outcome, Day(2021, 9, 1), Yuan(720000000), Money());
  return outcome;
}

// The buyer's 4000万 of 2021-10-01: the first instalment in full, 1000万 of the second.
Payment BuyerPayment() {
  Payment payment;
  payment.set_entry_id(6);
  payment.set_outcome_id("o-1");
  payment.set_claim_id(kClaim);
  *payment.mutable_amount() = Yuan(40000000);
  *payment.mutable_received_date() = Day(2021, 10, 1);
  for (int number : {1, 2}) {
    disposal::v1::PaymentApplication* applied = payment.add_applications();
    applied->set_instalment_number(number);
    *applied->mutable_amount() = Yuan(number == 1 ? 30000000 : 10000000);
  }
  return payment;
}

// The debtor's 50万 of 2021-10-15: the interest first, the rest to principal.
Payment DebtorPayment() {
  Payment payment;
  payment.set_entry_id(7);
  payment.set_claim_id(kClaim);
  *payment.mutable_amount() = Yuan(500000);
  *payment.mutable_received_date() = Day(2021, 10, 15);
  disposal::v1::PaymentApplication* interest = payment.add_applications();
  interest->set_bucket(disposal::v1::ALLOCATION_BUCKET_INTEREST);
  *interest->mutable_amount() = Yuan(320000, 50);
  disposal::v1::PaymentApplication* principal = payment.add_applications();
  principal->set_bucket(disposal::v1::ALLOCATION_BUCKET_PRINCIPAL);
  *principal->mutable_amount() = Yuan(179999, 50);
  return payment;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
  for (const std::string& each : Lines(text)) {
    if (each == line) return true;
  }
  return false;
}

std::string LastLine(const std::string& text) {
  std::vector<std::string> lines = Lines(text);
  return lines.empty() ? "" : lines.back();
}

std::string PrintedAccrual(const AccrueInterestResponse& accrual) {
  std::ostringstream out;
  PrintAccrual(accrual, out);
  return out.str();
}

std::string PrintedStatement(const ClaimStatement& statement) {
  std::ostringstream out;
  PrintLedgerStatement(statement, out);
  return out.str();
}

std::string PrintedTrialBalance(const TrialBalance& trial) {
  std::ostringstream out;
  PrintTrialBalance(trial, out);
  return out.str();
}

std::string PrintedOutcome(const Outcome& outcome) {
  std::ostringstream out;
  PrintOutcome(outcome, out);
  return out.str();
}

std::string PrintedPayment(const Payment& payment) {
  std::ostringstream out;
  PrintPayment(payment, out);
  return out.str();
}

std::string PrintedEntries(bool with_postings) {
  AccrueInterestResponse accrual = ThroughSeptember();
  std::ostringstream out;
  PrintJournalEntries(accrual.entries(), with_postings, out);
  return out.str();
}

TEST(PrintAccrual, ListsEachMonthWithItsPeriodAndInterest) {
  std::string text = PrintedAccrual(ThroughSeptember());
  EXPECT_TRUE(HasLine(text, "entry  kind     period                     interest 元  penalty 元"))
      << text;
  EXPECT_TRUE(HasLine(text, "    2  accrual  2021-06-30 .. 2021-07-31  1,455,851.46        0.00"))
      << text;
  EXPECT_TRUE(HasLine(text, "    3  accrual  2021-07-31 .. 2021-08-31  1,455,851.47        0.00"))
      << text;
  EXPECT_TRUE(HasLine(text, "    4  accrual  2021-08-31 .. 2021-09-30  1,408,888.51        0.00"))
      << text;
}

TEST(PrintAccrual, ShowsNoAccruedAmountsForTheOpeningEntry) {
  std::string text = PrintedAccrual(ThroughSeptember());
  // Its 320,366,200.00 of interest is the book value at cut-off, not interest accrued.
  EXPECT_TRUE(HasLine(text, "    1  opening  -                                    -           -"))
      << text;
  EXPECT_EQ(text.find("320,366,200.00"), std::string::npos) << text;
}

TEST(PrintAccrual, SummarisesEntriesTotalsAndTheAccruedThroughDate) {
  EXPECT_EQ(LastLine(PrintedAccrual(ThroughSeptember())),
            "booked 4 entries (1 opening, 3 accrual): interest 4,320,591.44 元, penalty 0.00 元; "
            "accrued through 2021-09-30");
}

TEST(PrintAccrual, NamesTheKindOnceWhenEveryEntryIsAnAccrual) {
  AccrueInterestResponse accrual = ThroughSeptember();
  accrual.mutable_entries()->erase(accrual.mutable_entries()->begin());
  EXPECT_EQ(LastLine(PrintedAccrual(accrual)),
            "booked 3 accrual entries: interest 4,320,591.44 元, penalty 0.00 元; accrued through "
            "2021-09-30");
}

TEST(PrintAccrual, ShowsInterestTakenBackAsNegative) {
  AccrueInterestResponse accrual;
  JournalEntry* entry = accrual.add_entries();
  *entry = Accrual(5, Day(2021, 9, 30), Day(2021, 10, 31), Money());
  entry->clear_postings();
  AddPosting(entry, ClaimAccount("interest"), 1, Money(), Yuan(100));
  AddPosting(entry, "amc/interest_income", 0, Yuan(100), Money());
  std::string text = PrintedAccrual(accrual);
  EXPECT_TRUE(HasLine(text, "    5  accrual  2021-09-30 .. 2021-10-31      -100.00        0.00"))
      << text;
}

TEST(PrintAccrual, SaysNothingWasDueWhenNoEntryWasBooked) {
  AccrueInterestResponse accrual;
  *accrual.mutable_accrued_through() = Day(2021, 9, 30);
  EXPECT_EQ(PrintedAccrual(accrual), "nothing was due; accrued through 2021-09-30\n");
}

TEST(PrintJournalEntries, ListsEffectiveDatePeriodMemoAndTotalDebits) {
  std::string text = PrintedEntries(false);
  EXPECT_TRUE(HasLine(text,
                      "    1  opening  2021-06-30  -                         opening balances  "
                      "709,025,100.00"))
      << text;
  EXPECT_TRUE(HasLine(text,
                      "    4  accrual  2021-09-30  2021-08-31 .. 2021-09-30  interest accrued  "
                      "  1,408,888.51"))
      << text;
}

TEST(PrintJournalEntries, PrintsPostingsOnlyWhenAsked) {
  EXPECT_EQ(PrintedEntries(false).find("amc/acquisitions"), std::string::npos);
  std::string text = PrintedEntries(true);
  EXPECT_TRUE(HasLine(text, "entry 1 (opening, effective 2021-06-30)")) << text;
  EXPECT_TRUE(HasLine(text, "amc/acquisitions           -                  709,025,100.00"))
      << text;
  EXPECT_TRUE(HasLine(text, "claim/c-1/principal        1  388,658,900.00")) << text;
}

TEST(PrintJournalEntries, TotalsEachEntrysPostingsOnBothSides) {
  std::string text = PrintedEntries(true);
  EXPECT_TRUE(HasLine(text, "total                         1,408,888.51  1,408,888.51")) << text;
}

TEST(PrintJournalEntries, SaysNoEntriesForAnEmptyListing) {
  google::protobuf::RepeatedPtrField<JournalEntry> none;
  std::ostringstream out;
  PrintJournalEntries(none, true, out);
  EXPECT_EQ(out.str(), "no entries\n");
}

TEST(PrintJournalEntry, NamesTheEntryAReversalReverses) {
  JournalEntry reversal = Accrual(5, Day(2021, 8, 31), Day(2021, 9, 30), Yuan(1408888, 51));
  reversal.set_kind(disposal::v1::ENTRY_KIND_REVERSAL);
  reversal.set_reverses_entry_id(4);
  reversal.set_memo("wrong rate");
  std::ostringstream out;
  PrintJournalEntry(reversal, out);
  EXPECT_TRUE(HasLine(out.str(), "kind        reversal")) << out.str();
  EXPECT_TRUE(HasLine(out.str(), "reverses    entry 4")) << out.str();
  EXPECT_TRUE(HasLine(out.str(), "memo        wrong rate")) << out.str();
}

TEST(PrintLedgerStatement, ShowsOpeningPrincipalInYuanAndWan) {
  std::string text = PrintedStatement(SeedStatement());
  EXPECT_TRUE(HasLine(text, "opening principal   448,658,900.00 元 (44865.89 万元)")) << text;
}

TEST(PrintLedgerStatement, LinesUpYuanFiguresOfDifferentWidths) {
  std::string text = PrintedStatement(SeedStatement());
  EXPECT_TRUE(HasLine(text, "accrued interest      4,320,591.44 元 (432.059144 万元)")) << text;
  EXPECT_TRUE(HasLine(text, "costs balance                 0.00 元 (0.00 万元)")) << text;
}

TEST(PrintLedgerStatement, ShowsADisposalGainAsANegativeLoss) {
  std::string text = PrintedStatement(SeedStatement());
  EXPECT_TRUE(HasLine(text, "net disposal loss    -1,500,000.00 元 (-150.00 万元)")) << text;
}

// Not a zero owed: no amount is known yet.
TEST(PrintLedgerStatement, ShowsAnUnliquidatedPenaltyAsSuchNotAsZero) {
  ClaimStatement statement = SeedStatement();
  statement.set_penalty_unliquidated(true);
  statement.set_penalty_unliquidated_basis("具体金额以法院判定为准");
  const std::string text = PrintedStatement(statement);
  EXPECT_TRUE(HasLine(text, "opening penalty     unliquidated")) << text;
  EXPECT_TRUE(HasLine(text, "penalty judged      unliquidated")) << text;
  EXPECT_TRUE(HasLine(text,
                      "penalty     unliquidated (违约金 not yet set), not in the figures below: "
                      "具体金额以法院判定为准"))
      << text;
}

TEST(PrintLedgerStatement, EndsWithTheAccruedThroughDate) {
  EXPECT_EQ(LastLine(PrintedStatement(SeedStatement())), "accrued through     2021-09-30");
}

TEST(PrintLedgerStatement, SaysNotYetAccruedBeforeTheFirstAccrual) {
  ClaimStatement statement = SeedStatement();
  statement.clear_accrued_through();
  EXPECT_EQ(LastLine(PrintedStatement(statement)), "accrued through     not yet accrued");
}

TEST(PrintLedgerStatement, NamesTheClaimAndTheDate) {
  std::vector<std::string> lines = Lines(PrintedStatement(SeedStatement()));
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Ledger statement of claim c-1");
  EXPECT_EQ(lines[2], "as of       2021-09-30");
}

TEST(PrintLedgerStatement, ShowsWhatTheBuyersStillOweAfterRecovered) {
  ClaimStatement statement = SeedStatement();
  *statement.mutable_recovered() = Yuan(40000000);
  *statement.mutable_receivable_balance() = Yuan(50000000);
  std::vector<std::string> lines = Lines(PrintedStatement(statement));
  auto recovered =
      std::find(lines.begin(), lines.end(), "recovered            40,000,000.00 元 (4000.00 万元)");
  ASSERT_NE(recovered, lines.end()) << PrintedStatement(statement);
  ASSERT_NE(recovered + 1, lines.end());
  EXPECT_EQ(recovered[1], "receivable balance   50,000,000.00 元 (5000.00 万元)");
}

TEST(PrintOutcome, NamesTheLotTheClaimAndTrancheTheMethodAndTheBuyer) {
  std::string text = PrintedOutcome(TrancheOneSold());
  EXPECT_TRUE(HasLine(text, "outcome               o-1")) << text;
  EXPECT_TRUE(HasLine(text, "lot                   l-1")) << text;
  EXPECT_TRUE(HasLine(text, "claim                 c-1, tranche 1")) << text;
  EXPECT_TRUE(HasLine(text, "method                拍卖 (auction)")) << text;
  EXPECT_TRUE(HasLine(text, "buyer                 买受人甲 (national ID 11010519491231002X)"))
      << text;
}

TEST(PrintOutcome, ShowsPriceBookValueAndTheLossOnDisposal) {
  std::string text = PrintedOutcome(TrancheOneSold());
  EXPECT_TRUE(HasLine(text, "price                 90,000,000.00 元 (9000.00 万元)")) << text;
  EXPECT_TRUE(HasLine(text, "book value            711,936,802.93 元 (71193.680293 万元)")) << text;
  EXPECT_TRUE(HasLine(text, "loss on disposal      621,936,802.93 元 (62193.680293 万元)")) << text;
  EXPECT_EQ(text.find("gain"), std::string::npos) << text;
}

TEST(PrintOutcome, CallsAPriceAboveTheBookValueAGainShownPositive) {
  std::string text = PrintedOutcome(SoldAtAGain());
  EXPECT_TRUE(HasLine(text, "gain                  8,063,197.07 元 (806.319707 万元)")) << text;
  EXPECT_EQ(text.find("loss"), std::string::npos) << text;
}

TEST(PrintOutcome, CallsTheDifferenceDebtReliefForADebtReduction) {
  Outcome outcome = TrancheOneSold();
  outcome.set_method(disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION);
  std::string text = PrintedOutcome(outcome);
  EXPECT_TRUE(HasLine(text, "debt relief           621,936,802.93 元 (62193.680293 万元)")) << text;
  EXPECT_EQ(text.find("loss on disposal"), std::string::npos) << text;
}

void AddPart(Outcome* outcome, disposal::v1::AllocationBucket bucket, const Money& owed,
             const Money& settled, const Money& forgiven) {
  disposal::v1::ReductionPart* part = outcome->add_reduction();
  part->set_bucket(bucket);
  *part->mutable_owed() = owed;
  *part->mutable_settled() = settled;
  *part->mutable_forgiven() = forgiven;
}

TEST(PrintOutcome, ShowsWhatADebtReductionSettledAndForgaveOfEachPart) {
  Outcome outcome = TrancheOneSold();
  outcome.set_method(disposal::v1::DISPOSAL_METHOD_DEBT_REDUCTION);
  AddPart(&outcome, disposal::v1::ALLOCATION_BUCKET_INTEREST, Yuan(323277902, 93), Yuan(90000000),
          Yuan(233277902, 93));
  AddPart(&outcome, disposal::v1::ALLOCATION_BUCKET_PRINCIPAL, Yuan(388658900), Money(),
          Yuan(388658900));
  const std::string text = PrintedOutcome(outcome);
  EXPECT_NE(text.find("What the reduction settled and forgave"), std::string::npos) << text;
  EXPECT_TRUE(HasLine(text, "interest   323,277,902.93  90,000,000.00  233,277,902.93")) << text;
  EXPECT_TRUE(HasLine(text, "principal  388,658,900.00           0.00  388,658,900.00")) << text;
  EXPECT_TRUE(HasLine(text, "total      711,936,802.93  90,000,000.00  621,936,802.93")) << text;
}

TEST(PrintOutcome, ASaleShowsNoReductionTable) {
  EXPECT_EQ(PrintedOutcome(TrancheOneSold()).find("reduction"), std::string::npos);
}

TEST(PrintOutcome, ShowsTheAwardDateDecisionAndJournalEntry) {
  std::string text = PrintedOutcome(TrancheOneSold());
  EXPECT_TRUE(HasLine(text, "award date            2021-09-01")) << text;
  EXPECT_TRUE(HasLine(text, "eligibility decision  e-1")) << text;
  EXPECT_TRUE(HasLine(text, "journal entry         5")) << text;
}

TEST(PrintOutcome, SaysWhichEntryRescindedTheAward) {
  Outcome outcome = TrancheOneSold();
  EXPECT_EQ(PrintedOutcome(outcome).find("rescinded"), std::string::npos);
  outcome.set_rescission_entry_id(57);
  std::string text = PrintedOutcome(outcome);
  EXPECT_TRUE(HasLine(text, "rescinded             by entry 57: sold nothing, takes no payments"))
      << text;
}

// A rescinded award sold nothing: its loss was reversed and its buyer owes nothing more.
TEST(PrintOutcome, ShowsARescindedAwardsLossReversedAndNothingOutstanding) {
  Outcome outcome = TrancheOneSold();
  outcome.set_rescission_entry_id(57);
  std::string text = PrintedOutcome(outcome);
  EXPECT_TRUE(HasLine(text,
                      "loss on disposal      621,936,802.93 元 (62193.680293 万元) (reversed by "
                      "entry 57)"))
      << text;
  EXPECT_TRUE(HasLine(text, "Payment schedule (2 instalments; void, the award was rescinded)"))
      << text;
  EXPECT_TRUE(HasLine(text, "  2  2021-12-01  60,000,000.00  10,000,000.00               -"))
      << text;
  EXPECT_EQ(LastLine(text), "     total       90,000,000.00  40,000,000.00               -")
      << text;
}

TEST(PrintOutcome, NumbersAnAwardAfterARescissionOnly) {
  Outcome outcome = TrancheOneSold();
  outcome.set_award_number(1);
  EXPECT_EQ(PrintedOutcome(outcome).find("award number"), std::string::npos);
  outcome.set_award_number(2);
  std::string text = PrintedOutcome(outcome);
  EXPECT_TRUE(HasLine(text, "award number          2")) << text;
}

TEST(PrintOutcome, TabulatesTheScheduleWithPaidAndOutstanding) {
  std::string text = PrintedOutcome(TrancheOneSold());
  EXPECT_TRUE(HasLine(text, "Payment schedule (2 instalments)")) << text;
  EXPECT_TRUE(HasLine(text, "no.  due             amount 元        paid 元  outstanding 元"))
      << text;
  EXPECT_TRUE(HasLine(text, "  1  2021-10-01  30,000,000.00  30,000,000.00            0.00"))
      << text;
  EXPECT_TRUE(HasLine(text, "  2  2021-12-01  60,000,000.00  10,000,000.00   50,000,000.00"))
      << text;
  EXPECT_EQ(LastLine(text), "     total       90,000,000.00  40,000,000.00   50,000,000.00")
      << text;
}

// One payment due after the award date is an instalment, not a lump sum.
TEST(PrintOutcome, CallsASinglePaymentDueLaterOneInstalment) {
  Outcome outcome = TrancheOneSold();
  outcome.clear_instalments();
  AddInstalment(&outcome, Day(2022, 1, 1), Yuan(90000000), Money());
  EXPECT_TRUE(HasLine(PrintedOutcome(outcome), "Payment schedule (1 instalment)"))
      << PrintedOutcome(outcome);
}

TEST(PrintOutcome, CallsASingleInstalmentALumpSum) {
  std::string text = PrintedOutcome(SoldAtAGain());
  EXPECT_TRUE(HasLine(text, "Payment schedule (lump sum)")) << text;
  EXPECT_TRUE(HasLine(text, "  1  2021-09-01  720,000,000.00     0.00  720,000,000.00")) << text;
}

TEST(PrintPayment, ShowsTheEntryAmountAndReceivedDate) {
  std::string text = PrintedPayment(BuyerPayment());
  EXPECT_TRUE(HasLine(text, "entry       6")) << text;
  EXPECT_TRUE(HasLine(text, "outcome     o-1")) << text;
  EXPECT_TRUE(HasLine(text, "amount      40,000,000.00 元 (4000.00 万元)")) << text;
  EXPECT_TRUE(HasLine(text, "received    2021-10-01")) << text;
}

TEST(PrintPayment, TabulatesTheInstalmentsABuyersPaymentWentTo) {
  std::string text = PrintedPayment(BuyerPayment());
  EXPECT_TRUE(HasLine(text, "instalment 1  30,000,000.00")) << text;
  EXPECT_TRUE(HasLine(text, "instalment 2  10,000,000.00")) << text;
  EXPECT_EQ(LastLine(text), "total         40,000,000.00") << text;
}

TEST(PrintPayment, TabulatesTheBucketsADebtorsPaymentWentTo) {
  std::string text = PrintedPayment(DebtorPayment());
  EXPECT_EQ(text.find("outcome"), std::string::npos) << text;
  EXPECT_TRUE(HasLine(text, "interest    320,000.50")) << text;
  EXPECT_TRUE(HasLine(text, "principal   179,999.50")) << text;
  EXPECT_EQ(LastLine(text), "total       500,000.00") << text;
}

TEST(PrintPayment, LeavesOutTheTotalForASingleApplication) {
  Payment payment = BuyerPayment();
  payment.mutable_applications()->RemoveLast();
  *payment.mutable_amount() = Yuan(30000000);
  EXPECT_EQ(LastLine(PrintedPayment(payment)), "instalment 1  30,000,000.00");
}

TEST(PrintPayment, ListsTheEntriesItsTransactionBookedFirst) {
  Payment payment = DebtorPayment();
  *payment.add_booked_first() = ThroughSeptember().entries(1);
  std::string text = PrintedPayment(payment);
  EXPECT_TRUE(HasLine(text, "Booked first, in the same transaction")) << text;
  EXPECT_NE(text.find("accrual"), std::string::npos) << text;
}

TEST(PrintPayment, SaysNothingOfEntriesBookedFirstWhenThereWereNone) {
  EXPECT_EQ(PrintedPayment(DebtorPayment()).find("Booked first"), std::string::npos);
}

TEST(PrintTrialBalance, EndsWithBalancedWhenTotalDebitsEqualTotalCredits) {
  std::string text = PrintedTrialBalance(SoundTrialBalance());
  EXPECT_EQ(LastLine(text), "balanced") << text;
  EXPECT_TRUE(HasLine(text, "total                713,345,691.44  713,345,691.44             0.00"))
      << text;
}

TEST(PrintTrialBalance, ShowsEachAccountsDebitsCreditsAndBalance) {
  std::string text = PrintedTrialBalance(SoundTrialBalance());
  EXPECT_TRUE(HasLine(text, "amc/interest_income            0.00    4,320,591.44    -4,320,591.44"))
      << text;
}

TEST(PrintTrialBalance, NamesBothTotalsWhenNotBalanced) {
  std::string text = PrintedTrialBalance(TrialBalanceOffByAFen());
  EXPECT_EQ(LastLine(text), "NOT BALANCED: debits 713,345,691.44, credits 713,345,691.43") << text;
  // The totals row's balance is the difference.
  EXPECT_TRUE(HasLine(text, "total                713,345,691.44  713,345,691.43             0.01"))
      << text;
}

TEST(TrialBalanceIsBalanced, TellsTotalsAFenApart) {
  EXPECT_TRUE(TrialBalanceIsBalanced(SoundTrialBalance()));
  EXPECT_FALSE(TrialBalanceIsBalanced(TrialBalanceOffByAFen()));
}

TEST(TrialBalanceIsBalanced, HoldsForAnEmptyLedger) {
  EXPECT_TRUE(TrialBalanceIsBalanced(TrialBalance()));
  EXPECT_EQ(TrialBalanceVerdict(TrialBalance()), "balanced");
}

}  // namespace
}  // namespace disposalctl
