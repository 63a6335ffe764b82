#include "domain/ledger.h"

#include <algorithm>
#include <iterator>

#include "domain/calendar.h"

namespace disposal::domain {
namespace {

constexpr char kAcquisitionsAccount[] = "amc/acquisitions";

// Debits `claim_account` and credits `income` with `amount`; a negative amount (accrued
// before on more principal than there was) the other way round.
void AddPair(std::vector<BookedPosting>* postings, std::string claim_account, std::string income,
             const Money& amount, int tranche) {
  if (amount.is_zero()) return;
  const bool back = amount.is_negative();
  const Money size = back ? Money().Subtract(amount).value() : amount;  // |amount| fits Money
  // The tranche belongs to the claim's account only; income is the AMC's.
  postings->push_back(
      {{std::move(claim_account), back ? Side::kCredit : Side::kDebit, size}, tranche});
  postings->push_back({{std::move(income), back ? Side::kDebit : Side::kCredit, size}, 0});
}

// A tranche's accrual terms, or nullopt when it has no rate. Contract interest runs at the
// contract rate; the penalty rate, where given, is the rate on overdue principal, so the
// penalty component accrues the surcharge above the contract rate (both run from cut-off:
// a claim bought as non-performing is overdue by then).
Result<std::optional<AccrualTerms>> TermsOf(const Tranche& tranche, size_t index,
                                            const AccrualRequest& request,
                                            const ClaimLedgerState& state) {
  if (!tranche.contract_rate && !tranche.penalty_rate) return std::optional<AccrualTerms>();
  AccrualTerms terms;
  // Before the ledger opens it will open at the claim's figures; once open, the ledger's own.
  terms.principal = state.opened ? Money() : tranche.principal;
  terms.principal_steps =
      PrincipalSteps(terms.principal, static_cast<int>(index + 1), state.principal_changes);
  terms.contract_rate = tranche.contract_rate.value_or(Rate());
  terms.basis = request.basis;
  if (tranche.penalty_rate) {
    if (*tranche.penalty_rate < terms.contract_rate) {
      return Error::FailedPrecondition("tranche " + std::to_string(index + 1) +
                                       "'s penalty rate is below its contract rate");
    }
    const Rate& penalty = *tranche.penalty_rate;
    const Rate& contract = terms.contract_rate;
    // Surcharge = penalty - contract, exactly, at the finer of the two scales.
    const int scale = std::max(penalty.scale(), contract.scale());
    Rate::Scaled surcharge = penalty.scaled();
    for (int s = penalty.scale(); s < scale; ++s) surcharge *= 10;
    Rate::Scaled base = contract.scaled();
    for (int s = contract.scale(); s < scale; ++s) base *= 10;
    terms.penalty =
        PenaltyTerms{Rate::FromScaled(surcharge - base, scale), tranche.interest_cutoff_date};
  }
  // The interest overdue at cut-off (as the ledger opened with it, like the principal), less
  // what payments (oldest interest first) and other bookings took off it since; interest
  // accrued after cut-off does not compound.
  if (request.compound_overdue_interest) {
    const Money overdue = state.opened ? Money() : tranche.interest;
    terms.compound =
        CompoundTerms{tranche.penalty_rate.value_or(terms.contract_rate), overdue,
                      PrincipalSteps(overdue, static_cast<int>(index + 1), state.interest_changes)};
  }
  return std::optional<AccrualTerms>(terms);
}

// The principal changes the periods booked so far were computed with: not those recorded late.
std::vector<PrincipalChange> ChangesBookedOver(const std::vector<PrincipalChange>& changes) {
  std::vector<PrincipalChange> booked;
  for (const PrincipalChange& change : changes) {
    if (!change.late) booked.push_back(change);
  }
  return booked;
}

// One tranche (or, with tranche 0, the claim-level court interest) accruing from `start`.
struct Accruing {
  AccrualTerms terms;
  Date start;
  int tranche = 0;
  // The terms the periods booked so far were computed on: without the principal changes
  // recorded since (a payment received before, or reversed after, the accrued-through date).
  AccrualTerms booked_terms;
};

// "tranche 1 (sold 2021-09-01)", or "the whole claim (sold ...)" for tranche 0.
std::string SaleText(int tranche, const Date& award) {
  return (tranche == 0 ? std::string("the whole claim") : "tranche " + std::to_string(tranche)) +
         " (sold " + FormatIsoDate(award) + ")";
}

// A reversal is dated no earlier than its entry and not in the future; a payment's on the
// payment's own date: a bounced payment never happened, and a later date would leave its
// principal paid off (and not accruing) in between.
Status CheckReversalDate(const LedgerEntry& original, const std::optional<Date>& date,
                         const Date& today) {
  if (!date) return OkStatus();
  if (*date < original.effective_date || *date > today) {
    return Error::InvalidArgument(
        "effective_date",
        "must be from the entry's date " + FormatIsoDate(original.effective_date) + " up to today");
  }
  // A payment that bounced never arrived, and a rescinded award never sold: either is undone
  // as of its own date, so that no balance is left off (or on) the books in between.
  if ((original.kind == EntryKind::kPayment || original.kind == EntryKind::kOutcome) &&
      *date != original.effective_date) {
    return Error::InvalidArgument(
        "effective_date",
        std::string(original.kind == EntryKind::kPayment ? "a payment" : "an award") +
            " is reversed on its own date " + FormatIsoDate(original.effective_date));
  }
  return OkStatus();
}

// Whether each of the claim's tranches has been sold lot by lot.
bool EveryTrancheSold(const ClaimLedgerState& state) {
  const size_t tranches = state.claim.content.tranches.size();
  for (size_t i = 0; i < tranches; ++i) {
    if (state.sold.count(static_cast<int>(i + 1)) == 0) return false;
  }
  return tranches > 0;
}

// An accrual or a debtor's payment on a tranche sold since cannot be taken back: its reversal
// would move the tranche's balances after they left the books.
Status CheckNotSold(const LedgerEntry& entry, const ClaimLedgerState& state) {
  const std::string claim_accounts = "claim/";
  // Claim-level balances (tranche 0) left with the whole claim, or with its last tranche sold.
  auto claim_level_sale = state.sold.find(0);
  if (claim_level_sale == state.sold.end() && EveryTrancheSold(state)) {
    claim_level_sale = std::prev(state.sold.end());
  }
  for (const BookedPosting& booked : entry.postings) {
    if (booked.posting.account.compare(0, claim_accounts.size(), claim_accounts) != 0) continue;
    for (const int tranche : {0, booked.tranche}) {
      const auto sale = tranche == 0 ? claim_level_sale : state.sold.find(tranche);
      if (sale == state.sold.end()) continue;
      return Error::FailedPrecondition("entry " + std::to_string(entry.entry_id) + " booked on " +
                                       SaleText(sale->first, sale->second) +
                                       "; reversing it would leave a balance on what was sold");
    }
  }
  return OkStatus();
}

// The parts that accrue. A sold tranche accrues nothing more: its balances left the books at
// the award, and interest booked on it afterwards would sit on an asset the AMC no longer
// holds. The court's interest on the judgment debt stops when the whole claim is sold, in one
// lot or lot by lot.
Result<std::vector<Accruing>> AccruingParts(const ClaimLedgerState& state,
                                            const AccrualRequest& request) {
  const Claim& claim = state.claim;
  const bool whole_claim_sold = state.sold.count(0) > 0;
  const bool every_tranche_sold = EveryTrancheSold(state);
  std::vector<Accruing> parts;
  std::string sold_with_rate;
  const auto& tranches = claim.content.tranches;
  for (size_t i = 0; i < tranches.size(); ++i) {
    const int number = static_cast<int>(i + 1);
    ASSIGN_OR_RETURN(std::optional<AccrualTerms> terms, TermsOf(tranches[i], i, request, state));
    if (!terms) continue;
    const auto sale = state.sold.find(whole_claim_sold ? 0 : number);
    if (sale != state.sold.end()) {
      if (sold_with_rate.empty()) sold_with_rate = SaleText(sale->first, sale->second);
      continue;
    }
    AccrualTerms booked = *terms;
    booked.principal_steps =
        PrincipalSteps(booked.principal, number, ChangesBookedOver(state.principal_changes));
    if (booked.compound) {
      booked.compound->steps = PrincipalSteps(booked.compound->overdue_interest, number,
                                              ChangesBookedOver(state.interest_changes));
    }
    parts.push_back({*terms, tranches[i].interest_cutoff_date, number, std::move(booked)});
  }
  if (request.court && !whole_claim_sold && !every_tranche_sold) {
    AccrualTerms court;
    court.basis = request.basis;
    court.court = *request.court;
    parts.push_back({court, LedgerOpeningDate(claim), 0, court});
  }
  if (parts.empty() && !sold_with_rate.empty()) {
    return Error::FailedPrecondition("nothing of the claim accrues any more: " + sold_with_rate +
                                     "; a sold tranche accrues no interest");
  }
  if (parts.empty()) {
    return Error::FailedPrecondition(
        "no tranche of the claim has a contract or penalty rate to accrue at");
  }
  return parts;
}

const std::vector<AccrualPeriod>& PeriodsOf(
    const std::map<int, std::vector<AccrualPeriod>>& by_tranche, int tranche) {
  static const auto* const none = new std::vector<AccrualPeriod>();
  const auto found = by_tranche.find(tranche);
  return found == by_tranche.end() ? *none : found->second;
}

bool Contains(const std::vector<AccrualPeriod>& periods, const AccrualPeriod& period) {
  return std::find(periods.begin(), periods.end(), period) != periods.end();
}

// What the periods still standing through `through` hold, as the next period should start from
// it: the cumulative figure they were booked on, where a reversed period counts on today's
// figures (its reversal took back what it booked, so a late change has nothing there to
// correct). A period accrued while the part was sold (an award rescinded since) left it out:
// until an accrual has caught the part up on it (`awaiting`) it counts nothing, and its
// reversal, if any, waived nothing of the part (`sold`).
Result<AccrualBreakdown> BookedThrough(const Accruing& part, const Date& through,
                                       const std::vector<AccrualPeriod>& reversed,
                                       const std::vector<AccrualPeriod>& sold,
                                       const std::vector<AccrualPeriod>& awaiting) {
  ASSIGN_OR_RETURN(AccrualBreakdown total,
                   CumulativeAccrual(part.booked_terms, part.start, through));
  for (const AccrualPeriod& period : awaiting) {
    if (period.end <= part.start || period.end > through) continue;
    const Date from = std::max(period.start, part.start);
    ASSIGN_OR_RETURN(const AccrualBreakdown held,
                     PeriodAccrual(part.booked_terms, part.start, from, period.end));
    ASSIGN_OR_RETURN(total, Difference(total, held));
  }
  for (const AccrualPeriod& period : reversed) {
    if (period.end <= part.start || period.end > through || Contains(sold, period)) continue;
    const Date from = std::max(period.start, part.start);
    ASSIGN_OR_RETURN(const AccrualBreakdown now,
                     PeriodAccrual(part.terms, part.start, from, period.end));
    ASSIGN_OR_RETURN(const AccrualBreakdown then,
                     PeriodAccrual(part.booked_terms, part.start, from, period.end));
    ASSIGN_OR_RETURN(const AccrualBreakdown change, Difference(now, then));
    ASSIGN_OR_RETURN(total, Sum(total, change));
  }
  return total;
}

// What the periods booked so far hold of `part` through `from`, the first new period's start.
// The periods accrued without the court's interest (before it was asked for, or without it)
// hold none of it: it is caught up on them, from its own start.
Result<AccrualBreakdown> BookedBefore(const ClaimLedgerState& state, const Accruing& part,
                                      const Date& from) {
  std::vector<AccrualPeriod> left_out = PeriodsOf(state.awaiting_catch_up, part.tranche);
  if (part.tranche == 0) {
    for (const AccrualPeriod& period : state.periods_without_court) {
      if (!Contains(left_out, period)) left_out.push_back(period);
    }
  }
  return BookedThrough(part, from, state.reversed_periods,
                       PeriodsOf(state.accrued_while_sold, part.tranche), left_out);
}

// What to book for `period`: per component, the cumulative amount through its end minus the
// cumulative amount through its start. For the first period after those already booked, the
// start's figure is the one they were booked on, so a principal change recorded late (a payment
// received earlier, a payment reversed) corrects them there, exactly: cumulative booked amounts
// stay the rounded cumulative figures of the principal as it was.
Result<LedgerEntry> PeriodEntry(const ClaimLedgerState& state, const std::vector<Accruing>& parts,
                                const AccrualPeriod& period, bool first,
                                const std::string& request_id) {
  const Claim& claim = state.claim;
  LedgerEntry entry;
  entry.kind = EntryKind::kAccrual;
  entry.request_id = request_id + "/" + FormatIsoDate(period.end);
  entry.effective_date = period.end;
  entry.claim_id = claim.id;
  entry.period = period;
  entry.memo =
      "interest accrued " + FormatIsoDate(period.start) + " .. " + FormatIsoDate(period.end);
  for (const Accruing& part : parts) entry.compounds = entry.compounds || part.terms.compound;
  const std::string income(kAmcInterestIncomeAccount);
  for (const Accruing& part : parts) {
    if (period.end <= part.start) continue;
    const Date from = std::max(period.start, part.start);
    ASSIGN_OR_RETURN(const AccrualBreakdown through_end,
                     CumulativeAccrual(part.terms, part.start, period.end));
    ASSIGN_OR_RETURN(
        const AccrualBreakdown through_start,
        first ? BookedBefore(state, part, from) : CumulativeAccrual(part.terms, part.start, from));
    ASSIGN_OR_RETURN(const AccrualBreakdown amounts, Difference(through_end, through_start));
    ASSIGN_OR_RETURN(Money interest, amounts.interest.Add(amounts.compound));
    ASSIGN_OR_RETURN(Money penalty, amounts.penalty.Add(amounts.court_doubled));
    AddPair(&entry.postings, ClaimInterestAccount(claim.id), income, interest, part.tranche);
    AddPair(&entry.postings, ClaimPenaltyAccount(claim.id), income, penalty, part.tranche);
  }
  return entry;
}

// What the accrual entries among `entries` debit to `account`, net of what they credit back
// (the opening entry is not an accrual).
Money AccruedOn(const std::vector<LedgerEntry>& entries, const std::string& account) {
  Money total;
  for (const LedgerEntry& entry : entries) {
    if (entry.kind != EntryKind::kAccrual) continue;
    for (const BookedPosting& booked : entry.postings) {
      if (booked.posting.account != account) continue;
      // Bounded by booked amounts.
      total = booked.posting.side == Side::kDebit ? total.Add(booked.posting.amount).value()
                                                  : total.Subtract(booked.posting.amount).value();
    }
  }
  return total;
}

AccrualResult ResultOf(std::vector<LedgerEntry> entries, const std::string& claim_id,
                       std::optional<Date> accrued_through) {
  AccrualResult result;
  // Booked entries carry the claim id as stored (lower case), whatever case the caller used.
  const std::string& id = entries.empty() ? claim_id : entries.front().claim_id;
  result.interest = AccruedOn(entries, ClaimInterestAccount(id));
  result.penalty = AccruedOn(entries, ClaimPenaltyAccount(id));
  for (const LedgerEntry& entry : entries) {
    if (entry.period && (!accrued_through || *accrued_through < entry.period->end)) {
      accrued_through = entry.period->end;
    }
  }
  result.accrued_through = accrued_through;
  result.entries = std::move(entries);
  return result;
}

}  // namespace

std::vector<PrincipalStep> PrincipalSteps(const Money& acquired, int tranche,
                                          const std::vector<PrincipalChange>& changes) {
  std::vector<PrincipalStep> steps;
  Money outstanding = acquired;
  for (const PrincipalChange& change : changes) {
    if (change.tranche != tranche || change.delta.is_zero()) continue;
    // Sums of booked amounts on one account: they fit Money.
    outstanding = outstanding.Add(change.delta).value();
    // An account paid beyond zero (it cannot be, payments are capped) accrues nothing.
    const Money accruing = outstanding.is_negative() ? Money() : outstanding;
    if (!steps.empty() && steps.back().date == change.date) {
      steps.back().principal = accruing;
    } else {
      steps.push_back({change.date, accruing});
    }
  }
  return steps;
}

Date LedgerOpeningDate(const Claim& claim) {
  Date earliest = claim.content.tranches.front().interest_cutoff_date;
  for (const Tranche& tranche : claim.content.tranches) {
    earliest = std::min(earliest, tranche.interest_cutoff_date);
  }
  return earliest;
}

LedgerEntry OpeningEntry(const Claim& claim, const std::string& request_id) {
  LedgerEntry entry;
  entry.kind = EntryKind::kOpening;
  entry.request_id = request_id;
  entry.claim_id = claim.id;
  entry.effective_date = LedgerOpeningDate(claim);
  entry.memo = "book value at the tranches' interest cut-off dates";
  Money total;
  const auto& tranches = claim.content.tranches;
  for (size_t i = 0; i < tranches.size(); ++i) {
    const int number = static_cast<int>(i + 1);
    for (const auto& [account, amount] :
         {std::pair{ClaimPrincipalAccount(claim.id), tranches[i].principal},
          std::pair{ClaimInterestAccount(claim.id), tranches[i].interest}}) {
      if (amount.is_zero()) continue;
      entry.postings.push_back({{account, Side::kDebit, amount}, number});
      total = total.Add(amount).value();  // a claim's totals are checked on entry
    }
  }
  if (!total.is_zero()) {
    entry.postings.push_back({{kAcquisitionsAccount, Side::kCredit, total}, 0});
  }
  return entry;
}

// Compound interest left off while a payment of interest recorded late (dated in periods that
// compounded) awaits the correction that only a compounding accrual books: refused, rather than
// leave the over-accrued compound interest standing for good.
Status CheckCompoundCorrectionBooked(const ClaimLedgerState& state, const AccrualRequest& request) {
  if (request.compound_overdue_interest) return OkStatus();
  for (const PrincipalChange& change : state.interest_changes) {
    if (!change.late || change.delta.is_zero()) continue;
    for (const AccrualPeriod& period : state.compounded_periods) {
      if (change.date < period.end) {
        return Error::FailedPrecondition(
            "compound_overdue_interest: the accrual through " + FormatIsoDate(period.end) +
            " compounded interest, and a change of tranche " + std::to_string(change.tranche) +
            "'s interest dated " + FormatIsoDate(change.date) +
            " recorded since awaits its correction there; accrue with compound interest once");
      }
    }
  }
  return OkStatus();
}

Result<std::vector<LedgerEntry>> PlanAccruals(const ClaimLedgerState& state,
                                              const AccrualRequest& request,
                                              const std::string& request_id) {
  const Claim& claim = state.claim;
  RETURN_IF_ERROR(CheckCompoundCorrectionBooked(state, request));
  ASSIGN_OR_RETURN(std::vector<Accruing> parts, AccruingParts(state, request));
  const Date from = state.accrued_through.value_or(LedgerOpeningDate(claim));
  if (request.through_date < from) {
    return Error::FailedPrecondition("the claim is accrued through " + FormatIsoDate(from) +
                                     ", after " + FormatIsoDate(request.through_date));
  }
  ASSIGN_OR_RETURN(std::vector<AccrualPeriod> periods, MonthEndPeriods(from, request.through_date));
  std::vector<LedgerEntry> entries;
  for (size_t i = 0; i < periods.size(); ++i) {
    ASSIGN_OR_RETURN(LedgerEntry entry, PeriodEntry(state, parts, periods[i], i == 0, request_id));
    if (!entry.postings.empty()) entries.push_back(std::move(entry));
  }
  return entries;
}

Result<AccrualResult> Ledger::Accrue(const AccrualRequest& request, const RequestKey& key,
                                     const AuditContext& audit) {
  if (!IsRealDate(request.through_date.year, request.through_date.month,
                  request.through_date.day)) {
    return Error::InvalidArgument("through_date", "must be a real date");
  }
  if (request.through_date > today_()) {
    return Error::InvalidArgument("through_date", "must not be in the future");
  }
  ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
  if (earlier) {
    return ResultOf(std::move(earlier->entries), request.claim_id, earlier->accrued_through);
  }
  ASSIGN_OR_RETURN(ClaimLedgerState state, repository_.LoadClaimState(request.claim_id));
  std::vector<LedgerEntry> entries;
  if (!state.opened) {
    LedgerEntry opening = OpeningEntry(state.claim, "opening/" + state.claim.id);
    if (!opening.postings.empty()) entries.push_back(std::move(opening));
  }
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> accruals, PlanAccruals(state, request, key.request_id));
  for (LedgerEntry& entry : accruals) entries.push_back(std::move(entry));
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> booked,
                   repository_.Book(request.claim_id, state, entries, key, audit));
  return ResultOf(std::move(booked), request.claim_id, state.accrued_through);
}

