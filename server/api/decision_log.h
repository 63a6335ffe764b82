// Writes eligibility decisions to the audit log off the request path: checks enqueue, one
// thread writes batches. The queue is bounded; when it is full a check waits a while for room
// and is then refused (UNAVAILABLE: the decision is not given), so no decision is answered
// without its receipt queued, and no handler thread waits without end while the database is
// away. A receipt the database refuses (a fault) is reported in the server's log, and the rest
// of its batch is written. At shutdown what is queued is written within a deadline; a receipt
// that cannot be is reported in the log, one line each (decision_log_lost).
#ifndef DISPOSAL_SERVER_API_DECISION_LOG_H_
#define DISPOSAL_SERVER_API_DECISION_LOG_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "disposal/v1/eligibility.pb.h"
#include "domain/registry_repository.h"
#include "domain/result.h"

namespace disposal::api {

struct DecisionLogLimits {
  // Receipts queued or being written at most.
  size_t queue_max = 100'000;
  // How long a check waits for room in a full queue before it is refused.
  std::chrono::milliseconds room_wait{5'000};
  // How long, from Stop() (after the server's drain), the writer keeps starting writes of what
  // is queued; a write under way then ends within the receipt connection's 5 s user timeout.
  std::chrono::milliseconds stop_flush{10'000};
};

class DecisionLog {
 public:
  explicit DecisionLog(domain::RegistryRepository& repository, DecisionLogLimits limits = {});
  // Stop(), if not called before.
  ~DecisionLog();

  // Shutdown has begun: checks waiting for room are refused at once. Receipts still fitting in
  // the queue are taken and written; the stop_flush deadline starts at Stop().
  void Close();
  // Writes everything still queued (within limits.stop_flush; what is not written by then is
  // reported lost), then stops the writer. Receipts recorded after it are refused (UNAVAILABLE).
  // The server calls it right after its drain, before anything else that may take time stops.
  void Stop();

  // Names a receipt that will not be written in the server's log (decision_log_lost), so that
  // an auditor can still find the decision.
  static void ReportLost(const domain::DecisionRecord& lost, const std::string& reason);

  // The receipt of one decision, built on the caller's thread (serializing is the costly part;
  // done here, the writer's lock is held only to append).
  static domain::DecisionRecord Receipt(std::string actor,
                                        const v1::CheckBidderEligibilityRequest& request,
                                        const v1::EligibilityDecision& decision);
  Status Record(std::string actor, const v1::CheckBidderEligibilityRequest& request,
                const v1::EligibilityDecision& decision);
  // Queues receipts made by Receipt(), all under one lock (a stream message's checks); clears
  // `receipts`. UNAVAILABLE, queueing none of them, when the queue stays full for
  // limits.room_wait or the log is closing.
  Status RecordAll(std::vector<domain::DecisionRecord>& receipts);
  // Blocks until everything recorded so far is written, or reported lost (tests, shutdown).
  void Flush();
  // Calls of RecordAll waiting for room in a full queue now (a stream message's checks wait as
  // one); for the tests and the metrics.
  size_t ChecksWaitingForRoom();
  // Receipts queued since start, and those of them written or reported lost (the metrics).
  struct Counts {
    uint64_t queued = 0;
    uint64_t done = 0;
  };
  Counts counts();

 private:
  void Run();
  // Writes one batch, retrying until the database takes it (or the log stops).
  void Write(const std::vector<domain::DecisionRecord>& records);
  // After a failed attempt whose commit was in doubt, whether that attempt stored the batch
  // (a retry is then refused for the ids it finds there).
  bool WrittenBefore(const std::vector<domain::DecisionRecord>& records);
  // The database refused the batch itself: a receipt breaks a constraint (a fault, such as
  // a decision id recorded twice). Retrying cannot help and would hold up every receipt
  // behind it, and with them every check once the queue is full. Halves the batch until the
  // refused receipts are alone, writes the rest, and reports each refused one in the log.
  void WriteAroundRefused(const std::vector<domain::DecisionRecord>& records, const Error& refusal);
  // Destroying, and the stop_flush deadline passed: retrying is over.
  bool PastStopDeadline();

  domain::RegistryRepository& repository_;
  const DecisionLogLimits limits_;
  std::mutex mutex_;
  std::condition_variable work_or_room_;
  // Appended to by checks; the writer swaps it for an empty one, so taking a batch costs the
  // lock O(1) time however many receipts wait.
  std::vector<domain::DecisionRecord> queue_;
  uint64_t enqueued_ = 0;
  uint64_t written_ = 0;
  uint64_t enqueued_flush_ = 0;  // a Flush() waits for everything up to here
  size_t waiting_for_room_ = 0;
  bool closing_ = false;   // Close() or destruction: waiters for room are refused
  bool stopping_ = false;  // Stop(): the writer ends once the queue is empty
  std::chrono::steady_clock::time_point stop_deadline_;
  std::thread writer_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DECISION_LOG_H_
