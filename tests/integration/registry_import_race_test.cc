// An import whose rows were checked against the registry, then raced by another caller's
// removal of a person a row refers to before the import is applied: the database refuses the
// reference, nothing is applied, and the import still names the row by its line, as the check
// would have. Real PostgreSQL.
#include <functional>
#include <memory>

#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

// The registry's store, running a hook just before an import's changes are applied.
class RacedRegistryRepository : public store::PgRegistryRepository {
 public:
  using store::PgRegistryRepository::PgRegistryRepository;

  Result<int64_t> ApplyChanges(const std::vector<domain::RegistryChange>& changes,
                               const domain::RequestKey& key,
                               const domain::AuditContext& audit) override {
    if (before_apply) std::exchange(before_apply, nullptr)();
    return store::PgRegistryRepository::ApplyChanges(changes, key, audit);
  }

  std::function<void()> before_apply;
};

class RegistryImportRaceTest : public EligibilityFixture {
 protected:
  std::unique_ptr<store::PgRegistryRepository> MakeRegistryRepository() override {
    auto repository = std::make_unique<RacedRegistryRepository>(db_.database());
    raced_ = repository.get();
    return repository;
  }

  RacedRegistryRepository* raced_ = nullptr;
};

TEST_F(RegistryImportRaceTest, APersonRemovedAfterTheRowsWereCheckedIsNamedByItsLine) {
  const std::string person = NationalId("19800101", 41);
  v1::ImportRegistryResponse registered;
  ASSERT_TRUE(Import("person," + person + ",甲\n", &registered).ok());
  ASSERT_TRUE(registered.applied());
  raced_->before_apply = [&] {
    v1::ImportRegistryResponse removed;
    raced_->before_apply = nullptr;  // the removal's own apply runs no hook
    ASSERT_TRUE(Import("-person," + person + ",甲\n", &removed).ok());
    ASSERT_TRUE(removed.applied());
  };

  v1::ImportRegistryResponse response;
  const grpc::Status status =
      Import("# a comment\nrole," + person + ",lawyer,某律所,,2020-01-01\n", &response);

  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 2);
  EXPECT_NE(response.errors(0).reason().find(person), std::string::npos)
      << response.errors(0).reason();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_roles"), "0");
}

}  // namespace
}  // namespace disposal::testing
