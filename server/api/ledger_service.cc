// LedgerService's journal handlers: accruals, reversals, listings, the trial balance and
// statements. Outcome and payment handlers are in ledger_outcome_service.cc.
#include "api/ledger_service.h"

#include <google/protobuf/util/time_util.h>

#include "api/accrual_terms_mapping.h"
#include "api/as_of_time.h"
#include "api/disposal_mapping.h"
#include "api/enum_table.h"
#include "api/page_token.h"
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
constexpr char kCostRpc[] = "disposal.v1.LedgerService/RecordCost";

constexpr EnumTable<v1::EntryKind, domain::EntryKind, 9> kEntryKinds{{
    {v1::ENTRY_KIND_OPENING, domain::EntryKind::kOpening},
    {v1::ENTRY_KIND_ACCRUAL, domain::EntryKind::kAccrual},
    {v1::ENTRY_KIND_OUTCOME, domain::EntryKind::kOutcome},
    {v1::ENTRY_KIND_PAYMENT, domain::EntryKind::kPayment},
    {v1::ENTRY_KIND_WRITE_OFF, domain::EntryKind::kWriteOff},
    {v1::ENTRY_KIND_REVERSAL, domain::EntryKind::kReversal},
    {v1::ENTRY_KIND_COST, domain::EntryKind::kCost},
    {v1::ENTRY_KIND_PENALTY, domain::EntryKind::kPenalty},
    {v1::ENTRY_KIND_FORFEITURE, domain::EntryKind::kForfeiture},
}};
Result<domain::AccrualRequest> AccrualFromProto(const v1::AccrueInterestRequest& request) {
  if (!domain::IsUuid(request.claim_id())) {
    return domain::NotAUuid("claim_id", request.claim_id());
  }
  domain::AccrualRequest out;
  out.claim_id = request.claim_id();
  ASSIGN_OR_RETURN(out.through_date, DateFromProto(request.through_date(), "through_date"));
  ASSIGN_OR_RETURN(out.basis, BasisFromProto(request.basis(), "basis"));
  out.compound_overdue_interest = request.compound_overdue_interest();
  if (request.has_court_delay()) {
    ASSIGN_OR_RETURN(out.court, CourtFromProto(request.court_delay(), "court_delay"));
  }
  out.basis_stated = request.basis() != v1::DAY_COUNT_BASIS_UNSPECIFIED;
  return out;
}

Result<domain::CostAdvance> CostFromProto(const v1::RecordCostRequest& request) {
  if (!domain::IsUuid(request.claim_id())) {
    return domain::NotAUuid("claim_id", request.claim_id());
  }
  domain::CostAdvance cost;
  cost.claim_id = request.claim_id();
  ASSIGN_OR_RETURN(cost.amount, MoneyFromProto(request.amount(), "amount"));
  ASSIGN_OR_RETURN(cost.paid_date, DateFromProto(request.paid_date(), "paid_date"));
  RETURN_IF_ERROR(domain::CheckText(request.description(), "description", 1, 500));
  cost.description = request.description();
  return cost;
}

Result<std::optional<domain::Date>> OptionalDate(bool present, const v1::Date& date,
                                                 const std::string& field) {
  if (!present) return std::optional<domain::Date>();
  ASSIGN_OR_RETURN(domain::Date parsed, DateFromProto(date, field));
  return std::optional<domain::Date>(parsed);
}

}  // namespace

Result<domain::AccrualRequest> AccrualTermsFromProto(const v1::AccrualTerms& terms) {
  domain::AccrualRequest out;
  if (terms.as_last_accrued()) {
    if (terms.basis() != v1::DAY_COUNT_BASIS_UNSPECIFIED || terms.compound_overdue_interest() ||
        terms.has_court_delay()) {
      return Error::InvalidArgument("accrue_first.as_last_accrued",
                                    "give the terms or ask for the last accrual's, not both");
    }
    out.as_last_accrued = true;
    return out;
  }
  ASSIGN_OR_RETURN(out.basis, BasisFromProto(terms.basis(), "accrue_first.basis"));
  out.compound_overdue_interest = terms.compound_overdue_interest();
  if (terms.has_court_delay()) {
    ASSIGN_OR_RETURN(out.court, CourtFromProto(terms.court_delay(), "accrue_first.court_delay"));
  }
  out.basis_stated = terms.basis() != v1::DAY_COUNT_BASIS_UNSPECIFIED;
  return out;
}

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

