#include "store/connection_pool.h"

#include <algorithm>

#include "domain/call_deadline.h"
#include "log/log.h"

namespace disposal::store {
namespace {

bool IsUri(const std::string& connection_string) {
  return connection_string.rfind("postgresql://", 0) == 0 ||
         connection_string.rfind("postgres://", 0) == 0;
}

constexpr const char* kKeepalives[][2] = {{"keepalives", "1"},
                                          {"keepalives_idle", "30"},
                                          {"keepalives_interval", "10"},
                                          {"keepalives_count", "3"},
                                          {"tcp_user_timeout", "30000"}};

}  // namespace

std::string WithKeepalives(const std::string& connection_string) {
  const bool uri = IsUri(connection_string);
  const size_t fragment = uri ? connection_string.find('#') : std::string::npos;
  std::string out = connection_string.substr(0, fragment);
  for (const auto& [key, value] : kKeepalives) {
    // The operator's own setting stands.
    if (out.find(std::string(key) + "=") != std::string::npos) continue;
    const char separator = !uri ? ' ' : out.find('?') == std::string::npos ? '?' : '&';
    if (!out.empty()) out += separator;
    out += std::string(key) + "=" + value;
  }
  if (fragment != std::string::npos) out += connection_string.substr(fragment);
  return out;
}

std::string WithSettingOverridden(const std::string& connection_string, const std::string& key,
                                  const std::string& value) {
  const std::string setting = key + "=" + value;
  if (!IsUri(connection_string)) {
    return connection_string.empty() ? setting : connection_string + " " + setting;
  }
  const size_t fragment = connection_string.find('#');
  const std::string base = connection_string.substr(0, fragment);
  const char separator = base.find('?') == std::string::npos ? '?' : '&';
  return base + separator + setting +
         (fragment == std::string::npos ? "" : connection_string.substr(fragment));
}

namespace {

// libpq takes its own connect timeout; append it unless the connection string already says one.
std::string WithConnectTimeout(const std::string& connection, std::chrono::seconds timeout) {
  if (connection.find("connect_timeout=") != std::string::npos) return connection;
  return WithSettingOverridden(connection, "connect_timeout", std::to_string(timeout.count()));
}

}  // namespace

ConnectionPool::ConnectionPool(DatabaseOptions options)
    : options_(std::move(options)),
      connection_string_(
          WithKeepalives(WithConnectTimeout(options_.url, options_.connect_timeout))),
      slots_(options_.pool_size) {}

Result<size_t> ConnectionPool::Acquire(bool* connect_failed) {
  std::unique_lock<std::mutex> lock(mutex_);
  size_t free_slot = slots_.size();
  auto find_free = [&] {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (!slots_[i].busy) {
        free_slot = i;
        return true;
      }
    }
    return false;
  };
  const std::optional<std::chrono::milliseconds> call_left = domain::CallTimeLeft();
  const bool call_ends_first = call_left && *call_left < options_.acquire_timeout;
  const std::chrono::milliseconds wait = call_ends_first
                                             ? std::max(*call_left, std::chrono::milliseconds(0))
                                             : options_.acquire_timeout;
  if (!slot_freed_.wait_for(lock, wait, find_free)) {
    if (call_ends_first) {
      return Error::DeadlineExceeded("the call's deadline passed while it waited for one of the " +
                                     std::to_string(slots_.size()) +
                                     " database connections; nothing was written");
    }
    return Error::Unavailable("all " + std::to_string(slots_.size()) +
                              " database connections stayed busy; try again");
  }
  Slot& slot = slots_[free_slot];
  slot.busy = true;
  lock.unlock();
  if (slot.connection && slot.connection->is_open()) return free_slot;
  if (auto status = Connect(slot); !status.ok()) {
    if (connect_failed != nullptr) *connect_failed = true;
    Release(free_slot, true);
    return status.error();
  }
  return free_slot;
}

Status ConnectionPool::Connect(Slot& slot) {
  try {
    slot.connection = std::make_unique<pqxx::connection>(connection_string_);
    pqxx::nontransaction setup(*slot.connection);
    setup.exec("SET statement_timeout = " + std::to_string(options_.statement_timeout.count()));
    setup.exec("SET TIME ZONE 'UTC'");
    // Some rows are read as their dates' text: ISO, whatever style the database's settings or
    // the server's environment (PGDATESTYLE) would give a new session.
    setup.exec("SET DateStyle = 'ISO, YMD'");
    if (!options_.session_role.empty()) {
      setup.exec("SET ROLE " + slot.connection->quote_name(options_.session_role));
    }
    return OkStatus();
  } catch (const std::exception& e) {
    slot.connection.reset();
    log::Warning("database_connect_failed", {{"reason", e.what()}});
    return Error::Unavailable("the database is unreachable; try again shortly");
  }
}

void ConnectionPool::BoundByCallDeadline(pqxx::work& txn) const {
  const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft();
  // Within a tenth of the pool's own bound, the round trip buys nothing worth having.
  if (!left || *left >= options_.statement_timeout * 9 / 10) return;
  // At least 1 ms: statement_timeout 0 means no bound at all.
  const auto bound = std::max<std::chrono::milliseconds::rep>(left->count(), 1);
  txn.exec("SET LOCAL statement_timeout = " + std::to_string(bound));
}

void LengthenStatementTimeout(pqxx::work& txn, std::chrono::milliseconds longest) {
  const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft();
  const auto bound = std::max<std::chrono::milliseconds::rep>(
      left ? std::min(*left, longest).count() : longest.count(), 1);
  txn.exec("SET LOCAL statement_timeout = " + std::to_string(bound));
}

