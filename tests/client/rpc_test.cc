#include "client/rpc.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace disposalctl {
namespace {

RpcSettings GoodSettings() {
  RpcSettings settings;
  settings.server_address = "localhost:50051";
  settings.timeout_seconds = 10;
  settings.actor = "wang.wei";
  settings.token = "dsp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  return settings;
}

TEST(ValidateRpcSettings, AcceptsAddressAndPrintableAsciiActor) {
  EXPECT_TRUE(ValidateRpcSettings(GoodSettings()).ok());
  RpcSettings settings = GoodSettings();
  settings.actor = std::string(100, 'a');
  EXPECT_TRUE(ValidateRpcSettings(settings).ok());
}

TEST(ValidateRpcSettings, RefusesEmptyServerAddress) {
  RpcSettings settings = GoodSettings();
  settings.server_address = "";
  Status status = ValidateRpcSettings(settings);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("--server"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, RefusesACallWithoutAToken) {
  RpcSettings settings = GoodSettings();
  settings.token = "";
  Status status = ValidateRpcSettings(settings);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("--token-file"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, ReportsATokenFileThatCouldNotBeRead) {
  RpcSettings settings = GoodSettings();
  settings.token_error = "cannot read the token file /nonexistent/token";
  Status status = ValidateRpcSettings(settings);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("/nonexistent/token"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, RefusesAClientCertificateWithoutACaRatherThanSendingPlaintext) {
  RpcSettings settings = GoodSettings();
  settings.tls_cert_pem = "-----BEGIN CERTIFICATE-----";
  settings.tls_key_pem = "-----BEGIN PRIVATE KEY-----";
  Status status = ValidateRpcSettings(settings);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("--tls-ca"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, RefusesAClientCertificateWithoutItsKey) {
  RpcSettings settings = GoodSettings();
  settings.tls_ca_pem = "-----BEGIN CERTIFICATE-----";
  settings.tls_cert_pem = "-----BEGIN CERTIFICATE-----";
  Status status = ValidateRpcSettings(settings);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("--tls-key"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, AcceptsACaAloneForServerOnlyTls) {
  RpcSettings settings = GoodSettings();
  settings.tls_ca_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_TRUE(ValidateRpcSettings(settings).ok());
}

TEST(ValidateRpcSettings, RefusesEmptyOrOverlongActor) {
  RpcSettings settings = GoodSettings();
  settings.actor = "";
  EXPECT_FALSE(ValidateRpcSettings(settings).ok());
  settings.actor = std::string(101, 'a');
  EXPECT_FALSE(ValidateRpcSettings(settings).ok());
}

TEST(ValidateRpcSettings, RefusesActorThatCannotTravelAsMetadata) {
  RpcSettings settings = GoodSettings();
  settings.actor = "王伟";
  Status status = ValidateRpcSettings(settings);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("printable ASCII"), std::string::npos) << status.message();
  settings.actor = "wang\nwei";
  EXPECT_FALSE(ValidateRpcSettings(settings).ok());
  settings.actor = "wang\x7fwei";
  EXPECT_FALSE(ValidateRpcSettings(settings).ok());
}

TEST(ValidateRpcSettings, RefusesAPlaintextTokenToAnotherMachine) {
  RpcSettings settings = GoodSettings();
  settings.server_address = "claims.internal:50051";
  const Status status = ValidateRpcSettings(settings);
  EXPECT_EQ(status.exit_code(), kExitBadInput);
  EXPECT_NE(status.message().find("--tls-ca"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("--plaintext"), std::string::npos) << status.message();
}

TEST(ValidateRpcSettings, CallsAnotherMachineWithTlsOrWhenToldPlaintextIsMeant) {
  RpcSettings with_tls = GoodSettings();
  with_tls.server_address = "claims.internal:50051";
  with_tls.tls_ca_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_TRUE(ValidateRpcSettings(with_tls).ok());
  RpcSettings plaintext = GoodSettings();
  plaintext.server_address = "10.0.0.5:50051";
  plaintext.plaintext = true;
  EXPECT_TRUE(ValidateRpcSettings(plaintext).ok());
}

TEST(IsThisMachine, KnowsTheLoopbackNamesInEachTargetForm) {
  for (const char* target : {"localhost:50051", "127.0.0.1:50051", "127.8.9.1:1", "[::1]:50051",
                             "dns:///localhost:50051", "ipv4:127.0.0.1:50051", "ipv6:[::1]:50051",
                             "unix:/run/disposal.sock"}) {
    EXPECT_TRUE(IsThisMachine(target)) << target;
  }
}

TEST(IsThisMachine, CallsEverythingElseAnotherMachine) {
  for (const char* target :
       {"claims.internal:50051", "10.0.0.5:50051", "dns:///db:5", "localhost.example.com:1",
        "[2001:db8::1]:50051", "", "128.0.0.1:1", "127.attacker.example:443", "127.0.0.1.nip.io:1",
        "ipv4:127.0.0.1:50051,10.0.0.5:50051", "ipv6:[::1]:1,[2001:db8::1]:1"}) {
    EXPECT_FALSE(IsThisMachine(target)) << target;
  }
}

TEST(StatusCodeName, NamesCanonicalCodes) {
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::NOT_FOUND), "NOT_FOUND");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::FAILED_PRECONDITION), "FAILED_PRECONDITION");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
}

TEST(StatusCodeName, NamesUnknownCodeByNumber) {
  EXPECT_EQ(StatusCodeName(static_cast<grpc::StatusCode>(99)), "CODE_99");
}

TEST(RpcFailure, KeepsCodeAndMessageOfAnOrdinaryFailure) {
  Status status =
      RpcFailure(grpc::Status(grpc::StatusCode::NOT_FOUND, "claim c-1 not found"), GoodSettings());
  EXPECT_EQ(status.exit_code(), kExitRpcFailed);
  EXPECT_EQ(status.code_name(), "NOT_FOUND");
  EXPECT_EQ(status.message(), "claim c-1 not found");
}

TEST(RpcFailure, HintsAtTheServerWhenUnavailable) {
  Status status =
      RpcFailure(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused"), GoodSettings());
  EXPECT_EQ(status.exit_code(), kExitRpcFailed);
  EXPECT_EQ(status.code_name(), "UNAVAILABLE");
  EXPECT_NE(status.message().find("localhost:50051"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("--server"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("connection refused"), std::string::npos) << status.message();
}

// A running server says UNAVAILABLE too (its database away, its index loading): staff must not
// be sent to check whether it runs.
TEST(RpcFailure, AServersOwnUnavailableIsNotCalledUnreachable) {
  Status status =
      RpcFailure(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                              "the eligibility index is still loading; try again shortly"),
                 GoodSettings());
  EXPECT_EQ(status.code_name(), "UNAVAILABLE");
  EXPECT_EQ(status.message().find("unreachable"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("still loading"), std::string::npos) << status.message();
}

TEST(RpcFailure, HintsAtTheTimeoutWhenTheDeadlinePasses) {
  RpcSettings settings = GoodSettings();
  settings.timeout_seconds = 7;
  Status status =
      RpcFailure(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded"), settings);
  EXPECT_EQ(status.code_name(), "DEADLINE_EXCEEDED");
  EXPECT_NE(status.message().find("within 7 s"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("--timeout"), std::string::npos) << status.message();
}

TEST(PrepareContext, SetsTheDeadlineTimeoutSecondsAhead) {
  RpcSettings settings = GoodSettings();
  settings.timeout_seconds = 30;
  grpc::ClientContext context;
  auto before = std::chrono::system_clock::now();
  PrepareContext(settings, &context);
  auto after = std::chrono::system_clock::now();
  EXPECT_GE(context.deadline(), before + std::chrono::seconds(30));
  EXPECT_LE(context.deadline(), after + std::chrono::seconds(30));
}

}  // namespace
}  // namespace disposalctl
