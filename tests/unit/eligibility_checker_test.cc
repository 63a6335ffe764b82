// The checker around the rules: its cache of disposal contexts and the checks it makes on a
// query before deciding. The repository is a stand-in holding "the database" in memory.
#include "domain/eligibility_checker.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "domain/identifiers.h"
#include "domain/registry_repository.h"

namespace disposal::domain {
namespace {

constexpr char kDisposalId[] = "0b8f2f4e-3c1a-4e7b-9d2f-5a6c7e8f9a01";

std::string NationalId(const std::string& yyyymmdd, int serial) {
  const std::string digits = std::to_string(serial);
  const std::string first17 = "110105" + yyyymmdd + std::string(3 - digits.size(), '0') + digits;
  return first17 + NationalIdCheckCharacter(first17);
}

// An empty registry and one disposal context; `during_load` runs inside the next context
// load, after the context was read, as a change committed meanwhile would.
class StandInRepository : public RegistryRepository {
 public:
  Result<std::shared_ptr<const RegistrySnapshot>> LoadSnapshot() override {
    ++snapshot_loads;
    return RegistryBuilder(version).Build();
  }
  Result<int64_t> CurrentVersion() override { return version; }
  Result<DisposalContext> LoadDisposalContext(const std::string&) override {
    ++context_loads;
    if (failure) return *failure;
    DisposalContext read = stored;
    if (during_load) std::exchange(during_load, nullptr)();
    return read;
  }
  Result<DisposalContext> LoadDisposalContextAsOf(const std::string& id, int64_t) override {
    return LoadDisposalContext(id);
  }
  Result<int64_t> ApplyChanges(const std::vector<RegistryChange>&, const RequestKey&,
                               const AuditContext&) override {
    return int64_t{1};
  }
  Status RecordDecisions(const std::vector<DecisionRecord>&) override { return OkStatus(); }
  Result<size_t> CountRecordedDecisions(const std::vector<std::string>& ids) override {
    return ids.size();
  }
  Result<RegistryIds> ExistingOf(const RegistryIds& wanted) override { return wanted; }
  Result<RegistryParty> LoadParty(const std::string&, bool) override {
    return Error::Unavailable("not read by these tests");
  }
  Result<int64_t> DisposalContextChangeCount() override {
    if (context_changes_unreadable) return Error::Unavailable("the database is away");
    return context_changes;
  }

  DisposalContext stored;
  std::optional<Error> failure;  // what every context load answers, when set
  std::function<void()> during_load;
  int context_loads = 0;
  int64_t context_changes = 0;  // the store's count of context changes
  bool context_changes_unreadable = false;
  int snapshot_loads = 0;
  int64_t version = 1;
};

class EligibilityCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repository_.stored.disposal_id = kDisposalId;
    ASSERT_TRUE(checker_.Refresh().ok());
  }

  Result<Decision> Check(const std::string& national_id, std::optional<Date> as_of = {}) {
    BidderQuery query;
    query.bidder = {PartyKind::kPerson, "投资者", national_id, false, false};
    if (as_of) query.as_of = *as_of;
    return checker_.Check(*checker_.Snapshot(), kDisposalId, query, as_of.has_value());
  }

  // The context loads of two checks with a notification of a context change between them, the
  // store's count of changes read before the first: `change` runs before the notification.
  int ContextLoadsAcrossANotification(const std::function<void(StandInRepository&)>& change) {
    checker_.InvalidateDisposalContextsIfChanged();
    const std::string bidder = NationalId("19800101", 7);
    EXPECT_TRUE(Check(bidder).ok());
    change(repository_);
    checker_.InvalidateDisposalContextsIfChanged();
    EXPECT_TRUE(Check(bidder).ok());
    return repository_.context_loads;
  }

  StandInRepository repository_;
  EligibilityChecker checker_{repository_,
                              {},
                              {[] { return int64_t{0}; },
                               [] {
                                 return Date{2026, 11, 28};
                               },
                               [] { return std::string("00000000-0000-4000-8000-000000000001"); }}};
};

