// disposal-server's settings: flags, their environment variables, and the values refused.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "config.h"

namespace disposal::server {
namespace {

// Sets an environment variable for one test and takes it away after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

// ParseConfig over `args` (after the program's name and a database URL); its status.
int Parse(std::vector<std::string> args, ServerConfig& config) {
  args.insert(args.begin(), {"disposal-server", "--database-url", "postgresql://db/disposal"});
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return ParseConfig(static_cast<int>(argv.size()), argv.data(), config);
}

TEST(ServerConfig, UnknownTokensPerMinuteIsReadFromTheEnvironment) {
  ScopedEnv env("DISPOSAL_UNKNOWN_TOKENS_PER_MINUTE", "0");
  ServerConfig config;
  ASSERT_EQ(config.unknown_tokens_per_minute, 30);
  ASSERT_EQ(Parse({}, config), 0);
  EXPECT_EQ(config.unknown_tokens_per_minute, 0);
}

TEST(ServerConfig, AFlagWinsOverTheEnvironment) {
  ScopedEnv env("DISPOSAL_UNKNOWN_TOKENS_PER_MINUTE", "0");
  ServerConfig config;
  ASSERT_EQ(Parse({"--unknown-tokens-per-minute", "7"}, config), 0);
  EXPECT_EQ(config.unknown_tokens_per_minute, 7);
}

TEST(ServerConfig, AnEnvironmentValueOutOfItsRangeIsRefused) {
  ScopedEnv env("DISPOSAL_POOL_SIZE", "0");
  ServerConfig config;
  EXPECT_EQ(Parse({}, config), 2);
}

TEST(ServerConfig, AFlagOutOfItsRangeIsRefused) {
  ServerConfig config;
  EXPECT_EQ(Parse({"--unknown-tokens-per-minute", "-1"}, config), 2);
  EXPECT_EQ(Parse({"--drain-seconds", "301"}, config), 2);
}

TEST(ServerConfig, TheStatementBoundIsOneSecondToTenMinutes) {
  ServerConfig config;
  EXPECT_EQ(config.statement_timeout_seconds, 10);
  EXPECT_EQ(Parse({"--statement-timeout-seconds", "0"}, config), 2);
  EXPECT_EQ(Parse({"--statement-timeout-seconds", "601"}, config), 2);
  ASSERT_EQ(Parse({"--statement-timeout-seconds", "600"}, config), 0);
  EXPECT_EQ(config.statement_timeout_seconds, 600);
}

TEST(ServerConfig, ANumberWithALeadingZeroIsReadAsDecimalNotOctal) {
  ScopedEnv env("DISPOSAL_POOL_SIZE", "010");
  ServerConfig config;
  ASSERT_EQ(Parse({"--token-cache-seconds", "010"}, config), 0);
  EXPECT_EQ(config.pool_size, 10);
  EXPECT_EQ(config.token_cache_seconds, 10);
}

TEST(ServerConfig, HexAndFractionsAreRefused) {
  ServerConfig config;
  EXPECT_EQ(Parse({"--pool-size", "0x10"}, config), 2);
  EXPECT_EQ(Parse({"--pool-size", "8.5"}, config), 2);
  EXPECT_EQ(Parse({"--pool-size", ""}, config), 2);
}

TEST(ServerConfig, TheDatabaseUrlMayComeFromTheEnvironmentAlone) {
  ScopedEnv env("DISPOSAL_DATABASE_URL", "postgresql://env-db/disposal");
  ServerConfig config;
  std::string program = "disposal-server";
  char* argv[] = {program.data()};
  ASSERT_EQ(ParseConfig(1, argv, config), 0);
  EXPECT_EQ(config.database_url, "postgresql://env-db/disposal");
}

TEST(ServerConfig, WithoutADatabaseUrlStartUpIsRefused) {
  unsetenv("DISPOSAL_DATABASE_URL");
  ServerConfig config;
  std::string program = "disposal-server";
  char* argv[] = {program.data()};
  EXPECT_EQ(ParseConfig(1, argv, config), 2);
}

TEST(ServerConfig, PlaintextOnAnAddressOtherHostsReachIsRefused) {
  ServerConfig config;
  EXPECT_EQ(Parse({"--listen", "0.0.0.0:50051"}, config), 2);
}

TEST(ServerConfig, PlaintextOnAnOpenAddressIsServedWhenAllowed) {
  ServerConfig flagged;
  EXPECT_EQ(Parse({"--listen", "0.0.0.0:50051", "--allow-plaintext"}, flagged), 0);
  ScopedEnv env("DISPOSAL_ALLOW_PLAINTEXT", "true");
  ServerConfig from_env;
  EXPECT_EQ(Parse({"--listen", "10.0.0.5:50051"}, from_env), 0);
  EXPECT_TRUE(from_env.allow_plaintext);
}

TEST(ServerConfig, ReflectionIsOffUnlessAskedFor) {
  ServerConfig by_default;
  ASSERT_EQ(Parse({}, by_default), 0);
  EXPECT_FALSE(by_default.reflection);
  ServerConfig flagged;
  ASSERT_EQ(Parse({"--reflection"}, flagged), 0);
  EXPECT_TRUE(flagged.reflection);
  ScopedEnv env("DISPOSAL_REFLECTION", "true");
  ServerConfig from_env;
  ASSERT_EQ(Parse({}, from_env), 0);
  EXPECT_TRUE(from_env.reflection);
}

TEST(ServerConfig, PlaintextOnLoopbackNeedsNoPermission) {
  for (const char* address :
       {"127.0.0.1:50051", "localhost:50051", "[::1]:50051", "unix:/run/disposal.sock"}) {
    ServerConfig config;
    EXPECT_EQ(Parse({"--listen", address}, config), 0) << address;
  }
}

// A name that merely starts like a loopback address may resolve to any interface.
TEST(ServerConfig, PlaintextOnAHostNameStartingWith127IsRefused) {
  for (const char* address : {"127.corp.example:50051", "127.0.0.1.example:50051"}) {
    ServerConfig config;
    EXPECT_EQ(Parse({"--listen", address}, config), 2) << address;
  }
  ServerConfig config;
  EXPECT_EQ(Parse({"--listen", "127.0.0.2:50051"}, config), 0);
}

TEST(ServerConfig, AnOpenAddressWithACertificateNeedsNoPermission) {
  ServerConfig config;
  EXPECT_EQ(Parse({"--listen", "0.0.0.0:50051", "--tls-cert", "/etc/disposal/server.pem",
                   "--tls-key", "/etc/disposal/server.key"},
                  config),
            0);
}

TEST(ServerConfig, CreateTokenReadsNeverExpires) {
  ServerConfig config;
  ASSERT_EQ(Parse({"create-token", "--name", "first-admin", "--role", "admin", "--never-expires"},
                  config),
            0);
  EXPECT_TRUE(config.create_token);
  EXPECT_TRUE(config.token_never_expires);
}

TEST(ServerConfig, CreateTokenRefusesNeverExpiresWithALifetime) {
  ServerConfig config;
  EXPECT_NE(Parse({"create-token", "--name", "first-admin", "--role", "admin", "--never-expires",
                   "--valid-days", "30"},
                  config),
            0);
}

}  // namespace
}  // namespace disposal::server
