#include "store/notification_listener.h"

#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <set>

#include "log/log.h"

namespace disposal::store {
namespace {

// Bounds how long the thread takes to notice it should stop, and the reconnect back-off.
constexpr int kAwaitSeconds = 1;
constexpr int kReconnectDelaySecondsMax = 5;

class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& connection, const std::string& channel,
           std::set<std::string>& notified)
      : pqxx::notification_receiver(connection, channel), notified_(notified) {}
  void operator()(const std::string&, int) override { notified_.insert(channel()); }

 private:
  std::set<std::string>& notified_;
};

}  // namespace

NotificationListener::NotificationListener(const Database& database,
                                           std::vector<std::string> channels,
                                           std::function<void(const std::string&)> on_change)
    : connection_string_(database.connection_string()),  // with the pool's keepalives
      channels_(std::move(channels)),
      on_change_(std::move(on_change)),
      thread_([this] { Run(); }) {}

NotificationListener::~NotificationListener() {
  stopping_ = true;
  thread_.join();
}

void NotificationListener::Run() {
  int delay_seconds = 1;
  while (!stopping_) {
    try {
      ListenOnce();
      delay_seconds = 1;
    } catch (const std::exception& e) {
      log::Warning("listener_disconnected", {{"reason", e.what()}});
      for (int waited = 0; waited < delay_seconds && !stopping_; ++waited) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
      delay_seconds = std::min(delay_seconds * 2, kReconnectDelaySecondsMax);
    }
  }
}

void NotificationListener::ListenOnce() {
  pqxx::connection connection(connection_string_);
  std::set<std::string> notified;
  std::vector<std::unique_ptr<Receiver>> receivers;
  for (const std::string& channel : channels_) {
    receivers.push_back(std::make_unique<Receiver>(connection, channel, notified));
  }
  // Anything may have changed while no one was listening.
  for (const std::string& channel : channels_) on_change_(channel);
  while (!stopping_) {
    connection.await_notification(kAwaitSeconds, 0);
    if (!connection.is_open()) throw pqxx::broken_connection("listener connection closed");
    std::set<std::string> batch;
    batch.swap(notified);
    for (const std::string& channel : batch) on_change_(channel);
  }
}

}  // namespace disposal::store
