// The metrics endpoint with the real server: a call made with disposalctl is counted by method
// and status code on GET /metrics, the eligibility index's version is there once loaded, any
// other path is 404, and an address that does not parse stops the server at start.
#include <string>
#include <vector>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class MetricsEndToEnd : public ServerFixture {
 protected:
  std::vector<std::string> ExtraServerFlags() override {
    metrics_port_ = FreeTcpPort();
    return {"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port_)};
  }

  int metrics_port_ = 0;
};

TEST_F(MetricsEndToEnd, ACallIsCountedByMethodAndStatusCode) {
  const CommandResult missing = Ctl({"claim", "get", "00000000-0000-4000-8000-000000000000"});
  ASSERT_NE(missing.exit_code, 0) << missing.out;
  const std::string response = HttpGet(metrics_port_, "/metrics");
  EXPECT_EQ(response.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << response;
  EXPECT_NE(response.find("disposal_rpc_handled_total{method=\"/disposal.v1.ClaimService/"
                          "GetClaim\",code=\"NOT_FOUND\"} 1\n"),
            std::string::npos)
      << response;
  EXPECT_NE(response.find("disposal_rpc_duration_seconds_count{method=\"/disposal.v1."
                          "ClaimService/GetClaim\"} 1\n"),
            std::string::npos)
      << response;
}

TEST_F(MetricsEndToEnd, TheLoadedIndexVersionIsTheRegistrysVersion) {
  const std::string version = db_.Query("SELECT max(version) FROM registry_versions");
  const std::string response = HttpGet(metrics_port_, "/metrics");
  EXPECT_EQ(MetricValue(response, "disposal_eligibility_index_registry_version"),
            std::stoll(version))
      << response;
}

TEST_F(MetricsEndToEnd, AnyOtherPathIsNotFound) {
  const std::string response = HttpGet(metrics_port_, "/");
  EXPECT_EQ(response.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0u) << response;
}

TEST_F(MetricsEndToEnd, AMetricsAddressThatDoesNotParseStopsTheServerAtStart) {
  const CommandResult started =
      RunCommand({kServerBinary, "--listen", "127.0.0.1:" + std::to_string(FreeTcpPort()),
                  "--database-url", db_.url(), "--metrics-listen", "localhost"});
  EXPECT_EQ(started.exit_code, 2);
  EXPECT_NE(started.err.find("must be host:port"), std::string::npos) << started.err;
}

}  // namespace
}  // namespace disposal::testing
