#include "ledger_actions.h"

#include <iostream>

#include "amount_text.h"
#include "claim_actions.h"
#include "date_text.h"
#include "disposal/v1/ledger.grpc.pb.h"
#include "interrupt_notice.h"
#include "ledger_outcome_input.h"
#include "ledger_view.h"
#include "outcome_list_view.h"
#include "request_id.h"
#include "service_rpc.h"
#include "time_text.h"

namespace disposalctl {
namespace {

using disposal::v1::AccrueInterestRequest;
using disposal::v1::LedgerService;

using LedgerRpc = ServiceRpc<LedgerService>;

Status BuildAccrueRequest(const AccrueInterestOptions& options, AccrueInterestRequest* request) {
  request->set_claim_id(options.claim_id);
  Status status = ParseDateText(options.through_date, request->mutable_through_date());
  if (!status.ok()) return status.WithContext("--through");
  request->set_basis(BasisOf(options.terms.basis));
  request->set_compound_overdue_interest(options.terms.compound);
  // Left unset without --court-debt: the server tells "no court interest" by absence.
  if (options.terms.court.given()) {
    status = ParseCourtDelay(options.terms.court, request->mutable_court_delay());
    if (!status.ok()) return status;
  }
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

Status BuildReverseRequest(const ReverseEntryOptions& options,
                           disposal::v1::ReverseEntryRequest* request) {
  request->set_entry_id(options.entry_id);
  request->set_memo(options.memo);
  // Left unset without --date: the server then uses the reversed entry's date.
  if (!options.effective_date.empty()) {
    Status status = ParseDateText(options.effective_date, request->mutable_effective_date());
    if (!status.ok()) return status.WithContext("--date");
  }
  return ChooseRequestId(options.request_id, request->mutable_request_id());
}

void PrintEntriesListing(const disposal::v1::ListJournalEntriesResponse& listed, bool with_postings,
                         bool stopped_at_page_limit, std::ostream& out) {
  PrintJournalEntries(listed.entries(), with_postings, out);
  if (listed.next_page_token().empty()) return;
  if (stopped_at_page_limit) {
    out << "\nstopped after " << kListPagesMax << " pages; more entries follow.";
  }
  out << "\nnext page: --page-token " << listed.next_page_token() << '\n';
}

// A failure here is a finding about the ledger, not about the call; FAILED_PRECONDITION
// because nothing built on an unbalanced ledger (a statement, a disposal's book value) holds.
Status BalanceOutcome(const disposal::v1::TrialBalance& trial) {
  if (TrialBalanceIsBalanced(trial)) return Status::Ok();
  const std::string as_of = trial.has_as_of() ? FormatDate(trial.as_of()) : "today";
  return Status::RpcFailed("FAILED_PRECONDITION", "the ledger does not balance as of " + as_of +
                                                      ": " + TrialBalanceVerdict(trial));
}

}  // namespace

Status AccrueClaimInterest(const GlobalOptions& global, const AccrueInterestOptions& options) {
  AccrueInterestRequest request;
  Status status = BuildAccrueRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::AccrueInterestResponse accrual;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::AccrueInterest, request, &accrual);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(accrual, std::cout);
  PrintAccrual(accrual, std::cout);
  return Status::Ok();
}

Status ListLedgerEntries(const GlobalOptions& global, const ListEntriesOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ListJournalEntriesRequest request;
  request.set_claim_id(options.claim_id);
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  LedgerRpc rpc(global.rpc);
  disposal::v1::ListJournalEntriesResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListJournalEntriesResponse page;
    status = rpc.Call(&LedgerService::Stub::ListJournalEntries, request, &page);
    if (!status.ok()) return status;
    for (disposal::v1::JournalEntry& entry : *page.mutable_entries()) {
      listed.add_entries()->Swap(&entry);
    }
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "journal entries", [&](bool stopped) {
    PrintEntriesListing(listed, options.with_postings, stopped, std::cout);
  });
}

Status ReverseLedgerEntry(const GlobalOptions& global, const ReverseEntryOptions& options) {
  disposal::v1::ReverseEntryRequest request;
  Status status = BuildReverseRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::JournalEntry reversal;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::ReverseEntry, request, &reversal);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(reversal, std::cout);
  PrintJournalEntry(reversal, std::cout);
  return Status::Ok();
}

Status ShowLedgerStatement(const GlobalOptions& global, const LedgerStatementOptions& options) {
  disposal::v1::GetClaimStatementRequest request;
  request.set_claim_id(options.claim_id);
  if (!options.as_of.empty()) {
    Status status = ParseDateText(options.as_of, request.mutable_as_of());
    if (!status.ok()) return status.WithContext("--as-of");
  }
  if (!options.as_of_time.empty()) {
    Status status = ParseTimeText("--as-of-time", options.as_of_time, request.mutable_as_of_time());
    if (!status.ok()) return status;
  }
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ClaimStatement statement;
  status = LedgerRpc(global.rpc).Call(&LedgerService::Stub::GetClaimStatement, request, &statement);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(statement, std::cout);
  PrintLedgerStatement(statement, std::cout);
  return Status::Ok();
}

