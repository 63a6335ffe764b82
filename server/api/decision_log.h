// Writes eligibility decisions to the audit log off the request path: checks enqueue, one
// thread writes batches. The queue is bounded; when it is full a check waits for room, so a
// decision is never dropped.
#ifndef DISPOSAL_SERVER_API_DECISION_LOG_H_
#define DISPOSAL_SERVER_API_DECISION_LOG_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "disposal/v1/eligibility.pb.h"
#include "domain/registry_repository.h"

namespace disposal::api {

class DecisionLog {
 public:
  explicit DecisionLog(domain::RegistryRepository& repository);
  // Writes everything still queued, then stops.
  ~DecisionLog();

  void Record(std::string actor, const v1::CheckBidderEligibilityRequest& request,
              const v1::EligibilityDecision& decision);
  // Blocks until everything recorded so far is written (tests, shutdown).
  void Flush();

 private:
  void Run();

  domain::RegistryRepository& repository_;
  std::mutex mutex_;
  std::condition_variable work_or_room_;
  std::deque<domain::DecisionRecord> queue_;
  uint64_t enqueued_ = 0;
  uint64_t written_ = 0;
  uint64_t enqueued_flush_ = 0;  // a Flush() waits for everything up to here
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DECISION_LOG_H_
