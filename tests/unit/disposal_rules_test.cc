// The disposal's pure rules: content validation, 财金〔2008〕87号 publication tiers, the
// lifecycle and the award gate. Instants are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/disposal.h"

namespace disposal::domain {
namespace {

// 2021-08-25 24:00 +08:00 = 16:00 UTC; 2021-08-25 is day 18864 since 1970-01-01.
constexpr int64_t kSeedWindowEnd = int64_t{1'629'907'200'000'000};
// 2022-07-28 24:00 +08:00; 2022-07-28 is day 19201: 19202 * 86400 - 28800 = 1659024000 s.
constexpr int64_t kSeedValidityEnd = int64_t{1'659'024'000'000'000};
// 2021-07-28 00:00 +08:00 = 2021-07-27 16:00 UTC: 18835 * 86400 + 57600 = 1627401600 s.
constexpr int64_t kSeedPublicationStart = int64_t{1'627'401'600'000'000};
// 2021-08-01 12:00 +08:00, inside the window.
constexpr int64_t kDuringWindow = int64_t{1'627'790'400'000'000};

Money Yuan(const char* text) { return Money::Parse(text).value(); }

PublicationChannel Website() { return {ChannelKind::kWebsite, "http://www.gwamcc.com"}; }
PublicationChannel Paper(NewspaperLevel level) {
  return {ChannelKind::kNewspaper, "黑龙江日报", level};
}

DisposalContent SeedContent() {
  DisposalContent content;
  content.title = "对黑龙江省日出康城房地产开发有限公司债权处置公告";
  content.lots = {{"", "claim-1", std::nullopt, std::nullopt}};
  content.methods = {DisposalMethod::kDebtReduction,   DisposalMethod::kAgreementTransfer,
                     DisposalMethod::kAuction,         DisposalMethod::kInvitationToOffer,
                     DisposalMethod::kSeparateListing, DisposalMethod::kOther};
  content.payment_terms = {PaymentTerm::kLumpSum, PaymentTerm::kInstalments};
  content.contact_details.contacts = {{"王先生", {"0451-53620829"}},
                                      {"赵先生", {"53603025", "+86 (451) 5360-3025"}}};
  content.contact_details.address = "哈尔滨市南岗区红军街";
  content.contact_details.postcode = "150001";
  content.channels = {Website(), Paper(NewspaperLevel::kProvincial)};
  content.validity_months = 12;
  content.window_working_days = 20;
  return content;
}

Claim SeedClaim() {
  Claim claim;
  claim.id = "claim-1";
  Tranche first;
  first.original_creditor = "中航信托股份有限公司";
  first.principal = Yuan("38865.89万");
  first.interest = Yuan("32036.62万");
  Tranche second;
  second.original_creditor = "德阳银行成都分行";
  second.principal = Yuan("6000万");
  second.interest = Yuan("3742.55万");
  claim.content.tranches = {first, second};
  return claim;
}

Publication SeedPublication() {
  return Publication{Date{2021, 7, 28}, Date{2021, 8, 25}, kSeedWindowEnd, Date{2022, 7, 28}};
}

Disposal PublishedSeed() {
  Disposal disposal;
  disposal.id = "disposal-1";
  disposal.content = SeedContent();
  disposal.stored_state = StoredState::kPublished;
  disposal.publication = SeedPublication();
  return disposal;
}

// Weekends only in July-August 2021 matter to the seed; a 2021 holding no special days after
// July is enough, and 2022 is deliberately missing.
WorkingDayCalendar Calendar2021() {
  CalendarYear year{2021, {{Date{2021, 10, 1}, DayKind::kHoliday, "国庆节"}}, "test"};
  return WorkingDayCalendar({year});
}

::testing::AssertionResult InvalidAt(const Status& status, const std::string& field) {
  if (status.ok()) return ::testing::AssertionFailure() << "accepted";
  if (status.error().code != ErrorCode::kInvalidArgument || status.error().field != field) {
    return ::testing::AssertionFailure() << "unexpected error: " << status.error().Message();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult RefusedMentioning(const Status& status, const std::string& part) {
  if (status.ok()) return ::testing::AssertionFailure() << "accepted";
  if (status.error().code != ErrorCode::kFailedPrecondition ||
      status.error().reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << status.error().Message();
  }
  return ::testing::AssertionSuccess();
}

std::vector<GateReasonCode> Codes(const AwardGateDecision& decision) {
  std::vector<GateReasonCode> codes;
  for (const GateReason& reason : decision.reasons) codes.push_back(reason.code);
  return codes;
}

SubmissionSummary Objection(int number, Resolution resolution, std::string lot_id = "") {
  return {"sub-" + std::to_string(number), number, SubmissionKind::kObjection, resolution,
          std::move(lot_id)};
}

// --- Publication tiers -------------------------------------------------------------------

TEST(PublicationRuleTest, ExactlyTenMillionYuanIsTierOne) {
  const PublicationRule rule = PublicationRuleFor(Yuan("10000000.00"));
  EXPECT_EQ(rule.rule_id, "notice.tier1");
  EXPECT_EQ(rule.minimum_working_days, 7);
  EXPECT_EQ(rule.minimum_newspaper_level, NewspaperLevel::kNone);
  EXPECT_EQ(PublicationRuleFor(Yuan("0")).rule_id, "notice.tier1");
}

TEST(PublicationRuleTest, OneFenOverTenMillionIsTierTwo) {
  const PublicationRule rule = PublicationRuleFor(Yuan("10000000.01"));
  EXPECT_EQ(rule.rule_id, "notice.tier2");
  EXPECT_EQ(rule.minimum_working_days, 10);
  EXPECT_EQ(rule.minimum_newspaper_level, NewspaperLevel::kCity);
}

TEST(PublicationRuleTest, FiftyMillionIsTierTwoAndOneFenMoreIsTierThree) {
  EXPECT_EQ(PublicationRuleFor(Yuan("5000万")).rule_id, "notice.tier2");
  const PublicationRule rule = PublicationRuleFor(Yuan("50000000.01"));
  EXPECT_EQ(rule.rule_id, "notice.tier3");
  EXPECT_EQ(rule.minimum_working_days, 15);
  EXPECT_EQ(rule.minimum_newspaper_level, NewspaperLevel::kProvincial);
}

TEST(PublicationRuleTest, OneYiIsTierThreeAndOneFenMoreIsTierFour) {
  EXPECT_EQ(PublicationRuleFor(Yuan("1亿")).rule_id, "notice.tier3");
  const PublicationRule rule = PublicationRuleFor(Yuan("100000000.01"));
  EXPECT_EQ(rule.rule_id, "notice.tier4");
  EXPECT_EQ(rule.minimum_working_days, 20);
  EXPECT_EQ(rule.minimum_newspaper_level, NewspaperLevel::kProvincial);
}

TEST(PublicationRuleTest, CitationNamesTheMeasureAndTheTier) {
  const PublicationRule rule = PublicationRuleFor(Yuan("80645.06万"));
  EXPECT_NE(rule.citation.find("财金〔2008〕87号"), std::string::npos);
  EXPECT_NE(rule.citation.find("tier 4"), std::string::npos);
  EXPECT_NE(rule.citation.find("over 1亿元"), std::string::npos);
}

TEST(BookValueTest, SeedClaimWholeIsPrincipalPlusInterest) {
  // 38865.89 + 6000 + 32036.62 + 3742.55 = 80645.06万, as the notice says.
  EXPECT_EQ(BookValueOf(SeedClaim(), std::nullopt).value(), Yuan("80645.06万"));
}

TEST(BookValueTest, KnownPenaltyIsNotPartOfTheBookValue) {
  Claim claim = SeedClaim();
  claim.content.penalty.unliquidated = false;
  claim.content.penalty.amount = Yuan("100万");
  EXPECT_EQ(BookValueOf(claim, std::nullopt).value(), Yuan("80645.06万"));
}

TEST(BookValueTest, SecondTrancheAloneIsTierThree) {
  // 6000 + 3742.55 = 9742.55万: over 5000万, not over 1亿.
  const Money value = BookValueOf(SeedClaim(), 2).value();
  EXPECT_EQ(value, Yuan("9742.55万"));
  EXPECT_EQ(PublicationRuleFor(value).rule_id, "notice.tier3");
}

TEST(BookValueTest, MissingTrancheIsRefused) {
  auto value = BookValueOf(SeedClaim(), 3);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(value.error().field, "tranche_number");
  EXPECT_NE(value.error().reason.find("no tranche 3"), std::string::npos);
  EXPECT_FALSE(BookValueOf(SeedClaim(), 0).ok());
}

TEST(CheckPublicationRulesTest, SeedWithProvincialPaperAndTwentyDaysPasses) {
  const Status status = CheckPublicationRules(SeedContent(), Yuan("80645.06万"));
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(CheckPublicationRulesTest, TheMinimumCountsTheWorkingDaysAfterThePublicationDay) {
  DisposalContent content = SeedContent();
  content.window_counting = PeriodCounting::kStartDayCounted;
  // 20 working days counting the publication day are 19 after it: short of tier 4's 20.
  const Status status = CheckPublicationRules(content, Yuan("80645.06万"));
  EXPECT_TRUE(RefusedMentioning(status, "counting the publication day, 19 after it"));
  content.window_working_days = 21;
  EXPECT_TRUE(CheckPublicationRules(content, Yuan("80645.06万")).ok());
}

// Published on a rest day, a counted publication day is no working day: all 20 come after it.
TEST(CheckPublicationRulesTest, ACountedPublicationDayThatIsARestDayLeavesTheWholeWindowAfterIt) {
  DisposalContent content = SeedContent();
  content.window_counting = PeriodCounting::kStartDayCounted;
  const Status status = CheckPublicationRules(content, Yuan("80645.06万"), false);
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(CheckPublicationRulesTest, SeedWithOnlyACityPaperIsRefusedNamingTierFour) {
  DisposalContent content = SeedContent();
  content.channels = {Website(), Paper(NewspaperLevel::kCity)};
  const Status status = CheckPublicationRules(content, Yuan("80645.06万"));
  EXPECT_TRUE(RefusedMentioning(status, "notice.tier4 (财金〔2008〕87号"));
  EXPECT_TRUE(RefusedMentioning(status, "no newspaper at provincial level or above"));
}

TEST(CheckPublicationRulesTest, NationalPaperSatisfiesAProvincialRequirement) {
  DisposalContent content = SeedContent();
  content.channels = {Website(), Paper(NewspaperLevel::kNational)};
  EXPECT_TRUE(CheckPublicationRules(content, Yuan("80645.06万")).ok());
}

TEST(CheckPublicationRulesTest, WindowShorterThanTheTierIsRefusedWithItsLength) {
  DisposalContent content = SeedContent();
  content.window_working_days = 15;
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("80645.06万")),
                                "notice.tier4 (财金〔2008〕87号 tier 4: book value over 1亿元"));
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("80645.06万")),
                                "the window is 15 working days"));
  // 15 days is exactly tier three's minimum.
  EXPECT_TRUE(CheckPublicationRules(content, Yuan("9742.55万")).ok());
}

TEST(CheckPublicationRulesTest, MissingWebsiteIsRefusedEvenForTierOne) {
  DisposalContent content = SeedContent();
  content.channels = {Paper(NewspaperLevel::kNational)};
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("100万")),
                                "notice.tier1 (财金〔2008〕87号 tier 1"));
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("100万")),
                                "the AMC's website is not listed"));
}

