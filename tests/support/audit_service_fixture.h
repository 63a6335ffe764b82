// An in-process AuditService over a fresh test database, serving the history through a
// repository the test may wrap (the stored one by default), and appends made the way the
// server makes them.
#ifndef DISPOSAL_TESTS_SUPPORT_AUDIT_SERVICE_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_AUDIT_SERVICE_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api/audit_service.h"
#include "api/decision_audit.h"
#include "disposal/v1/audit.grpc.pb.h"
#include "store/audit_store.h"
#include "store/decision_audit_store.h"
#include "store/registry_store.h"
#include "support/test_database.h"

namespace disposal::testing {

class AuditServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    repository_ = std::make_unique<store::PgAuditRepository>(db_.database());
    decisions_repository_ = std::make_unique<store::PgDecisionAuditRepository>(db_.database());
    registry_ = std::make_unique<store::PgRegistryRepository>(db_.database());
    decisions_ = std::make_unique<api::DecisionAudit>(*decisions_repository_, *registry_,
                                                      [] { return int64_t{0}; });
    service_ = std::make_unique<api::AuditServiceImpl>(History(), *decisions_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    stub_ = v1::AuditService::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                          grpc::InsecureChannelCredentials()));
  }

  void TearDown() override { server_->Shutdown(); }

  // What the service reads the history through; a test may serve it through a wrapper.
  virtual domain::AuditRepository& History() { return *repository_; }

  // Appends an event the way the server does, through audit_append().
  void Append(const std::string& claim, const std::string& method, int version) {
    db_.Query("SELECT audit_append('tester', 'staff', '', 'disposal.v1.ClaimService/" + method +
              "', 'req-" + std::to_string(version) + "', 'claim', '" + claim + "', " +
              std::to_string(version) + ", '{\"version\": " + std::to_string(version) + "}')");
  }

  void AppendMany(const std::string& claim, int count) {
    for (int i = 1; i <= count; ++i) Append(claim, i == 1 ? "CreateClaim" : "UpdateClaim", i);
  }

  TestDatabase db_;
  std::unique_ptr<store::PgAuditRepository> repository_;
  std::unique_ptr<store::PgDecisionAuditRepository> decisions_repository_;
  std::unique_ptr<store::PgRegistryRepository> registry_;
  std::unique_ptr<api::DecisionAudit> decisions_;
  std::unique_ptr<api::AuditServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_AUDIT_SERVICE_FIXTURE_H_
