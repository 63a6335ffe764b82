// DisposalService and CalendarService against a real PostgreSQL: publication rules, the
// objection window on the working-day calendar, submissions and the award gate.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "support/disposal_fixture.h"
#include "support/test_year_2027.h"

namespace disposal::testing {
namespace {

using google::protobuf::util::TimeUtil;

class DisposalServiceTest : public DisposalFixture {
 protected:
  // The seed claim, as read back after a draft of the seed disposal (both lots: tranches 1 and
  // 2) was recorded on it under `request_id`; the draft in `draft`.
  v1::Claim SeedClaimOfferedByADraft(const std::string& request_id, v1::Disposal* draft) {
    const std::string claim_id = CreateSeedClaim();
    EXPECT_TRUE(CreateDisposal(SeedDisposal(claim_id), request_id, draft).ok());
    v1::Claim claim;
    EXPECT_TRUE(GetClaim(claim_id, &claim).ok());
    EXPECT_EQ(claim.tranches_size(), 2);
    return claim;
  }

  // Imports 2027 as the tests arrange it without its days named `festival`.
  grpc::Status ImportYear2027Without(const std::string& festival);
  // A notice published on 2026-12-20 cannot count its window: 2027 is not held.
  void ExpectNoPublicationCountingInto2027();
};

std::string UpperCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool HasReason(const v1::AwardGateDecision& decision, v1::GateReasonCode code) {
  for (const v1::GateReason& reason : decision.reasons()) {
    if (reason.code() == code) return true;
  }
  return false;
}

// Published on Saturday 2021-07-31 and counting its publication day, the notice counts no rest
// day: all 20 working days come after it, as tier 4 asks, and the window closes on Friday
// 2021-08-27, as it would counted the default way.
TEST_F(DisposalServiceTest, ANoticeCountingARestDayAsItsPublicationDayHasItsWholeWindowAfterIt) {
  v1::Disposal content = SeedDisposal(CreateSeedClaim());
  content.set_window_counting(v1::PERIOD_COUNTING_START_DAY_COUNTED);
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(content, "counted-saturday", &draft).ok());
  const grpc::Status status = Publish(draft, 2021, 7, 31, &published);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(published.objection_deadline_date().month(), 8);
  EXPECT_EQ(published.objection_deadline_date().day(), 27);
}

// On a working day the counted publication day is the window's first: 19 after it are short.
TEST_F(DisposalServiceTest, ANoticeCountingAWorkingPublicationDayNeedsOneDayMore) {
  v1::Disposal content = SeedDisposal(CreateSeedClaim());
  content.set_window_counting(v1::PERIOD_COUNTING_START_DAY_COUNTED);
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(content, "counted-wednesday", &draft).ok());
  const grpc::Status status = Publish(draft, 2021, 7, 28, &published);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("counting the publication day, 19 after it"),
            std::string::npos)
      << status.error_message();
}

TEST_F(DisposalServiceTest, SeedNoticePublishedOn20210728ClosesAfter20WorkingDays) {
  v1::Disposal published = PublishedSeed();
  EXPECT_EQ(published.state(), v1::DISPOSAL_STATE_PUBLISHED);
  // Counting from Thu 2021-07-29 (the publication day is not counted): 2 days in July, then
  // 18 weekdays of August, which has no holidays: the 20th is Wed 2021-08-25.
  EXPECT_EQ(published.objection_deadline_date().year(), 2021);
  EXPECT_EQ(published.objection_deadline_date().month(), 8);
  EXPECT_EQ(published.objection_deadline_date().day(), 25);
  // 24:00 Asia/Shanghai on 2021-08-25 is 16:00 UTC that day.
  EXPECT_EQ(published.window_end_time().seconds(), ShanghaiMicros(2021, 8, 26, 0) / 1'000'000);
  EXPECT_EQ(published.validity_end_date().year(), 2022);
  EXPECT_EQ(published.book_value().units(), 806450600);
  EXPECT_EQ(published.lots(0).book_value().units(), 709025100);
  EXPECT_EQ(published.lots(1).book_value().units(), 97425500);
  EXPECT_EQ(published.version(), 2);
}

TEST_F(DisposalServiceTest, WorkingDaysLeftCountsTodayWhenItIsAWorkingDay) {
  v1::Disposal published = PublishedSeed();
  now_ = ShanghaiMicros(2021, 8, 20, 9);  // a Friday; left: 20, 23, 24, 25 August
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  ASSERT_TRUE(read.has_working_days_left());
  EXPECT_EQ(read.working_days_left(), 4);
}

// Objections are taken from the publication day on, not before it.
TEST_F(DisposalServiceTest, WorkingDaysLeftBeforeAFuturePublicationCountsFromThatDay) {
  v1::Disposal published = PublishedSeed();  // 2021-07-28, while the clock reads 07-20
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  // 28-30 July, then 2-6, 9-13, 16-20 and 23-25 August.
  EXPECT_EQ(read.working_days_left(), 21);
}

TEST_F(DisposalServiceTest, WorkingDaysLeftOnAWeekendCountsFromTheNextWorkingDay) {
  v1::Disposal published = PublishedSeed();
  now_ = ShanghaiMicros(2021, 8, 21, 9);  // a Saturday; left: 23, 24, 25 August
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(read.working_days_left(), 3);
}

TEST_F(DisposalServiceTest, WorkingDaysLeftIsOneOnTheDeadlineDayAndZeroOnceItEnds) {
  v1::Disposal published = PublishedSeed();
  now_ = ShanghaiMicros(2021, 8, 25, 23);  // the deadline, Wednesday, an hour before 24:00
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_PUBLISHED);
  EXPECT_EQ(read.working_days_left(), 1);
  now_ = ShanghaiMicros(2021, 8, 26, 0);
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_WINDOW_CLOSED);
  EXPECT_EQ(read.working_days_left(), 0);
}

TEST_F(DisposalServiceTest, WindowShorterThanTheTierMinimumIsRefusedNamingTheRule) {
  v1::Disposal seed = SeedDisposal(CreateSeedClaim());
  seed.set_window_working_days(15);
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(seed, "short-window", &draft).ok());
  grpc::Status status = Publish(draft, 2021, 7, 28, &published);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("notice.tier4"), std::string::npos)
      << status.error_message();
}

// The lots' book values are read before the publishing transaction; a claim changed in between
// must not have its old value frozen into the notice.
TEST_F(DisposalServiceTest, PublicationOnBookValuesOfAClaimChangedSinceIsAbortedAndLeavesADraft) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "stale-values", &draft).ok());
  const int64_t version_read =
      std::stoll(db_.Query("SELECT version FROM claims WHERE id = '" + claim_id + "'")) - 1;
  domain::Publication publication;
  publication.publication_date = domain::Date{2021, 7, 28};
  publication.objection_deadline_date = domain::Date{2021, 8, 25};
  publication.validity_end_date = domain::Date{2021, 8, 25};
  auto published = disposals_->Publish(
      draft.id(), draft.version(), publication, [](const domain::Date&, int) { return true; },
      {domain::Money(), domain::Money()}, {{claim_id, version_read}}, /*booked=*/{},
      /*calendar_revision=*/0, domain::RequestKey{"stale-publish", std::string(64, '0')},
      domain::AuditContext{"tester", "disposal.v1.DisposalService/PublishDisposal", "stale-publish",
                           "{}"});
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code, ErrorCode::kAborted);
  EXPECT_NE(published.error().reason.find("claim " + claim_id + " changed"), std::string::npos)
      << published.error().reason;
  v1::Disposal read;
  ASSERT_TRUE(Get(draft.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_DRAFT);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM disposal_lots WHERE published_book_value IS NOT NULL"),
            "0");
}

