// A registry import's upload is bounded in total, not only between chunks: a client that
// trickles a file in keeps neither a server thread nor one of its import slots past the bound,
// and nothing of that file is applied. Real PostgreSQL; the bound is one second here.
#include <chrono>
#include <thread>

#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

class RegistryImportDeadlineTest : public EligibilityFixture {
 protected:
  std::chrono::seconds ImportUploadMax() const override { return std::chrono::seconds(1); }
};

TEST_F(RegistryImportDeadlineTest, AnUploadStillArrivingPastItsBoundIsRefusedAndAppliesNothing) {
  grpc::ClientContext context;
  v1::ImportRegistryResponse response;
  auto writer = registry_stub_->ImportRegistry(&context, &response);
  v1::ImportRegistryChunk chunk;
  chunk.set_data("person," + NationalId("19800101", 31) + ",甲\n");
  ASSERT_TRUE(writer->Write(chunk));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  chunk.set_data("person," + NationalId("19800101", 32) + ",乙\n");
  chunk.set_last(true);
  writer->Write(chunk);
  writer->WritesDone();

  const grpc::Status status = writer->Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_NE(status.error_message().find("--import-upload-seconds"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(RegistryImportDeadlineTest, AnUploadThatEndsWithinItsBoundIsApplied) {
  v1::ImportRegistryResponse response;
  const grpc::Status status = Import("person," + NationalId("19800101", 33) + ",丙\n", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.applied());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "1");
}

}  // namespace
}  // namespace disposal::testing
