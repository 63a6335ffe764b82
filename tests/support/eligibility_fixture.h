// An in-process server with the eligibility and registry services over a fresh database that
// holds the seed claim and a published seed disposal, with the index kept fresh by LISTEN.
#ifndef DISPOSAL_TESTS_SUPPORT_ELIGIBILITY_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_ELIGIBILITY_FIXTURE_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "api/claim_mapping.h"
#include "api/eligibility_service.h"
#include "domain/claim_registry.h"
#include "domain/disposal_registry.h"
#include "domain/eligibility_checker.h"
#include "store/calendar_store.h"
#include "store/claim_store.h"
#include "store/disposal_store.h"
#include "store/notification_listener.h"
#include "store/registry_store.h"
#include "support/sample_claims.h"
#include "support/test_database.h"

namespace disposal::testing {

// A national ID with a correct check character for a birth date and a serial (3 digits).
inline std::string NationalId(const std::string& birth_yyyymmdd, int serial) {
  std::string serial_text = std::to_string(serial);
  std::string first17 =
      "110105" + birth_yyyymmdd + std::string(3 - serial_text.size(), '0') + serial_text;
  return first17 + domain::NationalIdCheckCharacter(first17);
}

// Microseconds since the Unix epoch, now.
inline int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class EligibilityFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    claims_ = std::make_unique<store::PgClaimRepository>(db_.database());
    domain::ClaimRegistry claim_registry(*claims_, [] { return domain::Date{2026, 11, 28}; });
    auto content = api::ClaimContentFromProto(SampleClaim(), "claim");
    ASSERT_TRUE(content.ok());
    auto claim = claim_registry.Create(content.value(), {}, {"tester", "setup", "", "{}"});
    ASSERT_TRUE(claim.ok()) << claim.error().Message();
    claim_id_ = claim.value().id;
    CreateDisposal();
    registry_ = MakeRegistryRepository();
    checker_ = std::make_unique<domain::EligibilityChecker>(
        *registry_, domain::EligibilitySettings{},
        domain::EligibilityChecker::Clock{
            // The real time: a replay reads the disposal as it was when the decision was made.
            [] { return NowMicros(); },
            [] {
              return domain::Date{2026, 11, 28};
            },
            [this] { return "00000000-0000-4000-8000-" + Serial(); }});
    log_ = std::make_unique<api::DecisionLog>(*registry_);
    eligibility_ = std::make_unique<api::EligibilityServiceImpl>(*checker_, *log_);
    registry_service_ = std::make_unique<api::RegistryServiceImpl>(
        *registry_, *checker_, ImportUploadMax(), CatchUpWait());
    // Loaded here rather than awaited from the listener's thread, which first connects and
    // listens: its own load on start still catches a change committed before it listened.
    ASSERT_TRUE(checker_->Refresh().ok());
    listener_ = std::make_unique<store::NotificationListener>(
        db_.database(), std::vector<std::string>{"registry_changed", "disposal_context_changed"},
        [this](const std::string& channel) {
          if (channel == "registry_changed") {
            (void)checker_->Refresh();
          } else {
            checker_->InvalidateDisposalContexts();
          }
        });
    ASSERT_TRUE(checker_->Snapshot());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(eligibility_.get());
    builder.RegisterService(registry_service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                       grpc::InsecureChannelCredentials());
    stub_ = v1::EligibilityService::NewStub(channel);
    registry_stub_ = v1::RegistryService::NewStub(channel);
  }

  void TearDown() override {
    server_->Shutdown();
    listener_.reset();
  }

  // The registry's store; a test may put one of its own making in its place.
  virtual std::unique_ptr<store::PgRegistryRepository> MakeRegistryRepository() {
    return std::make_unique<store::PgRegistryRepository>(db_.database());
  }

  // How long the registry service lets one import's upload take.
  virtual std::chrono::seconds ImportUploadMax() const {
    return api::RegistryServiceImpl::kImportUploadMaxDefault;
  }

  // How long a registry change waits for the index to load it.
  virtual std::chrono::milliseconds CatchUpWait() const {
    return api::RegistryServiceImpl::kCatchUpWaitDefault;
  }

  std::string Serial() {
    std::string text = std::to_string(++serial_);
    return std::string(12 - text.size(), '0') + text;
  }

  void CreateDisposal() {
    disposals_ = std::make_unique<store::PgDisposalRepository>(db_.database());
    calendars_ = std::make_unique<store::PgCalendarRepository>(db_.database());
    domain::CalendarRegistry calendar(*calendars_);
    domain::DisposalRegistry registry(*disposals_, calendar, [] { return int64_t{0}; });
    domain::DisposalContent content;
    content.title = "seed";
    content.lots.push_back({"", claim_id_, 1, std::nullopt});
    content.lots.push_back({"", claim_id_, 2, std::nullopt});
    content.methods = {domain::DisposalMethod::kAuction};
    content.payment_terms = {domain::PaymentTerm::kLumpSum};
    content.deposit = domain::Money::Parse("1000000").value();
    content.channels = {
        {domain::ChannelKind::kWebsite, "http://www.gwamcc.com", domain::NewspaperLevel::kNone}};
    auto created = registry.Create(content, {}, {"tester", "setup", "", "{}"});
    ASSERT_TRUE(created.ok()) << created.error().Message();
    disposal_id_ = created.value().record.disposal.id;
  }

  v1::CheckBidderEligibilityRequest PersonRequest(const std::string& national_id,
                                                  const std::string& name = "投资者") {
    v1::CheckBidderEligibilityRequest request;
    request.set_disposal_id(disposal_id_);
    request.mutable_bidder()->mutable_person()->set_national_id(national_id);
    request.mutable_bidder()->mutable_person()->set_name(name);
    *request.mutable_deposit_paid() = Yuan(1000000);
    *request.mutable_as_of() = MakeProtoDate(2026, 11, 28);
    return request;
  }

  grpc::Status Check(const v1::CheckBidderEligibilityRequest& request,
                     v1::EligibilityDecision* out) {
    grpc::ClientContext context;
    return stub_->CheckBidderEligibility(&context, request, out);
  }

  grpc::Status Apply(const v1::ApplyRegistryChangesRequest& request, int64_t* version = nullptr) {
    grpc::ClientContext context;
    v1::ApplyRegistryChangesResponse response;
    grpc::Status status = registry_stub_->ApplyRegistryChanges(&context, request, &response);
    if (version) *version = response.registry_version();
    return status;
  }

  // Sends `csv` in odd-sized chunks, so that lines span chunk boundaries; the final one is
  // marked last unless `mark_last` is false (an upload cut off).
  grpc::Status Import(const std::string& csv, v1::ImportRegistryResponse* out,
                      bool mark_last = true) {
    grpc::ClientContext context;
    auto writer = registry_stub_->ImportRegistry(&context, out);
    for (size_t at = 0; at < csv.size(); at += 37) {
      v1::ImportRegistryChunk chunk;
      chunk.set_data(csv.substr(at, 37));
      chunk.set_last(mark_last && at + 37 >= csv.size());
      if (!writer->Write(chunk)) break;
    }
    if (csv.empty() && mark_last) {
      v1::ImportRegistryChunk end;
      end.set_last(true);
      writer->Write(end);
    }
    writer->WritesDone();
    return writer->Finish();
  }

  TestDatabase db_;
  std::string claim_id_;
  std::string disposal_id_;
  std::atomic<int> serial_{0};
  std::unique_ptr<store::PgClaimRepository> claims_;
  std::unique_ptr<store::PgDisposalRepository> disposals_;
  std::unique_ptr<store::PgCalendarRepository> calendars_;
  std::unique_ptr<store::PgRegistryRepository> registry_;
  std::unique_ptr<domain::EligibilityChecker> checker_;
  std::unique_ptr<api::DecisionLog> log_;
  std::unique_ptr<api::EligibilityServiceImpl> eligibility_;
  std::unique_ptr<api::RegistryServiceImpl> registry_service_;
  std::unique_ptr<store::NotificationListener> listener_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::EligibilityService::Stub> stub_;
  std::unique_ptr<v1::RegistryService::Stub> registry_stub_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_ELIGIBILITY_FIXTURE_H_