TEST_F(DisposalServiceTest, CityNewspaperIsNotEnoughForABookValueOverOneYi) {
  v1::Disposal seed = SeedDisposal(CreateSeedClaim());
  seed.mutable_channels(1)->set_level(v1::NEWSPAPER_LEVEL_CITY);
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(seed, "city-paper", &draft).ok());
  grpc::Status status = Publish(draft, 2021, 7, 28, &published);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("notice.tier4"), std::string::npos)
      << status.error_message();
  v1::Disposal read;
  ASSERT_TRUE(Get(draft.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_DRAFT);
}

TEST_F(DisposalServiceTest, TierThreeLotWithOnlyTheWebsiteAndSevenDaysIsRefusedNamingTier3) {
  v1::Disposal seed = SeedDisposal(CreateSeedClaim());
  seed.mutable_lots()->RemoveLast();  // tranche 2 alone: 9742.55万, tier 3
  seed.mutable_lots(0)->set_tranche_number(2);
  seed.mutable_channels()->RemoveLast();  // no newspaper
  seed.set_window_working_days(7);
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(seed, "small-lot", &draft).ok());
  grpc::Status status = Publish(draft, 2021, 7, 28, &published);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("notice.tier3"), std::string::npos)
      << status.error_message();
}

TEST_F(DisposalServiceTest, DeadlineNeedingAYearTheCalendarLacksIsRefusedNamingTheYear) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "late-year", &draft).ok());
  grpc::Status status = Publish(draft, 2026, 12, 20, &published);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("2027"), std::string::npos) << status.error_message();
}

// 2027 as the tests arrange it (support/test_year_2027.h), its first day named `holiday_name`.
v1::ImportCalendarYearRequest Year2027(const std::string& holiday_name) {
  v1::ImportCalendarYearRequest request;
  request.set_request_id("import-2027-" + std::to_string(holiday_name.size()));
  v1::CalendarYear* year = request.mutable_calendar_year();
  year->set_year(2027);
  year->set_source("test arrangement");
  for (const TestDayOff2027& off : kTestDaysOff2027) {
    v1::SpecialDay* day = year->add_special_days();
    *day->mutable_date() = MakeProtoDate(2027, off.month, off.day);
    day->set_kind(v1::DAY_KIND_HOLIDAY);
    day->set_name(year->special_days_size() == 1 ? holiday_name : off.name);
  }
  return request;
}

grpc::Status DisposalServiceTest::ImportYear2027Without(const std::string& festival) {
  v1::ImportCalendarYearRequest request = Year2027("元旦");
  auto* days = request.mutable_calendar_year()->mutable_special_days();
  days->erase(std::remove_if(days->begin(), days->end(),
                             [&](const v1::SpecialDay& day) { return day.name() == festival; }),
              days->end());
  grpc::ClientContext context;
  v1::CalendarYear imported;
  return calendar_stub_->ImportCalendarYear(&context, request, &imported);
}

void DisposalServiceTest::ExpectNoPublicationCountingInto2027() {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "no-2027", &draft).ok());
  EXPECT_EQ(Publish(draft, 2026, 12, 20, &published).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DisposalServiceTest, ImportedYearMakesTheDeadlineComputable) {
  grpc::ClientContext context;
  v1::CalendarYear imported;
  ASSERT_TRUE(calendar_stub_->ImportCalendarYear(&context, Year2027("元旦"), &imported).ok());
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "after-import", &draft).ok());
  ASSERT_TRUE(Publish(draft, 2026, 12, 20, &published).ok());
  // After Sun 2026-12-20: 9 weekdays to 12-31, 2027-01-01 is a holiday, then 11 more weekdays
  // from Mon 01-04: the 20th working day is Mon 2027-01-18.
  EXPECT_EQ(published.objection_deadline_date().year(), 2027);
  EXPECT_EQ(published.objection_deadline_date().month(), 1);
  EXPECT_EQ(published.objection_deadline_date().day(), 18);
}

// Notice A, published 2026-07-31 for a year, ends on Saturday 2027-07-31 as far as a calendar
// without 2027 can tell. Once 2027 is imported it runs to Monday 2027-08-02 (art. 203): another
// notice of the same tranches is refused that day, and published the day after.
TEST_F(DisposalServiceTest, ANoticeLiveOnlyOnceItsEndYearIsImportedStillHoldsItsLots) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal first_draft, first;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "first-notice", &first_draft).ok());
  ASSERT_TRUE(Publish(first_draft, 2026, 7, 31, &first).ok());
  grpc::ClientContext context;
  v1::CalendarYear imported;
  ASSERT_TRUE(calendar_stub_->ImportCalendarYear(&context, Year2027("元旦"), &imported).ok());

  v1::Disposal second_draft, second;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "second-notice", &second_draft).ok());
  const grpc::Status refused = Publish(second_draft, 2027, 8, 2, &second);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find(first.id()), std::string::npos) << refused.error_message();
  const grpc::Status published = Publish(second_draft, 2027, 8, 3, &second);
  EXPECT_TRUE(published.ok()) << published.error_message();
}

TEST_F(DisposalServiceTest, UnknownDayKindIsRefusedNamingTheDayRatherThanMadeAWorkingDay) {
  v1::ImportCalendarYearRequest request = Year2027("元旦");
  v1::SpecialDay* saturday = request.mutable_calendar_year()->add_special_days();
  *saturday->mutable_date() = MakeProtoDate(2027, 1, 9);
  saturday->set_kind(static_cast<v1::DayKind>(3));
  saturday->set_name("未知");
  grpc::ClientContext context;
  v1::CalendarYear imported;
  const grpc::Status status = calendar_stub_->ImportCalendarYear(&context, request, &imported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  const std::string field = "calendar_year.special_days[" +
                            std::to_string(request.calendar_year().special_days_size() - 1) +
                            "].kind";
  EXPECT_NE(status.error_message().find(field), std::string::npos) << status.error_message();
}

// A year without one festival's days is not the year's arrangement, though it still lists
// more weekdays off than the law gives days: refused, nothing stored, and a deadline that
// needs the year still cannot be computed.
TEST_F(DisposalServiceTest, AYearWithoutItsQingmingDaysIsRefusedAndNotStored) {
  const grpc::Status status = ImportYear2027Without("清明节");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("calendar_year.special_days"), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("清明节"), std::string::npos) << status.error_message();
  ExpectNoPublicationCountingInto2027();
}