Status ShowTrialBalance(const GlobalOptions& global, const TrialBalanceOptions& options) {
  disposal::v1::GetTrialBalanceRequest request;
  if (!options.as_of.empty()) {
    Status status = ParseDateText(options.as_of, request.mutable_as_of());
    if (!status.ok()) return status.WithContext("--as-of");
  }
  if (!options.as_of_time.empty()) {
    Status status = ParseTimeText("--as-of-time", options.as_of_time, request.mutable_as_of_time());
    if (!status.ok()) return status;
  }
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::TrialBalance trial;
  status = LedgerRpc(global.rpc).Call(&LedgerService::Stub::GetTrialBalance, request, &trial);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) {
    status = PrintMessageJson(trial, std::cout);
  } else {
    PrintTrialBalance(trial, std::cout);
  }
  return status.ok() ? BalanceOutcome(trial) : status;
}

Status RecordDisposalOutcome(const GlobalOptions& global, const RecordOutcomeOptions& options) {
  disposal::v1::RecordOutcomeRequest request;
  Status status = BuildRecordOutcomeRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::Outcome outcome;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::RecordOutcome, request, &outcome);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(outcome, std::cout);
  PrintOutcome(outcome, std::cout);
  return Status::Ok();
}

Status ShowOutcome(const GlobalOptions& global, const ShowOutcomeOptions& options) {
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::GetOutcomeRequest request;
  request.set_id(options.id);
  disposal::v1::Outcome outcome;
  status = LedgerRpc(global.rpc).Call(&LedgerService::Stub::GetOutcome, request, &outcome);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(outcome, std::cout);
  PrintOutcome(outcome, std::cout);
  return Status::Ok();
}

Status ListDisposalOutcomes(const GlobalOptions& global, const ListOutcomesOptions& options) {
  if (options.disposal_id.empty() == options.claim_id.empty()) {
    return Status::InvalidInput("give --disposal ID or --claim ID (exactly one)");
  }
  Status status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::ListOutcomesRequest request;
  if (!options.disposal_id.empty()) request.set_disposal_id(options.disposal_id);
  if (!options.claim_id.empty()) request.set_claim_id(options.claim_id);
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  LedgerRpc rpc(global.rpc);
  disposal::v1::ListOutcomesResponse listed;
  int pages = 0;
  do {
    disposal::v1::ListOutcomesResponse page;
    status = rpc.Call(&LedgerService::Stub::ListOutcomes, request, &page);
    if (!status.ok()) return status;
    for (disposal::v1::Outcome& outcome : *page.mutable_outcomes()) {
      listed.add_outcomes()->Swap(&outcome);
    }
    listed.set_next_page_token(page.next_page_token());
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (options.all_pages && !listed.next_page_token().empty() && pages < kListPagesMax);
  return PrintListing(global, listed, options.all_pages, "outcomes",
                      [&](bool stopped) { PrintOutcomeList(listed, stopped, std::cout); });
}

Status RescindDisposalOutcome(const GlobalOptions& global, const RescindOutcomeOptions& options) {
  disposal::v1::RescindOutcomeRequest request;
  Status status = BuildRescindOutcomeRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::Outcome outcome;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::RescindOutcome, request, &outcome);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(outcome, std::cout);
  PrintOutcome(outcome, std::cout);
  return Status::Ok();
}

Status RecordLedgerPayment(const GlobalOptions& global, const RecordPaymentOptions& options) {
  disposal::v1::RecordPaymentRequest request;
  Status status = BuildRecordPaymentRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::Payment payment;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::RecordPayment, request, &payment);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(payment, std::cout);
  PrintPayment(payment, std::cout);
  return Status::Ok();
}

Status RecordClaimCost(const GlobalOptions& global, const RecordCostOptions& options) {
  disposal::v1::RecordCostRequest request;
  Status status = BuildRecordCostRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::JournalEntry entry;
  status = WhileInFlight(request.request_id(), [&] {
    return LedgerRpc(global.rpc).Call(&LedgerService::Stub::RecordCost, request, &entry);
  });
  if (!status.ok()) return WithRequestId(status, request.request_id());
  if (global.output == OutputFormat::kJson) return PrintMessageJson(entry, std::cout);
  PrintJournalEntry(entry, std::cout);
  return Status::Ok();
}

}  // namespace disposalctl
