// Internal to store/: a fixed-size pool of libpqxx connections and the one-transaction runner
// every use case goes through.
#ifndef DISPOSAL_SERVER_STORE_CONNECTION_POOL_H_
#define DISPOSAL_SERVER_STORE_CONNECTION_POOL_H_

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/database.h"

namespace disposal::store {

// `connection_string` (a URI or key=value form) with TCP keepalives and a user timeout, each
// unless it sets its own: connections sit idle in the pool and the LISTEN connection for long
// stretches, and a peer that vanished without closing them (a NAT or firewall dropping the
// flow, a host gone) would otherwise be noticed only after hours, or hang a query as long.
std::string WithKeepalives(const std::string& connection_string);

// `connection_string` with `key=value` appended, whatever it already says: libpq takes the
// last of a key given twice, in either form.
std::string WithSettingOverridden(const std::string& connection_string, const std::string& key,
                                  const std::string& value);

class ConnectionPool {
 public:
  // Bounds the statements of `txn` by the current call's deadline where that comes before the
  // pool's own statement timeout (by enough to be worth a round trip).
  void BoundByCallDeadline(pqxx::work& txn) const;
  explicit ConnectionPool(DatabaseOptions options);

  // Runs `work(txn)` in one transaction and commits when it returns ok; an error result or an
  // exception rolls everything back. Within a call that has a deadline (domain/call_deadline.h)
  // the wait for a connection ends with it, no transaction starts after it, and each statement
  // (COMMIT too) is bounded by the time left when the transaction began: DEADLINE_EXCEEDED,
  // this transaction rolled back (a statement bound, not the whole transaction's). A lost
  // connection gives UNAVAILABLE and is replaced on a later call, so the service recovers by itself
  // once PostgreSQL is back. Serialization failures, deadlocks and connections lost before the
  // commit are retried a bounded number of times.
  template <typename T, typename Work>
  Result<T> InTransaction(Work&& work);

  // Runs `use(connection)` on one connection held throughout, for statements and transactions
  // that must all reach the same server (a standby behind a balancer). Never runs it again:
  // an exception is translated, and a lost connection discarded. `connection_failed`, when
  // given, tells a connection that could not be opened or was lost from a pool that stayed busy
  // or an error of `use`.
  template <typename T, typename Use>
  Result<T> OnOneConnection(Use&& use, bool* connection_failed = nullptr);

  const std::string& connection_string() const { return connection_string_; }
  // Transactions run again on a lost connection since start (for the tests).
  uint64_t lost_connection_retries() const { return lost_connection_retries_.load(); }
  const std::string& session_role() const { return options_.session_role; }

 private:
  struct Slot {
    std::unique_ptr<pqxx::connection> connection;
    bool busy = false;
  };

  // Waits (bounded, and by the current call's deadline) for a free slot and makes sure its
  // connection is open; sets `connect_failed` (when given) if opening it failed.
  Result<size_t> Acquire(bool* connect_failed = nullptr);
  void Release(size_t slot, bool discard);
  // Closes every idle connection: one found lost most likely went with the others (PostgreSQL
  // restarted, the network cut), and the socket of a connection whose server is gone still
  // looks open until used. A lone lost backend costs the others a reconnect.
  void DropIdleConnections();
  Status Connect(Slot& slot);

  DatabaseOptions options_;
  std::string connection_string_;
  std::mutex mutex_;
  std::condition_variable slot_freed_;
  std::vector<Slot> slots_;
  std::atomic<uint64_t> lost_connection_retries_{0};
};

// Lets the statements of `txn` run up to `longest` each (a rare long call, past the pool's own
// bound), or until the current call's deadline if that comes first.
void LengthenStatementTimeout(pqxx::work& txn, std::chrono::milliseconds longest);

// DEADLINE_EXCEEDED when the current call's deadline has passed: nothing more is to be started.
Status CallDeadlineNotPassed();

// Translates a libpqxx exception into the service's error; logs what the client won't see.
Error TranslateDatabaseError(const std::exception& e);
bool IsRetryable(const std::exception& e);

inline constexpr int kTransactionAttemptsMax = 3;

template <typename T, typename Work>
Result<T> ConnectionPool::InTransaction(Work&& work) {
  for (int attempt = 1;; ++attempt) {
    if (Status in_time = CallDeadlineNotPassed(); !in_time.ok()) return in_time.error();
    Result<size_t> slot = Acquire();
    if (!slot.ok()) return slot.error();
    bool discard = false;
    try {
      // The transaction ends inside this lambda: an uncommitted one is rolled back by its
      // destructor, which talks to the server. Only then may the connection serve another
      // call; handed over earlier, two threads would drive one connection at once.
      Result<T> result = [&]() -> Result<T> {
        pqxx::work txn(*slots_[slot.value()].connection);
        BoundByCallDeadline(txn);
        Result<T> done = work(txn);
        if (done.ok()) txn.commit();
        return done;
      }();
      Release(slot.value(), false);
      return result;
    } catch (const std::exception& e) {
      const bool lost = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
      discard = lost || dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr;
      Release(slot.value(), discard);
      if (discard) DropIdleConnections();
      // Lost before COMMIT was sent, the transaction committed nothing: it runs again on a
      // new connection. (Lost during COMMIT, libpqxx throws in_doubt_error: never run again.)
      if (attempt < kTransactionAttemptsMax && (lost || IsRetryable(e))) {
        if (lost) ++lost_connection_retries_;
        continue;
      }
      return TranslateDatabaseError(e);
    }
  }
}

template <typename T, typename Use>
Result<T> ConnectionPool::OnOneConnection(Use&& use, bool* connection_failed) {
  if (Status in_time = CallDeadlineNotPassed(); !in_time.ok()) return in_time.error();
  bool failed = false;
  Result<size_t> slot = Acquire(&failed);
  if (connection_failed != nullptr) *connection_failed = failed;
  if (!slot.ok()) return slot.error();
  try {
    Result<T> result = use(*slots_[slot.value()].connection);
    Release(slot.value(), false);
    return result;
  } catch (const std::exception& e) {
    const bool lost = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
    const bool discard = lost || dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr;
    Release(slot.value(), discard);
    if (discard) DropIdleConnections();
    if (connection_failed != nullptr) *connection_failed = discard;
    return TranslateDatabaseError(e);
  }
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_CONNECTION_POOL_H_