Status CallDeadlineNotPassed() {
  const std::optional<std::chrono::milliseconds> left = domain::CallTimeLeft();
  if (!left || left->count() > 0) return OkStatus();
  return Error::DeadlineExceeded(
      "the call's deadline passed before its next database transaction began, which was not "
      "run (a retry with the same request_id returns what the call did before)");
}

void ConnectionPool::Release(size_t slot, bool discard) {
  std::unique_ptr<pqxx::connection> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (discard) dropped = std::move(slots_[slot].connection);
    slots_[slot].busy = false;
  }
  slot_freed_.notify_one();
  // Closed here, outside the lock: closing writes to the connection's socket.
}

void ConnectionPool::DropIdleConnections() {
  std::vector<std::unique_ptr<pqxx::connection>> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Slot& slot : slots_) {
      if (!slot.busy && slot.connection) dropped.push_back(std::move(slot.connection));
    }
  }
  // Closed here, outside the lock: closing writes to each connection's socket.
}

bool IsRetryable(const std::exception& e) {
  if (dynamic_cast<const pqxx::serialization_failure*>(&e)) return true;
  if (dynamic_cast<const pqxx::deadlock_detected*>(&e)) return true;
  return false;
}

namespace {

// A foreign-key violation (SQLSTATE 23503) in the service's words: the key and the value from
// PostgreSQL's "DETAIL:  Key (column)=(value) is not present in table ..." line, without the
// statement's text.
Error MissingReference(const std::string& what) {
  // The other side of a foreign key: a row still referenced, removed meanwhile by another call.
  if (what.find("is still referenced") != std::string::npos) {
    return Error::FailedPrecondition(
        "an entry this call removes or moves is referenced by another, written meanwhile; "
        "nothing was written");
  }
  const std::string key_start = "Key (";
  const size_t key = what.find(key_start);
  const size_t key_end = key == std::string::npos ? key : what.find(")=(", key);
  const size_t value_end = key_end == std::string::npos ? key_end : what.find(')', key_end + 3);
  std::string reference = "an entry it names";
  if (value_end != std::string::npos) {
    const size_t column = key + key_start.size();
    reference = what.substr(column, key_end - column) + " " +
                what.substr(key_end + 3, value_end - key_end - 3);
  }
  return Error::FailedPrecondition(
      reference + " does not exist (or was removed meanwhile); nothing was written");
}

// "new row ... violates check constraint ..." from "ERROR:  new row ...\nDETAIL: ...".
std::string FirstLine(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  for (const char* prefix : {"ERROR:  ", "ERROR: "}) {
    if (line.rfind(prefix, 0) == 0) return line.substr(std::string(prefix).size());
  }
  return line;
}

}  // namespace

Error TranslateDatabaseError(const std::exception& e) {
  // Lost while committing: the commit may have happened. Every change carries a request id,
  // so a retry with the same one returns the first result if it did, and makes it if not.
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    log::Warning("database_commit_in_doubt", {{"reason", e.what()}});
    return Error::Unavailable(
        "the database connection was lost while committing, so the change may or may not have "
        "been made; retry with the same request_id, which returns the first result if it was");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    log::Warning("database_connection_lost", {{"reason", e.what()}});
    return Error::Unavailable("the database connection was lost; nothing was written, try again");
  }
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    if (state == "57014") {
      // Cancelled by the bound the call's own deadline set (BoundByCallDeadline), or by the pool's.
      if (!CallDeadlineNotPassed().ok()) {
        return Error::DeadlineExceeded(
            "the call's deadline passed while the database worked on it; this transaction was "
            "rolled back");
      }
      return Error::Unavailable("the database took too long; try again");
    }
    // Constraint violations reach here only where the domain cannot see the whole database
    // (e.g. an import naming a person that is not registered): say which constraint.
    if (state == "23503") return MissingReference(sql->what());
    // A sum past numeric(20, 2), e.g. an account's balance: retrying cannot help.
    if (state == "22003") {
      return Error::FailedPrecondition(
          "an amount would exceed the ledger's limit of 999,999,999,999,999,999.99; nothing was "
          "written");
    }
    // 22021: text that is not UTF-8 (22P05: U+0000 in JSON), wherever the service did not check
    // it first. The client gets the message's first line only: its DETAIL and CONTEXT hold
    // whole rows and SQL.
    if (state == "23514" || state == "23502" || state == "22P02" || state == "22021" ||
        state == "22P05" || state == "22001" || state == "22007" || state == "22008") {
      log::Warning("database_refused_input", {{"sqlstate", state}, {"reason", e.what()}});
      return Error::InvalidArgument("", "rejected by the database: " + FirstLine(sql->what()));
    }
    if (state == "23505") {
      log::Warning("database_unique_violation", {{"reason", e.what()}});
      return Error::AlreadyExists(
          "",
          "a record with the same key exists (a concurrent call may have just "
          "made it); nothing was written");
    }
    // Still failing after the pool's attempts: contention, not a fault of the request.
    if (state == "40001" || state == "40P01") {
      log::Warning("database_contention", {{"sqlstate", state}, {"reason", e.what()}});
      return Error::Aborted("the database refused the transaction under contention; try again");
    }
    // Lost connections, shutdowns, a read-only standby after a failover, exhausted resources:
    // the database, not the request.
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "25006" ||
        state.rfind("53", 0) == 0) {
      log::Warning("database_unavailable", {{"sqlstate", state}, {"reason", e.what()}});
      return Error::Unavailable("the database is unavailable (" + state + "); try again shortly");
    }
    log::Error("database_error", {{"sqlstate", state}, {"reason", e.what()}});
    return Error::Internal("database error " + state);
  }
  log::Error("database_error", {{"reason", e.what()}});
  return Error::Internal("unexpected database error");
}

}  // namespace disposal::store
