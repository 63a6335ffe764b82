// Access control through a real disposal-server: the role matrix over every RPC, token
// lifecycle, refusals logged, and TLS with mutual TLS for partners using certificates made by
// openssl during the test.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "disposal/v1/access.grpc.pb.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "disposal/v1/calendar.grpc.pb.h"
#include "disposal/v1/claims.grpc.pb.h"
#include "disposal/v1/disposals.grpc.pb.h"
#include "disposal/v1/eligibility.grpc.pb.h"
#include "disposal/v1/ledger.grpc.pb.h"
#include "support/server_fixture.h"

namespace disposal::testing {
namespace {

using Roles = std::set<std::string>;
const Roles kReaders = {"staff", "auditor"};

// Who may call what, written down independently of the server's policy table: this is the
// product's promise to its users (staff work the cases, auditors read, partners check bidders,
// admins run tokens and registry imports; staff and admins load the calendar).
const std::map<std::string, Roles> kExpectedMatrix = {
    {"disposal.v1.ClaimService/CreateClaim", {"staff"}},
    {"disposal.v1.ClaimService/GetClaim", kReaders},
    {"disposal.v1.ClaimService/ListClaims", kReaders},
    {"disposal.v1.ClaimService/UpdateClaim", {"staff"}},
    {"disposal.v1.CalendarService/ImportCalendarYear", {"staff", "admin"}},
    {"disposal.v1.CalendarService/GetCalendarYear", {"staff", "auditor", "admin"}},
    {"disposal.v1.CalendarService/ComputeDeadline", kReaders},
    {"disposal.v1.DisposalService/CreateDisposal", {"staff"}},
    {"disposal.v1.DisposalService/GetDisposal", kReaders},
    {"disposal.v1.DisposalService/ListDisposals", kReaders},
    {"disposal.v1.DisposalService/UpdateDisposal", {"staff"}},
    {"disposal.v1.DisposalService/PublishDisposal", {"staff"}},
    {"disposal.v1.DisposalService/TransitionDisposal", {"staff"}},
    {"disposal.v1.DisposalService/RecordSubmission", {"staff"}},
    {"disposal.v1.DisposalService/ListSubmissions", kReaders},
    {"disposal.v1.DisposalService/ResolveSubmission", {"staff"}},
    {"disposal.v1.DisposalService/CheckAwardGate", kReaders},
    {"disposal.v1.EligibilityService/CheckBidderEligibility", {"staff", "partner"}},
    {"disposal.v1.EligibilityService/CheckBidderEligibilityStream", {"staff", "partner"}},
    {"disposal.v1.EligibilityService/Ping", {"staff", "auditor", "partner", "admin"}},
    {"disposal.v1.RegistryService/ApplyRegistryChanges", {"staff", "admin"}},
    {"disposal.v1.RegistryService/ImportRegistry", {"admin"}},
    {"disposal.v1.RegistryService/GetRegistryParty", {"staff", "auditor", "admin"}},
    {"disposal.v1.AuditService/ListEligibilityDecisions", {"auditor"}},
    {"disposal.v1.LedgerService/AccrueInterest", {"staff"}},
    {"disposal.v1.LedgerService/ReverseEntry", {"staff"}},
    {"disposal.v1.LedgerService/RescindOutcome", {"staff"}},
    {"disposal.v1.LedgerService/ListJournalEntries", kReaders},
    {"disposal.v1.LedgerService/GetTrialBalance", kReaders},
    {"disposal.v1.LedgerService/GetClaimStatement", kReaders},
    {"disposal.v1.LedgerService/RecordOutcome", {"staff"}},
    {"disposal.v1.LedgerService/GetOutcome", kReaders},
    {"disposal.v1.LedgerService/ListOutcomes", kReaders},
    {"disposal.v1.LedgerService/RecordPayment", {"staff"}},
    {"disposal.v1.LedgerService/RecordCost", {"staff"}},
    {"disposal.v1.AuditService/StreamClaimHistory", {"auditor"}},
    {"disposal.v1.AuditService/VerifyClaimHistory", {"auditor"}},
    {"disposal.v1.AuditService/GetEligibilityDecision", {"auditor"}},
    {"disposal.v1.AuditService/ReplayEligibilityDecision", {"auditor"}},
    {"disposal.v1.AccessService/CreateToken", {"admin"}},
    {"disposal.v1.AccessService/ListTokens", {"admin"}},
    {"disposal.v1.AccessService/RevokeToken", {"admin"}},
};

// The files that define the services, each reached through one of its messages (which also
// makes sure the descriptors are linked in).
std::vector<const google::protobuf::FileDescriptor*> ServiceFiles() {
  return {v1::GetClaimRequest::descriptor()->file(),
          v1::GetCalendarYearRequest::descriptor()->file(),
          v1::GetDisposalRequest::descriptor()->file(),
          v1::PingRequest::descriptor()->file(),
          v1::GetOutcomeRequest::descriptor()->file(),
          v1::AuditEvent::descriptor()->file(),
          v1::AccessToken::descriptor()->file()};
}

std::string Secret(const std::string& token_file) {
  std::string secret = ReadFile(token_file);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == ' ')) secret.pop_back();
  return secret;
}

