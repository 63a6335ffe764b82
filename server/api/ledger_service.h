// gRPC handlers for disposal.v1.LedgerService: validate the wire input, call the ledger's use
// cases, map the answers.
#ifndef DISPOSAL_SERVER_API_LEDGER_SERVICE_H_
#define DISPOSAL_SERVER_API_LEDGER_SERVICE_H_

#include "disposal/v1/ledger.grpc.pb.h"
#include "domain/ledger.h"

namespace disposal::api {

// Wire <-> domain for the ledger's messages.
v1::JournalEntry EntryToProto(const domain::LedgerEntry& entry);

class LedgerServiceImpl final : public v1::LedgerService::Service {
 public:
  explicit LedgerServiceImpl(domain::Ledger& ledger) : ledger_(ledger) {}

  grpc::Status AccrueInterest(grpc::ServerContext* context,
                              const v1::AccrueInterestRequest* request,
                              v1::AccrueInterestResponse* response) override;
  grpc::Status ReverseEntry(grpc::ServerContext* context, const v1::ReverseEntryRequest* request,
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

 private:
  domain::Ledger& ledger_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_LEDGER_SERVICE_H_
