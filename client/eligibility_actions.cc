#include "eligibility_actions.h"

#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "date_text.h"
#include "disposal/v1/eligibility.grpc.pb.h"
#include "document.h"
#include "eligibility_view.h"
#include "rpc.h"
#include "service_rpc.h"

namespace disposalctl {
namespace {

using disposal::v1::CheckBidderEligibilityRequest;
using disposal::v1::EligibilityService;
using disposal::v1::EligibilityStreamRequest;
using disposal::v1::EligibilityStreamResponse;
using disposal::v1::EligibilityStreamResult;

Status BuildBatchRequests(const CheckBatchOptions& options, std::vector<BidderRow>* bidders,
                          std::vector<CheckBidderEligibilityRequest>* requests) {
  disposal::v1::Date as_of;
  if (!options.as_of.empty()) {
    Status status = ParseDateText(options.as_of, &as_of);
    if (!status.ok()) return status.WithContext("--as-of");
  }
  std::string text;
  // ReadInputFile's refusals name the file already.
  Status status = ReadInputFile(options.file, &text);
  if (!status.ok()) return status;
  status = ParseBidderCsv(text, bidders);
  if (!status.ok()) return status.WithContext(options.file == "-" ? "stdin" : options.file);
  for (const BidderRow& row : *bidders) {
    CheckBidderEligibilityRequest& request = requests->emplace_back();
    request.set_disposal_id(options.disposal_id);
    *request.mutable_bidder() = row.bidder;
    request.set_declared_own_labour_income(row.own_labour_income);
    if (row.deposit_paid) *request.mutable_deposit_paid() = *row.deposit_paid;
    if (row.proof_of_funds) *request.mutable_proof_of_funds() = *row.proof_of_funds;
    if (!options.as_of.empty()) *request.mutable_as_of() = as_of;
  }
  return Status::Ok();
}

// Sends every request and collects every answer over one stream, in groups of
// `per_message`. Writing runs on its own thread: the server answers while it reads, so with
// a large file both directions' flow control windows can fill, and one thread that wrote
// everything before reading would wait for ever.
Status StreamBatch(const RpcSettings& settings, int per_message,
                   const std::vector<CheckBidderEligibilityRequest>& requests,
                   std::vector<EligibilityStreamResult>* results) {
  std::unique_ptr<EligibilityService::Stub> stub =
      EligibilityService::NewStub(NewChannel(settings));
  grpc::ClientContext context;
  PrepareContext(settings, &context);
  auto stream = stub->CheckBidderEligibilityStream(&context);
  std::thread writer([&stream, &requests, per_message] {
    EligibilityStreamRequest message;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      *message.add_checks() = requests[i];
      if (message.checks_size() < per_message && i + 1 < requests.size()) {
        continue;
      }
      // False once the server has ended the call; Finish below says why.
      if (!stream->Write(message)) return;
      message.Clear();
    }
    stream->WritesDone();
  });
  EligibilityStreamResponse response;
  while (stream->Read(&response)) {
    for (EligibilityStreamResult& result : *response.mutable_results()) {
      results->push_back(std::move(result));
    }
    response.Clear();
  }
  writer.join();
  grpc::Status status = stream->Finish();
  return status.ok() ? Status::Ok() : RpcFailure(status, settings);
}

// The canonical code a stream result's error begins with ("NOT_FOUND: disposal ..."), or
// INVALID_ARGUMENT when it begins with none.
std::string ErrorCodeOf(const std::string& error) {
  const std::string code = error.substr(0, error.find(':'));
  for (int value = 1; value <= static_cast<int>(grpc::StatusCode::UNAUTHENTICATED); ++value) {
    if (StatusCodeName(static_cast<grpc::StatusCode>(value)) == code) return code;
  }
  return "INVALID_ARGUMENT";
}

// Bidders that got an error, or no answer at all: the file needs fixing, so a script must
// not mistake the run for a complete check. The run ends with the code its failed bidders
// share (NOT_FOUND for an unknown disposal, as a single check would), INVALID_ARGUMENT when
// they differ.
// Counted by index, not by how many results came: each bidder must be answered once.
Status BatchOutcome(std::size_t bidders, const std::vector<EligibilityStreamResult>& responses) {
  std::size_t failed = 0;
  std::string shared_code;
  std::vector<bool> answered(bidders, false);
  for (const EligibilityStreamResult& response : responses) {
    const std::int64_t index = response.index();
    if (index < 0 || static_cast<std::size_t>(index) >= bidders ||
        answered[static_cast<std::size_t>(index)]) {
      return Status::RpcFailed("INTERNAL", "the server answered index " + std::to_string(index) +
                                               ", which is not an unanswered bidder of " +
                                               std::to_string(bidders));
    }
    answered[static_cast<std::size_t>(index)] = true;
    if (response.has_decision()) continue;
    const std::string code = ErrorCodeOf(response.error());
    shared_code = failed == 0 || code == shared_code ? code : "INVALID_ARGUMENT";
    ++failed;
  }
  std::size_t unanswered = 0;
  for (const bool was : answered) unanswered += was ? 0 : 1;
  if (failed == 0 && unanswered == 0) return Status::Ok();
  std::string message = std::to_string(failed) + " of " + std::to_string(bidders) +
                        " bidders could not be checked (errors above, by index)";
  if (unanswered > 0) message += "; " + std::to_string(unanswered) + " got no answer";
  // Bidders left unanswered are no failure of the kind the others share.
  return Status::RpcFailed(unanswered == 0 ? shared_code : "INVALID_ARGUMENT", message);
}

}  // namespace

Status CheckEligibility(const GlobalOptions& global, const CheckBidderOptions& options) {
  CheckBidderEligibilityRequest request;
  Status status = BuildCheckRequest(options, &request);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  disposal::v1::EligibilityDecision decision;
  status = ServiceRpc<EligibilityService>(global.rpc)
               .Call(&EligibilityService::Stub::CheckBidderEligibility, request, &decision);
  if (!status.ok()) return status;
  if (global.output == OutputFormat::kJson) return PrintMessageJson(decision, std::cout);
  PrintEligibilityDecision(decision, std::cout);
  return Status::Ok();
}

Status CheckEligibilityBatch(const GlobalOptions& global, const CheckBatchOptions& options) {
  std::vector<BidderRow> bidders;
  std::vector<CheckBidderEligibilityRequest> requests;
  Status status = BuildBatchRequests(options, &bidders, &requests);
  if (status.ok()) status = ValidateRpcSettings(global.rpc);
  if (!status.ok()) return status;
  std::vector<EligibilityStreamResult> responses;
  const Status streamed = StreamBatch(global.rpc, options.checks_per_message, requests, &responses);
  // What arrived is printed even when the stream failed part way: those answers stand.
  if (global.output == OutputFormat::kJson) {
    std::vector<const google::protobuf::Message*> messages;
    for (const EligibilityStreamResult& result : responses) messages.push_back(&result);
    status = PrintMessageListJson("results", messages, std::cout);
    if (!status.ok()) return status;
  } else if (streamed.ok() || !responses.empty()) {
    PrintBatchResults(bidders, responses, std::cout);
  }
  if (!streamed.ok()) return streamed;
  return BatchOutcome(bidders.size(), responses);
}

}  // namespace disposalctl