Result<LedgerEntry> Ledger::Reverse(int64_t entry_id, const std::optional<Date>& effective_date,
                                    const std::string& memo, const RequestKey& key,
                                    const AuditContext& audit) {
  ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
  if (earlier && !earlier->entries.empty()) return std::move(earlier->entries.front());
  ASSIGN_OR_RETURN(LedgerEntry original, repository_.GetEntry(entry_id));
  if (original.kind == EntryKind::kOpening || original.kind == EntryKind::kReversal) {
    return Error::FailedPrecondition("entry " + std::to_string(entry_id) +
                                     " is an opening entry or a reversal; it cannot be reversed");
  }
  // Reversing an award's entry rescinds the award: its outcome no longer counts as a sale and
  // the lot may be awarded again; the store refuses it while a payment or a later award booked
  // on the claim after it still stands. A payment's reversal also takes it off its schedule:
  // the store counts no reversed payment as paid.
  RETURN_IF_ERROR(CheckReversalDate(original, effective_date, today_()));
  LedgerEntry reversal;
  reversal.kind = EntryKind::kReversal;
  reversal.request_id = key.request_id;
  reversal.effective_date = effective_date.value_or(original.effective_date);
  reversal.claim_id = original.claim_id;
  reversal.reverses_entry_id = entry_id;
  reversal.memo = memo;
  for (const BookedPosting& booked : original.postings) {
    BookedPosting opposite = booked;
    opposite.posting.side = booked.posting.side == Side::kDebit ? Side::kCredit : Side::kDebit;
    reversal.postings.push_back(std::move(opposite));
  }
  ClaimLedgerState state;
  if (!original.claim_id.empty()) {
    ASSIGN_OR_RETURN(state, repository_.LoadClaimState(original.claim_id));
  }
  if (original.kind == EntryKind::kAccrual || original.kind == EntryKind::kPayment) {
    RETURN_IF_ERROR(CheckNotSold(original, state));
  }
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> booked,
                   repository_.Book(original.claim_id, state, {reversal}, key, audit));
  return std::move(booked.front());
}

