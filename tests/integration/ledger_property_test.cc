// Random sequences of LedgerService operations on the seed claim, against a real PostgreSQL,
// each checked against the test's own exact model (whole fen in int64): interest accruals
// recomputed from the contract rate on the principal left, reversals of accruals and payments,
// awards of the two lots with instalment plans, their rescissions (refused while a later
// booking stands) and awards of a lot again, costs the AMC paid (repaid first by the debtor,
// sold with the last lot, refused once both are sold), debtor and buyer payments (some of
// them overpayments that must be refused, or payments on a rescinded award), debtor payments
// and awards that now and then accrue the claim's interest through their date first, and
// retries that must change nothing. After every operation: the trial balance balances, every entry
// balances, each account recomputed from the journal equals the trial balance, and the claim
// statement reconciles with the model to the fen. A failure names the seed and the operation index,
// and the sequence stops there (later operations would start from a state the model does not
// describe); the same seed replays the same sequence.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "integration/ledger_property_base.h"

// Inside the model's namespace, so that its Day (not the fixture's Day()) is the one meant.
namespace disposal::testing::ledger_model {
namespace {

// The operations, each checked against the model as it is made; the books are checked after
// each (LedgerPropertyBase::CheckBooks).
class LedgerPropertyTest : public LedgerPropertyBase,
                           public ::testing::WithParamInterface<uint64_t> {
 protected:
  // Runs one seed's sequence, checking the books after every operation.
  void Run(uint64_t seed) {
    rng_.seed(seed);
    const int operations = static_cast<int>(Uniform(20, 40));
    // A third of the seeds give the claim accrual terms of its own (ACT/360, those the
    // accruals use anyway): its debtor payments and awards then always accrue first.
    own_terms_ = seed % 3 == 1;
    if (own_terms_) GiveTheClaimItsOwnTerms();
    CheckBooks(0);
    for (int i = 1; i <= operations && !HasFailure(); ++i) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", operation " + std::to_string(i) + " of " +
                   std::to_string(operations));
      RunOne();
      if (!HasFailure()) CheckBooks(i);
      if (HasFailure()) {
        std::string replay;
        for (size_t n = 0; n < history_.size(); ++n) {
          replay += "\n  " + std::to_string(n + 1) + ". " + history_[n];
        }
        ADD_FAILURE() << "seed " << seed << " stopped after operation " << i
                      << "; the operations so far:" << replay;
      }
    }
  }

  // What a sequence reached, for the seeds chosen to reach it.
  int Rescissions() const {
    int rescinded = 0;
    for (const Sale& sale : model_.sales) rescinded += sale.rescission_id != 0 ? 1 : 0;
    return rescinded;
  }
  bool ALotWasAwardedAgain() const { return model_.awards[0] > 1 || model_.awards[1] > 1; }
  int EntriesOfKind(v1::EntryKind kind) const {
    int found = 0;
    for (const auto& [id, entry_kind] : model_.entries) found += entry_kind == kind ? 1 : 0;
    return found;
  }

  // ---------------------------------------------------------------------------- operations

  void RunOne() {
    const bool can_accrue = !model_.accrued_through || Before(*model_.accrued_through, kLastDay);
    bool unreversed = false, reversed = false;
    for (const AccrualBooked& accrual : model_.accruals) {
      if (accrual.reversal_id != 0) reversed = true;
      if (accrual.reversal_id == 0 && !accrual.sold) unreversed = true;
    }
    const bool lot_left = !model_.awarded[0] || !model_.awarded[1];
    bool payment_standing = false;
    for (const PaymentBooked& payment : model_.payments) {
      payment_standing |= payment.reversal_id == 0;
    }
    bool cost_standing = false;
    for (const CostBooked& cost : model_.costs_booked) cost_standing |= cost.reversal_id == 0;
    bool buyer_owes = false, sale_standing = false;
    for (const Sale& sale : model_.sales) {
      buyer_owes |= sale.Due() > 0;
      sale_standing |= sale.Standing();
    }
    // A day after the claim's cut-off and before the latest debtor's payment standing.
    const std::optional<Day> latest_payment = model_.LatestDebtorPayment();
    const bool earlier_day_open = latest_payment && Before(AddDays(kCutoff, 1), *latest_payment);
    const std::vector<std::pair<int, int>> weights = {
        {kAccrueOp, can_accrue ? 5 : 0},
        {kDebtorPaymentOp, 3},
        {kEarlierDebtorPaymentOp, earlier_day_open ? 1 : 0},
        {kReverseOp, unreversed ? 2 : 0},
        {kReverseAgainOp, reversed ? 1 : 0},
        {kAwardOp, lot_left ? 2 : 0},
        {kBuyerPaymentOp, buyer_owes ? 4 : (model_.sales.empty() ? 0 : 1)},
        {kRetryOp, calls_.empty() ? 0 : 2},
        {kReversePaymentOp, payment_standing ? 2 : 0},
        {kRescindOp, sale_standing ? 3 : 0},
        {kCostOp, model_.EveryLotSold() ? 1 : 3},
        {kReverseCostOp, cost_standing ? 2 : 0},
        {kPenaltyOp, penalty_ops_ && model_.opened ? 2 : 0},
    };
    int total = 0;
    for (const auto& [op, weight] : weights) total += weight;
    int pick = static_cast<int>(Uniform(1, total));
    int chosen = kDebtorPaymentOp;
    for (const auto& [op, weight] : weights) {
      if (pick <= weight) {
        chosen = op;
        break;
      }
      pick -= weight;
    }
    switch (chosen) {
      case kAccrueOp:
        return AccrueOp();
      case kDebtorPaymentOp:
        return DebtorPaymentOp();
      case kEarlierDebtorPaymentOp:
        return EarlierDebtorPaymentOp();
      case kReverseOp:
        return ReverseOp();
      case kReverseAgainOp:
        return ReverseAgainOp();
      case kAwardOp:
        return AwardOp();
      case kBuyerPaymentOp:
        return BuyerPaymentOp();
      case kReversePaymentOp:
        return ReversePaymentOp();
      case kRescindOp:
        return RescindOp();
      case kCostOp:
        return CostOp();
      case kReverseCostOp:
        return ReverseCostOp();
      case kPenaltyOp:
        return PenaltyOp();
      default:
        return RetryOp();
    }
  }

  enum Op {
    kAccrueOp,
    kDebtorPaymentOp,
    kReverseOp,
    kReverseAgainOp,
    kAwardOp,
    kBuyerPaymentOp,
    kRetryOp,
    kReversePaymentOp,
    kRescindOp,
    kCostOp,
    kReverseCostOp,
    kPenaltyOp,
    kEarlierDebtorPaymentOp
  };

  void Describe(const std::string& what) { history_.push_back(what); }

  void GiveTheClaimItsOwnTerms() {
    v1::Claim current, updated;
    ASSERT_TRUE(GetClaim(claim_id_, &current).ok());
    v1::UpdateClaimRequest request;
    *request.mutable_claim() = current;
    request.mutable_claim()->mutable_accrual_terms()->set_basis(v1::DAY_COUNT_BASIS_ACT_360);
    request.mutable_update_mask()->add_paths("accrual_terms");
    grpc::ClientContext context;
    ASSERT_TRUE(claim_stub_->UpdateClaim(&context, request, &updated).ok());
    Describe("UpdateClaim: accrual terms ACT/360 of the claim's own");
  }

