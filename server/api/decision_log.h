// Writes eligibility decisions to the audit log off the request path: checks enqueue, one
// thread writes batches. The queue is bounded; when it is full a check waits for room, so a
// decision is never dropped for want of room or while the database is unreachable. A receipt
// the database refuses (a fault) is reported in the server's log, and the rest of its batch
// is written.
#ifndef DISPOSAL_SERVER_API_DECISION_LOG_H_
#define DISPOSAL_SERVER_API_DECISION_LOG_H_

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "disposal/v1/eligibility.pb.h"
#include "domain/registry_repository.h"

namespace disposal::api {

class DecisionLog {
 public:
  explicit DecisionLog(domain::RegistryRepository& repository);
  // Writes everything still queued, then stops.
  ~DecisionLog();

  // The receipt of one decision, built on the caller's thread (serializing is the costly part;
  // done here, the writer's lock is held only to append).
  static domain::DecisionRecord Receipt(std::string actor,
                                        const v1::CheckBidderEligibilityRequest& request,
                                        const v1::EligibilityDecision& decision);
  void Record(std::string actor, const v1::CheckBidderEligibilityRequest& request,
              const v1::EligibilityDecision& decision);
  // Queues receipts made by Receipt(), all under one lock (a stream message's checks); clears
  // `receipts`.
  void RecordAll(std::vector<domain::DecisionRecord>& receipts);
  // Blocks until everything recorded so far is written (tests, shutdown).
  void Flush();

 private:
  void Run();
  // Writes one batch, retrying until the database takes it (or the log stops).
  void Write(const std::vector<domain::DecisionRecord>& records);
  // The database refused the batch itself: a receipt breaks a constraint (a fault, such as
  // a decision id recorded twice). Retrying cannot help and would hold up every receipt
  // behind it, and with them every check once the queue is full. Halves the batch until the
  // refused receipts are alone, writes the rest, and reports each refused one in the log.
  void WriteAroundRefused(const std::vector<domain::DecisionRecord>& records, const Error& refusal);

  domain::RegistryRepository& repository_;
  std::mutex mutex_;
  std::condition_variable work_or_room_;
  // Appended to by checks; the writer swaps it for an empty one, so taking a batch costs the
  // lock O(1) time however many receipts wait.
  std::vector<domain::DecisionRecord> queue_;
  uint64_t enqueued_ = 0;
  uint64_t written_ = 0;
  uint64_t enqueued_flush_ = 0;  // a Flush() waits for everything up to here
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DECISION_LOG_H_
