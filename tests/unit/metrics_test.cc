// The server's metrics in Prometheus' text format: calls counted by method and code, latency
// histograms that are cumulative and end in +Inf, made-up method names folded into one
// series, and gauges read at each scrape.
#include "api/metrics.h"

#include <gtest/gtest.h>

#include <string>

namespace disposal::api {
namespace {

constexpr char kGetClaim[] = "/disposal.v1.ClaimService/GetClaim";

Metrics Served() {
  return Metrics([](const std::string& method) { return method == kGetClaim; });
}

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, CallsAreCountedByMethodAndStatusCode) {
  Metrics metrics = Served();
  metrics.RecordCall(kGetClaim, 0, 100);
  metrics.RecordCall(kGetClaim, 5, 100);
  metrics.RecordCall(kGetClaim, 5, 100);
  const std::string text = metrics.Exposition();
  EXPECT_TRUE(Has(text,
                  "disposal_rpc_handled_total{method=\"/disposal.v1.ClaimService/GetClaim\","
                  "code=\"OK\"} 1"))
      << text;
  EXPECT_TRUE(Has(text,
                  "disposal_rpc_handled_total{method=\"/disposal.v1.ClaimService/GetClaim\","
                  "code=\"NOT_FOUND\"} 2"))
      << text;
}

TEST(MetricsTest, MethodsTheServerDoesNotServeShareOneSeries) {
  Metrics metrics = Served();
  metrics.RecordCall("/made.up.Service/One", 12, 10);
  metrics.RecordCall("/made.up.Service/Two", 12, 10);
  const std::string text = metrics.Exposition();
  EXPECT_TRUE(Has(text, "disposal_rpc_handled_total{method=\"other\",code=\"UNIMPLEMENTED\"} 2"))
      << text;
  EXPECT_EQ(text.find("made.up"), std::string::npos) << text;
}

TEST(MetricsTest, LatencyBucketsAreCumulativeAndEndInInfinity) {
  Metrics metrics = Served();
  metrics.RecordCall(kGetClaim, 0, 400);         // within 0.5 ms
  metrics.RecordCall(kGetClaim, 0, 3'000);       // within 5 ms
  metrics.RecordCall(kGetClaim, 0, 60'000'000);  // a minute: past every bound
  const std::string text = metrics.Exposition();
  const std::string bucket =
      "disposal_rpc_duration_seconds_bucket{method=\"/disposal.v1.ClaimService/GetClaim\",le=\"";
  EXPECT_TRUE(Has(text, bucket + "0.000500\"} 1")) << text;
  EXPECT_TRUE(Has(text, bucket + "0.002500\"} 1")) << text;
  EXPECT_TRUE(Has(text, bucket + "0.005000\"} 2")) << text;
  EXPECT_TRUE(Has(text, bucket + "10.000000\"} 2")) << text;
  EXPECT_TRUE(Has(text, bucket + "+Inf\"} 3")) << text;
  EXPECT_TRUE(Has(text,
                  "disposal_rpc_duration_seconds_sum{method=\"/disposal.v1.ClaimService/"
                  "GetClaim\"} 60.003400"))
      << text;
  EXPECT_TRUE(Has(text,
                  "disposal_rpc_duration_seconds_count{method=\"/disposal.v1.ClaimService/"
                  "GetClaim\"} 3"))
      << text;
}

TEST(MetricsTest, SecondsArePrintedExactlyFromMicroseconds) {
  EXPECT_EQ(Metrics::Seconds(0), "0.000000");
  EXPECT_EQ(Metrics::Seconds(1), "0.000001");
  EXPECT_EQ(Metrics::Seconds(1'234'567), "1.234567");
  EXPECT_EQ(Metrics::Seconds(-5), "-0.000005");
}

TEST(MetricsTest, ReadoutsAreReadAtEachScrapeWithTheirType) {
  Metrics metrics = Served();
  int64_t version = 7;
  metrics.AddReadout("disposal_test_version", "A version.", false, [&version] {
    return std::vector<Sample>{{"", version}};
  });
  metrics.AddReadout("disposal_test_reads_total", "Reads.", true, [] {
    return std::vector<Sample>{{"served_by=\"replica\"", 3}};
  });
  EXPECT_TRUE(Has(metrics.Exposition(), "disposal_test_version 7"));
  version = 8;
  const std::string text = metrics.Exposition();
  EXPECT_TRUE(Has(text, "disposal_test_version 8")) << text;
  EXPECT_TRUE(Has(text, "# TYPE disposal_test_version gauge")) << text;
  EXPECT_TRUE(Has(text, "# TYPE disposal_test_reads_total counter")) << text;
  EXPECT_TRUE(Has(text, "disposal_test_reads_total{served_by=\"replica\"} 3")) << text;
}

TEST(MetricsTest, AReadoutOfMicrosecondsIsPrintedInSeconds) {
  Metrics metrics = Served();
  metrics.AddReadout("disposal_test_wait_seconds_total", "Waits.", true, [] {
    return std::vector<Sample>{{"", 1'250'000, true}};
  });
  const std::string text = metrics.Exposition();
  EXPECT_TRUE(Has(text, "disposal_test_wait_seconds_total 1.250000")) << text;
}

}  // namespace
}  // namespace disposal::api
