#include "api/ledger_service.h"

#include <google/protobuf/util/time_util.h>

#include "api/as_of_time.h"
#include "api/disposal_mapping.h"
#include "api/enum_table.h"
#include "api/request_context.h"
#include "api/status.h"
#include "api/wire_values.h"
#include "domain/calendar.h"
#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kAccrueRpc[] = "disposal.v1.LedgerService/AccrueInterest";
constexpr char kReverseRpc[] = "disposal.v1.LedgerService/ReverseEntry";
constexpr char kRescindRpc[] = "disposal.v1.LedgerService/RescindOutcome";
constexpr char kOutcomeRpc[] = "disposal.v1.LedgerService/RecordOutcome";
constexpr char kPaymentRpc[] = "disposal.v1.LedgerService/RecordPayment";
constexpr int kInstalmentsMax = 120;
constexpr char kPageTokenPrefix[] = "entry:";

constexpr EnumTable<v1::EntryKind, domain::EntryKind, 6> kEntryKinds{{
    {v1::ENTRY_KIND_OPENING, domain::EntryKind::kOpening},
    {v1::ENTRY_KIND_ACCRUAL, domain::EntryKind::kAccrual},
    {v1::ENTRY_KIND_OUTCOME, domain::EntryKind::kOutcome},
    {v1::ENTRY_KIND_PAYMENT, domain::EntryKind::kPayment},
    {v1::ENTRY_KIND_WRITE_OFF, domain::EntryKind::kWriteOff},
    {v1::ENTRY_KIND_REVERSAL, domain::EntryKind::kReversal},
}};
constexpr EnumTable<v1::DayCountBasis, domain::DayCountBasis, 2> kBases{{
    {v1::DAY_COUNT_BASIS_ACT_360, domain::DayCountBasis::kAct360},
    {v1::DAY_COUNT_BASIS_ACT_365, domain::DayCountBasis::kAct365},
}};
constexpr EnumTable<v1::AllocationBucket, domain::AllocationBucket, 4> kBuckets{{
    {v1::ALLOCATION_BUCKET_COSTS, domain::AllocationBucket::kCosts},
    {v1::ALLOCATION_BUCKET_INTEREST, domain::AllocationBucket::kInterest},
    {v1::ALLOCATION_BUCKET_PRINCIPAL, domain::AllocationBucket::kPrincipal},
    {v1::ALLOCATION_BUCKET_PENALTY, domain::AllocationBucket::kPenalty},
}};

// UNSPECIFIED means the usual basis of PRC loan contracts, ACT/360.
Result<domain::DayCountBasis> BasisFromProto(v1::DayCountBasis basis) {
  if (basis == v1::DAY_COUNT_BASIS_UNSPECIFIED) return domain::DayCountBasis::kAct360;
  return EnumFromProto(basis, kBases, "basis");
}

Result<domain::CourtDelayTerms> CourtFromProto(const v1::CourtDelayInterest& court) {
  domain::CourtDelayTerms terms;
  ASSIGN_OR_RETURN(terms.judgment_debt,
                   MoneyFromProto(court.judgment_debt(), "court_delay.judgment_debt"));
  if (terms.judgment_debt.is_negative() || terms.judgment_debt.is_zero()) {
    return Error::InvalidArgument("court_delay.judgment_debt", "must be more than zero");
  }
  ASSIGN_OR_RETURN(domain::Date delay_start,
                   DateFromProto(court.delay_start(), "court_delay.delay_start"));
  // The domain counts the delay from the day after the performance deadline.
  terms.performance_due_date = domain::AddDays(delay_start, -1);
  ASSIGN_OR_RETURN(std::optional<domain::Rate> rate,
                   RateFromProto(court.daily_rate(), "court_delay.daily_rate"));
  if (rate) terms.daily_rate = *rate;
  return terms;
}

Result<domain::AccrualRequest> AccrualFromProto(const v1::AccrueInterestRequest& request) {
  if (!domain::IsUuid(request.claim_id())) {
    return Error::InvalidArgument("claim_id", "must be a UUID");
  }
  domain::AccrualRequest out;
  out.claim_id = request.claim_id();
  ASSIGN_OR_RETURN(out.through_date, DateFromProto(request.through_date(), "through_date"));
  ASSIGN_OR_RETURN(out.basis, BasisFromProto(request.basis()));
  out.compound_overdue_interest = request.compound_overdue_interest();
  if (request.has_court_delay()) {
    ASSIGN_OR_RETURN(out.court, CourtFromProto(request.court_delay()));
  }
  return out;
}

Result<std::optional<domain::Date>> OptionalDate(bool present, const v1::Date& date,
                                                 const std::string& field) {
  if (!present) return std::optional<domain::Date>();
  ASSIGN_OR_RETURN(domain::Date parsed, DateFromProto(date, field));
  return std::optional<domain::Date>(parsed);
}