// Calls `method` with one empty message, whatever its kind (unary or streaming), and returns
// the final status. An empty message is a valid encoding of every request.
grpc::Status CallWithEmptyRequest(const std::shared_ptr<grpc::Channel>& channel,
                                  const std::string& method, const std::string& secret) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (!secret.empty()) context.AddMetadata("authorization", "Bearer " + secret);
  grpc::CompletionQueue queue;
  void* tag = nullptr;
  bool ok = false;
  auto call = stub.PrepareCall(&context, "/" + method, &queue);
  call->StartCall(reinterpret_cast<void*>(1));
  queue.Next(&tag, &ok);
  grpc::ByteBuffer empty(nullptr, 0);
  call->Write(empty, reinterpret_cast<void*>(2));
  queue.Next(&tag, &ok);
  call->WritesDone(reinterpret_cast<void*>(3));
  queue.Next(&tag, &ok);
  grpc::ByteBuffer response;
  do {
    call->Read(&response, reinterpret_cast<void*>(4));
    queue.Next(&tag, &ok);
  } while (ok);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  queue.Next(&tag, &ok);
  return status;
}

class AccessEndToEnd : public ServerFixture {
 protected:
  std::shared_ptr<grpc::Channel> Channel() {
    return grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials());
  }
  grpc::Status Ping(const std::string& secret) {
    return CallWithEmptyRequest(Channel(), "disposal.v1.EligibilityService/Ping", secret);
  }
  using CheckStream =
      grpc::ClientReaderWriter<v1::EligibilityStreamRequest, v1::EligibilityStreamResponse>;
  // A check stream with `secret`'s token, on a channel the fixture keeps for the test.
  std::unique_ptr<CheckStream> OpenCheckStream(grpc::ClientContext* context,
                                               const std::string& secret) {
    if (!eligibility_) eligibility_ = v1::EligibilityService::NewStub(Channel());
    context->AddMetadata("authorization", "Bearer " + secret);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return eligibility_->CheckBidderEligibilityStream(context);
  }
  // A stream message of `checks` checks of unnamed bidders on the seed disposal.
  static v1::EligibilityStreamRequest ChecksOfSeedDisposal(int checks) {
    v1::EligibilityStreamRequest request;
    for (int i = 0; i < checks; ++i) {
      request.add_checks()->set_disposal_id("288c56f9-7a17-40fb-8573-a1b6bbd60c56");
    }
    return request;
  }
  // A partner token with its own call quota, made by the admin through disposalctl; its
  // secret. `created`, when given, gets disposalctl's output.
  std::string CreatePartnerToken(const std::string& name, int calls_per_second,
                                 CommandResult* created = nullptr) {
    const std::string file = "/tmp/disposal-e2e-" + std::to_string(port_) + "-" + name + ".token";
    std::remove(file.c_str());
    CommandResult made =
        CtlAs("admin", {"token", "create", "--name", name, "--role", "partner",
                        "--calls-per-second", std::to_string(calls_per_second), "--out", file});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    const std::string secret = made.exit_code == 0 ? Secret(file) : "";
    std::remove(file.c_str());
    if (created != nullptr) *created = made;
    return secret;
  }
  // A CreateToken request for `name` in `role`, under `request_id`.
  static v1::CreateTokenRequest TokenRequestFor(const std::string& name, v1::Role role,
                                                const std::string& request_id) {
    v1::CreateTokenRequest request;
    request.set_name(name);
    request.set_role(role);
    request.set_request_id(request_id);
    return request;
  }

  // CreateToken through the API, as the admin.
  grpc::Status CreateTokenAsAdmin(const v1::CreateTokenRequest& request,
                                  v1::CreateTokenResponse* created) {
    auto stub = v1::AccessService::NewStub(Channel());
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + Secret(TokenFile("admin")));
    return stub->CreateToken(&context, request, created);
  }

 private:
  std::unique_ptr<v1::EligibilityService::Stub> eligibility_;
};

TEST_F(AccessEndToEnd, EveryRpcOfEveryServiceIsInTheExpectedMatrix) {
  size_t methods = 0;
  for (const google::protobuf::FileDescriptor* file : ServiceFiles()) {
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = file->service(s);
      for (int i = 0; i < service->method_count(); ++i, ++methods) {
        const std::string method = service->full_name() + "/" + service->method(i)->name();
        EXPECT_EQ(kExpectedMatrix.count(method), 1u) << method << " has no expected permission";
      }
    }
  }
  EXPECT_EQ(methods, kExpectedMatrix.size());
}

