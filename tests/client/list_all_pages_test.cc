// `--all` against a stand-in ClaimService: a listing that stops at the page bound with pages
// left fails (exit 1, INCOMPLETE, naming the token to go on from), so that a script does not
// take part of the claims for all; a listing read to its end succeeds.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "client/claim_actions.h"
#include "disposal/v1/claims.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

// Answers each page with one claim, and a next page until `pages` have been served.
class PagedClaimService final : public disposal::v1::ClaimService::Service {
 public:
  explicit PagedClaimService(int pages) : pages_(pages) {}

  grpc::Status ListClaims(grpc::ServerContext*, const disposal::v1::ListClaimsRequest*,
                          disposal::v1::ListClaimsResponse* response) override {
    const int served = ++served_;
    response->add_claims()->set_title("claim " + std::to_string(served));
    if (served < pages_) response->set_next_page_token("after-" + std::to_string(served));
    return grpc::Status::OK;
  }

  int served() const { return served_.load(); }

 private:
  const int pages_;
  std::atomic<int> served_{0};
};

Status ListAll(PagedClaimService& service) {
  GlobalOptions global;
  global.output = OutputFormat::kJson;
  std::unique_ptr<grpc::Server> server = StartStandInServer(&service, "tester", &global);
  EXPECT_NE(server, nullptr);
  ListClaimsOptions options;
  options.all_pages = true;
  Status status = ListClaims(global, options);
  server->Shutdown();
  return status;
}

TEST(ListAllPagesTest, ListingStoppedAtThePageBoundWithPagesLeftFailsNamingTheToken) {
  PagedClaimService service(kListPagesMax + 5);
  const Status status = ListAll(service);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitRpcFailed);
  EXPECT_EQ(status.code_name(), "INCOMPLETE");
  EXPECT_NE(status.message().find("--page-token after-" + std::to_string(kListPagesMax)),
            std::string::npos)
      << status.message();
  EXPECT_EQ(service.served(), kListPagesMax);
}

TEST(ListAllPagesTest, ListingReadToItsLastPageSucceeds) {
  PagedClaimService service(3);
  EXPECT_TRUE(ListAll(service).ok());
  EXPECT_EQ(service.served(), 3);
}

// Exactly the bound, the last page without a token: all was read.
TEST(ListAllPagesTest, ListingWhoseLastPageIsTheBoundSucceeds) {
  PagedClaimService service(kListPagesMax);
  EXPECT_TRUE(ListAll(service).ok());
}

}  // namespace
}  // namespace disposalctl
