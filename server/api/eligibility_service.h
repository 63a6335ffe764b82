// gRPC handlers for disposal.v1.EligibilityService and disposal.v1.RegistryService.
#ifndef DISPOSAL_SERVER_API_ELIGIBILITY_SERVICE_H_
#define DISPOSAL_SERVER_API_ELIGIBILITY_SERVICE_H_

#include <chrono>

#include "api/decision_log.h"
#include "api/stream_slots.h"
#include "disposal/v1/eligibility.grpc.pb.h"
#include "domain/eligibility_checker.h"
#include "domain/outcome.h"

namespace disposal::api {

// The unary check and Ping are served with gRPC's callback API (see api/guarded_service.h):
// partners call them at high rate, and the synchronous server's hand-off of each call between
// threads cost more than the check itself. A callback handler should not block; a check blocks
// only to load a disposal's context on its first check (cached after) and when the decision
// log's queue is full (100,000 receipts waiting for the database).
using EligibilityServiceBase = v1::EligibilityService::WithCallbackMethod_CheckBidderEligibility<
    v1::EligibilityService::WithCallbackMethod_Ping<v1::EligibilityService::Service>>;

class EligibilityServiceImpl : public EligibilityServiceBase {
 public:
  // How many eligibility streams one caller may keep open at a time (RESOURCE_EXHAUSTED for
  // the next).
  static constexpr int kStreamsPerCallerMax = 4;

  // `award_catch_up_wait` bounds how long an award's check waits for the index to load the
  // registry's latest changes (a rebuild of a large registry takes seconds).
  EligibilityServiceImpl(domain::EligibilityChecker& checker, DecisionLog& log,
                         std::chrono::milliseconds award_catch_up_wait = std::chrono::seconds(10))
      : checker_(checker), log_(log), award_catch_up_wait_(award_catch_up_wait) {}

  // Which methods are served with the callback API, by their index in the service.
  static std::vector<int> CallbackMethodIndices();

  grpc::ServerUnaryReactor* CheckBidderEligibility(grpc::CallbackServerContext* context,
                                                   const v1::CheckBidderEligibilityRequest* request,
                                                   v1::EligibilityDecision* response) override;
  grpc::Status CheckBidderEligibilityStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::EligibilityStreamResponse, v1::EligibilityStreamRequest>* stream)
      override;
  grpc::ServerUnaryReactor* Ping(grpc::CallbackServerContext* context,
                                 const v1::PingRequest* request,
                                 v1::PingResponse* response) override;

  // The buyer's check for an award: on every registry change committed before the call
  // (EligibilityChecker::CatchUpWithRegistry) and the disposal's parties as stored now. Sets
  // what the award's booking checks again: the registry and claim versions read, and the
  // decision's receipt, for the booking to write in its own transaction (or KeepReceipt when
  // nothing is booked). UNAVAILABLE while the index is loading.
  Status CheckForAward(const v1::CheckBidderEligibilityRequest& request, const std::string& actor,
                       v1::EligibilityDecision* out, domain::AwardConditions* conditions);
  // Queues a receipt CheckForAward returned for the decision log.
  void KeepReceipt(domain::DecisionRecord receipt);

 private:
  // CheckBidderEligibilityStream's work; the override ends it as FinishStream says.
  grpc::Status AnswerStream(grpc::ServerContext* context,
                            grpc::ServerReaderWriter<v1::EligibilityStreamResponse,
                                                     v1::EligibilityStreamRequest>* stream);
  // Decides into `out` and appends its receipt to `receipts`, which the caller must record
  // (DecisionLog::RecordAll) before it answers. With `award`, on the disposal's parties as
  // stored now, and the claim versions read go there. On an error `out` is left partly filled and
  // no receipt is added; the caller answers with the error instead.
  Status Decide(const domain::RegistrySnapshot& snapshot,
                const v1::CheckBidderEligibilityRequest& request, const std::string& actor,
                v1::EligibilityDecision* out, std::vector<domain::DecisionRecord>* receipts,
                domain::AwardConditions* award = nullptr);
  grpc::Status CheckOne(const grpc::CallbackServerContext& context,
                        const v1::CheckBidderEligibilityRequest& request,
                        v1::EligibilityDecision* response);
  // One check of a stream: its decision, or its error, under its index.
  void AnswerInto(const domain::RegistrySnapshot& snapshot,
                  const v1::CheckBidderEligibilityRequest& check, const std::string& actor,
                  int64_t index, v1::EligibilityStreamResult* result,
                  std::vector<domain::DecisionRecord>* receipts);

