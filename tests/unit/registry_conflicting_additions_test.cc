// Additions of one entry with different values in one batch of registry changes.
#include <gtest/gtest.h>

#include "domain/registry_repository.h"

namespace disposal::domain {
namespace {

RegistryChange ListEntry(const std::string& identifier, const std::string& version,
                         bool remove = false) {
  RegistryChange change;
  change.entry = RegistryListChange{ListKind::kDishonestJudgmentDebtor, identifier,
                                    "最高人民法院失信被执行人名单", version};
  change.remove = remove;
  return change;
}

RegistryChange Relation(const std::string& person, const std::string& other) {
  RegistryChange change;
  change.entry = RegistryRelationChange{person, RelationKind::kSpouse, other};
  return change;
}

constexpr char kId[] = "11010519491231002X";

TEST(ConflictingAdditions, AListEntryAddedTwiceWithOtherValuesIsFoundAtItsSecondAddition) {
  const auto found = FindConflictingAdditions(
      {ListEntry(kId, "2026-10-01"), ListEntry("110105198001010019", "2026-10-01"),
       ListEntry(kId, "2026-11-01")},
      10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].change, 2u);
  EXPECT_EQ(found[0].earlier, 0u);
  EXPECT_EQ(found[0].entry, std::string("list entry of ") + kId + " (the same list)");
}

TEST(ConflictingAdditions, TheSameEntryWithTheSameValuesTwiceIsNone) {
  EXPECT_TRUE(
      FindConflictingAdditions({ListEntry(kId, "2026-10-01"), ListEntry(kId, "2026-10-01")}, 10)
          .empty());
}

TEST(ConflictingAdditions, AnAdditionAfterTheEntrysRemovalIsNone) {
  EXPECT_TRUE(FindConflictingAdditions(
                  {ListEntry(kId, "2026-10-01"), ListEntry(kId, "2026-10-01", /*remove=*/true),
                   ListEntry(kId, "2026-11-01")},
                  10)
                  .empty());
}

TEST(ConflictingAdditions, RelationsHoldNothingButTheirKeyAndNeverConflict) {
  EXPECT_TRUE(FindConflictingAdditions(
                  {Relation(kId, "110105198001010019"), Relation(kId, "110105198001010019")}, 10)
                  .empty());
}

TEST(ConflictingAdditions, NoMoreThanTheBoundAreFound) {
  std::vector<RegistryChange> changes{ListEntry(kId, "v0")};
  for (int i = 1; i <= 5; ++i) changes.push_back(ListEntry(kId, "v" + std::to_string(i)));
  EXPECT_EQ(FindConflictingAdditions(changes, 3).size(), 3u);
}

}  // namespace
}  // namespace disposal::domain
