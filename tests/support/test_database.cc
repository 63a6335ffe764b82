#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

#include "embedded_migrations.h"
#include "support/build_paths.h"

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

// Held while a process looks for (or builds) the migrated template; advisory locks are per
// database, and every test process takes this one in the maintenance database.
constexpr int64_t kTemplateLockKey = 0x7465'6d70'6c61'7465;  // "template"

// The template's name carries a digest of every migration (number, name and text), so a changed
// migration gets a template of its own instead of a copy of the old schema.
std::string TemplateName() {
  std::string texts;
  for (const schema::Migration& migration : schema::Migrations()) {
    texts +=
        std::to_string(migration.version) + '\0' + migration.name + '\0' + migration.sql + '\0';
  }
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016zx", std::hash<std::string>{}(texts));
  return "test_template_" + std::string(digest);
}

void Migrate(const std::string& url) {
  store::DatabaseOptions options;
  options.url = url;
  options.pool_size = 1;
  store::Database database(options);
  Status status = database.Migrate();
  if (!status.ok()) throw std::runtime_error("migration failed: " + status.error().Message());
}

// A migrated database that test databases are copied from: copying its files takes about a
// tenth of a second, applying the migrations a third, over some 800 databases a run. Whichever
// test process comes first builds it, under another name until the migrations are committed and
// its connection closed (a database cannot be copied while anyone is connected to it).
std::string MigratedTemplate(const std::string& admin) {
  static std::mutex mutex;
  static std::string name;
  std::lock_guard<std::mutex> lock(mutex);
  if (!name.empty()) return name;
  const std::string wanted = TemplateName(), building = wanted + "_building";
  pqxx::connection connection(admin);
  pqxx::nontransaction txn(connection);
  txn.exec_params("SELECT pg_advisory_lock($1)", kTemplateLockKey);
  if (txn.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", wanted).empty()) {
    // A builder that died halfway left its database behind; its lock went with its connection.
    txn.exec("DROP DATABASE IF EXISTS " + txn.quote_name(building) + " WITH (FORCE)");
    txn.exec("CREATE DATABASE " + txn.quote_name(building) + " STRATEGY FILE_COPY");
    Migrate(ReplaceDatabase(admin, building));
    txn.exec("ALTER DATABASE " + txn.quote_name(building) + " RENAME TO " + txn.quote_name(wanted));
    // No one may connect to it (a session there would make every copy fail); copies need none.
    txn.exec("ALTER DATABASE " + txn.quote_name(wanted) +
             " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
  }
  txn.exec_params("SELECT pg_advisory_unlock($1)", kTemplateLockKey);
  name = wanted;
  return name;
}

}  // namespace

std::string ClusterAdminUrl() { return UrlInFixtureFile(TestClusterDir(), "cluster"); }

std::string ReplicaAdminUrl() { return UrlInFixtureFile(TestReplicaDir(), "replica"); }

std::string LoneStandbyUrl() { return UrlInFixtureFile(TestLoneStandbyDir(), "lone standby"); }

std::string ReplicaUrlOf(const std::string& name) {
  return ReplaceDatabase(ReplicaAdminUrl(), name);
}

TestDatabase::TestDatabase(bool migrate) : name_(UniqueName()) {
  const std::string admin = ClusterAdminUrl();
  const std::string source = migrate ? MigratedTemplate(admin) : "template1";
  {
    pqxx::connection connection(admin);
    pqxx::nontransaction txn(connection);
    // FILE_COPY: the default strategy (WAL_LOG) writes the whole template, some 10 MB, into the
    // log; over a run's thousand-odd databases that is gigabytes the test cluster's hot standby
    // must replay, and on a slow machine it fell minutes behind. FILE_COPY logs a few bytes.
    txn.exec("CREATE DATABASE " + txn.quote_name(name_) + " TEMPLATE " + txn.quote_name(source) +
             " STRATEGY FILE_COPY");
  }
  url_ = ReplaceDatabase(admin, name_);
  store::DatabaseOptions options;
  options.url = url_;
  options.pool_size = 8;
  database_ = std::make_unique<store::Database>(options);
  if (migrate) {
    // Nothing to apply on the template's copy; this checks that the copy holds these migrations.
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
