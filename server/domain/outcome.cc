#include "domain/outcome.h"

#include <algorithm>
#include <iterator>

#include "domain/ledger.h"

namespace disposal::domain {
namespace {

std::string ClaimPrefix(const std::string& claim_id) { return "claim/" + claim_id + "/"; }

// A booking dated `date` (`field`) on the claim: not before its books open, for `why`.
Status CheckNotBeforeOpening(const ClaimBooks& books, const char* field, const Date& date,
                             const char* why) {
  if (!(date < books.opening_date)) return OkStatus();
  return Error::FailedPrecondition(
      std::string(field) + " " + FormatIsoDate(date) + " is before the claim's cut-off date " +
      FormatIsoDate(books.opening_date) + ", when its books open: " + why);
}

// A debtor's payment received after the claim's cut-off date: its figures, as of that day,
// include what was paid on it.
Status CheckAfterCutOff(const ClaimBooks& books, const Date& received) {
  if (books.opening_date < received) return OkStatus();
  return Error::FailedPrecondition(
      "received_date " + FormatIsoDate(received) + " is not after the claim's cut-off date " +
      FormatIsoDate(books.opening_date) +
      ": its figures, as of that day, include what was paid up to and including it");
}

// A debtor's payment is allocated (art. 561: costs, interest, then principal) on the balances
// its received date finds. One dated before a payment still standing would find them without
// that payment, which was allocated on balances without this one: each would have paid another
// split than it did, and the later one's split is booked. Refused, so that payments are booked
// in the order they were received; the same day is the same balances, in recording order.
Status CheckNotBeforeStandingPayment(const ClaimBooks& books, const Date& received) {
  if (!books.latest_debtor_payment || !(received < *books.latest_debtor_payment)) {
    return OkStatus();
  }
  const std::string later = FormatIsoDate(*books.latest_debtor_payment);
  return Error::FailedPrecondition(
      "received_date " + FormatIsoDate(received) + " is before the debtor's payment of " + later +
      ", which was allocated without this one; reverse that payment, then record the two in the "
      "order received");
}

// The books with the opening entry applied when the accounts are not open yet; the opening
// entry itself is appended to `entries`.
Result<ClaimBalances> OpenedBalances(const ClaimBooks& books, std::vector<LedgerEntry>* entries) {
  ClaimBalances balances = books.balances;
  if (books.opened) return balances;
  LedgerEntry opening = OpeningEntry(books.claim, "opening/" + books.claim.id);
  if (opening.postings.empty()) return balances;
  for (const BookedPosting& booked : opening.postings) {
    if (booked.posting.side != Side::kDebit) continue;
    Money& balance = balances[{booked.posting.account, booked.tranche}];
    ASSIGN_OR_RETURN(balance, balance.Add(booked.posting.amount));
  }
  entries->push_back(std::move(opening));
  return balances;
}

void Post(LedgerEntry* entry, std::string account, Side side, const Money& amount, int tranche) {
  if (!amount.is_zero()) entry->postings.push_back({{std::move(account), side, amount}, tranche});
}

// Credits `amount` to `account`, tranche by tranche in tranche order (claim-level first), each
// up to its balance, so that every tranche's balance stays what a lot of it is worth.
Status CreditByTranche(const ClaimBalances& balances, const std::string& account, Money amount,
                       LedgerEntry* entry) {
  for (auto it = balances.lower_bound({account, 0});
       it != balances.end() && it->first.first == account && !amount.is_zero(); ++it) {
    if (!(it->second > Money())) continue;
    const Money part = std::min(amount, it->second);
    Post(entry, account, Side::kCredit, part, it->first.second);
    ASSIGN_OR_RETURN(amount, amount.Subtract(part));
  }
  // Allocate never gives a bucket more than it owes; anything left is a claim-level credit.
  Post(entry, account, Side::kCredit, amount, 0);
  return OkStatus();
}

// Whether balances on `tranche` (0: claim level) are part of what the award sells.
bool InLot(const ClaimBooks& books, const OutcomeRecord& outcome, int tranche) {
  if (!outcome.tranche_number) return true;  // the whole claim
  return tranche == *outcome.tranche_number || (tranche == 0 && books.last_tranche_held);
}

// An award values the lot on its date; postings on the lot's accounts dated after it would
// outlive the sale.
Status CheckNothingBookedAfter(const ClaimBooks& books, const OutcomeRecord& outcome) {
  const std::string prefix = ClaimPrefix(outcome.claim_id);
  for (const auto& [key, latest] : books.latest_posting) {
    const auto& [account, tranche] = key;
    if (account.rfind(prefix, 0) != 0 || latest <= outcome.award_date) continue;
    if (!InLot(books, outcome, tranche)) continue;
    return Error::FailedPrecondition(
        "award_time: the award is dated " + FormatIsoDate(outcome.award_date) +
        ", but the lot's account " + account + " has bookings effective up to " +
        FormatIsoDate(latest) +
        "; an award cannot be dated before bookings already made on its lot");
  }
  return OkStatus();
}

// The last tranche held takes the claim-level balances (costs, penalty, the court's interest)
// as of its award date: dated before another tranche's standing sale, it would take them while
// that tranche was still held, and the claim's sales would disagree on which took them.
Status CheckLastTrancheNotBeforeOtherSales(const ClaimBooks& books, const OutcomeRecord& outcome) {
  if (!books.last_tranche_held || !books.latest_other_award ||
      !(outcome.award_date < *books.latest_other_award)) {
    return OkStatus();
  }
  return Error::FailedPrecondition(
      "award_time: the award is dated " + FormatIsoDate(outcome.award_date) +
      ", before another tranche of the claim was sold (" +
      FormatIsoDate(*books.latest_other_award) +
      "), but it sells the last tranche held, which takes the claim-level balances: record the "
      "claim's awards in date order (rescind the later one first)");
}

}  // namespace

// A principal change booked late on the lot is corrected by the next accrual; sold first, the
// lot would leave with its interest uncorrected.
Status CheckNoCorrectionPending(const ClaimBooks& books, const OutcomeRecord& outcome) {
  for (const PrincipalChange& change : books.principal_changes) {
    // The journal sums a day's changes per tranche: one undone on its own day (a payment and
    // its reversal) leaves nothing to correct.
    if (!change.late || change.delta.is_zero() || !InLot(books, outcome, change.tranche)) continue;
    if (change.tranche != 0 && books.accruing_tranches.count(change.tranche) == 0) continue;
    return Error::FailedPrecondition(
        "a principal change dated " + FormatIsoDate(change.date) +
        " was booked after the lot's interest was accrued past it; accrue interest first, so "
        "that the lot is sold with its interest corrected");
  }
  if (!InLot(books, outcome, 0)) return OkStatus();
  if (const auto late = FirstLateJudgmentDebtChange(books.judgment_debt_changes)) {
    return Error::FailedPrecondition(
        "a change of the judgment debt dated " + FormatIsoDate(late->date) +
        " (a debtor's payment or another lot's award) was booked after the court's interest was "
        "accrued past it; accrue "
        "interest with the court's interest first, so that the claim-level balances are sold "
        "corrected");
  }
  return OkStatus();
}

// A change of interest booked late on the lot (a debtor's payment of interest dated in periods
// that compounded) is corrected only by the next accrual that compounds; sold first, the lot
// would leave with compound interest charged on interest already paid.
Status CheckNoCompoundCorrectionPending(const ClaimBooks& books, const OutcomeRecord& outcome) {
  const auto pending = FirstPendingCompoundCorrection(
      books.interest_changes, books.compounded_periods, [&](const PrincipalChange& change) {
        return InLot(books, outcome, change.tranche) &&
               (change.tranche == 0 || books.accruing_tranches.count(change.tranche) > 0);
      });
  if (!pending) return OkStatus();
  return Error::FailedPrecondition(
      "a change of the lot's interest dated " + FormatIsoDate(pending->change.date) +
      " was booked after the accrual through " + FormatIsoDate(pending->period.end) +
      " compounded interest on it; accrue interest with compound_overdue_interest first, "
      "so that the lot is sold with its compound interest corrected");
}

// A tranche sold and rescinded while interest was accrued without it is caught up by the next
// accrual; sold again first, the lot would leave without that interest, and a second
// rescission would lose it.
Status CheckCaughtUp(const ClaimBooks& books, const OutcomeRecord& outcome) {
  for (const int tranche : books.awaiting_catch_up) {
    if (!InLot(books, outcome, tranche) || books.accruing_tranches.count(tranche) == 0) continue;
    return Error::FailedPrecondition(
        "tranche " + std::to_string(tranche) +
        " was sold by an award rescinded since, and interest was accrued without it meanwhile; "
        "accrue interest first, so that the lot is sold with that interest caught up");
  }
  return OkStatus();
}

// A tranche's figures are as of its own cut-off date, which may be later than the claim's first:
// sold before it, the lot would leave at figures dated after the sale.
Status CheckNotBeforeLotCutOffs(const ClaimBooks& books, const OutcomeRecord& outcome) {
  for (size_t i = 0; i < books.tranche_cutoffs.size(); ++i) {
    const int tranche = static_cast<int>(i) + 1;
    const Date& cutoff = books.tranche_cutoffs[i];
    if (!InLot(books, outcome, tranche) || !(outcome.award_date < cutoff)) continue;
    return Error::FailedPrecondition("award_time " + FormatIsoDate(outcome.award_date) +
                                     " is before tranche " + std::to_string(tranche) +
                                     "'s cut-off date " + FormatIsoDate(cutoff) +
                                     ": its book value is as of then");
  }
  return OkStatus();
}

Status CheckAwardTerms(OutcomeRecord& outcome) {
  if (outcome.price.is_negative() || outcome.price.is_zero()) {
    return Error::InvalidArgument("price", "must be more than zero");
  }
  if (outcome.schedule.empty()) outcome.schedule.push_back({outcome.award_date, outcome.price, {}});
  RETURN_IF_ERROR(ValidateSchedule(outcome.schedule, outcome.price));
  if (outcome.schedule.front().due < outcome.award_date) {
    return Error::InvalidArgument("instalments[0].due_date", "must not be before the award date " +
                                                                 FormatIsoDate(outcome.award_date));
  }
  return OkStatus();
}

OfferedTerms OfferedTermsOf(const DisposalContent& content, const Lot& lot) {
  OfferedTerms offered;
  offered.reserve_price = lot.reserve_price;
  if (!offered.reserve_price && content.lots.size() == 1) {
    offered.reserve_price = content.reserve_price;
  }
  offered.instalments_allowed =
      std::find(content.payment_terms.begin(), content.payment_terms.end(),
                PaymentTerm::kInstalments) != content.payment_terms.end();
  return offered;
}

Status CheckOfferedTerms(const OfferedTerms& offered, const OutcomeRecord& outcome) {
  if (offered.reserve_price && outcome.price < *offered.reserve_price) {
    return Error{ErrorCode::kFailedPrecondition, "price",
                 outcome.price.ToGroupedString() + " is below the lot's reserve price of " +
                     offered.reserve_price->ToGroupedString()};
  }
  if (!offered.instalments_allowed && outcome.schedule.size() > 1) {
    return Error{ErrorCode::kFailedPrecondition, "instalments",
                 "the notice offered the lot for a lump sum only; this award has " +
                     std::to_string(outcome.schedule.size()) + " instalments"};
  }
  return OkStatus();
}

namespace {

// A debt reduction's agreed amount over the lot's parts: each claim account's balances on the
// lot's tranches, netted per bucket.
Result<std::vector<ReductionPart>> SettleLotParts(const ClaimBooks& books,
                                                  const ClaimBalances& balances,
                                                  const OutcomeRecord& outcome) {
  Outstanding owed;
  for (const auto& [key, balance] : balances) {
    if (!InLot(books, outcome, key.second)) continue;
    for (AllocationBucket bucket : kAllocationBuckets) {
      if (key.first != ClaimAccount(outcome.claim_id, bucket)) continue;
      ASSIGN_OR_RETURN(AmountIn(owed, bucket), AmountIn(owed, bucket).Add(balance));
    }
  }
  return SettleReduction(owed, outcome.price,
                         outcome.reduction_order.value_or(AllocationOrder::Default()));
}

}  // namespace

Result<std::vector<LedgerEntry>> PlanOutcome(const ClaimBooks& books, const std::string& request_id,
                                             OutcomeRecord* outcome) {
  RETURN_IF_ERROR(CheckNotBeforeOpening(books, "award_time", outcome->award_date,
                                        "its book value is as of then"));
  RETURN_IF_ERROR(CheckNotBeforeLotCutOffs(books, *outcome));
  RETURN_IF_ERROR(CheckNothingBookedAfter(books, *outcome));
  RETURN_IF_ERROR(CheckLastTrancheNotBeforeOtherSales(books, *outcome));
  RETURN_IF_ERROR(CheckNoCorrectionPending(books, *outcome));
  RETURN_IF_ERROR(CheckNoCompoundCorrectionPending(books, *outcome));
  RETURN_IF_ERROR(CheckCaughtUp(books, *outcome));
  std::vector<LedgerEntry> entries;
  ASSIGN_OR_RETURN(ClaimBalances balances, OpenedBalances(books, &entries));
  LedgerEntry entry;
  entry.kind = EntryKind::kOutcome;
  entry.request_id = request_id;
  entry.effective_date = outcome->award_date;
  entry.claim_id = outcome->claim_id;
  entry.memo = "award of lot " + outcome->lot_id + " to " + outcome->buyer.name + " for " +
               outcome->price.ToGroupedString();
  Money book;
  const std::string prefix = ClaimPrefix(outcome->claim_id);
  for (const auto& [key, balance] : balances) {
    const auto& [account, tranche] = key;
    if (account.rfind(prefix, 0) != 0 || balance.is_zero()) continue;
    if (!InLot(books, *outcome, tranche)) continue;
    // Every balance leaves the books, a negative one (interest credited back after it was
    // paid) by a debit.
    if (balance.is_negative()) {
      ASSIGN_OR_RETURN(const Money size, Money().Subtract(balance));
      Post(&entry, account, Side::kDebit, size, tranche);
    } else {
      Post(&entry, account, Side::kCredit, balance, tranche);
    }
    ASSIGN_OR_RETURN(book, book.Add(balance));
  }
  if (book.is_zero() || book.is_negative()) {
    return Error::FailedPrecondition("lot_id",
                                     "lot " + outcome->lot_id + " has no book value left to sell");
  }
  entry.postings.insert(entry.postings.begin(),
                        {{OutcomeReceivableAccount(outcome->id), Side::kDebit, outcome->price}, 0});
  const bool reduction = outcome->method == DisposalMethod::kDebtReduction;
  const std::string difference_account(reduction ? kAmcDebtReliefAccount
                                                 : kAmcDisposalGainLossAccount);
  ASSIGN_OR_RETURN(Money loss, book.Subtract(outcome->price));
  if (loss.is_negative() && reduction) {
    // Relief is what the AMC gives up: a "reduction" above the book value would book a
    // negative relief, income under the name of a concession.
    // The bound is the books' state, which accruals move: FAILED_PRECONDITION.
    return Error{ErrorCode::kFailedPrecondition, "price",
                 "a debt reduction settles for at most the lot's book value, " + book.ToString() +
                     ", not " + outcome->price.ToString()};
  }
  outcome->reduction.clear();
  if (reduction) {
    ASSIGN_OR_RETURN(outcome->reduction, SettleLotParts(books, balances, *outcome));
  }
  if (loss.is_negative()) {
    ASSIGN_OR_RETURN(Money gain, Money().Subtract(loss));
    Post(&entry, difference_account, Side::kCredit, gain, 0);
  } else {
    Post(&entry, difference_account, Side::kDebit, loss, 0);
  }
  outcome->book_value = book;
  entries.push_back(std::move(entry));
  return entries;
}

Result<LedgerEntry> PlanBuyerPayment(const OutcomeRecord& outcome,
                                     const std::vector<Instalment>& schedule,
                                     const std::string& request_id, PaymentRecord* payment) {
  if (outcome.rescission_entry_id != 0) {
    return Error::FailedPrecondition("outcome_id", "outcome " + outcome.id +
                                                       " was rescinded by entry " +
                                                       std::to_string(outcome.rescission_entry_id) +
                                                       "; it takes no more payments");
  }
  if (payment->received_date < outcome.award_date) {
    return Error{ErrorCode::kFailedPrecondition, "received_date",
                 "the payment is dated " + FormatIsoDate(payment->received_date) +
                     ", before the award on " + FormatIsoDate(outcome.award_date)};
  }
  ASSIGN_OR_RETURN(ScheduleApplication applied, ApplyToSchedule(payment->amount, schedule));
  payment->instalments = std::move(applied.applied);
  LedgerEntry entry;
  entry.kind = EntryKind::kPayment;
  entry.request_id = request_id;
  entry.effective_date = payment->received_date;
  entry.claim_id = outcome.claim_id;
  entry.memo = "payment from " + outcome.buyer.name + " for lot " + outcome.lot_id;
  Post(&entry, std::string(kAmcCashAccount), Side::kDebit, payment->amount, 0);
  Post(&entry, OutcomeReceivableAccount(outcome.id), Side::kCredit, payment->amount, 0);
  return entry;
}

namespace {

// A rescission keeps at most the deposit the AMC holds from the buyer: what the buyer paid, as
// the award stated it, or else what the disposal asked of every bidder.
Status CheckDepositHeld(const OutcomeRecord& outcome, const Money& amount) {
  const Money& held = outcome.deposit_paid ? *outcome.deposit_paid : outcome.disposal_deposit;
  if (held.is_zero()) {
    return Error::FailedPrecondition(
        "forfeited_deposit",
        "no deposit is held for outcome " + outcome.id +
            (outcome.deposit_paid ? ": its award states that the buyer paid none"
                                  : ": its award did not state one paid, and disposal " +
                                        outcome.disposal_id + " asked for none"));
  }
  if (held < amount) {
    return Error::InvalidArgument(
        "forfeited_deposit", "must not exceed the deposit held, " + held.ToGroupedString() +
                                 (outcome.deposit_paid ? " (paid by the buyer, as the award states)"
                                                       : " (asked for by the disposal)"));
  }
  return OkStatus();
}

}  // namespace

Result<LedgerEntry> PlanForfeiture(const OutcomeRecord& outcome, const Money& amount,
                                   const Date& on, const std::string& request_id) {
  if (amount.is_negative() || amount.is_zero()) {
    return Error::InvalidArgument("forfeited_deposit", "must be more than zero");
  }
  if (outcome.price < amount) {
    return Error::InvalidArgument("forfeited_deposit",
                                  "must not exceed the award's price " + outcome.price.ToString());
  }
  if (outcome.rescission_entry_id != 0) {
    return Error::FailedPrecondition("outcome_id",
                                     "outcome " + outcome.id + " was rescinded by entry " +
                                         std::to_string(outcome.rescission_entry_id) + " already");
  }
  RETURN_IF_ERROR(CheckDepositHeld(outcome, amount));
  LedgerEntry entry;
  entry.kind = EntryKind::kForfeiture;
  entry.request_id = request_id + "/forfeiture";
  entry.effective_date = std::max(on, outcome.award_date);
  entry.claim_id = outcome.claim_id;
  entry.memo =
      "deposit kept from " + outcome.buyer.name + ", who defaulted on lot " + outcome.lot_id;
  Post(&entry, std::string(kAmcCashAccount), Side::kDebit, amount, 0);
  Post(&entry, std::string(kAmcForfeitedDepositsAccount), Side::kCredit, amount, 0);
  return entry;
}

namespace {

// Debits `amount` to the tranches of `account` below zero, the lowest-numbered first.
void DebitBelowZero(const ClaimBalances& balances, const std::string& account, Money amount,
                    LedgerEntry* entry) {
  for (auto it = balances.lower_bound({account, 0});
       it != balances.end() && it->first.first == account && !amount.is_zero(); ++it) {
    if (!it->second.is_negative()) continue;
    const Money below = Money().Subtract(it->second).value();  // |balance| fits Money
    const Money part = std::min(amount, below);
    Post(entry, account, Side::kDebit, part, it->first.second);
    amount = amount.Subtract(part).value();  // part <= amount
  }
  // The bucket's net is below zero by at least `amount`, so its tranches cover it.
}

}  // namespace

ClaimBalances WithinNow(ClaimBalances on_date, const ClaimBalances& now) {
  for (auto& [account, amount] : on_date) {
    const auto current = now.find(account);
    const Money left = current == now.end() ? Money() : current->second;
    const Money owed_now = left.is_negative() ? Money() : left;
    const Money credit_now = left.is_negative() ? left : Money();
    if (owed_now < amount) amount = owed_now;
    if (amount < credit_now) amount = credit_now;
  }
  return on_date;
}

Result<ClaimBalances> WithAccrued(ClaimBalances balances, const LedgerEntry& accrued) {
  for (const BookedPosting& booked : accrued.postings) {
    if (booked.posting.account.rfind("claim/", 0) != 0) continue;
    Money& balance = balances[{booked.posting.account, booked.tranche}];
    ASSIGN_OR_RETURN(balance, booked.posting.side == Side::kDebit
                                  ? balance.Add(booked.posting.amount)
                                  : balance.Subtract(booked.posting.amount));
  }
  return balances;
}

Result<std::vector<LedgerEntry>> PlanDebtorPayment(const ClaimBooks& books,
                                                   const AllocationOrder& order,
                                                   const std::string& request_id,
                                                   PaymentRecord* payment) {
  // The claim's figures are as of its cut-off date, that day included (截至): they already net
  // what was paid up to then. Such a payment would be counted twice (and, before the books
  // open, credited to balances not yet on them).
  RETURN_IF_ERROR(CheckAfterCutOff(books, payment->received_date));
  RETURN_IF_ERROR(CheckNotBeforeStandingPayment(books, payment->received_date));
  std::vector<LedgerEntry> entries;
  ASSIGN_OR_RETURN(ClaimBalances balances, OpenedBalances(books, &entries));
  // A tranche cut off on or after the payment's day already nets it in its figures: the
  // payment is neither owed to it nor credited to it.
  for (auto it = balances.begin(); it != balances.end();) {
    const int tranche = it->first.second;
    const bool nets_it =
        tranche >= 1 && static_cast<size_t>(tranche) <= books.tranche_cutoffs.size() &&
        !(books.tranche_cutoffs[static_cast<size_t>(tranche - 1)] < payment->received_date);
    it = nets_it ? balances.erase(it) : std::next(it);
  }
  Outstanding outstanding;
  const std::string& id = books.claim.id;
  // What is owed per bucket: the net of the account over its tranches.
  for (const auto& [key, balance] : balances) {
    for (AllocationBucket bucket : kAllocationBuckets) {
      if (key.first != ClaimAccount(id, bucket)) continue;
      Money& owed = AmountIn(outstanding, bucket);
      ASSIGN_OR_RETURN(owed, owed.Add(balance));
    }
  }
  ASSIGN_OR_RETURN(const CarriedCredit carried, CarryCredit(&outstanding, order));
  ASSIGN_OR_RETURN(Allocation allocation, Allocate(payment->amount, outstanding, order));
  LedgerEntry entry;
  entry.kind = EntryKind::kPayment;
  entry.request_id = request_id;
  entry.effective_date = payment->received_date;
  entry.claim_id = id;
  entry.memo = "payment from the debtor " + books.claim.content.debtor.name;
  Post(&entry, std::string(kAmcCashAccount), Side::kDebit, payment->amount, 0);
  payment->allocation.clear();
  for (const AllocationLine& line : allocation.lines) {
    const Money& used = AmountIn(carried.used, line.bucket);
    ASSIGN_OR_RETURN(const Money credited, line.applied.Add(AmountIn(carried.paid, line.bucket)));
    RETURN_IF_ERROR(CreditByTranche(balances, ClaimAccount(id, line.bucket), credited, &entry));
    DebitBelowZero(balances, ClaimAccount(id, line.bucket), used, &entry);
    // Net of the credit carried off the bucket: what the debtor's money did to it, in all.
    ASSIGN_OR_RETURN(const Money net, credited.Subtract(used));
    payment->allocation.push_back({line.bucket, net});
  }
  entries.push_back(std::move(entry));
  return entries;
}

}  // namespace disposal::domain
