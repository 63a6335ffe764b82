// Calls per second each token may make, with bursts: the generic cell rate algorithm on one
// atomic per token, found under a shared lock, so that calls with one token from many threads
// do not wait for each other (only a token's first call takes the lock exclusively).
#ifndef DISPOSAL_SERVER_API_CALL_QUOTA_H_
#define DISPOSAL_SERVER_API_CALL_QUOTA_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace disposal::api {

struct CallQuotaOptions {
  // Calls a token may make per second, sustained; 0: no quota.
  uint32_t calls_per_second = 0;
  // Calls a token may make at once after a quiet spell (at least 1); then the sustained rate.
  uint32_t burst = 1;
  // Tokens tracked at most (bounds memory): past it, the idle ones are forgotten, or when every
  // one is busy, one picked at random starts over.
  size_t tokens_max = 10000;
};

class CallQuotas {
 public:
  // `now_nanos`: a monotonic clock in nanoseconds (steady_clock unless a test gives one).
  explicit CallQuotas(CallQuotaOptions options, std::function<int64_t()> now_nanos = nullptr);

  struct Verdict {
    bool allowed = true;
    // When refused: nanoseconds until a call with this token would be allowed.
    int64_t retry_after_nanos = 0;
    // When refused: the refusals of this token to log now, this one included (at most one log
    // line per token per second, so a client past its quota cannot flood the log); 0: none.
    uint64_t refusals_to_log = 0;
    // When refused: the quota it is past, calls a second.
    uint32_t calls_per_second = 0;
    // When refused by Pace: the most calls one Pace may count (the burst).
    uint32_t calls_max = 0;
    // When allowed by Pace: nanoseconds the caller must wait before making the calls.
    int64_t wait_nanos = 0;
  };
  // Counts a call with `token_id` against its quota: the token's own, `own_calls_per_second`
  // with bursts of as many, when not 0; else the options'. Always allowed without either.
  Verdict Take(const std::string& token_id, uint32_t own_calls_per_second = 0);
  // Counts `calls` calls at once (a stream message's checks) at the sustained rate: the
  // verdict says how long to wait first, until the calls counted before have had their time.
  // On an idle token a message goes at once, using up to the burst; after that each message
  // waits its turn, so that a stream runs at the quota's rate and leaves the rest of the burst
  // to its token's calls. Refused, counting none, when `calls` is more than the burst (the
  // most one message may carry).
  Verdict Pace(const std::string& token_id, uint32_t own_calls_per_second, uint32_t calls);

  // What the quotas have done since start, for the metrics.
  struct Counts {
    uint64_t refused = 0;      // calls and messages refused
    uint64_t paced = 0;        // messages told to wait before going on
    int64_t paced_micros = 0;  // the waits told, together, in microseconds
  };
  Counts counts() const;

 private:
  struct Bucket {
    // When the token's calls so far would have been spread out at the sustained rate.
    std::atomic<int64_t> theoretical_arrival{0};
    std::atomic<uint64_t> refused_unlogged{0};
    std::atomic<int64_t> logged_at{INT64_MIN};
  };
  struct Limits {
    uint32_t rate = 0;  // 0: no quota
    uint32_t burst = 1;
    int64_t interval = 0;  // nanoseconds between calls at the sustained rate, rounded up
  };
  Limits LimitsOf(uint32_t own_calls_per_second) const;
  std::shared_ptr<Bucket> BucketOf(const std::string& token_id);
  // Under the exclusive lock, with the map full: forgets the idle tokens, else one at random.
  void MakeRoom();
  uint64_t RefusalsToLog(Bucket& bucket, int64_t now);

  CallQuotaOptions options_;
  std::function<int64_t()> now_nanos_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Bucket>> buckets_;
  uint64_t evictions_ = 0;  // under the exclusive lock; drives the random pick
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> paced_{0};
  std::atomic<int64_t> paced_micros_{0};
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_CALL_QUOTA_H_
