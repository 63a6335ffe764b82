// The guarantees around every change: its audit event, all-or-nothing writes, the
// append-only log, migrations applied once, and recovery when PostgreSQL comes back.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "embedded_migrations.h"
#include "store/connection_pool.h"
#include "support/claim_service_fixture.h"
#include "support/sample_claims.h"
#include "support/tcp_proxy.h"

namespace disposal::testing {
namespace {

using AuditTest = ClaimServiceFixture;

TEST_F(AuditTest, CreateWritesOneEventWithActorRpcRequestIdAndPayload) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "audit-create", &created).ok());
  EXPECT_EQ(Count("audit_events"), 1);
  EXPECT_EQ(db_.Query("SELECT actor FROM audit_events"), "tester");
  EXPECT_EQ(db_.Query("SELECT rpc FROM audit_events"), "disposal.v1.ClaimService/CreateClaim");
  EXPECT_EQ(db_.Query("SELECT request_id FROM audit_events"), "audit-create");
  EXPECT_EQ(db_.Query("SELECT subject_id::text FROM audit_events"), created.id());
  EXPECT_EQ(db_.Query("SELECT payload->'claim'->>'title' FROM audit_events"), created.title());
}

TEST_F(AuditTest, EventsRefuseUpdateDeleteAndTruncate) {
  v1::Claim created;
  ASSERT_TRUE(Create(SampleClaim(), "audit-immutable", &created).ok());
  EXPECT_THROW(db_.Query("UPDATE audit_events SET actor = 'mallory'"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("DELETE FROM audit_events"), pqxx::sql_error);
  EXPECT_THROW(db_.Query("TRUNCATE audit_events"), pqxx::sql_error);
  EXPECT_EQ(db_.Query("SELECT actor FROM audit_events"), "tester");
}

TEST_F(AuditTest, FailureLateInTheTransactionLeavesNothingBehind) {
  // A trigger on the last child table fails the write after the claim row, the tranches and
  // the collateral were inserted: all of it must roll back.
  db_.Query(
      "CREATE FUNCTION fail_now() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$");
  db_.Query(
      "CREATE TRIGGER fail_litigation BEFORE INSERT ON claim_litigation "
      "FOR EACH ROW EXECUTE FUNCTION fail_now()");
  v1::Claim out;
  grpc::Status status = Create(SampleClaim(), "half-write", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  for (const char* table : {"claims", "claim_tranches", "claim_collateral", "claim_encumbrances",
                            "claim_guarantees", "claim_pledges", "request_keys", "audit_events"}) {
    EXPECT_EQ(Count(table), 0) << table;
  }
}

TEST_F(AuditTest, ConcurrentRetriesOfOneCreateWriteOneClaim) {
  constexpr int kClients = 8;
  std::vector<std::string> ids(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      v1::Claim out;
      if (Create(SampleClaim(), "concurrent-create", &out).ok()) ids[i] = out.id();
    });
  }
  for (std::thread& client : clients) client.join();
  for (const std::string& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_FALSE(ids[0].empty());
  EXPECT_EQ(Count("claims"), 1);
  EXPECT_EQ(Count("audit_events"), 1);
}

TEST(MigrationTest, EachMigrationIsAppliedExactlyOnceEvenWhenServersStartTogether) {
  TestDatabase db(/*migrate=*/false);
  std::vector<std::thread> servers;
  // One element per thread: std::vector<bool> packs its elements into shared words.
  std::vector<char> ok(4, 0);
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&, i] {
      store::DatabaseOptions options;
      options.url = db.url();
      options.pool_size = 1;
      store::Database database(options);
      ok[static_cast<size_t>(i)] = database.Migrate().ok() ? 1 : 0;
    });
  }
  for (std::thread& server : servers) server.join();
  for (char migrated : ok) EXPECT_EQ(migrated, 1);
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(schema::Migrations().size()));
  EXPECT_TRUE(db.database().Migrate().ok());
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(schema::Migrations().size()));
}

// Options for a database whose migrations wait at most 200 ms for a lock.
store::DatabaseOptions WithShortLockWaits(const TestDatabase& db) {
  store::DatabaseOptions options;
  options.url = db.url();
  options.pool_size = 1;
  options.migration_lock_timeout = std::chrono::milliseconds(200);
  return options;
}