// 2027's Mid-Autumn Festival falls on Wednesday 09-15, its one day off.
TEST_F(DisposalServiceTest, AYearWithoutItsMidAutumnDayIsRefusedAndNotStored) {
  const grpc::Status status = ImportYear2027Without("中秋节");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_NE(status.error_message().find("calendar_year.special_days: does not list 2027-09-15 "
                                        "(中秋节, a Wednesday) as a holiday"),
            std::string::npos)
      << status.error_message();
  ExpectNoPublicationCountingInto2027();
}

TEST_F(DisposalServiceTest, AValidateOnlyImportAnswersAsAnImportWouldAndWritesNothing) {
  v1::ImportCalendarYearRequest request = Year2027("元旦");
  request.set_validate_only(true);
  request.clear_request_id();
  grpc::ClientContext context;
  v1::CalendarYear checked;
  const grpc::Status status = calendar_stub_->ImportCalendarYear(&context, request, &checked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(checked.year(), 2027);
  EXPECT_EQ(checked.special_days_size(), request.calendar_year().special_days_size());
  EXPECT_FALSE(checked.has_import_time());
  ExpectNoPublicationCountingInto2027();
}

TEST_F(DisposalServiceTest, AValidateOnlyImportRefusesAYearLeavingOutHeldDaysUnlessReplacing) {
  grpc::ClientContext import_context;
  v1::CalendarYear imported;
  ASSERT_TRUE(
      calendar_stub_->ImportCalendarYear(&import_context, Year2027("元旦"), &imported).ok());
  v1::ImportCalendarYearRequest shorter = Year2027("元旦");
  shorter.set_validate_only(true);
  auto* days = shorter.mutable_calendar_year()->mutable_special_days();
  days->erase(std::remove_if(days->begin(), days->end(),
                             [](const v1::SpecialDay& day) {
                               return day.date().month() == 10 && day.date().day() == 7;
                             }),
              days->end());
  grpc::ClientContext refused_context;
  v1::CalendarYear checked;
  const grpc::Status refused =
      calendar_stub_->ImportCalendarYear(&refused_context, shorter, &checked);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("leaves out (2027-10-07 holiday)"), std::string::npos)
      << refused.error_message();
  shorter.set_replace(true);
  grpc::ClientContext replace_context;
  const grpc::Status replacing =
      calendar_stub_->ImportCalendarYear(&replace_context, shorter, &checked);
  EXPECT_TRUE(replacing.ok()) << replacing.error_message();
  // Nothing was written: the held year keeps 10-07.
  grpc::ClientContext get_context;
  v1::GetCalendarYearRequest get;
  get.set_year(2027);
  v1::CalendarYear held;
  ASSERT_TRUE(calendar_stub_->GetCalendarYear(&get_context, get, &held).ok());
  EXPECT_EQ(held.special_days_size(), imported.special_days_size());
}

TEST_F(DisposalServiceTest, GateForALotOfAnotherDisposalIsInvalidArgumentNamingTheLot) {
  const v1::Disposal published = PublishedSeed();
  grpc::ClientContext context;
  v1::CheckAwardGateRequest request;
  request.set_disposal_id(published.id());
  request.set_lot_id("00000000-0000-4000-8000-000000000001");
  v1::AwardGateDecision decision;
  const grpc::Status status = stub_->CheckAwardGate(&context, request, &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("lot_id: ", 0), 0u) << status.error_message();
}

TEST_F(DisposalServiceTest, MalformedDisposalIdIsNamedAsTheRequestNamesIt) {
  grpc::ClientContext gate_context, list_context;
  v1::CheckAwardGateRequest gate;
  gate.set_disposal_id("not-a-uuid");
  v1::AwardGateDecision decision;
  const grpc::Status gated = stub_->CheckAwardGate(&gate_context, gate, &decision);
  EXPECT_EQ(gated.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(gated.error_message().rfind("disposal_id: ", 0), 0u) << gated.error_message();
  v1::ListSubmissionsRequest list;
  list.set_disposal_id("not-a-uuid");
  v1::ListSubmissionsResponse listed;
  const grpc::Status refused = stub_->ListSubmissions(&list_context, list, &listed);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message().rfind("disposal_id: ", 0), 0u) << refused.error_message();
}

TEST_F(DisposalServiceTest, CalendarYearOutsideTheBusinessRangeIsInvalidNotMissing) {
  grpc::ClientContext context;
  v1::GetCalendarYearRequest request;
  request.set_year(1800);
  v1::CalendarYear year;
  const grpc::Status status = calendar_stub_->GetCalendarYear(&context, request, &year);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message(), "year: 1800 is outside 1900..2200");
}

std::string IsoText(const v1::Date& date) {
  return domain::FormatIsoDate(domain::Date{date.year(), date.month(), date.day()});
}

// Under art. 201 the publication day is not counted: a notice published on 2020-12-31 (a year
// the calendar lacks) has its window wholly in 2021, which it holds. Counting that day needs
// to know whether it is a working day, and is refused naming 2020.
TEST_F(DisposalServiceTest, APublicationDayNotCountedNeedsNoCalendarForItsYear) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal counted = SeedDisposal(claim_id);
  counted.set_window_counting(v1::PERIOD_COUNTING_START_DAY_COUNTED);
  v1::Disposal counted_draft, not_counted_draft, published;
  ASSERT_TRUE(CreateDisposal(counted, "day-counted", &counted_draft).ok());
  const grpc::Status refused = Publish(counted_draft, 2020, 12, 31, &published);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("2020"), std::string::npos) << refused.error_message();

  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "day-not-counted", &not_counted_draft).ok());
  const grpc::Status status = Publish(not_counted_draft, 2020, 12, 31, &published);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // 2021-01-01 is a holiday, the 2nd and 3rd its weekend: the 20th working day after is 01-29.
  EXPECT_EQ(IsoText(published.objection_deadline_date()), "2021-01-29");
}

// 民法典 art. 203: 2021-10-01 + 12 months is 2022-10-01, a National Day holiday; the holidays
// run to 10-07 and Saturday 10-08 is a make-up working day.
TEST_F(DisposalServiceTest, ValidityEndingOnAHolidayRunsToTheNextWorkingDay) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "holiday-end", &draft).ok());
  ASSERT_TRUE(Publish(draft, 2021, 10, 1, &published).ok());
  EXPECT_EQ(IsoText(published.validity_end_date()), "2022-10-08");
  now_ = ShanghaiMicros(2022, 10, 7, 12);
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_WINDOW_CLOSED);
  EXPECT_FALSE(HasReason(Gate(published.id(), now_), v1::GATE_REASON_CODE_EXPIRED));
  now_ = ShanghaiMicros(2022, 10, 9, 0);
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(read.state(), v1::DISPOSAL_STATE_EXPIRED);
}

