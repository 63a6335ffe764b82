// Every server caches tokens and forgets them all when told a token changed
// (NOTIFY access_tokens_changed). Against a real PostgreSQL: a revocation tells them; an
// UPDATE that changes no token (revoking one already revoked) tells them nothing, so that it
// cannot have every server look every token up again at once. And each revocation is counted,
// so that a server told by a NOTIFY that anyone connected can send forgets only on a real one.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>

#include "store/token_store.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

class Counter : public pqxx::notification_receiver {
 public:
  explicit Counter(pqxx::connection_base& connection)
      : pqxx::notification_receiver(connection, "access_tokens_changed") {}
  void operator()(const std::string&, int) override { ++count; }
  int count = 0;
};

class TokenNotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.Query(
        "INSERT INTO access_tokens (id, name, role, secret_sha256, created_by) VALUES "
        "('0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f', 'exchange-1', 'partner', "
        "sha256('secret'::bytea), 'tester')");
  }

  // Notifications received after revoking the token (an UPDATE as the server makes it).
  int NotificationsOfARevocation() {
    pqxx::connection listening(db_.url());
    Counter counter(listening);
    db_.Query(
        "UPDATE access_tokens SET revoke_time = now(), revoked_by = 'admin' "
        "WHERE id = '0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f' AND revoke_time IS NULL");
    // Delivered at the other session's commit; a second's wait is plenty on any machine, and a
    // notification missing after it fails the test that expects one.
    listening.await_notification(1, 0);
    listening.get_notifs();
    return counter.count;
  }

  int64_t ChangeCount() {
    store::PgTokenRepository tokens(db_.database());
    const Result<int64_t> count = tokens.ChangeCount();
    EXPECT_TRUE(count.ok()) << count.error().Message();
    return count.ok() ? count.value() : -1;
  }

  TestDatabase db_;
};

TEST_F(TokenNotifyTest, ARevocationTellsTheServersToForgetTheirTokens) {
  EXPECT_EQ(NotificationsOfARevocation(), 1);
}

TEST_F(TokenNotifyTest, RevokingATokenAlreadyRevokedTellsThemNothing) {
  ASSERT_EQ(NotificationsOfARevocation(), 1);
  EXPECT_EQ(NotificationsOfARevocation(), 0);
}

TEST_F(TokenNotifyTest, ARevocationIsCounted) {
  const int64_t before = ChangeCount();
  ASSERT_EQ(NotificationsOfARevocation(), 1);
  EXPECT_EQ(ChangeCount(), before + 1);
}

TEST_F(TokenNotifyTest, RevokingATokenAlreadyRevokedCountsNothing) {
  ASSERT_EQ(NotificationsOfARevocation(), 1);
  const int64_t after_first = ChangeCount();
  ASSERT_EQ(NotificationsOfARevocation(), 0);
  EXPECT_EQ(ChangeCount(), after_first);
}

}  // namespace
}  // namespace disposal::testing