TEST(CheckPublicationRulesTest, TierOneNeedsNoPaperAndSevenDays) {
  DisposalContent content = SeedContent();
  content.channels = {Website()};
  content.window_working_days = 7;
  EXPECT_TRUE(CheckPublicationRules(content, Yuan("1000万")).ok());
  content.window_working_days = 6;
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("1000万")), "notice.tier1"));
}

TEST(CheckPublicationRulesTest, TierTwoNeedsACityPaper) {
  DisposalContent content = SeedContent();
  content.window_working_days = 10;
  content.channels = {Website()};
  EXPECT_TRUE(RefusedMentioning(CheckPublicationRules(content, Yuan("2000万")),
                                "notice.tier2 (财金〔2008〕87号 tier 2"));
  content.channels = {Website(), Paper(NewspaperLevel::kCity)};
  EXPECT_TRUE(CheckPublicationRules(content, Yuan("2000万")).ok());
}

// --- Planning the publication ------------------------------------------------------------

TEST(PlanPublicationTest, SeedDeadlineWindowEndAndValidity) {
  auto plan = PlanPublication(SeedContent(), Date{2021, 7, 28}, Calendar2021());
  ASSERT_TRUE(plan.ok()) << plan.error().Message();
  EXPECT_EQ(plan.value().publication_date, (Date{2021, 7, 28}));
  EXPECT_EQ(plan.value().objection_deadline_date, (Date{2021, 8, 25}));
  EXPECT_EQ(plan.value().window_end_micros, kSeedWindowEnd);
  EXPECT_EQ(plan.value().validity_end_date, (Date{2022, 7, 28}));
}