// 2026-10-09 + 12 months is Saturday 2027-10-09; until 2027 is imported the calendar cannot
// tell whether that day is off, so the earlier end stands.
TEST_F(DisposalServiceTest, AYearImportedAfterPublicationMovesAValidityEndOnItsRestDay) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "end-in-2027", &draft).ok());
  ASSERT_TRUE(Publish(draft, 2026, 10, 9, &published).ok());
  EXPECT_EQ(IsoText(published.validity_end_date()), "2027-10-09");
  grpc::ClientContext context;
  v1::CalendarYear imported;
  ASSERT_TRUE(calendar_stub_->ImportCalendarYear(&context, Year2027("元旦"), &imported).ok());
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_EQ(IsoText(read.validity_end_date()), "2027-10-11");
}

// Until 2027 is imported, the day after the unmoved Saturday end the gate cannot tell whether
// the notice expired; it says so, and importing the year answers it.
TEST_F(DisposalServiceTest, GateAfterAProvisionalValidityEndAsksForTheYearNotExpired) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "end-in-2027", &draft).ok());
  ASSERT_TRUE(Publish(draft, 2026, 10, 9, &published).ok());
  EXPECT_TRUE(published.validity_end_provisional());
  const int64_t sunday = ShanghaiMicros(2027, 10, 10, 10);
  v1::AwardGateDecision unknown = Gate(published.id(), sunday);
  EXPECT_FALSE(unknown.allowed());
  EXPECT_TRUE(HasReason(unknown, v1::GATE_REASON_CODE_VALIDITY_END_UNKNOWN));
  EXPECT_FALSE(HasReason(unknown, v1::GATE_REASON_CODE_EXPIRED));
  // No run of rest days is longer than fifteen: on the fifteenth day past the Saturday the
  // answer is still unknown, from the next day the notice has expired whatever 2027 holds.
  v1::AwardGateDecision last_unknown = Gate(published.id(), ShanghaiMicros(2027, 10, 24, 23));
  EXPECT_TRUE(HasReason(last_unknown, v1::GATE_REASON_CODE_VALIDITY_END_UNKNOWN));
  EXPECT_FALSE(HasReason(last_unknown, v1::GATE_REASON_CODE_EXPIRED));
  v1::AwardGateDecision long_after = Gate(published.id(), ShanghaiMicros(2027, 10, 25, 0));
  EXPECT_TRUE(HasReason(long_after, v1::GATE_REASON_CODE_EXPIRED));
  EXPECT_FALSE(HasReason(long_after, v1::GATE_REASON_CODE_VALIDITY_END_UNKNOWN));
  grpc::ClientContext context;
  v1::CalendarYear imported;
  ASSERT_TRUE(calendar_stub_->ImportCalendarYear(&context, Year2027("元旦"), &imported).ok());
  v1::AwardGateDecision known = Gate(published.id(), sunday);
  EXPECT_FALSE(HasReason(known, v1::GATE_REASON_CODE_VALIDITY_END_UNKNOWN));
  EXPECT_FALSE(HasReason(known, v1::GATE_REASON_CODE_EXPIRED));
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  EXPECT_FALSE(read.validity_end_provisional());
}

TEST_F(DisposalServiceTest, AnImportedYearShowsWhenItWasImported) {
  grpc::ClientContext context;
  v1::CalendarYear imported;
  ASSERT_TRUE(calendar_stub_->ImportCalendarYear(&context, Year2027("元旦"), &imported).ok());
  EXPECT_TRUE(imported.has_import_time());
  EXPECT_GT(imported.import_time().seconds(), 1'700'000'000);
}

TEST_F(DisposalServiceTest, AHolidayNameLongerThanFiftyCharactersIsInvalidArgumentNamingIt) {
  grpc::ClientContext context;
  v1::CalendarYear imported;
  const grpc::Status status =
      calendar_stub_->ImportCalendarYear(&context, Year2027(std::string(51, 'x')), &imported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("calendar_year.special_days[0].name"), std::string::npos)
      << status.error_message();
}

// The 2028 notice may move 2027-12-31; sent alone as "2027" it would leave every other weekday
// of 2027 a working day.
TEST_F(DisposalServiceTest, AYearOfOnlyADayTheNextNoticeMovesIsRefusedAndNothingIsHeld) {
  v1::ImportCalendarYearRequest request;
  request.set_request_id("reach-back-2027");
  v1::CalendarYear* year = request.mutable_calendar_year();
  year->set_year(2027);
  year->set_source("the 2028 notice");
  v1::SpecialDay* eve = year->add_special_days();
  *eve->mutable_date() = MakeProtoDate(2027, 12, 31);
  eve->set_kind(v1::DAY_KIND_HOLIDAY);
  eve->set_name("元旦");
  grpc::ClientContext context;
  v1::CalendarYear imported;
  const grpc::Status status = calendar_stub_->ImportCalendarYear(&context, request, &imported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("lacks the holiday 2027-01-01"), std::string::npos)
      << status.error_message();
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "reach-back", &draft).ok());
  EXPECT_EQ(Publish(draft, 2026, 12, 20, &published).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// A year's notice lists at least the days off the law gives (13 from 2025): the three
// compulsory days alone are a fragment too (its Spring Festival left out, say).
TEST_F(DisposalServiceTest, AYearOfTheThreeCompulsoryDaysAloneIsRefusedAndNothingIsHeld) {
  v1::ImportCalendarYearRequest request = Year2027("元旦");
  v1::CalendarYear* year = request.mutable_calendar_year();
  year->clear_special_days();
  for (const int month : {1, 5, 10}) {
    v1::SpecialDay* day = year->add_special_days();
    *day->mutable_date() = MakeProtoDate(2027, month, 1);
    day->set_kind(v1::DAY_KIND_HOLIDAY);
  }
  grpc::ClientContext context;
  v1::CalendarYear imported;
  const grpc::Status status = calendar_stub_->ImportCalendarYear(&context, request, &imported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("calendar_year.special_days: lists 2 weekdays off"),
            std::string::npos)
      << status.error_message();
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "three-days", &draft).ok());
  EXPECT_EQ(Publish(draft, 2026, 12, 20, &published).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DisposalServiceTest, ComputeDeadlineSkipsTheNationalDayHoliday) {
  grpc::ClientContext context;
  v1::ComputeDeadlineRequest request;
  *request.mutable_start_date() = MakeProtoDate(2021, 9, 30);
  request.set_working_days(1);
  v1::ComputeDeadlineResponse response;
  ASSERT_TRUE(calendar_stub_->ComputeDeadline(&context, request, &response).ok());
  // 10-01..10-07 are holidays; Sat 10-09 is a make-up working day.
  EXPECT_EQ(response.last_day().month(), 10);
  EXPECT_EQ(response.last_day().day(), 8);
}

TEST_F(DisposalServiceTest, ObjectionAfterTheDeadlineIsRecordedAndMarkedLate) {
  v1::Disposal published = PublishedSeed();
  v1::Submission on_time, late;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 25, 23),
                     &on_time)
                  .ok());
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 26, 0), &late)
          .ok());
  EXPECT_FALSE(on_time.late());
  EXPECT_EQ(on_time.late_reason(), v1::LATE_REASON_UNSPECIFIED);
  EXPECT_TRUE(late.late());
  EXPECT_EQ(late.late_reason(), v1::LATE_REASON_AFTER_WINDOW);
  EXPECT_EQ(on_time.number(), 1);
  EXPECT_EQ(late.number(), 2);
  EXPECT_EQ(late.resolution(), v1::RESOLUTION_UNRESOLVED);
}

