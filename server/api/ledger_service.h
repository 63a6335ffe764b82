// gRPC handlers for disposal.v1.LedgerService: validate the wire input, call the ledger's use
// cases, map the answers.
#ifndef DISPOSAL_SERVER_API_LEDGER_SERVICE_H_
#define DISPOSAL_SERVER_API_LEDGER_SERVICE_H_

#include "api/eligibility_service.h"
#include "disposal/v1/ledger.grpc.pb.h"
#include "domain/disposal_registry.h"
#include "domain/ledger.h"

namespace disposal::api {

// Wire <-> domain for the ledger's messages.
v1::JournalEntry EntryToProto(const domain::LedgerEntry& entry);
// The accrual terms of a debtor's payment (its claim and date are the payment's).
Result<domain::AccrualRequest> AccrualTermsFromProto(const v1::AccrualTerms& terms);

class LedgerServiceImpl : public v1::LedgerService::Service {
 public:
  // An award needs the disposal's gate and the buyer's eligibility at award time.
  LedgerServiceImpl(domain::Ledger& ledger, domain::DisposalRegistry& disposals,
                    EligibilityServiceImpl& eligibility, std::function<int64_t()> now_micros)
      : ledger_(ledger),
        disposals_(disposals),
        eligibility_(eligibility),
        now_micros_(std::move(now_micros)) {}

  grpc::Status AccrueInterest(grpc::ServerContext* context,
                              const v1::AccrueInterestRequest* request,
                              v1::AccrueInterestResponse* response) override;
  grpc::Status ReverseEntry(grpc::ServerContext* context, const v1::ReverseEntryRequest* request,
                            v1::JournalEntry* response) override;
  grpc::Status RecordCost(grpc::ServerContext* context, const v1::RecordCostRequest* request,
                          v1::JournalEntry* response) override;
  grpc::Status ListJournalEntries(grpc::ServerContext* context,
                                  const v1::ListJournalEntriesRequest* request,
                                  v1::ListJournalEntriesResponse* response) override;
  grpc::Status GetTrialBalance(grpc::ServerContext* context,
                               const v1::GetTrialBalanceRequest* request,
                               v1::TrialBalance* response) override;
  grpc::Status GetClaimStatement(grpc::ServerContext* context,
                                 const v1::GetClaimStatementRequest* request,
                                 v1::ClaimStatement* response) override;
  grpc::Status RecordOutcome(grpc::ServerContext* context, const v1::RecordOutcomeRequest* request,
                             v1::Outcome* response) override;
  grpc::Status GetOutcome(grpc::ServerContext* context, const v1::GetOutcomeRequest* request,
                          v1::Outcome* response) override;
  grpc::Status ListOutcomes(grpc::ServerContext* context, const v1::ListOutcomesRequest* request,
                            v1::ListOutcomesResponse* response) override;
  grpc::Status RescindOutcome(grpc::ServerContext* context,
                              const v1::RescindOutcomeRequest* request,
                              v1::Outcome* response) override;
  grpc::Status RecordPayment(grpc::ServerContext* context, const v1::RecordPaymentRequest* request,
                             v1::Payment* response) override;

 private:
  // The lot an award is for, with the disposal's checks on the disposal as read now: the method
  // is one it allows, and the award gate (set in `conditions`, for the booking to ask again)
  // says yes at `at_micros`. INVALID_ARGUMENT names the field; FAILED_PRECONDITION gives the
  // gate's every reason. `offered` gets the terms the notice offered the lot on.
  Result<domain::OutcomeRecord> AwardOf(const v1::RecordOutcomeRequest& request, int64_t at_micros,
                                        domain::AwardConditions* conditions,
                                        domain::OfferedTerms* offered);
  Status CheckBuyer(const v1::RecordOutcomeRequest& request, const domain::OutcomeRecord& outcome,
                    const std::string& actor, domain::AwardConditions* conditions);
  Status CheckReductionCounterparty(const v1::EligibilityDecision& decision,
                                    const domain::OutcomeRecord& outcome,
                                    domain::AwardConditions* conditions);
  Result<domain::OutcomeRecord> DecideAndBook(
      const grpc::ServerContext& context, const v1::RecordOutcomeRequest& request,
      const domain::RequestKey& key, int64_t at,
      const std::optional<domain::AccrualRequest>& accrue_first);

  domain::Ledger& ledger_;
  domain::DisposalRegistry& disposals_;
  EligibilityServiceImpl& eligibility_;
  std::function<int64_t()> now_micros_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_LEDGER_SERVICE_H_
