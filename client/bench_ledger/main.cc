// disposal-ledger-bench: journal entries per second booked through disposal-server, at several
// client concurrencies. Each client thread books debtor payments of 0.01 against a claim of
// its own (RecordPayment: one journal entry with its postings, the payment row, the request id
// and an audit event, in one transaction), back to back for a fixed time. Prints one line per
// level, "clients=N entries=M seconds=S entries_per_second=R failed=F p50_us=X p99_us=Y",
// for deploy/local/bench-ledger to set beside pgbench's plain single-row inserts.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "disposal/v1/ledger.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string server;
  std::vector<std::string> claims;
  std::vector<int> concurrency = {1, 8, 32};
  int duration_seconds = 10;
  std::string run_tag = "run";
};

struct ThreadResult {
  int64_t booked = 0;
  int64_t failed = 0;
  std::string first_failure;
  std::vector<int64_t> latency_micros;
};

// "Bearer <token>" from DISPOSAL_TOKEN (a staff token the script makes), read once.
const std::string& Authorization() {
  static const std::string authorization = [] {
    const char* token = std::getenv("DISPOSAL_TOKEN");
    return token == nullptr ? std::string() : "Bearer " + std::string(token);
  }();
  return authorization;
}

disposal::v1::RecordPaymentRequest Payment(const std::string& claim_id, const std::string& id) {
  disposal::v1::RecordPaymentRequest request;
  request.set_claim_id(claim_id);
  request.mutable_amount()->set_currency_code("CNY");
  request.mutable_amount()->set_nanos(10'000'000);  // 0.01 yuan
  request.mutable_received_date()->set_year(2021);
  request.mutable_received_date()->set_month(7);
  request.mutable_received_date()->set_day(15);
  request.set_request_id(id);
  return request;
}

void BookUntil(disposal::v1::LedgerService::Stub* stub, const std::string& claim_id,
               const std::string& id_prefix, Clock::time_point deadline, ThreadResult* result) {
  disposal::v1::Payment response;
  for (int64_t n = 0; Clock::now() < deadline; ++n) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context.AddMetadata("x-disposal-actor", "disposal-ledger-bench");
    if (!Authorization().empty()) context.AddMetadata("authorization", Authorization());
    const auto started = Clock::now();
    const grpc::Status status =
        stub->RecordPayment(&context, Payment(claim_id, id_prefix + std::to_string(n)), &response);
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    if (status.ok()) {
      ++result->booked;
      result->latency_micros.push_back(micros);
    } else if (++result->failed == 1) {
      result->first_failure = status.error_message();
    }
  }
}

int64_t Percentile(std::vector<int64_t>& sorted, int percent) {
  if (sorted.empty()) return 0;
  const size_t index = (sorted.size() - 1) * static_cast<size_t>(percent) / 100;
  return sorted[index];
}

void RunLevel(const Options& options, int clients,
              const std::vector<std::shared_ptr<grpc::Channel>>& channels) {
  std::vector<ThreadResult> results(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::seconds(options.duration_seconds);
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      auto stub =
          disposal::v1::LedgerService::NewStub(channels[static_cast<size_t>(i) % channels.size()]);
      const std::string& claim = options.claims[static_cast<size_t>(i) % options.claims.size()];
      const std::string prefix = "bench-" + options.run_tag + "-c" + std::to_string(clients) +
                                 "-t" + std::to_string(i) + "-";
      BookUntil(stub.get(), claim, prefix, deadline, &results[static_cast<size_t>(i)]);
    });
  }
  for (std::thread& thread : threads) thread.join();
  const int64_t micros =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
  int64_t booked = 0, failed = 0;
  std::vector<int64_t> latency;
  std::string failure;
  for (ThreadResult& result : results) {
    booked += result.booked;
    failed += result.failed;
    if (failure.empty()) failure = result.first_failure;
    latency.insert(latency.end(), result.latency_micros.begin(), result.latency_micros.end());
  }
  std::sort(latency.begin(), latency.end());
  // Integer arithmetic: entries per second with two decimals, from counts and microseconds.
  const int64_t centi_rate = micros > 0 ? booked * 100'000'000 / micros : 0;
  std::cout << "clients=" << clients << " entries=" << booked << " seconds=" << micros / 1'000'000
            << "." << (micros / 10'000) % 100 << " entries_per_second=" << centi_rate / 100
            << " failed=" << failed << " p50_us=" << Percentile(latency, 50)
            << " p99_us=" << Percentile(latency, 99) << std::endl;
  if (!failure.empty()) std::cerr << "[ledger-bench] first failure: " << failure << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("disposal-ledger-bench: journal entries per second through disposal-server",
               "disposal-ledger-bench");
  Options options;
  app.add_option("--server", options.server, "Server address, HOST:PORT")->required();
  app.add_option("--claims", options.claims, "Claim ids; client thread i books on claim i % n")
      ->required()
      ->delimiter(',');
  app.add_option("--concurrency", options.concurrency, "Client thread counts, e.g. 1,8,32")
      ->delimiter(',')
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--duration-seconds", options.duration_seconds, "Seconds per level")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  app.add_option("--run-tag", options.run_tag, "Part of every request id, unique per run")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const int channel_count =
      std::min<int>(4, *std::max_element(options.concurrency.begin(), options.concurrency.end()));
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < channel_count; ++i) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(
        grpc::CreateCustomChannel(options.server, grpc::InsecureChannelCredentials(), arguments));
  }
  for (int clients : options.concurrency) RunLevel(options, clients, channels);
  return 0;
}
