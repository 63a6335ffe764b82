// `disposal-server create-token --out FILE` writes a bootstrap token's secret to a new file that
// only its owner can read, and never into a file that exists already or through a link.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

class CreateTokenEndToEnd : public ServerFixture {
 protected:
  std::string Scratch(const std::string& name) {
    const std::string path = "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + name;
    std::remove(path.c_str());
    return path;
  }

  CommandResult CreateTokenInto(const std::string& path) {
    return RunCommand({kServerBinary, "--database-url", db_.url(), "create-token", "--name",
                       "bootstrap-admin", "--role", "admin", "--out", path});
  }

  std::string TokenCount() {
    return db_.Query("SELECT count(*) FROM access_tokens WHERE name = 'bootstrap-admin'");
  }
};

TEST_F(CreateTokenEndToEnd, WritesTheSecretToANewFileOnlyItsOwnerCanRead) {
  const std::string path = Scratch("new.token");
  const CommandResult made = CreateTokenInto(path);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(ReadFile(path).rfind("dsp_", 0), 0u);
}

TEST_F(CreateTokenEndToEnd, RefusesAFileThatExistsAndIssuesNoToken) {
  const std::string path = Scratch("existing.token");
  std::ofstream(path) << "someone else's file\n";
  const CommandResult made = CreateTokenInto(path);
  EXPECT_EQ(made.exit_code, 1);
  EXPECT_NE(made.err.find("never overwritten"), std::string::npos) << made.err;
  EXPECT_EQ(ReadFile(path), "someone else's file\n");
  EXPECT_EQ(TokenCount(), "0");
}

TEST_F(CreateTokenEndToEnd, RefusesToWriteThroughASymbolicLink) {
  const std::string target = Scratch("target");
  std::ofstream(target) << "kept\n";
  const std::string link = Scratch("link.token");
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  const CommandResult made = CreateTokenInto(link);
  EXPECT_EQ(made.exit_code, 1);
  EXPECT_EQ(ReadFile(target), "kept\n");
  EXPECT_EQ(TokenCount(), "0");
}

}  // namespace
}  // namespace disposal::testing
