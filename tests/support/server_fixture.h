// A real disposal-server process on a free port over a fresh database, and disposalctl
// invocations against it.
#ifndef DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/test_database.h"

namespace disposal::testing {

inline const std::string kServerBinary = std::string(DISPOSAL_BIN_DIR) + "/disposal-server";
inline const std::string kCtlBinary = std::string(DISPOSAL_BIN_DIR) + "/disposalctl";

inline std::string RepoFile(const std::string& relative) {
  return std::string(DISPOSAL_SOURCE_DIR) + "/" + relative;
}

// The value of the first "key": "value" pair in JSON text (our ids and codes have no quotes).
inline std::string JsonString(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return "";
  const size_t start = json.find('"', json.find(':', at)) + 1;
  return json.substr(start, json.find('"', start) - start);
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = FreeTcpPort();
    log_path_ = "/tmp/disposal-e2e-" + std::to_string(port_) + ".log";
    server_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{kServerBinary, "--listen", Address(), "--database-url", db_.url()},
        log_path_);
    ASSERT_TRUE(WaitForPort(port_, 30)) << ReadFile(log_path_);
  }

  std::string Address() const { return "127.0.0.1:" + std::to_string(port_); }

  CommandResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {kCtlBinary, "--server", Address()});
    return RunCommand(args);
  }

  // Runs a disposalctl command with --output json and returns the "id" it printed.
  std::string CtlId(std::vector<std::string> args) {
    args.insert(args.begin(), {"--output", "json"});
    CommandResult result = Ctl(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return JsonString(result.out, "id");
  }

  TestDatabase db_;
  int port_ = 0;
  std::string log_path_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_SERVER_FIXTURE_H_
