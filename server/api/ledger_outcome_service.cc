// LedgerService's outcome and payment handlers: awards (checked against the disposal's gate
// and the buyer's eligibility), their rescission, and cash from buyers and debtors. The
// journal's handlers are in ledger_service.cc.

#include <algorithm>

#include "api/as_of_time.h"
#include "api/disposal_mapping.h"
#include "api/eligibility_mapping.h"
#include "api/enum_table.h"
#include "api/ledger_service.h"
#include "api/page_token.h"
#include "api/request_context.h"
#include "api/status.h"
#include "api/wire_values.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

constexpr char kOutcomeRpc[] = "disposal.v1.LedgerService/RecordOutcome";
constexpr char kRescindRpc[] = "disposal.v1.LedgerService/RescindOutcome";
constexpr char kPaymentRpc[] = "disposal.v1.LedgerService/RecordPayment";
constexpr int kInstalmentsMax = 120;
// Attempts at an award whose booking found the registry changed since the buyer's check.
constexpr int kAwardAttemptsMax = 3;

constexpr EnumTable<v1::AllocationBucket, domain::AllocationBucket, 4> kBuckets{{
    {v1::ALLOCATION_BUCKET_COSTS, domain::AllocationBucket::kCosts},
    {v1::ALLOCATION_BUCKET_INTEREST, domain::AllocationBucket::kInterest},
    {v1::ALLOCATION_BUCKET_PRINCIPAL, domain::AllocationBucket::kPrincipal},
    {v1::ALLOCATION_BUCKET_PENALTY, domain::AllocationBucket::kPenalty},
}};

// How far ahead of this server's clock an award_time may be: the caller's clock may run ahead.
constexpr int64_t kAwardClockSkewMicros = 60'000'000;

// When the award is made: `award_time`, or now when it is absent. An award is recorded once
// made: a time ahead of now would be checked against a gate and an eligibility that do not
// hold yet (an objection window still open) and dated on a day still to come. One within the
// clock skew is taken as now, when everything is checked as it stands.
Result<int64_t> AwardTimeOf(const v1::RecordOutcomeRequest& request, int64_t now) {
  if (!request.has_award_time()) return now;
  ASSIGN_OR_RETURN(const int64_t at, BusinessTimeFromProto(request.award_time(), "award_time"));
  if (at > now + kAwardClockSkewMicros) {
    return Error::InvalidArgument("award_time",
                                  "is in the future; an award is recorded once it is made");
  }
  return std::min(at, now);
}

// A debtor's payment's or a debt reduction's allocation_order: the contract's, art. 561's when
// empty.
template <typename Request>
Result<domain::AllocationOrder> OrderFromProto(const Request& request) {
  if (request.allocation_order_size() == 0) return domain::AllocationOrder::Default();
  std::vector<domain::AllocationBucket> buckets;
  for (int i = 0; i < request.allocation_order_size(); ++i) {
    ASSIGN_OR_RETURN(domain::AllocationBucket bucket,
                     EnumFromProto(request.allocation_order(i), kBuckets,
                                   "allocation_order[" + std::to_string(i) + "]"));
    buckets.push_back(bucket);
  }
  return domain::AllocationOrder::FromContract(buckets);
}

Result<std::vector<domain::Instalment>> ScheduleFromProto(const v1::RecordOutcomeRequest& request) {
  if (request.instalments_size() > kInstalmentsMax) {
    return Error::InvalidArgument("instalments", "at most 120 instalments");
  }
  std::vector<domain::Instalment> schedule;
  for (int i = 0; i < request.instalments_size(); ++i) {
    const std::string field = "instalments[" + std::to_string(i) + "]";
    domain::Instalment instalment;
    ASSIGN_OR_RETURN(instalment.due,
                     DateFromProto(request.instalments(i).due_date(), field + ".due_date"));
    ASSIGN_OR_RETURN(instalment.amount,
                     MoneyFromProto(request.instalments(i).amount(), field + ".amount"));
    schedule.push_back(instalment);
  }
  return schedule;
}

