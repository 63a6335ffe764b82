#include "domain/accrual_plan.h"

#include <algorithm>

#include "domain/accrual_terms.h"
#include "domain/calendar.h"

namespace disposal::domain {
namespace {

using accrual_internal::CheckCompoundCorrectionBooked;

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

// The judgment debt still unpaid over time: `court.judgment_debt` (unpaid when performance was
// due), less what each of `changes` dated after that day took off the claim's principal (a
// reversal puts it back), never below zero. Ordinary interest is no part of it (法释〔2014〕8号
// art. 1), so a payment of interest leaves it as it was.
std::vector<PrincipalStep> JudgmentDebtSteps(const CourtDelayTerms& court,
                                             const std::vector<PrincipalChange>& changes) {
  std::vector<PrincipalStep> steps;
  Money unpaid = court.judgment_debt;
  for (const PrincipalChange& change : changes) {
    if (change.date <= court.performance_due_date || change.delta.is_zero()) continue;
    // A judgment debt and sums of booked amounts: they fit Money.
    unpaid = unpaid.Add(change.delta).value();
    const Money figure = unpaid.is_negative() ? Money() : unpaid;
    if (!steps.empty() && steps.back().date == change.date) {
      steps.back().principal = figure;
    } else {
      steps.push_back({change.date, figure});
    }
  }
  return steps;
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

// The parts that accrue. A sold tranche accrues nothing more: its balances left the books at
// the award, and interest booked on it afterwards would sit on an asset the AMC no longer
// holds. The court's interest runs on the judgment debt the AMC still holds: a lot's award
// takes the lot's principal off it from the day after (ClaimLedgerState::judgment_debt_changes),
// and it stops when the whole claim is sold, in one lot or lot by lot.
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
    court.court_steps = JudgmentDebtSteps(*request.court, state.judgment_debt_changes);
    AccrualTerms booked = court;
    booked.court_steps =
        JudgmentDebtSteps(*request.court, ChangesBookedOver(state.judgment_debt_changes));
    parts.push_back({court, LedgerOpeningDate(claim), 0, std::move(booked)});
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
  std::vector<AccrualPeriod> held_none = PeriodsOf(state.accrued_while_sold, part.tranche);
  if (part.tranche == 0) {
    // Like a period accrued while a lot was sold: its reversal waived none of the court's
    // interest, which it never booked.
    for (const AccrualPeriod& period : state.periods_without_court) {
      if (!Contains(left_out, period)) left_out.push_back(period);
      if (!Contains(held_none, period)) held_none.push_back(period);
    }
  }
  return BookedThrough(part, from, state.reversed_periods, held_none, left_out);
}

// `total` plus every component of `b`.
Result<Money> SumOfComponents(const Money& total, const AccrualBreakdown& b) {
  ASSIGN_OR_RETURN(Money sum, total.Add(b.interest));
  ASSIGN_OR_RETURN(sum, sum.Add(b.penalty));
  ASSIGN_OR_RETURN(sum, sum.Add(b.compound));
  return sum.Add(b.court_doubled);
}

// Posts `amounts` of `tranche` to the claim's accounts against interest income. Penalty
// interest (罚息, the surcharge at the penalty rate) is overdue interest: art. 561's interest,
// paid before principal. Only the court's doubled-part interest, a sanction paid after the
// judgment debt itself (法释〔2014〕8号 art. 4), goes to the penalty account.
Status AddAccrued(LedgerEntry* entry, const std::string& claim_id, const AccrualBreakdown& amounts,
                  int tranche) {
  const std::string income(kAmcInterestIncomeAccount);
  ASSIGN_OR_RETURN(Money interest, amounts.interest.Add(amounts.compound));
  ASSIGN_OR_RETURN(interest, interest.Add(amounts.penalty));
  AddPair(&entry->postings, ClaimInterestAccount(claim_id), income, interest, tranche);
  AddPair(&entry->postings, ClaimPenaltyAccount(claim_id), income, amounts.court_doubled, tranche);
  return OkStatus();
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
  std::string for_periods_before;  // in the first period's entry, part by part
  for (const Accruing& part : parts) {
    if (period.end <= part.start) continue;
    const Date from = std::max(period.start, part.start);
    ASSIGN_OR_RETURN(const AccrualBreakdown through_end,
                     CumulativeAccrual(part.terms, part.start, period.end));
    ASSIGN_OR_RETURN(const AccrualBreakdown accrued_to_start,
                     CumulativeAccrual(part.terms, part.start, from));
    AccrualBreakdown through_start = accrued_to_start;
    if (first) {
      ASSIGN_OR_RETURN(through_start, BookedBefore(state, part, from));
      ASSIGN_OR_RETURN(const AccrualBreakdown correction,
                       Difference(accrued_to_start, through_start));
      ASSIGN_OR_RETURN(const Money corrected, SumOfComponents(Money(), correction));
      if (!corrected.is_zero()) {
        for_periods_before += std::string(for_periods_before.empty() ? "" : ", ") +
                              (part.tranche == 0 ? std::string("the court's interest")
                                                 : "tranche " + std::to_string(part.tranche)) +
                              " " + corrected.ToGroupedString();
      }
    }
    ASSIGN_OR_RETURN(const AccrualBreakdown amounts, Difference(through_end, through_start));
    RETURN_IF_ERROR(AddAccrued(&entry, claim.id, amounts, part.tranche));
  }
  if (!for_periods_before.empty()) {
    // Shown apart, so that a month's figure can be told from what it corrected (a change
    // recorded after the periods before were booked) or caught up (the court's interest first
    // asked for, a lot's award rescinded).
    entry.memo += "; of it, for the periods before: " + for_periods_before;
  }
  return entry;
}

}  // namespace

// "tranche 1 (sold 2021-09-01)", or "the whole claim (sold ...)" for tranche 0.
std::string SaleText(int tranche, const Date& award) {
  return (tranche == 0 ? std::string("the whole claim") : "tranche " + std::to_string(tranche)) +
         " (sold " + FormatIsoDate(award) + ")";
}

namespace {

bool EveryTrancheSold(const Claim& claim, const std::map<int, Date>& sold) {
  const size_t tranches = claim.content.tranches.size();
  for (size_t i = 0; i < tranches; ++i) {
    if (sold.count(static_cast<int>(i + 1)) == 0) return false;
  }
  return tranches > 0;
}

}  // namespace

// Whether each of the claim's tranches has been sold lot by lot.
bool EveryTrancheSold(const ClaimLedgerState& state) {
  return EveryTrancheSold(state.claim, state.sold);
}

std::optional<std::pair<int, Date>> ClaimLevelSale(const Claim& claim,
                                                   const std::map<int, Date>& sold) {
  if (const auto whole = sold.find(0); whole != sold.end()) return *whole;
  if (!EveryTrancheSold(claim, sold)) return std::nullopt;
  // The last award, by date: tranches need not be sold in their numbers' order.
  auto latest = sold.begin();
  for (auto sale = sold.begin(); sale != sold.end(); ++sale) {
    if (latest->second < sale->second) latest = sale;
  }
  return *latest;
}

std::optional<std::pair<int, Date>> ClaimLevelSale(const ClaimLedgerState& state) {
  return ClaimLevelSale(state.claim, state.sold);
}

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
  // A penalty already fixed (a court's or an agreed sum) is part of what was bought: the whole
  // claim's, not a tranche's. One still to be set by a court has no amount to book.
  const Penalty& penalty = claim.content.penalty;
  if (!penalty.unliquidated && penalty.amount && !penalty.amount->is_zero()) {
    entry.postings.push_back({{ClaimPenaltyAccount(claim.id), Side::kDebit, *penalty.amount}, 0});
    total = total.Add(*penalty.amount).value();  // within the claim's checked total
  }
  if (!total.is_zero()) {
    entry.postings.push_back({{kAcquisitionsAccount, Side::kCredit, total}, 0});
  }
  return entry;
}

