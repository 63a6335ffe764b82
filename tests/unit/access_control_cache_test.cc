// The token cache and revocation: a lookup that read the token before a revocation must not put
// it back into the cache that the revocation emptied, or the revoked token works until expiry;
// made-up tokens are remembered apart, so that a flood of them never evicts a known one; and the
// bound on database lookups of uncached tokens, which calls with the same token share; and the
// partner tokens' call quota, which new calls are counted against.
#include <grpcpp/grpcpp.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api/access_control.h"

namespace disposal::api {
namespace {

// A token store that only looks tokens up (access control never writes).
class LookupOnlyTokens : public domain::TokenRepository {
 public:
  Result<domain::CreatedToken> Create(const domain::TokenRecord&, const std::string&,
                                      const domain::AuditContext&,
                                      const domain::RequestKey&) override {
    return Error::Internal("unused");
  }
  Result<std::vector<domain::TokenRecord>> List(
      int, const std::optional<domain::TokenCursor>&) override {
    return std::vector<domain::TokenRecord>();
  }
  Result<domain::TokenRecord> Revoke(const std::string&, const domain::AuditContext&) override {
    return Error::Internal("unused");
  }
  // The store's count of token changes; `change_count_unreadable` makes reading it fail.
  Result<int64_t> ChangeCount() override {
    if (change_count_unreadable) return Error::Unavailable("the database is away");
    return change_count.load();
  }
  std::atomic<int64_t> change_count{0};
  std::atomic<bool> change_count_unreadable{false};
};

class SlowTokens : public LookupOnlyTokens {
 public:
  Result<std::optional<domain::TokenRecord>> FindBySecretHash(const std::string&) override {
    std::unique_lock<std::mutex> lock(mutex_);
    domain::TokenRecord token = token_;  // read "from the database" first
    entered_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });  // then the reply is slow to arrive
    return std::optional<domain::TokenRecord>(token);
  }
  Result<domain::TokenRecord> Revoke(const std::string&, const domain::AuditContext&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    token_.revoke_micros = 1;
    return token_;
  }
  void WaitEntered() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return entered_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  bool entered_ = false;
  bool released_ = false;
  domain::TokenRecord token_ = [] {
    domain::TokenRecord t;
    t.id = "0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f";
    t.name = "wang.wei";
    return t;
  }();
};

TEST(TokenCache, ALookupThatRacedARevocationDoesNotCacheTheRevokedToken) {
  SlowTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, AccessOptions{});
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  spouse.AddClientMetadata("authorization",
                           "Bearer dsp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  const std::string method = "/disposal.v1.ClaimService/GetClaim";
  const auto allowed = domain::AllowedRoles(method);

  grpc::Status first;
  std::thread in_flight([&] {
    domain::Principal principal;
    first = access.Authorize(context, method, allowed, &principal);
  });
  tokens.WaitEntered();
  // The admin revokes it meanwhile: the row changes and every server forgets its cache.
  ASSERT_TRUE(tokens.Revoke("x", {}).ok());
  access.Forget();
  tokens.Release();
  in_flight.join();
  EXPECT_TRUE(first.ok());  // the call that was already being checked: fine

  domain::Principal principal;
  grpc::Status after = access.Authorize(context, method, allowed, &principal);
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAUTHENTICATED)
      << "a call made after the revocation and the Forget() was admitted as " << principal.name;
}

// Knows one token; counts the lookups that reached it.
class CountingTokens : public LookupOnlyTokens {
 public:
  Result<std::optional<domain::TokenRecord>> FindBySecretHash(const std::string& hash) override {
    ++lookups;
    if (hash != SecretHash(kKnown)) return std::optional<domain::TokenRecord>();
    domain::TokenRecord token;
    token.id = "0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f";
    token.name = "wang.wei";
    return std::optional<domain::TokenRecord>(token);
  }

  static constexpr char kKnown[] = "dsp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  int lookups = 0;
};

// Access control's answer to a call of `method` presenting `token`: Authorize, or with `admit`
// the check of a new call (Admit: the partner's call quota too).
grpc::Status CheckWith(AccessControl& access, const std::string& token, const std::string& method,
                       bool admit) {
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  spouse.AddClientMetadata("authorization", "Bearer " + token);
  const auto allowed = domain::AllowedRoles(method);
  domain::Principal principal;
  return admit ? access.Admit(context, method, allowed, &principal)
               : access.Authorize(context, method, allowed, &principal);
}