Date Ledger::AsOfDate(const std::optional<Date>& as_of, std::optional<int64_t> as_of_micros) const {
  return as_of ? *as_of : as_of_micros ? ShanghaiDateOf(*as_of_micros) : today_();
}

Result<std::vector<AccountTotals>> Ledger::TrialBalance(const std::optional<Date>& as_of,
                                                        std::optional<int64_t> as_of_micros) {
  return repository_.Totals(AsOfDate(as_of, as_of_micros), as_of_micros);
}

Result<ClaimStatementView> Ledger::Statement(const std::string& claim_id,
                                             const std::optional<Date>& as_of,
                                             std::optional<int64_t> as_of_micros) {
  ASSIGN_OR_RETURN(ClaimLedgerState state,
                   as_of_micros ? repository_.LoadClaimStateAsOf(claim_id, *as_of_micros)
                                : repository_.LoadClaimState(claim_id));
  ClaimStatementView view;
  view.claim_id = claim_id;
  view.as_of = AsOfDate(as_of, as_of_micros);
  // As of the statement's date: accruals booked later for later periods are not in it.
  ASSIGN_OR_RETURN(view.accrued_through,
                   repository_.AccruedThroughAsOf(claim_id, view.as_of, as_of_micros));
  ASSIGN_OR_RETURN(std::vector<AccountTotals> totals,
                   repository_.ClaimTotalsByKind(claim_id, view.as_of, as_of_micros));
  if (!state.opened) {
    // Not in the ledger yet: it enters at its cut-off book value on its first booking, so the
    // statement shows that value rather than zeros.
    const LedgerEntry opening = OpeningEntry(state.claim, "");
    if (opening.effective_date <= view.as_of) {
      for (const BookedPosting& booked : opening.postings) {
        if (booked.posting.side != Side::kDebit) continue;
        totals.push_back(
            {booked.posting.account, EntryKind::kOpening, booked.posting.amount, Money()});
      }
    }
  }
  const std::string principal = ClaimPrincipalAccount(state.claim.id);
  const std::string interest = ClaimInterestAccount(state.claim.id);
  const std::string penalty = ClaimPenaltyAccount(state.claim.id);
  const std::string costs = ClaimCostsAccount(state.claim.id);
  // Each figure is a sum of booked amounts on this claim's accounts, so it fits Money.
  auto add = [](Money& to, const Money& amount) { to = to.Add(amount).value(); };
  auto subtract = [](Money& from, const Money& amount) { from = from.Subtract(amount).value(); };
  for (const AccountTotals& t : totals) {
    const EntryKind kind = t.kind.value_or(EntryKind::kAccrual);
    if (t.account == kAmcCashAccount) {
      add(view.recovered, t.debits);
      subtract(view.recovered, t.credits);
    } else if (t.account == kAmcDisposalGainLossAccount) {
      add(view.disposal_loss, t.debits);
      subtract(view.disposal_loss, t.credits);
    } else if (t.account == kAmcDebtReliefAccount) {
      add(view.debt_relief, t.debits);
      subtract(view.debt_relief, t.credits);
    } else if (t.account.rfind("outcome/", 0) == 0) {
      add(view.receivable_balance, t.debits);
      subtract(view.receivable_balance, t.credits);
    }
    Money* balance = t.account == principal  ? &view.principal_balance
                     : t.account == interest ? &view.interest_balance
                     : t.account == penalty  ? &view.penalty_balance
                     : t.account == costs    ? &view.costs_balance
                                             : nullptr;
    if (balance == nullptr) continue;
    add(*balance, t.debits);
    subtract(*balance, t.credits);
    if (kind == EntryKind::kOpening) {
      if (t.account == principal) add(view.opening_principal, t.debits);
      if (t.account == interest) add(view.opening_interest, t.debits);
    } else if (kind == EntryKind::kAccrual ||
               (kind == EntryKind::kReversal && t.reversed_kind == EntryKind::kAccrual)) {
      // An accrual's reversal takes interest back; a payment's puts paid balances back, which
      // is no accrual.
      Money* accrued = t.account == interest  ? &view.accrued_interest
                       : t.account == penalty ? &view.accrued_penalty
                                              : nullptr;
      if (accrued != nullptr) {
        add(*accrued, t.debits);
        subtract(*accrued, t.credits);
      }
    }
  }
  return view;
}