Result<int64_t> AfterIdFromToken(const std::string& token) {
  if (token.empty()) return int64_t{0};
  const std::string prefix = kPageTokenPrefix;
  // At most 18 digits: every such number fits in int64, so stoll cannot throw.
  if (token.rfind(prefix, 0) != 0 || token.size() == prefix.size() ||
      token.size() > prefix.size() + 18 ||
      token.find_first_not_of("0123456789", prefix.size()) != std::string::npos) {
    return Error::InvalidArgument("page_token", "is not a token this service issued");
  }
  return static_cast<int64_t>(std::stoll(token.substr(prefix.size())));
}

Result<domain::AllocationOrder> OrderFromProto(const v1::RecordPaymentRequest& request) {
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
  return out;
}

// Every reason the gate gave, in one message.
std::string GateRefusal(const domain::AwardGateDecision& gate) {
  std::string message = "the award gate refuses:";
  for (const domain::GateReason& reason : gate.reasons) message += " " + reason.message + ";";
  message.pop_back();
  return message;
}

}  // namespace

v1::JournalEntry EntryToProto(const domain::LedgerEntry& entry) {
  v1::JournalEntry out;
  out.set_entry_id(entry.entry_id);
  out.set_request_id(entry.request_id);
  out.set_kind(EnumToProto(entry.kind, kEntryKinds));
  *out.mutable_effective_date() = DateToProto(entry.effective_date);
  *out.mutable_record_time() = TimeUtil::MicrosecondsToTimestamp(entry.record_micros);
  out.set_claim_id(entry.claim_id);
  if (entry.period) {
    *out.mutable_period_start() = DateToProto(entry.period->start);
    *out.mutable_period_end() = DateToProto(entry.period->end);
  }
  out.set_reverses_entry_id(entry.reverses_entry_id);
  out.set_memo(entry.memo);
  out.set_actor(entry.actor);
  for (const domain::BookedPosting& booked : entry.postings) {
    v1::Posting* posting = out.add_postings();
    posting->set_account(booked.posting.account);
    posting->set_tranche_number(booked.tranche);
    const bool debit = booked.posting.side == domain::Side::kDebit;
    *posting->mutable_debit() = MoneyToProto(debit ? booked.posting.amount : domain::Money());
    *posting->mutable_credit() = MoneyToProto(debit ? domain::Money() : booked.posting.amount);
  }
  return out;
}

