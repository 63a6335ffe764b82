#include "client/registry_view.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "proto_dates.h"

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
  // The server lists at most 1,000: as many listed is a lower bound, not a count.
  EXPECT_NE(Printed(response).find("at least 1000 rows were rejected (only the first 1000 are "
                                   "listed):\n"),
            std::string::npos)
      << Printed(response);
}

std::string PrintedParty(const disposal::v1::RegistryParty& party) {
  std::ostringstream out;
  PrintRegistryParty(party, out);
  return out.str();
}

TEST(RegistryViewTest, APersonIsPrintedWithATablePerKindOfEntryAndEachEntrysKey) {
  disposal::v1::RegistryParty party;
  party.set_registry_version(57);
  party.mutable_person()->set_national_id("11010519491231002X");
  party.mutable_person()->set_name("张三");
  auto* role = party.add_roles();
  role->set_national_id("11010519491231002X");
  role->set_role(disposal::v1::PERSON_ROLE_APPRAISER);
  role->set_employer("某评估公司");
  *role->mutable_valid_from() = Day(2015, 3, 1);
  *role->mutable_valid_to() = Day(2025, 6, 30);
  auto* share = party.add_participations();
  share->set_national_id("11010519491231002X");
  share->set_credit_code("91110000100000000R");
  share->set_kind(disposal::v1::PARTICIPATION_KIND_SHAREHOLDER);
  share->mutable_percent()->set_value("30.5");
  *share->mutable_valid_from() = Day(2019, 3, 1);
  const std::string text = PrintedParty(party);
  EXPECT_NE(text.find("person            11010519491231002X  张三\n"), std::string::npos) << text;
  EXPECT_NE(text.find("registry version  57\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nRoles\n"), std::string::npos) << text;
  EXPECT_NE(text.find("appraiser"), std::string::npos) << text;
  EXPECT_NE(text.find("2015-03-01  2025-06-30"), std::string::npos) << text;
  EXPECT_NE(text.find("\nParticipations\n"), std::string::npos) << text;
  // The number of percent as `registry apply` takes it back (30.5, never "30.5%": 0.305).
  EXPECT_NE(text.find(" 30.5 "), std::string::npos) << text;
  EXPECT_EQ(text.find("30.5%"), std::string::npos) << text;
  EXPECT_NE(text.find("(open)"), std::string::npos) << "the participation lasts: " << text;
  EXPECT_EQ(text.find("Relations"), std::string::npos) << "no relations, no table: " << text;
  EXPECT_EQ(text.find("more than 1000"), std::string::npos) << text;
}

TEST(RegistryViewTest, AnOrganisationShowsItsFlagsAndATruncatedListSaysSo) {
  disposal::v1::RegistryParty party;
  party.mutable_organization()->set_credit_code("91110000100000000R");
  party.mutable_organization()->set_name("某投资公司");
  party.mutable_organization()->set_state_owned(true);
  party.mutable_organization()->set_deregistered(true);
  for (int i = 0; i < 1000; ++i) {
    auto* director = party.add_participations();
    director->set_national_id("110105196001010010");
    director->set_kind(disposal::v1::PARTICIPATION_KIND_DIRECTOR);
  }
  party.set_truncated(true);
  const std::string text = PrintedParty(party);
  EXPECT_NE(text.find("organisation      91110000100000000R  某投资公司  (state-owned, "
                      "deregistered)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("(more than 1000 participations: the first 1000 by key are shown)"),
            std::string::npos)
      << text.substr(text.size() - 200);
}

TEST(RegistryViewTest, AnIdentifierOnlyAListNamesIsPrintedAsNotRegistered) {
  disposal::v1::RegistryParty party;
  auto* listed = party.add_list_entries();
  listed->set_kind(disposal::v1::LIST_KIND_DISHONEST_JUDGMENT_DEBTOR);
  listed->set_identifier("110105198001010112");
  listed->set_source("最高人民法院失信被执行人名单");
  listed->set_list_version("2026-11-01");
  const std::string text = PrintedParty(party);
  EXPECT_NE(text.find("not registered"), std::string::npos) << text;
  EXPECT_NE(text.find("dishonest-judgment-debtor"), std::string::npos) << text;
}

}  // namespace
}  // namespace disposalctl