  // The periods (accrued-through or cut-off, through] split at month ends, each booking the
  // difference of the cumulative figures; a period with nothing to book is left out.
  std::vector<AccrualBooked> ExpectedAccruals(const Day& through) {
    const Day from = model_.accrued_through.value_or(kCutoff);
    std::vector<AccrualBooked> expected;
    // The first period starts from the cumulative figure the periods before were booked on, so
    // a payment reversed since is accrued again there.
    const std::vector<PrincipalStep> steps = model_.PrincipalSteps();
    const std::vector<PrincipalStep> as_booked = model_.PrincipalSteps(/*as_booked=*/true);
    // What the standing periods hold through `from`: booked on the principal as it was, except
    // reversed periods, whose reversal took back what they booked.
    Fen booked_through = CumulativeInterest(from, as_booked);
    for (const AccrualBooked& accrual : model_.accruals) {
      if (accrual.reversal_id == 0) continue;
      booked_through +=
          (CumulativeInterest(accrual.end, steps) - CumulativeInterest(accrual.start, steps)) -
          (CumulativeInterest(accrual.end, as_booked) -
           CumulativeInterest(accrual.start, as_booked));
    }
    for (Day start = from; Before(start, through);) {
      const Day end = Earliest(MonthEndOf(AddDays(start, 1)), through);
      const bool first = Same(start, from);
      const Fen interest = CumulativeInterest(end, steps) -
                           (first ? booked_through : CumulativeInterest(start, steps));
      // A period with nothing to book (the principal paid off) books no entry.
      if (interest != 0) expected.push_back({0, start, end, interest, 0});
      start = end;
    }
    return expected;
  }

  // The model after `booked` accrual entries (entry ids set).
  void BookAccruals(const std::vector<AccrualBooked>& booked) {
    model_.opened = true;
    for (const AccrualBooked& accrual : booked) {
      model_.accruals.push_back(accrual);
      model_.entries[accrual.entry_id] = v1::ENTRY_KIND_ACCRUAL;
      model_.tranche_interest[1] += accrual.interest;
      model_.accrued += accrual.interest;
    }
    if (!booked.empty()) model_.accrued_through = booked.back().end;
  }

  // Accrual through a later 15th or month-end, up to four months on.
  void AccrueOp() {
    const Day from = model_.accrued_through.value_or(kCutoff);
    const Day limit = Earliest(AddDays(from, 120), kLastDay);
    std::vector<Day> candidates;
    for (Day d = AddDays(from, 1); !Before(limit, d); d = AddDays(d, 1)) {
      if (d.day == 15 || Same(d, MonthEndOf(d))) candidates.push_back(d);
    }
    if (candidates.empty()) candidates.push_back(limit);
    const Day through = Pick(candidates);
    const std::string request_id = NextRequestId("accrue");
    Describe("AccrueInterest through " + Iso(through) + " (" + request_id + ")");
    SCOPED_TRACE(history_.back());

    std::vector<AccrualBooked> expected = ExpectedAccruals(through);
    v1::AccrueInterestResponse response;
    const grpc::Status status = Accrue(claim_id_, ProtoDay(through), request_id, &response);
    if (model_.awarded[0]) {
      // Tranche 1, the only one with a rate, was sold: nothing accrues any more.
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    const int first = model_.opened ? 0 : 1;
    ASSERT_EQ(response.entries_size(), first + static_cast<int>(expected.size()));
    if (!model_.opened) {
      ExpectOpeningEntry(response.entries(0));
      model_.entries[response.entries(0).entry_id()] = v1::ENTRY_KIND_OPENING;
    }
    Fen total = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
      const v1::JournalEntry& entry = response.entries(first + static_cast<int>(i));
      AccrualBooked& booked = expected[i];
      SCOPED_TRACE("period " + Iso(booked.start) + " .. " + Iso(booked.end));
      EXPECT_EQ(entry.kind(), v1::ENTRY_KIND_ACCRUAL);
      EXPECT_EQ(entry.claim_id(), claim_id_);
      EXPECT_EQ(Iso(DayOf(entry.period_start())), Iso(booked.start));
      EXPECT_EQ(Iso(DayOf(entry.period_end())), Iso(booked.end));
      EXPECT_EQ(Iso(DayOf(entry.effective_date())), Iso(booked.end));
      ExpectAccrualPostings(entry, booked.interest, /*reversal=*/false);
      EXPECT_EQ(model_.entries.count(entry.entry_id()), 0u) << "entry id reused";
      booked.entry_id = entry.entry_id();
      total += booked.interest;
    }
    EXPECT_EQ(FenOf(response.interest()), total);
    EXPECT_EQ(FenOf(response.penalty()), 0);
    // Accrued through the last period booked: a period with nothing in it leaves no record.
    const std::optional<Day> accrued_through =
        expected.empty() ? model_.accrued_through : std::optional<Day>(expected.back().end);
    EXPECT_EQ(response.has_accrued_through(), accrued_through.has_value());
    if (accrued_through) {
      EXPECT_EQ(Iso(DayOf(response.accrued_through())), Iso(*accrued_through));
    }
    if (HasFailure()) return;

    BookAccruals(expected);
    model_.today = Latest(model_.today, through);
    Call call;
    call.kind = Call::kAccrue;
    call.accrue.set_claim_id(claim_id_);
    *call.accrue.mutable_through_date() = ProtoDay(through);
    call.accrue.set_request_id(request_id);
    call.accrued = response;
    calls_.push_back(call);
  }

