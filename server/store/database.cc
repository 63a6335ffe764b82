#include "store/database.h"

#include <libpq-fe.h>

#include <memory>
#include <mutex>
#include <pqxx/pqxx>

#include "domain/audit_chain.h"
#include "domain/sha256.h"
#include "embedded_migrations.h"
#include "log/log.h"
#include "store/connection_pool.h"
#include "store/replica_reads.h"

namespace disposal::store {
namespace {

// Any constant works; it only has to differ from other advisory locks the database uses.
constexpr int64_t kMigrationLockKey = 0x6469'7370'6f73'616c;  // "disposal"

constexpr const char* kCreateMigrationsTable = R"sql(
  CREATE TABLE schema_migrations (
    version      int PRIMARY KEY,
    name         text NOT NULL,
    checksum     text NOT NULL,
    applied_time timestamptz NOT NULL DEFAULT now()
  ))sql";

std::string Checksum(const std::string& text) { return domain::HexOf(domain::Sha256(text)); }

// Applies one migration if it is not recorded yet (true); refuses one whose text changed.
Result<bool> ApplyMigration(pqxx::work& txn, const schema::Migration& migration) {
  const std::string checksum = Checksum(migration.sql);
  pqxx::result applied = txn.exec_params(
      "SELECT checksum FROM schema_migrations WHERE version = $1", migration.version);
  if (!applied.empty()) {
    if (applied[0][0].as<std::string>() == checksum) return false;
    return Error::FailedPrecondition(
        "migration " + migration.name +
        " was changed after it was applied; add a new migration instead");
  }
  txn.exec(migration.sql);
  txn.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                  migration.version, migration.name, checksum);
  return true;
}

// Bounds the health check's statement; the probe connection is otherwise idle.
constexpr int kProbeStatementTimeoutMillis = 3000;

}  // namespace

struct HealthProbe {
  std::mutex mutex;
  std::unique_ptr<pqxx::connection> connection;  // opened on first use, reopened when lost
};

Database::Database(DatabaseOptions options)
    : pool_(std::make_unique<ConnectionPool>(options)),
      replica_(options.replica.url.empty() ? nullptr : std::make_unique<ReplicaReads>(options)),
      probe_(std::make_unique<HealthProbe>()),
      migration_lock_timeout_(options.migration_lock_timeout) {}

Database::~Database() = default;

const std::string& Database::connection_string() const { return pool_->connection_string(); }

const std::string& Database::session_role() const { return pool_->session_role(); }

ReplicaReadCounts Database::replica_read_counts() const {
  return replica_ ? replica_->counts() : ReplicaReadCounts{};
}

Status Database::Ping() {
  std::lock_guard<std::mutex> lock(probe_->mutex);
  try {
    if (!probe_->connection || !probe_->connection->is_open()) {
      // Its own bounds on the wire too: a statement timeout is the server's to keep, and a
      // database host that vanished answers nothing, so health would stay SERVING for the
      // pool's 30 s user timeout (and a stop would wait as long for the probe).
      const std::string bounded = WithSettingOverridden(
          WithSettingOverridden(pool_->connection_string(), "tcp_user_timeout",
                                std::to_string(kProbeStatementTimeoutMillis)),
          "connect_timeout", std::to_string(kProbeStatementTimeoutMillis / 1000));
      probe_->connection = std::make_unique<pqxx::connection>(bounded);
      pqxx::nontransaction setup(*probe_->connection);
      setup.exec("SET statement_timeout = " + std::to_string(kProbeStatementTimeoutMillis));
    }
    pqxx::nontransaction txn(*probe_->connection);
    txn.exec("SELECT 1");
    return OkStatus();
  } catch (const std::exception& e) {
    probe_->connection.reset();
    return TranslateDatabaseError(e);
  }
}

Result<std::string> Database::LoginRightsBeyondTheServers() {
  try {
    pqxx::connection connection(pool_->connection_string());
    pqxx::read_transaction txn(connection);
    const pqxx::row row = txn.exec1(
        "SELECT r.rolsuper, pg_has_role(current_user, c.relowner, 'MEMBER'), "
        "  pg_get_userbyid(c.relowner), r.rolcreaterole "
        "FROM pg_roles r, pg_class c "
        "WHERE r.rolname = current_user AND c.oid = 'public.audit_events'::regclass");
    const std::string login = connection.username();
    if (row[0].as<bool>()) return "the database login " + login + " is a superuser";
    if (row[1].as<bool>()) {
      return "the database login " + login + " owns the schema (as " + row[2].as<std::string>() +
             ")";
    }
    if (row[3].as<bool>()) {
      return "the database login " + login +
             " may create roles (CREATEROLE), and so grant itself the schema owner's";
    }
    return std::string();
  } catch (const std::exception& e) {
    return TranslateDatabaseError(e);
  }
}

Status Database::Migrate() {
  const schema::Migration* applying = nullptr;
  try {
    pqxx::connection connection(pool_->connection_string());
    for (const schema::Migration& migration : schema::Migrations()) {
      applying = &migration;
      pqxx::work txn(connection);
      // The lock is held until this transaction ends, so two servers starting together
      // apply each migration once. Bounded like the table locks: a session holding it for
      // longer (a server gone mid-migration whose connection PostgreSQL has not yet noticed is
      // lost) makes this attempt UNAVAILABLE, and start-up tries again, answering a stop
      // signal between attempts.
      txn.exec("SET LOCAL lock_timeout = " + std::to_string(migration_lock_timeout_.count()));
      txn.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
      // Created only when missing: CREATE ... IF NOT EXISTS still needs the right to create in
      // the schema, which a production login (a member of disposal_app only) does not have.
      if (!txn.exec("SELECT to_regclass('schema_migrations') IS NOT NULL")[0][0].as<bool>()) {
        txn.exec(kCreateMigrationsTable);
      }
      Result<bool> applied = ApplyMigration(txn, migration);
      if (!applied.ok()) return applied.error();
      txn.commit();
      if (applied.value()) log::Info("migration_applied", {{"name", migration.name}});
    }
    return OkStatus();
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() != "55P03" || applying == nullptr) {
      if (applying != nullptr) log::Error("migration_statement_failed", {{"name", applying->name}});
      return TranslateDatabaseError(e);
    }
    log::Warning("migration_waiting_for_lock", {{"name", applying->name}, {"reason", e.what()}});
    return Error::Unavailable("migration " + applying->name + " waited over " +
                              std::to_string(migration_lock_timeout_.count()) +
                              " ms for a lock another session holds; nothing of it was applied");
  } catch (const std::exception& e) {
    return TranslateDatabaseError(e);
  }
}

namespace {

// `message` up to the first thing it quotes, one line: libpq quotes the part of the URL it
// stumbled on, which may be the password, and a password holding a quote itself would
// unbalance any pairing of quotes.
std::string BeforeAnyQuote(const std::string& message) {
  std::string out = message.substr(0, message.find('"'));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
  return out;
}

}  // namespace

Status CheckConnectionUrl(const std::string& url, const std::string& setting) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options != nullptr) {
    PQconninfoFree(options);
    return OkStatus();
  }
  const std::string reason = error != nullptr ? BeforeAnyQuote(error) : "out of memory";
  PQfreemem(error);
  return Error::InvalidArgument(
      setting, "is not a PostgreSQL connection URI or key=value string (" + reason +
                   "); e.g. postgresql://user@127.0.0.1:5432/disposal, with any special "
                   "character in the password percent-encoded");
}

}  // namespace disposal::store