TEST_F(AccessEndToEnd, RoleMatrixHoldsForEveryRpc) {
  std::map<std::string, std::string> secrets;
  for (const char* role : {"staff", "auditor", "partner", "admin"}) {
    secrets[role] = Secret(TokenFile(role));
  }
  auto channel = Channel();
  for (const auto& [method, allowed] : kExpectedMatrix) {
    EXPECT_EQ(CallWithEmptyRequest(channel, method, "").error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method << " without a token";
    for (const auto& [role, secret] : secrets) {
      const grpc::StatusCode code = CallWithEmptyRequest(channel, method, secret).error_code();
      if (allowed.count(role)) {
        // Admitted and answered: an empty request is served or judged on its content, never
        // failed by the server (INTERNAL, UNIMPLEMENTED, UNAVAILABLE, UNKNOWN).
        static const std::set<grpc::StatusCode> kAnswered = {
            grpc::StatusCode::OK, grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::NOT_FOUND,
            grpc::StatusCode::FAILED_PRECONDITION, grpc::StatusCode::OUT_OF_RANGE};
        EXPECT_EQ(kAnswered.count(code), 1u) << role << " on " << method << ": code " << code;
      } else {
        EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED) << role << " on " << method;
      }
    }
  }
}

TEST_F(AccessEndToEnd, EveryRefusalIsLoggedWithItsMethodAndReason) {
  ASSERT_EQ(Ping("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_EQ(CallWithEmptyRequest(Channel(), "disposal.v1.ClaimService/CreateClaim",
                                 Secret(TokenFile("auditor")))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string log = ReadFile(log_path_);
  EXPECT_NE(log.find("\"access_refused\""), std::string::npos) << log;
  EXPECT_NE(log.find("disposal.v1.EligibilityService/Ping"), std::string::npos) << log;
  EXPECT_NE(log.find("the auditor role may not call /disposal.v1.ClaimService/CreateClaim"),
            std::string::npos)
      << log;
}

// The unary check runs on gRPC's callback API, where a refused call still enters the handler:
// the refusal must be answered there, before the request is looked at. A check of an unknown
// disposal tells them apart: staff get NOT_FOUND, an auditor is refused without the lookup.
TEST_F(AccessEndToEnd, RefusedCheckIsAnsweredBeforeTheCheckRuns) {
  auto stub = v1::EligibilityService::NewStub(Channel());
  v1::CheckBidderEligibilityRequest request;
  request.set_disposal_id("00000000-0000-4000-8000-000000000000");
  request.mutable_bidder()->mutable_person()->set_national_id("11010519491231002X");
  request.mutable_bidder()->mutable_person()->set_name("张三");
  auto check_as = [&](const std::string& role) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + Secret(TokenFile(role)));
    v1::EligibilityDecision decision;
    grpc::Status status = stub->CheckBidderEligibility(&context, request, &decision);
    EXPECT_TRUE(decision.decision_id().empty()) << role;
    return status;
  };
  // The index loads after the port opens: until then a check is UNAVAILABLE.
  grpc::Status admitted = check_as("staff");
  for (int i = 0; i < 100 && admitted.error_code() == grpc::StatusCode::UNAVAILABLE; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    admitted = check_as("staff");
  }
  EXPECT_EQ(admitted.error_code(), grpc::StatusCode::NOT_FOUND) << admitted.error_message();
  grpc::Status refused = check_as("auditor");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(refused.error_message().find("the auditor role may not call"), std::string::npos)
      << refused.error_message();
}

TEST_F(AccessEndToEnd, MalformedAndUnknownTokensAreUnauthenticated) {
  EXPECT_EQ(Ping("not-a-token").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Ping("dsp_" + std::string(43, 'A')).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Ping(Secret(TokenFile("partner"))).ok());
}

TEST_F(AccessEndToEnd, RevokedTokenIsUnauthenticatedOnItsNextCall) {
  const v1::CreateTokenRequest create =
      TokenRequestFor("auction-platform-1", v1::ROLE_PARTNER, "e2e-create-partner");
  v1::CreateTokenResponse created;
  ASSERT_TRUE(CreateTokenAsAdmin(create, &created).ok());
  ASSERT_TRUE(Ping(created.secret()).ok());

  auto stub = v1::AccessService::NewStub(Channel());
  grpc::ClientContext revoke_context;
  revoke_context.AddMetadata("authorization", "Bearer " + Secret(TokenFile("admin")));
  v1::RevokeTokenRequest revoke;
  revoke.set_id(created.token().id());
  v1::AccessToken revoked;
  ASSERT_TRUE(stub->RevokeToken(&revoke_context, revoke, &revoked).ok());
  EXPECT_TRUE(revoked.has_revoke_time());

  grpc::Status after = Ping(created.secret());
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(after.error_message().find("revoked"), std::string::npos) << after.error_message();
}