grpc::Status AuthorizeWith(AccessControl& access, const std::string& token) {
  return CheckWith(access, token, "/disposal.v1.ClaimService/GetClaim", false);
}

TEST(TokenCache, MadeUpTokensDoNotEvictAKnownOne) {
  CountingTokens tokens;
  AccessOptions options;
  options.cache_entries_max = 4;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  ASSERT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  for (int i = 0; i < 10; ++i) {
    const std::string made_up = "dsp_" + std::string(42, 'B') + static_cast<char>('a' + i);
    EXPECT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  const int before = tokens.lookups;
  EXPECT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  EXPECT_EQ(tokens.lookups, before) << "the known token was looked up again: evicted";
}

// The known token's lookups on its next use after a notification of a token change, once it
// was cached (and the store's count of changes read): `change` runs before the notification.
int LookupsAfterANotification(const std::function<void(CountingTokens&)>& change) {
  CountingTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, AccessOptions{});
  access.ForgetIfChanged();
  EXPECT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  const int before = tokens.lookups;
  change(tokens);
  access.ForgetIfChanged();
  EXPECT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  return tokens.lookups - before;
}

// A notification anyone connected to the database can send: told of a change the store has not
// counted, a server keeps its tokens.
TEST(TokenCache, ANotificationOfNoCountedChangeKeepsTheCachedTokens) {
  EXPECT_EQ(LookupsAfterANotification([](CountingTokens&) {}), 0);
}

TEST(TokenCache, ANotificationOfACountedChangeForgetsTheCachedTokens) {
  EXPECT_EQ(LookupsAfterANotification([](CountingTokens& tokens) { ++tokens.change_count; }), 1);
}

TEST(TokenCache, ANotificationWhenTheCountCannotBeReadForgetsTheCachedTokens) {
  EXPECT_EQ(LookupsAfterANotification(
                [](CountingTokens& tokens) { tokens.change_count_unreadable = true; }),
            1);
}

TEST(TokenCache, AnUnknownTokenIsRememberedAsUnknown) {
  CountingTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, AccessOptions{});
  const std::string made_up = "dsp_" + std::string(43, 'C');
  EXPECT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(tokens.lookups, 1);
}

// The i-th of up to 676 distinct made-up secrets.
std::string MadeUpSecret(int i) {
  return "dsp_" + std::string(41, 'D') + static_cast<char>('a' + i / 26) +
         static_cast<char>('a' + i % 26);
}

// Access control over CountingTokens, at most `unknown_max` unknown secrets per address.
struct CountedAccess {
  explicit CountedAccess(size_t unknown_max)
      : access(
            tokens, [] { return int64_t{1000}; },
            [unknown_max] {
              AccessOptions options;
              options.unknown_secrets_per_address_max = unknown_max;
              return options;
            }()) {}
  CountingTokens tokens;
  AccessControl access;
};

