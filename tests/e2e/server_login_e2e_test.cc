// The server's two logins, with the real binary: `disposal-server migrate` applies the
// migrations as the owner and exits; a server logged in as a role that is only a member of
// disposal_app serves without a warning, and one logged in as a superuser warns at start-up
// that a RESET ROLE would give its connections rights over history.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <string>

#include "support/process.h"
#include "support/server_fixture.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

constexpr char kServing[] = "\"event\":\"serving\"";
constexpr char kWarning[] = "\"event\":\"database_login_rights\"";

std::string WithLogin(const std::string& url, const std::string& login) {
  std::string changed = url;
  changed.replace(changed.find("postgres@"), std::string("postgres@").size(), login + "@");
  return changed;
}

// Starts the server on `url`, waits until it serves, stops it; returns its log.
std::string LogOfAServerOn(const std::string& url, const std::string& name) {
  const int port = FreeTcpPort();
  const std::string log = "/tmp/disposal-e2e-login-" + name + "-" + std::to_string(port) + ".log";
  std::remove(log.c_str());
  ChildProcess server(
      {kServerBinary, "--listen", "127.0.0.1:" + std::to_string(port), "--database-url", url}, log);
  EXPECT_TRUE(WaitForFileText(log, kServing, 60)) << ReadFile(log);
  EXPECT_EQ(server.Stop(SIGTERM, 30), 0) << ReadFile(log);
  return ReadFile(log);
}

// Makes the login `name` + pid with `attributes` (e.g. "LOGIN IN ROLE disposal_app"), starts a
// server logged in as it, waits until it serves, stops it, drops the login; returns the log.
std::string LogOfAServerAs(TestDatabase& db, const std::string& name,
                           const std::string& attributes) {
  const std::string login = name + "_" + std::to_string(::getpid());
  db.Query("DROP ROLE IF EXISTS " + login + "; CREATE ROLE " + login + " " + attributes);
  const std::string log = LogOfAServerOn(WithLogin(db.url(), login), name);
  db.Query("DROP ROLE " + login);
  return log;
}

TEST(ServerLoginEndToEnd, MigrateAppliesEveryMigrationAndExits) {
  TestDatabase fresh(/*migrate=*/false);
  TestDatabase migrated;
  const CommandResult ran = RunCommand({kServerBinary, "--database-url", fresh.url(), "migrate"});
  EXPECT_EQ(ran.exit_code, 0) << ran.err << ran.out;
  EXPECT_NE((ran.out + ran.err).find("migrations_applied"), std::string::npos) << ran.err;
  EXPECT_EQ(fresh.Query("SELECT count(*) FROM schema_migrations"),
            migrated.Query("SELECT count(*) FROM schema_migrations"));
  // Run again, it finds nothing to do.
  EXPECT_EQ(RunCommand({kServerBinary, "--database-url", fresh.url(), "migrate"}).exit_code, 0);
}

// The container image sets a listen address other hosts reach (DISPOSAL_LISTEN=0.0.0.0:50051);
// migrate never listens, so it needs neither TLS nor --allow-plaintext.
TEST(ServerLoginEndToEnd, MigrateRunsWhereTheServerWouldListenForOtherHosts) {
  TestDatabase fresh(/*migrate=*/false);
  const CommandResult ran = RunCommand(
      {kServerBinary, "--listen", "0.0.0.0:50051", "--database-url", fresh.url(), "migrate"});
  EXPECT_EQ(ran.exit_code, 0) << ran.err << ran.out;
  EXPECT_NE(fresh.Query("SELECT count(*) FROM schema_migrations"), "0");
}

TEST(ServerLoginEndToEnd, AServerLoggedInAsOnlyAMemberOfTheServersRoleServesWithoutAWarning) {
  TestDatabase db;
  const std::string log = LogOfAServerAs(db, "server_login", "LOGIN IN ROLE disposal_app");
  EXPECT_NE(log.find(kServing), std::string::npos) << log;
  EXPECT_EQ(log.find(kWarning), std::string::npos) << log;
}

TEST(ServerLoginEndToEnd, AServerLoggedInAsASuperuserWarnsAtStartUp) {
  TestDatabase db;
  const std::string log = LogOfAServerOn(db.url(), "superuser");
  EXPECT_NE(log.find(kWarning), std::string::npos) << log;
  EXPECT_NE(log.find("is a superuser"), std::string::npos) << log;
}

// Not a superuser, but a member of the role that owns the history tables: as good as the owner.
TEST(ServerLoginEndToEnd, AServerLoggedInAsAMemberOfTheOwnerWarnsAtStartUp) {
  TestDatabase db;
  const std::string log =
      LogOfAServerAs(db, "owner_member", "LOGIN IN ROLE postgres, disposal_app");
  EXPECT_NE(log.find(kWarning), std::string::npos) << log;
  EXPECT_NE(log.find("owns the schema"), std::string::npos) << log;
}

// A login that may create roles can grant itself the owner's role: as good as the owner.
TEST(ServerLoginEndToEnd, AServerLoggedInWithCreateRoleWarnsAtStartUp) {
  TestDatabase db;
  const std::string log = LogOfAServerAs(db, "role_maker", "LOGIN CREATEROLE IN ROLE disposal_app");
  EXPECT_NE(log.find(kWarning), std::string::npos) << log;
  EXPECT_NE(log.find("CREATEROLE"), std::string::npos) << log;
}

}  // namespace
}  // namespace disposal::testing
