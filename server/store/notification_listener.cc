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

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

NotificationListener::NotificationListener(const Database& database,
                                           std::vector<std::string> channels,
                                           std::function<void(const std::string&)> on_change)
    : connection_string_(database.connection_string()),  // with the pool's keepalives
      channels_(std::move(channels)),
      on_change_(std::move(on_change)),
      not_listening_since_millis_(SteadyMillis()),
      thread_([this] { Run(); }) {}

bool NotificationListener::NotListeningLongerThan(std::chrono::milliseconds grace) const {
  const int64_t since = not_listening_since_millis_.load();
  return since != 0 && SteadyMillis() - since > grace.count();
}

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
      int64_t listening = 0;
      not_listening_since_millis_.compare_exchange_strong(listening, SteadyMillis());
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
  // LISTEN takes effect at once (outside a transaction): from here nothing is missed.
  not_listening_since_millis_ = 0;
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
