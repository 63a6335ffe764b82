// The ids of the audit chains named otherwise than by a row's id (the registry's, its older
// changes', the calendar years') are the UUIDs PostgreSQL's md5(name)::uuid gives: how the
// first of their events were named, before the server derived them itself.
#include <gtest/gtest.h>

#include "domain/audit_subjects.h"
#include "support/test_database.h"

namespace disposal::testing {
namespace {

class NamedSubjectIdsTest : public ::testing::Test {
 protected:
  std::string PostgresId(const std::string& name) {
    return db_.Query("SELECT md5('" + name + "')::uuid::text");
  }

  TestDatabase db_;
};

TEST_F(NamedSubjectIdsTest, RegistryChainIdIsPostgresMd5OfItsName) {
  EXPECT_EQ(domain::RegistrySubjectId(), PostgresId("registry"));
}

TEST_F(NamedSubjectIdsTest, OlderRegistryChangesIdIsPostgresMd5OfItsVersion) {
  EXPECT_EQ(domain::RegistryVersionSubjectId(7), PostgresId("registry:7"));
  EXPECT_EQ(domain::RegistryVersionSubjectId(1234567890123), PostgresId("registry:1234567890123"));
}

TEST_F(NamedSubjectIdsTest, CalendarYearsIdIsPostgresMd5OfItsYear) {
  EXPECT_EQ(domain::CalendarYearSubjectId(2027), PostgresId("calendar_year:2027"));
  EXPECT_NE(domain::CalendarYearSubjectId(2027), domain::CalendarYearSubjectId(2028));
}

}  // namespace
}  // namespace disposal::testing
