#include "api/decision_log.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <iterator>

#include "domain/audit_chain.h"
#include "domain/call_deadline.h"
#include "domain/sha256.h"
#include "log/log.h"

namespace disposal::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr size_t kBatchMax = 5'000;
// How long a decision may wait in memory before it is written. Each write is a burst of work
// for this server and PostgreSQL; at 20 ms the bursts showed in the checks' p99 on a small
// machine, at 200 ms much less. Shutdown and Flush() write at once.
constexpr int kLingerMillis = 200;

const char* OutcomeName(v1::EligibilityOutcome outcome) {
  switch (outcome) {
    case v1::ELIGIBILITY_OUTCOME_ELIGIBLE:
      return "ELIGIBLE";
    case v1::ELIGIBILITY_OUTCOME_INELIGIBLE:
      return "INELIGIBLE";
    default:
      return "REVIEW";
  }
}

}  // namespace

// The receipt: a few columns to read at a glance and the exact request and decision as
// serialized protos, so that a replay sees the very bytes. Built on the caller's thread, outside
// the lock, so that the queue holds plain strings.
domain::DecisionRecord DecisionLog::Receipt(std::string actor,
                                            const v1::CheckBidderEligibilityRequest& request,
                                            const v1::EligibilityDecision& decision) {
  domain::DecisionRecord record;
  record.decision_id = decision.decision_id();
  record.decided_micros = TimeUtil::TimestampToMicroseconds(decision.decide_time());
  record.actor = std::move(actor);
  record.disposal_id = request.disposal_id();
  record.bidder = request.bidder().has_person() ? request.bidder().person().national_id()
                                                : request.bidder().organization().credit_code();
  record.outcome = OutcomeName(decision.outcome());
  record.registry_version = decision.registry_version();
  request.SerializeToString(&record.request);
  decision.SerializeToString(&record.decision);
  return record;
}

DecisionLog::DecisionLog(domain::RegistryRepository& repository, DecisionLogLimits limits)
    : repository_(repository), limits_(limits), writer_([this] { Run(); }) {}

DecisionLog::~DecisionLog() { Stop(); }

void DecisionLog::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    closing_ = stopping_ = true;
    // From here, not from Close(): the drain in between answers checks whose receipts need
    // their own time to be written.
    stop_deadline_ = std::chrono::steady_clock::now() + limits_.stop_flush;
  }
  work_or_room_.notify_all();
  writer_.join();
}

void DecisionLog::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  work_or_room_.notify_all();
}

bool DecisionLog::PastStopDeadline() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_ && std::chrono::steady_clock::now() >= stop_deadline_;
}

namespace {

// The bidder as its identifier's SHA-256: a national ID is personal data, which the server's
// log (read by operators, shipped to other systems) must not carry; whoever holds the ID can
// still find its line.
std::string BidderDigest(const domain::DecisionRecord& record) {
  return domain::HexOf(domain::Sha256(record.bidder));
}

}  // namespace

void DecisionLog::ReportLost(const domain::DecisionRecord& lost, const std::string& reason) {
  log::Error("decision_log_lost", {{"decision_id", lost.decision_id},
                                   {"disposal_id", lost.disposal_id},
                                   {"bidder_sha256", BidderDigest(lost)},
                                   {"outcome", lost.outcome},
                                   {"actor", lost.actor},
                                   {"reason", reason}});
}

Status DecisionLog::Record(std::string actor, const v1::CheckBidderEligibilityRequest& request,
                           const v1::EligibilityDecision& decision) {
  std::vector<domain::DecisionRecord> receipts;
  receipts.push_back(Receipt(std::move(actor), request, decision));
  return RecordAll(receipts);
}

DecisionLog::Counts DecisionLog::counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return {enqueued_, written_};
}

size_t DecisionLog::ChecksWaitingForRoom() {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_for_room_;
}

Status DecisionLog::RecordAll(std::vector<domain::DecisionRecord>& receipts) {
  if (receipts.empty()) return OkStatus();
  std::unique_lock<std::mutex> lock(mutex_);
  const auto has_room = [this] { return enqueued_ - written_ < limits_.queue_max || closing_; };
  bool room = has_room();
  if (!room) {
    // No longer than the call may wait: past its deadline the answer is not wanted, and the
    // handler thread is needed by the calls behind it.
    std::chrono::milliseconds wait = limits_.room_wait;
    if (const auto left = domain::CallTimeLeft()) wait = std::min(wait, *left);
    ++waiting_for_room_;
    room = work_or_room_.wait_for(lock, wait, has_room);
    --waiting_for_room_;
  }
  if (stopping_) {
    // The writer has ended or is ending: a receipt queued now would never be written.
    return Error::Unavailable("the server is stopping, so no decision was given");
  }
  if (!room || enqueued_ - written_ >= limits_.queue_max) {
    return Error::Unavailable(
        "the audit log cannot keep up (is the database away?), so no decision was given; try "
        "again shortly");
  }
  const size_t before = queue_.size();
  for (domain::DecisionRecord& receipt : receipts) queue_.push_back(std::move(receipt));
  enqueued_ += receipts.size();
  if (before < kBatchMax && queue_.size() >= kBatchMax) work_or_room_.notify_all();
  lock.unlock();
  receipts.clear();
  return OkStatus();
}