  domain::EligibilityChecker& checker_;
  DecisionLog& log_;
  const std::chrono::milliseconds award_catch_up_wait_;
  // Open CheckBidderEligibilityStream calls per caller (token): each holds a server thread.
  StreamSlots stream_slots_{kStreamsPerCallerMax};
};

class RegistryServiceImpl : public v1::RegistryService::Service {
 public:
  // An upload that has not ended this long after it began is refused: the idle cut bounds the
  // gap between chunks, not how long a trickle of them may hold a thread and an import slot.
  static constexpr std::chrono::seconds kImportUploadMaxDefault{1800};
  // How long a change waits for this server's index to load it: a rebuild of 1,000,000
  // persons takes about 7 s, and one may be under way already.
  static constexpr std::chrono::milliseconds kCatchUpWaitDefault{30'000};

  RegistryServiceImpl(domain::RegistryRepository& repository, domain::EligibilityChecker& checker,
                      std::chrono::seconds import_upload_max = kImportUploadMaxDefault,
                      std::chrono::milliseconds catch_up_wait = kCatchUpWaitDefault)
      : repository_(repository),
        checker_(checker),
        import_upload_max_(import_upload_max),
        catch_up_wait_(catch_up_wait) {}

  grpc::Status ApplyRegistryChanges(grpc::ServerContext* context,
                                    const v1::ApplyRegistryChangesRequest* request,
                                    v1::ApplyRegistryChangesResponse* response) override;
  grpc::Status ImportRegistry(grpc::ServerContext* context,
                              grpc::ServerReader<v1::ImportRegistryChunk>* reader,
                              v1::ImportRegistryResponse* response) override;
  grpc::Status GetRegistryParty(grpc::ServerContext* context,
                                const v1::GetRegistryPartyRequest* request,
                                v1::RegistryParty* response) override;

 private:
  // ImportRegistry's work; the override ends it as FinishStream says.
  grpc::Status ReadAndApply(grpc::ServerContext* context,
                            grpc::ServerReader<v1::ImportRegistryChunk>* reader,
                            v1::ImportRegistryResponse* response);
  // Adds to `response`, as row errors, the changes that refer to a person, organisation or
  // disposal neither registered nor added on an earlier line (`lines`: each change's line).
  Status ListMissingReferences(const std::vector<domain::RegistryChange>& changes,
                               const std::vector<int64_t>& lines,
                               v1::ImportRegistryResponse* response);
  // Makes this server's next check see `version` (other servers learn it through LISTEN).
  // UNAVAILABLE, naming the committed version, when the index has not loaded it within
  // catch_up_wait_ (or the call's deadline, or once the call is cancelled): the caller must
  // not be told the next check sees a change it may not.
  Status CatchUp(int64_t version, const grpc::ServerContextBase& context);
  // How often a wait for another rebuild looks whether the call was cancelled.
  static constexpr std::chrono::milliseconds kCatchUpPoll{100};
  // `refusal` of `changes`, naming the change and field that refer to what is not registered
  // when that is why; otherwise `refusal` itself.
  Error NamedMissingReference(const v1::ApplyRegistryChangesRequest& request,
                              const std::vector<domain::RegistryChange>& changes,
                              const Error& refusal);

  domain::RegistryRepository& repository_;
  domain::EligibilityChecker& checker_;
  const std::chrono::seconds import_upload_max_;
  const std::chrono::milliseconds catch_up_wait_;
  // Imports under way per caller (token): each holds a server thread while its file arrives,
  // and up to 256 MiB of it in memory.
  StreamSlots import_slots_{kImportsPerCallerMax};

 public:
  // How many imports one caller may have under way at a time (RESOURCE_EXHAUSTED for the next).
  static constexpr int kImportsPerCallerMax = 2;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ELIGIBILITY_SERVICE_H_