bool AnythingAccrues(const ClaimLedgerState& state, const AccrualRequest& request) {
  if (state.sold.count(0) > 0) return false;
  if (request.court && !EveryTrancheSold(state)) return true;
  const auto& tranches = state.claim.content.tranches;
  for (size_t i = 0; i < tranches.size(); ++i) {
    const bool rated = tranches[i].contract_rate || tranches[i].penalty_rate;
    if (rated && state.sold.count(static_cast<int>(i + 1)) == 0) return true;
  }
  return false;
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
    entry.terms = AccrualCallTerms{request.basis, request.compound_overdue_interest, request.court};
    if (!entry.postings.empty()) entries.push_back(std::move(entry));
  }
  return entries;
}

namespace {

AccrualRequest RequestOnTermsOf(const ClaimLedgerState& state, const AccrualCallTerms& terms,
                                const Date& through) {
  AccrualRequest request;
  request.claim_id = state.claim.id;
  request.through_date = through;
  request.basis = terms.basis;
  request.compound_overdue_interest = terms.compound_overdue_interest;
  request.court = terms.court;
  return request;
}

// The parts accruing on `request` that `period` held something of: not one accrued while its
// lot was sold and not caught up on yet.
Result<std::vector<Accruing>> PartsThePeriodHeld(const ClaimLedgerState& state,
                                                 const AccrualRequest& request,
                                                 const AccrualPeriod& period) {
  ASSIGN_OR_RETURN(std::vector<Accruing> parts, AccruingParts(state, request));
  parts.erase(std::remove_if(parts.begin(), parts.end(),
                             [&](const Accruing& part) {
                               return Contains(PeriodsOf(state.awaiting_catch_up, part.tranche),
                                               period);
                             }),
              parts.end());
  return parts;
}

}  // namespace

