#include "domain/ledger.h"

#include <algorithm>
#include <iterator>

#include "domain/allocation.h"

namespace disposal::domain {
namespace {

// A reversal is dated no earlier than its entry and not in the future; a payment's on the
// payment's own date: a bounced payment never happened, and a later date would leave its
// principal paid off (and not accruing) in between.
Status CheckReversalDate(const LedgerEntry& original, const std::optional<Date>& date,
                         const Date& today) {
  if (!date) return OkStatus();
  // A payment that bounced never arrived, and a rescinded award never sold: either is undone
  // as of its own date, so that no balance is left off (or on) the books in between. Checked
  // first, so that any other date gets this one answer.
  if ((original.kind == EntryKind::kPayment || original.kind == EntryKind::kOutcome) &&
      *date != original.effective_date) {
    return Error::InvalidArgument(
        "effective_date",
        std::string(original.kind == EntryKind::kPayment ? "a payment" : "an award") +
            " is reversed on its own date " + FormatIsoDate(original.effective_date));
  }
  if (*date < original.effective_date || *date > today) {
    return Error::InvalidArgument(
        "effective_date",
        "must be from the entry's date " + FormatIsoDate(original.effective_date) + " up to today");
  }
  return OkStatus();
}

// An accrual or a debtor's payment on a tranche sold since cannot be taken back: its reversal
// would move the tranche's balances after they left the books.
Status CheckNotSold(const LedgerEntry& entry, const ClaimLedgerState& state) {
  const std::string claim_accounts = "claim/";
  // Claim-level balances (tranche 0) left with the whole claim, or with its last tranche sold.
  const std::optional<std::pair<int, Date>> claim_level_sale = ClaimLevelSale(state);
  for (const BookedPosting& booked : entry.postings) {
    if (booked.posting.account.compare(0, claim_accounts.size(), claim_accounts) != 0) continue;
    // The posting's own tranche's sale first: the claim-level one is the last lot's.
    for (const int tranche : {booked.tranche, 0}) {
      std::optional<std::pair<int, Date>> sale = claim_level_sale;
      if (tranche != 0) {
        const auto found = state.sold.find(tranche);
        sale = found == state.sold.end() ? std::nullopt : std::optional(*found);
      }
      if (!sale) continue;
      return Error::FailedPrecondition("entry " + std::to_string(entry.entry_id) + " booked on " +
                                       SaleText(sale->first, sale->second) +
                                       "; reversing it would leave a balance on what was sold");
    }
  }
  return OkStatus();
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

// The accrual a payment or an award asks to book first through `through`: `accrue_first`, or
// without it the claim's own terms (used only when the claim has them).
AccrualRequest AskedFirst(const std::optional<AccrualRequest>& accrue_first,
                          const std::string& claim_id, const Date& through) {
  AccrualRequest asked = accrue_first.value_or(AccrualRequest{});
  if (!accrue_first) asked.as_last_accrued = true;  // resolves to the claim's own terms
  asked.claim_id = claim_id;
  asked.through_date = through;
  return asked;
}

}  // namespace

Result<std::vector<LedgerEntry>> AccrualsThrough(const ClaimLedgerState& state,
                                                 const AccrualRequest& asked,
                                                 const std::string& request_id) {
  ASSIGN_OR_RETURN(const AccrualRequest request, ResolveTerms(asked, state));
  // A payment before the books open is refused by its own planning; one on or before the date
  // accrued through is corrected for by the next accrual, as ever.
  if (request.through_date <= LedgerOpeningDate(state.claim)) return std::vector<LedgerEntry>();
  if (state.accrued_through && request.through_date <= *state.accrued_through) {
    return std::vector<LedgerEntry>();
  }
  if (!AnythingAccrues(state, request)) return std::vector<LedgerEntry>();
  std::vector<LedgerEntry> entries;
  if (!state.opened) {
    LedgerEntry opening = OpeningEntry(state.claim, "opening/" + state.claim.id);
    if (!opening.postings.empty()) entries.push_back(std::move(opening));
  }
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> accruals, PlanAccruals(state, request, request_id));
  if (accruals.empty()) return std::vector<LedgerEntry>();
  for (LedgerEntry& entry : accruals) entries.push_back(std::move(entry));
  return entries;
}

Result<std::vector<LedgerEntry>> AccrualsFirst(const ClaimLedgerState& state,
                                               const AccrualRequest& asked,
                                               const std::string& request_id) {
  Result<std::vector<LedgerEntry>> entries = AccrualsThrough(state, asked, request_id);
  if (!entries.ok() && !entries.error().field.empty()) {
    return entries.error().WithFieldPrefix("accrue_first");
  }
  return entries;
}

std::function<Result<std::vector<LedgerEntry>>(const ClaimLedgerState&)> OnClaimTerms(
    AccrualRequest asked, const std::string& request_id, bool stated) {
  return [asked = std::move(asked), request_id, stated](const ClaimLedgerState& state) {
    return stated ? AccrualsFirst(state, asked, request_id)
                  : AccrualsThrough(state, asked, request_id);
  };
}

Result<AccrualResult> Ledger::Accrue(const AccrualRequest& asked, const RequestKey& key,
                                     const AuditContext& audit) {
  if (!IsRealDate(asked.through_date.year, asked.through_date.month, asked.through_date.day)) {
    return Error::InvalidArgument("through_date", "must be a real date");
  }
  if (asked.through_date > today_()) {
    return Error::InvalidArgument("through_date", "must not be in the future");
  }
  ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
  if (earlier) {
    return ResultOf(std::move(earlier->entries), asked.claim_id, earlier->accrued_through);
  }
  ASSIGN_OR_RETURN(ClaimLedgerState state, repository_.LoadClaimState(asked.claim_id));
  ASSIGN_OR_RETURN(const AccrualRequest request, ResolveTerms(asked, state));
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
  ASSIGN_OR_RETURN(PlannedReversal planned, PlanReversal(entry_id, effective_date, memo, key));
  ASSIGN_OR_RETURN(
      std::vector<LedgerEntry> booked,
      repository_.Book(planned.reversal.claim_id, planned.state, {planned.reversal}, key, audit));
  return std::move(booked.front());
}

Result<Ledger::PlannedReversal> Ledger::PlanReversal(int64_t entry_id,
                                                     const std::optional<Date>& effective_date,
                                                     const std::string& memo,
                                                     const RequestKey& key) {
  ASSIGN_OR_RETURN(LedgerEntry original, repository_.GetEntry(entry_id));
  if (original.kind == EntryKind::kOpening || original.kind == EntryKind::kReversal) {
    return Error::FailedPrecondition("entry " + std::to_string(entry_id) +
                                     " is an opening entry or a reversal; it cannot be reversed");
  }
  if (original.kind == EntryKind::kPenalty) {
    return Error::FailedPrecondition(
        "entry " + std::to_string(entry_id) +
        " booked a change of the claim's penalty; change the claim's penalty (UpdateClaim) "
        "instead, which books the difference");
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
  if (original.kind == EntryKind::kAccrual || original.kind == EntryKind::kPayment ||
      original.kind == EntryKind::kCost) {
    RETURN_IF_ERROR(CheckNotSold(original, state));
  }
  if (original.kind == EntryKind::kCost) RETURN_IF_ERROR(CheckCostReversible(original, state));
  return PlannedReversal{std::move(reversal), std::move(state)};
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
  ClaimStatementView view;
  view.claim_id = claim_id;
  view.as_of = AsOfDate(as_of, as_of_micros);
  ASSIGN_OR_RETURN(ClaimStatementBasis basis,
                   repository_.LoadStatementBasis(claim_id, view.as_of, as_of_micros));
  const ClaimLedgerState& state = basis.state;
  const Penalty& penalty_then =
      basis.penalty_on_date ? *basis.penalty_on_date : state.claim.content.penalty;
  view.penalty_unliquidated = penalty_then.unliquidated;
  if (view.penalty_unliquidated) view.penalty_unliquidated_basis = penalty_then.basis;
  // As of the statement's date: accruals booked later for later periods are not in it.
  view.accrued_through = basis.accrued_through;
  std::vector<AccountTotals>& totals = basis.totals;
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
    const bool cost = kind == EntryKind::kCost ||
                      (kind == EntryKind::kReversal && t.reversed_kind == EntryKind::kCost);
    const bool forfeiture =
        kind == EntryKind::kForfeiture ||
        (kind == EntryKind::kReversal && t.reversed_kind == EntryKind::kForfeiture);
    if (t.account == kAmcCashAccount && forfeiture) {
      // A deposit kept is income, not a recovery of the claim: no balance went down for it.
      add(view.deposits_kept, t.debits);
      subtract(view.deposits_kept, t.credits);
    } else if (t.account == kAmcCashAccount && cost) {
      // Cash paid out for the claim's costs is no recovery; it is what the costs advanced were.
      add(view.costs_advanced, t.credits);
      subtract(view.costs_advanced, t.debits);
    } else if (t.account == kAmcCashAccount) {
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
      if (t.account == penalty) add(view.opening_penalty, t.debits);
    } else if (kind == EntryKind::kPenalty && t.account == penalty) {
      add(view.penalty_judged, t.debits);
      subtract(view.penalty_judged, t.credits);
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

Result<OutcomeRecord> Ledger::RecordOutcome(OutcomeRecord outcome,
                                            const AwardConditions& conditions,
                                            const RequestKey& key, const AuditContext& audit,
                                            std::optional<AccrualRequest> accrue_first) {
  RETURN_IF_ERROR(CheckAwardTerms(outcome));
  const std::string request_id = key.request_id;
  ClaimLedgerState state;
  EntriesFirst first;
  AccrualRequest asked = AskedFirst(accrue_first, outcome.claim_id, outcome.award_date);
  if (accrue_first) {
    ASSIGN_OR_RETURN(state, repository_.LoadClaimState(outcome.claim_id));
    ASSIGN_OR_RETURN(first.entries, AccrualsFirst(state, asked, request_id));
    first.basis = &state;
  }
  first.on_claim_terms = OnClaimTerms(std::move(asked), request_id, accrue_first.has_value());
  return outcomes_.RecordOutcome(
      std::move(outcome), first,
      [&request_id](const ClaimBooks& books, OutcomeRecord* planned) {
        return PlanOutcome(books, request_id, planned);
      },
      conditions, key, audit);
}

Result<OutcomeRecord> Ledger::RescindOutcome(const std::string& id, const std::string& memo,
                                             const std::optional<Money>& forfeited_deposit,
                                             const RequestKey& key, const AuditContext& audit) {
  // A retry is answered from its first call: the outcome as it stands now. First, so that a
  // request id used before with another outcome is ALREADY_EXISTS whatever that id names.
  ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
  if (earlier && !earlier->entries.empty()) return outcomes_.GetOutcome(id);
  ASSIGN_OR_RETURN(const OutcomeRecord outcome, outcomes_.GetOutcome(id));
  // A retry that raced its own first call (committed after the look above) finds the outcome
  // rescinded already: it gets that call's answer, not the refusal.
  auto answered_earlier = [&](const Error& refusal) -> Result<OutcomeRecord> {
    if (refusal.code != ErrorCode::kFailedPrecondition) return refusal;
    ASSIGN_OR_RETURN(std::optional<EarlierBooking> raced, repository_.EarlierEntries(key));
    if (raced && !raced->entries.empty()) return outcomes_.GetOutcome(id);
    return refusal;
  };
  std::vector<LedgerEntry> entries;
  if (forfeited_deposit) {
    Result<LedgerEntry> kept =
        PlanForfeiture(outcome, *forfeited_deposit, today_(), key.request_id);
    if (!kept.ok()) return answered_earlier(kept.error());
    entries.push_back(std::move(kept).value());
  }
  Result<PlannedReversal> reversal = PlanReversal(outcome.entry_id, std::nullopt, memo, key);
  if (!reversal.ok()) return answered_earlier(reversal.error());
  PlannedReversal planned = std::move(reversal).value();
  entries.insert(entries.begin(), std::move(planned.reversal));
  ASSIGN_OR_RETURN(const std::vector<LedgerEntry> booked,
                   repository_.Book(outcome.claim_id, planned.state, entries, key, audit));
  return outcomes_.GetOutcome(id);
}

Result<PaymentRecord> Ledger::RecordPayment(PaymentRecord payment, const AllocationOrder& order,
                                            const RequestKey& key, const AuditContext& audit,
                                            std::optional<AccrualRequest> accrue_first) {
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
  ClaimLedgerState state;
  EntriesFirst first;
  AccrualRequest asked = AskedFirst(accrue_first, payment.claim_id, payment.received_date);
  if (accrue_first) {
    // A retry is answered from its first call, whatever the ledger has become since.
    ASSIGN_OR_RETURN(std::optional<EarlierBooking> earlier, repository_.EarlierEntries(key));
    if (!earlier) {
      ASSIGN_OR_RETURN(state, repository_.LoadClaimState(payment.claim_id));
      ASSIGN_OR_RETURN(first.entries, AccrualsFirst(state, asked, request_id));
      first.basis = &state;
    }
  }
  first.on_claim_terms = OnClaimTerms(std::move(asked), request_id, accrue_first.has_value());
  const std::string claim_id = payment.claim_id;
  Result<PaymentRecord> recorded = outcomes_.RecordDebtorPayment(
      std::move(payment), first,
      [&request_id, &order](const ClaimBooks& books, PaymentRecord* planned) {
        return PlanDebtorPayment(books, order, request_id, planned);
      },
      key, audit);
  if (recorded.ok()) return recorded;
  return NamingTheSale(claim_id, std::move(recorded).error());
}

// An overpayment of a claim wholly sold says so: "exceeds the 0.00 due" alone reads as if the
// debtor had paid it off. Read on refusal only, off the payment's path.
Error Ledger::NamingTheSale(const std::string& claim_id, Error refused) {
  // Only where nothing is due: a claim sold meanwhile must not contradict a due figure.
  if (!IsOverpaymentOfNothing(refused)) return refused;
  Result<ClaimLedgerState> state = repository_.LoadClaimState(claim_id);
  if (!state.ok()) return refused;
  const std::optional<std::pair<int, Date>> sale = ClaimLevelSale(state.value());
  if (!sale) return refused;
  refused.reason += ": the claim left the books with " + SaleText(sale->first, sale->second) +
                    ", and nothing on it is owed to the AMC";
  return refused;
}

Result<std::vector<LedgerEntry>> Ledger::Entries(const std::string& claim_id, int64_t after_id,
                                                 int limit) {
  return repository_.ListClaimEntries(claim_id, after_id, limit);
}

}  // namespace disposal::domain