// A migration waiting behind another session's lock would queue every statement on that table
// behind it: it gives up after its bound, applies nothing, and a later attempt applies it.
TEST(MigrationTest, AMigrationWaitingTooLongForALockIsUnavailableAndAppliedOnRetry) {
  TestDatabase db(/*migrate=*/false);
  store::Database database(WithShortLockWaits(db));
  ASSERT_TRUE(database.Migrate().ok());
  db.Query(
      "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM "
      "schema_migrations)");
  Status waited = OkStatus();
  {
    pqxx::connection holder(db.url());
    pqxx::work held(holder);
    held.exec("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");
    waited = database.Migrate();
  }
  ASSERT_FALSE(waited.ok()) << "the migration waited on behind the lock";
  EXPECT_EQ(waited.error().code, ErrorCode::kUnavailable) << waited.error().Message();
  EXPECT_NE(waited.error().Message().find("0001_init"), std::string::npos)
      << waited.error().Message();
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(schema::Migrations().size() - 1));
  EXPECT_TRUE(database.Migrate().ok());
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(schema::Migrations().size()));
}

// The migrations' own lock is bounded too: a session holding it (a server gone mid-migration
// whose connection PostgreSQL has not noticed is lost) makes start-up try again, answering a
// stop signal between attempts, instead of waiting as long as that session lives.
TEST(MigrationTest, AMigrationWaitingTooLongForTheMigrationLockIsUnavailable) {
  TestDatabase db(/*migrate=*/false);
  store::Database database(WithShortLockWaits(db));
  pqxx::connection holder(db.url());
  pqxx::nontransaction session(holder);
  // The server's key, "disposal" in ASCII.
  session.exec("SELECT pg_advisory_lock(x'646973706f73616c'::bigint)");
  std::promise<Status> waited;
  std::future<Status> result = waited.get_future();
  std::thread migrating([&] { waited.set_value(database.Migrate()); });
  // Sixty times the bound; the lock is held throughout, so without the bound no answer comes.
  const bool answered = result.wait_for(std::chrono::seconds(12)) == std::future_status::ready;
  session.exec("SELECT pg_advisory_unlock(x'646973706f73616c'::bigint)");
  migrating.join();
  ASSERT_TRUE(answered) << "the migration waited on behind the migration lock";
  const Status status = result.get();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable) << status.error().Message();
  EXPECT_TRUE(database.Migrate().ok());
}

TEST(MigrationTest, ChangedMigrationTextIsRefused) {
  TestDatabase db;
  db.Query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
  Status status = db.database().Migrate();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
}

// In production the server logs in as a role that is only a member of disposal_app, with no
// right to create in the schema: once every migration is applied, its start-up must pass.
TEST(MigrationTest, AServerLoginWithoutCreateRightsStartsOnAMigratedDatabase) {
  TestDatabase db;
  db.Query("DROP ROLE IF EXISTS app_login; CREATE ROLE app_login LOGIN IN ROLE disposal_app");
  std::string url = db.url();
  url.replace(url.find("postgres@"), std::string("postgres@").size(), "app_login@");
  Status status = OkStatus();
  {
    store::DatabaseOptions options;
    options.url = url;
    options.pool_size = 1;
    store::Database database(options);
    status = database.Migrate();
  }
  db.Query("DROP ROLE app_login");
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

int PortOf(const std::string& url) {
  const size_t colon = url.rfind(':');
  return std::stoi(url.substr(colon + 1, url.rfind('/') - colon - 1));
}

// Options that reach `db` through `proxy`, which a test can cut and restore.
store::DatabaseOptions ThroughProxy(const TestDatabase& db, const TcpProxy& proxy) {
  store::DatabaseOptions options;
  options.url = "postgresql://postgres@127.0.0.1:" + std::to_string(proxy.port()) + "/" + db.name();
  options.connect_timeout = std::chrono::seconds(2);
  return options;
}

TEST(OutageTest, UnreachableDatabaseIsUnavailableAndServiceRecoversWithoutRestart) {
  TestDatabase db;
  TcpProxy proxy(PortOf(db.url()));
  store::Database database(ThroughProxy(db, proxy));
  store::PgClaimRepository repository(database);
  domain::ClaimRegistry registry(repository, [] { return domain::Date{2026, 11, 28}; });
  const std::string missing = "00000000-0000-4000-8000-000000000000";
  ASSERT_EQ(registry.Get(missing).error().code, ErrorCode::kNotFound);

  proxy.Cut();
  Result<domain::Claim> during = registry.Get(missing);
  ASSERT_FALSE(during.ok());
  EXPECT_EQ(during.error().code, ErrorCode::kUnavailable) << during.error().Message();
  EXPECT_EQ(registry.Get(missing).error().code, ErrorCode::kUnavailable);

  proxy.Restore();
  EXPECT_EQ(registry.Get(missing).error().code, ErrorCode::kNotFound);
}

// Runs `calls` transactions at once, each holding its connection until all of them are inside
// theirs, so that each has a connection of its own. Returns how many got that far and
// succeeded: fewer when the pool could not give them a connection each (the wait for the others
// is bounded at 20 s).
int SucceededTogether(store::Database& database, int calls) {
  std::mutex mutex;
  std::condition_variable all_inside;
  int inside = 0;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < calls; ++i) {
    threads.emplace_back([&] {
      Result<Ok> held = database.pool().InTransaction<Ok>([&](pqxx::work& txn) -> Status {
        txn.exec("SELECT 1");
        std::unique_lock<std::mutex> lock(mutex);
        ++inside;
        all_inside.notify_all();
        if (!all_inside.wait_for(lock, std::chrono::seconds(20), [&] { return inside >= calls; })) {
          return Error::Unavailable("the others never got a connection");
        }
        return OkStatus();
      });
      if (held.ok()) ++succeeded;
    });
  }
  for (std::thread& thread : threads) thread.join();
  return succeeded;
}