void DecisionLog::Flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t target = enqueued_;
  enqueued_flush_ = target;
  work_or_room_.notify_all();
  work_or_room_.wait(lock, [&] { return written_ >= target; });
}

void DecisionLog::Run() {
  std::vector<domain::DecisionRecord> taken;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Let a batch gather (bounded), unless one is full, a flush waits, or the log stops.
      work_or_room_.wait_for(lock, std::chrono::milliseconds(kLingerMillis), [this] {
        return queue_.size() >= kBatchMax || stopping_ || written_ < enqueued_flush_;
      });
      if (queue_.empty()) {
        if (stopping_) return;
        continue;
      }
      // Everything queued at once: a swap, so checks wait on the lock for no longer than it
      // takes to append one receipt.
      taken.swap(queue_);
    }
    work_or_room_.notify_all();
    for (size_t first = 0; first < taken.size(); first += kBatchMax) {
      const size_t count = std::min(kBatchMax, taken.size() - first);
      Write(std::vector<domain::DecisionRecord>(
          std::make_move_iterator(taken.begin() + first),
          std::make_move_iterator(taken.begin() + first + count)));
      std::lock_guard<std::mutex> lock(mutex_);
      written_ += count;
      work_or_room_.notify_all();
    }
    taken.clear();
  }
}

void DecisionLog::Write(const std::vector<domain::DecisionRecord>& records) {
  // The audit log must not lose a decision: retry (bounded per attempt by the pool's
  // timeouts) until the database takes the batch or the server stops.
  std::string last_failure = "the server stopped before the database took them";
  // A failure that says nothing against the receipts may have come as the batch committed
  // (the connection lost with the reply): a retry then finds its own receipts stored.
  bool in_doubt = false;
  for (int attempt = 1;; ++attempt) {
    if (PastStopDeadline()) {
      // Shutting down, and the database did not take them in time: each receipt is named in
      // the server's log, so that an auditor can still find the decisions given.
      for (const domain::DecisionRecord& lost : records) ReportLost(lost, last_failure);
      return;
    }
    Status status = repository_.RecordDecisions(records);
    if (status.ok()) return;
    if (status.error().code != ErrorCode::kUnavailable) {
      if (in_doubt && WrittenBefore(records)) return;
      WriteAroundRefused(records, status.error());
      return;
    }
    in_doubt = true;
    last_failure = status.error().Message();
    log::Warning("decision_log_write_failed",
                 {{"reason", status.error().Message()}, {"attempt", std::to_string(attempt)}});
    std::unique_lock<std::mutex> lock(mutex_);
    work_or_room_.wait_for(lock, std::chrono::milliseconds(std::min(attempt, 10) * 200), [this] {
      return stopping_ && std::chrono::steady_clock::now() >= stop_deadline_;
    });
  }
}

bool DecisionLog::WrittenBefore(const std::vector<domain::DecisionRecord>& records) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const domain::DecisionRecord& record : records) ids.push_back(record.decision_id);
  // A batch is one COPY: stored whole or not at all.
  const Result<size_t> stored = repository_.CountRecordedDecisions(ids);
  if (!stored.ok() || stored.value() != records.size()) return false;
  log::Info("decision_log_written_before", {{"receipts", std::to_string(records.size())},
                                            {"first_decision_id", records.front().decision_id}});
  return true;
}

void DecisionLog::WriteAroundRefused(const std::vector<domain::DecisionRecord>& records,
                                     const Error& refusal) {
  if (records.size() == 1) {
    const domain::DecisionRecord& refused = records.front();
    log::Error("decision_log_refused", {{"decision_id", refused.decision_id},
                                        {"disposal_id", refused.disposal_id},
                                        {"bidder_sha256", BidderDigest(refused)},
                                        {"outcome", refused.outcome},
                                        {"actor", refused.actor},
                                        {"reason", refusal.Message()}});
    return;
  }
  const auto middle = records.begin() + static_cast<std::ptrdiff_t>(records.size() / 2);
  Write(std::vector<domain::DecisionRecord>(records.begin(), middle));
  Write(std::vector<domain::DecisionRecord>(middle, records.end()));
}

}  // namespace disposal::api