// A role added by a newer version (here written past the table's check) grants this server
// nothing: the token is not taken for some other role.
TEST_F(AccessEndToEnd, ATokenWithARoleThisServerDoesNotKnowIsRefused) {
  const std::string secret = CreatePartnerToken("from-a-newer-version", 1000);
  ASSERT_FALSE(secret.empty());
  db_.Query(
      "ALTER TABLE access_tokens DROP CONSTRAINT access_tokens_role_check; "
      "SET LOCAL session_replication_role = replica; "
      "UPDATE access_tokens SET role = 'observer', calls_per_second = NULL "
      "WHERE name = 'from-a-newer-version'");

  const grpc::Status refused = Ping(secret);
  // Final, not a reason to retry.
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();
  EXPECT_NE(refused.error_message().find("observer"), std::string::npos) << refused.error_message();
  EXPECT_TRUE(Ping(Secret(TokenFile("partner"))).ok());
}

TEST_F(AccessEndToEnd, DatabaseKeepsOnlyTheHashOfASecret) {
  const std::string secret = Secret(TokenFile("staff"));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM access_tokens WHERE secret_sha256 = "
                      "sha256(convert_to('" +
                      secret + "', 'UTF8'))"),
            "1");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM access_tokens t WHERE position('" + secret +
                      "' IN t::text) > 0"),
            "0");
}

// A quota is set when the token is made, for partners only, and never changed afterwards, not
// even by a login that can write the table.
TEST_F(AccessEndToEnd, TheDatabaseKeepsCallQuotasToPartnersAndNeverChangesOne) {
  const std::string file = "/tmp/disposal-e2e-" + std::to_string(port_) + "-exchange.token";
  std::remove(file.c_str());
  ASSERT_EQ(CtlAs("admin", {"token", "create", "--name", "exchange-2", "--role", "partner",
                            "--calls-per-second", "20", "--out", file})
                .exit_code,
            0);
  std::remove(file.c_str());
  // Not even with the revocation, the one change the table allows.
  EXPECT_THROW(db_.Query("UPDATE access_tokens SET revoke_time = now(), revoked_by = 'e2e', "
                         "calls_per_second = 100 WHERE name = 'exchange-2'"),
               pqxx::insufficient_privilege);
  db_.Query(
      "UPDATE access_tokens SET revoke_time = now(), revoked_by = 'e2e' "
      "WHERE name = 'exchange-2'");
  EXPECT_EQ(db_.Query("SELECT calls_per_second FROM access_tokens WHERE name = 'exchange-2'"),
            "20");
  EXPECT_THROW(db_.Query("INSERT INTO access_tokens (id, name, role, secret_sha256, created_by, "
                         "calls_per_second) VALUES (gen_random_uuid(), 'x', 'staff', "
                         "sha256('x'), 'e2e', 5)"),
               pqxx::check_violation);
}

TEST_F(AccessEndToEnd, AuditEventsNameTheTokenAndRoleThatMadeTheChange) {
  const std::string claim =
      CtlId({"claim", "create", "-f", RepoFile("deploy/examples/seed-claim.yaml"), "--request-id",
             "e2e-access-claim"});
  ASSERT_EQ(claim.size(), 36u);
  EXPECT_EQ(
      db_.Query("SELECT actor || '/' || role FROM audit_events WHERE subject_id = '" + claim + "'"),
      "e2e-staff/staff");
}

// This server asks for no client certificates: a token bound to one could never be used.
TEST_F(AccessEndToEnd, BindingATokenOnAServerWithoutAClientCaIsFailedPrecondition) {
  CommandResult created = CtlAs("admin", {"token", "create", "--name", "bound", "--role", "partner",
                                          "--client-cert-sha256", std::string(64, 'a')});
  EXPECT_NE(created.exit_code, 0);
  EXPECT_NE(created.err.find("FAILED_PRECONDITION"), std::string::npos) << created.err;
  EXPECT_NE(created.err.find("--tls-client-ca"), std::string::npos) << created.err;
}

// Arguments are judged before what the server can do with them: a bad name on a server
// without a client CA is INVALID_ARGUMENT naming the name, not the certificate's precondition.
TEST_F(AccessEndToEnd, ABadArgumentIsNamedBeforeTheCertificatesPrecondition) {
  v1::CreateTokenRequest create;
  create.set_role(v1::ROLE_PARTNER);
  create.set_client_certificate_sha256(std::string(64, 'a'));
  create.set_request_id("e2e-create-nameless");
  v1::CreateTokenResponse created;
  const grpc::Status status = CreateTokenAsAdmin(create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("name: ", 0), 0u) << status.error_message();
}

// A partner system's own quota, given when its token is made: held to it, whatever the
// server's default (5,000 a second here).
TEST_F(AccessEndToEnd, APartnerTokenMadeWithItsOwnCallQuotaIsHeldToIt) {
  CommandResult created;
  const std::string secret = CreatePartnerToken("exchange-1", 1, &created);
  ASSERT_FALSE(secret.empty());
  EXPECT_NE(created.out.find("call quota  1 calls a second"), std::string::npos) << created.out;
  int refused = 0;
  for (int i = 0; i < 10; ++i) {
    const grpc::Status status = Ping(secret);
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++refused;
      EXPECT_NE(status.error_message().find("call quota of 1 per second"), std::string::npos)
          << status.error_message();
    }
  }
  EXPECT_GE(refused, 1);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(Ping(Secret(TokenFile("partner"))).ok()) << i;
}

