// NoMoreThan: a back-dated booking's balances, capped at what each account holds now.
#include <gtest/gtest.h>

#include "domain/outcome.h"

namespace disposal::domain {
namespace {

Money M(const char* text) { return Money::Parse(text).value(); }

TEST(NoMoreThanTest, EachBalanceIsCappedAtWhatItsAccountHoldsNow) {
  const ClaimBalances on_date = {{{"claim/x/principal", 1}, M("1000.00")},
                                 {{"claim/x/interest", 1}, M("50.00")},
                                 {{"claim/x/costs", 0}, M("20.00")}};
  const ClaimBalances now = {{{"claim/x/principal", 1}, M("400.00")},
                             {{"claim/x/interest", 1}, M("80.00")}};
  const ClaimBalances capped = NoMoreThan(on_date, now);
  EXPECT_EQ(capped.at({"claim/x/principal", 1}), M("400.00"));  // paid down since
  EXPECT_EQ(capped.at({"claim/x/interest", 1}), M("50.00"));    // grew since: the date's stays
  EXPECT_EQ(capped.at({"claim/x/costs", 0}), M("0.00"));        // nothing left now
  EXPECT_EQ(capped.size(), on_date.size());
}

}  // namespace
}  // namespace disposal::domain
