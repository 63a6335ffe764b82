#include "client/token_view.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "client/token_actions.h"
#include "disposal/v1/access.grpc.pb.h"
#include "stand_in_server.h"

namespace disposalctl {
namespace {

namespace fs = std::filesystem;

using disposal::v1::AccessToken;
using disposal::v1::CreateTokenRequest;
using disposal::v1::CreateTokenResponse;

constexpr char kSecret[] = "dsp_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycA";
constexpr char kTokenId[] = "0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f";

// 2021-08-03T06:05:09Z: 14:05:09 in Shanghai.
constexpr std::int64_t kCreateSeconds = 1627970709;
constexpr std::int64_t kDaySeconds = 24 * 60 * 60;

AccessToken TestToken() {
  AccessToken token;
  token.set_id(kTokenId);
  token.set_name("wang.wei");
  token.set_role(disposal::v1::ROLE_STAFF);
  token.mutable_create_time()->set_seconds(kCreateSeconds);
  token.set_created_by("first-admin");
  return token;
}

CreateTokenResponse TestCreated() {
  CreateTokenResponse created;
  *created.mutable_token() = TestToken();
  created.mutable_token()->mutable_expire_time()->set_seconds(kCreateSeconds + 365 * kDaySeconds);
  created.set_secret(kSecret);
  return created;
}

CreateTokenOptions GoodCreateOptions() {
  CreateTokenOptions options;
  options.name = "wang.wei";
  options.role = "staff";
  options.valid_days = 365;
  return options;
}

std::string Printed(const CreateTokenResponse& created, OutputFormat format,
                    const std::string& secret_file) {
  std::ostringstream out;
  Status status = PrintCreatedToken(created, format, secret_file, out);
  EXPECT_TRUE(status.ok()) << status.message();
  return out.str();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A path in the test's own temporary folder, which SetUp leaves empty.
class TokenFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string(test->test_suite_name()) + "." +
                                             test->name() + "." + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  static std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

TEST(ParseRole, AcceptsEachOfTheFourRolesByItsName) {
  const std::vector<std::pair<std::string, disposal::v1::Role>> roles = {
      {"staff", disposal::v1::ROLE_STAFF},
      {"auditor", disposal::v1::ROLE_AUDITOR},
      {"partner", disposal::v1::ROLE_PARTNER},
      {"admin", disposal::v1::ROLE_ADMIN}};
  for (const auto& [text, expected] : roles) {
    disposal::v1::Role role = disposal::v1::ROLE_UNSPECIFIED;
    EXPECT_TRUE(ParseRole(text, &role).ok()) << text;
    EXPECT_EQ(role, expected) << text;
  }
}

TEST(ParseRole, RefusesAnUnknownRoleNamingTheOptionAndTheChoices) {
  disposal::v1::Role role = disposal::v1::ROLE_UNSPECIFIED;
  Status status = ParseRole("boss", &role);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(status.message(), "--role \"boss\" must be one of staff, auditor, partner, admin");
}

TEST(ParseRole, RefusesOtherSpellingsOfARole) {
  for (const char* text : {"unspecified", "4", "ROLE_ADMIN", "Admin", ""}) {
    disposal::v1::Role role = disposal::v1::ROLE_UNSPECIFIED;
    EXPECT_FALSE(ParseRole(text, &role).ok()) << text;
    EXPECT_EQ(role, disposal::v1::ROLE_UNSPECIFIED) << text;
  }
}

TEST(RoleName, IsTheShortLowerCaseName) {
  EXPECT_EQ(RoleName(disposal::v1::ROLE_AUDITOR), "auditor");
  EXPECT_EQ(RoleName(disposal::v1::ROLE_UNSPECIFIED), "unspecified");
}

TEST(BuildCreateTokenRequest, SetsNameRoleAndValidDaysWithANewRequestIdEachTime) {
  CreateTokenRequest first;
  CreateTokenRequest second;
  ASSERT_TRUE(BuildCreateTokenRequest(GoodCreateOptions(), &first).ok());
  ASSERT_TRUE(BuildCreateTokenRequest(GoodCreateOptions(), &second).ok());
  EXPECT_EQ(first.name(), "wang.wei");
  EXPECT_EQ(first.role(), disposal::v1::ROLE_STAFF);
  EXPECT_EQ(first.valid_days(), 365);
  EXPECT_EQ(first.request_id().size(), 36u) << first.request_id();
  EXPECT_NE(first.request_id(), second.request_id());
}

TEST(BuildCreateTokenRequest, AcceptsValidDaysFromZeroTo3650) {
  for (int valid_days : {0, kValidDaysMax}) {
    CreateTokenOptions options = GoodCreateOptions();
    options.valid_days = valid_days;
    CreateTokenRequest request;
    Status status = BuildCreateTokenRequest(options, &request);
    EXPECT_TRUE(status.ok()) << valid_days << ": " << status.message();
  }
}

TEST(BuildCreateTokenRequest, RefusesValidDaysOutsideZeroTo3650NamingTheOption) {
  for (int valid_days : {-1, kValidDaysMax + 1}) {
    CreateTokenOptions options = GoodCreateOptions();
    options.valid_days = valid_days;
    CreateTokenRequest request;
    Status status = BuildCreateTokenRequest(options, &request);
    EXPECT_EQ(status.exit_code(), kExitBadInput) << valid_days;
    EXPECT_TRUE(Contains(status.message(), "--valid-days")) << status.message();
  }
}

TEST(BuildCreateTokenRequest, AsksForATokenThatNeverExpiresWhenTold) {
  CreateTokenOptions options = GoodCreateOptions();
  options.valid_days = 0;
  options.never_expires = true;
  CreateTokenRequest request;
  ASSERT_TRUE(BuildCreateTokenRequest(options, &request).ok());
  EXPECT_TRUE(request.never_expires());
  EXPECT_EQ(request.valid_days(), 0);
}

TEST(BuildCreateTokenRequest, RefusesNeverExpiresWithALifetimeNamingBothOptions) {
  CreateTokenOptions options = GoodCreateOptions();
  options.never_expires = true;
  CreateTokenRequest request;
  Status status = BuildCreateTokenRequest(options, &request);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_TRUE(Contains(status.message(), "--never-expires")) << status.message();
  EXPECT_TRUE(Contains(status.message(), "--valid-days")) << status.message();
}

// What BuildCreateTokenRequest says of `options`: it must refuse them as bad input.
std::string RefusalOf(const CreateTokenOptions& options) {
  CreateTokenRequest request;
  Status status = BuildCreateTokenRequest(options, &request);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  return status.message();
}

TEST(BuildCreateTokenRequest, RefusesBothWaysOfNamingTheClientCertificate) {
  CreateTokenOptions options = GoodCreateOptions();
  options.client_cert = "/nonexistent/partner.pem";
  options.client_cert_sha256 = std::string(64, 'a');
  const std::string refusal = RefusalOf(options);
  EXPECT_TRUE(Contains(refusal, "not both")) << refusal;
}

TEST(BuildCreateTokenRequest, NamesAClientCertificateFileItCannotRead) {
  CreateTokenOptions options = GoodCreateOptions();
  options.client_cert = "/nonexistent/partner.pem";
  const std::string refusal = RefusalOf(options);
  EXPECT_TRUE(Contains(refusal, "--client-cert /nonexistent/partner.pem")) << refusal;
}

TEST(BuildCreateTokenRequest, PassesAGivenFingerprintOnForTheServerToRead) {
  CreateTokenOptions options = GoodCreateOptions();
  options.client_cert_sha256 = "AB:CD";
  CreateTokenRequest request;
  ASSERT_TRUE(BuildCreateTokenRequest(options, &request).ok());
  EXPECT_EQ(request.client_certificate_sha256(), "AB:CD");
}

TEST(BuildCreateTokenRequest, PassesAPartnersOwnCallQuotaOn) {
  CreateTokenOptions options = GoodCreateOptions();
  options.role = "partner";
  options.calls_per_second = 20000;
  CreateTokenRequest request;
  ASSERT_TRUE(BuildCreateTokenRequest(options, &request).ok());
  EXPECT_EQ(request.calls_per_second(), 20000);
}

TEST(BuildCreateTokenRequest, RefusesACallQuotaOutsideItsRangeNamingTheOption) {
  for (int calls : {-1, kCallsPerSecondMax + 1}) {
    CreateTokenOptions options = GoodCreateOptions();
    options.calls_per_second = calls;
    const std::string refusal = RefusalOf(options);
    EXPECT_TRUE(Contains(refusal, "--calls-per-second")) << calls << ": " << refusal;
  }
}

TEST(BuildCreateTokenRequest, RefusesACallQuotaForAnotherRoleNamingTheOption) {
  CreateTokenOptions options = GoodCreateOptions();
  options.role = "staff";
  options.calls_per_second = 5;
  const std::string refusal = RefusalOf(options);
  EXPECT_TRUE(Contains(refusal, "--calls-per-second")) << refusal;
  EXPECT_TRUE(Contains(refusal, "only partner tokens")) << refusal;
}

TEST(BuildCreateTokenRequest, RefusesAnUnknownRole) {
  CreateTokenOptions options = GoodCreateOptions();
  options.role = "root";
  CreateTokenRequest request;
  Status status = BuildCreateTokenRequest(options, &request);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_TRUE(Contains(status.message(), "--role")) << status.message();
}

TEST(BuildCreateTokenRequest, RefusesANameThatIsNotOneTo100PrintableAsciiCharacters) {
  for (const std::string& name :
       {std::string(), std::string(101, 'a'), std::string("张三"), std::string("wang\nwei")}) {
    CreateTokenOptions options = GoodCreateOptions();
    options.name = name;
    CreateTokenRequest request;
    Status status = BuildCreateTokenRequest(options, &request);
    EXPECT_EQ(status.exit_code(), kExitBadInput) << name;
    EXPECT_TRUE(Contains(status.message(), "--name")) << status.message();
  }
}

TEST(TokenTable, ShowsIdNameRoleCreatedCreatedByExpiresAndRevoked) {
  AccessToken token = TestToken();
  token.mutable_expire_time()->set_seconds(kCreateSeconds + 90 * kDaySeconds);
  token.mutable_revoke_time()->set_seconds(kCreateSeconds + kDaySeconds);
  Table table = NewTokenTable();
  AddTokenRow(token, &table);
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "id                                    name      role   calls/s  created              "
            "created by   expires              revoked              certificate\n"
            "------------------------------------  --------  -----  -------  -------------------  "
            "-----------  -------------------  -------------------  -----------\n"
            "0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f  wang.wei  staff        -  2021-08-03 14:05:09  "
            "first-admin  2021-11-01 14:05:09  2021-08-04 14:05:09  -\n");
}

TEST(TokenTable, ShowsTheStartOfABoundTokensCertificateFingerprint) {
  AccessToken token = TestToken();
  token.set_client_certificate_sha256("5f3b0c2a9d8e7f61" + std::string(48, '0'));
  Table table = NewTokenTable();
  AddTokenRow(token, &table);
  std::ostringstream out;
  table.Print(out);
  EXPECT_TRUE(Contains(out.str(), "  5f3b0c2a9d8e7f61...\n")) << out.str();
}

TEST(TokenTable, ShowsAPartnersOwnCallQuotaOrTheServers) {
  AccessToken own = TestToken();
  own.set_role(disposal::v1::ROLE_PARTNER);
  own.set_calls_per_second(20000);
  AccessToken servers = TestToken();
  servers.set_role(disposal::v1::ROLE_PARTNER);
  Table table = NewTokenTable();
  AddTokenRow(own, &table);
  AddTokenRow(servers, &table);
  std::ostringstream out;
  table.Print(out);
  EXPECT_TRUE(Contains(out.str(), "  partner    20000  ")) << out.str();
  EXPECT_TRUE(Contains(out.str(), "  partner   server  ")) << out.str();
}

TEST(TokenTable, ShowsNeverForNoExpiryAndADashWhileNotRevoked) {
  Table table = NewTokenTable();
  AddTokenRow(TestToken(), &table);
  std::ostringstream out;
  table.Print(out);
  EXPECT_TRUE(Contains(out.str(), "first-admin  never    -        -\n")) << out.str();
}

TEST(PrintTokenList, SaysWhenThereAreNoTokens) {
  std::ostringstream out;
  PrintTokenList(disposal::v1::ListTokensResponse(), false, out);
  EXPECT_EQ(out.str(), "no tokens\n");
}

TEST(PrintTokenList, PointsToAllWhenMoreTokensFollow) {
  disposal::v1::ListTokensResponse listed;
  *listed.add_tokens() = TestToken();
  listed.set_next_page_token("page-2");
  std::ostringstream out;
  PrintTokenList(listed, false, out);
  EXPECT_TRUE(Contains(out.str(), "\nmore tokens follow; --all lists every one.\n")) << out.str();
}

TEST(PrintTokenDetails, ShowsTheCertificateABoundTokenNeeds) {
  AccessToken token = TestToken();
  const std::string fingerprint(64, 'a');
  token.set_client_certificate_sha256(fingerprint);
  std::ostringstream out;
  PrintTokenDetails(token, out);
  EXPECT_TRUE(Contains(out.str(), "bound to    certificate SHA-256 " + fingerprint + "\n"))
      << out.str();
}

TEST(PrintTokenDetails, ShowsAPartnerTokensOwnCallQuota) {
  AccessToken token = TestToken();
  token.set_role(disposal::v1::ROLE_PARTNER);
  token.set_calls_per_second(20000);
  std::ostringstream out;
  PrintTokenDetails(token, out);
  EXPECT_TRUE(Contains(out.str(), "call quota  20000 calls a second\n")) << out.str();
}

TEST(PrintTokenDetails, SaysAPartnerTokenWithoutItsOwnQuotaHasTheServers) {
  AccessToken token = TestToken();
  token.set_role(disposal::v1::ROLE_PARTNER);
  std::ostringstream out;
  PrintTokenDetails(token, out);
  EXPECT_TRUE(Contains(out.str(), "call quota  the server's (--partner-calls-per-second)\n"))
      << out.str();
}

TEST(PrintTokenDetails, ShowsTheRevokeTimeInShanghai) {
  AccessToken token = TestToken();
  token.mutable_revoke_time()->set_seconds(kCreateSeconds + kDaySeconds);
  std::ostringstream out;
  PrintTokenDetails(token, out);
  EXPECT_EQ(out.str(),
            "id          0b9f3c1e-5d2a-4c7b-9e8f-1a2b3c4d5e6f\n"
            "name        wang.wei\n"
            "role        staff\n"
            "created     2021-08-03 14:05:09 Asia/Shanghai\n"
            "created by  first-admin\n"
            "expires     never\n"
            "revoked     2021-08-04 14:05:09 Asia/Shanghai\n"
            "bound to    no certificate\n");
}

TEST(PrintCreatedToken, ShowsTheDetailsAndTheSecretWithoutOut) {
  const std::string shown = Printed(TestCreated(), OutputFormat::kTable, "");
  EXPECT_TRUE(Contains(shown, "expires     2022-08-03 14:05:09 Asia/Shanghai\n")) << shown;
  EXPECT_TRUE(Contains(shown, std::string("secret      ") + kSecret + "\n")) << shown;
  EXPECT_TRUE(Contains(shown, "shown only this once")) << shown;
}

TEST(PrintCreatedToken, NeverPrintsTheSecretWhenItWentToAFile) {
  const std::string shown = Printed(TestCreated(), OutputFormat::kTable, "wang.wei.token");
  EXPECT_FALSE(Contains(shown, kSecret)) << shown;
  EXPECT_TRUE(Contains(shown, "secret      written to wang.wei.token (mode 0600)\n")) << shown;
}

TEST(PrintCreatedToken, LeavesTheSecretOutOfJsonWhenItWentToAFile) {
  const std::string shown = Printed(TestCreated(), OutputFormat::kJson, "wang.wei.token");
  EXPECT_FALSE(Contains(shown, kSecret)) << shown;
  EXPECT_TRUE(Contains(shown, "\"name\": \"wang.wei\"")) << shown;
}

TEST(PrintCreatedToken, PrintsTheWholeResponseAsJsonWithoutOut) {
  const std::string shown = Printed(TestCreated(), OutputFormat::kJson, "");
  EXPECT_TRUE(Contains(shown, std::string("\"secret\": \"") + kSecret + "\"")) << shown;
  EXPECT_TRUE(Contains(shown, "\"role\": \"ROLE_STAFF\"")) << shown;
}

TEST(PrintCreatedToken, SaysSoWhenTheServerSentNoSecret) {
  CreateTokenResponse created = TestCreated();
  created.clear_secret();
  const std::string shown = Printed(created, OutputFormat::kTable, "");
  EXPECT_TRUE(Contains(shown, "secret      none sent")) << shown;
}

TEST_F(TokenFileTest, SecretFileIsCreatedWithMode0600) {
  SecretFile file;
  ASSERT_TRUE(file.Create(PathOf("wang.wei.token")).ok());
  struct stat info {};
  ASSERT_EQ(stat(PathOf("wang.wei.token").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(TokenFileTest, SecretFileHoldsTheSecretAndANewlineOnceWritten) {
  {
    SecretFile file;
    ASSERT_TRUE(file.Create(PathOf("wang.wei.token")).ok());
    ASSERT_TRUE(file.Write(kSecret).ok());
  }
  EXPECT_EQ(Contents(PathOf("wang.wei.token")), std::string(kSecret) + "\n");
}

TEST_F(TokenFileTest, SecretFileRefusesToOverwriteAnExistingFile) {
  std::ofstream(PathOf("admin.token")) << "another token's secret\n";
  SecretFile file;
  Status status = file.Create(PathOf("admin.token"));
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_TRUE(Contains(status.message(), "--out")) << status.message();
  EXPECT_TRUE(Contains(status.message(), "already exists")) << status.message();
  EXPECT_EQ(Contents(PathOf("admin.token")), "another token's secret\n");
}

TEST_F(TokenFileTest, SecretFileRefusesASymbolicLink) {
  fs::create_symlink(PathOf("elsewhere"), PathOf("link.token"));
  SecretFile file;
  EXPECT_FALSE(file.Create(PathOf("link.token")).ok());
  EXPECT_FALSE(fs::exists(PathOf("elsewhere")));
}

TEST_F(TokenFileTest, SecretFileIsRemovedWhenNoSecretWasWritten) {
  {
    SecretFile file;
    ASSERT_TRUE(file.Create(PathOf("wang.wei.token")).ok());
  }
  EXPECT_FALSE(fs::exists(PathOf("wang.wei.token")));
}

// Stands in for disposal-server: answers CreateToken with `created`, ListTokens with `pages`
// in turn, and RevokeToken with `revoked`.
class FakeAccessService final : public disposal::v1::AccessService::Service {
 public:
  grpc::Status CreateToken(grpc::ServerContext*, const CreateTokenRequest* request,
                           CreateTokenResponse* response) override {
    ++create_calls;
    last_create = *request;
    *response = created;
    return grpc::Status::OK;
  }

  grpc::Status ListTokens(grpc::ServerContext*, const disposal::v1::ListTokensRequest* request,
                          disposal::v1::ListTokensResponse* response) override {
    page_tokens.push_back(request->page_token());
    if (page_tokens.size() > pages.size()) return grpc::Status(grpc::StatusCode::INTERNAL, "");
    *response = pages[page_tokens.size() - 1];
    return grpc::Status::OK;
  }

  grpc::Status RevokeToken(grpc::ServerContext*, const disposal::v1::RevokeTokenRequest* request,
                           AccessToken* response) override {
    revoked_id = request->id();
    *response = revoked;
    return grpc::Status::OK;
  }

  CreateTokenResponse created;
  CreateTokenRequest last_create;
  int create_calls = 0;
  std::vector<disposal::v1::ListTokensResponse> pages;
  std::vector<std::string> page_tokens;
  AccessToken revoked;
  std::string revoked_id;
};

class TokenActionsTest : public TokenFileTest {
 protected:
  void SetUp() override {
    TokenFileTest::SetUp();
    server_ = StartStandInServer(&service_, "first-admin", &global_);
    ASSERT_NE(server_, nullptr);
    service_.created = TestCreated();
  }
  void TearDown() override {
    server_->Shutdown();
    TokenFileTest::TearDown();
  }

  FakeAccessService service_;
  std::unique_ptr<grpc::Server> server_;
  GlobalOptions global_;
};

TEST_F(TokenActionsTest, CreateWithOutWritesTheSecretToTheFileAndNeverToStdout) {
  CreateTokenOptions options = GoodCreateOptions();
  options.out = PathOf("wang.wei.token");
  for (OutputFormat format : {OutputFormat::kTable, OutputFormat::kJson}) {
    fs::remove(options.out);
    global_.output = format;
    ::testing::internal::CaptureStdout();
    const Status status = CreateToken(global_, options);
    const std::string shown = ::testing::internal::GetCapturedStdout();
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_FALSE(Contains(shown, kSecret)) << shown;
    EXPECT_EQ(Contents(options.out), std::string(kSecret) + "\n");
  }
}

TEST_F(TokenActionsTest, CreateRefusesAnExistingOutFileBeforeAskingTheServer) {
  CreateTokenOptions options = GoodCreateOptions();
  options.out = PathOf("wang.wei.token");
  std::ofstream(options.out) << "kept\n";
  const Status status = CreateToken(global_, options);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_EQ(service_.create_calls, 0);
  EXPECT_EQ(Contents(options.out), "kept\n");
}

TEST_F(TokenActionsTest, CreateRefusesBadInputBeforeAskingTheServer) {
  CreateTokenOptions options = GoodCreateOptions();
  options.valid_days = 3651;
  EXPECT_EQ(CreateToken(global_, options).exit_code(), kExitBadInput);
  options = GoodCreateOptions();
  options.role = "superuser";
  EXPECT_EQ(CreateToken(global_, options).exit_code(), kExitBadInput);
  EXPECT_EQ(service_.create_calls, 0);
}

TEST_F(TokenActionsTest, CreateFailsAndLeavesNoFileWhenTheServerSendsNoSecret) {
  service_.created.clear_secret();
  CreateTokenOptions options = GoodCreateOptions();
  options.out = PathOf("wang.wei.token");
  ::testing::internal::CaptureStdout();
  const Status status = CreateToken(global_, options);
  ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(status.exit_code(), kExitRpcFailed);
  EXPECT_TRUE(Contains(status.message(), std::string("token revoke ") + kTokenId))
      << status.message();
  EXPECT_FALSE(fs::exists(options.out));
}

TEST_F(TokenActionsTest, ListAllFollowsNextPageTokens) {
  service_.pages.resize(2);
  *service_.pages[0].add_tokens() = TestToken();
  service_.pages[0].set_next_page_token("page-2");
  *service_.pages[1].add_tokens() = TestToken();
  service_.pages[1].mutable_tokens(0)->set_name("li.na");
  ListTokensOptions options;
  options.all_pages = true;
  ::testing::internal::CaptureStdout();
  const Status status = ListTokens(global_, options);
  const std::string shown = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(service_.page_tokens, (std::vector<std::string>{"", "page-2"}));
  EXPECT_TRUE(Contains(shown, "wang.wei")) << shown;
  EXPECT_TRUE(Contains(shown, "li.na")) << shown;
  EXPECT_FALSE(Contains(shown, "more tokens follow")) << shown;
}

TEST_F(TokenActionsTest, RevokeSendsTheIdAndPrintsTheRevokeTime) {
  service_.revoked = TestToken();
  service_.revoked.mutable_revoke_time()->set_seconds(kCreateSeconds + kDaySeconds);
  ::testing::internal::CaptureStdout();
  const Status status = RevokeToken(global_, {kTokenId});
  const std::string shown = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(service_.revoked_id, kTokenId);
  EXPECT_TRUE(Contains(shown, "revoked     2021-08-04 14:05:09 Asia/Shanghai\n")) << shown;
}

}  // namespace
}  // namespace disposalctl