// PostgreSQL went away and came back while no call was made: the pool's connections are dead
// yet look open. The first call after is run again on a new connection, and the other idle
// connections are replaced with it, so no call fails for them.
TEST(OutageTest, ConnectionsLostWhileIdleFailNoCallOnceTheDatabaseIsBack) {
  TestDatabase db;
  TcpProxy proxy(PortOf(db.url()));
  store::DatabaseOptions options = ThroughProxy(db, proxy);
  options.pool_size = 3;
  store::Database database(options);
  store::PgClaimRepository repository(database);
  domain::ClaimRegistry registry(repository, [] { return domain::Date{2026, 11, 28}; });
  ASSERT_EQ(SucceededTogether(database, 3), 3);  // three connections open

  proxy.Cut();
  proxy.Restore();
  const Result<domain::Claim> first = registry.Get("00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::kNotFound) << first.error().Message();
  EXPECT_EQ(database.pool().lost_connection_retries(), 1u);
  // The other two dead connections went with the first: none is met again.
  EXPECT_EQ(SucceededTogether(database, 3), 3);
  EXPECT_EQ(database.pool().lost_connection_retries(), 1u);
}

// The health check answers from a connection of its own: a pool whose every connection is
// busy says nothing about the database being reachable.
TEST(HealthProbeTest, PingAnswersWhileEveryPooledConnectionIsBusy) {
  TestDatabase db;
  store::DatabaseOptions options;
  options.url = db.url();
  options.pool_size = 1;
  options.acquire_timeout = std::chrono::milliseconds(100);
  store::Database database(options);
  std::atomic<bool> done{false};
  // Busy until the test cancels it, however slow the machine (the sleep only bounds a test
  // that fails half-way).
  std::thread busy([&] {
    (void)database.pool().InTransaction<Ok>([](pqxx::work& txn) -> Status {
      txn.exec("SELECT pg_sleep(120)");
      return OkStatus();
    });
    done = true;
  });
  const std::string busy_query =
      "FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%' AND pid <> "
      "pg_backend_pid()";
  const auto sleeping = [&] { return db.Query("SELECT count(*) " + busy_query) == "1"; };
  bool pool_taken = false;
  for (int i = 0; i < 1500 && !done && !(pool_taken = sleeping()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const Status pinged = database.Ping();
  const bool pool_was_busy = !done;
  db.Query("SELECT count(pg_cancel_backend(pid)) " + busy_query);
  busy.join();
  ASSERT_TRUE(pool_taken) << "the pool's one connection was never seen busy";
  ASSERT_TRUE(pool_was_busy);
  EXPECT_TRUE(pinged.ok()) << pinged.error().Message();
}

TEST(HealthProbeTest, PingFailsWhileTheDatabaseIsAwayAndRecoversWithoutRestart) {
  TestDatabase db;
  TcpProxy proxy(PortOf(db.url()));
  store::Database database(ThroughProxy(db, proxy));
  ASSERT_TRUE(database.Ping().ok());
  proxy.Cut();
  EXPECT_FALSE(database.Ping().ok());
  proxy.Restore();
  EXPECT_TRUE(database.Ping().ok());
}

}  // namespace
}  // namespace disposal::testing
