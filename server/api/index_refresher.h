// Rebuilds the eligibility index on a thread of its own whenever asked (a registry change was
// notified), so that a rebuild, seconds long for a large registry, never holds up what is
// notified after it (a token's revocation), and retries a rebuild that failed, with back-off,
// until one succeeds: checks must not go on answering from an index that missed a change.
#ifndef DISPOSAL_SERVER_API_INDEX_REFRESHER_H_
#define DISPOSAL_SERVER_API_INDEX_REFRESHER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/eligibility_checker.h"

namespace disposal::api {

struct RefreshBackoff {
  std::chrono::milliseconds first{1000};
  std::chrono::milliseconds max{30'000};
};

class IndexRefresher {
 public:
  explicit IndexRefresher(domain::EligibilityChecker& checker, RefreshBackoff backoff = {});
  ~IndexRefresher();
  IndexRefresher(const IndexRefresher&) = delete;
  IndexRefresher& operator=(const IndexRefresher&) = delete;

  // Asks for a rebuild; requests made while one runs coalesce into one more after it.
  void Request();

  // Whether rebuilds have been failing for longer than `grace` (none has succeeded since): the
  // index may miss registry changes, and the server should not report itself serving.
  bool FailingLongerThan(std::chrono::milliseconds grace) const;

 private:
  void Run();
  // One rebuild, logged (index_loaded or index_refresh_failed); true when it succeeded.
  bool RefreshOnce();
  // Frees the snapshots replaced by rebuilds that nothing else holds any more.
  void ReleaseRetired();

  domain::EligibilityChecker& checker_;
  const RefreshBackoff backoff_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  // When the first rebuild failed since the last one succeeded (steady clock, in ms since its
  // epoch); 0 while the last rebuild succeeded.
  std::atomic<int64_t> failing_since_millis_{0};
  // Snapshots a rebuild replaced, kept until no check or stream holds them: freeing one (half
  // a gigabyte of small blocks for a large registry) takes long, and is done here, on this
  // thread, not on the thread of the check that happened to let it go last. This thread only.
  std::vector<std::shared_ptr<const domain::RegistrySnapshot>> retired_;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_INDEX_REFRESHER_H_
