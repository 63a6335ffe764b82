// Internal to store/: prepared statements for the hot paths.
#ifndef DISPOSAL_SERVER_STORE_PREPARED_H_
#define DISPOSAL_SERVER_STORE_PREPARED_H_

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace disposal::store {

// A statement to prepare: its name on the connection and its text, kept together so that a
// name always stands for one text. Call sites hold it in a function-level static, so the text
// is built once per process, not once per call.
struct PreparedStatement {
  std::string name;
  std::string sql;
};

// Runs `statement` prepared on this transaction's connection: parsed and planned once per
// connection rather than on every call, which for the booking statements costs more than
// executing them. libpqxx prepares it on first use; defining it again with the same text
// changes nothing.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& txn, const PreparedStatement& statement,
                          Args&&... args) {
  txn.conn().prepare(statement.name, statement.sql);
  return txn.exec_prepared(statement.name, std::forward<Args>(args)...);
}

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_PREPARED_H_
