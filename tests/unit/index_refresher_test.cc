// The index refresher: a rebuild asked for runs on its own thread, and one that fails is tried
// again with back-off until it succeeds (the registry stand-in fails a set number of times).
#include "api/index_refresher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "domain/registry_repository.h"

namespace disposal::api {
namespace {

using namespace std::chrono_literals;

class FlakyRegistry : public domain::RegistryRepository {
 public:
  explicit FlakyRegistry(int failures) : failures_left(failures) {}

  Result<std::shared_ptr<const domain::RegistrySnapshot>> LoadSnapshot() override {
    ++loads;
    if (failures_left > 0) {
      --failures_left;
      return Error::Unavailable("the registry could not be read (statement timeout)");
    }
    return domain::RegistryBuilder(version.load()).Build();
  }
  Result<int64_t> CurrentVersion() override { return version.load(); }
  Result<domain::DisposalContext> LoadDisposalContext(const std::string&) override {
    return domain::DisposalContext{};
  }
  Result<domain::DisposalContext> LoadDisposalContextAsOf(const std::string&, int64_t) override {
    return domain::DisposalContext{};
  }
  Result<int64_t> ApplyChanges(const std::vector<domain::RegistryChange>&,
                               const domain::RequestKey&, const domain::AuditContext&) override {
    return int64_t{1};
  }
  Status RecordDecisions(const std::vector<domain::DecisionRecord>&) override { return OkStatus(); }
  Result<size_t> CountRecordedDecisions(const std::vector<std::string>& ids) override {
    return ids.size();
  }
  Result<domain::RegistryIds> ExistingOf(const domain::RegistryIds& wanted) override {
    return wanted;
  }
  Result<domain::RegistryParty> LoadParty(const std::string&, bool) override {
    return Error::Unavailable("not read by these tests");
  }