// A client that names no lifetime gets the default one, not a token that lives forever.
TEST_F(AccessEndToEnd, ATokenMadeWithoutALifetimeExpiresNinetyDaysAfterItWasMade) {
  const v1::CreateTokenRequest create =
      TokenRequestFor("zhao.lei", v1::ROLE_STAFF, "e2e-create-staff-default-lifetime");
  v1::CreateTokenResponse created;
  ASSERT_TRUE(CreateTokenAsAdmin(create, &created).ok());
  ASSERT_TRUE(created.token().has_expire_time());
  const int64_t lifetime =
      created.token().expire_time().seconds() - created.token().create_time().seconds();
  EXPECT_EQ(lifetime, int64_t{90} * 86400);
  EXPECT_EQ(
      db_.Query("SELECT expire_time - create_time FROM access_tokens WHERE name = 'zhao.lei'"),
      "90 days");
}

TEST_F(AccessEndToEnd, ATokenMadeToNeverExpireHasNoExpiry) {
  v1::CreateTokenRequest create =
      TokenRequestFor("exchange-1", v1::ROLE_PARTNER, "e2e-create-partner-never-expires");
  create.set_never_expires(true);
  v1::CreateTokenResponse created;
  ASSERT_TRUE(CreateTokenAsAdmin(create, &created).ok());
  EXPECT_FALSE(created.token().has_expire_time());
  EXPECT_EQ(db_.Query("SELECT expire_time IS NULL FROM access_tokens WHERE name = 'exchange-1'"),
            "t");
}