// Seconds far past year 9999 overflow a conversion to microseconds and could wrap round to a
// plausible date: refused naming the field instead.
TEST_F(DisposalServiceTest, SubmissionTimeOutsideTheTimestampRangeIsRefusedNamingTheField) {
  v1::Disposal published = PublishedSeed();
  grpc::ClientContext context;
  v1::RecordSubmissionRequest request;
  v1::Submission* s = request.mutable_submission();
  s->set_disposal_id(published.id());
  s->set_kind(v1::SUBMISSION_KIND_OBJECTION);
  s->set_channel(v1::SUBMISSION_CHANNEL_LETTER);
  s->mutable_received_time()->set_seconds(18448371573709);
  s->set_submitter("某投资者");
  s->set_text("对处置方案提出异议");
  v1::Submission out;
  const grpc::Status status = stub_->RecordSubmission(&context, request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("submission.received_time"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM submissions"), "0");
}

// A client's clock a few minutes ahead of the server's must not lose an objection.
TEST_F(DisposalServiceTest, SubmissionStampedMinutesAheadOfTheServerClockIsRecorded) {
  v1::Submission recorded;
  const grpc::Status status = SubmitAheadOfTheServerClock(10, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(recorded.number(), 1);
}

TEST_F(DisposalServiceTest, SubmissionStampedMoreThanADayAheadIsRefusedNamingTheField) {
  v1::Submission recorded;
  const grpc::Status status = SubmitAheadOfTheServerClock(25 * 60, &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("submission.received_time"), std::string::npos)
      << status.error_message();
}

class DraftLotsWithSubmissionsTest : public DisposalFixture {
 protected:
  // A draft whose second lot (tranche 2) has an inquiry.
  void SetUp() override {
    DisposalFixture::SetUp();
    ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "draft-lots", &draft_).ok());
    grpc::ClientContext context;
    v1::RecordSubmissionRequest request;
    v1::Submission* submission = request.mutable_submission();
    submission->set_disposal_id(draft_.id());
    submission->set_lot_id(draft_.lots(1).id());
    submission->set_kind(v1::SUBMISSION_KIND_INQUIRY);
    submission->set_channel(v1::SUBMISSION_CHANNEL_PHONE);
    *submission->mutable_received_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(now_ - 1'000'000);
    submission->set_submitter("某投资者");
    submission->set_text("询问第二包的抵押情况");
    v1::Submission recorded;
    ASSERT_TRUE(stub_->RecordSubmission(&context, request, &recorded).ok());
  }

  grpc::Status UpdateLots(const v1::Disposal& changed, v1::Disposal* out) {
    grpc::ClientContext context;
    v1::UpdateDisposalRequest request;
    *request.mutable_disposal() = changed;
    request.mutable_update_mask()->add_paths("lots");
    return stub_->UpdateDisposal(&context, request, out);
  }

  v1::Disposal draft_;
};

TEST_F(DraftLotsWithSubmissionsTest,
       RemovingALotASubmissionNamesIsFailedPreconditionAndChangesNothing) {
  v1::Disposal changed = draft_;
  changed.mutable_lots()->RemoveLast();
  v1::Disposal updated;
  const grpc::Status status = UpdateLots(changed, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("lot 2"), std::string::npos) << status.error_message();
  v1::Disposal stored;
  ASSERT_TRUE(Get(draft_.id(), &stored).ok());
  EXPECT_EQ(stored.lots_size(), 2);
  EXPECT_EQ(stored.version(), draft_.version());
}

TEST_F(DraftLotsWithSubmissionsTest, MakingALotASubmissionNamesOfferAnotherTrancheIsRefused) {
  v1::Disposal changed = draft_;
  changed.mutable_lots(1)->set_tranche_number(1);
  changed.mutable_lots(0)->set_tranche_number(2);
  v1::Disposal updated;
  const grpc::Status status = UpdateLots(changed, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
}

TEST_F(DraftLotsWithSubmissionsTest, ChangingTheReservePriceOfALotWithSubmissionsIsAllowed) {
  v1::Disposal changed = draft_;
  *changed.mutable_lots(1)->mutable_reserve_price() = Yuan(1'000'000);
  v1::Disposal updated;
  const grpc::Status status = UpdateLots(changed, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.lots(1).id(), draft_.lots(1).id());
}

TEST_F(DisposalServiceTest, AwardIsRefusedWhileTheWindowIsOpen) {
  v1::Disposal published = PublishedSeed();
  v1::AwardGateDecision decision = Gate(published.id(), ShanghaiMicros(2021, 8, 25, 12));
  EXPECT_FALSE(decision.allowed());
  ASSERT_TRUE(HasReason(decision, v1::GATE_REASON_CODE_WINDOW_OPEN));
  EXPECT_NE(decision.reasons(0).message().find("2021-08-25"), std::string::npos);
}

TEST_F(DisposalServiceTest, AwardIsRefusedWhileAnObjectionIsUnresolvedAndAllowedOnceDismissed) {
  v1::Disposal published = PublishedSeed();
  v1::Submission objection, inquiry, resolved;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 2, 10),
                     &objection)
                  .ok());
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_INQUIRY, ShanghaiMicros(2021, 8, 3, 10), &inquiry)
          .ok());
  const int64_t after_window = ShanghaiMicros(2021, 9, 1, 10);
  v1::AwardGateDecision blocked = Gate(published.id(), after_window);
  EXPECT_FALSE(blocked.allowed());
  ASSERT_EQ(blocked.reasons_size(), 1);
  EXPECT_EQ(blocked.reasons(0).code(), v1::GATE_REASON_CODE_OBJECTION_UNRESOLVED);
  EXPECT_EQ(blocked.reasons(0).submission_id(), objection.id());
  ASSERT_TRUE(Resolve(objection.id(), v1::RESOLUTION_DISMISSED, &resolved).ok());
  EXPECT_EQ(resolved.resolution(), v1::RESOLUTION_DISMISSED);
  EXPECT_EQ(resolved.resolved_by(), "anonymous");
  EXPECT_TRUE(Gate(published.id(), after_window).allowed());
}

TEST_F(DisposalServiceTest, ResolvingTwiceIsRefused) {
  v1::Disposal published = PublishedSeed();
  v1::Submission objection, resolved;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 2, 10),
                     &objection)
                  .ok());
  ASSERT_TRUE(Resolve(objection.id(), v1::RESOLUTION_ANSWERED, &resolved).ok());
  EXPECT_EQ(Resolve(objection.id(), v1::RESOLUTION_UPHELD, &resolved).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DisposalServiceTest, SuspendedDisposalCannotBeAwardedAndResumesWithItsDeadline) {
  v1::Disposal published = PublishedSeed();
  v1::Disposal suspended, resumed;
  ASSERT_TRUE(Transition(published, v1::TRANSITION_SUSPEND, &suspended).ok());
  EXPECT_EQ(suspended.state(), v1::DISPOSAL_STATE_SUSPENDED);
  EXPECT_TRUE(HasReason(Gate(published.id(), ShanghaiMicros(2021, 9, 1, 10)),
                        v1::GATE_REASON_CODE_SUSPENDED));
  ASSERT_TRUE(Transition(suspended, v1::TRANSITION_RESUME, &resumed).ok());
  EXPECT_EQ(resumed.objection_deadline_date().day(), 25);
}

