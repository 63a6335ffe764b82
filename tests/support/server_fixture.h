// A real disposal-server process on a free port over a fresh database, and disposalctl
// invocations against it.
#ifndef DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/build_paths.h"
#include "support/process.h"
#include "support/test_database.h"
#include "support/token_files.h"

namespace disposal::testing {

inline const std::string kServerBinary = BuiltBinary("disposal-server");
inline const std::string kCtlBinary = BuiltBinary("disposalctl");

// The value of the first "key": "value" pair in JSON text (our ids and codes have no quotes).
inline std::string JsonString(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return "";
  const size_t start = json.find('"', json.find(':', at)) + 1;
  return json.substr(start, json.find('"', start) - start);
}

// Makes an access token of `role` with the server's own `create-token` command (which also
// migrates the database) and writes its secret to `path`. Returns `path`.
inline std::string MakeTokenFile(const std::string& database_url, const std::string& role,
                                 const std::string& path) {
  std::remove(path.c_str());
  CommandResult made = RunCommand({kServerBinary, "--database-url", database_url, "create-token",
                                   "--name", "e2e-" + role, "--role", role, "--out", path});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  return path;
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = FreeTcpPort();
    log_path_ = "/tmp/disposal-e2e-" + std::to_string(port_) + ".log";
    for (const char* role : {"staff", "auditor", "partner", "admin"}) {
      token_files_[role] = IssueTokenFile(
          db_, role, "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + role + ".token");
    }
    StartServer(ExtraServerFlags());
  }

  // Flags a fixture adds to the server's command line (TLS files, say).
  virtual std::vector<std::string> ExtraServerFlags() { return {}; }

  void TearDown() override {
    for (const auto& [role, path] : token_files_) std::remove(path.c_str());
  }

  // Starts the server with `extra` flags (TLS, say) on port_ and waits until it reports itself
  // serving (its eligibility index loaded): an open port alone answers checks UNAVAILABLE.
  void StartServer(const std::vector<std::string>& extra) {
    std::vector<std::string> command{kServerBinary, "--listen", Address(), "--database-url",
                                     db_.url()};
    command.insert(command.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ChildProcess>(command, log_path_);
    ASSERT_TRUE(WaitForPort(port_, 30)) << ReadFile(log_path_);
    ASSERT_TRUE(WaitForFileText(log_path_, kServingLine, 60)) << ReadFile(log_path_);
  }

  static constexpr char kServingLine[] = "\"event\":\"health_changed\",\"serving\":\"true\"";

  std::string Address() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::string& TokenFile(const std::string& role) { return token_files_[role]; }

  // disposalctl as staff, the role of the people who run the service day to day.
  CommandResult Ctl(std::vector<std::string> args) { return CtlAs("staff", std::move(args)); }

  CommandResult CtlAs(const std::string& role, std::vector<std::string> args) {
    args.insert(args.begin(), {kCtlBinary, "--server", Address(), "--token-file", TokenFile(role)});
    return RunCommand(args);
  }

  // Runs a disposalctl command with --output json and returns the "id" it printed.
  std::string CtlId(std::vector<std::string> args) {
    args.insert(args.begin(), {"--output", "json"});
    CommandResult result = Ctl(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return JsonString(result.out, "id");
  }

  // An auditor's `decision replay DECISION`, retried (for up to 5 s) while the receipt is not
  // written yet: receipts are written off the request path.
  CommandResult ReplayOnceWritten(const std::string& decision) {
    CommandResult replayed;
    for (int attempt = 0; attempt < 50; ++attempt) {
      replayed = CtlAs("auditor", {"decision", "replay", decision});
      if (replayed.err.find("NOT_FOUND") == std::string::npos) break;
      usleep(100'000);
    }
    return replayed;
  }

  TestDatabase db_;
  std::map<std::string, std::string> token_files_;
  int port_ = 0;
  std::string log_path_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_