// Callers catching up with their own registry changes, one after another: the first load
// reads the newest version, so the callers whose changes it includes load nothing more.
TEST_F(EligibilityCheckerTest, ARefreshForAVersionAlreadyLoadedLoadsNothing) {
  repository_.version = 5;
  const int before = repository_.snapshot_loads;
  ASSERT_TRUE(checker_.Refresh(4).ok());
  EXPECT_EQ(checker_.Snapshot()->version(), 5);
  ASSERT_TRUE(checker_.Refresh(5).ok());
  ASSERT_TRUE(checker_.Refresh(3).ok());
  EXPECT_EQ(repository_.snapshot_loads, before + 1);
  repository_.version = 6;
  ASSERT_TRUE(checker_.Refresh(6).ok());
  EXPECT_EQ(checker_.Snapshot()->version(), 6);
  ASSERT_TRUE(checker_.Refresh().ok());  // the background refresh always loads
  EXPECT_EQ(repository_.snapshot_loads, before + 3);
}

// A partner's check (published only) against a disposal never published is answered as one
// against an id that names nothing, in the same words; the staff's is decided.
TEST_F(EligibilityCheckerTest, APublishedOnlyCheckOfANeverPublishedDisposalIsNotFound) {
  repository_.stored.never_published = true;
  BidderQuery query;
  query.bidder = {PartyKind::kPerson, "投资者", NationalId("19800101", 7), false, false};
  const auto partner = checker_.Check(*checker_.Snapshot(), kDisposalId, query, false,
                                      /*fresh_context=*/false, /*published_only=*/true);
  ASSERT_FALSE(partner.ok());
  EXPECT_EQ(partner.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(partner.error().Message(), UnknownDisposal(kDisposalId).Message());
  EXPECT_TRUE(checker_.Check(*checker_.Snapshot(), kDisposalId, query, false).ok());
  repository_.stored.never_published = false;
  checker_.InvalidateDisposalContexts();
  EXPECT_TRUE(checker_.Check(*checker_.Snapshot(), kDisposalId, query, false, false, true).ok());
}

TEST_F(EligibilityCheckerTest, ADisposalContextIsLoadedOnceAndThenServedFromTheCache) {
  const std::string bidder = NationalId("19800101", 7);
  ASSERT_TRUE(Check(bidder).ok());
  ASSERT_TRUE(Check(bidder).ok());
  EXPECT_EQ(repository_.context_loads, 1);
}

// A notification anyone connected to the database can send: told of a change the store has not
// counted, the checker keeps its contexts.
TEST_F(EligibilityCheckerTest, ANotificationOfNoCountedChangeKeepsTheCachedContexts) {
  EXPECT_EQ(ContextLoadsAcrossANotification([](StandInRepository&) {}), 1);
}

TEST_F(EligibilityCheckerTest, ANotificationOfACountedChangeDropsTheCachedContexts) {
  EXPECT_EQ(ContextLoadsAcrossANotification(
                [](StandInRepository& repository) { ++repository.context_changes; }),
            2);
}

TEST_F(EligibilityCheckerTest, ANotificationWhenTheCountCannotBeReadDropsTheCachedContexts) {
  EXPECT_EQ(ContextLoadsAcrossANotification([](StandInRepository& repository) {
              repository.context_changes_unreadable = true;
            }),
            2);
}

// A mistyped disposal id checked at a partner's full rate reaches the database once.
TEST_F(EligibilityCheckerTest, ADisposalFoundMissingIsRememberedUntilTheContextsChange) {
  repository_.failure = Error::NotFound("disposal " + std::string(kDisposalId) + " not found");
  const std::string bidder = NationalId("19800101", 7);
  for (int i = 0; i < 3; ++i) {
    const Result<Decision> checked = Check(bidder);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(repository_.context_loads, 1);
  repository_.failure.reset();
  checker_.InvalidateDisposalContexts();  // the disposal was written somewhere
  EXPECT_TRUE(Check(bidder).ok());
  EXPECT_EQ(repository_.context_loads, 2);
}

// Only a disposal found missing is remembered: a database away is asked again next time.
TEST_F(EligibilityCheckerTest, ADisposalContextThatCouldNotBeReadIsNotRemembered) {
  repository_.failure = Error::Unavailable("the database is away");
  const std::string bidder = NationalId("19800101", 7);
  EXPECT_FALSE(Check(bidder).ok());
  repository_.failure.reset();
  EXPECT_TRUE(Check(bidder).ok());
  EXPECT_EQ(repository_.context_loads, 2);
}

// An award's check reads the disposal's parties as stored now, even when they are cached.
TEST_F(EligibilityCheckerTest, AFreshContextCheckReadsTheContextAgainPastTheCache) {
  const std::string bidder = NationalId("19800101", 7);
  ASSERT_TRUE(Check(bidder).ok());
  BidderQuery query;
  query.bidder = {PartyKind::kPerson, "投资者", bidder, false, false};
  ASSERT_TRUE(checker_.Check(*checker_.Snapshot(), kDisposalId, query, false, true).ok());
  EXPECT_EQ(repository_.context_loads, 2);
}

TEST_F(EligibilityCheckerTest, AFreshContextDecisionCarriesTheClaimVersionsItRead) {
  repository_.stored.claim_versions = {{"c1", 4}, {"c2", 9}};
  BidderQuery query;
  query.bidder = {PartyKind::kPerson, "投资者", NationalId("19800101", 7), false, false};
  const auto fresh = checker_.Check(*checker_.Snapshot(), kDisposalId, query, false, true);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh.value().claim_versions, repository_.stored.claim_versions);
  const auto cached = checker_.Check(*checker_.Snapshot(), kDisposalId, query, false, false);
  ASSERT_TRUE(cached.ok());
  EXPECT_TRUE(cached.value().claim_versions.empty());
}

TEST_F(EligibilityCheckerTest, CatchingUpWithARegistryAheadIsUnavailableUntilTheIndexLoadsIt) {
  repository_.version = 5;
  const int loads = repository_.snapshot_loads;
  const Status behind = checker_.CatchUpWithRegistry(std::chrono::milliseconds(10));
  ASSERT_FALSE(behind.ok());
  EXPECT_EQ(behind.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(behind.error().Message().find("still loading version 5"), std::string::npos)
      << behind.error().Message();
  EXPECT_EQ(repository_.snapshot_loads, loads);  // never rebuilt on the caller's path
  ASSERT_TRUE(checker_.Refresh().ok());
  EXPECT_TRUE(checker_.CatchUpWithRegistry(std::chrono::milliseconds(10)).ok());
}

TEST_F(EligibilityCheckerTest, CatchingUpWithTheRegistryIsImmediateWhenTheIndexIsCurrent) {
  EXPECT_TRUE(checker_.CatchUpWithRegistry(std::chrono::milliseconds(0)).ok());
}

TEST_F(EligibilityCheckerTest, AContextInvalidatedWhileItLoadedIsNotCached) {
  const std::string bidder = NationalId("19800101", 7);
  repository_.during_load = [&] {
    repository_.stored.guarantors.push_back({PartyKind::kPerson, "保证人", bidder, false, false});
    checker_.InvalidateDisposalContexts();
  };
  ASSERT_TRUE(Check(bidder).ok());
  // The guarantor was added, and the cache told so, before this check began.
  Result<Decision> after = Check(bidder);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after.value().result.outcome, EligibilityOutcome::kIneligible);
}

TEST_F(EligibilityCheckerTest, AsOfBeforeTheBiddersBirthIsInvalidArgumentNamingTheField) {
  Result<Decision> decision = Check(NationalId("20000101", 1), Date{1990, 1, 1});
  ASSERT_FALSE(decision.ok());
  EXPECT_EQ(decision.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(decision.error().Message().find("as_of"), std::string::npos)
      << decision.error().Message();
  EXPECT_NE(decision.error().Message().find("2000-01-01"), std::string::npos)
      << decision.error().Message();
}

TEST_F(EligibilityCheckerTest, AsOfOnTheBiddersBirthDayIsDecided) {
  Result<Decision> decision = Check(NationalId("20000101", 1), Date{2000, 1, 1});
  ASSERT_TRUE(decision.ok()) << decision.error().Message();
  EXPECT_EQ(decision.value().result.outcome, EligibilityOutcome::kIneligible);  // a minor
}

}  // namespace
}  // namespace disposal::domain
