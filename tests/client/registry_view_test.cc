#include "client/registry_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace disposalctl {
namespace {

using disposal::v1::ImportRegistryResponse;

std::string Printed(const ImportRegistryResponse& response) {
  std::ostringstream out;
  PrintImportResponse(response, out);
  return out.str();
}

TEST(RegistryViewTest, PrintsRowsAndVersionWhenApplied) {
  ImportRegistryResponse response;
  response.set_applied(true);
  response.set_rows(1234);
  response.set_registry_version(57);
  EXPECT_EQ(Printed(response), "applied 1234 rows, registry version 57\n");
  response.set_rows(1);
  EXPECT_EQ(Printed(response), "applied 1 row, registry version 57\n");
}

TEST(RegistryViewTest, PrintsEveryRejectedRowOnItsOwnLine) {
  ImportRegistryResponse response;
  response.set_rows(10);
  disposal::v1::RowError* first = response.add_errors();
  first->set_line(3);
  first->set_reason("column 2 (national_id): check character is 3, expected X");
  disposal::v1::RowError* second = response.add_errors();
  second->set_line(9);
  second->set_reason("column 1 (kind): unknown kind \"employee\"\nsecond line");
  EXPECT_EQ(Printed(response),
            "not applied: nothing was changed; 2 rows were rejected:\n"
            "line 3: column 2 (national_id): check character is 3, expected X\n"
            "line 9: column 1 (kind): unknown kind \"employee\" second line\n");
}

TEST(RegistryViewTest, SaysWhenTheListIsCutOrEmpty) {
  ImportRegistryResponse response;
  EXPECT_EQ(Printed(response),
            "not applied: nothing was changed (the server listed no rejected rows)\n");
  for (int i = 0; i < 1000; ++i) response.add_errors()->set_line(i + 1);
  EXPECT_NE(Printed(response).find("1000 rows were rejected (the first 1000):\n"),
            std::string::npos);
}

}  // namespace
}  // namespace disposalctl