Result<OutcomeRecord> Ledger::RecordOutcome(OutcomeRecord outcome, const RequestKey& key,
                                            const AuditContext& audit) {
  if (outcome.price.is_negative() || outcome.price.is_zero()) {
    return Error::InvalidArgument("price", "must be more than zero");
  }
  if (outcome.schedule.empty()) outcome.schedule.push_back({outcome.award_date, outcome.price, {}});
  RETURN_IF_ERROR(ValidateSchedule(outcome.schedule, outcome.price));
  if (outcome.schedule.front().due < outcome.award_date) {
    return Error::InvalidArgument("instalments[0].due_date", "must not be before the award date " +
                                                                 FormatIsoDate(outcome.award_date));
  }
  const std::string request_id = key.request_id;
  return outcomes_.RecordOutcome(
      std::move(outcome),
      [&request_id](const ClaimBooks& books, OutcomeRecord* planned) {
        return PlanOutcome(books, request_id, planned);
      },
      key, audit);
}

Result<OutcomeRecord> Ledger::RescindOutcome(const std::string& id, const std::string& memo,
                                             const RequestKey& key, const AuditContext& audit) {
  ASSIGN_OR_RETURN(const OutcomeRecord outcome, outcomes_.GetOutcome(id));
  RETURN_IF_ERROR(Reverse(outcome.entry_id, std::nullopt, memo, key, audit));
  return outcomes_.GetOutcome(id);
}