grpc::Status LedgerServiceImpl::AccrueInterest(grpc::ServerContext* context,
                                               const v1::AccrueInterestRequest* request,
                                               v1::AccrueInterestResponse* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  Result<domain::AccrualRequest> accrual = AccrualFromProto(*request);
  if (!accrual.ok()) return ToGrpcStatus(accrual.error());
  Result<domain::AccrualResult> result =
      ledger_.Accrue(accrual.value(), RequestKeyOf(*request, request->request_id()),
                     AuditOf(*context, kAccrueRpc, *request, request->request_id()));
  if (!result.ok()) return ToGrpcStatus(result.error());
  for (const domain::LedgerEntry& entry : result.value().entries) {
    *response->add_entries() = EntryToProto(entry);
  }
  *response->mutable_interest() = MoneyToProto(result.value().interest);
  *response->mutable_penalty() = MoneyToProto(result.value().penalty);
  if (result.value().accrued_through) {
    *response->mutable_accrued_through() = DateToProto(*result.value().accrued_through);
  }
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::ReverseEntry(grpc::ServerContext* context,
                                             const v1::ReverseEntryRequest* request,
                                             v1::JournalEntry* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  if (request->entry_id() <= 0) {
    return ToGrpcStatus(Error::InvalidArgument("entry_id", "must be a booked entry's id"));
  }
  if (auto s = domain::CheckText(request->memo(), "memo", 1, 500); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  auto effective =
      OptionalDate(request->has_effective_date(), request->effective_date(), "effective_date");
  if (!effective.ok()) return ToGrpcStatus(effective.error());
  Result<domain::LedgerEntry> reversal =
      ledger_.Reverse(request->entry_id(), effective.value(), request->memo(),
                      RequestKeyOf(*request, request->request_id()),
                      AuditOf(*context, kReverseRpc, *request, request->request_id()));
  if (!reversal.ok()) return ToGrpcStatus(reversal.error());
  *response = EntryToProto(reversal.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::ListJournalEntries(grpc::ServerContext*,
                                                   const v1::ListJournalEntriesRequest* request,
                                                   v1::ListJournalEntriesResponse* response) {
  Result<int> page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  Result<int64_t> after = AfterIdFromToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.error());
  Result<std::vector<domain::LedgerEntry>> entries =
      ledger_.Entries(request->claim_id(), after.value(), page_size.value() + 1);
  if (!entries.ok()) return ToGrpcStatus(entries.error());
  const auto& found = entries.value();
  const size_t shown = std::min(found.size(), static_cast<size_t>(page_size.value()));
  for (size_t i = 0; i < shown; ++i) *response->add_entries() = EntryToProto(found[i]);
  if (found.size() > shown) {
    response->set_next_page_token(kPageTokenPrefix + std::to_string(found[shown - 1].entry_id));
  }
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::GetTrialBalance(grpc::ServerContext*,
                                                const v1::GetTrialBalanceRequest* request,
                                                v1::TrialBalance* response) {
  auto as_of = OptionalDate(request->has_as_of(), request->as_of(), "as_of");
  if (!as_of.ok()) return ToGrpcStatus(as_of.error());
  auto as_of_time =
      AsOfTimeFromProto(request->has_as_of_time(), request->as_of_time(), "as_of_time");
  if (!as_of_time.ok()) return ToGrpcStatus(as_of_time.error());
  Result<std::vector<domain::AccountTotals>> totals =
      ledger_.TrialBalance(as_of.value(), as_of_time.value());
  if (!totals.ok()) return ToGrpcStatus(totals.error());
  Result<domain::Money> debits = domain::Money(), credits = domain::Money();
  for (const domain::AccountTotals& t : totals.value()) {
    v1::AccountBalance* account = response->add_accounts();
    account->set_account(t.account);
    *account->mutable_debits() = MoneyToProto(t.debits);
    *account->mutable_credits() = MoneyToProto(t.credits);
    Result<domain::Money> balance = t.debits.Subtract(t.credits);
    if (balance.ok()) debits = debits.value().Add(t.debits);
    if (balance.ok() && debits.ok()) credits = credits.value().Add(t.credits);
    if (!balance.ok() || !debits.ok() || !credits.ok()) {
      return ToGrpcStatus(Error::Internal("the trial balance's totals overflow"));
    }
    *account->mutable_balance() = MoneyToProto(balance.value());
  }
  if (as_of.value()) *response->mutable_as_of() = DateToProto(*as_of.value());
  *response->mutable_total_debits() = MoneyToProto(debits.value());
  *response->mutable_total_credits() = MoneyToProto(credits.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::GetClaimStatement(grpc::ServerContext*,
                                                  const v1::GetClaimStatementRequest* request,
                                                  v1::ClaimStatement* response) {
  if (!domain::IsUuid(request->claim_id())) {
    return ToGrpcStatus(Error::InvalidArgument("claim_id", "must be a UUID"));
  }
  auto as_of = OptionalDate(request->has_as_of(), request->as_of(), "as_of");
  if (!as_of.ok()) return ToGrpcStatus(as_of.error());
  auto as_of_time =
      AsOfTimeFromProto(request->has_as_of_time(), request->as_of_time(), "as_of_time");
  if (!as_of_time.ok()) return ToGrpcStatus(as_of_time.error());
  Result<domain::ClaimStatementView> view =
      ledger_.Statement(request->claim_id(), as_of.value(), as_of_time.value());
  if (!view.ok()) return ToGrpcStatus(view.error());
  const domain::ClaimStatementView& v = view.value();
  response->set_claim_id(v.claim_id);
  *response->mutable_as_of() = DateToProto(v.as_of);
  *response->mutable_opening_principal() = MoneyToProto(v.opening_principal);
  *response->mutable_opening_interest() = MoneyToProto(v.opening_interest);
  *response->mutable_accrued_interest() = MoneyToProto(v.accrued_interest);
  *response->mutable_accrued_penalty() = MoneyToProto(v.accrued_penalty);
  *response->mutable_principal_balance() = MoneyToProto(v.principal_balance);
  *response->mutable_interest_balance() = MoneyToProto(v.interest_balance);
  *response->mutable_penalty_balance() = MoneyToProto(v.penalty_balance);
  *response->mutable_costs_balance() = MoneyToProto(v.costs_balance);
  *response->mutable_recovered() = MoneyToProto(v.recovered);
  *response->mutable_receivable_balance() = MoneyToProto(v.receivable_balance);
  *response->mutable_disposal_loss() = MoneyToProto(v.disposal_loss);
  *response->mutable_debt_relief() = MoneyToProto(v.debt_relief);
  if (v.accrued_through) *response->mutable_accrued_through() = DateToProto(*v.accrued_through);
  return grpc::Status::OK;
}

Result<domain::OutcomeRecord> LedgerServiceImpl::AwardOf(const v1::RecordOutcomeRequest& request,
                                                         int64_t at_micros) {
  if (!domain::IsUuid(request.disposal_id())) {
    return Error::InvalidArgument("disposal_id", "must be a UUID");
  }
  ASSIGN_OR_RETURN(domain::DisposalView view, disposals_.Get(request.disposal_id()));
  const domain::Disposal& disposal = view.record.disposal;
  const auto& lots = disposal.content.lots;
  const domain::Lot* lot = nullptr;
  for (const domain::Lot& candidate : lots) {
    if (candidate.id == request.lot_id() || (request.lot_id().empty() && lots.size() == 1)) {
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
  const auto& allowed = disposal.content.methods;
  if (std::find(allowed.begin(), allowed.end(), outcome.method) == allowed.end()) {
    return Error::FailedPrecondition("the disposal does not allow this method");
  }
  ASSIGN_OR_RETURN(domain::AwardGateDecision gate,
                   disposals_.CheckGate(request.disposal_id(), lot->id, at_micros));
  if (!gate.allowed) return Error::FailedPrecondition(GateRefusal(gate));
  outcome.disposal_id = disposal.id;
  outcome.lot_id = lot->id;
  outcome.claim_id = lot->claim_id;
  outcome.tranche_number = lot->tranche_number;
  return outcome;
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
  Result<domain::Money> price = MoneyFromProto(request->price(), "price");
  if (!price.ok()) return ToGrpcStatus(price.error());
  Result<std::vector<domain::Instalment>> schedule = ScheduleFromProto(*request);
  if (!schedule.ok()) return ToGrpcStatus(schedule.error());
  const int64_t at = request->has_award_time()
                         ? TimeUtil::TimestampToMicroseconds(request->award_time())
                         : now_micros_();
  Result<domain::OutcomeRecord> outcome = AwardOf(*request, at);
  if (!outcome.ok()) return ToGrpcStatus(outcome.error());
  outcome.value().award_date = domain::ShanghaiDateOf(at);
  // The buyer's check at award time: identifiers are validated there (INVALID_ARGUMENT).
  v1::CheckBidderEligibilityRequest check;
  check.set_disposal_id(outcome.value().disposal_id);
  *check.mutable_bidder() = request->buyer();
  if (request->has_deposit_paid()) *check.mutable_deposit_paid() = request->deposit_paid();
  *check.mutable_as_of() = DateToProto(outcome.value().award_date);
  v1::EligibilityDecision decision;
  const std::string actor = ActorOf(*context);
  if (auto s = eligibility_.CheckForUseCase(check, actor, &decision); !s.ok()) {
    Error error = s.error();
    // The check names the bidder; this request calls it the buyer.
    if (error.field.rfind("bidder", 0) == 0) error.field = "buyer" + error.field.substr(6);
    return ToGrpcStatus(error);
  }
  if (decision.outcome() != v1::ELIGIBILITY_OUTCOME_ELIGIBLE) {
    std::string rules;
    for (const v1::EligibilityReason& reason : decision.reasons()) rules += " " + reason.rule_id();
    return ToGrpcStatus(Error::FailedPrecondition("the buyer is not eligible at award time (" +
                                                  v1::EligibilityOutcome_Name(decision.outcome()) +
                                                  ":" + rules + "); decision " +
                                                  decision.decision_id()));
  }
  Result<domain::Party> buyer = PartyFromProto(request->buyer(), "buyer");
  if (!buyer.ok()) return ToGrpcStatus(buyer.error());
  outcome.value().buyer = buyer.value();
  outcome.value().price = price.value();
  outcome.value().schedule = schedule.value();
  outcome.value().eligibility_decision_id = decision.decision_id();
  Result<domain::OutcomeRecord> recorded =
      ledger_.RecordOutcome(std::move(outcome).value(), key,
                            AuditOf(*context, kOutcomeRpc, *request, request->request_id()));
  if (!recorded.ok()) return ToGrpcStatus(recorded.error());
  *response = OutcomeToProto(recorded.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::GetOutcome(grpc::ServerContext*,
                                           const v1::GetOutcomeRequest* request,
                                           v1::Outcome* response) {
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
  Result<domain::OutcomeRecord> outcome = ledger_.RescindOutcome(
      request->outcome_id(), request->memo(), RequestKeyOf(*request, request->request_id()),
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
  if (request->payer_case() == v1::RecordPaymentRequest::kOutcomeId) {
    payment.outcome_id = request->outcome_id();
  } else if (request->payer_case() == v1::RecordPaymentRequest::kClaimId) {
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
  Result<domain::AllocationOrder> order = OrderFromProto(*request);
  if (!order.ok()) return ToGrpcStatus(order.error());
  Result<domain::PaymentRecord> recorded = ledger_.RecordPayment(
      std::move(payment), order.value(), RequestKeyOf(*request, request->request_id()),
      AuditOf(*context, kPaymentRpc, *request, request->request_id()));
  if (!recorded.ok()) return ToGrpcStatus(recorded.error());
  *response = PaymentToProto(recorded.value());
  return grpc::Status::OK;
}

}  // namespace disposal::api
