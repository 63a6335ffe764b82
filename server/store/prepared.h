// Internal to store/: prepared statements for the hot paths.
#ifndef DISPOSAL_SERVER_STORE_PREPARED_H_
#define DISPOSAL_SERVER_STORE_PREPARED_H_

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace disposal::store {

// Runs `sql` as the statement prepared under `name` on this transaction's connection: parsed and
// planned once per connection rather than on every call, which for the booking statements costs
// more than executing them. libpqxx prepares it on first use; defining it again with the same
// text changes nothing. `name` must stand for one text only.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& txn, const std::string& name,
                          const std::string& sql, Args&&... args) {
  txn.conn().prepare(name, sql);
  return txn.exec_prepared(name, std::forward<Args>(args)...);
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_PREPARED_H_
