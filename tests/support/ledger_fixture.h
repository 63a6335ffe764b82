// DisposalFixture plus the ledger: an in-process LedgerService (with the eligibility checks an
// award needs) over the same test database, and helpers for its calls.
#ifndef DISPOSAL_TESTS_SUPPORT_LEDGER_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_LEDGER_FIXTURE_H_

#include <google/protobuf/util/time_util.h>

#include "api/eligibility_service.h"
#include "api/ledger_service.h"
#include "api/wire_values.h"
#include "disposal/v1/ledger.grpc.pb.h"
#include "domain/eligibility_checker.h"
#include "domain/identifiers.h"
#include "store/ledger_store.h"
#include "store/outcome_store.h"
#include "store/registry_store.h"
#include "support/disposal_fixture.h"
#include "support/raced_outcomes.h"

namespace disposal::testing {

inline v1::Date Day(int year, int month, int day) { return MakeProtoDate(year, month, day); }

// An amount of yuan from its decimal text, e.g. "400000000.00".
inline v1::Money Amount(const char* text) {
  return api::MoneyToProto(domain::Money::Parse(text).value());
}

inline std::string Text(const v1::Money& money) {
  auto parsed = api::MoneyFromProto(money, "amount");
  return parsed.ok() ? parsed.value().ToString() : "invalid";
}

class LedgerFixture : public DisposalFixture {
 protected:
  void SetUp() override {
    DisposalFixture::SetUp();
    ledger_repository_ = std::make_unique<store::PgLedgerRepository>(db_.database());
    outcome_repository_ = std::make_unique<RacedOutcomes>(db_.database());
    ledger_ = std::make_unique<domain::Ledger>(*ledger_repository_, *outcome_repository_, [] {
      return domain::Date{2026, 11, 28};
    });
    registry_ = std::make_unique<store::PgRegistryRepository>(db_.database());
    checker_ = std::make_unique<domain::EligibilityChecker>(
        *registry_, domain::EligibilitySettings{},
        domain::EligibilityChecker::Clock{[] { return int64_t{1'700'000'000'000'000}; },
                                          [] {
                                            return domain::Date{2026, 11, 28};
                                          },
                                          [this] { return NextDecisionId(); }});
    ASSERT_TRUE(checker_->Refresh().ok());
    log_ = std::make_unique<api::DecisionLog>(*registry_);
    // No change listener here: a registry changed behind the index stays unseen.
    eligibility_ = std::make_unique<api::EligibilityServiceImpl>(*checker_, *log_,
                                                                 std::chrono::milliseconds(200));
    ledger_service_ = std::make_unique<api::LedgerServiceImpl>(
        *ledger_, *disposal_registry_, *eligibility_, [this] { return now_.load(); });
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(ledger_service_.get());
    ledger_server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    ledger_stub_ = v1::LedgerService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    ledger_server_->Shutdown();
    DisposalFixture::TearDown();
  }

  std::string NextDecisionId() {
    const std::string serial = std::to_string(++decisions_);
    return "00000000-0000-7000-8000-" + std::string(12 - serial.size(), '0') + serial;
  }

  static v1::AccrueInterestRequest AccrueRequest(const std::string& claim_id,
                                                 const v1::Date& through,
                                                 const std::string& request_id) {
    v1::AccrueInterestRequest request;
    request.set_claim_id(claim_id);
    *request.mutable_through_date() = through;
    request.set_request_id(request_id);
    return request;
  }

  grpc::Status Accrue(const v1::AccrueInterestRequest& request, v1::AccrueInterestResponse* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->AccrueInterest(&context, request, out);
  }

  grpc::Status Accrue(const std::string& claim_id, const v1::Date& through,
                      const std::string& request_id, v1::AccrueInterestResponse* out) {
    return Accrue(AccrueRequest(claim_id, through, request_id), out);
  }

  v1::ClaimStatement Statement(const std::string& claim_id, const v1::Date* as_of = nullptr) {
    grpc::ClientContext context;
    v1::GetClaimStatementRequest request;
    request.set_claim_id(claim_id);
    if (as_of != nullptr) *request.mutable_as_of() = *as_of;
    v1::ClaimStatement statement;
    EXPECT_TRUE(ledger_stub_->GetClaimStatement(&context, request, &statement).ok());
    return statement;
  }

  v1::TrialBalance Trial(const v1::Date& as_of) {
    grpc::ClientContext context;
    v1::GetTrialBalanceRequest request;
    *request.mutable_as_of() = as_of;
    v1::TrialBalance trial;
    EXPECT_TRUE(ledger_stub_->GetTrialBalance(&context, request, &trial).ok());
    return trial;
  }

  // An award of `lot` to an adult natural person, at 10:00 Shanghai on the given day.
  v1::RecordOutcomeRequest Award(const v1::Disposal& disposal, int lot, const std::string& price,
                                 int year, int month, int day) {
    v1::RecordOutcomeRequest request;
    request.set_disposal_id(disposal.id());
    request.set_lot_id(disposal.lots(lot).id());
    request.set_method(v1::DISPOSAL_METHOD_AUCTION);
    request.mutable_buyer()->mutable_person()->set_name("买受人");
    request.mutable_buyer()->mutable_person()->set_national_id(
        std::string("11010519800101012") + domain::NationalIdCheckCharacter("11010519800101012"));
    *request.mutable_price() = api::MoneyToProto(domain::Money::Parse(price).value());
    *request.mutable_award_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
        ShanghaiMicros(year, month, day, 10));
    request.set_request_id("award-" + std::to_string(lot) + "-" + price);
    return request;
  }

  // Records the award once made: the service's clock moves on to its award time first (an
  // award_time still to come is refused).
  grpc::Status RecordOutcome(const v1::RecordOutcomeRequest& request, v1::Outcome* out) {
    if (request.has_award_time()) {
      const int64_t at =
          google::protobuf::util::TimeUtil::TimestampToMicroseconds(request.award_time());
      if (now_ < at) now_ = at;
    }
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->RecordOutcome(&context, request, out);
  }

  grpc::Status Pay(const v1::RecordPaymentRequest& request, v1::Payment* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->RecordPayment(&context, request, out);
  }

  grpc::Status RecordCost(const v1::RecordCostRequest& request, v1::JournalEntry* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    return ledger_stub_->RecordCost(&context, request, out);
  }

  std::atomic<int> decisions_{0};
  std::unique_ptr<store::PgLedgerRepository> ledger_repository_;
  // A hook (before_booking) lets a test commit a change between an award's decision and its
  // booking.
  std::unique_ptr<RacedOutcomes> outcome_repository_;
  std::unique_ptr<domain::Ledger> ledger_;
  std::unique_ptr<store::PgRegistryRepository> registry_;
  std::unique_ptr<domain::EligibilityChecker> checker_;
  std::unique_ptr<api::DecisionLog> log_;
  std::unique_ptr<api::EligibilityServiceImpl> eligibility_;
  std::unique_ptr<api::LedgerServiceImpl> ledger_service_;
  std::unique_ptr<grpc::Server> ledger_server_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_stub_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_LEDGER_FIXTURE_H_
