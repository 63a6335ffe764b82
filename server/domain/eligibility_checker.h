// Answers eligibility checks from the current registry snapshot, which is swapped atomically
// when the registry changes, so a rebuild never blocks a check.
#ifndef DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_CHECKER_H_
#define DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_CHECKER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "domain/registry_repository.h"

namespace disposal::domain {

struct Decision {
  std::string decision_id;
  EligibilityResult result;
  int64_t registry_version = 0;
  Date as_of{};
  int64_t decide_micros = 0;
  // A fresh-context check's DisposalContext::claim_versions; empty otherwise.
  std::map<std::string, int64_t> claim_versions;
  // A fresh-context check's DisposalContext::obligors; empty otherwise.
  std::map<std::string, std::vector<std::string>> obligors;
};

class EligibilityChecker {
 public:
  struct Clock {
    std::function<int64_t()> now_micros;
    std::function<Date()> today;          // Asia/Shanghai
    std::function<std::string()> new_id;  // a fresh UUID
  };

  EligibilityChecker(RegistryRepository& repository, EligibilitySettings settings, Clock clock)
      : repository_(repository),
        settings_(std::move(settings)),
        described_settings_(settings_.Describe()),
        clock_(std::move(clock)) {}

  // Loads the registry and swaps the new snapshot in. Checks in flight keep the one they hold.
  // With `at_least`, loads nothing when the snapshot is at that version or later by the time
  // this refresh's turn comes (refreshes run one at a time): callers catching up with their
  // own changes share the load that came first, rather than each rebuilding in turn.
  Status Refresh(int64_t at_least = 0);
  // Refresh, unless the snapshot holds the registry's committed version exactly (one cheap
  // read): a change notification carries no version, and any login that may connect to the
  // database may send one, so each must not cost a rebuild.
  Status RefreshIfBehind();
  // Refresh, unless another refresh is under way: nullopt then, and nothing loaded. A caller
  // that must not queue behind a rebuild (a request's thread) waits for that one's version
  // instead (WaitForVersion), bounded.
  std::optional<Status> TryRefresh(int64_t at_least);
  // Forgets cached disposal contexts (their disposals or claims changed).
  void InvalidateDisposalContexts();
  // InvalidateDisposalContexts, when the store's count of such changes moved since the last
  // time this was asked (or cannot be read): a notification any login connected to the
  // database may send costs one read, not every check reading its disposal again.
  void InvalidateDisposalContextsIfChanged();
  // Waits (bounded) until the snapshot is at least `version`; false on timeout.
  bool WaitForVersion(int64_t version, std::chrono::milliseconds timeout);
  // Waits (bounded) until the snapshot holds every registry change committed before the call,
  // for a decision that must not miss one (an award's). The rebuild is the change listener's:
  // never on a request's path. UNAVAILABLE on timeout or when the registry cannot be read.
  Status CatchUpWithRegistry(std::chrono::milliseconds timeout);

  // The current snapshot; nullptr until the first Refresh succeeded.
  std::shared_ptr<const RegistrySnapshot> Snapshot() const;

  // Decides against `snapshot`. REQUIRES: query.bidder's identifier is well formed. `as_of`
  // empty means today. INVALID_ARGUMENT for a national ID whose birth date is after today
  // (field bidder.person.national_id); NOT_FOUND for an unknown disposal. With
  // `fresh_context` the disposal's parties are read from the database rather than this
  // server's cache, which another server's claim change reaches only through a notification.
  // With `published_only` (a partner's check) a disposal whose notice was never published is
  // NOT_FOUND, word for word as an unknown one, and decided on no further.
  Result<Decision> Check(const RegistrySnapshot& snapshot, const std::string& disposal_id,
                         BidderQuery query, bool as_of_given, bool fresh_context = false,
                         bool published_only = false);

  const EligibilitySettings& settings() const { return settings_; }
  // The business date checks default to (Asia/Shanghai).
  Date Today() const { return clock_.today(); }
  // settings().Describe(), computed once: every decision carries it.
  const std::vector<std::string>& described_settings() const { return described_settings_; }

 private:
  Result<std::shared_ptr<const DisposalContext>> ContextFor(const std::string& disposal_id);

  RegistryRepository& repository_;
  EligibilitySettings settings_;
  std::vector<std::string> described_settings_;
  Clock clock_;
  mutable std::mutex snapshot_mutex_;
  std::condition_variable snapshot_changed_;
  std::shared_ptr<const RegistrySnapshot> snapshot_;
  std::mutex refresh_mutex_;  // one rebuild at a time
  // The body of Refresh, with refresh_mutex_ held.
  Status RefreshHoldingTurn(int64_t at_least);
  std::shared_mutex contexts_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const DisposalContext>> contexts_;
  // Disposal ids found to exist nowhere, with their NOT_FOUND: a partner checking against a
  // mistyped id at its full rate would otherwise send every check to the database. Dropped
  // with the contexts (a disposal's row written anywhere notifies).
  std::unordered_map<std::string, Error> missing_;
  // Counts invalidations: a context loaded while one arrived may predate the change, so it is
  // used for the check that loaded it but not cached.
  uint64_t contexts_generation_ = 0;
  // The store's count of context changes when InvalidateDisposalContextsIfChanged last read
  // it; -1 before it has.
  std::atomic<int64_t> context_changes_seen_{-1};
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_ELIGIBILITY_CHECKER_H_
