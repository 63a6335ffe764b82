#include "domain/paging.h"

#include <gtest/gtest.h>

namespace disposal::domain {
namespace {

TEST(PagingTest, ZeroMeansTheDefault) {
  ASSERT_TRUE(EffectivePageSize(0).ok());
  EXPECT_EQ(EffectivePageSize(0).value(), kPageSizeDefault);
}

TEST(PagingTest, SizesUpToTheMaximumAreServedAsAsked) {
  EXPECT_EQ(EffectivePageSize(1).value(), 1);
  EXPECT_EQ(EffectivePageSize(kPageSizeMax).value(), kPageSizeMax);
}

// AIP-158: coerced down, so that a generic pager asking for more is not refused.
TEST(PagingTest, SizesAboveTheMaximumAreServedAsTheMaximum) {
  EXPECT_EQ(EffectivePageSize(kPageSizeMax + 1).value(), kPageSizeMax);
  EXPECT_EQ(BoundedPageSize(2'000'000'000, 500, 1000).value(), 1000);
}

TEST(PagingTest, NegativeSizeIsInvalidArgumentNamingThePageSize) {
  const Result<int> size = EffectivePageSize(-1);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(size.error().field, "page_size");
}

}  // namespace
}  // namespace disposal::domain