// Valid for a month, with a window of one working day.
DisposalContent OneMonthNotice() {
  DisposalContent content = SeedContent();
  content.validity_months = 1;
  content.window_working_days = 1;
  return content;
}

// Window and validity both end at 24:00 of their day: ending on the same day, the notice would
// go from open window straight to expired, with no moment an award could be made.
TEST(PlanPublicationTest, CountingThePublicationDayEndsTheWindowADayEarlier) {
  DisposalContent content = SeedContent();
  content.window_counting = PeriodCounting::kStartDayCounted;
  // Wed 2021-07-28 counts as the first of the 20 working days: the 20th is Tue 08-24.
  auto plan = PlanPublication(content, Date{2021, 7, 28}, Calendar2021());
  ASSERT_TRUE(plan.ok()) << plan.error().reason;
  EXPECT_EQ(plan.value().objection_deadline_date, (Date{2021, 8, 24}));
}

TEST(PlanPublicationTest, CountingFromAWeekendPublicationDayStartsOnTheNextWorkingDay) {
  DisposalContent content = SeedContent();
  content.window_counting = PeriodCounting::kStartDayCounted;
  // Published Sat 2021-07-31: counting the day itself adds nothing, so both methods agree.
  auto counted = PlanPublication(content, Date{2021, 7, 31}, Calendar2021());
  auto not_counted = PlanPublication(SeedContent(), Date{2021, 7, 31}, Calendar2021());
  ASSERT_TRUE(counted.ok() && not_counted.ok());
  EXPECT_EQ(counted.value().objection_deadline_date, not_counted.value().objection_deadline_date);
}

TEST(PlanPublicationTest, ValidityEndingOnTheObjectionDeadlineIsRefused) {
  DisposalContent content = OneMonthNotice();
  content.window_working_days = 23;  // 2021-07-28 + 23 working days = Monday 2021-08-30
  auto plan = PlanPublication(content, Date{2021, 7, 28}, Calendar2021());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kFailedPrecondition);
  // One month ends Saturday 2021-08-28, moved to the next working day: the deadline itself.
  EXPECT_NE(plan.error().reason.find("lapse on 2021-08-30, no later than its objection window "
                                     "closes on 2021-08-30"),
            std::string::npos)
      << plan.error().reason;
  content.window_working_days = 22;
  EXPECT_TRUE(PlanPublication(content, Date{2021, 7, 28}, Calendar2021()).ok());
}

// The last year dates are held for is 2200: a validity ending in 2201 could be planned but
// neither stored nor read back, so it is refused for what it is.
TEST(PlanPublicationTest, ValidityEndingAfterTheLastYearHeldIsRefused) {
  const WorkingDayCalendar calendar(
      {CalendarYear{2200, {{Date{2200, 10, 1}, DayKind::kHoliday, "国庆节"}}, "test"}});
  DisposalContent content = SeedContent();
  content.validity_months = 12;
  auto plan = PlanPublication(content, Date{2200, 6, 2}, calendar);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(plan.error().reason.find("2201-06-02"), std::string::npos) << plan.error().reason;
  content.validity_months = 6;
  EXPECT_TRUE(PlanPublication(content, Date{2200, 6, 2}, calendar).ok());
}

