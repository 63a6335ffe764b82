// A notice's book value (财金〔2008〕87号: the book value at the last interest date before the
// notice) comes from the claim's books once its ledger is open: interest accrued since the
// claim's cut-off counts, through the publication date and not after it.
#include "support/ledger_fixture.h"
#include "support/raced_disposals.h"

namespace disposal::testing {
namespace {

// The seed claim's principal and interest at its cut-off dates (both tranches).
constexpr char kSeedAtCutOff[] = "806450600.00";

class PublishedBookValueTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    claim_id_ = CreateSeedClaim();
  }

  // The claim's principal and interest on its books as of `day`.
  std::string BooksAsOf(const v1::Date& day) {
    const v1::ClaimStatement statement = Statement(claim_id_, &day);
    const domain::Money principal =
        domain::Money::Parse(Text(statement.principal_balance())).value();
    const domain::Money interest = domain::Money::Parse(Text(statement.interest_balance())).value();
    return principal.Add(interest).value().ToString();
  }

  v1::Disposal PublishedOn(int month, int day) {
    v1::Disposal draft, published;
    EXPECT_TRUE(CreateDisposal(SeedDisposal(claim_id_), "seed-disposal", &draft).ok());
    const grpc::Status status = Publish(draft, 2021, month, day, &published);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return published;
  }

  std::string claim_id_;
};

TEST_F(PublishedBookValueTest, InterestAccruedBeforeThePublicationDateIsInTheBookValue) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 27), "accrue-to-27", &accrued).ok());
  ASSERT_NE(Text(accrued.interest()), "0.00");
  const v1::Disposal published = PublishedOn(7, 28);
  EXPECT_EQ(Text(published.book_value()), BooksAsOf(Day(2021, 7, 28)));
  EXPECT_NE(Text(published.book_value()), kSeedAtCutOff);
}

// Accrued through the 27th, then through the 31st: the notice of the 28th counts the first
// accrual and not the second.
TEST_F(PublishedBookValueTest, InterestAccruedAfterThePublicationDateIsNotInTheBookValue) {
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 27), "accrue-to-27", &accrued).ok());
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 31), "accrue-to-31", &accrued).ok());
  ASSERT_NE(Text(accrued.interest()), "0.00");
  ASSERT_NE(BooksAsOf(Day(2021, 7, 28)), BooksAsOf(Day(2021, 7, 31)));
  const v1::Disposal published = PublishedOn(7, 28);
  EXPECT_EQ(Text(published.book_value()), BooksAsOf(Day(2021, 7, 28)));
  EXPECT_NE(Text(published.book_value()), kSeedAtCutOff);
}

// The book value is read before the publishing transaction: an accrual committed in between
// (dated before the publication) makes the publication ABORTED, the notice still a draft, rather
// than a notice frozen at a value its claim's books no longer hold.
TEST_F(PublishedBookValueTest, AnAccrualCommittedBetweenReadAndPublicationAbortsIt) {
  RacedDisposals raced(db_.database());
  domain::DisposalRegistry registry(raced, *calendar_registry_, [this] { return now_.load(); });
  v1::Disposal draft;
  ASSERT_TRUE(CreateDisposal(SeedDisposal(claim_id_), "raced-draft", &draft).ok());
  v1::AccrueInterestResponse accrued;
  ASSERT_TRUE(Accrue(claim_id_, Day(2021, 7, 20), "accrue-to-20", &accrued).ok());
  grpc::Status between;
  raced.before_write = [&] {
    between = Accrue(claim_id_, Day(2021, 7, 27), "accrue-to-27", &accrued);
  };

  const auto published =
      registry.Publish(draft.id(), draft.version(), domain::Date{2021, 7, 28},
                       domain::RequestKey{"raced-publish", std::string(64, 'a')},
                       domain::AuditContext{"tester", "disposal.v1.DisposalService/PublishDisposal",
                                            "raced-publish", "{}"});

  ASSERT_TRUE(between.ok()) << between.error_message();
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code, ErrorCode::kAborted) << published.error().Message();
  EXPECT_EQ(db_.Query("SELECT stored_state FROM disposals WHERE id = '" + draft.id() + "'"),
            "draft");
}

TEST_F(PublishedBookValueTest, ClaimWithoutALedgerIsValuedAtItsCutOffFigures) {
  const v1::Disposal published = PublishedOn(7, 28);
  EXPECT_EQ(Text(published.book_value()), kSeedAtCutOff);
}

}  // namespace
}  // namespace disposal::testing
