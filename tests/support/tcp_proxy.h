// A loopback TCP forwarder that a test can cut and restore, to make PostgreSQL unreachable
// for the code under test without stopping the cluster other tests share.
#ifndef DISPOSAL_TESTS_SUPPORT_TCP_PROXY_H_
#define DISPOSAL_TESTS_SUPPORT_TCP_PROXY_H_

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace disposal::testing {

class TcpProxy {
 public:
  // Listens on a free loopback port and forwards every connection to 127.0.0.1:upstream_port.
  explicit TcpProxy(int upstream_port);
  ~TcpProxy();

  int port() const { return port_; }

  // Closes every forwarded connection and refuses new ones (the port stops listening).
  void Cut();
  // Listens again on the same port.
  void Restore();

 private:
  void Listen();
  void AcceptLoop();
  static void Pump(int client, int upstream, std::atomic<bool>* stop);

  int upstream_port_;
  int port_ = 0;
  int listener_ = -1;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<int> sockets_;
  std::vector<std::thread> pumps_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_TCP_PROXY_H_
