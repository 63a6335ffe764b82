// The metrics endpoint: `GET /metrics` over plain HTTP/1.1 on an address of its own (for a
// Prometheus scraper inside the cluster), nothing else. One connection at a time, each bounded
// to 5 s and an 8 KiB request, on one thread of its own: a scraper needs no more, and nothing
// reaching the port can hold more of the server than that.
#ifndef DISPOSAL_SERVER_API_METRICS_HTTP_H_
#define DISPOSAL_SERVER_API_METRICS_HTTP_H_

#include <memory>
#include <string>

#include "api/metrics.h"
#include "domain/result.h"

namespace disposal::api {

class MetricsHttpServer {
 public:
  // Listens on `address` ("host:port"; port 0 picks a free one) and serves `metrics`, which
  // must outlive the server. INVALID_ARGUMENT (field "metrics_listen") for an address that
  // does not parse, UNAVAILABLE when it cannot be bound.
  static Result<std::unique_ptr<MetricsHttpServer>> Start(const std::string& address,
                                                          const Metrics& metrics);
  ~MetricsHttpServer();  // stops listening, and drops a connection in progress

  int port() const;

  class Impl;

 private:
  explicit MetricsHttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_METRICS_HTTP_H_