TEST_F(DisposalServiceTest, InvalidTransitionNamesTheCurrentState) {
  v1::Disposal published = PublishedSeed();
  v1::Disposal out;
  grpc::Status status = Transition(published, v1::TRANSITION_RESUME, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("published"), std::string::npos) << status.error_message();
}

// What a check reads of a disposal is cached; this server's checks read it again at once after
// an update made here, not only when the change's notification comes back.
TEST_F(DisposalServiceTest,
       AnUpdatedDisposalOrClaimCallsTheContextChangedHookAndARefusedOneDoesNot) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id), "context-draft", &draft).ok());
  ASSERT_EQ(context_changes_.load(), 0);
  grpc::ClientContext context;
  v1::UpdateDisposalRequest update;
  *update.mutable_disposal() = draft;
  update.mutable_disposal()->set_title("改");
  update.mutable_update_mask()->add_paths("title");
  v1::Disposal updated;
  ASSERT_TRUE(stub_->UpdateDisposal(&context, update, &updated).ok());
  EXPECT_EQ(context_changes_.load(), 1);
  grpc::ClientContext stale_context;
  v1::Disposal refused;
  ASSERT_EQ(stub_->UpdateDisposal(&stale_context, update, &refused).error_code(),
            grpc::StatusCode::ABORTED);  // the version it names is gone
  EXPECT_EQ(context_changes_.load(), 1);
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  ASSERT_TRUE(UpdateTranches(claim).ok());
  EXPECT_EQ(context_changes_.load(), 2);
}

TEST_F(DisposalServiceTest, PublishedDisposalCannotBeEditedOrPublishedAgain) {
  v1::Disposal published = PublishedSeed();
  v1::Disposal out;
  grpc::ClientContext context;
  v1::UpdateDisposalRequest update;
  *update.mutable_disposal() = published;
  update.mutable_disposal()->set_title("改");
  update.mutable_update_mask()->add_paths("title");
  grpc::Status edit = stub_->UpdateDisposal(&context, update, &out);
  EXPECT_EQ(edit.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Publish(published, 2021, 8, 1, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// The draft reads its book value from the claim's tranches, and an award would sell the lot's
// tranche: removing a tranche a disposal offers would break every read of the draft.
TEST_F(DisposalServiceTest, ClaimUpdateRemovingATrancheADisposalOffersIsRefusedNamingIt) {
  v1::Disposal draft;
  v1::Claim claim = SeedClaimOfferedByADraft("offers-tranche-2", &draft);
  const std::string claim_id = claim.id();
  claim.mutable_tranches()->RemoveLast();
  const grpc::Status status = UpdateTranches(claim);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("tranche 2 is offered by lot 2 of disposal " + draft.id()),
            std::string::npos)
      << status.error_message();
  v1::Disposal read;
  EXPECT_TRUE(Get(draft.id(), &read).ok());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claim_tranches WHERE claim_id = '" + claim_id + "'"),
            "2");
}

// Removing the first tranche would renumber the second to 1: the lot offering tranche 1 would
// silently offer another one.
TEST_F(DisposalServiceTest, ClaimUpdateRemovingAnEarlierTrancheThanTheOneOfferedIsRefused) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal draft = SeedDisposal(claim_id);
  draft.mutable_lots()->RemoveLast();  // one lot, offering tranche 1
  v1::Disposal created;
  ASSERT_TRUE(CreateDisposal(draft, "offers-tranche-1", &created).ok());
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  claim.mutable_tranches()->DeleteSubrange(0, 1);
  const grpc::Status status = UpdateTranches(claim);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("tranche 1 is offered by lot 1"), std::string::npos)
      << status.error_message();
}

// A notice that offered the claim whole offered its loans as they were: one added since would be
// sold without a notice or an objection window.
TEST_F(DisposalServiceTest, ClaimUpdateAddingATrancheToAClaimAPublishedNoticeOffersWholeIsRefused) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal whole = SeedDisposal(claim_id);
  whole.mutable_lots()->RemoveLast();
  whole.mutable_lots(0)->clear_tranche_number();
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(whole, "whole-claim", &draft).ok());
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  *claim.add_tranches() = claim.tranches(1);
  claim.mutable_tranches(2)->set_contract_reference("另一借款合同");
  // A draft reads the claim as it stands: the change is taken, and taken back.
  ASSERT_TRUE(UpdateTranches(claim).ok());
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  claim.mutable_tranches()->RemoveLast();
  ASSERT_TRUE(UpdateTranches(claim).ok());
  ASSERT_TRUE(Get(draft.id(), &draft).ok());
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  ASSERT_TRUE(GetClaim(claim_id, &claim).ok());
  *claim.add_tranches() = claim.tranches(1);
  claim.mutable_tranches(2)->set_contract_reference("另一借款合同");
  const grpc::Status status = UpdateTranches(claim);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("offered whole by lot 1 of disposal " + published.id()),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM claim_tranches WHERE claim_id = '" + claim_id + "'"),
            "2");
}

// Lots name tranches by position: swapping the two loans would have each lot sell the other.
TEST_F(DisposalServiceTest, ClaimUpdateSwappingTheTranchesADisposalOffersIsRefusedNamingTheLoan) {
  v1::Disposal draft;
  v1::Claim claim = SeedClaimOfferedByADraft("offers-both", &draft);
  const std::string claim_id = claim.id();
  const std::string first_creditor = claim.tranches(0).original_creditor();
  claim.mutable_tranches()->SwapElements(0, 1);
  const grpc::Status status = UpdateTranches(claim);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("claim.tranches[0]: tranche 1 is offered by lot 1 of "
                                         "disposal " +
                                             draft.id(),
                                         0),
            0u)
      << status.error_message();
  EXPECT_NE(status.error_message().find("as the loan of " + first_creditor), std::string::npos)
      << status.error_message();
  v1::Claim read;
  ASSERT_TRUE(GetClaim(claim_id, &read).ok());
  EXPECT_EQ(read.tranches(0).original_creditor(), first_creditor);
}

