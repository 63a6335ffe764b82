#include "api/call_quota.h"

#include <algorithm>
#include <chrono>
#include <mutex>

namespace disposal::api {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

CallQuotas::CallQuotas(CallQuotaOptions options, std::function<int64_t()> now_nanos)
    : options_(options), now_nanos_(now_nanos ? std::move(now_nanos) : SteadyNanos) {}

CallQuotas::Limits CallQuotas::LimitsOf(uint32_t own_calls_per_second) const {
  Limits limits;
  limits.rate = own_calls_per_second > 0 ? own_calls_per_second : options_.calls_per_second;
  if (limits.rate == 0) return limits;
  limits.burst =
      std::max<uint32_t>(own_calls_per_second > 0 ? own_calls_per_second : options_.burst, 1);
  // Rounded up: the rate allowed is never above the quota.
  limits.interval = (kNanosPerSecond + limits.rate - 1) / limits.rate;
  return limits;
}

CallQuotas::Verdict CallQuotas::Take(const std::string& token_id, uint32_t own_calls_per_second) {
  const Limits limits = LimitsOf(own_calls_per_second);
  if (limits.rate == 0) return {};
  // How far ahead of now the calls may have run: the burst.
  const int64_t tolerance = limits.interval * limits.burst;
  const std::shared_ptr<Bucket> held = BucketOf(token_id);
  Bucket& bucket = *held;
  const int64_t now = now_nanos_();
  int64_t arrival = bucket.theoretical_arrival.load(std::memory_order_relaxed);
  for (;;) {
    const int64_t next = std::max(arrival, now) + limits.interval;
    if (next - now > tolerance) {
      return {false, next - now - tolerance, RefusalsToLog(bucket, now), limits.rate};
    }
    if (bucket.theoretical_arrival.compare_exchange_weak(arrival, next,
                                                         std::memory_order_relaxed)) {
      return {};
    }
  }
}

CallQuotas::Verdict CallQuotas::Pace(const std::string& token_id, uint32_t own_calls_per_second,
                                     uint32_t calls) {
  const Limits limits = LimitsOf(own_calls_per_second);
  if (limits.rate == 0) return {};
  const std::shared_ptr<Bucket> held = BucketOf(token_id);
  Bucket& bucket = *held;
  const int64_t now = now_nanos_();
  if (calls > limits.burst) {
    Verdict refused{false, 0, RefusalsToLog(bucket, now), limits.rate};
    refused.calls_max = limits.burst;
    return refused;
  }
  int64_t arrival = bucket.theoretical_arrival.load(std::memory_order_relaxed);
  for (;;) {
    const int64_t start = std::max(arrival, now);
    const int64_t next = start + limits.interval * static_cast<int64_t>(calls);
    if (bucket.theoretical_arrival.compare_exchange_weak(arrival, next,
                                                         std::memory_order_relaxed)) {
      Verdict allowed;
      allowed.wait_nanos = start - now;
      if (allowed.wait_nanos > 0) {
        paced_.fetch_add(1, std::memory_order_relaxed);
        paced_micros_.fetch_add(allowed.wait_nanos / 1000, std::memory_order_relaxed);
      }
      return allowed;
    }
  }
}

std::shared_ptr<CallQuotas::Bucket> CallQuotas::BucketOf(const std::string& token_id) {
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (auto found = buckets_.find(token_id); found != buckets_.end()) return found->second;
  }
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (auto found = buckets_.find(token_id); found != buckets_.end()) return found->second;
  if (buckets_.size() >= options_.tokens_max) MakeRoom();
  return buckets_.emplace(token_id, std::make_shared<Bucket>()).first->second;
}

void CallQuotas::MakeRoom() {
  // Tokens that have not called within their burst lose nothing when forgotten: their next
  // call finds the whole burst either way.
  const int64_t now = now_nanos_();
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const bool idle = it->second->theoretical_arrival.load(std::memory_order_relaxed) <= now;
    it = idle ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < options_.tokens_max || buckets_.empty()) return;
  // All busy: one, picked at random (never by the table's order, which could pick the same
  // newcomer each time), starts over. A bucket in use stays alive with its caller.
  evictions_ = evictions_ * 6364136223846793005ULL + 1442695040888963407ULL;
  buckets_.erase(
      std::next(buckets_.begin(), static_cast<long>((evictions_ >> 33) % buckets_.size())));
}

CallQuotas::Counts CallQuotas::counts() const {
  return {refused_.load(std::memory_order_relaxed), paced_.load(std::memory_order_relaxed),
          paced_micros_.load(std::memory_order_relaxed)};
}

// Called once for each refusal.
uint64_t CallQuotas::RefusalsToLog(Bucket& bucket, int64_t now) {
  refused_.fetch_add(1, std::memory_order_relaxed);
  bucket.refused_unlogged.fetch_add(1, std::memory_order_relaxed);
  int64_t logged = bucket.logged_at.load(std::memory_order_relaxed);
  if (logged != INT64_MIN && now - logged < kNanosPerSecond) return 0;
  if (!bucket.logged_at.compare_exchange_strong(logged, now, std::memory_order_relaxed)) return 0;
  return std::max<uint64_t>(bucket.refused_unlogged.exchange(0, std::memory_order_relaxed), 1);
}

}  // namespace disposal::api
