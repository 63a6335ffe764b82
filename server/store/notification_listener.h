// A thread that LISTENs on PostgreSQL channels and reports changes, reconnecting on its own.
#ifndef DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_
#define DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"

namespace disposal::store {

class NotificationListener {
 public:
  // Calls `on_change(channel)` from its own thread once per wake-up for each channel that was
  // notified (bursts coalesce), and `on_change(channel)` for every channel after each
  // (re)connection, because notifications sent while disconnected are lost.
  NotificationListener(const Database& database, std::vector<std::string> channels,
                       std::function<void(const std::string&)> on_change);
  ~NotificationListener();
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

 private:
  void Run();
  void ListenOnce();

  std::string connection_string_;
  std::vector<std::string> channels_;
  std::function<void(const std::string&)> on_change_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_
