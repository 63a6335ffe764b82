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

CallQuotas::Verdict CallQuotas::TakeMany(const std::string& token_id, uint32_t own_calls_per_second,
                                         uint32_t calls, int64_t wait_max_nanos) {
  const uint32_t rate = own_calls_per_second > 0 ? own_calls_per_second : options_.calls_per_second;
  if (rate == 0) return {};
  const uint32_t burst = own_calls_per_second > 0 ? own_calls_per_second : options_.burst;
  // Between calls at the sustained rate, and how far ahead of now the calls may have run.
  // Rounded up: the rate allowed is never above the quota.
  const int64_t interval = (kNanosPerSecond + rate - 1) / rate;
  const int64_t tolerance = interval * std::max<uint32_t>(burst, 1);
  const std::shared_ptr<Bucket> held = BucketOf(token_id);
  Bucket& bucket = *held;
  const int64_t now = now_nanos_();
  int64_t arrival = bucket.theoretical_arrival.load(std::memory_order_relaxed);
  for (;;) {
    const int64_t next = std::max(arrival, now) + interval * static_cast<int64_t>(calls);
    // How far the calls run ahead of what the burst allows now: the wait before making them.
    const int64_t early = next - now - tolerance;
    if (early > wait_max_nanos) {
      return {false, early - wait_max_nanos, RefusalsToLog(bucket, now), rate,
              (tolerance + wait_max_nanos) / interval};
    }
    if (bucket.theoretical_arrival.compare_exchange_weak(arrival, next,
                                                         std::memory_order_relaxed)) {
      Verdict allowed;
      allowed.wait_nanos = std::max<int64_t>(early, 0);
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

uint64_t CallQuotas::RefusalsToLog(Bucket& bucket, int64_t now) {
  bucket.refused_unlogged.fetch_add(1, std::memory_order_relaxed);
  int64_t logged = bucket.logged_at.load(std::memory_order_relaxed);
  if (logged != INT64_MIN && now - logged < kNanosPerSecond) return 0;
  if (!bucket.logged_at.compare_exchange_strong(logged, now, std::memory_order_relaxed)) return 0;
  return std::max<uint64_t>(bucket.refused_unlogged.exchange(0, std::memory_order_relaxed), 1);
}

}  // namespace disposal::api