Result<PaymentRecord> Ledger::RecordPayment(PaymentRecord payment, const AllocationOrder& order,
                                            const RequestKey& key, const AuditContext& audit) {
  if (payment.amount.is_negative() || payment.amount.is_zero()) {
    return Error::InvalidArgument("amount", "must be more than zero");
  }
  if (payment.received_date > today_()) {
    return Error::InvalidArgument("received_date", "must not be in the future");
  }
  const std::string request_id = key.request_id;
  if (!payment.outcome_id.empty()) {
    return outcomes_.RecordBuyerPayment(
        std::move(payment),
        [&request_id](const OutcomeRecord& outcome, const std::vector<Instalment>& schedule,
                      PaymentRecord* planned) {
          return PlanBuyerPayment(outcome, schedule, request_id, planned);
        },
        key, audit);
  }
  return outcomes_.RecordDebtorPayment(
      std::move(payment),
      [&request_id, &order](const ClaimBooks& books, PaymentRecord* planned) {
        return PlanDebtorPayment(books, order, request_id, planned);
      },
      key, audit);
}

Result<std::vector<LedgerEntry>> Ledger::Entries(const std::string& claim_id, int64_t after_id,
                                                 int limit) {
  return repository_.ListClaimEntries(claim_id, after_id, limit);
}

}  // namespace disposal::domain
