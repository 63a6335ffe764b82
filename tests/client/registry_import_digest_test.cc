// registry import --expect-sha256 against a stand-in RegistryService: input whose digest is not
// the one expected is refused before the chunk that lets the server apply it (the call is
// cancelled), so a pipe cut short by a failing producer is never applied; the expected digest
// lets the upload end as usual.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "client/registry_actions.h"
#include "disposal/v1/eligibility.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

// Reads the upload; answers applied when its last chunk came.
class RecordingRegistryService final : public disposal::v1::RegistryService::Service {
 public:
  grpc::Status ImportRegistry(grpc::ServerContext*,
                              grpc::ServerReader<disposal::v1::ImportRegistryChunk>* reader,
                              disposal::v1::ImportRegistryResponse* response) override {
    disposal::v1::ImportRegistryChunk chunk;
    while (reader->Read(&chunk)) {
      if (chunk.last()) saw_last = true;
    }
    response->set_applied(saw_last.load());
    return grpc::Status::OK;
  }

  std::atomic<bool> saw_last{false};
};

// "a\n" as sha256sum prints it.
constexpr char kDigestOfA[] = "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7";

class RegistryImportDigestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("registry-digest-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path_) << "a\n";
    server_ = StartStandInServer(&service_, "tester", &global_);
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    server_->Shutdown();
    std::filesystem::remove(path_);
  }

  Status Import(const std::string& expected) {
    ImportRegistryOptions options;
    options.file = path_.string();
    options.expect_sha256 = expected;
    return ImportRegistry(global_, options);
  }

  RecordingRegistryService service_;
  GlobalOptions global_;
  std::unique_ptr<grpc::Server> server_;
  std::filesystem::path path_;
};

TEST_F(RegistryImportDigestTest, InputOfAnotherDigestIsRefusedBeforeTheLastChunk) {
  const std::string other(64, '0');
  const Status status = Import(other);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find(kDigestOfA), std::string::npos) << status.message();
  EXPECT_FALSE(service_.saw_last.load());
}

TEST_F(RegistryImportDigestTest, InputOfTheExpectedDigestIsSentWhole) {
  const Status status = Import(kDigestOfA);
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(service_.saw_last.load());
}

// Some tools print digests in upper case.
TEST_F(RegistryImportDigestTest, TheExpectedDigestInUpperCaseIsAccepted) {
  std::string upper = kDigestOfA;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const Status status = Import(upper);
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(service_.saw_last.load());
}

TEST_F(RegistryImportDigestTest, ADigestThatIsNotSixtyFourHexDigitsIsABadCommandLine) {
  const Status status = Import("87428FC5");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_FALSE(service_.saw_last.load());
}

}  // namespace
}  // namespace disposalctl
