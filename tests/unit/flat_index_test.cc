// The registry snapshot's flat hash index and its keys.
#include "domain/flat_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <unordered_map>

namespace disposal::domain {
namespace {

std::vector<uint32_t> ValuesUnder(const FlatIndex& index, uint64_t key) {
  std::vector<uint32_t> values;
  index.ForEach(key, [&](uint32_t value) { values.push_back(value); });
  std::sort(values.begin(), values.end());
  return values;
}

TEST(FlatIndexTest, EmptyIndexFindsNothing) {
  FlatIndex index;
  EXPECT_FALSE(index.Find(42).has_value());
  EXPECT_TRUE(ValuesUnder(index, 42).empty());
}

TEST(FlatIndexTest, FindsEveryStoredKeyAndNoOtherAgainstAReferenceMap) {
  std::mt19937_64 random(7);
  std::unordered_map<uint64_t, uint32_t> reference;
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (uint32_t i = 0; i < 50'000; ++i) {
    const uint64_t key = random();
    if (reference.emplace(key, i).second) entries.emplace_back(key, i);
  }
  const FlatIndex index(entries);
  EXPECT_EQ(index.size(), entries.size());
  for (const auto& [key, value] : reference) {
    ASSERT_EQ(index.Find(key), std::optional<uint32_t>(value)) << key;
  }
  for (int i = 0; i < 50'000; ++i) {
    const uint64_t key = random();
    if (reference.count(key) == 0) {
      ASSERT_FALSE(index.Find(key).has_value()) << key;
    }
  }
}

TEST(FlatIndexTest, RepeatedKeyKeepsEveryValue) {
  const FlatIndex index({{5, 1}, {9, 2}, {5, 3}, {5, 4}});
  EXPECT_EQ(ValuesUnder(index, 5), (std::vector<uint32_t>{1, 3, 4}));
  EXPECT_EQ(ValuesUnder(index, 9), (std::vector<uint32_t>{2}));
  EXPECT_TRUE(ValuesUnder(index, 6).empty());
}

TEST(FlatIndexTest, KeyZeroIsStoredAndFound) {
  const FlatIndex index({{0, 11}, {2, 12}});
  EXPECT_EQ(index.Find(0), std::optional<uint32_t>(11));
  EXPECT_EQ(index.Find(2), std::optional<uint32_t>(12));
}

TEST(NationalIdKeyTest, CheckCharacterXAndDigitsGiveDistinctKeys) {
  std::set<uint64_t> keys;
  for (const char* id : {"11010519800101001X", "110105198001010010", "110105198001010019",
                         "11010519800101002X", "210105198001010010"}) {
    const std::optional<uint64_t> key = NationalIdKey(id);
    ASSERT_TRUE(key.has_value()) << id;
    EXPECT_TRUE(keys.insert(*key).second) << id;
  }
}

TEST(NationalIdKeyTest, TextNotShapedLikeANationalIdHasNoKey) {
  EXPECT_FALSE(NationalIdKey("").has_value());
  EXPECT_FALSE(NationalIdKey("11010519800101001").has_value());    // 17 characters
  EXPECT_FALSE(NationalIdKey("11010519800101001x").has_value());   // lower-case x
  EXPECT_FALSE(NationalIdKey("1101051980010100A1").has_value());   // a letter inside
  EXPECT_FALSE(NationalIdKey("1101051980010100110").has_value());  // 19 characters
}

TEST(TextKeyTest, DifferentNamesUsuallyDifferAndEqualNamesAgree) {
  EXPECT_EQ(TextKey("张三"), TextKey(std::string("张") + "三"));
  EXPECT_NE(TextKey("张三"), TextKey("张四"));
  EXPECT_NE(TextKey(""), TextKey("a"));
}

}  // namespace
}  // namespace disposal::domain
