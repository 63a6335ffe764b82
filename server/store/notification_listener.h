// A thread that LISTENs on PostgreSQL channels and reports changes, reconnecting on its own.
#ifndef DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_
#define DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
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

  // Whether it has not been listening for longer than `grace`: since it started, or since its
  // connection was lost. Changes made meanwhile by others (another server's registry changes,
  // revocations) reach this one only once it listens again, so the server's health reports it.
  bool NotListeningLongerThan(std::chrono::milliseconds grace) const;

 private:
  void Run();
  void ListenOnce();

  std::string connection_string_;
  std::vector<std::string> channels_;
  std::function<void(const std::string&)> on_change_;
  std::atomic<bool> stopping_{false};
  // Steady-clock milliseconds since it has not been listening; 0 while it listens.
  std::atomic<int64_t> not_listening_since_millis_;
  std::thread thread_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_NOTIFICATION_LISTENER_H_