// Through the API (disposalctl refuses it before sending): the server checks it too.
TEST_F(AccessEndToEnd, ACallQuotaForAnotherRoleIsInvalidArgumentNamingTheField) {
  v1::CreateTokenRequest create;
  create.set_name("li.na");
  create.set_role(v1::ROLE_STAFF);
  create.set_calls_per_second(5);
  create.set_request_id("e2e-create-staff-with-quota");
  v1::CreateTokenResponse created;
  const grpc::Status status = CreateTokenAsAdmin(create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("calls_per_second"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM access_tokens WHERE name = 'li.na'"), "0");
}

TEST_F(AccessEndToEnd, AdminMakesListsAndRevokesTokensWithDisposalctl) {
  CommandResult created = CtlAs(
      "admin", {"--output", "json", "token", "create", "--name", "wang.wei", "--role", "auditor"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = JsonString(created.out, "id");
  ASSERT_EQ(id.size(), 36u) << created.out;
  CommandResult listed = CtlAs("admin", {"token", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("wang.wei"), std::string::npos) << listed.out;
  CommandResult revoked = CtlAs("admin", {"token", "revoke", id});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  CommandResult as_staff = Ctl({"token", "list"});
  EXPECT_NE(as_staff.exit_code, 0);
  EXPECT_NE(as_staff.err.find("PERMISSION_DENIED"), std::string::npos) << as_staff.err;
}

// A lifetime of 0 days is not the default's 90: it is refused, and no token is made.
TEST_F(AccessEndToEnd, DisposalctlRefusesALifetimeOfZeroDays) {
  CommandResult created = CtlAs(
      "admin", {"token", "create", "--name", "zero.days", "--role", "staff", "--valid-days", "0"});
  EXPECT_EQ(created.exit_code, 2) << created.out << created.err;
  EXPECT_NE(created.err.find("--valid-days"), std::string::npos) << created.err;
  EXPECT_EQ(db_.Query("SELECT count(*) FROM access_tokens WHERE name = 'zero.days'"), "0");
}

TEST_F(AccessEndToEnd, AuditorReadsATokensHistoryOfCreationAndRevocation) {
  CommandResult created =
      CtlAs("admin", {"--output", "json", "token", "create", "--name", "li.na", "--role", "staff"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = JsonString(created.out, "id");
  ASSERT_EQ(CtlAs("admin", {"token", "revoke", id}).exit_code, 0);
  CommandResult history = CtlAs("auditor", {"audit", "history", id, "--token"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("CreateToken"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("RevokeToken"), std::string::npos) << history.out;
  CommandResult checked = CtlAs("auditor", {"audit", "check", id, "--token"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out.rfind("ok: 2 events", 0), 0u) << checked.out;
}

// Certificates made with openssl: a CA, the server's (localhost, 127.0.0.1) and a partner's.
class TlsEndToEnd : public AccessEndToEnd {
 protected:
  std::vector<std::string> ExtraServerFlags() override {
    dir_ = "/tmp/disposal-e2e-tls-" + std::to_string(port_);
    const std::string script =
        "set -e; rm -rf " + dir_ + "; mkdir -p " + dir_ + "; cd " + dir_ +
        "; key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $1; }"
        "; key ca.key; openssl req -x509 -new -key ca.key -out ca.pem -days 1 -subj /CN=test-ca"
        "; for who in server partner other; do key $who.key"
        "; openssl req -new -key $who.key -out $who.csr -subj /CN=$who"
        "; printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > $who.ext"
        "; openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial"
        " -out $who.pem -days 1 -extfile $who.ext; done";
    CommandResult made = RunCommand({"/bin/sh", "-c", script});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return {"--tls-cert",         dir_ + "/server.pem", "--tls-key",
            dir_ + "/server.key", "--tls-client-ca",    dir_ + "/ca.pem"};
  }

  std::string TlsAddress() const { return "localhost:" + std::to_string(port_); }

  CommandResult CtlTls(const std::string& role, std::vector<std::string> args,
                       bool client_certificate) {
    return CtlTlsWith(TokenFile(role), std::move(args), client_certificate ? "partner" : "");
  }

  // With the token in `token_file`, presenting the certificate `who` (partner, other) when
  // given.
  CommandResult CtlTlsWith(const std::string& token_file, std::vector<std::string> args,
                           const std::string& who) {
    std::vector<std::string> command = {kCtlBinary, "--server", TlsAddress(),    "--token-file",
                                        token_file, "--tls-ca", dir_ + "/ca.pem"};
    if (!who.empty()) {
      command.insert(command.end(), {"--tls-cert", dir_ + "/" + who + ".pem", "--tls-key",
                                     dir_ + "/" + who + ".key"});
    }
    command.insert(command.end(), args.begin(), args.end());
    return RunCommand(command);
  }

  // A token of `role` bound to the partner's certificate, made by the admin with disposalctl;
  // returns its token file.
  std::string BoundToken(const std::string& role = "partner") {
    const std::string file = dir_ + "/bound-" + role + ".token";
    CommandResult made = CtlTls("admin",
                                {"token", "create", "--name", "bound-" + role, "--role", role,
                                 "--client-cert", dir_ + "/partner.pem", "--out", file},
                                false);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return file;
  }

  std::string dir_;
};

TEST_F(TlsEndToEnd, StaffWorkOverTls) {
  CommandResult listed = CtlTls("staff", {"claim", "list"}, false);
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
}

// Another certificate's key is named as such before start-up waits for the database (here one
// nobody serves, waited for up to five minutes), not found by gRPC when it starts listening.
TEST_F(TlsEndToEnd, AKeyThatIsNotTheCertificatesIsRefusedAtStartUpNamingTheFlag) {
  CommandResult started = RunCommand(
      {kServerBinary, "--listen", "127.0.0.1:" + std::to_string(FreeTcpPort()), "--database-url",
       "postgresql://postgres@127.0.0.1:" + std::to_string(FreeTcpPort()) + "/disposal",
       "--database-wait-seconds", "300", "--tls-cert", dir_ + "/server.pem", "--tls-key",
       dir_ + "/partner.key"},
      60);
  EXPECT_EQ(started.exit_code, 2) << started.err;
  EXPECT_NE(started.err.find("--tls-key: is not the private key of the certificate"),
            std::string::npos)
      << started.err;
}

TEST_F(TlsEndToEnd, PlaintextClientCannotTalkToATlsServer) {
  CommandResult listed = Ctl({"--timeout", "3", "claim", "list"});
  EXPECT_NE(listed.exit_code, 0);
  EXPECT_NE(listed.err.find("UNAVAILABLE"), std::string::npos) << listed.err;
}

// A check against a disposal that does not exist: NOT_FOUND shows the call got past access
// control; PERMISSION_DENIED that it did not.
const std::vector<std::string> kCheckOfAnUnknownDisposal = {"eligibility",
                                                            "check",
                                                            "5d9a1c4e-0b7f-4c1e-9e2a-3f6b8d0c1a2b",
                                                            "--person",
                                                            "230103196803150315",
                                                            "--name",
                                                            "股东甲"};

TEST_F(TlsEndToEnd, PartnerWithoutAClientCertificateIsPermissionDenied) {
  CommandResult checked = CtlTls("partner", kCheckOfAnUnknownDisposal, false);
  EXPECT_NE(checked.exit_code, 0);
  EXPECT_NE(checked.err.find("PERMISSION_DENIED"), std::string::npos) << checked.err;
  EXPECT_NE(checked.err.find("mutual TLS"), std::string::npos) << checked.err;
}

TEST_F(TlsEndToEnd, PartnerWithAClientCertificateSignedByTheCaIsServed) {
  CommandResult checked = CtlTls("partner", kCheckOfAnUnknownDisposal, true);
  EXPECT_NE(checked.err.find("NOT_FOUND"), std::string::npos) << checked.err;
}

TEST_F(TlsEndToEnd, ATokenBoundToACertificateIsServedWithThatCertificate) {
  CommandResult checked = CtlTlsWith(BoundToken(), kCheckOfAnUnknownDisposal, "partner");
  EXPECT_NE(checked.err.find("NOT_FOUND"), std::string::npos) << checked.err;
}

// Another certificate the same CA signed does not do: a copied token needs its own key.
TEST_F(TlsEndToEnd, ATokenBoundToACertificateIsRefusedWithAnotherOne) {
  CommandResult checked = CtlTlsWith(BoundToken(), kCheckOfAnUnknownDisposal, "other");
  EXPECT_NE(checked.exit_code, 0);
  EXPECT_NE(checked.err.find("PERMISSION_DENIED"), std::string::npos) << checked.err;
  EXPECT_NE(checked.err.find("bound to the client certificate"), std::string::npos) << checked.err;
}

// Binding is not a partner's alone: a bound staff token needs its certificate too.
TEST_F(TlsEndToEnd, ABoundStaffTokenIsRefusedWithoutItsCertificate) {
  const std::string file = BoundToken("staff");
  CommandResult without = CtlTlsWith(file, {"claim", "list"}, "");
  EXPECT_NE(without.exit_code, 0);
  EXPECT_NE(without.err.find("PERMISSION_DENIED"), std::string::npos) << without.err;
  CommandResult with = CtlTlsWith(file, {"claim", "list"}, "partner");
  EXPECT_EQ(with.exit_code, 0) << with.err;
}

TEST_F(TlsEndToEnd, AMalformedCertificateFingerprintIsInvalidArgumentNamingTheField) {
  CommandResult made = CtlTls("admin",
                              {"token", "create", "--name", "bound-partner", "--role", "partner",
                               "--client-cert-sha256", "AB:CD:EF"},
                              false);
  EXPECT_NE(made.exit_code, 0);
  EXPECT_NE(made.err.find("INVALID_ARGUMENT"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("client_certificate_sha256"), std::string::npos) << made.err;
}

// The fingerprint kept is the one openssl shows for the certificate.
TEST_F(TlsEndToEnd, ABoundTokenIsListedWithItsCertificatesOpensslFingerprint) {
  BoundToken();
  CommandResult shown = RunCommand(
      {"/bin/sh", "-c", "openssl x509 -noout -fingerprint -sha256 -in " + dir_ + "/partner.pem"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  std::string expected;
  for (char c : shown.out.substr(shown.out.find('=') + 1)) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      expected += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  ASSERT_EQ(expected.size(), 64u) << shown.out;
  CommandResult listed = CtlTls("admin", {"--output", "json", "token", "list"}, false);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(JsonString(listed.out, "client_certificate_sha256"), expected) << listed.out;
}

class UnknownTokensEndToEnd : public AccessEndToEnd {
 protected:
  std::vector<std::string> ExtraServerFlags() override {
    return {"--unknown-tokens-per-minute", "2"};
  }
};

// One address guessing tokens is cut off from lookups; its real token goes on working.
TEST_F(UnknownTokensEndToEnd, AnAddressPastItsBoundHasNewSecretsRefusedAndItsTokenStillWorks) {
  ASSERT_TRUE(Ping(Secret(TokenFile("partner"))).ok());
  const std::string guess = "dsp_" + std::string(42, 'Q');
  EXPECT_EQ(Ping(guess + "a").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Ping(guess + "b").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // Refused alike by a callback-API method and a synchronous one.
  const grpc::Status third = Ping(guess + "c");
  EXPECT_EQ(third.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << third.error_message();
  const grpc::Status fourth =
      CallWithEmptyRequest(Channel(), "disposal.v1.ClaimService/GetClaim", guess + "d");
  EXPECT_EQ(fourth.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << fourth.error_message();
  // The token it already used (and this server knows) goes on working.
  EXPECT_TRUE(Ping(Secret(TokenFile("partner"))).ok());
}

class PartnerQuotaEndToEnd : public AccessEndToEnd {
 protected:
  std::vector<std::string> ExtraServerFlags() override {
    metrics_port_ = FreeTcpPort();
    return {"--partner-calls-per-second", "1", "--metrics-listen",
            "127.0.0.1:" + std::to_string(metrics_port_)};
  }

  // A counter of the server's partner quotas (disposal_partner_quota_...), as now.
  int64_t QuotaMetric(const std::string& name) {
    return MetricValue(HttpGet(metrics_port_, "/metrics"), "disposal_partner_quota_" + name);
  }

  int metrics_port_ = 0;
};

// Ten calls in a row at a quota of one a second: some are refused, saying why, and the
// refusals are logged; other roles' calls go on.
TEST_F(PartnerQuotaEndToEnd, APartnerPastItsQuotaIsRefusedAndStaffAreNot) {
  int refused = 0;
  grpc::Status last_refusal;
  for (int i = 0; i < 10; ++i) {
    const grpc::Status status = Ping(Secret(TokenFile("partner")));
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++refused;
      last_refusal = status;
    } else {
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
  }
  EXPECT_GE(refused, 1);
  EXPECT_NE(last_refusal.error_message().find("call quota of 1 per second"), std::string::npos)
      << last_refusal.error_message();
  EXPECT_NE(ReadFile(log_path_).find("\"call_quota_exceeded\""), std::string::npos);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Ping(Secret(TokenFile("staff"))).ok());
}

// A stream is paced to its token's quota, not refused: at one call a second, its opening
// takes the burst and each of three messages of one check is held back to its second, then
// answered. The server counts each message it held back and the seconds it told them to wait
// (three messages, each told up to a second: at least two seconds together).
TEST_F(PartnerQuotaEndToEnd, AStreamPastItsQuotaIsAnsweredAtTheQuotasRateNotRefused) {
  ASSERT_EQ(QuotaMetric("paced_total"), 0);
  grpc::ClientContext context;
  auto stream = OpenCheckStream(&context, Secret(TokenFile("partner")));
  const v1::EligibilityStreamRequest request = ChecksOfSeedDisposal(1);
  int answered = 0;
  for (int i = 0; i < 3; ++i) {
    v1::EligibilityStreamResponse response;
    if (stream->Write(request) && stream->Read(&response)) ++answered;
  }
  stream->WritesDone();
  const grpc::Status ended = stream->Finish();
  EXPECT_TRUE(ended.ok()) << ended.error_code() << " " << ended.error_message();
  EXPECT_EQ(answered, 3);
  EXPECT_EQ(QuotaMetric("paced_total"), 3);
  EXPECT_GE(QuotaMetric("paced_seconds_total"), 2);
  EXPECT_EQ(QuotaMetric("refused_total"), 0);
}

// A message may carry at most the quota's burst (here one check): more is refused, saying how
// many to send.
TEST_F(PartnerQuotaEndToEnd, AMessageOfMoreChecksThanTheBurstIsRefusedSayingHowManyToSend) {
  grpc::ClientContext context;
  auto stream = OpenCheckStream(&context, Secret(TokenFile("partner")));
  v1::EligibilityStreamResponse response;
  stream->Write(ChecksOfSeedDisposal(2));
  EXPECT_FALSE(stream->Read(&response));
  const grpc::Status ended = stream->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << ended.error_message();
  EXPECT_NE(ended.error_message().find("send at most 1 per message"), std::string::npos)
      << ended.error_message();
}

// A stream's checks and its token's calls share one quota. At two a second (bursts of two),
// the stream's opening and a call take the burst: the stream's check is then told to wait for
// both, most of a second (the server counts what it told). Were the stream counted apart from
// the calls, it would be told half a second at most.
TEST_F(PartnerQuotaEndToEnd, AStreamsChecksWaitForTheCallsItsTokenMade) {
  const std::string secret = CreatePartnerToken("exchange-2", 2);
  ASSERT_FALSE(secret.empty());
  auto channel = Channel();
  ASSERT_TRUE(
      channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10)));
  grpc::ClientContext context;
  auto stream = OpenCheckStream(&context, secret);
  const grpc::Status call =
      CallWithEmptyRequest(channel, "disposal.v1.EligibilityService/Ping", secret);
  ASSERT_TRUE(call.ok()) << call.error_message();
  v1::EligibilityStreamResponse response;
  ASSERT_TRUE(stream->Write(ChecksOfSeedDisposal(1)));
  ASSERT_TRUE(stream->Read(&response));
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(QuotaMetric("paced_total"), 1);
  // Whole seconds are read: 0.5 s or less would read 0.
  const std::string exposition = HttpGet(metrics_port_, "/metrics");
  const std::string key = "\ndisposal_partner_quota_paced_seconds_total ";
  const size_t at = exposition.find(key);
  ASSERT_NE(at, std::string::npos) << exposition;
  const std::string told = exposition.substr(at + key.size(), 8);
  EXPECT_GT(told, "0.500000") << told;
}

// Opening one is a call: right after a call, within the second, a stream is refused. (Each
// attempt waits for the second to pass first; on a loaded machine the two calls may still
// fall into different seconds, so a few attempts are allowed.)
TEST_F(PartnerQuotaEndToEnd, OpeningAStreamCountsAsACall) {
  auto stub = v1::EligibilityService::NewStub(Channel());
  grpc::Status opened;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    if (!Ping(Secret(TokenFile("partner"))).ok()) continue;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + Secret(TokenFile("partner")));
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto stream = stub->CheckBidderEligibilityStream(&context);
    v1::EligibilityStreamResponse response;
    stream->Read(&response);
    opened = stream->Finish();
    if (opened.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) break;
  }
  EXPECT_EQ(opened.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << opened.error_message();
  EXPECT_NE(opened.error_message().find("call quota"), std::string::npos) << opened.error_message();
}

}  // namespace
}  // namespace disposal::testing
