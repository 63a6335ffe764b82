// A claim's figures may be corrected until its ledger opens, but not past what a published
// notice offering it was published for: 财金〔2008〕87号 tiers a notice (window, newspaper) on its
// book value, and an award books the corrected figures. And an expired notice, which still holds
// its claims' loans and figures, can be withdrawn to free them.
#include <string>

#include "support/ledger_fixture.h"

namespace disposal::testing {
namespace {

// Tranche 2 of the seed claim: 60,000,000.00 principal and 37,425,500.00 interest, 97,425,500.00
// together: tier 3 (over 5000万 up to 1亿: 15 working days, a provincial paper).
constexpr int64_t kTrancheTwoInterest = 37425500;
// The interest that brings tranche 2 to 1亿 exactly, the top of tier 3.
constexpr int64_t kInterestToOneYi = 40000000;

class NoticeTierCorrectionTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    claim_id_ = CreateSeedClaim();
  }

  // A notice offering tranche 2 alone with `window_working_days`, counted as `counting`, published
  // on 2021-07-`day`.
  v1::Disposal PublishedTrancheTwo(int window_working_days, int day,
                                   v1::PeriodCounting counting = v1::PERIOD_COUNTING_UNSPECIFIED) {
    v1::Disposal content = SeedDisposal(claim_id_);
    content.mutable_lots()->DeleteSubrange(0, 1);
    content.set_window_working_days(window_working_days);
    if (counting != v1::PERIOD_COUNTING_UNSPECIFIED) content.set_window_counting(counting);
    v1::Disposal draft, published;
    EXPECT_TRUE(CreateDisposal(content, "tranche-two", &draft).ok());
    const grpc::Status status = Publish(draft, 2021, 7, day, &published);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return published;
  }

  // Sets tranche 2's interest to `yuan` and `fen`, on the claim as it stands.
  grpc::Status CorrectTrancheTwoInterest(int64_t yuan, int32_t fen = 0) {
    v1::Claim claim;
    EXPECT_TRUE(GetClaim(claim_id_, &claim).ok());
    *claim.mutable_tranches(1)->mutable_interest() = Yuan(yuan, fen);
    return UpdateTranches(claim);
  }

  // Sets `claim_id`'s tranche 2 to `principal` and `interest` yuan (and `interest_fen`).
  grpc::Status SetTrancheTwo(const std::string& claim_id, int64_t principal, int64_t interest,
                             int32_t interest_fen = 0) {
    v1::Claim claim;
    EXPECT_TRUE(GetClaim(claim_id, &claim).ok());
    *claim.mutable_tranches(1)->mutable_principal() = Yuan(principal);
    *claim.mutable_tranches(1)->mutable_interest() = Yuan(interest, interest_fen);
    return UpdateTranches(claim);
  }

  // A notice of tranche 2 of the seed claim and of another claim's, set to 60,000,000.00 and
  // 30,000,000.00 (tier 3, 15 working days) and published 2021-07-28; then the seed claim's
  // corrected to 65,000,000.00 (95,000,000.00 in all). The other claim's id in `other_claim`.
  void PublishTwoClaimsAndCorrectTheFirst(std::string* other_claim) {
    *other_claim = CreateSeedClaim("other-claim");
    ASSERT_TRUE(SetTrancheTwo(claim_id_, 60000000, 0).ok());
    ASSERT_TRUE(SetTrancheTwo(*other_claim, 30000000, 0).ok());
    v1::Disposal content = SeedDisposal(claim_id_);
    content.mutable_lots(0)->set_claim_id(*other_claim);
    content.mutable_lots(0)->set_tranche_number(2);
    content.set_window_working_days(15);
    v1::Disposal draft, published;
    ASSERT_TRUE(CreateDisposal(content, "two-claims", &draft).ok());
    ASSERT_TRUE(Publish(draft, 2021, 7, 28, &published).ok());
    ASSERT_TRUE(SetTrancheTwo(claim_id_, 60000000, 5000000).ok());
  }

  std::string StoredTrancheTwoInterest() {
    return db_.Query("SELECT interest::text FROM claim_tranches WHERE claim_id = '" + claim_id_ +
                     "' AND position = 1");
  }

  std::string claim_id_;
};

TEST_F(NoticeTierCorrectionTest, ACorrectionKeepingTheValueInsideThePublishedTierIsTaken) {
  PublishedTrancheTwo(15, 28);
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StoredTrancheTwoInterest(), "40000000.00");
}

TEST_F(NoticeTierCorrectionTest, ACorrectionLiftingTheValueOneFenPastTheTierIsRefusedNamingIt) {
  const v1::Disposal published = PublishedTrancheTwo(15, 28);
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi, 1);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  const std::string& message = status.error_message();
  EXPECT_EQ(message.rfind("claim.tranches: with this correction the book value of disposal " +
                              published.id() +
                              " (published 2021-07-28 at 97,425,500.00 yuan) "
                              "would be 100,000,000.01 yuan",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("notice.tier4"), std::string::npos) << message;
  EXPECT_NE(message.find("the window is 15 working days"), std::string::npos) << message;
  EXPECT_EQ(StoredTrancheTwoInterest(), "37425500.00");
}

// The seed notice's 20 working days and provincial paper are what tier 4 asks: a correction that
// lifts tranche 2 past 1亿 leaves it fitting.
TEST_F(NoticeTierCorrectionTest, ANoticePublishedForAHigherTierTakesACorrectionIntoIt) {
  PublishedTrancheTwo(20, 28);
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi + 1);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StoredTrancheTwoInterest(), "40000001.00");
}

