#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

namespace disposal::testing {
namespace {

std::string ReplaceDatabase(const std::string& url, const std::string& database) {
  const size_t slash = url.rfind('/');
  return url.substr(0, slash + 1) + database;
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 1000000);
}

std::string UrlInFixtureFile(const std::string& dir, const std::string& what) {
  std::ifstream file(dir + "/url");
  std::string url;
  if (!std::getline(file, url) || url.empty()) {
    throw std::runtime_error("no test " + what + ": " + dir +
                             "/url is missing; run the tests through ctest");
  }
  return url;
}

}  // namespace

std::string ClusterAdminUrl() { return UrlInFixtureFile(DISPOSAL_TEST_PG_DIR, "cluster"); }

std::string ReplicaAdminUrl() { return UrlInFixtureFile(DISPOSAL_TEST_PG_REPLICA_DIR, "replica"); }

std::string LoneStandbyUrl() {
  return UrlInFixtureFile(DISPOSAL_TEST_PG_LONE_STANDBY_DIR, "lone standby");
}

std::string ReplicaUrlOf(const std::string& name) {
  return ReplaceDatabase(ReplicaAdminUrl(), name);
}

TestDatabase::TestDatabase(bool migrate) : name_(UniqueName()) {
  const std::string admin = ClusterAdminUrl();
  {
    pqxx::connection connection(admin);
    pqxx::nontransaction txn(connection);
    // FILE_COPY: the default strategy (WAL_LOG) writes the whole template, some 4 MB, into the
    // log; over a run's thousand-odd databases that is gigabytes the test cluster's hot standby
    // must replay, and on a slow machine it fell minutes behind. FILE_COPY logs a few bytes.
    txn.exec("CREATE DATABASE " + txn.quote_name(name_) + " STRATEGY FILE_COPY");
  }
  url_ = ReplaceDatabase(admin, name_);
  store::DatabaseOptions options;
  options.url = url_;
  options.pool_size = 8;
  database_ = std::make_unique<store::Database>(options);
  if (migrate) {
    Status status = database_->Migrate();
    if (!status.ok()) throw std::runtime_error("migration failed: " + status.error().Message());
  }
}

TestDatabase::~TestDatabase() {
  database_.reset();
  try {
    pqxx::connection connection(ClusterAdminUrl());
    pqxx::nontransaction txn(connection);
    txn.exec("DROP DATABASE IF EXISTS " + txn.quote_name(name_) + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster is removed at the end of the run anyway.
  }
}

std::string TestDatabase::Query(const std::string& sql) {
  pqxx::connection connection(url_);
  pqxx::work txn(connection);
  pqxx::result result = txn.exec(sql);
  txn.commit();
  if (result.empty() || result.columns() == 0 || result[0][0].is_null()) return "";
  return result[0][0].as<std::string>();
}

}  // namespace disposal::testing
