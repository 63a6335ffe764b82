#include "support/tcp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace disposal::testing {
namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

}  // namespace

TcpProxy::TcpProxy(int upstream_port) : upstream_port_(upstream_port) { Listen(); }

TcpProxy::~TcpProxy() { Cut(); }

void TcpProxy::Listen() {
  // CLOEXEC: a server process the test forks must not inherit the proxy's sockets, or a cut
  // would leave the port open in the child.
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int yes = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address = Loopback(port_);
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 64) != 0) {
    close(listener_);
    listener_ = -1;
    throw std::runtime_error("proxy cannot listen");
  }
  socklen_t length = sizeof address;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  stop_ = false;
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

void TcpProxy::AcceptLoop() {
  while (!stop_) {
    pollfd fd{listener_, POLLIN, 0};
    if (poll(&fd, 1, 50) <= 0) continue;
    const int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int upstream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = Loopback(upstream_port_);
    if (connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      close(client);
      close(upstream);
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_.push_back(client);
    sockets_.push_back(upstream);
    pumps_.emplace_back(Pump, client, upstream, &stop_);
  }
}

void TcpProxy::Pump(int client, int upstream, std::atomic<bool>* stop) {
  pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
  char buffer[65536];
  while (!*stop) {
    if (poll(fds, 2, 50) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) return;
      if (write(fds[1 - i].fd, buffer, static_cast<size_t>(n)) != n) return;
    }
  }
}

void TcpProxy::Cut() {
  if (listener_ < 0) return;
  stop_ = true;
  acceptor_.join();
  close(listener_);
  listener_ = -1;
  std::lock_guard<std::mutex> lock(mutex_);
  for (std::thread& pump : pumps_) pump.join();
  for (int fd : sockets_) {
    shutdown(fd, SHUT_RDWR);
    close(fd);
  }
  pumps_.clear();
  sockets_.clear();
}

void TcpProxy::Restore() {
  if (listener_ < 0) Listen();
}

}  // namespace disposal::testing