v1::Outcome OutcomeToProto(const domain::OutcomeRecord& outcome) {
  v1::Outcome out;
  out.set_id(outcome.id);
  out.set_disposal_id(outcome.disposal_id);
  out.set_lot_id(outcome.lot_id);
  out.set_claim_id(outcome.claim_id);
  out.set_tranche_number(outcome.tranche_number.value_or(0));
  out.set_method(DisposalMethodToProto(outcome.method));
  *out.mutable_buyer() = PartyToProto(outcome.buyer);
  *out.mutable_price() = MoneyToProto(outcome.price);
  *out.mutable_book_value() = MoneyToProto(outcome.book_value);
  *out.mutable_award_date() = DateToProto(outcome.award_date);
  out.set_eligibility_decision_id(outcome.eligibility_decision_id);
  int number = 0;
  for (const domain::Instalment& instalment : outcome.schedule) {
    v1::Instalment* item = out.add_instalments();
    item->set_number(++number);
    *item->mutable_due_date() = DateToProto(instalment.due);
    *item->mutable_amount() = MoneyToProto(instalment.amount);
    *item->mutable_paid() = MoneyToProto(instalment.paid);
  }
  out.set_entry_id(outcome.entry_id);
  out.set_award_number(outcome.award_number);
  out.set_rescission_entry_id(outcome.rescission_entry_id);
  if (outcome.forfeiture_entry_id != 0) {
    *out.mutable_forfeited_deposit() = MoneyToProto(outcome.forfeited_deposit);
    out.set_forfeiture_entry_id(outcome.forfeiture_entry_id);
  }
  if (outcome.deposit_paid) *out.mutable_deposit_paid() = MoneyToProto(*outcome.deposit_paid);
  for (const domain::ReductionPart& part : outcome.reduction) {
    v1::ReductionPart* item = out.add_reduction();
    item->set_bucket(EnumToProto(part.bucket, kBuckets));
    *item->mutable_owed() = MoneyToProto(part.owed);
    *item->mutable_settled() = MoneyToProto(part.settled);
    *item->mutable_forgiven() = MoneyToProto(part.forgiven);
  }
  return out;
}

v1::Payment PaymentToProto(const domain::PaymentRecord& payment) {
  v1::Payment out;
  out.set_entry_id(payment.entry_id);
  out.set_outcome_id(payment.outcome_id);
  out.set_claim_id(payment.claim_id);
  *out.mutable_amount() = MoneyToProto(payment.amount);
  *out.mutable_received_date() = DateToProto(payment.received_date);
  for (const domain::InstalmentPayment& applied : payment.instalments) {
    v1::PaymentApplication* item = out.add_applications();
    item->set_instalment_number(static_cast<int32_t>(applied.index) + 1);
    *item->mutable_amount() = MoneyToProto(applied.applied);
  }
  for (const domain::AllocationLine& line : payment.allocation) {
    if (line.applied.is_zero()) continue;
    v1::PaymentApplication* item = out.add_applications();
    item->set_bucket(EnumToProto(line.bucket, kBuckets));
    *item->mutable_amount() = MoneyToProto(line.applied);
  }
  for (const domain::LedgerEntry& entry : payment.booked_first) {
    *out.add_booked_first() = EntryToProto(entry);
  }
  return out;
}

// The award's price, schedule and deposit as the request states them, checked on their own
// (INVALID_ARGUMENT), with the award date of `at_micros`.
Result<domain::OutcomeRecord> AwardTermsOf(const v1::RecordOutcomeRequest& request,
                                           int64_t at_micros) {
  domain::OutcomeRecord terms;
  ASSIGN_OR_RETURN(terms.price, MoneyFromProto(request.price(), "price"));
  ASSIGN_OR_RETURN(terms.schedule, ScheduleFromProto(request));
  // An award that states no deposit paid holds none: its buyer proved funds instead, or the
  // disposal asked for none. (Only awards booked before deposits were kept have none stored.)
  terms.deposit_paid = domain::Money();
  if (request.has_deposit_paid()) {
    ASSIGN_OR_RETURN(terms.deposit_paid, MoneyFromProto(request.deposit_paid(), "deposit_paid"));
    if (terms.deposit_paid->is_negative()) {
      return Error::InvalidArgument("deposit_paid", "must not be negative");
    }
  }
  terms.award_date = domain::ShanghaiDateOf(at_micros);
  RETURN_IF_ERROR(domain::CheckAwardTerms(terms));
  return terms;
}

}  // namespace

