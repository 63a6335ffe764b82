#include "api/index_refresher.h"

#include <algorithm>
#include <string>

#include "log/log.h"

namespace disposal::api {

namespace {

// How often snapshots replaced by a rebuild are looked at, to free those nothing holds.
constexpr std::chrono::milliseconds kRetiredCheck{500};

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

IndexRefresher::IndexRefresher(domain::EligibilityChecker& checker, RefreshBackoff backoff)
    : checker_(checker), backoff_(backoff), thread_([this] { Run(); }) {}

IndexRefresher::~IndexRefresher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void IndexRefresher::Request() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requested_ = true;
  }
  wake_.notify_all();
}

void IndexRefresher::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  std::chrono::milliseconds retry = backoff_.first;
  while (true) {
    // Woken to rebuild, or now and then while replaced snapshots wait to be freed.
    const auto woken = [this] { return requested_ || stopping_; };
    if (retired_.empty()) {
      wake_.wait(lock, woken);
    } else if (!wake_.wait_for(lock, kRetiredCheck, woken)) {
      lock.unlock();
      ReleaseRetired();
      lock.lock();
      continue;
    }
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    const bool refreshed = RefreshOnce();
    lock.lock();
    if (refreshed) {
      retry = backoff_.first;
      continue;
    }
    // Wait before trying again (a new request does not cut the wait short: the database is
    // what failed), then try whether or not another change was notified meanwhile.
    if (wake_.wait_for(lock, retry, [this] { return stopping_; })) return;
    requested_ = true;
    retry = std::min(retry * 2, backoff_.max);
  }
}

bool IndexRefresher::FailingLongerThan(std::chrono::milliseconds grace) const {
  const int64_t since = failing_since_millis_.load();
  return since != 0 && SteadyMillis() - since > grace.count();
}

void IndexRefresher::ReleaseRetired() {
  // Held here only: nothing can take it again (it is no longer the checker's), so it is freed
  // now, on this thread.
  retired_.erase(std::remove_if(retired_.begin(), retired_.end(),
                                [](const auto& snapshot) { return snapshot.use_count() == 1; }),
                 retired_.end());
}

bool IndexRefresher::RefreshOnce() {
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<const domain::RegistrySnapshot> replaced = checker_.Snapshot();
  if (auto status = checker_.RefreshIfBehind(); !status.ok()) {
    log::Warning("index_refresh_failed", {{"reason", status.error().Message()}});
    int64_t none = 0;
    failing_since_millis_.compare_exchange_strong(none, std::max<int64_t>(SteadyMillis(), 1));
    return false;
  }
  failing_since_millis_.store(0);
  if (replaced && replaced == checker_.Snapshot()) return true;  // it held the version already
  if (replaced) retired_.push_back(std::move(replaced));
  ReleaseRetired();
  const auto snapshot = checker_.Snapshot();
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  log::Info("index_loaded", {{"registry_version", std::to_string(snapshot->version())},
                             {"persons", std::to_string(snapshot->person_count())},
                             {"millis", std::to_string(millis)}});
  if (snapshot->skipped_rows() > 0) {
    // Rows no check can find: written past the service with an identifier not in canonical
    // form (e.g. a lowercase x). They must be corrected in the database.
    log::Warning("index_rows_skipped", {{"registry_version", std::to_string(snapshot->version())},
                                        {"rows", std::to_string(snapshot->skipped_rows())}});
  }
  return true;
}

}  // namespace disposal::api
