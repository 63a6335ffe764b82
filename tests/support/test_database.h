// A fresh PostgreSQL database per test, created on the cluster the test run started
// (tests/support/pg_cluster.sh) and dropped afterwards.
#ifndef DISPOSAL_TESTS_SUPPORT_TEST_DATABASE_H_
#define DISPOSAL_TESTS_SUPPORT_TEST_DATABASE_H_

#include <memory>
#include <string>

#include "store/database.h"

namespace disposal::testing {

// The cluster's URL for the maintenance database "postgres", read from the fixture's file.
std::string ClusterAdminUrl();

// The same for the hot standby of that cluster (replica tests only: tests/CMakeLists.txt).
std::string ReplicaAdminUrl();
// Database `name` of the test cluster, as read from its hot standby.
std::string ReplicaUrlOf(const std::string& name);
// A standby of no primary, another cluster than the test cluster (replica tests only).
std::string LoneStandbyUrl();

class TestDatabase {
 public:
  // Creates an empty database with a unique name. With `migrate`, applies the schema.
  explicit TestDatabase(bool migrate = true);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }
  store::Database& database() { return *database_; }

  // Runs `sql` as the superuser in its own transaction; returns the first column of the first
  // row as text ("" when there is no row or it is NULL). Throws on SQL errors.
  std::string Query(const std::string& sql);

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<store::Database> database_;
};

// Options for a pool of one connection to `db`, working as the tables' owner (a test that
// makes tables of its own), for tests of the pool itself.
inline store::DatabaseOptions OneOwnerConnection(const TestDatabase& db) {
  store::DatabaseOptions options;
  options.url = db.url();
  options.pool_size = 1;
  options.session_role = "";
  return options;
}

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_TEST_DATABASE_H_