grpc::Status LedgerServiceImpl::RecordCost(grpc::ServerContext* context,
                                           const v1::RecordCostRequest* request,
                                           v1::JournalEntry* response) {
  if (auto s = ValidateRequestId(request->request_id(), true); !s.ok()) {
    return ToGrpcStatus(s.error());
  }
  Result<domain::CostAdvance> cost = CostFromProto(*request);
  if (!cost.ok()) return ToGrpcStatus(cost.error());
  Result<domain::LedgerEntry> entry =
      ledger_.RecordCost(cost.value(), RequestKeyOf(*request, request->request_id()),
                         AuditOf(*context, kCostRpc, *request, request->request_id()));
  if (!entry.ok()) return ToGrpcStatus(entry.error());
  *response = EntryToProto(entry.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::ListJournalEntries(grpc::ServerContext*,
                                                   const v1::ListJournalEntriesRequest* request,
                                                   v1::ListJournalEntriesResponse* response) {
  Result<int> page_size = domain::EffectivePageSize(request->page_size());
  if (!page_size.ok()) return ToGrpcStatus(page_size.error());
  // Bound to the claim: a token from another claim's listing would skip this one's entries.
  const std::string filter_key = "entries|" + domain::AsciiLowercase(request->claim_id());
  Result<int64_t> after = DecodeNumberPageToken(request->page_token(), filter_key);
  if (!after.ok()) return ToGrpcStatus(after.error());
  Result<std::vector<domain::LedgerEntry>> entries =
      ledger_.Entries(request->claim_id(), after.value(), page_size.value() + 1);
  if (!entries.ok()) return ToGrpcStatus(entries.error());
  const auto& found = entries.value();
  const size_t shown = std::min(found.size(), static_cast<size_t>(page_size.value()));
  for (size_t i = 0; i < shown; ++i) *response->add_entries() = EntryToProto(found[i]);
  if (found.size() > shown) {
    response->set_next_page_token(EncodeNumberPageToken(found[shown - 1].entry_id, filter_key));
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
  // The day is fixed once: the one summed to is the one the answer names, even when the read
  // (on a standby catching up, say) runs past midnight.
  const domain::Date day = ledger_.AsOfDate(as_of.value(), as_of_time.value());
  Result<std::vector<domain::AccountTotals>> totals = ledger_.TrialBalance(day, as_of_time.value());
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
  *response->mutable_as_of() = DateToProto(day);
  *response->mutable_total_debits() = MoneyToProto(debits.value());
  *response->mutable_total_credits() = MoneyToProto(credits.value());
  return grpc::Status::OK;
}

grpc::Status LedgerServiceImpl::GetClaimStatement(grpc::ServerContext*,
                                                  const v1::GetClaimStatementRequest* request,
                                                  v1::ClaimStatement* response) {
  if (!domain::IsUuid(request->claim_id())) {
    return ToGrpcStatus(domain::NotAUuid("claim_id", request->claim_id()));
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
  *response->mutable_opening_penalty() = MoneyToProto(v.opening_penalty);
  *response->mutable_accrued_interest() = MoneyToProto(v.accrued_interest);
  *response->mutable_accrued_penalty() = MoneyToProto(v.accrued_penalty);
  *response->mutable_principal_balance() = MoneyToProto(v.principal_balance);
  *response->mutable_interest_balance() = MoneyToProto(v.interest_balance);
  *response->mutable_penalty_balance() = MoneyToProto(v.penalty_balance);
  *response->mutable_costs_balance() = MoneyToProto(v.costs_balance);
  *response->mutable_recovered() = MoneyToProto(v.recovered);
  *response->mutable_receivable_balance() = MoneyToProto(v.receivable_balance);
  *response->mutable_costs_advanced() = MoneyToProto(v.costs_advanced);
  *response->mutable_penalty_judged() = MoneyToProto(v.penalty_judged);
  response->set_penalty_unliquidated(v.penalty_unliquidated);
  response->set_penalty_unliquidated_basis(v.penalty_unliquidated_basis);
  *response->mutable_deposits_kept() = MoneyToProto(v.deposits_kept);
  *response->mutable_disposal_loss() = MoneyToProto(v.disposal_loss);
  *response->mutable_debt_relief() = MoneyToProto(v.debt_relief);
  if (v.accrued_through) *response->mutable_accrued_through() = DateToProto(*v.accrued_through);
  return grpc::Status::OK;
}

}  // namespace disposal::api