  std::atomic<int> failures_left;
  std::atomic<int> loads{0};
  std::atomic<int64_t> version{7};
};

domain::EligibilityChecker::Clock FixedClock() {
  return {[] { return int64_t{0}; },
          [] {
            return domain::Date{2026, 11, 28};
          },
          [] { return std::string("00000000-0000-4000-8000-000000000001"); }};
}

// Polls (at most 5 s) until the checker holds a snapshot.
bool WaitForSnapshot(const domain::EligibilityChecker& checker) {
  for (int i = 0; i < 500 && !checker.Snapshot(); ++i) std::this_thread::sleep_for(10ms);
  return checker.Snapshot() != nullptr;
}

// Polls (at most 5 s) until the checker's snapshot is at `version`.
void WaitForVersion(const domain::EligibilityChecker& checker, int64_t version) {
  for (int i = 0; i < 500 && checker.Snapshot()->version() != version; ++i) {
    std::this_thread::sleep_for(10ms);
  }
}

// A checker over `registry` with its refresher, and the index loaded once.
struct LoadedIndex {
  explicit LoadedIndex(FlakyRegistry& registry)
      : checker(registry, {}, FixedClock()), refresher(checker, {10ms, 40ms}) {
    refresher.Request();
    loaded = WaitForSnapshot(checker);
  }
  domain::EligibilityChecker checker;
  IndexRefresher refresher;
  bool loaded = false;
};

TEST(IndexRefresher, ARequestedRebuildLoadsTheIndex) {
  FlakyRegistry registry(0);
  domain::EligibilityChecker checker(registry, {}, FixedClock());
  IndexRefresher refresher(checker, {10ms, 40ms});
  refresher.Request();
  ASSERT_TRUE(WaitForSnapshot(checker));
  EXPECT_EQ(checker.Snapshot()->version(), 7);
}

TEST(IndexRefresher, AFailedRebuildIsRetriedUntilItSucceeds) {
  FlakyRegistry registry(3);
  domain::EligibilityChecker checker(registry, {}, FixedClock());
  IndexRefresher refresher(checker, {10ms, 40ms});
  refresher.Request();  // the only notification: nothing else will ask again
  ASSERT_TRUE(WaitForSnapshot(checker));
  EXPECT_EQ(registry.loads, 4);
}

// A rebuild failing says the index may be behind until one succeeds: the server's health then
// stops reporting it serving after a grace.
TEST(IndexRefresher, FailingRebuildsAreReportedUntilOneSucceeds) {
  FlakyRegistry registry(1'000'000);
  domain::EligibilityChecker checker(registry, {}, FixedClock());
  IndexRefresher refresher(checker, {10ms, 40ms});
  EXPECT_FALSE(refresher.FailingLongerThan(0ms));
  refresher.Request();
  for (int i = 0; i < 500 && registry.loads < 2; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_GE(registry.loads, 2);
  std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(refresher.FailingLongerThan(1ms));
  EXPECT_FALSE(refresher.FailingLongerThan(std::chrono::hours(1)));
  registry.failures_left = 0;
  ASSERT_TRUE(WaitForSnapshot(checker));
  for (int i = 0; i < 500 && refresher.FailingLongerThan(0ms); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_FALSE(refresher.FailingLongerThan(0ms));
}

// A check holding the replaced snapshot when a rebuild swaps in the next one does not free it
// as it lets it go (half a gigabyte, on a partner's call): the refresher does, soon after.
TEST(IndexRefresher, AReplacedSnapshotIsFreedByTheRefresherNotByTheLastCheckHoldingIt) {
  FlakyRegistry registry(0);
  domain::EligibilityChecker checker(registry, {}, FixedClock());
  IndexRefresher refresher(checker, {10ms, 40ms});
  refresher.Request();
  ASSERT_TRUE(WaitForSnapshot(checker));
  std::shared_ptr<const domain::RegistrySnapshot> held = checker.Snapshot();  // a check's
  std::weak_ptr<const domain::RegistrySnapshot> watched = held;
  registry.version = 8;
  refresher.Request();
  WaitForVersion(checker, 8);
  ASSERT_EQ(checker.Snapshot()->version(), 8);
  held.reset();  // the check ends
  EXPECT_FALSE(watched.expired());
  for (int i = 0; i < 500 && !watched.expired(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(watched.expired());
}

// Notifications carry no version and any database login may send one: those that find the
// index at the registry's committed version cost one read, not a rebuild.
TEST(IndexRefresher, ARequestWhileTheIndexHoldsTheCommittedVersionLoadsNothing) {
  FlakyRegistry registry(0);
  LoadedIndex index(registry);
  ASSERT_TRUE(index.loaded);
  for (int i = 0; i < 20; ++i) index.refresher.Request();
  registry.version = 8;  // the one change that does need a rebuild, asked for after them
  index.refresher.Request();
  WaitForVersion(index.checker, 8);
  ASSERT_EQ(index.checker.Snapshot()->version(), 8);
  EXPECT_EQ(registry.loads, 2);
}

// A committed version below the index's (a standby promoted behind it, a restore): the rows the
// index holds may be gone, and it is rebuilt.
TEST(IndexRefresher, ARequestAfterTheCommittedVersionWentBackRebuilds) {
  FlakyRegistry registry(0);
  LoadedIndex index(registry);
  ASSERT_TRUE(index.loaded);
  registry.version = 3;
  index.refresher.Request();
  WaitForVersion(index.checker, 3);
  EXPECT_EQ(index.checker.Snapshot()->version(), 3);
}

TEST(IndexRefresher, NothingIsLoadedUntilARebuildIsRequested) {
  FlakyRegistry registry(0);
  domain::EligibilityChecker checker(registry, {}, FixedClock());
  IndexRefresher refresher(checker, {10ms, 40ms});
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(registry.loads, 0);
  EXPECT_EQ(checker.Snapshot(), nullptr);
}

}  // namespace
}  // namespace disposal::api
