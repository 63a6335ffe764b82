// The listener that brings other servers' changes (registry, disposals, revocations) to this
// one, against a real PostgreSQL reached through a proxy the test cuts: it says when it is not
// listening, so that the server's health can report an index that may miss changes, and it
// reports every channel again once it listens anew.
#include "store/notification_listener.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "store/database.h"
#include "support/tcp_proxy.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

using std::chrono::milliseconds;

int PortOf(const std::string& url) {
  const size_t colon = url.rfind(':');
  return std::stoi(url.substr(colon + 1, url.rfind('/') - colon - 1));
}

// Polls `condition` every 20 ms for up to 20 s.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 1000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return condition();
}

class NotificationListenerTest : public ::testing::Test {
 protected:
  NotificationListenerTest() : proxy_(PortOf(db_.url())) {
    store::DatabaseOptions options;
    options.url =
        "postgresql://postgres@127.0.0.1:" + std::to_string(proxy_.port()) + "/" + db_.name();
    options.connect_timeout = std::chrono::seconds(2);
    database_ = std::make_unique<store::Database>(options);
  }

  // Starts listening on "registry_changed", counting the channel's reports.
  void Listen() {
    listener_ = std::make_unique<store::NotificationListener>(
        *database_, std::vector<std::string>{"registry_changed"}, [this](const std::string&) {
          std::lock_guard<std::mutex> lock(mutex_);
          ++reports_;
        });
  }

  int reports() {
    std::lock_guard<std::mutex> lock(mutex_);
    return reports_;
  }

  TestDatabase db_{/*migrate=*/false};
  TcpProxy proxy_;
  std::unique_ptr<store::Database> database_;
  std::mutex mutex_;
  int reports_ = 0;
  std::unique_ptr<store::NotificationListener> listener_;
};

TEST_F(NotificationListenerTest, AListenerThatListensIsNotReportedAsNotListening) {
  Listen();
  ASSERT_TRUE(Eventually([this] { return reports() >= 1; }));  // reported on connecting
  EXPECT_FALSE(listener_->NotListeningLongerThan(milliseconds(0)));
}

TEST_F(NotificationListenerTest, ALostConnectionIsReportedUntilItListensAgain) {
  Listen();
  ASSERT_TRUE(Eventually([this] { return reports() >= 1; }));
  proxy_.Cut();
  EXPECT_TRUE(Eventually([this] { return listener_->NotListeningLongerThan(milliseconds(0)); }));
  const int before = reports();
  proxy_.Restore();
  EXPECT_TRUE(Eventually([this] { return !listener_->NotListeningLongerThan(milliseconds(0)); }));
  // Whatever changed meanwhile is reported once it listens again.
  EXPECT_TRUE(Eventually([&] { return reports() > before; }));
}

TEST_F(NotificationListenerTest, AListenerThatNeverConnectedIsReportedAsNotListening) {
  proxy_.Cut();
  Listen();
  EXPECT_TRUE(Eventually([this] { return listener_->NotListeningLongerThan(milliseconds(0)); }));
  EXPECT_FALSE(listener_->NotListeningLongerThan(std::chrono::hours(1)));
  EXPECT_EQ(reports(), 0);
}

}  // namespace
}  // namespace disposal::testing