TEST_F(NoticeTierCorrectionTest, ACorrectionLoweringTheValueIsTaken) {
  PublishedTrancheTwo(15, 28);
  const grpc::Status status = CorrectTrancheTwoInterest(kTrancheTwoInterest - 1);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StoredTrancheTwoInterest(), "37425499.00");
}

TEST_F(NoticeTierCorrectionTest, ACorrectionRefusedWhilePublishedIsTakenOnceTheNoticeIsWithdrawn) {
  const v1::Disposal published = PublishedTrancheTwo(15, 28);
  ASSERT_EQ(CorrectTrancheTwoInterest(kInterestToOneYi + 1).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::Disposal withdrawn;
  ASSERT_TRUE(Transition(published, v1::TRANSITION_WITHDRAW, &withdrawn).ok());
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi + 1);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StoredTrancheTwoInterest(), "40000001.00");
}

// A draft is published on the claim as it then stands: it holds nothing.
TEST_F(NoticeTierCorrectionTest, ADraftDoesNotHoldTheFigures) {
  v1::Disposal content = SeedDisposal(claim_id_);
  content.mutable_lots()->DeleteSubrange(0, 1);
  content.set_window_working_days(15);
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(content, "tranche-two-draft", &draft).ok());
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi + 1);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

// Counting its publication day, a 20-working-day window published on a working day has 19 after
// it (short of tier 4's 20); published on a Saturday, all 20 (民法典 art. 201 as the notice fixes
// it): the correction's check reads the day on the calendar.
TEST_F(NoticeTierCorrectionTest, AWindowCountingAWorkingPublicationDayIsOneDayShortOfTierFour) {
  PublishedTrancheTwo(20, 28, v1::PERIOD_COUNTING_START_DAY_COUNTED);  // a Wednesday
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi + 1);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(
      status.error_message().find("20 working days counting the publication day, 19 after it"),
      std::string::npos)
      << status.error_message();
}

TEST_F(NoticeTierCorrectionTest, AWindowCountingARestPublicationDayHasTierFoursWholeWindow) {
  PublishedTrancheTwo(20, 31, v1::PERIOD_COUNTING_START_DAY_COUNTED);  // a Saturday
  const grpc::Status status = CorrectTrancheTwoInterest(kInterestToOneYi + 1);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

// A notice of two claims' tranches, 60,000,000.00 and 30,000,000.00 when published (tier 3): each
// claim's correction is valued with the other's figures as they stand, not as published, so that
// two corrections, each within the tier alone, cannot together lift the notice past 1亿.
TEST_F(NoticeTierCorrectionTest, EachClaimOfANoticeIsValuedOnTheOthersCorrectedFigures) {
  std::string other_claim;
  ASSERT_NO_FATAL_FAILURE(PublishTwoClaimsAndCorrectTheFirst(&other_claim));
  const grpc::Status status = SetTrancheTwo(other_claim, 30000000, 5000000, 1);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_NE(status.error_message().find("(published 2021-07-28 at 90,000,000.00 yuan) would be "
                                        "100,000,000.01 yuan"),
            std::string::npos)
      << status.error_message();
}

// A claim whose books opened after the notice was published (an accrual) froze its figures as
// corrected: the other claim's correction is valued on them, not on its published value.
TEST_F(NoticeTierCorrectionTest, AClaimWhoseBooksOpenedSinceIsValuedOnItsCorrectedFigures) {
  std::string other_claim;
  ASSERT_NO_FATAL_FAILURE(PublishTwoClaimsAndCorrectTheFirst(&other_claim));
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "open-the-books", &accrued).ok());
  const grpc::Status status = SetTrancheTwo(other_claim, 30000000, 5000000, 1);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
}

// A notice already past its tier (its figures written past the service, or corrected before this
// rule) is not made worse by a correction that lowers its value: that one is taken, one that
// raises it is not.
TEST_F(NoticeTierCorrectionTest, ACorrectionLoweringANoticeAlreadyPastItsTierIsTaken) {
  PublishedTrancheTwo(15, 28);
  db_.Query("UPDATE claim_tranches SET interest = 90000000.00 WHERE claim_id = '" + claim_id_ +
            "' AND position = 1");  // 150,000,000.00: tier 4
  EXPECT_EQ(CorrectTrancheTwoInterest(95000000).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  const grpc::Status status = CorrectTrancheTwoInterest(80000000);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StoredTrancheTwoInterest(), "80000000.00");
}

// Valid 12 months from 2021-07-28: expired a year later. It sells nothing more, but holds its
// tranche until withdrawn, which frees the claim.
TEST_F(NoticeTierCorrectionTest, AnExpiredNoticeCanBeWithdrawn) {
  const v1::Disposal published = PublishedTrancheTwo(15, 28);
  now_ = ShanghaiMicros(2022, 9, 1, 10);
  v1::Disposal read;
  ASSERT_TRUE(Get(published.id(), &read).ok());
  ASSERT_EQ(read.state(), v1::DISPOSAL_STATE_EXPIRED);
  ASSERT_EQ(CorrectTrancheTwoInterest(kInterestToOneYi + 1).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // held while it stands
  v1::Disposal withdrawn;
  const grpc::Status status = Transition(read, v1::TRANSITION_WITHDRAW, &withdrawn);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(withdrawn.state(), v1::DISPOSAL_STATE_WITHDRAWN);
  EXPECT_TRUE(CorrectTrancheTwoInterest(kInterestToOneYi + 1).ok());
}

}  // namespace
}  // namespace disposal::testing