Result<domain::OutcomeRecord> LedgerServiceImpl::AwardOf(const v1::RecordOutcomeRequest& request,
                                                         int64_t at_micros,
                                                         domain::AwardConditions* conditions,
                                                         domain::OfferedTerms* offered) {
  if (!domain::IsUuid(request.disposal_id())) {
    return domain::NotAUuid("disposal_id", request.disposal_id());
  }
  ASSIGN_OR_RETURN(domain::DisposalView view, disposals_.Get(request.disposal_id()));
  const domain::Disposal& disposal = view.record.disposal;
  const auto& lots = disposal.content.lots;
  const domain::Lot* lot = nullptr;
  // Ids are stored in lower case; the caller may write them in either.
  const std::string lot_id = domain::AsciiLowercase(request.lot_id());
  for (const domain::Lot& candidate : lots) {
    if (candidate.id == lot_id || (lot_id.empty() && lots.size() == 1)) {
      lot = &candidate;
    }
  }
  if (lot == nullptr) {
    return Error::InvalidArgument("lot_id", request.lot_id().empty()
                                                ? "is required: the disposal has several lots"
                                                : "is not a lot of this disposal");
  }
  domain::OutcomeRecord outcome;
  ASSIGN_OR_RETURN(outcome.method, DisposalMethodFromProto(request.method(), "method"));
  if (outcome.method == domain::DisposalMethod::kDebtReduction) {
    ASSIGN_OR_RETURN(outcome.reduction_order, OrderFromProto(request));
  } else if (request.allocation_order_size() > 0) {
    return Error::InvalidArgument("allocation_order",
                                  "only a debt reduction settles the lot's parts in an order; "
                                  "a sale books the price against the whole book value");
  }
  const auto& allowed = disposal.content.methods;
  if (std::find(allowed.begin(), allowed.end(), outcome.method) == allowed.end()) {
    std::string names;
    for (const domain::DisposalMethod method : allowed) {
      names += (names.empty() ? "" : ", ") + v1::DisposalMethod_Name(DisposalMethodToProto(method));
    }
    return Error{ErrorCode::kFailedPrecondition, "method",
                 "the disposal does not allow " + v1::DisposalMethod_Name(request.method()) +
                     "; it allows " + names};
  }
  // The gate the booking asks again, asked first of the disposal as just read.
  ASSIGN_OR_RETURN(domain::BookingGate gate, disposals_.GateForBooking(lot->id, at_micros));
  RETURN_IF_ERROR(gate.check(view.record));
  conditions->gate = std::move(gate.check);
  conditions->calendar_revision = gate.calendar_revision;
  outcome.disposal_id = disposal.id;
  outcome.lot_id = lot->id;
  outcome.claim_id = lot->claim_id;
  outcome.tranche_number = lot->tranche_number;
  *offered = domain::OfferedTermsOf(disposal.content, *lot);
  return outcome;
}

namespace {

// The buyer's check as CheckBidderEligibility takes it, without the disposal and date.
v1::CheckBidderEligibilityRequest BuyerCheckOf(const v1::RecordOutcomeRequest& request) {
  v1::CheckBidderEligibilityRequest check;
  *check.mutable_bidder() = request.buyer();
  if (request.has_deposit_paid()) *check.mutable_deposit_paid() = request.deposit_paid();
  check.set_declared_own_labour_income(request.buyer_declared_own_labour_income());
  if (request.has_buyer_proof_of_funds()) {
    *check.mutable_proof_of_funds() = request.buyer_proof_of_funds();
  }
  return check;
}

// The check names the bidder, its funds and its date; this request calls them the buyer's and
// the award's.
Error AsBuyersError(Error error) {
  if (error.field.rfind("bidder", 0) == 0) error.field = "buyer" + error.field.substr(6);
  if (error.field.rfind("proof_of_funds", 0) == 0) error.field = "buyer_" + error.field;
  if (error.field == "as_of") error.field = "award_time";
  return error;
}

// The buyer, its fields checked as its eligibility check will check them: what the request
// gets wrong (INVALID_ARGUMENT) is said before what the disposal's state refuses.
Result<domain::Party> ValidBuyer(const v1::RecordOutcomeRequest& request) {
  bool as_of_given = false;
  Result<domain::BidderQuery> query = BidderQueryFromProto(BuyerCheckOf(request), &as_of_given);
  if (!query.ok()) return AsBuyersError(query.error());
  return std::move(query).value().bidder;
}

}  // namespace