// The same loan with a figure corrected is still the loan the lot offers.
TEST_F(DisposalServiceTest, ClaimUpdateCorrectingAnOfferedTranchesInterestIsAccepted) {
  v1::Disposal draft;
  v1::Claim claim = SeedClaimOfferedByADraft("offers-corrected", &draft);
  claim.mutable_tranches(1)->mutable_interest()->set_units(claim.tranches(1).interest().units() +
                                                           1);
  const grpc::Status status = UpdateTranches(claim);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(DisposalServiceTest, LotOfAnUnknownClaimIsNotFoundNamingTheLot) {
  v1::Disposal out;
  grpc::Status status =
      CreateDisposal(SeedDisposal("00000000-0000-4000-8000-000000000000"), "unknown-claim", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("disposal.lots[0].claim_id"), std::string::npos)
      << status.error_message();
}

TEST_F(DisposalServiceTest, LotNamingItsClaimByAnUpperCaseIdFindsTheClaim) {
  const std::string claim_id = CreateSeedClaim();
  v1::Disposal draft;
  const grpc::Status status =
      CreateDisposal(SeedDisposal(UpperCase(claim_id)), "upper-claim", &draft);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(draft.lots(0).claim_id(), claim_id);
}

TEST_F(DisposalServiceTest, LotNamingItsClaimByANonUuidIsInvalidArgumentNamingTheField) {
  v1::Disposal out;
  const grpc::Status status = CreateDisposal(SeedDisposal("claim-1"), "non-uuid-claim", &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(
      status.error_message().find("disposal.lots[0].claim_id: must be a UUID, got \"claim-1\""),
      std::string::npos)
      << status.error_message();
}

TEST_F(DisposalServiceTest, SubmissionNamingItsLotByAnUpperCaseIdIsRecordedOnThatLot) {
  v1::Disposal published = PublishedSeed();
  grpc::ClientContext context;
  v1::RecordSubmissionRequest request;
  v1::Submission* submission = request.mutable_submission();
  submission->set_disposal_id(published.id());
  submission->set_lot_id(UpperCase(published.lots(1).id()));
  submission->set_kind(v1::SUBMISSION_KIND_INQUIRY);
  submission->set_channel(v1::SUBMISSION_CHANNEL_PHONE);
  *submission->mutable_received_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(ShanghaiMicros(2021, 8, 2, 10));
  now_ = ShanghaiMicros(2021, 8, 2, 11);
  submission->set_submitter("某投资者");
  submission->set_text("询问");
  v1::Submission recorded;
  const grpc::Status status = stub_->RecordSubmission(&context, request, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(recorded.lot_id(), published.lots(1).id());
}

TEST_F(DisposalServiceTest, GateAtTheEpochIsInvalidArgumentNotAnAnswerForNow) {
  v1::Disposal published = PublishedSeed();
  grpc::ClientContext context;
  v1::CheckAwardGateRequest request;
  request.set_disposal_id(published.id());
  request.mutable_at_time();  // present, at 1970-01-01T00:00:00Z
  v1::AwardGateDecision decision;
  const grpc::Status status = stub_->CheckAwardGate(&context, request, &decision);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("at_time"), std::string::npos) << status.error_message();
}

// Without at_time the gate answers for the server's clock, the one reads derive the state on:
// the fixture's reads 2021-08-20 (window open); the wall clock is years past the window.
TEST_F(DisposalServiceTest, GateWithoutATimeAnswersForTheServersClock) {
  v1::Disposal published = PublishedSeed();
  now_ = ShanghaiMicros(2021, 8, 20, 9);
  grpc::ClientContext context;
  v1::CheckAwardGateRequest request;
  request.set_disposal_id(published.id());
  v1::AwardGateDecision decision;
  ASSERT_TRUE(stub_->CheckAwardGate(&context, request, &decision).ok());
  EXPECT_TRUE(HasReason(decision, v1::GATE_REASON_CODE_WINDOW_OPEN));
  EXPECT_FALSE(HasReason(decision, v1::GATE_REASON_CODE_EXPIRED));
  EXPECT_EQ(google::protobuf::util::TimeUtil::TimestampToMicroseconds(decision.at_time()), now_);
}

TEST_F(DisposalServiceTest, GateNamingItsLotByAnUpperCaseIdFindsTheLot) {
  v1::Disposal published = PublishedSeed();
  const v1::AwardGateDecision decision =
      Gate(published.id(), ShanghaiMicros(2021, 8, 2, 10), UpperCase(published.lots(0).id()));
  EXPECT_FALSE(decision.allowed());  // the window is still open, but the lot was found
  EXPECT_TRUE(HasReason(decision, v1::GATE_REASON_CODE_WINDOW_OPEN));
}

TEST_F(DisposalServiceTest, EveryChangeWritesItsAuditEvent) {
  v1::Disposal published = PublishedSeed();
  v1::Submission objection, resolved;
  ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 2, 10),
                     &objection)
                  .ok());
  ASSERT_TRUE(Resolve(objection.id(), v1::RESOLUTION_DISMISSED, &resolved).ok());
  // create, publish, record, resolve
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events WHERE subject_kind = 'disposal'"), "4");
  EXPECT_EQ(db_.Query("SELECT string_agg(rpc, ',' ORDER BY seq) FROM audit_events "
                      "WHERE subject_kind = 'disposal'"),
            "disposal.v1.DisposalService/CreateDisposal,"
            "disposal.v1.DisposalService/PublishDisposal,"
            "disposal.v1.DisposalService/RecordSubmission,"
            "disposal.v1.DisposalService/ResolveSubmission");
}

// Recorded while the notice was a draft (staff log an objection before they publish the notice
// printed that day), a submission is judged on the window once it is published.
TEST_F(DisposalServiceTest, ASubmissionRecordedOnADraftIsJudgedOnTheWindowOncePublished) {
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "draft-objections", &draft).ok());
  v1::Submission on_the_day, the_day_before;
  ASSERT_TRUE(Submit(draft.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 7, 28, 10),
                     &on_the_day)
                  .ok());
  ASSERT_TRUE(Submit(draft.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 7, 27, 23),
                     &the_day_before)
                  .ok());
  EXPECT_TRUE(on_the_day.late());  // nothing was open to submit to yet
  EXPECT_EQ(on_the_day.late_reason(), v1::LATE_REASON_NOT_PUBLISHED);
  ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
  grpc::ClientContext context;
  v1::ListSubmissionsRequest request;
  request.set_disposal_id(published.id());
  request.set_late_only(true);
  v1::ListSubmissionsResponse response;
  ASSERT_TRUE(stub_->ListSubmissions(&context, request, &response).ok());
  ASSERT_EQ(response.submissions_size(), 1);
  EXPECT_EQ(response.submissions(0).id(), the_day_before.id());
  EXPECT_EQ(response.submissions(0).late_reason(), v1::LATE_REASON_BEFORE_PUBLICATION);
}