  // A debtor's payment received before the latest one still standing (a bank statement that
  // came late): refused, naming that payment's date, and nothing is booked (the invariants
  // checked after each step would see anything that was).
  void EarlierDebtorPaymentOp() {
    const Day latest = *model_.LatestDebtorPayment();
    // After the claim's cut-off day: one on or before it is refused for another reason.
    const Day received =
        AddDays(latest, -Uniform(1, std::min<int64_t>(9, Serial(latest) - Serial(kCutoff) - 1)));
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = MoneyOf(100);
    *request.mutable_received_date() = ProtoDay(received);
    request.set_request_id(NextRequestId("debtor-earlier"));
    Describe("RecordPayment from the debtor of 1.00 on " + Iso(received) + ", before the one of " +
             Iso(latest) + " (" + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::Payment payment;
    const grpc::Status status = Pay(request, &payment);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << "a payment received before a standing one was booked: " << payment.ShortDebugString();
    EXPECT_NE(status.error_message().find("before the debtor's payment of " + Iso(latest)),
              std::string::npos)
        << status.error_message();
    ++earlier_payments_refused_;
  }

  int earlier_payments_refused_ = 0;

  // The debtor pays some of what it owes, or (now and then, and always when it owes nothing)
  // more than that, which must be refused with the amount due and book nothing.
  void DebtorPaymentOp() {
    const Day received = NextBusinessDay(model_.today, 10);
    // Now and then the claim's interest is accrued through the payment's date first, in the
    // payment's transaction (tranche 1, the only one with a rate, while it is held).
    // A claim with terms of its own always accrues first, unasked.
    const bool accrue_first = !own_terms_ && OneIn(2);
    std::vector<AccrualBooked> accruals;
    if ((accrue_first || own_terms_) && !model_.awarded[0]) accruals = ExpectedAccruals(received);
    Fen accruing = 0;
    for (const AccrualBooked& accrual : accruals) accruing += accrual.interest;
    // Each bucket's net once that is booked (costs, interest, principal, penalty): one below
    // zero (interest credited back after it was paid) is the debtor's credit, which lowers what
    // is owed.
    const std::array<Fen, 4> nets = {model_.costs, model_.InterestNet() + accruing,
                                     model_.PrincipalNet(), model_.penalty};
    const Fen owed = DueAfterCredit(nets);
    const bool over = owed == 0 || OneIn(5);
    const Fen amount = over ? owed + SomeOf(10'000'000'000) : SomeOf(owed);
    v1::RecordPaymentRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = MoneyOf(amount);
    *request.mutable_received_date() = ProtoDay(received);
    request.set_request_id(NextRequestId("debtor"));
    if (accrue_first) request.mutable_accrue_first();
    Describe("RecordPayment from the debtor of " + Plain(amount) + " on " + Iso(received) +
             (accrue_first || own_terms_ ? ", accruing " + Plain(accruing) + " first" : "") +
             " (owed " + Plain(owed) + ", " + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::Payment payment;
    const grpc::Status status = Pay(request, &payment);
    if (over) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << "an overpayment by the debtor was accepted: " << payment.ShortDebugString();
      EXPECT_NE(status.error_message().find("the " + Grouped(owed) + " due"), std::string::npos)
          << "expected the amount due " << Grouped(owed) << " in: " << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    ExpectAccrualsOfTheCall(request.request_id(), &accruals);
    if (HasFailure()) return;
    BookAccruals(accruals);
    EXPECT_EQ(payment.claim_id(), claim_id_);
    EXPECT_TRUE(payment.outcome_id().empty());
    EXPECT_EQ(FenOf(payment.amount()), amount);
    EXPECT_EQ(Iso(DayOf(payment.received_date())), Iso(received));
    EXPECT_EQ(model_.entries.count(payment.entry_id()), 0u) << "entry id reused";
    // Costs, interest, principal, penalty: each bucket filled before the next, the debtor's
    // credit first; a bucket the credit came off shows what it gave up, below zero.
    const DebtorAllocation allocation = AllocateWithCredit(nets, amount);
    constexpr std::array<v1::AllocationBucket, 4> kBuckets = {
        v1::ALLOCATION_BUCKET_COSTS, v1::ALLOCATION_BUCKET_INTEREST,
        v1::ALLOCATION_BUCKET_PRINCIPAL, v1::ALLOCATION_BUCKET_PENALTY};
    std::vector<std::pair<v1::AllocationBucket, Fen>> expected;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      const Fen applied = allocation.credited[i] - allocation.used[i];
      if (applied != 0) expected.emplace_back(kBuckets[i], applied);
    }
    Fen applied_total = 0;
    for (const v1::PaymentApplication& application : payment.applications()) {
      applied_total += FenOf(application.amount());
      EXPECT_EQ(application.instalment_number(), 0);
      EXPECT_NE(application.bucket(), v1::ALLOCATION_BUCKET_UNSPECIFIED)
          << "applied to no bucket: " << application.ShortDebugString();
    }
    EXPECT_EQ(applied_total, amount) << payment.ShortDebugString();
    ASSERT_EQ(payment.applications_size(), static_cast<int>(expected.size()))
        << payment.ShortDebugString();
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(payment.applications(static_cast<int>(i)).bucket(), expected[i].first);
      EXPECT_EQ(FenOf(payment.applications(static_cast<int>(i)).amount()), expected[i].second)
          << payment.ShortDebugString();
    }
    if (HasFailure()) return;

    model_.opened = true;
    model_.entries[payment.entry_id()] = v1::ENTRY_KIND_PAYMENT;
    PaymentBooked booked{payment.entry_id(), -1, received, amount, {}, {}, {}, 0};
    const std::array<Fen, 3> interest_before = model_.tranche_interest;
    const std::array<Fen, 3> principal_before = model_.tranche_principal;
    Model::CreditInTrancheOrder(model_.tranche_interest, allocation.credited[1]);
    Model::DebitBelowZeroInTrancheOrder(model_.tranche_interest, allocation.used[1]);
    Model::CreditInTrancheOrder(model_.tranche_principal, allocation.credited[2]);
    Model::DebitBelowZeroInTrancheOrder(model_.tranche_principal, allocation.used[2]);
    for (size_t tranche = 1; tranche < 3; ++tranche) {
      booked.interest[tranche] = interest_before[tranche] - model_.tranche_interest[tranche];
      booked.principal[tranche] = principal_before[tranche] - model_.tranche_principal[tranche];
    }
    booked.costs = allocation.credited[0] - allocation.used[0];
    model_.costs -= booked.costs;
    booked.penalty = allocation.credited[3] - allocation.used[3];
    model_.penalty -= booked.penalty;
    model_.payments.push_back(booked);
    model_.debtor_paid += amount;
    model_.today = received;
    Call call;
    call.kind = Call::kPayment;
    call.pay = request;
    call.payment = payment;
    calls_.push_back(call);
  }

  // The accrual entries a payment or an award with accrue_first booked, found in the journal
  // under its request id, as `expected` (whose entry ids this sets) says.
  void ExpectAccrualsOfTheCall(const std::string& request_id,
                               std::vector<AccrualBooked>* expected) {
    std::vector<const v1::JournalEntry*> found;
    const std::vector<v1::JournalEntry> journal = Journal(50);
    for (const v1::JournalEntry& entry : journal) {
      if (entry.kind() == v1::ENTRY_KIND_ACCRUAL &&
          entry.request_id().rfind(request_id + "/", 0) == 0) {
        found.push_back(&entry);
      }
    }
    ASSERT_EQ(found.size(), expected->size()) << "accrual entries booked by " << request_id;
    for (size_t i = 0; i < found.size(); ++i) {
      AccrualBooked& booked = (*expected)[i];
      SCOPED_TRACE("period " + Iso(booked.start) + " .. " + Iso(booked.end));
      EXPECT_EQ(Iso(DayOf(found[i]->period_start())), Iso(booked.start));
      EXPECT_EQ(Iso(DayOf(found[i]->period_end())), Iso(booked.end));
      ExpectAccrualPostings(*found[i], booked.interest, /*reversal=*/false);
      EXPECT_EQ(model_.entries.count(found[i]->entry_id()), 0u) << "entry id reused";
      booked.entry_id = found[i]->entry_id();
    }
  }

  v1::ReverseEntryRequest ReverseRequest(int64_t entry_id, const std::string& request_id) {
    v1::ReverseEntryRequest request;
    request.set_entry_id(entry_id);
    request.set_memo("property test: accrual booked in error");
    request.set_request_id(request_id);
    return request;
  }

  grpc::Status Reverse(const v1::ReverseEntryRequest& request, v1::JournalEntry* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->ReverseEntry(&context, request, out);
  }

  // Reverses an accrual not reversed yet and not sold with lot 0.
  void ReverseOp() {
    std::vector<AccrualBooked*> candidates;
    for (AccrualBooked& accrual : model_.accruals) {
      if (accrual.reversal_id == 0 && !accrual.sold) candidates.push_back(&accrual);
    }
    AccrualBooked& accrual = *Pick(candidates);
    // A principal change booked after the accrual and dated inside it: the accrual is (or will
    // be) corrected for it, and its reversal is refused.
    // A rescission corrects nothing: the next accrual catches its lot up instead.
    bool corrected = false;
    for (const PrincipalChange& change : model_.PrincipalChanges()) {
      corrected |= change.entry_id > accrual.entry_id && Before(change.day, accrual.end) &&
                   !model_.IsRescission(change.entry_id);
    }
    // The first accrual after a rescission with accruals booked while the award stood caught
    // the lot up on them: its reversal is refused too.
    corrected |= model_.IsCatchUp(accrual.entry_id);
    const v1::ReverseEntryRequest request =
        ReverseRequest(accrual.entry_id, NextRequestId("reverse"));
    Describe("ReverseEntry " + std::to_string(accrual.entry_id) + " (accrual " +
             Iso(accrual.start) + " .. " + Iso(accrual.end) + ", " + Plain(accrual.interest) +
             (corrected ? ", corrected since" : "") + ", " + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(request, &reversal);
    if (corrected) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reversal.kind(), v1::ENTRY_KIND_REVERSAL);
    EXPECT_EQ(reversal.reverses_entry_id(), accrual.entry_id);
    EXPECT_EQ(reversal.claim_id(), claim_id_);
    EXPECT_EQ(Iso(DayOf(reversal.effective_date())), Iso(accrual.end));
    EXPECT_EQ(model_.entries.count(reversal.entry_id()), 0u) << "entry id reused";
    ExpectAccrualPostings(reversal, accrual.interest, /*reversal=*/true);
    if (HasFailure()) return;

    accrual.reversal_id = reversal.entry_id();
    model_.entries[reversal.entry_id()] = v1::ENTRY_KIND_REVERSAL;
    model_.tranche_interest[1] -= accrual.interest;
    model_.reversed += accrual.interest;
    KeepReversal(request, reversal);
  }

  // Takes back a payment not reversed yet (a bounced transfer): its cash, and what it paid on
  // the claim's balances or on the buyer's instalments. A debtor's payment on a tranche sold
  // since, or with a later debtor's payment standing, cannot be taken back, and nothing is
  // booked.
  void ReversePaymentOp() {
    std::vector<PaymentBooked*> candidates;
    for (PaymentBooked& payment : model_.payments) {
      if (payment.reversal_id == 0) candidates.push_back(&payment);
    }
    PaymentBooked& payment = *Pick(candidates);
    const bool debtor = payment.sale < 0;
    bool on_a_sold_tranche = false;
    for (size_t tranche = 1; debtor && tranche < 3; ++tranche) {
      on_a_sold_tranche |= (payment.interest[tranche] != 0 || payment.principal[tranche] != 0) &&
                           model_.awarded[tranche - 1];
    }
    // Costs are claim-level: they left the books with the last lot held.
    on_a_sold_tranche |= debtor && payment.costs != 0 && model_.EveryLotSold();
    // A debtor's payment booked after it and still standing was allocated on what it left.
    bool later_payment_stands = false;
    for (const PaymentBooked& other : model_.payments) {
      later_payment_stands |=
          debtor && other.sale < 0 && other.reversal_id == 0 && other.entry_id > payment.entry_id;
    }
    v1::ReverseEntryRequest request =
        ReverseRequest(payment.entry_id, NextRequestId("reverse-payment"));
    request.set_memo("property test: the transfer bounced");
    Describe("ReverseEntry " + std::to_string(payment.entry_id) + " (" +
             (debtor ? "the debtor's" : "a buyer's") + " payment of " + Plain(payment.amount) +
             " on " + Iso(payment.received) + (on_a_sold_tranche ? ", on a sold tranche" : "") +
             (later_payment_stands ? ", a later one standing" : "") +
             (model_.accrued_through && Before(payment.received, *model_.accrued_through)
                  ? ", accrued over since"
                  : "") +
             ", " + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(request, &reversal);
    if (on_a_sold_tranche || later_payment_stands) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reversal.kind(), v1::ENTRY_KIND_REVERSAL);
    EXPECT_EQ(reversal.reverses_entry_id(), payment.entry_id);
    EXPECT_EQ(Iso(DayOf(reversal.effective_date())), Iso(payment.received));
    EXPECT_EQ(model_.entries.count(reversal.entry_id()), 0u) << "entry id reused";
    const std::map<std::string, Fen> net = NetByAccount(reversal);
    std::map<std::string, Fen> expected = {{"amc/cash", -payment.amount}};
    if (debtor) {
      const Fen interest = payment.interest[1] + payment.interest[2];
      const Fen principal = payment.principal[1] + payment.principal[2];
      if (interest != 0) expected[ClaimAccount("interest")] = interest;
      if (principal != 0) expected[ClaimAccount("principal")] = principal;
      if (payment.costs != 0) expected[ClaimAccount("costs")] = payment.costs;
      if (payment.penalty != 0) expected[ClaimAccount("penalty")] = payment.penalty;
    } else {
      const Sale& sale = model_.sales[static_cast<size_t>(payment.sale)];
      expected["outcome/" + sale.outcome_id + "/receivable"] = payment.amount;
    }
    EXPECT_EQ(net, expected) << reversal.ShortDebugString();
    if (HasFailure()) return;

    payment.reversal_id = reversal.entry_id();
    model_.entries[reversal.entry_id()] = v1::ENTRY_KIND_REVERSAL;
    if (debtor) {
      for (size_t tranche = 1; tranche < 3; ++tranche) {
        model_.tranche_interest[tranche] += payment.interest[tranche];
        model_.tranche_principal[tranche] += payment.principal[tranche];
      }
      model_.costs += payment.costs;
      model_.penalty += payment.penalty;
      model_.debtor_paid -= payment.amount;
    } else {
      Sale& sale = model_.sales[static_cast<size_t>(payment.sale)];
      sale.SpreadPaid(sale.PaidTotal() - payment.amount);
      model_.buyer_paid -= payment.amount;
    }
    KeepReversal(request, reversal);
  }

  // Reversing an accrual a second time, or reversing a reversal, is refused and books nothing.
  void ReverseAgainOp() {
    std::vector<const AccrualBooked*> candidates;
    for (const AccrualBooked& accrual : model_.accruals) {
      if (accrual.reversal_id != 0) candidates.push_back(&accrual);
    }
    const AccrualBooked& accrual = *Pick(candidates);
    const bool the_reversal = OneIn(3);
    const int64_t target = the_reversal ? accrual.reversal_id : accrual.entry_id;
    const v1::ReverseEntryRequest request = ReverseRequest(target, NextRequestId("reverse-again"));
    Describe("ReverseEntry " + std::to_string(target) +
             (the_reversal ? " (a reversal)" : " (an accrual reversed already)") + " (" +
             request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(request, &reversal);
    ASSERT_FALSE(status.ok()) << "reversed again: " << reversal.ShortDebugString();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  }

  // Awards a lot not awarded yet, at a random price around its book value, in 1-3 instalments.
  void AwardOp() {
    std::vector<int> lots;
    for (int lot : {0, 1}) {
      if (!model_.awarded[static_cast<size_t>(lot)]) lots.push_back(lot);
    }
    const int lot = Pick(lots);
    const size_t tranche = static_cast<size_t>(lot) + 1;
    const Day award_day = NextBusinessDay(Latest(model_.today, kFirstAwardDay), 20);
    // The lot's balances: what its tranche's accounts carry.
    // Every balance of the lot leaves the books, a negative one too (interest credited back by a
    // correction after it had been paid).
    const Fen book_principal = model_.tranche_principal[tranche];
    const Fen book_interest = model_.tranche_interest[tranche];
    // The last lot held also takes the claim-level balances: the claim's costs.
    const bool last_lot = model_.awarded[static_cast<size_t>(1 - lot)];
    const Fen book_costs = last_lot ? model_.costs : 0;
    const Fen book_penalty = last_lot ? model_.penalty : 0;
    const Fen book = book_principal + book_interest + book_costs + book_penalty;
    // Only tranche 1 has a rate: on tranche 2 there is no interest to correct or catch up.
    const bool correction_pending =
        tranche == 1 && (model_.CorrectionPending(static_cast<int>(tranche)) ||
                         model_.CatchUpPending(static_cast<int>(tranche)));
    // On a claim with terms of its own the award would accrue first, which books the pending
    // correction or catch-up, and could give the lot a value again: the refusals below are the
    // other seeds' to check.
    if (own_terms_ && (book <= 0 || correction_pending)) return;
    if (book <= 0 || correction_pending) {
      // Paid off already (nothing left to sell), or a late principal change on the lot waits
      // for the accrual that corrects it: the award must be refused.
      v1::RecordOutcomeRequest request =
          Award(disposal_, lot, "1.00", award_day.year, award_day.month, award_day.day);
      request.set_request_id(NextRequestId("award-empty"));
      Describe("RecordOutcome lot " + std::to_string(lot) +
               (correction_pending ? " before the accrual that corrects or catches it up"
                                   : " with no book value left") +
               " (" + request.request_id() + ")");
      SCOPED_TRACE(history_.back());
      v1::Outcome outcome;
      const grpc::Status status = RecordOutcome(request, &outcome);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    // Now and then the claim's interest is accrued through the award date first, in the award's
    // transaction (tranche 1, the only one with a rate, while it is held).
    bool accrue_first = !own_terms_ && OneIn(2);  // a claim with terms of its own: unasked
    std::vector<AccrualBooked> accruals;
    if ((accrue_first || own_terms_) && !model_.awarded[0]) {
      accruals = ExpectedAccruals(award_day);
    }
    Fen lot_accrual = 0;
    for (const AccrualBooked& accrual : accruals)
      lot_accrual += tranche == 1 ? accrual.interest : 0;
    // With terms of its own the claim cannot leave the accrual out: such an award is not tried.
    if (own_terms_ && book + lot_accrual <= 0) return;
    if (book + lot_accrual <= 0) {  // credited back to nothing: left for the refusal above
      accrue_first = false;
      accruals.clear();
      lot_accrual = 0;
    }
    const Fen price = Uniform(std::max<Fen>(1, book / 10), book + book / 10);
    const int count = static_cast<int>(Uniform(1, 3));
    std::vector<Fen> instalments;
    Fen left = price;
    for (int i = 1; i < count && left > 1; ++i) {
      const Fen amount = Uniform(1, left - 1);
      instalments.push_back(amount);
      left -= amount;
    }
    instalments.push_back(left);

    v1::RecordOutcomeRequest request =
        Award(disposal_, lot, "1.00", award_day.year, award_day.month, award_day.day);
    *request.mutable_price() = MoneyOf(price);
    request.set_request_id(NextRequestId("award"));
    if (accrue_first) request.mutable_accrue_first();
    Day due = award_day;
    for (Fen amount : instalments) {
      due = AddDays(due, Uniform(1, 90));
      v1::Instalment* instalment = request.add_instalments();
      *instalment->mutable_due_date() = ProtoDay(due);
      *instalment->mutable_amount() = MoneyOf(amount);
    }
    std::string plan;
    for (Fen amount : instalments) plan += (plan.empty() ? "" : " + ") + Plain(amount);
    Describe("RecordOutcome lot " + std::to_string(lot) + " (tranche " + std::to_string(tranche) +
             ") on " + Iso(award_day) + " for " + Plain(price) + " = " + plan +
             (accrue_first || own_terms_ ? ", accruing first" : "") + " (" + request.request_id() +
             ")");
    SCOPED_TRACE(history_.back());
    v1::Outcome outcome;
    const grpc::Status status = RecordOutcome(request, &outcome);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(outcome.claim_id(), claim_id_);
    EXPECT_EQ(outcome.lot_id(), disposal_.lots(lot).id());
    EXPECT_EQ(outcome.tranche_number(), static_cast<int>(tranche));
    EXPECT_EQ(outcome.award_number(), model_.awards[static_cast<size_t>(lot)] + 1);
    EXPECT_EQ(outcome.rescission_entry_id(), 0);
    EXPECT_EQ(FenOf(outcome.price()), price);
    EXPECT_EQ(Iso(DayOf(outcome.award_date())), Iso(award_day));
    EXPECT_FALSE(outcome.eligibility_decision_id().empty());
    EXPECT_EQ(model_.entries.count(outcome.entry_id()), 0u) << "entry id reused";
    ASSERT_EQ(outcome.instalments_size(), static_cast<int>(instalments.size()));
    for (int i = 0; i < outcome.instalments_size(); ++i) {
      EXPECT_EQ(outcome.instalments(i).number(), i + 1);
      EXPECT_EQ(FenOf(outcome.instalments(i).amount()), instalments[static_cast<size_t>(i)]);
      EXPECT_EQ(FenOf(outcome.instalments(i).paid()), 0);
    }

    // The outcome entry: the receivable (the price) against the lot's balances, the difference
    // to the disposal loss or gain.
    const std::vector<v1::JournalEntry> journal = Journal(50);
    const v1::JournalEntry* entry = nullptr;
    for (const v1::JournalEntry& candidate : journal) {
      if (candidate.entry_id() == outcome.entry_id()) entry = &candidate;
    }
    ASSERT_NE(entry, nullptr) << "the outcome's entry is not in the journal";
    EXPECT_EQ(entry->kind(), v1::ENTRY_KIND_OUTCOME);
    EXPECT_EQ(Iso(DayOf(entry->effective_date())), Iso(award_day));
    Fen principal_credit = 0, interest_credit = 0, costs_credit = 0, penalty_credit = 0;
    Fen receivable = 0, loss = 0;
    for (const v1::Posting& posting : entry->postings()) {
      const Fen net = FenOf(posting.debit()) - FenOf(posting.credit());
      if (posting.account() == ClaimAccount("principal") ||
          posting.account() == ClaimAccount("interest")) {
        EXPECT_EQ(posting.tranche_number(), static_cast<int>(tranche))
            << posting.ShortDebugString();
        (posting.account() == ClaimAccount("principal") ? principal_credit : interest_credit) -=
            net;
      } else if (posting.account() == ClaimAccount("costs") && last_lot) {
        EXPECT_EQ(posting.tranche_number(), 0) << posting.ShortDebugString();
        costs_credit -= net;
      } else if (posting.account() == ClaimAccount("penalty") && last_lot) {
        EXPECT_EQ(posting.tranche_number(), 0) << posting.ShortDebugString();
        penalty_credit -= net;
      } else if (posting.account() == "outcome/" + outcome.id() + "/receivable") {
        receivable += net;
      } else if (posting.account() == "amc/disposal_gain_loss") {
        loss += net;
      } else {
        ADD_FAILURE() << "unexpected posting " << posting.ShortDebugString();
      }
    }
    const Fen book_value = FenOf(outcome.book_value());
    EXPECT_EQ(receivable, price);
    EXPECT_EQ(principal_credit + interest_credit + costs_credit + penalty_credit, book_value);
    EXPECT_EQ(costs_credit, book_costs);
    EXPECT_EQ(penalty_credit, book_penalty);
    EXPECT_EQ(loss, book_value - price);
    if (model_.debtor_paid == 0) {
      // Nothing but the lot's own tranche figures (and what the award accrued) can be on its
      // accounts.
      EXPECT_EQ(book_value, book + lot_accrual);
      EXPECT_EQ(principal_credit, book_principal);
      EXPECT_EQ(interest_credit, book_interest + lot_accrual);
    }
    ExpectAccrualsOfTheCall(request.request_id(), &accruals);
    if (HasFailure()) return;
    BookAccruals(accruals);

    model_.opened = true;  // the award booked the opening entry first when needed
    model_.entries[outcome.entry_id()] = v1::ENTRY_KIND_OUTCOME;
    model_.tranche_principal[tranche] -= principal_credit;
    model_.tranche_interest[tranche] -= interest_credit;
    model_.costs -= costs_credit;
    model_.penalty -= penalty_credit;
    ++model_.awards[static_cast<size_t>(lot)];
    model_.awarded[static_cast<size_t>(lot)] = true;
    if (tranche == 1) {
      for (AccrualBooked& accrual : model_.accruals) accrual.sold = true;
    }
    model_.today = award_day;
    Sale sale;
    sale.outcome_id = outcome.id();
    sale.lot = lot;
    sale.entry_id = outcome.entry_id();
    sale.award_day = award_day;
    sale.price = price;
    sale.book_value = book_value;
    sale.principal_sold = principal_credit;
    sale.interest_sold = interest_credit;
    sale.costs_sold = costs_credit;
    sale.penalty_sold = penalty_credit;
    sale.instalments = instalments;
    sale.paid.assign(instalments.size(), 0);
    model_.sales.push_back(sale);
    Call call;
    call.kind = Call::kAward;
    call.award = request;
    call.outcome = outcome;
    calls_.push_back(call);
  }

  // Rescinds a standing award by reversing its entry (the buyer defaulted). Refused while a
  // payment or award booked on the claim after it still stands; otherwise the lot's balances
  // come back, the outcome sells nothing and the lot can be awarded again.
  void RescindOp() {
    std::vector<Sale*> candidates;
    for (Sale& sale : model_.sales) {
      if (sale.Standing()) candidates.push_back(&sale);
    }
    // Mostly the latest award, the one a rescission may reach without reversing another award.
    Sale& sale = OneIn(4) ? *Pick(candidates) : *candidates.back();
    // Accruals booked since stand: they left the lot out, and the next accrual catches it up.
    int64_t standing_after = 0;
    for (const PaymentBooked& payment : model_.payments) {
      if (payment.entry_id > sale.entry_id && payment.reversal_id == 0) {
        standing_after = std::max(standing_after, payment.entry_id);
      }
    }
    for (const Sale& other : model_.sales) {
      if (other.entry_id > sale.entry_id && other.Standing()) {
        standing_after = std::max(standing_after, other.entry_id);
      }
    }
    v1::ReverseEntryRequest request = ReverseRequest(sale.entry_id, NextRequestId("rescind"));
    request.set_memo("property test: the buyer defaulted");
    Describe("ReverseEntry " + std::to_string(sale.entry_id) + " (the award of lot " +
             std::to_string(sale.lot) + " on " + Iso(sale.award_day) +
             (standing_after != 0 ? ", entry " + std::to_string(standing_after) + " stands after it"
                                  : "") +
             ", " + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(request, &reversal);
    if (standing_after != 0) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      EXPECT_NE(status.error_message().find("reverse it first"), std::string::npos)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reversal.kind(), v1::ENTRY_KIND_REVERSAL);
    EXPECT_EQ(reversal.reverses_entry_id(), sale.entry_id);
    EXPECT_EQ(Iso(DayOf(reversal.effective_date())), Iso(sale.award_day));
    EXPECT_EQ(model_.entries.count(reversal.entry_id()), 0u) << "entry id reused";
    // Exactly the award's postings, each on the other side.
    const std::map<std::string, Fen> net = NetByAccount(reversal);
    std::map<std::string, Fen> expected;
    expected["outcome/" + sale.outcome_id + "/receivable"] = -sale.price;
    expected["amc/disposal_gain_loss"] = -(sale.book_value - sale.price);
    if (sale.principal_sold != 0) expected[ClaimAccount("principal")] = sale.principal_sold;
    if (sale.interest_sold != 0) expected[ClaimAccount("interest")] = sale.interest_sold;
    if (sale.costs_sold != 0) expected[ClaimAccount("costs")] = sale.costs_sold;
    if (sale.penalty_sold != 0) expected[ClaimAccount("penalty")] = sale.penalty_sold;
    if (sale.book_value == sale.price) expected.erase("amc/disposal_gain_loss");
    EXPECT_EQ(net, expected) << reversal.ShortDebugString();
    if (HasFailure()) return;

    const size_t tranche = static_cast<size_t>(sale.lot) + 1;
    sale.rescission_id = reversal.entry_id();
    model_.entries[reversal.entry_id()] = v1::ENTRY_KIND_REVERSAL;
    model_.tranche_principal[tranche] += sale.principal_sold;
    model_.tranche_interest[tranche] += sale.interest_sold;
    model_.costs += sale.costs_sold;
    model_.penalty += sale.penalty_sold;
    model_.awarded[static_cast<size_t>(sale.lot)] = false;
    if (tranche == 1) {
      for (AccrualBooked& accrual : model_.accruals) accrual.sold = false;
    }
    KeepReversal(request, reversal);
  }

  // A payment against a rescinded award is refused and books nothing.
  void PayRescindedOp(const Sale& sale) {
    v1::RecordPaymentRequest request;
    request.set_outcome_id(sale.outcome_id);
    *request.mutable_amount() = MoneyOf(SomeOf(sale.price));
    *request.mutable_received_date() = ProtoDay(NextBusinessDay(model_.today, 10));
    request.set_request_id(NextRequestId("buyer-rescinded"));
    Describe("RecordPayment from the buyer of lot " + std::to_string(sale.lot) +
             " after its award was rescinded (" + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::Payment payment;
    const grpc::Status status = Pay(request, &payment);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << "a payment on a rescinded award was accepted: " << payment.ShortDebugString();
    EXPECT_NE(status.error_message().find("rescinded"), std::string::npos)
        << status.error_message();
  }

  // A buyer pays some of what it still owes (earliest instalment first), or more than that,
  // which must be refused naming the amount due.
  void BuyerPaymentOp() {
    std::vector<Sale*> owing, all;
    for (Sale& sale : model_.sales) {
      all.push_back(&sale);
      if (sale.Due() > 0) owing.push_back(&sale);
    }
    const std::vector<Sale*>& pool = owing.empty() || OneIn(6) ? all : owing;
    Sale& sale = *Pick(pool);
    if (!sale.Standing()) return PayRescindedOp(sale);
    const Fen due = sale.Due();
    const bool over = due == 0 || OneIn(5);
    const Fen amount = over ? due + SomeOf(5'000'000'000) : SomeOf(due);
    const Day received = NextBusinessDay(model_.today, 10);
    v1::RecordPaymentRequest request;
    request.set_outcome_id(sale.outcome_id);
    *request.mutable_amount() = MoneyOf(amount);
    *request.mutable_received_date() = ProtoDay(received);
    request.set_request_id(NextRequestId("buyer"));
    Describe("RecordPayment from the buyer of lot " + std::to_string(sale.lot) + " of " +
             Plain(amount) + " on " + Iso(received) + " (due " + Plain(due) + ", " +
             request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::Payment payment;
    const grpc::Status status = Pay(request, &payment);
    if (over) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << "an overpayment by a buyer was accepted: " << payment.ShortDebugString();
      EXPECT_NE(status.error_message().find("the " + Grouped(due) + " due"), std::string::npos)
          << "expected the amount due " << Grouped(due) << " in: " << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(payment.outcome_id(), sale.outcome_id);
    EXPECT_EQ(payment.claim_id(), claim_id_);
    EXPECT_EQ(FenOf(payment.amount()), amount);
    EXPECT_EQ(Iso(DayOf(payment.received_date())), Iso(received));
    EXPECT_EQ(model_.entries.count(payment.entry_id()), 0u) << "entry id reused";
    // Earliest instalment first (the due dates increase with the number).
    std::vector<std::pair<int, Fen>> expected;
    std::vector<Fen> paid = sale.paid;
    Fen left = amount;
    for (size_t i = 0; i < sale.instalments.size() && left > 0; ++i) {
      const Fen applied = std::min(left, sale.instalments[i] - paid[i]);
      if (applied == 0) continue;
      expected.emplace_back(static_cast<int>(i) + 1, applied);
      paid[i] += applied;
      left -= applied;
    }
    ASSERT_EQ(payment.applications_size(), static_cast<int>(expected.size()))
        << payment.ShortDebugString();
    for (size_t i = 0; i < expected.size(); ++i) {
      const v1::PaymentApplication& application = payment.applications(static_cast<int>(i));
      EXPECT_EQ(application.instalment_number(), expected[i].first);
      EXPECT_EQ(application.bucket(), v1::ALLOCATION_BUCKET_UNSPECIFIED);
      EXPECT_EQ(FenOf(application.amount()), expected[i].second);
    }
    if (HasFailure()) return;

    PaymentBooked booked{payment.entry_id(),
                         static_cast<int>(&sale - model_.sales.data()),
                         received,
                         amount,
                         {},
                         {},
                         {},
                         0};
    for (size_t i = 0; i < paid.size(); ++i) booked.applied.push_back(paid[i] - sale.paid[i]);
    model_.payments.push_back(booked);
    sale.paid = paid;
    model_.entries[payment.entry_id()] = v1::ENTRY_KIND_PAYMENT;
    model_.buyer_paid += amount;
    model_.today = received;
    Call call;
    call.kind = Call::kPayment;
    call.pay = request;
    call.payment = payment;
    calls_.push_back(call);
  }

  // Costs the AMC paid for the claim: booked at claim level against cash, repaid first by the
  // debtor and sold with the last lot held; refused once both lots are sold.
  // A court sets the claim's penalty, or an appeal changes it: UpdateClaim books the difference
  // on the day it was fixed. Refused once the whole claim is sold, or when lowered below what
  // the debtor already paid of it.
  void PenaltyOp() {
    const bool lower = model_.penalty_judged > 0 && OneIn(3);
    const Fen target = lower ? Uniform(0, model_.penalty_judged - 1) : SomeOf(100'000'000'00);
    const Fen change = target - model_.penalty_judged;
    const Day fixed = NextBusinessDay(model_.today, 10);
    const bool sold = model_.EveryLotSold() && change != 0;
    const bool refund = !sold && model_.penalty + change < 0;
    // The debtor's payments were allocated without it on the balances of their dates.
    const std::optional<Day> last_payment = model_.LatestDebtorPayment();
    const bool not_after_payment =
        change != 0 && !sold && !refund && last_payment && !Before(*last_payment, fixed);
    v1::UpdateClaimRequest request;
    ASSERT_TRUE(GetClaim(claim_id_, request.mutable_claim()).ok());
    *request.mutable_claim()->mutable_penalty()->mutable_amount() = MoneyOf(target);
    request.mutable_update_mask()->add_paths("penalty");
    *request.mutable_penalty_fixed_date() = ProtoDay(fixed);
    request.set_request_id(NextRequestId("penalty"));
    Describe(
        "UpdateClaim: penalty " + Plain(target) + " (was " + Plain(model_.penalty_judged) +
        ") fixed on " + Iso(fixed) + (sold ? " after both lots were sold" : "") +
        (refund ? ", below what the debtor paid of it" : "") +
        (not_after_payment ? ", not after the debtor's payment of " + Iso(*last_payment) : "") +
        " (" + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::Claim updated;
    grpc::ClientContext context;
    const grpc::Status status = claim_stub_->UpdateClaim(&context, request, &updated);
    if (sold || refund || not_after_payment) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (change == 0) return;
    const std::vector<v1::JournalEntry> journal = Journal(50);
    const v1::JournalEntry* entry = nullptr;
    for (const v1::JournalEntry& candidate : journal) {
      if (candidate.request_id() == request.request_id() + "/penalty") entry = &candidate;
    }
    ASSERT_NE(entry, nullptr) << "no penalty entry booked";
    EXPECT_EQ(entry->kind(), v1::ENTRY_KIND_PENALTY);
    EXPECT_EQ(Iso(DayOf(entry->effective_date())), Iso(fixed));
    EXPECT_EQ(model_.entries.count(entry->entry_id()), 0u) << "entry id reused";
    const std::map<std::string, Fen> net = NetByAccount(*entry);
    const std::map<std::string, Fen> expected = {{ClaimAccount("penalty"), change},
                                                 {"amc/interest_income", -change}};
    EXPECT_EQ(net, expected) << entry->ShortDebugString();
    if (HasFailure()) return;
    model_.entries[entry->entry_id()] = v1::ENTRY_KIND_PENALTY;
    model_.penalty += change;
    model_.penalty_judged = target;
    model_.today = fixed;
  }

  void CostOp() {
    const Fen amount = SomeOf(50'000'000);
    const Day paid = NextBusinessDay(model_.today, 10);
    const bool sold = model_.EveryLotSold();
    // The debtor's payments were allocated costs first on the balances of their dates.
    const std::optional<Day> last_payment = model_.LatestDebtorPayment();
    const bool not_after_payment = last_payment && !Before(*last_payment, paid);
    v1::RecordCostRequest request;
    request.set_claim_id(claim_id_);
    *request.mutable_amount() = MoneyOf(amount);
    *request.mutable_paid_date() = ProtoDay(paid);
    request.set_description("property test: court fees");
    request.set_request_id(NextRequestId("cost"));
    Describe("RecordCost of " + Plain(amount) + " on " + Iso(paid) +
             (sold ? " after both lots were sold" : "") +
             (not_after_payment ? " not after the debtor's payment of " + Iso(*last_payment) : "") +
             " (" + request.request_id() + ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry entry;
    const grpc::Status status = RecordCost(request, &entry);
    if (sold || not_after_payment) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << "a cost after the whole claim was sold, or dated not after a debtor's payment, was "
             "booked: "
          << entry.ShortDebugString();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(entry.kind(), v1::ENTRY_KIND_COST);
    EXPECT_EQ(entry.claim_id(), claim_id_);
    EXPECT_EQ(Iso(DayOf(entry.effective_date())), Iso(paid));
    EXPECT_EQ(model_.entries.count(entry.entry_id()), 0u) << "entry id reused";
    for (const v1::Posting& posting : entry.postings()) {
      EXPECT_EQ(posting.tranche_number(), 0) << posting.ShortDebugString();
    }
    const std::map<std::string, Fen> net = NetByAccount(entry);
    const std::map<std::string, Fen> expected = {{ClaimAccount("costs"), amount},
                                                 {"amc/cash", -amount}};
    EXPECT_EQ(net, expected) << entry.ShortDebugString();
    if (HasFailure()) return;

    model_.opened = true;  // the cost booked the opening entry first when needed
    model_.entries[entry.entry_id()] = v1::ENTRY_KIND_COST;
    model_.costs += amount;
    model_.costs_advanced += amount;
    model_.costs_booked.push_back({entry.entry_id(), paid, amount, 0});
    model_.today = paid;
    Call call;
    call.kind = Call::kCost;
    call.cost = request;
    call.cost_entry = entry;
    calls_.push_back(call);
  }

  // Takes back a cost (a fee refunded): refused once the costs left the books with the last
  // lot, or while a debtor's payment dated on or after it stands (it was allocated, costs
  // first, with the cost on the books).
  void ReverseCostOp() {
    std::vector<CostBooked*> standing;
    for (CostBooked& cost : model_.costs_booked) {
      if (cost.reversal_id == 0) standing.push_back(&cost);
    }
    CostBooked& cost = *Pick(standing);
    bool repaid_since = false;
    for (const PaymentBooked& payment : model_.payments) {
      repaid_since |=
          payment.sale < 0 && payment.reversal_id == 0 && !Before(payment.received, cost.paid);
    }
    const bool sold = model_.EveryLotSold();
    v1::ReverseEntryRequest request = ReverseRequest(cost.entry_id, NextRequestId("reverse-cost"));
    request.set_memo("property test: the fee was refunded");
    Describe("ReverseEntry " + std::to_string(cost.entry_id) + " (a cost of " + Plain(cost.amount) +
             " on " + Iso(cost.paid) + (sold ? ", sold with the last lot" : "") +
             (repaid_since ? ", a debtor's payment since" : "") + ", " + request.request_id() +
             ")");
    SCOPED_TRACE(history_.back());
    v1::JournalEntry reversal;
    const grpc::Status status = Reverse(request, &reversal);
    if (sold || repaid_since) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << status.error_message();
      return;
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(reversal.reverses_entry_id(), cost.entry_id);
    EXPECT_EQ(Iso(DayOf(reversal.effective_date())), Iso(cost.paid));
    EXPECT_EQ(model_.entries.count(reversal.entry_id()), 0u) << "entry id reused";
    const std::map<std::string, Fen> net = NetByAccount(reversal);
    const std::map<std::string, Fen> expected = {{ClaimAccount("costs"), -cost.amount},
                                                 {"amc/cash", cost.amount}};
    EXPECT_EQ(net, expected) << reversal.ShortDebugString();
    if (HasFailure()) return;

    cost.reversal_id = reversal.entry_id();
    model_.entries[reversal.entry_id()] = v1::ENTRY_KIND_REVERSAL;
    model_.costs -= cost.amount;
    model_.costs_advanced -= cost.amount;
    KeepReversal(request, reversal);
  }

  // Keeps a booked reversal's call, to be retried.
  void KeepReversal(const v1::ReverseEntryRequest& request, const v1::JournalEntry& reversal) {
    Call call;
    call.kind = Call::kReverse;
    call.reverse = request;
    call.reversal = reversal;
    calls_.push_back(call);
  }

  // Repeats an earlier successful call with its request id: the first result again and nothing
  // booked. Now and then the body differs, which is ALREADY_EXISTS and books nothing either.
  void RetryOp() {
    const Call& call = Pick(calls_);
    const bool other_body = OneIn(4);
    const std::string label = other_body ? "another body" : "the same body";
    switch (call.kind) {
      case Call::kAccrue: {
        v1::AccrueInterestRequest request = call.accrue;
        if (other_body) *request.mutable_through_date() = ProtoDay(kLastDay);
        if (other_body && Same(DayOf(call.accrue.through_date()), kLastDay)) {
          *request.mutable_through_date() = ProtoDay(AddDays(kLastDay, 1));
        }
        Describe("retry AccrueInterest " + request.request_id() + " with " + label);
        SCOPED_TRACE(history_.back());
        v1::AccrueInterestResponse response;
        grpc::ClientContext context;
        context.AddMetadata("x-disposal-actor", "tester");
        const grpc::Status status = ledger_stub_->AccrueInterest(&context, request, &response);
        if (other_body) return ExpectAlreadyExists(status);
        ASSERT_TRUE(status.ok()) << status.error_message();
        EXPECT_TRUE(Equal(response, call.accrued)) << "first: " << call.accrued.ShortDebugString()
                                                   << "\nretry: " << response.ShortDebugString();
        return;
      }
      case Call::kReverse: {
        v1::ReverseEntryRequest request = call.reverse;
        if (other_body) request.set_memo("property test: another reason");
        Describe("retry ReverseEntry " + request.request_id() + " with " + label);
        SCOPED_TRACE(history_.back());
        v1::JournalEntry reversal;
        const grpc::Status status = Reverse(request, &reversal);
        if (other_body) return ExpectAlreadyExists(status);
        ASSERT_TRUE(status.ok()) << status.error_message();
        EXPECT_TRUE(Equal(reversal, call.reversal)) << "first: " << call.reversal.ShortDebugString()
                                                    << "\nretry: " << reversal.ShortDebugString();
        return;
      }
      case Call::kAward: {
        v1::RecordOutcomeRequest request = call.award;
        if (other_body) {
          const Fen price = FenOf(request.price()) + 1;
          *request.mutable_price() = MoneyOf(price);
          v1::Instalment* last = request.mutable_instalments(request.instalments_size() - 1);
          *last->mutable_amount() = MoneyOf(FenOf(last->amount()) + 1);
        }
        Describe("retry RecordOutcome " + request.request_id() + " with " + label);
        SCOPED_TRACE(history_.back());
        v1::Outcome outcome;
        const grpc::Status status = RecordOutcome(request, &outcome);
        if (other_body) return ExpectAlreadyExists(status);
        ASSERT_TRUE(status.ok()) << status.error_message();
        EXPECT_EQ(outcome.id(), call.outcome.id());
        EXPECT_EQ(outcome.entry_id(), call.outcome.entry_id());
        EXPECT_EQ(FenOf(outcome.price()), FenOf(call.outcome.price()));
        EXPECT_EQ(FenOf(outcome.book_value()), FenOf(call.outcome.book_value()));
        EXPECT_EQ(outcome.eligibility_decision_id(), call.outcome.eligibility_decision_id());
        EXPECT_EQ(Iso(DayOf(outcome.award_date())), Iso(DayOf(call.outcome.award_date())));
        EXPECT_EQ(outcome.instalments_size(), call.outcome.instalments_size());
        EXPECT_EQ(outcome.award_number(), call.outcome.award_number());
        // The first award as it stands now: rescinded since, or not.
        for (const Sale& sale : model_.sales) {
          if (sale.outcome_id == outcome.id()) {
            EXPECT_EQ(outcome.rescission_entry_id(), sale.rescission_id);
          }
        }
        return;
      }
      case Call::kPayment: {
        v1::RecordPaymentRequest request = call.pay;
        if (other_body) *request.mutable_amount() = MoneyOf(FenOf(request.amount()) + 1);
        Describe(std::string("retry RecordPayment (") +
                 (request.has_outcome_id() ? "buyer" : "debtor") + ") " + request.request_id() +
                 " with " + label);
        SCOPED_TRACE(history_.back());
        v1::Payment payment;
        const grpc::Status status = Pay(request, &payment);
        if (other_body) return ExpectAlreadyExists(status);
        ASSERT_TRUE(status.ok()) << status.error_message();
        EXPECT_TRUE(Equal(payment, call.payment)) << "first: " << call.payment.ShortDebugString()
                                                  << "\nretry: " << payment.ShortDebugString();
        return;
      }
      case Call::kCost: {
        v1::RecordCostRequest request = call.cost;
        if (other_body) *request.mutable_amount() = MoneyOf(FenOf(request.amount()) + 1);
        Describe("retry RecordCost " + request.request_id() + " with " + label);
        SCOPED_TRACE(history_.back());
        v1::JournalEntry entry;
        const grpc::Status status = RecordCost(request, &entry);
        if (other_body) return ExpectAlreadyExists(status);
        ASSERT_TRUE(status.ok()) << status.error_message();
        EXPECT_TRUE(Equal(entry, call.cost_entry))
            << "first: " << call.cost_entry.ShortDebugString()
            << "\nretry: " << entry.ShortDebugString();
        return;
      }
    }
  }

  void ExpectAlreadyExists(const grpc::Status& status) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  }
};

// Seeds listed for the paths they reach, which a change to the generator could silently lose.
bool RescindsAndAwardsAgain(uint64_t seed) { return seed == 1006 || seed == 1010 || seed == 1029; }
bool RecordsAPaymentReceivedEarlier(uint64_t seed) { return seed == 806450600 || seed == 1234; }

TEST_P(LedgerPropertyTest, RandomSequencesKeepTheBooksBalancedAndReconciled) {
  Run(GetParam());
  if (RescindsAndAwardsAgain(GetParam())) {
    EXPECT_GT(Rescissions(), 0) << "this seed is listed for rescissions";
    EXPECT_TRUE(ALotWasAwardedAgain()) << "this seed is listed for lots awarded again";
  }
  if (RecordsAPaymentReceivedEarlier(GetParam())) {
    EXPECT_GT(earlier_payments_refused_, 0)
        << "this seed is listed for payments received before a standing one";
  }
}

// The same, with the claim's penalty set and changed by a court once its books are open.
class LedgerPenaltyPropertyTest : public LedgerPropertyTest {
 protected:
  void SetUp() override {
    LedgerPropertyTest::SetUp();
    penalty_ops_ = true;
  }
};

TEST_P(LedgerPenaltyPropertyTest, RandomSequencesWithPenaltiesJudgedKeepTheBooksReconciled) {
  Run(GetParam());
  EXPECT_GT(EntriesOfKind(v1::ENTRY_KIND_PENALTY), 0) << "no penalty was judged and booked";
}

INSTANTIATE_TEST_SUITE_P(Seeds, LedgerPenaltyPropertyTest,
                         ::testing::Values(uint64_t{31}, uint64_t{2024}, uint64_t{77}, uint64_t{98},
                                           uint64_t{123}, uint64_t{115}),
                         [](const ::testing::TestParamInfo<uint64_t>& info) {
                           return "seed_" + std::to_string(info.param);
                         });

INSTANTIATE_TEST_SUITE_P(Seeds, LedgerPropertyTest,
                         ::testing::Values(uint64_t{20210630}, uint64_t{7}, uint64_t{4242},
                                           uint64_t{806450600}, uint64_t{99991},
                                           // With the claim's own terms too (seed % 3 == 1).
                                           uint64_t{10}, uint64_t{1234},
                                           // Seeds that rescind awards, and award lots again.
                                           uint64_t{1006}, uint64_t{1010}, uint64_t{1029}),
                         [](const ::testing::TestParamInfo<uint64_t>& info) {
                           return "seed_" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace disposal::testing::ledger_model