// (Every call here comes from the same, empty, peer address.)
TEST(UnknownSecretsPerAddress, PastTheBoundANewSecretIsRefusedWithoutALookup) {
  CountedAccess counted(3);
  CountingTokens& tokens = counted.tokens;
  AccessControl& access = counted.access;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(AuthorizeWith(access, MadeUpSecret(i)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  ASSERT_EQ(tokens.lookups, 3);
  const grpc::Status refused = AuthorizeWith(access, MadeUpSecret(3));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("unknown tokens recently"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(tokens.lookups, 3);
}

TEST(UnknownSecretsPerAddress, AKnownTokenFromTheSameAddressStillWorks) {
  CountedAccess counted(2);
  AccessControl& access = counted.access;
  ASSERT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  for (int i = 0; i < 2; ++i) AuthorizeWith(access, MadeUpSecret(i));
  ASSERT_EQ(AuthorizeWith(access, MadeUpSecret(2)).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
  // And once a revocation made it look the known token up again.
  access.Forget();
  EXPECT_TRUE(AuthorizeWith(access, CountingTokens::kKnown).ok());
}

// A client retrying one wrong token is misconfigured, not guessing: one secret, counted once.
TEST(UnknownSecretsPerAddress, OneWrongSecretRetriedCountsOnce) {
  CountingTokens tokens;
  AccessOptions options;
  options.unknown_secrets_per_address_max = 2;
  options.cache_ttl = std::chrono::seconds(0);  // every retry is looked up again
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(AuthorizeWith(access, MadeUpSecret(0)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(tokens.lookups, 5);
  EXPECT_EQ(AuthorizeWith(access, MadeUpSecret(1)).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST(UnknownSecretsPerAddress, ZeroLooksEveryUnknownSecretUp) {
  CountedAccess counted(0);
  CountingTokens& tokens = counted.tokens;
  AccessControl& access = counted.access;
  // More than the default bound of 30 would let through.
  for (int i = 0; i < 40; ++i) AuthorizeWith(access, MadeUpSecret(i));
  EXPECT_EQ(tokens.lookups, 40);
}

// Knows every token but the made-up ones. The first lookup of the gated token waits for Open();
// a token is read before that wait, as a database would have read it. Revoke() revokes every
// token from then on; a lookup of the throwing token throws (after the wait, if gated).
class GatedTokens : public LookupOnlyTokens {
 public:
  Result<std::optional<domain::TokenRecord>> FindBySecretHash(const std::string& hash) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++lookups_[hash];
    domain::TokenRecord token;
    token.id = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    token.name = "li.na";
    if (revoked_) token.revoke_micros = 1;
    if (hash == gated_ && lookups_[hash] == 1) {
      entered_ = true;
      changed_.notify_all();
      changed_.wait(lock, [this] { return open_; });
    }
    if (hash == throwing_) throw std::runtime_error("the connection broke");
    if (made_up_.count(hash) > 0) return std::optional<domain::TokenRecord>();
    return std::optional<domain::TokenRecord>(token);
  }
  void Gate(const std::string& secret) { Set(&gated_, secret); }
  void Throw(const std::string& secret) { Set(&throwing_, secret); }
  void MadeUp(const std::string& secret) {
    std::lock_guard<std::mutex> lock(mutex_);
    made_up_.insert(SecretHash(secret));
  }
  void Revoke() {
    std::lock_guard<std::mutex> lock(mutex_);
    revoked_ = true;
  }
  void WaitGatedEntered() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return entered_; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  int Lookups(const std::string& secret) {
    std::lock_guard<std::mutex> lock(mutex_);
    return lookups_[SecretHash(secret)];
  }

 private:
  void Set(std::string* hash, const std::string& secret) {
    std::lock_guard<std::mutex> lock(mutex_);
    *hash = SecretHash(secret);
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::string gated_;
  std::string throwing_;
  std::set<std::string> made_up_;
  bool entered_ = false;
  bool open_ = false;
  bool revoked_ = false;
  std::map<std::string, int> lookups_;
};

const std::string kSlowToken = "dsp_" + std::string(43, 'S');
const std::string kOtherToken = "dsp_" + std::string(43, 'O');
const std::string kThirdToken = "dsp_" + std::string(43, 'T');

// Waits (bounded) until `calls` calls wait on another call's lookup.
bool AwaitingBecomes(AccessControl& access, size_t calls) {
  for (int i = 0; i < 5000 && access.CallsAwaitingLookups() != calls; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return access.CallsAwaitingLookups() == calls;
}

// Waits for another call's lookup are long here (a minute), so that only a test of the wait's
// bound sees one end.
AccessOptions Lookups(size_t lookups_max) {
  AccessOptions options;
  options.lookups_max = lookups_max;
  options.lookup_wait = std::chrono::minutes(1);
  return options;
}

// A cache time of zero: every cached answer is past it at once, so each call looks up again.
AccessOptions LookupsWithoutCacheTime(size_t lookups_max) {
  AccessOptions options = Lookups(lookups_max);
  options.cache_ttl = std::chrono::seconds(0);
  return options;
}

TEST(TokenLookups, CallsWithOneUncachedTokenShareOneDatabaseLookup) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(1));
  constexpr int kCalls = 6;
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::thread> calls;
  calls.emplace_back([&] { statuses[0] = AuthorizeWith(access, kSlowToken); });
  tokens.WaitGatedEntered();
  for (int i = 1; i < kCalls; ++i) {
    calls.emplace_back([&, i] { statuses[i] = AuthorizeWith(access, kSlowToken); });
  }
  EXPECT_TRUE(AwaitingBecomes(access, kCalls - 1)) << "the other calls did not wait on it";
  tokens.Open();
  for (std::thread& call : calls) call.join();
  for (int i = 0; i < kCalls; ++i) EXPECT_TRUE(statuses[i].ok()) << "call " << i;
  EXPECT_EQ(tokens.Lookups(kSlowToken), 1);
}

TEST(TokenLookups, BeyondTheBoundAnUncachedTokenIsRefusedAsUnavailableWithoutALookup) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(1));
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  const grpc::Status busy = AuthorizeWith(access, kOtherToken);
  tokens.Open();
  slow.join();
  EXPECT_EQ(busy.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(busy.error_message().find("authorization"), std::string::npos) << busy.error_message();
  EXPECT_EQ(tokens.Lookups(kOtherToken), 0);
  EXPECT_TRUE(AuthorizeWith(access, kOtherToken).ok()) << "a slot is free again";
}

TEST(TokenLookups, UnseenTokensLeaveALookupToAKnownTokenPastItsCacheTime) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, LookupsWithoutCacheTime(2));
  ASSERT_TRUE(AuthorizeWith(access, kOtherToken).ok());
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();  // an unseen token holds the unseen tokens' one lookup
  const grpc::Status unseen = AuthorizeWith(access, kThirdToken);
  const grpc::Status known = AuthorizeWith(access, kOtherToken);
  tokens.Open();
  slow.join();
  EXPECT_EQ(unseen.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(known.ok()) << known.error_message();
  EXPECT_EQ(tokens.Lookups(kOtherToken), 2) << "the known token was not looked up again";
}

TEST(TokenLookups, ACallMadeAfterARevocationDoesNotShareALookupBegunBeforeIt) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(4));
  grpc::Status before;
  std::thread slow([&] { before = AuthorizeWith(access, kSlowToken); });
  tokens.WaitGatedEntered();  // it has read the token, still live
  tokens.Revoke();
  access.Forget();
  grpc::Status after;
  std::thread late([&] { after = AuthorizeWith(access, kSlowToken); });
  late.join();  // answered by a lookup of its own, while the first is still held
  tokens.Open();
  slow.join();
  EXPECT_TRUE(before.ok()) << "the call already being checked: fine";
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAUTHENTICATED)
      << "a call made after the revocation was admitted";
}

TEST(TokenLookups, ASecretFoundToBeNoTokensIsUnauthenticatedWhileLookupsAreBusy) {
  const std::string made_up = "dsp_" + std::string(43, 'M');
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  tokens.MadeUp(made_up);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, LookupsWithoutCacheTime(1));
  ASSERT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  const grpc::Status again = AuthorizeWith(access, made_up);
  tokens.Open();
  slow.join();
  EXPECT_EQ(again.error_code(), grpc::StatusCode::UNAUTHENTICATED) << again.error_message();
  EXPECT_EQ(tokens.Lookups(made_up), 1);
}

TEST(TokenLookups, BeyondTheWaitingBoundACallIsRefusedAsUnavailable) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessOptions options = Lookups(1);
  options.awaiting_max = 2;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  std::vector<std::thread> calls;
  calls.emplace_back([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  for (int i = 0; i < 2; ++i) {
    calls.emplace_back([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  }
  EXPECT_TRUE(AwaitingBecomes(access, 2));
  const grpc::Status third = AuthorizeWith(access, kSlowToken);
  tokens.Open();
  for (std::thread& call : calls) call.join();
  EXPECT_EQ(third.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(third.error_message().find("too many calls are waiting"), std::string::npos)
      << third.error_message();
}

TEST(TokenLookups, AWaitPastTheBoundEndsAsUnavailable) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessOptions options = Lookups(1);
  options.lookup_wait = std::chrono::milliseconds(20);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  // On a thread of its own: were the bound broken, it would wait for the lookup, held below.
  auto waiting = std::async(std::launch::async, [&] { return AuthorizeWith(access, kSlowToken); });
  const bool ended = waiting.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  tokens.Open();
  slow.join();
  const grpc::Status waited = waiting.get();
  EXPECT_TRUE(ended) << "the wait did not end before the lookup did";
  EXPECT_EQ(waited.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(waited.error_message().find("slow"), std::string::npos) << waited.error_message();
}

TEST(TokenLookups, ARevocationLeavesTheKnownTokensTheirLookup) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(2));
  ASSERT_TRUE(AuthorizeWith(access, kOtherToken).ok());
  access.Forget();  // another token revoked
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();  // an unseen token holds the unseen tokens' one lookup
  const grpc::Status known = AuthorizeWith(access, kOtherToken);
  tokens.Open();
  slow.join();
  EXPECT_TRUE(known.ok()) << known.error_message();
  EXPECT_EQ(tokens.Lookups(kOtherToken), 2) << "the revocation did not make it look up again";
}

// After a revocation every cached token is looked up again; a known token finding every slot
// taken waits for one (an open stream's caller checked again then keeps its stream).
TEST(TokenLookups, AKnownTokenWaitsForALookupSlotRatherThanBeingRefused) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(1));
  ASSERT_TRUE(AuthorizeWith(access, kOtherToken).ok());
  access.Forget();  // another token revoked
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();  // the one slot is taken
  grpc::Status known;
  std::thread waiting([&] { known = AuthorizeWith(access, kOtherToken); });
  EXPECT_TRUE(AwaitingBecomes(access, 1)) << "the known token did not wait for a slot";
  tokens.Open();
  slow.join();
  waiting.join();
  EXPECT_TRUE(known.ok()) << known.error_message();
  EXPECT_EQ(tokens.Lookups(kOtherToken), 2);
}

// Another token revoked while this one was being looked up: its answer is not cached, yet it is
// still known as a token, so its address's bound on unknown secrets does not refuse it.
TEST(UnknownSecretsPerAddress, ATokenLookedUpAcrossARevocationStaysKnown) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  const std::string made_up[] = {"dsp_" + std::string(43, 'X'), "dsp_" + std::string(43, 'Y')};
  for (const std::string& secret : made_up) tokens.MadeUp(secret);
  AccessOptions options = Lookups(4);
  options.unknown_secrets_per_address_max = 1;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  access.Forget();  // another token revoked meanwhile
  tokens.Open();
  slow.join();
  ASSERT_EQ(AuthorizeWith(access, made_up[0]).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_EQ(AuthorizeWith(access, made_up[1]).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  const grpc::Status again = AuthorizeWith(access, kSlowToken);
  EXPECT_TRUE(again.ok()) << again.error_message();
  EXPECT_EQ(tokens.Lookups(kSlowToken), 2) << "the uncached answer was used again";
}

// A wrong secret found to be no token's while a token was revoked (or made) stays known as
// made up: the client retrying it is answered UNAUTHENTICATED, not counted again.
TEST(UnknownSecretsPerAddress, ASecretFoundUnknownAcrossARevocationIsNotCountedAgain) {
  GatedTokens tokens;
  const std::string wrong = "dsp_" + std::string(43, 'W');
  tokens.Gate(wrong);
  tokens.MadeUp(wrong);
  AccessOptions options = Lookups(4);
  options.unknown_secrets_per_address_max = 1;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
  std::thread slow([&] {
    EXPECT_EQ(AuthorizeWith(access, wrong).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  });
  tokens.WaitGatedEntered();
  access.Forget();
  tokens.Open();
  slow.join();
  const grpc::Status retried = AuthorizeWith(access, wrong);
  EXPECT_EQ(retried.error_code(), grpc::StatusCode::UNAUTHENTICATED) << retried.error_message();
  EXPECT_EQ(tokens.Lookups(wrong), 1);
}

TEST(TokenLookups, CallsWaitingOnALookupThatThrowsAreToldItFailed) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  tokens.Throw(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(1));
  grpc::Status first;
  grpc::Status waiter;
  std::thread leader([&] { first = AuthorizeWith(access, kSlowToken); });
  tokens.WaitGatedEntered();
  std::thread follower([&] { waiter = AuthorizeWith(access, kSlowToken); });
  EXPECT_TRUE(AwaitingBecomes(access, 1));
  tokens.Open();
  leader.join();
  follower.join();
  EXPECT_EQ(first.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(waiter.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(waiter.error_message().find("lookup failed"), std::string::npos)
      << waiter.error_message();
}

TEST(TokenLookups, ALookupThatThrowsIsUnavailableAndFreesItsSlot) {
  GatedTokens tokens;
  tokens.Throw(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(1));
  EXPECT_EQ(AuthorizeWith(access, kSlowToken).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(AuthorizeWith(access, kOtherToken).ok()) << "the slot was not given back";
}

// The open streams' watcher asks again every few seconds while the token store is away: those
// answers are not final, and are not logged as refusals each time.
TEST(TokenLookups, AnUncheckableTokenIsLoggedAsRefusedUnlessTheCallerAsksAgainLater) {
  GatedTokens tokens;
  tokens.Throw(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, Lookups(2));
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  spouse.AddClientMetadata("authorization", "Bearer " + kSlowToken);
  const auto presented = AccessControl::Capture(context);
  const std::string method = "/disposal.v1.ClaimService/GetClaim";
  domain::Principal principal;
  ::testing::internal::CaptureStderr();
  const grpc::Status quiet = access.Authorize(*presented, method, domain::AllowedRoles(method),
                                              &principal, /*log_transient=*/false);
  const std::string quiet_log = ::testing::internal::GetCapturedStderr();
  ::testing::internal::CaptureStderr();
  const grpc::Status logged =
      access.Authorize(*presented, method, domain::AllowedRoles(method), &principal);
  const std::string logged_log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(quiet.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(quiet_log.find("access_refused"), std::string::npos) << quiet_log;
  EXPECT_EQ(logged.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(logged_log.find("access_refused"), std::string::npos) << logged_log;
}

// Knows a partner system's token and a staff member's.
class RoleTokens : public LookupOnlyTokens {
 public:
  Result<std::optional<domain::TokenRecord>> FindBySecretHash(const std::string& hash) override {
    domain::TokenRecord token;
    if (hash == SecretHash(kPartner)) {
      token.id = "5e0c7a1b-2d3f-4a5b-8c6d-7e8f9a0b1c2d";
      token.name = "auction-platform";
      token.role = domain::Role::kPartner;
    } else if (hash == SecretHash(kPartnerWithOwnQuota)) {
      token.id = "7a2e9c3d-4f5b-4c7d-8e8f-9a0b1c2d3e4f";
      token.name = "exchange-1";
      token.role = domain::Role::kPartner;
      token.calls_per_second = 1;
    } else if (hash == SecretHash(kStaff)) {
      token.id = "6f1d8b2c-3e4a-4b6c-9d7e-8f9a0b1c2d3e";
      token.name = "zhao.lei";
      token.role = domain::Role::kStaff;
    } else {
      return std::optional<domain::TokenRecord>();
    }
    return std::optional<domain::TokenRecord>(token);
  }
  static inline const std::string kPartner = "dsp_" + std::string(43, 'P');
  static inline const std::string kStaff = "dsp_" + std::string(43, 'F');
  static inline const std::string kPartnerWithOwnQuota = "dsp_" + std::string(43, 'E');
};

// A new call (Admit: authorization and the partner's call quota) with `token`.
grpc::Status AdmitWith(AccessControl& access, const std::string& token) {
  return CheckWith(access, token, "/disposal.v1.EligibilityService/Ping", true);
}

// A call quota of `calls` a second, on the real clock: a test's calls past the burst must come
// within a second of its first, which they do by far.
AccessOptions PartnerQuota(uint32_t calls = 3) {
  AccessOptions options;
  options.partner_calls = {calls, calls};
  return options;
}

TEST(PartnerCallQuota, PastItsQuotaAPartnersCallIsResourceExhaustedSayingWhenToRetry) {
  RoleTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, PartnerQuota(1));
  ASSERT_TRUE(AdmitWith(access, RoleTokens::kPartner).ok());
  const grpc::Status refused = AdmitWith(access, RoleTokens::kPartner);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("call quota of 1 per second"), std::string::npos)
      << refused.error_message();
  EXPECT_NE(refused.error_message().find("retry in"), std::string::npos) << refused.error_message();
}

TEST(PartnerCallQuota, APartnerTokensOwnQuotaTakesThePlaceOfTheServers) {
  RoleTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, PartnerQuota());
  ASSERT_TRUE(AdmitWith(access, RoleTokens::kPartnerWithOwnQuota).ok());
  const grpc::Status refused = AdmitWith(access, RoleTokens::kPartnerWithOwnQuota);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("call quota of 1 per second"), std::string::npos)
      << refused.error_message();
}

TEST(PartnerCallQuota, StaffHaveNoQuota) {
  RoleTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, PartnerQuota());
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(AdmitWith(access, RoleTokens::kStaff).ok()) << i;
}

// A stream's caller is checked again while it runs (Authorize); those checks are no calls.
TEST(PartnerCallQuota, ChecksOfAnOpenStreamsCallerUseNoneOfIt) {
  RoleTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, PartnerQuota());
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  spouse.AddClientMetadata("authorization", "Bearer " + RoleTokens::kPartner);
  const std::string method = "/disposal.v1.EligibilityService/Ping";
  for (int i = 0; i < 10; ++i) {
    domain::Principal principal;
    ASSERT_TRUE(access.Authorize(context, method, domain::AllowedRoles(method), &principal).ok());
  }
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(AdmitWith(access, RoleTokens::kPartner).ok()) << i;
}

}  // namespace
}  // namespace disposal::api