TEST(PlanPublicationTest, ValidityEndIsClampedToTheMonthsLastDay) {
  auto plan = PlanPublication(OneMonthNotice(), Date{2021, 3, 31}, Calendar2021());
  ASSERT_TRUE(plan.ok()) << plan.error().Message();
  EXPECT_EQ(plan.value().objection_deadline_date, (Date{2021, 4, 1}));
  EXPECT_EQ(plan.value().validity_end_date, (Date{2021, 4, 30}));  // a Friday
}

TEST(PlanPublicationTest, ValidityEndingOnAHolidayEndsOnTheNextWorkingDay) {
  // 09-01 + 1 month = Friday 10-01, a holiday in Calendar2021; then a weekend.
  auto plan = PlanPublication(OneMonthNotice(), Date{2021, 9, 1}, Calendar2021());
  ASSERT_TRUE(plan.ok()) << plan.error().Message();
  EXPECT_EQ(plan.value().validity_end_date, (Date{2021, 10, 4}));
}

TEST(PlanPublicationTest, ClampedValidityEndOnASundayEndsOnMonday) {
  auto plan = PlanPublication(OneMonthNotice(), Date{2021, 1, 31}, Calendar2021());
  ASSERT_TRUE(plan.ok()) << plan.error().Message();
  EXPECT_EQ(plan.value().validity_end_date, (Date{2021, 3, 1}));  // 02-28 was a Sunday
}

TEST(ValidityEndTest, AnEndInAYearNotHeldStandsProvisionallyUntilTheYearIsImported) {
  const Date saturday{2022, 7, 30};
  const ValidityEndDay unmoved = ValidityEnd(Date{2021, 7, 30}, 12, Calendar2021());
  EXPECT_EQ(unmoved.date, saturday);
  EXPECT_TRUE(unmoved.provisional);
  const WorkingDayCalendar with2022(
      {CalendarYear{2021, {}, "test"}, CalendarYear{2022, {}, "test"}});
  const ValidityEndDay moved = ValidityEnd(Date{2021, 7, 30}, 12, with2022);
  EXPECT_EQ(moved.date, (Date{2022, 8, 1}));
  EXPECT_FALSE(moved.provisional);
}

// Computed from the publication, not from an end moved before: a year corrected to make a
// holiday a working day brings the end back.
TEST(ValidityEndTest, ACorrectedHolidayBringsTheEndBack) {
  const CalendarYear provisional{
      2022, {{Date{2022, 8, 1}, DayKind::kHoliday, "provisional"}}, "test"};
  const WorkingDayCalendar before({CalendarYear{2021, {}, "test"}, provisional});
  EXPECT_EQ(ValidityEnd(Date{2021, 7, 30}, 12, before).date, (Date{2022, 8, 2}));
  const WorkingDayCalendar corrected(
      {CalendarYear{2021, {}, "test"}, CalendarYear{2022, {}, "test"}});
  EXPECT_EQ(ValidityEnd(Date{2021, 7, 30}, 12, corrected).date, (Date{2022, 8, 1}));
}

TEST(PlanPublicationTest, DeadlineInAYearNotHeldIsRefusedNamingIt) {
  auto plan = PlanPublication(SeedContent(), Date{2021, 12, 20}, Calendar2021());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kFailedPrecondition);
  // The walk reaches 2021-12-29 first, which the 2022 notice may move.
  EXPECT_EQ(plan.error().reason,
            "the working-day calendar has no data for 2022, whose notice may move 2021-12-29 (the "
            "2019 New Year holiday began on 2018-12-30); staff or an admin import it with "
            "ImportCalendarYear (disposalctl calendar import)");
}

// --- Lifecycle ---------------------------------------------------------------------------

TEST(DeriveStateTest, PublishedWindowClosesAtTheWindowEnd) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_EQ(DeriveState(StoredState::kPublished, publication, kSeedWindowEnd - 1),
            DisposalState::kPublished);
  EXPECT_EQ(DeriveState(StoredState::kPublished, publication, kSeedWindowEnd),
            DisposalState::kWindowClosed);
}

TEST(DeriveStateTest, PublishedOrSuspendedExpiresAtTheValidityEnd) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_EQ(DeriveState(StoredState::kPublished, publication, kSeedValidityEnd - 1),
            DisposalState::kWindowClosed);
  EXPECT_EQ(DeriveState(StoredState::kPublished, publication, kSeedValidityEnd),
            DisposalState::kExpired);
  EXPECT_EQ(DeriveState(StoredState::kSuspended, publication, kSeedValidityEnd - 1),
            DisposalState::kSuspended);
  EXPECT_EQ(DeriveState(StoredState::kSuspended, publication, kSeedValidityEnd),
            DisposalState::kExpired);
}

TEST(DeriveStateTest, StoredEndStatesAndDraftAreUnaffectedByTheClock) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_EQ(DeriveState(StoredState::kDraft, std::nullopt, kSeedValidityEnd),
            DisposalState::kDraft);
  EXPECT_EQ(DeriveState(StoredState::kAwarded, publication, kSeedValidityEnd),
            DisposalState::kAwarded);
  EXPECT_EQ(DeriveState(StoredState::kSettled, publication, kSeedValidityEnd),
            DisposalState::kSettled);
  EXPECT_EQ(DeriveState(StoredState::kWithdrawn, publication, kDuringWindow),
            DisposalState::kWithdrawn);
}

