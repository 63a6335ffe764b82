// The ledger's booked rows are append-only for the server's role by its rights, not only by
// row triggers (schema/0043): a change or removal is refused before any trigger would run,
// even where no row matches.
#include <gtest/gtest.h>

#include <algorithm>
#include <pqxx/pqxx>
#include <string>

#include "embedded_migrations.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

class ServerRoleRights : public ::testing::TestWithParam<const char*> {
 protected:
  // Whether `sql`, run as the server's role, is refused for want of the right.
  bool DeniedToServerRole(const std::string& sql) {
    try {
      db_.Query("SET LOCAL ROLE disposal_app; " + sql);
      return false;
    } catch (const pqxx::sql_error& e) {
      return std::string(e.what()).find("permission denied") != std::string::npos;
    }
  }

  TestDatabase db_;
};

// Rows the server never removes.
class NoRemoval : public ServerRoleRights {};

TEST_P(NoRemoval, TheServersRoleMayNotDeleteFromIt) {
  EXPECT_TRUE(DeniedToServerRole("DELETE FROM " + std::string(GetParam())));
}

TEST_P(NoRemoval, TheServersRoleMayNotTruncateIt) {
  EXPECT_TRUE(DeniedToServerRole("TRUNCATE " + std::string(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(LedgerHistory, NoRemoval,
                         ::testing::Values("outcomes", "outcome_instalments", "payments",
                                           "payment_instalments", "ledger_accounts",
                                           "calendar_revision", "outcome_reduction_parts"));

// Rows the server never changes (calendar_revision's one row moves forward through the
// calendar's triggers, and stays out of this list).
class NoChange : public ServerRoleRights {};

// An UPDATE matching no row: the right is checked all the same.
TEST_P(NoChange, TheServersRoleMayNotUpdateIt) {
  const std::string table = GetParam();
  const std::string column =
      db_.Query("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table +
                "' ORDER BY ordinal_position LIMIT 1");
  EXPECT_TRUE(
      DeniedToServerRole("UPDATE " + table + " SET " + column + " = " + column + " WHERE false"));
}

INSTANTIATE_TEST_SUITE_P(LedgerHistory, NoChange,
                         ::testing::Values("outcomes", "outcome_instalments", "payments",
                                           "payment_instalments", "ledger_accounts",
                                           "outcome_reduction_parts"));

// A database carried over from PostgreSQL 14 or older lets every login create objects in
// schema public, where the owner's SECURITY DEFINER functions look for the built-ins they call:
// schema/0045 takes that back.
TEST(SchemaPublic, TheMigrationTakesBackCreateFromEveryLogin) {
  TestDatabase db;
  db.Query("GRANT CREATE ON SCHEMA public TO PUBLIC");
  ASSERT_EQ(db.Query("SELECT has_schema_privilege('disposal_app', 'public', 'CREATE')"), "t");
  const auto& migrations = schema::Migrations();
  const auto found = std::find_if(migrations.begin(), migrations.end(),
                                  [](const schema::Migration& m) { return m.version == 45; });
  ASSERT_NE(found, migrations.end());
  db.Query(found->sql);
  EXPECT_EQ(db.Query("SELECT has_schema_privilege('disposal_app', 'public', 'CREATE')"), "f");
}

}  // namespace
}  // namespace disposal::testing