Result<LedgerEntry> AccrualOfDaysBookedLater(const ClaimLedgerState& state,
                                             const AccrualCallTerms& terms,
                                             const AccrualPeriod& period, const Date& date) {
  const AccrualRequest request = RequestOnTermsOf(state, terms, date);
  if (!AnythingAccrues(state, request)) return LedgerEntry{};
  ASSIGN_OR_RETURN(const std::vector<Accruing> parts, PartsThePeriodHeld(state, request, period));
  return PeriodEntry(state, parts, AccrualPeriod{period.start, date}, /*first=*/false, "");
}

Result<LedgerEntry> CorrectionCarriedBy(const ClaimLedgerState& state,
                                        const ClaimLedgerState& as_booked,
                                        const AccrualCallTerms& terms,
                                        const AccrualPeriod& period) {
  LedgerEntry correction;
  const AccrualRequest request = RequestOnTermsOf(state, terms, period.end);
  if (!AnythingAccrues(state, request)) return correction;
  ASSIGN_OR_RETURN(const std::vector<Accruing> parts, PartsThePeriodHeld(state, request, period));
  // The same parts (the claim and its sales are the same), with the terms as booked; which
  // periods were caught up later does not matter to what the entries before `period` hold.
  ASSIGN_OR_RETURN(const std::vector<Accruing> booked_parts, AccruingParts(as_booked, request));
  for (const Accruing& part : parts) {
    if (period.start <= part.start) continue;  // nothing accrued before the period
    const auto booked = std::find_if(booked_parts.begin(), booked_parts.end(),
                                     [&](const Accruing& b) { return b.tranche == part.tranche; });
    if (booked == booked_parts.end()) {
      return Error::Internal("tranche " + std::to_string(part.tranche) +
                             " accrues as the claim stands but not as it was booked");
    }
    // Owed through the period's start as the claim stands, less what the entries before the
    // period hold (computed, as an accrual computes it, on the changes booked before them).
    ASSIGN_OR_RETURN(const AccrualBreakdown owed,
                     CumulativeAccrual(part.terms, part.start, period.start));
    ASSIGN_OR_RETURN(const AccrualBreakdown held, BookedBefore(as_booked, *booked, period.start));
    ASSIGN_OR_RETURN(const AccrualBreakdown amounts, Difference(owed, held));
    RETURN_IF_ERROR(AddAccrued(&correction, state.claim.id, amounts, part.tranche));
  }
  return correction;
}

}  // namespace disposal::domain