// The seed published, offered as two lots, with `sales` (lot id -> sale).
Disposal SeedInTwoLots(std::map<std::string, LotSale> sales) {
  Disposal disposal = PublishedSeed();
  disposal.content.lots = {{"lot-1", "claim-1", 1, std::nullopt},
                           {"lot-2", "claim-1", 2, std::nullopt}};
  disposal.sales = std::move(sales);
  return disposal;
}

TEST(DeriveStateTest, EveryLotSoldIsAwardedEvenPastTheValidityEnd) {
  const Disposal sold = SeedInTwoLots({{"lot-1", {"o-1", true}}, {"lot-2", {"o-2", false}}});
  EXPECT_EQ(DeriveState(sold, kDuringWindow + 1), DisposalState::kAwarded);
  EXPECT_EQ(DeriveState(sold, kSeedValidityEnd), DisposalState::kAwarded);
}

TEST(DeriveStateTest, EveryLotPaidInFullIsSettled) {
  const Disposal paid = SeedInTwoLots({{"lot-1", {"o-1", true}}, {"lot-2", {"o-2", true}}});
  EXPECT_EQ(DeriveState(paid, kSeedValidityEnd - 1), DisposalState::kSettled);
}

TEST(DeriveStateTest, ALotUnsoldLeavesTheStateToTheClock) {
  const Disposal one_sold = SeedInTwoLots({{"lot-1", {"o-1", true}}});
  EXPECT_EQ(DeriveState(one_sold, kSeedValidityEnd - 1), DisposalState::kWindowClosed);
  EXPECT_EQ(DeriveState(one_sold, kSeedValidityEnd), DisposalState::kExpired);
}

TEST(DeriveStateTest, AWithdrawnDisposalStaysWithdrawnWhateverIsBooked) {
  Disposal withdrawn = SeedInTwoLots({{"lot-1", {"o-1", true}}, {"lot-2", {"o-2", true}}});
  withdrawn.stored_state = StoredState::kWithdrawn;
  EXPECT_EQ(DeriveState(withdrawn, kSeedValidityEnd - 1), DisposalState::kWithdrawn);
}

TEST(ApplyTransitionTest, AllowedTransitions) {
  EXPECT_EQ(ApplyTransition(DisposalState::kPublished, Transition::kSuspend).value(),
            StoredState::kSuspended);
  EXPECT_EQ(ApplyTransition(DisposalState::kWindowClosed, Transition::kSuspend).value(),
            StoredState::kSuspended);
  EXPECT_EQ(ApplyTransition(DisposalState::kSuspended, Transition::kResume).value(),
            StoredState::kPublished);
  for (DisposalState from :
       {DisposalState::kDraft, DisposalState::kPublished, DisposalState::kWindowClosed,
        DisposalState::kSuspended, DisposalState::kExpired}) {
    EXPECT_EQ(ApplyTransition(from, Transition::kWithdraw).value(), StoredState::kWithdrawn)
        << StateName(from);
  }
}

TEST(ApplyTransitionTest, RefusedTransitionsNameTheCurrentState) {
  const auto reason = [](DisposalState from, Transition transition) {
    auto result = ApplyTransition(from, transition);
    return result.ok() ? std::string("allowed") : result.error().reason;
  };
  EXPECT_EQ(reason(DisposalState::kWithdrawn, Transition::kSuspend),
            "cannot suspend a disposal that is withdrawn");
  EXPECT_EQ(reason(DisposalState::kDraft, Transition::kSuspend),
            "cannot suspend a disposal that is draft");
  EXPECT_EQ(reason(DisposalState::kPublished, Transition::kResume),
            "cannot resume a disposal that is published");
  EXPECT_EQ(reason(DisposalState::kWindowClosed, Transition::kResume),
            "cannot resume a disposal that is window closed");
  EXPECT_EQ(reason(DisposalState::kAwarded, Transition::kWithdraw),
            "cannot withdraw a disposal that is awarded");
  EXPECT_EQ(reason(DisposalState::kExpired, Transition::kSuspend),
            "cannot suspend a disposal that is expired");
  EXPECT_EQ(ApplyTransition(DisposalState::kSettled, Transition::kSuspend).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(LateSubmissionTest, ExactlyAtTheWindowEndIsLateOneMicrosecondBeforeIsNot) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_TRUE(IsLateSubmission(publication, kSeedWindowEnd));
  EXPECT_FALSE(IsLateSubmission(publication, kSeedWindowEnd - 1));
}

TEST(LateSubmissionTest, BeforeThePublicationDayOrWithoutPublicationIsLate) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_FALSE(IsLateSubmission(publication, kSeedPublicationStart));
  EXPECT_TRUE(IsLateSubmission(publication, kSeedPublicationStart - 1));
  EXPECT_TRUE(IsLateSubmission(std::nullopt, kDuringWindow));
}

TEST(LateSubmissionTest, LatenessNamesTheSideOfTheWindow) {
  const auto publication = std::optional<Publication>(SeedPublication());
  EXPECT_EQ(LatenessOf(publication, kSeedPublicationStart - 1), Lateness::kBeforePublication);
  EXPECT_EQ(LatenessOf(publication, kSeedPublicationStart), Lateness::kOnTime);
  EXPECT_EQ(LatenessOf(publication, kSeedWindowEnd - 1), Lateness::kOnTime);
  EXPECT_EQ(LatenessOf(publication, kSeedWindowEnd), Lateness::kAfterWindow);
  EXPECT_EQ(LatenessOf(std::nullopt, kDuringWindow), Lateness::kNotPublished);
}

// --- Award gate --------------------------------------------------------------------------