// The buyer's eligibility at award time, into `conditions` (its registry version and receipt).
// INVALID_ARGUMENT names the buyer's fields; FAILED_PRECONDITION, with the decision's rules and
// id, unless the buyer is ELIGIBLE.
Status LedgerServiceImpl::CheckBuyer(const v1::RecordOutcomeRequest& request,
                                     const domain::OutcomeRecord& outcome, const std::string& actor,
                                     domain::AwardConditions* conditions) {
  v1::CheckBidderEligibilityRequest check = BuyerCheckOf(request);
  check.set_disposal_id(outcome.disposal_id);
  *check.mutable_as_of() = DateToProto(outcome.award_date);
  v1::EligibilityDecision decision;
  if (auto s = eligibility_.CheckForAward(check, actor, &decision, conditions); !s.ok()) {
    return AsBuyersError(s.error());
  }
  if (outcome.method == domain::DisposalMethod::kDebtReduction) {
    return CheckReductionCounterparty(decision, outcome, conditions);
  }
  if (decision.outcome() == v1::ELIGIBILITY_OUTCOME_ELIGIBLE) return OkStatus();
  eligibility_.KeepReceipt(std::move(conditions->receipt));
  std::string rules;
  for (const v1::EligibilityReason& reason : decision.reasons()) rules += " " + reason.rule_id();
  return Error::FailedPrecondition(
      "buyer", "not eligible at award time (" + v1::EligibilityOutcome_Name(decision.outcome()) +
                   ":" + rules + "); decision " + decision.decision_id());
}

// A debt reduction's counterparty: one of the claim's obligors, excluded from buying it on the
// debtor's side's account only. FAILED_PRECONDITION naming the buyer and the decision otherwise.
Status LedgerServiceImpl::CheckReductionCounterparty(const v1::EligibilityDecision& decision,
                                                     const domain::OutcomeRecord& outcome,
                                                     domain::AwardConditions* conditions) {
  std::vector<domain::CheckedReason> reasons;
  for (const v1::EligibilityReason& reason : decision.reasons()) {
    domain::CheckedReason& checked =
        reasons.emplace_back(domain::CheckedReason{reason.rule_id(), reason.citation(), {}});
    for (const v1::PathStep& step : reason.path()) checked.path.push_back(step.identifier());
  }
  Status accepted = domain::CheckReductionCounterparty(outcome.buyer.identifier, outcome.claim_id,
                                                       conditions->obligors, reasons);
  if (accepted.ok()) return accepted;
  eligibility_.KeepReceipt(std::move(conditions->receipt));
  Error error = accepted.error();
  error.reason += "; decision " + decision.decision_id();
  return error;
}

// One attempt at an award: the gate and the buyer's eligibility as they stand, then the
// booking, which checks both again in its transaction (ABORTED when the registry moved on
// meanwhile). The decision's receipt is written with the booking, or queued when nothing is.
Result<domain::OutcomeRecord> LedgerServiceImpl::DecideAndBook(
    const grpc::ServerContext& context, const v1::RecordOutcomeRequest& request,
    const domain::RequestKey& key, int64_t at,
    const std::optional<domain::AccrualRequest>& accrue_first) {
  // The request's own terms first: INVALID_ARGUMENT for what no change of the disposal's state
  // could make right, before the gate's FAILED_PRECONDITION (and before the buyer's check, so
  // that such a request leaves no decision receipt).
  ASSIGN_OR_RETURN(domain::OutcomeRecord terms, AwardTermsOf(request, at));
  ASSIGN_OR_RETURN(domain::Party buyer, ValidBuyer(request));
  domain::AwardConditions conditions;
  domain::OfferedTerms offered;
  ASSIGN_OR_RETURN(domain::OutcomeRecord outcome, AwardOf(request, at, &conditions, &offered));
  outcome.award_date = terms.award_date;
  outcome.price = terms.price;
  outcome.schedule = std::move(terms.schedule);
  outcome.deposit_paid = terms.deposit_paid;
  RETURN_IF_ERROR(domain::CheckOfferedTerms(offered, outcome));
  outcome.buyer = std::move(buyer);
  RETURN_IF_ERROR(CheckBuyer(request, outcome, ActorOf(context), &conditions));
  outcome.eligibility_decision_id = conditions.receipt.decision_id;
  Result<domain::OutcomeRecord> recorded = ledger_.RecordOutcome(
      std::move(outcome), conditions, key,
      AuditOf(context, kOutcomeRpc, request, request.request_id()), accrue_first);
  // Not booked with it: refused, or a retry answered with its first call's outcome.
  if (!recorded.ok() ||
      recorded.value().eligibility_decision_id != conditions.receipt.decision_id) {
    eligibility_.KeepReceipt(std::move(conditions.receipt));
  }
  return recorded;
}

