// WithinNow: a back-dated booking's balances, capped at what each account holds now, and its
// credits at the credit each account still holds now.
#include <gtest/gtest.h>

#include "domain/outcome.h"

namespace disposal::domain {
namespace {

Money M(const char* text) { return Money::Parse(text).value(); }

TEST(WithinNowTest, EachBalanceIsCappedAtWhatItsAccountHoldsNow) {
  const ClaimBalances on_date = {{{"claim/x/principal", 1}, M("1000.00")},
                                 {{"claim/x/interest", 1}, M("50.00")},
                                 {{"claim/x/costs", 0}, M("20.00")}};
  const ClaimBalances now = {{{"claim/x/principal", 1}, M("400.00")},
                             {{"claim/x/interest", 1}, M("80.00")}};
  const ClaimBalances capped = WithinNow(on_date, now);
  EXPECT_EQ(capped.at({"claim/x/principal", 1}), M("400.00"));  // paid down since
  EXPECT_EQ(capped.at({"claim/x/interest", 1}), M("50.00"));    // grew since: the date's stays
  EXPECT_EQ(capped.at({"claim/x/costs", 0}), M("0.00"));        // nothing left now
  EXPECT_EQ(capped.size(), on_date.size());
}

TEST(WithinNowTest, OwedOnTheDateIsNoCreditWhenTheAccountIsBelowZeroNow) {
  const ClaimBalances capped =
      WithinNow({{{"claim/x/interest", 1}, M("50.00")}}, {{{"claim/x/interest", 1}, M("-10.00")}});
  EXPECT_EQ(capped.at({"claim/x/interest", 1}), M("0.00"));
}

TEST(WithinNowTest, CreditOnTheDateIsKeptOnlyAsFarAsTheAccountIsStillBelowZeroNow) {
  const ClaimBalances on_date = {{{"claim/x/interest", 1}, M("-700.00")},
                                 {{"claim/x/interest", 2}, M("-300.00")},
                                 {{"claim/x/interest", 3}, M("-50.00")}};
  const ClaimBalances now = {{{"claim/x/interest", 1}, M("750.00")},  // accrued since
                             {{"claim/x/interest", 2}, M("-100.00")},
                             {{"claim/x/interest", 3}, M("-90.00")}};
  const ClaimBalances capped = WithinNow(on_date, now);
  EXPECT_EQ(capped.at({"claim/x/interest", 1}), M("0.00"));
  EXPECT_EQ(capped.at({"claim/x/interest", 2}), M("-100.00"));
  EXPECT_EQ(capped.at({"claim/x/interest", 3}), M("-50.00"));  // the later credit is not the date's
}

}  // namespace
}  // namespace disposal::domain