TEST(AwardGateTest, WindowOpenNamesTheDeadline) {
  const AwardGateDecision decision = CheckAwardGate(PublishedSeed(), {}, "", kDuringWindow);
  EXPECT_FALSE(decision.allowed);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, GateReasonCode::kWindowOpen);
  EXPECT_EQ(decision.reasons[0].message,
            "the objection window is open until 2021-08-25 24:00 Asia/Shanghai");
  EXPECT_FALSE(CheckAwardGate(PublishedSeed(), {}, "", kSeedWindowEnd - 1).allowed);
}

TEST(AwardGateTest, ClosedWindowWithoutObjectionsIsAllowed) {
  const AwardGateDecision decision = CheckAwardGate(PublishedSeed(), {}, "", kSeedWindowEnd);
  EXPECT_TRUE(decision.allowed);
  EXPECT_TRUE(decision.reasons.empty());
}

TEST(AwardGateTest, UnresolvedObjectionBlocksNamingItsNumber) {
  const AwardGateDecision decision =
      CheckAwardGate(PublishedSeed(), {Objection(3, Resolution::kUnresolved)}, "", kSeedWindowEnd);
  EXPECT_FALSE(decision.allowed);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, GateReasonCode::kObjectionUnresolved);
  EXPECT_EQ(decision.reasons[0].message, "objection 3 is unresolved");
  EXPECT_EQ(decision.reasons[0].submission_id, "sub-3");
}

TEST(AwardGateTest, UpheldObjectionBlocksAndDismissedDoesNot) {
  const AwardGateDecision decision = CheckAwardGate(
      PublishedSeed(), {Objection(1, Resolution::kDismissed), Objection(2, Resolution::kUpheld)},
      "", kSeedWindowEnd);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, GateReasonCode::kObjectionUpheld);
  EXPECT_EQ(decision.reasons[0].message, "objection 2 was upheld");
}

TEST(AwardGateTest, UnresolvedObstructionReportBlocks) {
  const SubmissionSummary report{"sub-4", 4, SubmissionKind::kObstructionReport,
                                 Resolution::kUnresolved, ""};
  const AwardGateDecision decision = CheckAwardGate(PublishedSeed(), {report}, "", kSeedWindowEnd);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].message, "report of obstruction 4 is unresolved");
}

TEST(AwardGateTest, InquiriesNeverBlock) {
  const SubmissionSummary unresolved{"sub-1", 1, SubmissionKind::kInquiry, Resolution::kUnresolved,
                                     ""};
  const SubmissionSummary upheld{"sub-2", 2, SubmissionKind::kInquiry, Resolution::kUpheld, ""};
  EXPECT_TRUE(CheckAwardGate(PublishedSeed(), {unresolved, upheld}, "", kSeedWindowEnd).allowed);
}

TEST(AwardGateTest, ObjectionToOneLotBlocksOnlyThatLotAndTheWhole) {
  const std::vector<SubmissionSummary> submissions = {
      Objection(1, Resolution::kUnresolved, "lot-b")};
  EXPECT_TRUE(CheckAwardGate(PublishedSeed(), submissions, "lot-a", kSeedWindowEnd).allowed);
  EXPECT_FALSE(CheckAwardGate(PublishedSeed(), submissions, "lot-b", kSeedWindowEnd).allowed);
  EXPECT_FALSE(CheckAwardGate(PublishedSeed(), submissions, "", kSeedWindowEnd).allowed);
}

TEST(AwardGateTest, ObjectionToTheWholeDisposalBlocksEveryLot) {
  const std::vector<SubmissionSummary> submissions = {Objection(1, Resolution::kUnresolved)};
  EXPECT_FALSE(CheckAwardGate(PublishedSeed(), submissions, "lot-a", kSeedWindowEnd).allowed);
}

// A notice dated after the moment asked about was not yet published then: no window was open.
TEST(AwardGateTest, AMomentBeforeThePublicationDayIsNotPublished) {
  const AwardGateDecision before =
      CheckAwardGate(PublishedSeed(), {}, "", kSeedPublicationStart - 1);
  EXPECT_EQ(Codes(before), (std::vector<GateReasonCode>{GateReasonCode::kNotPublished}));
  EXPECT_NE(before.reasons[0].message.find("published on 2021-07-28"), std::string::npos)
      << before.reasons[0].message;
  EXPECT_EQ(Codes(CheckAwardGate(PublishedSeed(), {}, "", kSeedPublicationStart)),
            (std::vector<GateReasonCode>{GateReasonCode::kWindowOpen}));
}

TEST(AwardGateTest, StoredStatesBlockWithTheirOwnReason) {
  Disposal disposal = PublishedSeed();
  const auto codes_for = [&disposal](StoredState state) {
    disposal.stored_state = state;
    return Codes(CheckAwardGate(disposal, {}, "", kSeedWindowEnd));
  };
  using CodeList = std::vector<GateReasonCode>;
  EXPECT_EQ(codes_for(StoredState::kSuspended), (CodeList{GateReasonCode::kSuspended}));
  EXPECT_EQ(codes_for(StoredState::kWithdrawn), (CodeList{GateReasonCode::kWithdrawn}));
  EXPECT_EQ(codes_for(StoredState::kAwarded), (CodeList{GateReasonCode::kAlreadyAwarded}));
  EXPECT_EQ(codes_for(StoredState::kSettled), (CodeList{GateReasonCode::kAlreadyAwarded}));
  disposal.publication.reset();
  EXPECT_EQ(codes_for(StoredState::kDraft), (CodeList{GateReasonCode::kNotPublished}));
}

