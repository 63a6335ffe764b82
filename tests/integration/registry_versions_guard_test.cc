// registry_versions, which a decision's replay reads to know which changes came after its
// version, is append-only (schema/0028): versions are taken only through registry_new_version()
// (the registry's triggers, and the server in its change's transaction), only the server's role
// may call it (0029), and no one may change or remove one.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>

#include "support/test_database.h"

namespace disposal::testing {
namespace {

class RegistryVersionsGuardTest : public ::testing::Test {
 protected:
  // The error of `sql` run as the server's role, "" when it succeeds.
  std::string ErrorAsServerRole(const std::string& sql) {
    try {
      db_.Query("SET LOCAL ROLE disposal_app; " + sql);
      return "";
    } catch (const pqxx::sql_error& e) {
      return e.what();
    }
  }

  std::string ErrorAsOwner(const std::string& sql) {
    try {
      db_.Query(sql);
      return "";
    } catch (const pqxx::sql_error& e) {
      return e.what();
    }
  }

  // Every version with the transaction that took it.
  std::string Versions() {
    return db_.Query(
        "SELECT string_agg(version || ':' || txid, ',' ORDER BY version) "
        "FROM registry_versions");
  }

  static constexpr char kPerson[] =
      "INSERT INTO registry_persons (national_id, name) VALUES ('11010519491231002X', '甲'); "
      "SELECT 1";

  TestDatabase db_;
};

TEST_F(RegistryVersionsGuardTest, ServerRoleTakesAVersionThroughARegistryChange) {
  const std::string before = db_.Query("SELECT count(*) FROM registry_versions");
  EXPECT_EQ(ErrorAsServerRole(kPerson), "");
  EXPECT_EQ(std::stoi(db_.Query("SELECT count(*) FROM registry_versions")), std::stoi(before) + 1);
}

TEST_F(RegistryVersionsGuardTest, ServerRoleMayNotWriteVersionsItself) {
  ASSERT_EQ(ErrorAsServerRole(kPerson), "");
  const std::string versions = Versions();
  for (const std::string sql :
       {"UPDATE registry_versions SET txid = txid + 1000000", "DELETE FROM registry_versions",
        "TRUNCATE registry_versions", "INSERT INTO registry_versions (txid) VALUES (1)"}) {
    EXPECT_NE(ErrorAsServerRole(sql + "; SELECT 1").find("permission denied"), std::string::npos)
        << sql;
  }
  EXPECT_EQ(Versions(), versions);
}

TEST_F(RegistryVersionsGuardTest, EvenTheOwnerMayNotChangeOrRemoveAVersion) {
  ASSERT_EQ(ErrorAsOwner(kPerson), "");
  for (const std::string sql : {"UPDATE registry_versions SET txid = txid + 1000000",
                                "DELETE FROM registry_versions", "TRUNCATE registry_versions"}) {
    EXPECT_NE(ErrorAsOwner(sql + "; SELECT 1").find("append-only"), std::string::npos) << sql;
  }
}

TEST_F(RegistryVersionsGuardTest, NoRoleButTheServersMayTakeAVersion) {
  const std::string versions = Versions();
  db_.Query("DROP ROLE IF EXISTS registry_outsider; CREATE ROLE registry_outsider");
  const std::string refused =
      ErrorAsOwner("SET LOCAL ROLE registry_outsider; SELECT registry_new_version()");
  db_.Query("DROP ROLE registry_outsider");
  EXPECT_NE(refused.find("permission denied"), std::string::npos) << refused;
  EXPECT_EQ(Versions(), versions);
}

}  // namespace
}  // namespace disposal::testing
