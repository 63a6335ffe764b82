#include "api/decision_log.h"

#include "log/log.h"

namespace disposal::api {
namespace {

constexpr size_t kQueueMax = 100'000;
constexpr size_t kBatchMax = 5'000;
// How long a decision may wait in memory before it is written.
constexpr int kLingerMillis = 20;
constexpr char kRpc[] = "disposal.v1.EligibilityService/CheckBidderEligibility";

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63],
            kAlphabet[n & 63]};
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// The receipt: what a reader needs at a glance (outcome, rules, bidder) as plain JSON, and the
// exact request and decision as serialized protos, so that a replay sees the very bytes. Built
// by hand because the general proto-to-JSON printer costs more than the check it records.
std::string Payload(const v1::CheckBidderEligibilityRequest& request,
                    const v1::EligibilityDecision& decision) {
  std::string json = "{\"outcome\":";
  log::AppendJsonString(json, v1::EligibilityOutcome_Name(decision.outcome()));
  json += ",\"disposal_id\":";
  log::AppendJsonString(json, request.disposal_id());
  json += ",\"bidder\":";
  log::AppendJsonString(json, request.bidder().has_person()
                                  ? request.bidder().person().national_id()
                                  : request.bidder().organization().credit_code());
  json += ",\"rule_ids\":[";
  for (int i = 0; i < decision.reasons_size(); ++i) {
    if (i > 0) json += ',';
    log::AppendJsonString(json, decision.reasons(i).rule_id());
  }
  json += "],\"request_proto_base64\":\"" + Base64(request.SerializeAsString()) +
          "\",\"decision_proto_base64\":\"" + Base64(decision.SerializeAsString()) + "\"}";
  return json;
}

}  // namespace

DecisionLog::DecisionLog(domain::RegistryRepository& repository)
    : repository_(repository), writer_([this] { Run(); }) {}

DecisionLog::~DecisionLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_or_room_.notify_all();
  writer_.join();
}

void DecisionLog::Record(std::string actor, const v1::CheckBidderEligibilityRequest& request,
                         const v1::EligibilityDecision& decision) {
  std::unique_lock<std::mutex> lock(mutex_);
  work_or_room_.wait(lock, [this] { return queue_.size() < kQueueMax || stopping_; });
  queue_.push_back({std::move(actor), request, decision});
  ++enqueued_;
  // Waking the writer for every decision would cost a context switch per check; it wakes for
  // a full batch, or by itself within kLingerMillis.
  if (queue_.size() >= kBatchMax) work_or_room_.notify_all();
}

void DecisionLog::Flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t target = enqueued_;
  enqueued_flush_ = target;
  work_or_room_.notify_all();
  work_or_room_.wait(lock, [&] { return written_ >= target; });
}

std::vector<domain::DecisionRecord> DecisionLog::Serialize(std::deque<Pending>& batch) {
  std::vector<domain::DecisionRecord> records;
  records.reserve(batch.size());
  for (Pending& pending : batch) {
    records.push_back({pending.decision.decision_id(), std::move(pending.actor), kRpc,
                       pending.decision.registry_version(),
                       Payload(pending.request, pending.decision)});
  }
  return records;
}

void DecisionLog::Run() {
  while (true) {
    std::deque<Pending> batch;
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
      while (!queue_.empty() && batch.size() < kBatchMax) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    work_or_room_.notify_all();
    std::vector<domain::DecisionRecord> records = Serialize(batch);
    // The audit log must not lose a decision: retry (bounded per attempt by the pool's
    // timeouts) until the database takes the batch or the server stops.
    for (int attempt = 1;; ++attempt) {
      Status status = repository_.RecordDecisions(records);
      if (status.ok()) break;
      bool stopping = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping = stopping_;
      }
      if (stopping && attempt >= 10) {
        log::Error("decision_log_lost", {{"decisions", std::to_string(records.size())},
                                         {"reason", status.error().Message()}});
        break;
      }
      log::Warning("decision_log_write_failed",
                   {{"reason", status.error().Message()}, {"attempt", std::to_string(attempt)}});
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 10) * 200));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    written_ += records.size();
    work_or_room_.notify_all();
  }
}

}  // namespace disposal::api
