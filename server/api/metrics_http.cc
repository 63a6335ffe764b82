#include "api/metrics_http.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>

#include "log/log.h"

namespace disposal::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kConnectionTime{5};
constexpr std::chrono::milliseconds kAcceptRetry{100};
constexpr size_t kRequestBytesMax = 8 * 1024;

}  // namespace

class MetricsHttpServer::Impl {
 public:
  explicit Impl(const Metrics& metrics) : metrics_(metrics), acceptor_(io_), retry_(io_) {}

  Status Listen(const tcp::endpoint& endpoint) {
    boost::system::error_code error;
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) return Error::Unavailable("cannot listen for metrics: " + error.message());
    port_ = acceptor_.local_endpoint().port();
    Accept();
    thread_ = std::thread([this] { Run(); });
    return OkStatus();
  }

  ~Impl() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return port_; }

 private:
  // One connection at a time: the next is accepted once this one is answered or timed out.
  struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer{kRequestBytesMax};
    http::request_parser<http::empty_body> parser;
    http::response<http::string_body> response;
  };

  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted) return;
      if (error) {
        // Out of descriptors, say: try again a little later rather than spin.
        retry_.expires_after(kAcceptRetry);
        retry_.async_wait([this](boost::system::error_code waited) {
          if (waited != asio::error::operation_aborted) Accept();
        });
        return;
      }
      Read(std::make_shared<Connection>(std::move(socket)));
    });
  }

  // The thread's loop: a handler that throws (out of memory while formatting) loses that
  // scrape, not the server.
  void Run() {
    const auto busy = asio::make_work_guard(io_);  // run() returns only once stopped
    while (!io_.stopped()) {
      try {
        io_.run();
      } catch (const std::exception& error) {
        log::Warning("metrics_request_failed", {{"reason", error.what()}});
        Accept();  // that connection's turn is over
      }
    }
  }

  void Read(std::shared_ptr<Connection> connection) {
    connection->parser.header_limit(kRequestBytesMax);
    connection->stream.expires_after(kConnectionTime);
    http::async_read(connection->stream, connection->buffer, connection->parser,
                     [this, connection](boost::system::error_code error, size_t) {
                       if (error) return Close(connection);
                       Answer(connection);
                     });
  }

  void Answer(std::shared_ptr<Connection> connection) {
    const auto& request = connection->parser.get();
    auto& response = connection->response;
    response.version(request.version());
    response.keep_alive(false);
    if (request.target() != "/metrics") {
      response.result(http::status::not_found);
      response.body() = "only /metrics is served here\n";
    } else if (request.method() != http::verb::get && request.method() != http::verb::head) {
      response.result(http::status::method_not_allowed);
      response.set(http::field::allow, "GET, HEAD");
      response.body() = "GET /metrics\n";
    } else {
      response.result(http::status::ok);
      response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      response.body() = metrics_.Exposition();
    }
    response.prepare_payload();
    if (request.method() == http::verb::head) response.body().clear();
    connection->stream.expires_after(kConnectionTime);
    http::async_write(connection->stream, response,
                      [this, connection](boost::system::error_code, size_t) { Close(connection); });
  }

  void Close(const std::shared_ptr<Connection>& connection) {
    boost::system::error_code ignored;
    connection->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    connection->stream.close();
    Accept();
  }

  const Metrics& metrics_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
  int port_ = 0;
  std::thread thread_;
};

MetricsHttpServer::MetricsHttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MetricsHttpServer::~MetricsHttpServer() = default;

int MetricsHttpServer::port() const { return impl_->port(); }

Result<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(const std::string& address,
                                                                    const Metrics& metrics) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
    return Error::InvalidArgument("metrics_listen", "must be host:port, got \"" + address + "\"");
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code error;
  const asio::ip::address ip = asio::ip::make_address(host, error);
  const std::string port_text = address.substr(colon + 1);
  const bool digits =
      port_text.size() <= 5 && port_text.find_first_not_of("0123456789") == std::string::npos;
  const int port = digits ? std::stoi(port_text) : -1;
  if (error || port < 0 || port > 65535) {
    return Error::InvalidArgument("metrics_listen",
                                  "must be an IP address and a port, got \"" + address + "\"");
  }
  auto impl = std::make_unique<Impl>(metrics);
  if (Status listening = impl->Listen(tcp::endpoint(ip, static_cast<uint16_t>(port)));
      !listening.ok()) {
    return listening.error();
  }
  return std::unique_ptr<MetricsHttpServer>(new MetricsHttpServer(std::move(impl)));
}

}  // namespace disposal::api
