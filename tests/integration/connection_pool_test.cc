// The connection pool against a real PostgreSQL: a connection goes back to the pool only once
// its transaction is over, whether the work committed or was refused.
#include "store/connection_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "support/test_database.h"

namespace disposal::testing {
namespace {

// One connection, two threads: one refuses its work after writing (the row must be rolled
// back), the other commits. Were the connection handed over before the refused transaction's
// rollback ran, the committing thread would start its transaction on a connection still in
// one (an error) or lose its BEGIN to that rollback (its row committed outside a transaction).
TEST(ConnectionPoolTest, RefusedWorkIsRolledBackBeforeItsConnectionServesTheNextCall) {
  TestDatabase db;
  db.Query("CREATE TABLE pool_probe (who text NOT NULL)");
  store::Database database(OneOwnerConnection(db));
  constexpr int kRounds = 300;
  std::atomic<int> refusals_not_as_returned{0};
  std::atomic<int> commits_failed{0};
  std::thread refuser([&] {
    for (int i = 0; i < kRounds; ++i) {
      Result<int> result = database.pool().InTransaction<int>([](pqxx::work& txn) -> Result<int> {
        txn.exec("INSERT INTO pool_probe VALUES ('refused')");
        return Error::FailedPrecondition("refused on purpose");
      });
      if (result.ok() || result.error().code != ErrorCode::kFailedPrecondition) {
        ++refusals_not_as_returned;
      }
    }
  });
  std::thread committer([&] {
    for (int i = 0; i < kRounds; ++i) {
      Result<int> result = database.pool().InTransaction<int>([](pqxx::work& txn) -> Result<int> {
        txn.exec("INSERT INTO pool_probe VALUES ('committed')");
        return 1;
      });
      if (!result.ok()) ++commits_failed;
    }
  });
  refuser.join();
  committer.join();
  EXPECT_EQ(refusals_not_as_returned.load(), 0);
  EXPECT_EQ(commits_failed.load(), 0);
  EXPECT_EQ(db.Query("SELECT count(*) FROM pool_probe WHERE who = 'refused'"), "0");
  EXPECT_EQ(db.Query("SELECT count(*) FROM pool_probe WHERE who = 'committed'"),
            std::to_string(kRounds));
}

// The error of a transaction that runs `statement` on `db` through the pool; it must fail.
Error FailureOf(TestDatabase& db, const std::string& statement) {
  store::Database database(OneOwnerConnection(db));
  Result<int> result =
      database.pool().InTransaction<int>([&statement](pqxx::work& txn) -> Result<int> {
        txn.exec(statement);
        return 1;
      });
  EXPECT_FALSE(result.ok()) << statement;
  return result.ok() ? Error::Internal("succeeded") : result.error();
}

// An amount past numeric(20, 2) fails the same way on every retry: the caller is told so,
// rather than given an internal error worth retrying.
// A commit whose outcome is unknown must not be reported as "nothing was written": the change
// may stand, and only a retry with the same request id is safe.
TEST(ConnectionPoolTest, ACommitInDoubtSaysTheChangeMayHaveBeenMade) {
  const Error error = store::TranslateDatabaseError(pqxx::in_doubt_error("connection lost"));
  EXPECT_EQ(error.code, ErrorCode::kUnavailable);
  EXPECT_EQ(error.Message().find("nothing was written"), std::string::npos) << error.Message();
  EXPECT_NE(error.Message().find("may or may not have been made"), std::string::npos)
      << error.Message();
  EXPECT_NE(error.Message().find("same request_id"), std::string::npos) << error.Message();
}

TEST(ConnectionPoolTest, ALostConnectionBeforeTheCommitSaysNothingWasWritten) {
  const Error error = store::TranslateDatabaseError(pqxx::broken_connection("connection lost"));
  EXPECT_EQ(error.code, ErrorCode::kUnavailable);
  EXPECT_NE(error.Message().find("nothing was written"), std::string::npos) << error.Message();
}

TEST(ConnectionPoolTest, AmountPastTheLedgersRangeIsFailedPreconditionNotInternal) {
  TestDatabase db;
  db.Query("CREATE TABLE balance_probe (balance numeric(20, 2) NOT NULL)");
  const Error error =
      FailureOf(db, "INSERT INTO balance_probe VALUES (999999999999999999.99 + 0.01)");
  EXPECT_EQ(error.code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(error.reason.find("999,999,999,999,999,999.99"), std::string::npos) << error.reason;
  EXPECT_EQ(db.Query("SELECT count(*) FROM balance_probe"), "0");
}

// A foreign key the service could not check first (a referenced row removed meanwhile): the
// key and value it names, not PostgreSQL's text with the statement in it.
TEST(ConnectionPoolTest, MissingReferenceNamesTheKeyAndValueNotTheStatement) {
  TestDatabase db;
  db.Query("CREATE TABLE parent_probe (code text PRIMARY KEY)");
  db.Query("CREATE TABLE child_probe (code text NOT NULL REFERENCES parent_probe (code))");
  const Error error = FailureOf(db, "INSERT INTO child_probe VALUES ('91230100MA1B2C3D4E')");
  EXPECT_EQ(error.code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(error.reason,
            "code 91230100MA1B2C3D4E does not exist (or was removed meanwhile); nothing was "
            "written");
}

TEST(ConnectionPoolTest, RemovingARowStillReferencedDoesNotSayItIsMissing) {
  TestDatabase db;
  db.Query("CREATE TABLE parent_probe (code text PRIMARY KEY)");
  db.Query("CREATE TABLE child_probe (code text NOT NULL REFERENCES parent_probe (code))");
  db.Query("INSERT INTO parent_probe VALUES ('P1')");
  db.Query("INSERT INTO child_probe VALUES ('P1')");
  const Error error = FailureOf(db, "DELETE FROM parent_probe");
  EXPECT_EQ(error.code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(error.reason.find("does not exist"), std::string::npos) << error.reason;
  EXPECT_NE(error.reason.find("is referenced by another"), std::string::npos) << error.reason;
}

// A check constraint's message comes with DETAIL (the whole failing row) and CONTEXT: the
// client gets the first line only.
TEST(ConnectionPoolTest, RefusedInputShowsTheFirstLineNeverTheFailingRow) {
  TestDatabase db;
  db.Query("CREATE TABLE amount_probe (secret text, amount numeric CHECK (amount >= 0))");
  const Error error = FailureOf(db, "INSERT INTO amount_probe VALUES ('row-secret', -1)");
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(error.reason.find("violates check constraint"), std::string::npos) << error.reason;
  EXPECT_EQ(error.reason.find("row-secret"), std::string::npos) << error.reason;
  EXPECT_EQ(error.reason.find("DETAIL"), std::string::npos) << error.reason;
}

TEST(ConnectionPoolTest, ContentionLeftAfterTheRetriesIsAbortedNotInternal) {
  for (const char* state : {"40001", "40P01"}) {
    const Error error =
        store::TranslateDatabaseError(pqxx::sql_error("could not serialize", "SELECT 1", state));
    EXPECT_EQ(error.code, ErrorCode::kAborted) << state;
  }
}

TEST(ConnectionPoolTest, AReadOnlyOrExhaustedDatabaseIsUnavailableNotInternal) {
  for (const char* state : {"25006", "53100", "53200"}) {
    const Error error =
        store::TranslateDatabaseError(pqxx::sql_error("cannot execute", "SELECT 1", state));
    EXPECT_EQ(error.code, ErrorCode::kUnavailable) << state;
  }
}

TEST(KeepalivesTest, KeepalivesAreAddedToEitherFormOfConnectionString) {
  EXPECT_EQ(store::WithKeepalives("postgresql://u@h:5432/db"),
            "postgresql://u@h:5432/db?keepalives=1&keepalives_idle=30&keepalives_interval=10&"
            "keepalives_count=3&tcp_user_timeout=30000");
  EXPECT_EQ(store::WithKeepalives("postgresql://u@h/db?sslmode=require"),
            "postgresql://u@h/db?sslmode=require&keepalives=1&keepalives_idle=30&"
            "keepalives_interval=10&keepalives_count=3&tcp_user_timeout=30000");
  EXPECT_EQ(store::WithKeepalives("host=h dbname=db"),
            "host=h dbname=db keepalives=1 keepalives_idle=30 keepalives_interval=10 "
            "keepalives_count=3 tcp_user_timeout=30000");
}

TEST(KeepalivesTest, AnOperatorsOwnKeepaliveSettingsStand) {
  EXPECT_EQ(store::WithKeepalives("postgresql://u@h/db?keepalives=0&tcp_user_timeout=5000"),
            "postgresql://u@h/db?keepalives=0&tcp_user_timeout=5000&keepalives_idle=30&"
            "keepalives_interval=10&keepalives_count=3");
}

// libpq knows every parameter (an unknown one fails the connection): a listener's connection
// opens with them.
TEST(KeepalivesTest, AConnectionStringWithKeepalivesConnects) {
  TestDatabase db;
  pqxx::connection connection(store::WithKeepalives(db.url()));
  pqxx::nontransaction txn(connection);
  EXPECT_EQ(txn.exec("SELECT 41 + 1")[0][0].as<int>(), 42);
}

TEST(SettingOverriddenTest, IsAppendedAsAQueryParameterOrAPair) {
  EXPECT_EQ(store::WithSettingOverridden("postgresql://u@h/db", "connect_timeout", "3"),
            "postgresql://u@h/db?connect_timeout=3");
  EXPECT_EQ(store::WithSettingOverridden("postgresql://u@h/db?connect_timeout=5#x",
                                         "connect_timeout", "3"),
            "postgresql://u@h/db?connect_timeout=5&connect_timeout=3#x");
  EXPECT_EQ(store::WithSettingOverridden("host=h connect_timeout=5", "connect_timeout", "3"),
            "host=h connect_timeout=5 connect_timeout=3");
}

// The health probe bounds its connection this way: libpq must take the last of a key given
// twice, in a URL's query as in the key=value form.
TEST(SettingOverriddenTest, TheLastOfAKeyGivenTwiceIsTheOneUsed) {
  TestDatabase db;
  const std::string url = db.url();
  const size_t port_start = url.rfind(':') + 1;
  const std::string pairs =
      "host=127.0.0.1 port=" + url.substr(port_start, url.find('/', port_start) - port_start) +
      " user=postgres dbname=" + db.name() + " application_name=first";
  for (const std::string& base : {url + "?application_name=first", pairs}) {
    pqxx::connection connection(store::WithSettingOverridden(base, "application_name", "last"));
    pqxx::nontransaction txn(connection);
    EXPECT_EQ(txn.exec("SHOW application_name")[0][0].as<std::string>(), "last") << base;
  }
}

// The key=value form (as a secret's fields make it, say) works as well as a URL: the pool's own
// settings (connect timeout, keepalives) are added as pairs, not as a URL's query.
TEST(ConnectionPoolTest, AKeyValueConnectionStringServesTransactions) {
  TestDatabase db;
  const std::string url = db.url();  // postgresql://postgres@127.0.0.1:PORT/NAME
  const size_t port_start = url.rfind(':') + 1;
  const size_t port_end = url.find('/', port_start);
  store::DatabaseOptions options;
  options.url = "host=127.0.0.1 port=" + url.substr(port_start, port_end - port_start) +
                " user=postgres dbname=" + db.name();
  options.session_role = "";
  store::Database database(options);
  Result<int> answer = database.pool().InTransaction<int>(
      [](pqxx::work& txn) -> Result<int> { return txn.exec1("SELECT 41 + 1")[0].as<int>(); });
  ASSERT_TRUE(answer.ok()) << answer.error().Message();
  EXPECT_EQ(answer.value(), 42);
  EXPECT_NE(database.connection_string().find(" connect_timeout=5"), std::string::npos)
      << database.connection_string();
}

}  // namespace
}  // namespace disposal::testing
