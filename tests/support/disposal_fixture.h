// An in-process gRPC server with the claim, calendar and disposal services over a fresh test
// database, and a clock the test sets.
#ifndef DISPOSAL_TESTS_SUPPORT_DISPOSAL_FIXTURE_H_
#define DISPOSAL_TESTS_SUPPORT_DISPOSAL_FIXTURE_H_

#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "api/claim_service.h"
#include "api/disposal_service.h"
#include "store/calendar_store.h"
#include "store/claim_store.h"
#include "store/disposal_store.h"
#include "support/sample_claims.h"
#include "support/test_database.h"

namespace disposal::testing {

// Microseconds since the epoch of HH:00 Asia/Shanghai on a date.
inline int64_t ShanghaiMicros(int year, int month, int day, int hour) {
  const int64_t days = domain::DaysFromCivil(domain::Date{year, month, day});
  return ((days * 24 + hour - 8) * 3600) * 1'000'000;
}

class DisposalFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    now_ = ShanghaiMicros(2021, 7, 20, 10);
    claims_ = std::make_unique<store::PgClaimRepository>(db_.database());
    claim_registry_ = std::make_unique<domain::ClaimRegistry>(*claims_, [] {
      return domain::Date{2026, 11, 28};
    });
    claim_service_ =
        std::make_unique<api::ClaimServiceImpl>(*claim_registry_, [this] { ++context_changes_; });
    calendars_ = std::make_unique<store::PgCalendarRepository>(db_.database());
    calendar_registry_ = std::make_unique<domain::CalendarRegistry>(*calendars_);
    calendar_service_ = std::make_unique<api::CalendarServiceImpl>(*calendar_registry_);
    disposals_ = std::make_unique<store::PgDisposalRepository>(db_.database());
    disposal_registry_ = std::make_unique<domain::DisposalRegistry>(
        *disposals_, *calendar_registry_, [this] { return now_.load(); });
    disposal_service_ = std::make_unique<api::DisposalServiceImpl>(*disposal_registry_,
                                                                   [this] { ++context_changes_; });
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(claim_service_.get());
    builder.RegisterService(calendar_service_.get());
    builder.RegisterService(disposal_service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                       grpc::InsecureChannelCredentials());
    claim_stub_ = v1::ClaimService::NewStub(channel);
    calendar_stub_ = v1::CalendarService::NewStub(channel);
    stub_ = v1::DisposalService::NewStub(channel);
  }

  void TearDown() override { server_->Shutdown(); }

  // The seed claim, created; returns its id.
  grpc::Status GetClaim(const std::string& id, v1::Claim* out) {
    grpc::ClientContext context;
    v1::GetClaimRequest request;
    request.set_id(id);
    return claim_stub_->GetClaim(&context, request, out);
  }

  // Replaces the claim's tranches with `claim`'s (its version as read).
  grpc::Status UpdateTranches(const v1::Claim& claim) {
    grpc::ClientContext context;
    v1::UpdateClaimRequest request;
    *request.mutable_claim() = claim;
    request.mutable_update_mask()->add_paths("tranches");
    v1::Claim updated;
    return claim_stub_->UpdateClaim(&context, request, &updated);
  }

  // The seed claim; another request id makes another claim of the same content.
  std::string CreateSeedClaim(const std::string& request_id = "seed-claim") {
    grpc::ClientContext context;
    v1::CreateClaimRequest request;
    *request.mutable_claim() = SampleClaim();
    request.set_request_id(request_id);
    v1::Claim claim;
    EXPECT_TRUE(claim_stub_->CreateClaim(&context, request, &claim).ok());
    return claim.id();
  }

  // The seed notice as a draft: two lots (one per tranche), website + provincial paper.
  v1::Disposal SeedDisposal(const std::string& claim_id) {
    v1::Disposal d;
    d.set_title("对黑龙江省日出康城房地产开发有限公司债权处置公告");
    for (int tranche : {1, 2}) {
      v1::Lot* lot = d.add_lots();
      lot->set_claim_id(claim_id);
      lot->set_tranche_number(tranche);
    }
    d.add_methods(v1::DISPOSAL_METHOD_AUCTION);
    d.add_methods(v1::DISPOSAL_METHOD_SEPARATE_LISTING);
    d.add_payment_terms(v1::PAYMENT_TERM_LUMP_SUM);
    d.add_payment_terms(v1::PAYMENT_TERM_INSTALMENTS);
    *d.mutable_deposit() = Yuan(0);
    v1::Contact* contact = d.mutable_contact_details()->add_contacts();
    contact->set_name("王先生");
    contact->add_phones("0451-53620829");
    d.mutable_contact_details()->set_address("哈尔滨市南岗区红军街10号金融大厦");
    d.mutable_contact_details()->set_postcode("150001");
    v1::PublicationChannel* website = d.add_channels();
    website->set_kind(v1::CHANNEL_KIND_WEBSITE);
    website->set_name("http://www.gwamcc.com");
    v1::PublicationChannel* paper = d.add_channels();
    paper->set_kind(v1::CHANNEL_KIND_NEWSPAPER);
    paper->set_name("黑龙江日报");
    paper->set_level(v1::NEWSPAPER_LEVEL_PROVINCIAL);
    d.set_validity_months(12);
    d.set_window_working_days(20);
    return d;
  }

  grpc::Status CreateDisposal(const v1::Disposal& disposal, const std::string& request_id,
                              v1::Disposal* out) {
    grpc::ClientContext context;
    context.AddMetadata("x-disposal-actor", "tester");
    v1::CreateDisposalRequest request;
    *request.mutable_disposal() = disposal;
    request.set_request_id(request_id);
    return stub_->CreateDisposal(&context, request, out);
  }

  grpc::Status Publish(const v1::Disposal& disposal, int year, int month, int day,
                       v1::Disposal* out) {
    grpc::ClientContext context;
    v1::PublishDisposalRequest request;
    request.set_id(disposal.id());
    request.set_version(disposal.version());
    *request.mutable_publication_date() = MakeProtoDate(year, month, day);
    return stub_->PublishDisposal(&context, request, out);
  }

  grpc::Status Get(const std::string& id, v1::Disposal* out) {
    grpc::ClientContext context;
    v1::GetDisposalRequest request;
    request.set_id(id);
    return stub_->GetDisposal(&context, request, out);
  }

  grpc::Status Submit(const std::string& disposal_id, v1::SubmissionKind kind,
                      int64_t received_micros, v1::Submission* out) {
    // Staff record a submission after it arrives: move the clock past its receipt.
    if (now_ < received_micros) now_ = received_micros + 3'600'000'000LL;
    return SubmitWithoutMovingTheClock(disposal_id, kind, received_micros, out);
  }

  // An objection to the published seed notice stamped `ahead_minutes` after the server's clock,
  // as a client whose clock runs ahead records it.
  grpc::Status SubmitAheadOfTheServerClock(int64_t ahead_minutes, v1::Submission* out) {
    v1::Disposal published = PublishedSeed();
    now_ = ShanghaiMicros(2021, 8, 2, 10);
    return SubmitWithoutMovingTheClock(published.id(), v1::SUBMISSION_KIND_OBJECTION,
                                       now_ + ahead_minutes * 60 * 1'000'000, out);
  }

  // As recorded by a client whose clock may run ahead of the server's.
  grpc::Status SubmitWithoutMovingTheClock(const std::string& disposal_id, v1::SubmissionKind kind,
                                           int64_t received_micros, v1::Submission* out) {
    grpc::ClientContext context;
    v1::RecordSubmissionRequest request;
    v1::Submission* s = request.mutable_submission();
    s->set_disposal_id(disposal_id);
    s->set_kind(kind);
    s->set_channel(v1::SUBMISSION_CHANNEL_LETTER);
    *s->mutable_received_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(received_micros);
    s->set_submitter("某投资者");
    s->set_text("对处置方案提出异议");
    return stub_->RecordSubmission(&context, request, out);
  }

  grpc::Status Resolve(const std::string& id, v1::Resolution resolution, v1::Submission* out) {
    grpc::ClientContext context;
    v1::ResolveSubmissionRequest request;
    request.set_id(id);
    request.set_resolution(resolution);
    request.set_note("经核查，异议不成立");
    return stub_->ResolveSubmission(&context, request, out);
  }

  // A correction of the working-day calendar: re-imports 2021 as held, with `day` added as a
  // special day of `kind`.
  void Correct2021(int month, int day, v1::DayKind kind, const std::string& request_id) {
    v1::CalendarYear year;
    {
      grpc::ClientContext context;
      v1::GetCalendarYearRequest request;
      request.set_year(2021);
      ASSERT_TRUE(calendar_stub_->GetCalendarYear(&context, request, &year).ok());
    }
    v1::ImportCalendarYearRequest request;
    *request.mutable_calendar_year() = year;
    request.mutable_calendar_year()->set_source("a correction");
    v1::SpecialDay* added = request.mutable_calendar_year()->add_special_days();
    *added->mutable_date() = MakeProtoDate(2021, month, day);
    added->set_kind(kind);
    added->set_name("更正");
    request.set_request_id(request_id);
    grpc::ClientContext context;
    v1::CalendarYear imported;
    const grpc::Status status = calendar_stub_->ImportCalendarYear(&context, request, &imported);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::AwardGateDecision Gate(const std::string& disposal_id, int64_t at_micros,
                             const std::string& lot_id = "") {
    grpc::ClientContext context;
    v1::CheckAwardGateRequest request;
    request.set_disposal_id(disposal_id);
    request.set_lot_id(lot_id);
    *request.mutable_at_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(at_micros);
    v1::AwardGateDecision decision;
    EXPECT_TRUE(stub_->CheckAwardGate(&context, request, &decision).ok());
    return decision;
  }

  grpc::Status Transition(const v1::Disposal& disposal, v1::Transition transition,
                          v1::Disposal* out) {
    grpc::ClientContext context;
    v1::TransitionDisposalRequest request;
    request.set_id(disposal.id());
    request.set_version(disposal.version());
    request.set_transition(transition);
    request.set_reason("测试");
    return stub_->TransitionDisposal(&context, request, out);
  }

  // A published seed disposal (2021-07-28, 20 working days).
  v1::Disposal PublishedSeed() {
    v1::Disposal draft, published;
    EXPECT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "seed-disposal", &draft).ok());
    EXPECT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
    return published;
  }

  TestDatabase db_;
  std::atomic<int64_t> now_{0};
  std::unique_ptr<store::PgClaimRepository> claims_;
  std::unique_ptr<domain::ClaimRegistry> claim_registry_;
  std::unique_ptr<api::ClaimServiceImpl> claim_service_;
  std::unique_ptr<store::PgCalendarRepository> calendars_;
  std::unique_ptr<domain::CalendarRegistry> calendar_registry_;
  std::unique_ptr<api::CalendarServiceImpl> calendar_service_;
  std::unique_ptr<store::PgDisposalRepository> disposals_;
  std::unique_ptr<domain::DisposalRegistry> disposal_registry_;
  std::unique_ptr<api::DisposalServiceImpl> disposal_service_;
  // Times the services told the eligibility checks a disposal's context may have changed.
  std::atomic<int> context_changes_{0};
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::ClaimService::Stub> claim_stub_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_stub_;
  std::unique_ptr<v1::DisposalService::Stub> stub_;
};

}  // namespace disposal::testing

#endif  // DISPOSAL_TESTS_SUPPORT_DISPOSAL_FIXTURE_H_
