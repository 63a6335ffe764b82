// One import or one batch of registry changes that adds an entry twice with different values
// (one national ID typed for two people, two end dates for one role) is refused whole, naming
// both places: applied in order, the later row would silently replace the earlier. Through
// RegistryService against a real PostgreSQL.
#include "support/eligibility_fixture.h"

namespace disposal::testing {
namespace {

using RegistryConflictingAdditionsTest = EligibilityFixture;

TEST_F(RegistryConflictingAdditionsTest, AnImportAddingOnePersonUnderTwoNamesIsRefusedOnItsLines) {
  const std::string id = NationalId("19491231", 2);
  const std::string csv = "person," + id + ",张三\nperson," + NationalId("19800101", 19) +
                          ",李四\nperson," + id + ",王五\n";
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import(csv, &response).ok());
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).line(), 3);
  EXPECT_NE(response.errors(0).reason().find("person " + id + " is added on line 1 too"),
            std::string::npos)
      << response.errors(0).reason();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

TEST_F(RegistryConflictingAdditionsTest, AnImportRepeatingARowAsItWasIsApplied) {
  const std::string id = NationalId("19491231", 2);
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(Import("person," + id + ",张三\nperson," + id + ",张三\n", &response).ok());
  EXPECT_TRUE(response.applied()) << (response.errors_size() ? response.errors(0).reason() : "");
  EXPECT_EQ(db_.Query("SELECT name FROM registry_persons"), "张三");
}

TEST_F(RegistryConflictingAdditionsTest, AnImportRemovingAnEntryBetweenItsTwoAdditionsIsApplied) {
  const std::string id = NationalId("19491231", 2);
  v1::ImportRegistryResponse response;
  ASSERT_TRUE(
      Import("person," + id + ",张三\n-person," + id + ",张三\nperson," + id + ",王五\n", &response)
          .ok());
  EXPECT_TRUE(response.applied()) << (response.errors_size() ? response.errors(0).reason() : "");
  EXPECT_EQ(db_.Query("SELECT name FROM registry_persons"), "王五");
}

TEST_F(RegistryConflictingAdditionsTest, ABatchGivingOneRoleTwoEndDatesIsInvalidArgumentNamingIt) {
  const std::string id = NationalId("19800101", 19);
  v1::ApplyRegistryChangesRequest request;
  v1::RegistryPerson* person = request.add_changes()->mutable_person();
  person->set_national_id(id);
  person->set_name("公务员甲");
  for (int end_year : {2024, 2025}) {
    v1::RoleEntry* role = request.add_changes()->mutable_role();
    role->set_national_id(id);
    role->set_role(v1::PERSON_ROLE_CIVIL_SERVANT);
    role->set_employer("某市财政局");
    *role->mutable_valid_from() = MakeProtoDate(2020, 1, 1);
    *role->mutable_valid_to() = MakeProtoDate(end_year, 12, 31);
  }
  const grpc::Status status = Apply(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("changes[2]: adds role of " + id), std::string::npos)
      << status.error_message();
  EXPECT_NE(status.error_message().find("changes[1] adds too"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(db_.Query("SELECT count(*) FROM registry_persons"), "0");
}

}  // namespace
}  // namespace disposal::testing
