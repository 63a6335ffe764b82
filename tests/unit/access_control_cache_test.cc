// The token cache and revocation: a lookup that read the token before a revocation must not put
// it back into the cache that the revocation emptied, or the revoked token works until expiry;
// made-up tokens are remembered apart, so that a flood of them never evicts a known one; and the
// bound on database lookups of uncached tokens, which calls with the same token share.
#include <grpcpp/grpcpp.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
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

grpc::Status AuthorizeWith(AccessControl& access, const std::string& token) {
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  spouse.AddClientMetadata("authorization", "Bearer " + token);
  const std::string method = "/disposal.v1.ClaimService/GetClaim";
  domain::Principal principal;
  return access.Authorize(context, method, domain::AllowedRoles(method), &principal);
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

TEST(TokenCache, AnUnknownTokenIsRememberedAsUnknown) {
  CountingTokens tokens;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, AccessOptions{});
  const std::string made_up = "dsp_" + std::string(43, 'C');
  EXPECT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AuthorizeWith(access, made_up).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(tokens.lookups, 1);
}

// Knows every token but those named unknown; holds a lookup of `gated` until Open().
class GatedTokens : public LookupOnlyTokens {
 public:
  Result<std::optional<domain::TokenRecord>> FindBySecretHash(const std::string& hash) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++lookups_[hash];
    if (hash == gated_) {
      ++gated_entered_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return open_; });
    }
    domain::TokenRecord token;
    token.id = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    token.name = "li.na";
    return std::optional<domain::TokenRecord>(token);
  }
  void Gate(const std::string& secret) {
    std::lock_guard<std::mutex> lock(mutex_);
    gated_ = SecretHash(secret);
  }
  void WaitGatedEntered() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return gated_entered_ > 0; });
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
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string gated_;
  int gated_entered_ = 0;
  bool open_ = false;
  std::map<std::string, int> lookups_;
};

const std::string kSlowToken = "dsp_" + std::string(43, 'S');
const std::string kOtherToken = "dsp_" + std::string(43, 'O');

// Waits (bounded) until `calls` calls wait on another call's lookup.
bool AwaitingBecomes(AccessControl& access, size_t calls) {
  for (int i = 0; i < 5000 && access.CallsAwaitingLookups() != calls; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return access.CallsAwaitingLookups() == calls;
}

TEST(TokenLookups, CallsWithOneUncachedTokenShareOneDatabaseLookup) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessOptions options;
  options.lookups_max = 1;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
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
  AccessOptions options;
  options.lookups_max = 1;
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, options);
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

// A cache time of zero: every cached token is past it at once.
AccessOptions OneSlotNoCacheTime() {
  AccessOptions options;
  options.lookups_max = 1;
  options.cache_ttl = std::chrono::seconds(0);
  return options;
}

TEST(TokenLookups, AKnownTokenPastItsCacheTimeIsAcceptedWhileEveryLookupIsTaken) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, OneSlotNoCacheTime());
  ASSERT_TRUE(AuthorizeWith(access, kOtherToken).ok());
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  const grpc::Status stale = AuthorizeWith(access, kOtherToken);
  tokens.Open();
  slow.join();
  EXPECT_TRUE(stale.ok()) << stale.error_message();
  EXPECT_EQ(tokens.Lookups(kOtherToken), 1) << "it was looked up again";
}

TEST(TokenLookups, AfterARevocationNoTokenIsAcceptedFromTheCacheWhileEveryLookupIsTaken) {
  GatedTokens tokens;
  tokens.Gate(kSlowToken);
  AccessControl access(
      tokens, [] { return int64_t{1000}; }, OneSlotNoCacheTime());
  ASSERT_TRUE(AuthorizeWith(access, kOtherToken).ok());
  access.Forget();  // a revocation somewhere
  std::thread slow([&] { EXPECT_TRUE(AuthorizeWith(access, kSlowToken).ok()); });
  tokens.WaitGatedEntered();
  const grpc::Status after = AuthorizeWith(access, kOtherToken);
  tokens.Open();
  slow.join();
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace disposal::api
