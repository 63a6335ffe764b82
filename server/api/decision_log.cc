#include "api/decision_log.h"

#include <google/protobuf/util/json_util.h>

#include "log/log.h"

namespace disposal::api {
namespace {

constexpr size_t kQueueMax = 100'000;
constexpr size_t kBatchMax = 5'000;
constexpr char kRpc[] = "disposal.v1.EligibilityService/CheckBidderEligibility";

std::string Json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "{}";
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
  work_or_room_.notify_all();
}

void DecisionLog::Flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t target = enqueued_;
  work_or_room_.wait(lock, [&] { return written_ >= target; });
}

std::vector<domain::DecisionRecord> DecisionLog::Serialize(std::deque<Pending>& batch) {
  std::vector<domain::DecisionRecord> records;
  records.reserve(batch.size());
  for (Pending& pending : batch) {
    const std::string payload = "{\"request\":" + Json(pending.request) +
                                ",\"decision\":" + Json(pending.decision) + "}";
    records.push_back({pending.decision.decision_id(), std::move(pending.actor), kRpc,
                       pending.decision.registry_version(), payload});
  }
  return records;
}

void DecisionLog::Run() {
  while (true) {
    std::deque<Pending> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_or_room_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) return;
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