TEST(AwardGateTest, ALotWithAStandingSaleIsAlreadyAwardedNamingItsOutcome) {
  const Disposal disposal = SeedInTwoLots({{"lot-1", {"outcome-7", false}}});
  const AwardGateDecision sold = CheckAwardGate(disposal, {}, "lot-1", kSeedWindowEnd);
  EXPECT_EQ(Codes(sold), (std::vector<GateReasonCode>{GateReasonCode::kAlreadyAwarded}));
  EXPECT_NE(sold.reasons[0].message.find("outcome-7"), std::string::npos)
      << sold.reasons[0].message;
  EXPECT_TRUE(CheckAwardGate(disposal, {}, "lot-2", kSeedWindowEnd).allowed);
}

TEST(AwardGateTest, TheWholeDisposalWithOneLotSoldIsAlreadyAwardedNamingThatLot) {
  const Disposal disposal = SeedInTwoLots({{"lot-1", {"outcome-7", false}}});
  const AwardGateDecision whole = CheckAwardGate(disposal, {}, "", kSeedWindowEnd);
  EXPECT_EQ(Codes(whole), (std::vector<GateReasonCode>{GateReasonCode::kAlreadyAwarded}));
  ASSERT_FALSE(whole.reasons.empty());
  EXPECT_NE(whole.reasons[0].message.find("lot lot-1 already has a standing outcome (outcome-7)"),
            std::string::npos)
      << whole.reasons[0].message;
}

// Found in another order (the validity end before the lots' sales), answered in the codes'.
TEST(AwardGateTest, StateReasonsComeInTheCodesOrder) {
  Disposal disposal = SeedInTwoLots({{"lot-1", {"o-1", false}}});
  disposal.publication->validity_end_provisional = true;
  const AwardGateDecision decision = CheckAwardGate(disposal, {}, "", kSeedValidityEnd);
  EXPECT_EQ(Codes(decision), (std::vector<GateReasonCode>{GateReasonCode::kAlreadyAwarded,
                                                          GateReasonCode::kValidityEndUnknown}));
}

// A refusal's message travels in the call's trailers: past twenty reasons it counts the rest.
TEST(AwardGateTest, ARefusalNamesTwentyReasonsAndCountsTheRest) {
  std::vector<SubmissionSummary> objections;
  for (int number = 1; number <= 25; ++number) {
    objections.push_back(Objection(number, Resolution::kUnresolved));
  }
  const AwardGateDecision decision =
      CheckAwardGate(PublishedSeed(), objections, "", kSeedWindowEnd);
  ASSERT_EQ(decision.reasons.size(), 25u);
  const std::string message = GateRefusalMessage(decision);
  EXPECT_NE(message.find("objection 20 is unresolved; and 5 more reasons"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("objection 21 "), std::string::npos) << message;
}

TEST(AwardGateTest, AWhollySoldDisposalIsAlreadyAwardedAndNotExpired) {
  const Disposal disposal = SeedInTwoLots({{"lot-1", {"o-1", false}}, {"lot-2", {"o-2", false}}});
  const AwardGateDecision decision = CheckAwardGate(disposal, {}, "", kSeedValidityEnd);
  EXPECT_EQ(Codes(decision), (std::vector<GateReasonCode>{GateReasonCode::kAlreadyAwarded}));
}

TEST(AwardGateTest, ExpiredNoticeBlocks) {
  const AwardGateDecision decision = CheckAwardGate(PublishedSeed(), {}, "", kSeedValidityEnd);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, GateReasonCode::kExpired);
  EXPECT_NE(decision.reasons[0].message.find("2022-07-28 24:00 Asia/Shanghai"), std::string::npos);
}

TEST(AwardGateTest, EveryReasonIsListedTogetherInAStableOrder) {
  Disposal disposal = PublishedSeed();
  disposal.stored_state = StoredState::kSuspended;
  const AwardGateDecision decision = CheckAwardGate(
      disposal, {Objection(2, Resolution::kUpheld), Objection(1, Resolution::kUnresolved)}, "",
      kDuringWindow);
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(Codes(decision),
            (std::vector<GateReasonCode>{GateReasonCode::kWindowOpen, GateReasonCode::kSuspended,
                                         GateReasonCode::kObjectionUnresolved,
                                         GateReasonCode::kObjectionUpheld}));
  ASSERT_EQ(decision.reasons.size(), 4u);
  EXPECT_EQ(decision.reasons[2].message, "objection 1 is unresolved");
  EXPECT_EQ(decision.reasons[3].message, "objection 2 was upheld");
}

// --- Content validation ------------------------------------------------------------------

