// An award on the terms its notice offered: at least the lot's reserve price (or the
// disposal's, for a disposal of that one lot), and in instalments only where the notice
// offered them.
#include <gtest/gtest.h>

#include <string>

#include "domain/outcome.h"

namespace disposal::domain {
namespace {

Money Yuan(const std::string& text) { return Money::Parse(text).value(); }

DisposalContent Offer(int lots) {
  DisposalContent content;
  content.lots.resize(lots);
  content.payment_terms = {PaymentTerm::kLumpSum};
  return content;
}

OutcomeRecord Sale(const std::string& price, int instalments) {
  OutcomeRecord outcome;
  outcome.award_date = Date{2021, 9, 1};
  outcome.price = Yuan(price);
  for (int i = 0; i < instalments; ++i) {
    outcome.schedule.push_back({Date{2021, 9 + i, 1}, Yuan(price), {}});
  }
  return outcome;
}

TEST(OfferedTermsTest, PriceBelowTheLotsReserveIsRefusedNamingBoth) {
  DisposalContent content = Offer(2);
  content.lots[0].reserve_price = Yuan("1000000.00");
  const Status status =
      CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("999999.99", 1));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().field, "price");
  EXPECT_NE(status.error().reason.find("999,999.99"), std::string::npos) << status.error().reason;
  EXPECT_NE(status.error().reason.find("1,000,000.00"), std::string::npos) << status.error().reason;
}

TEST(OfferedTermsTest, PriceEqualToTheReserveIsAccepted) {
  DisposalContent content = Offer(2);
  content.lots[0].reserve_price = Yuan("1000000.00");
  EXPECT_TRUE(
      CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("1000000.00", 1)).ok());
}

TEST(OfferedTermsTest, DisposalsReserveBindsTheLotOfASingleLotDisposal) {
  DisposalContent content = Offer(1);
  content.reserve_price = Yuan("500.00");
  const Status below =
      CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("499.99", 1));
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.error().field, "price");
  EXPECT_NE(below.error().reason.find("500.00"), std::string::npos) << below.error().reason;
  EXPECT_TRUE(CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("500.00", 1)).ok());
}

// The disposal's reserve is for all its lots together: no one lot's price can be held to it.
TEST(OfferedTermsTest, DisposalsReserveDoesNotBindOneLotOfSeveral) {
  DisposalContent content = Offer(2);
  content.reserve_price = Yuan("500.00");
  EXPECT_TRUE(CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("100.00", 1)).ok());
}

TEST(OfferedTermsTest, LotsOwnReserveWinsOverTheDisposals) {
  DisposalContent content = Offer(1);
  content.reserve_price = Yuan("500.00");
  content.lots[0].reserve_price = Yuan("100.00");
  EXPECT_TRUE(CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("200.00", 1)).ok());
}

TEST(OfferedTermsTest, InstalmentsOnALumpSumOnlyNoticeAreRefused) {
  const DisposalContent content = Offer(1);
  const Status status =
      CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("100.00", 2));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().field, "instalments");
}

TEST(OfferedTermsTest, InstalmentsAreAcceptedWhereTheNoticeOfferedThem) {
  DisposalContent content = Offer(1);
  content.payment_terms.push_back(PaymentTerm::kInstalments);
  EXPECT_TRUE(CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("100.00", 2)).ok());
}

// Paying the whole at once is never worse for the seller than the instalments offered.
TEST(OfferedTermsTest, OnePaymentIsAcceptedOnAnInstalmentsOnlyNotice) {
  DisposalContent content = Offer(1);
  content.payment_terms = {PaymentTerm::kInstalments};
  EXPECT_TRUE(CheckOfferedTerms(OfferedTermsOf(content, content.lots[0]), Sale("100.00", 1)).ok());
}

}  // namespace
}  // namespace disposal::domain