grpc::Status LedgerServiceImpl::RecordOutcome(grpc::ServerContext* context,
                                              const v1::RecordOutcomeRequest* request,
                                              v1::Outcome* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  const domain::RequestKey key = RequestKeyOf(*request, request->request_id());
  // A retry gets its first answer even when the gate or the buyer's eligibility has changed
  // since (a late objection, a new list entry): the award was made when they allowed it.
  Result<std::optional<domain::OutcomeRecord>> earlier = ledger_.EarlierOutcome(key);
  if (!earlier.ok()) return ToGrpcStatus(earlier.error());
  if (earlier.value()) {
    *response = OutcomeToProto(*earlier.value());
    return grpc::Status::OK;
  }
  Result<int64_t> award_time = AwardTimeOf(*request, now_micros_());
  if (!award_time.ok()) return ToGrpcStatus(award_time.error());
  std::optional<domain::AccrualRequest> accrue_first;
  if (request->has_accrue_first()) {
    Result<domain::AccrualRequest> terms = AccrualTermsFromProto(request->accrue_first());
    if (!terms.ok()) return ToGrpcStatus(terms.error());
    accrue_first = std::move(terms).value();
  }
  Result<domain::OutcomeRecord> recorded =
      Error::Aborted("the call was cancelled before the award was made; nothing was booked");
  // A registry change committed between the buyer's check and the booking is decided again,
  // a bounded number of times.
  for (int attempt = 1; attempt <= kAwardAttemptsMax && !context->IsCancelled(); ++attempt) {
    recorded = DecideAndBook(*context, *request, key, award_time.value(), accrue_first);
    if (recorded.ok() || recorded.error().code != ErrorCode::kAborted) break;
  }
  if (!recorded.ok()) {
    // Its first call may have committed since the look above (the lot is then awarded, and
    // this retry would be refused for it): it gets that call's answer.
    const ErrorCode code = recorded.error().code;
    if (code == ErrorCode::kFailedPrecondition || code == ErrorCode::kAborted) {
      earlier = ledger_.EarlierOutcome(key);
      if (!earlier.ok()) return ToGrpcStatus(earlier.error());  // e.g. the id with another body
      if (earlier.value()) {
        *response = OutcomeToProto(*earlier.value());
        return grpc::Status::OK;
      }
    }
    return ToGrpcStatus(recorded.error());
  }
  *response = OutcomeToProto(recorded.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::ListOutcomes(grpc::ServerContext*,
                                             const v1::ListOutcomesRequest* request,
                                             v1::ListOutcomesResponse* response) {
  domain::OutcomeParent parent;
  if (request->parent_case() == v1::ListOutcomesRequest::kDisposalId) {
    parent = {false, request->disposal_id()};
  } else if (request->parent_case() == v1::ListOutcomesRequest::kClaimId) {
    parent = {true, request->claim_id()};
  } else {
    return ToGrpcStatus(Error::InvalidArgument("parent", "give disposal_id or claim_id"));
  }
  Result<int> page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  // Bound to the parent: a token from another listing would skip this one's outcomes.
  const std::string filter_key = std::string("outcomes|") +
                                 (parent.is_claim ? "claim|" : "disposal|") +
                                 domain::AsciiLowercase(parent.id);
  Result<int64_t> after = DecodeNumberPageToken(request->page_token(), filter_key);
  if (!after.ok()) return ToGrpcStatus(after.error());
  Result<std::vector<domain::OutcomeRecord>> found =
      ledger_.Outcomes(parent, after.value(), page_size.value() + 1);
  if (!found.ok()) return ToGrpcStatus(found.error());
  const auto& outcomes = found.value();
  const size_t shown = std::min(outcomes.size(), static_cast<size_t>(page_size.value()));
  for (size_t i = 0; i < shown; ++i) *response->add_outcomes() = OutcomeToProto(outcomes[i]);
  if (outcomes.size() > shown) {
    response->set_next_page_token(EncodeNumberPageToken(outcomes[shown - 1].entry_id, filter_key));
  }
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::GetOutcome(grpc::ServerContext*,
                                           const v1::GetOutcomeRequest* request,
                                           v1::Outcome* response) {
  // Checked here: the store names the id "outcome_id", as the other requests call it.
  if (!domain::IsUuid(request->id())) {
    return ToGrpcStatus(domain::NotAUuid("id", request->id()));
  }
  Result<domain::OutcomeRecord> outcome = ledger_.GetOutcome(request->id());
  if (!outcome.ok()) return ToGrpcStatus(outcome.error());
  *response = OutcomeToProto(outcome.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::RescindOutcome(grpc::ServerContext* context,
                                               const v1::RescindOutcomeRequest* request,
                                               v1::Outcome* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  if (auto s = domain::CheckText(request->memo(), "memo", 1, 500); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  std::optional<domain::Money> forfeited;
  if (request->has_forfeited_deposit()) {
    Result<domain::Money> amount =
        MoneyFromProto(request->forfeited_deposit(), "forfeited_deposit");
    if (!amount.ok()) return ToGrpcStatus(amount.error());
    forfeited = amount.value();  // PlanForfeiture checks the amount against the award
  }
  Result<domain::OutcomeRecord> outcome =
      ledger_.RescindOutcome(request->outcome_id(), request->memo(), forfeited,
                             RequestKeyOf(*request, request->request_id()),
                             AuditOf(*context, kRescindRpc, *request, request->request_id()));
  if (!outcome.ok()) return ToGrpcStatus(outcome.error());
  *response = OutcomeToProto(outcome.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::RecordPayment(grpc::ServerContext* context,
                                              const v1::RecordPaymentRequest* request,
                                              v1::Payment* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  domain::PaymentRecord payment;
  // Which one was set decides, not whether it is empty: an empty id is refused naming it.
  if (request->payer_case() == v1::RecordPaymentRequest::kOutcomeId) {
    if (request->outcome_id().empty()) {
      return ToGrpcStatus(Error::InvalidArgument("outcome_id", "is required (a UUID)"));
    }
    payment.outcome_id = request->outcome_id();
  } else if (request->payer_case() == v1::RecordPaymentRequest::kClaimId) {
    if (request->claim_id().empty()) {
      return ToGrpcStatus(Error::InvalidArgument("claim_id", "is required (a UUID)"));
    }
    payment.claim_id = request->claim_id();
  } else {
    return ToGrpcStatus(Error::InvalidArgument("payer", "give outcome_id or claim_id"));
  }
  Result<domain::Money> amount = MoneyFromProto(request->amount(), "amount");
  if (!amount.ok()) return ToGrpcStatus(amount.error());
  payment.amount = amount.value();
  Result<domain::Date> received = DateFromProto(request->received_date(), "received_date");
  if (!received.ok()) return ToGrpcStatus(received.error());
  payment.received_date = received.value();
  if (!payment.outcome_id.empty() && request->allocation_order_size() > 0) {
    // A buyer pays the award's price and instalments, not the claim's buckets.
    return ToGrpcStatus(Error::InvalidArgument(
        "allocation_order", "only a debtor's payment is allocated in a contract's order"));
  }
  Result<domain::AllocationOrder> order = OrderFromProto(*request);
  if (!order.ok()) return ToGrpcStatus(order.error());
  std::optional<domain::AccrualRequest> accrue_first;
  if (request->has_accrue_first()) {
    if (!payment.outcome_id.empty()) {
      return ToGrpcStatus(Error::InvalidArgument(
          "accrue_first", "only a debtor's payment accrues the claim's interest first"));
    }
    Result<domain::AccrualRequest> terms = AccrualTermsFromProto(request->accrue_first());
    if (!terms.ok()) return ToGrpcStatus(terms.error());
    accrue_first = std::move(terms).value();
  }
  Result<domain::PaymentRecord> recorded = ledger_.RecordPayment(
      std::move(payment), order.value(), RequestKeyOf(*request, request->request_id()),
      AuditOf(*context, kPaymentRpc, *request, request->request_id()), std::move(accrue_first));
  if (!recorded.ok()) return ToGrpcStatus(recorded.error());
  *response = PaymentToProto(recorded.value());
  return grpc::Status::OK;
}
}  // namespace disposal::api