TEST(ValidateDisposalContentTest, SeedContentIsValid) {
  const Status status = ValidateDisposalContent(SeedContent());
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(ValidateDisposalContentTest, SameTrancheTwiceNamesTheSecondLot) {
  DisposalContent content = SeedContent();
  content.lots = {{"", "claim-1", 1, std::nullopt},
                  {"", "claim-1", 2, std::nullopt},
                  {"", "claim-1", 2, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[2].tranche_number"));
}

TEST(ValidateDisposalContentTest, WholeClaimAndOneOfItsTranchesAreRefused) {
  DisposalContent content = SeedContent();
  content.lots = {{"", "claim-1", std::nullopt, std::nullopt}, {"", "claim-1", 1, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[1].tranche_number"));
  content.lots = {{"", "claim-1", 1, std::nullopt}, {"", "claim-1", std::nullopt, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[1].claim_id"));
  content.lots = {{"", "claim-1", std::nullopt, std::nullopt},
                  {"", "claim-1", std::nullopt, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[1].claim_id"));
}

TEST(ValidateDisposalContentTest, TranchesOfDifferentClaimsMayShareANumber) {
  DisposalContent content = SeedContent();
  content.lots = {{"", "claim-1", 1, std::nullopt}, {"", "claim-2", 1, std::nullopt}};
  EXPECT_TRUE(ValidateDisposalContent(content).ok());
}

TEST(ValidateDisposalContentTest, LotFieldPaths) {
  DisposalContent content = SeedContent();
  content.lots = {{"", "", std::nullopt, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[0].claim_id"));
  content.lots = {{"", "claim-1", 0, std::nullopt}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[0].tranche_number"));
  content.lots = {{"", "claim-1", std::nullopt, Yuan("-1")}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots[0].reserve_price"));
  content.lots.clear();
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.lots"));
}

TEST(ValidateDisposalContentTest, WebsiteMustBeAnHttpUrl) {
  DisposalContent content = SeedContent();
  for (const char* bad : {"www.gwamcc.com", "ftp://www.gwamcc.com", "http://", "https:///path",
                          "http://www.gwamcc .com"}) {
    content.channels = {{ChannelKind::kWebsite, bad}};
    EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.channels[0].name")) << bad;
  }
  content.channels = {{ChannelKind::kWebsite, "HTTPS://www.gwamcc.com/notice?id=1"}};
  EXPECT_TRUE(ValidateDisposalContent(content).ok());
}

TEST(ValidateDisposalContentTest, NewspaperNeedsANameAndALevel) {
  DisposalContent content = SeedContent();
  content.channels = {Website(), {ChannelKind::kNewspaper, "黑龙江日报", NewspaperLevel::kNone}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.channels[1].level"));
  content.channels = {Website(), {ChannelKind::kNewspaper, "", NewspaperLevel::kCity}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.channels[1].name"));
  content.channels.clear();
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.channels"));
}

TEST(ValidateDisposalContentTest, PostcodeIsEmptyOrSixDigits) {
  DisposalContent content = SeedContent();
  for (const char* bad : {"15000", "1500011", "15000a", "１５０００１"}) {
    content.contact_details.postcode = bad;
    EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.contact_details.postcode"))
        << bad;
  }
  content.contact_details.postcode = "";
  EXPECT_TRUE(ValidateDisposalContent(content).ok());
}

TEST(ValidateDisposalContentTest, ContactFieldPaths) {
  DisposalContent content = SeedContent();
  content.contact_details.contacts[1].phones[1] = "ext. 25";
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content),
                        "disposal.contact_details.contacts[1].phones[1]"));
  content = SeedContent();
  content.contact_details.contacts[0].phones[0] = std::string(31, '1');
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content),
                        "disposal.contact_details.contacts[0].phones[0]"));
  content = SeedContent();
  content.contact_details.contacts[0].name = "";
  EXPECT_TRUE(
      InvalidAt(ValidateDisposalContent(content), "disposal.contact_details.contacts[0].name"));
  content = SeedContent();
  content.contact_details.supervisory_contact = Contact{std::string(51, 'x'), {}};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content),
                        "disposal.contact_details.supervisory_contact.name"));
}

TEST(ValidateDisposalContentTest, MethodsAndPaymentTermsAreRequiredWithoutRepeats) {
  DisposalContent content = SeedContent();
  content.methods = {DisposalMethod::kAuction, DisposalMethod::kAuction};
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.methods[1]"));
  content.methods.clear();
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.methods"));
  content = SeedContent();
  content.payment_terms.clear();
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.payment_terms"));
}

TEST(ValidateDisposalContentTest, ScalarFieldPaths) {
  DisposalContent content = SeedContent();
  content.title = "";
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.title"));
  content = SeedContent();
  content.deposit = Yuan("-0.01");
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.deposit"));
  content = SeedContent();
  content.reserve_price = Yuan("-0.01");
  EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.reserve_price"));
  for (int months : {0, 61}) {
    content = SeedContent();
    content.validity_months = months;
    EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.validity_months"));
  }
  for (int days : {0, 251}) {
    content = SeedContent();
    content.window_working_days = days;
    EXPECT_TRUE(InvalidAt(ValidateDisposalContent(content), "disposal.window_working_days"));
  }
  content = SeedContent();
  content.validity_months = 60;
  content.window_working_days = 250;
  EXPECT_TRUE(ValidateDisposalContent(content).ok());
}

TEST(StateNameTest, LowerCaseNamesForMessages) {
  EXPECT_EQ(StateName(DisposalState::kWindowClosed), "window closed");
  EXPECT_EQ(StateName(DisposalState::kPublished), "published");
  EXPECT_EQ(StateName(DisposalState::kExpired), "expired");
}

}  // namespace
}  // namespace disposal::domain

namespace disposal::domain {
namespace {

TEST(PlanPublicationTest, ValidityEndingBeforeTheWindowClosesIsRefused) {
  CalendarYear year2021;
  year2021.year = 2021;
  year2021.source = "test";
  WorkingDayCalendar calendar({year2021});
  DisposalContent content;
  content.validity_months = 1;
  content.window_working_days = 40;
  Result<Publication> plan = PlanPublication(content, Date{2021, 3, 1}, calendar);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(plan.error().reason.find("2021-04-01"), std::string::npos) << plan.error().reason;
}

}  // namespace
}  // namespace disposal::domain