// The window is [00:00 on the publication day, 24:00 on the deadline), to the microsecond, in
// each submission and in the database's filter of late ones alike.
TEST_F(DisposalServiceTest, LateListingKeepsTheWindowsEdgesToTheMicrosecond) {
  v1::Disposal published = PublishedSeed();
  const int64_t opens = ShanghaiMicros(2021, 7, 28, 0);
  const int64_t closes = ShanghaiMicros(2021, 8, 26, 0);
  std::map<std::string, bool> late_by_id;
  for (const int64_t received : {opens - 1, opens, closes - 1, closes}) {
    v1::Submission recorded;
    ASSERT_TRUE(Submit(published.id(), v1::SUBMISSION_KIND_INQUIRY, received, &recorded).ok());
    late_by_id[recorded.id()] = recorded.late();
  }
  grpc::ClientContext context;
  v1::ListSubmissionsRequest request;
  request.set_disposal_id(published.id());
  request.set_late_only(true);
  v1::ListSubmissionsResponse response;
  ASSERT_TRUE(stub_->ListSubmissions(&context, request, &response).ok());
  std::vector<int64_t> listed;
  for (const v1::Submission& submission : response.submissions()) {
    EXPECT_TRUE(late_by_id.at(submission.id()));
    listed.push_back(TimeUtil::TimestampToMicroseconds(submission.received_time()));
  }
  EXPECT_EQ(listed, (std::vector<int64_t>{opens - 1, closes}));
}

TEST_F(DisposalServiceTest, ListSubmissionsFiltersUnresolvedAndLate) {
  v1::Disposal published = PublishedSeed();
  v1::Submission a, b, resolved;
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 2, 10), &a)
          .ok());
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 9, 2, 10), &b)
          .ok());
  ASSERT_TRUE(Resolve(a.id(), v1::RESOLUTION_DISMISSED, &resolved).ok());
  grpc::ClientContext context;
  v1::ListSubmissionsRequest request;
  request.set_disposal_id(published.id());
  request.set_unresolved_only(true);
  v1::ListSubmissionsResponse response;
  ASSERT_TRUE(stub_->ListSubmissions(&context, request, &response).ok());
  ASSERT_EQ(response.submissions_size(), 1);
  EXPECT_EQ(response.submissions(0).id(), b.id());
  EXPECT_TRUE(response.submissions(0).late());
}

// A token carries its listing: reused with other filters it would skip submissions (an
// unresolved objection among them) without a word.
TEST_F(DisposalServiceTest, SubmissionsPageTokenFromAnotherListingIsInvalidArgument) {
  v1::Disposal published = PublishedSeed();
  v1::Submission first, second;
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 2, 10), &first)
          .ok());
  ASSERT_TRUE(
      Submit(published.id(), v1::SUBMISSION_KIND_OBJECTION, ShanghaiMicros(2021, 8, 3, 10), &second)
          .ok());
  auto list = [&](bool unresolved_only, const std::string& token,
                  v1::ListSubmissionsResponse* out) {
    grpc::ClientContext context;
    v1::ListSubmissionsRequest request;
    request.set_disposal_id(published.id());
    request.set_unresolved_only(unresolved_only);
    request.set_page_size(1);
    request.set_page_token(token);
    return stub_->ListSubmissions(&context, request, out);
  };
  v1::ListSubmissionsResponse page, next;
  ASSERT_TRUE(list(false, "", &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  const grpc::Status reused = list(true, page.next_page_token(), &next);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << reused.error_message();
  ASSERT_TRUE(list(false, page.next_page_token(), &next).ok());
  ASSERT_EQ(next.submissions_size(), 1);
  EXPECT_EQ(next.submissions(0).id(), second.id());
}

// Two live notices must not offer the same tranche: the second award would fail only after a
// whole notice period. A whole-claim lot overlaps every tranche of its claim.
TEST_F(DisposalServiceTest, ANoticeOfferingATrancheALiveNoticeOffersIsNotPublished) {
  const v1::Disposal first = PublishedSeed();  // lots: tranche 1, tranche 2
  v1::Disposal whole = SeedDisposal(first.lots(0).claim_id());
  whole.mutable_lots()->RemoveLast();
  whole.mutable_lots(0)->clear_tranche_number();  // the whole claim
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(whole, "whole-claim", &draft).ok());
  const grpc::Status refused = Publish(draft, 2021, 8, 2, &published);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find(first.id()), std::string::npos) << refused.error_message();
  EXPECT_EQ(db_.Query("SELECT stored_state FROM disposals WHERE id = '" + draft.id() + "'"),
            "draft");
}

// Past its draft, a disposal is refused as such, in the state a client sees, before its lots are
// checked again: here a withdrawn one whose second tranche the claim no longer has (a claim
// may drop a tranche only a withdrawn disposal offers), which would otherwise be named.
TEST_F(DisposalServiceTest, WithdrawnDisposalWhoseTrancheIsGoneIsRefusedAsWithdrawnOnUpdate) {
  const v1::Disposal published = PublishedSeed();
  v1::Disposal withdrawn;
  ASSERT_TRUE(Transition(published, v1::TRANSITION_WITHDRAW, &withdrawn).ok());
  v1::Claim claim;
  ASSERT_TRUE(GetClaim(published.lots(0).claim_id(), &claim).ok());
  claim.mutable_tranches()->RemoveLast();
  ASSERT_TRUE(UpdateTranches(claim).ok());
  grpc::ClientContext context;
  v1::UpdateDisposalRequest update;
  *update.mutable_disposal() = withdrawn;
  update.mutable_disposal()->set_title("改");
  update.mutable_update_mask()->add_paths("title");
  v1::Disposal out;
  const grpc::Status status = stub_->UpdateDisposal(&context, update, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("it is withdrawn"), std::string::npos)
      << status.error_message();
}

// Withdrawn before publication, a draft froze no book values: it shows its claims' as they stand,
// not 0.00.
TEST_F(DisposalServiceTest, ADraftWithdrawnUnpublishedShowsItsLotsBookValues) {
  v1::Disposal draft, withdrawn;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(CreateSeedClaim()), "to-withdraw", &draft).ok());
  ASSERT_TRUE(Transition(draft, v1::TRANSITION_WITHDRAW, &withdrawn).ok());
  ASSERT_EQ(withdrawn.state(), v1::DISPOSAL_STATE_WITHDRAWN);
  EXPECT_EQ(withdrawn.book_value().units(), 806450600);  // the seed claim's two tranches
  EXPECT_EQ(withdrawn.book_value().nanos(), 0);
  EXPECT_EQ(withdrawn.book_value().units(), draft.book_value().units());
}

TEST_F(DisposalServiceTest, AnUpdateMaskWithAnUnknownPathIsInvalidArgumentWhateverItNames) {
  grpc::ClientContext context;
  v1::UpdateDisposalRequest update;
  update.mutable_disposal()->set_id("6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b");
  update.mutable_disposal()->set_version(1);
  update.mutable_update_mask()->add_paths("bogus");
  v1::Disposal out;
  const grpc::Status status = stub_->UpdateDisposal(&context, update, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message().rfind("update_mask: ", 0), 0u) << status.error_message();
}

TEST_F(DisposalServiceTest, ANoticeIsPublishedOnceTheOneOfferingItsTrancheIsWithdrawn) {
  const v1::Disposal first = PublishedSeed();
  v1::Disposal withdrawn;
  ASSERT_TRUE(Transition(first, v1::TRANSITION_WITHDRAW, &withdrawn).ok());
  v1::Disposal draft, published;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(first.lots(0).claim_id()), "again", &draft).ok());
  const grpc::Status status = Publish(draft, 2021, 8, 2, &published);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace disposal::testing
