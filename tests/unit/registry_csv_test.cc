#include "domain/registry_csv.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/date.h"
#include "domain/identifiers.h"

namespace disposal::domain {
namespace {

// Check characters computed from the standards' text (GB 11643, GB 32100), not by the code
// under test, so that a bug there cannot make these fixtures agree with it.
std::string NationalId(const std::string& first17) {
  const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  const std::string by_remainder = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return first17 + by_remainder[sum % 11];
}

std::string CreditCode(const std::string& first17) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(alphabet.find(first17[i])) * weights[i];
  return first17 + alphabet[(31 - sum % 31) % 31];
}

const std::string kZhang = NationalId("11010519800101001");
const std::string kLi = NationalId("11010519820202002");
const std::string kCompany = CreditCode("91110000100000000");
const std::string kDisposal = "3d5e7f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

// The date the parser is told it is.
constexpr Date kToday{2026, 11, 28};

int64_t Day(int year, int month, int day) { return DaysFromCivil(Date{year, month, day}); }

// The entry of an accepted change, copied out of the result (often a temporary).
template <typename T>
T Entry(const Result<RegistryChange>& result) {
  if (!result.ok()) {
    ADD_FAILURE() << "refused: " << result.error().Message();
    return T{};
  }
  if (!std::holds_alternative<T>(result.value().entry)) {
    ADD_FAILURE() << "parsed as another kind of entry";
    return T{};
  }
  return std::get<T>(result.value().entry);
}

// Refused with InvalidArgument, no field, and a reason starting with `prefix`.
::testing::AssertionResult RefusedWith(const std::string& line, const std::string& prefix) {
  const Result<RegistryChange> result = ParseRegistryCsvLine(line, kToday);
  if (result.ok()) return ::testing::AssertionFailure() << "accepted: " << line;
  const Error& error = result.error();
  if (error.code != ErrorCode::kInvalidArgument || !error.field.empty() ||
      error.reason.rfind(prefix, 0) != 0) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

TEST(RegistryCsvTest, ParsesPersons) {
  const auto plain =
      Entry<RegistryPersonChange>(ParseRegistryCsvLine("person," + kZhang + ",张三", kToday));
  EXPECT_EQ(plain.national_id, kZhang);
  EXPECT_EQ(plain.name, "张三");
  EXPECT_FALSE(plain.declared_incapacitated);
  const auto flagged =
      Entry<RegistryPersonChange>(ParseRegistryCsvLine("person," + kZhang + ",张三,1", kToday));
  EXPECT_TRUE(flagged.declared_incapacitated);
}

TEST(RegistryCsvTest, ParsesOrganizationsWithAnyPrefixOfTheirFlags) {
  const auto full = Entry<OrganizationEntry>(
      ParseRegistryCsvLine("organization," + kCompany + ",某资产管理公司,1,1,0", kToday));
  EXPECT_EQ(full.credit_code, kCompany);
  EXPECT_EQ(full.name, "某资产管理公司");
  EXPECT_TRUE(full.financial_institution);
  EXPECT_TRUE(full.state_owned);
  EXPECT_FALSE(full.deregistered);
  const auto bare = Entry<OrganizationEntry>(
      ParseRegistryCsvLine("organization," + kCompany + ",某公司", kToday));
  EXPECT_FALSE(bare.financial_institution || bare.state_owned || bare.deregistered);
  const auto blank_flags = Entry<OrganizationEntry>(
      ParseRegistryCsvLine("organization," + kCompany + ",某公司,,,1", kToday));
  EXPECT_TRUE(blank_flags.deregistered);
  EXPECT_FALSE(blank_flags.financial_institution);
}

TEST(RegistryCsvTest, ParsesRolesWithOpenAndClosedPeriods) {
  const auto open = Entry<RegistryRoleChange>(ParseRegistryCsvLine(
      "role," + kZhang + ",appraisal_agency_head,某评估公司,," + "2020-01-01", kToday));
  EXPECT_EQ(open.national_id, kZhang);
  EXPECT_EQ(open.role.role, PersonRole::kAppraisalAgencyHead);
  EXPECT_EQ(open.role.employer, "某评估公司");
  EXPECT_EQ(open.role.employer_credit_code, "");
  EXPECT_EQ(open.role.valid.from_day, Day(2020, 1, 1));
  EXPECT_EQ(open.role.valid.to_day, kOpenEnded);
  const auto closed = Entry<RegistryRoleChange>(ParseRegistryCsvLine(
      "role," + kZhang + ",debtor_management,某国有企业," + kCompany + ",2020-01-01,2021-06-30",
      kToday));
  EXPECT_EQ(closed.role.role, PersonRole::kDebtorManagement);
  EXPECT_EQ(closed.role.employer_credit_code, kCompany);
  EXPECT_EQ(closed.role.valid.to_day, Day(2021, 6, 30));
  const auto empty_end = Entry<RegistryRoleChange>(
      ParseRegistryCsvLine("role," + kZhang + ",civil_servant,某市财政局,,2020-01-01,", kToday));
  EXPECT_EQ(empty_end.role.valid.to_day, kOpenEnded);
}

TEST(RegistryCsvTest, ParsesRelationsInTheirDirection) {
  const auto relation = Entry<RegistryRelationChange>(
      ParseRegistryCsvLine("relation," + kZhang + ",parent," + kLi, kToday));
  EXPECT_EQ(relation.national_id, kZhang);
  EXPECT_EQ(relation.kind, RelationKind::kParent);
  EXPECT_EQ(relation.other_national_id, kLi);
  EXPECT_EQ(Entry<RegistryRelationChange>(
                ParseRegistryCsvLine("relation," + kZhang + ",grandchild," + kLi, kToday))
                .kind,
            RelationKind::kGrandchild);
}

TEST(RegistryCsvTest, AcceptsPercentsFromTheSmallestStoredToAHundred) {
  for (const std::string percent : {"0.0001", "4.5", "30", "99.9999", "100", "100.0000"}) {
    const auto parsed = ParseRegistryCsvLine(
        "participation," + kZhang + "," + kCompany + ",shareholder," + percent + ",2020-01-01",
        kToday);
    EXPECT_TRUE(parsed.ok()) << percent << ": " << parsed.error().Message();
  }
}

TEST(RegistryCsvTest, ParsesParticipationsWithAndWithoutPercent) {
  const auto shares = Entry<RegistryParticipationChange>(ParseRegistryCsvLine(
      "participation," + kZhang + "," + kCompany + ",shareholder,30,2019-03-01,2022-12-31",
      kToday));
  EXPECT_EQ(shares.national_id, kZhang);
  EXPECT_EQ(shares.credit_code, kCompany);
  EXPECT_EQ(shares.kind, ParticipationKind::kShareholder);
  EXPECT_EQ(shares.percent, "30");
  EXPECT_EQ(shares.valid.from_day, Day(2019, 3, 1));
  EXPECT_EQ(shares.valid.to_day, Day(2022, 12, 31));
  const auto director = Entry<RegistryParticipationChange>(ParseRegistryCsvLine(
      "participation," + kZhang + "," + kCompany + ",actual_controller,,2019-03-01", kToday));
  EXPECT_EQ(director.kind, ParticipationKind::kActualController);
  EXPECT_EQ(director.percent, "");
  EXPECT_EQ(director.valid.to_day, kOpenEnded);
}

TEST(RegistryCsvTest, ParsesEngagementsAndListEntries) {
  const auto engagement = Entry<RegistryEngagementChange>(
      ParseRegistryCsvLine("engagement," + kDisposal + "," + kZhang + ",appraiser", kToday));
  EXPECT_EQ(engagement.disposal_id, kDisposal);
  EXPECT_EQ(engagement.national_id, kZhang);
  EXPECT_EQ(engagement.role, PersonRole::kAppraiser);
  const auto list = Entry<RegistryListChange>(ParseRegistryCsvLine(
      "list,dishonest_judgment_debtor," + kCompany + ",最高人民法院失信被执行人名单,2026-11-01",
      kToday));
  EXPECT_EQ(list.kind, ListKind::kDishonestJudgmentDebtor);
  EXPECT_EQ(list.identifier, kCompany);
  EXPECT_EQ(list.source, "最高人民法院失信被执行人名单");
  EXPECT_EQ(list.list_version, "2026-11-01");
  EXPECT_EQ(Entry<RegistryListChange>(
                ParseRegistryCsvLine("list,sanctions," + kZhang + ",OFAC SDN,2026-10", kToday))
                .kind,
            ListKind::kSanctions);
}

TEST(RegistryChangeTest, AListEntryWithAMistypedNationalIdIsNamedAsANationalId) {
  RegistryListChange entry;
  entry.identifier = "110105194912310021";  // the check character should be X
  entry.source = "OFAC SDN";
  entry.list_version = "2026-10";
  const Status status = ValidateRegistryChange(RegistryChange{entry, false}, "changes[0]");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "changes[0].list_entry.identifier.national_id");
  EXPECT_EQ(status.error().reason, "check character is 1, expected X");
}

TEST(RegistryChangeTest, AnOrganizationWithAMistypedCreditCodeIsNamedByItsFieldOnce) {
  OrganizationEntry organization;
  organization.credit_code = kCompany.substr(0, 17) + (kCompany[17] == '0' ? "1" : "0");
  organization.name = "某公司";
  const Status status = ValidateRegistryChange(RegistryChange{organization, false}, "changes[0]");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "changes[0].organization.credit_code");
  EXPECT_NE(status.error().reason.find("check character"), std::string::npos)
      << status.error().reason;
}

// An entry stored under older check-character rules can still be taken out: a removal names
// what is stored, so only its shape is checked.
TEST(RegistryChangeTest, ARemovalNamingAnIdOfTheStoredShapeIsAcceptedWhateverItsCheckCharacter) {
  RegistryRoleChange role;
  role.national_id = "110105194912310021";  // the check character should be X
  role.role.role = PersonRole::kCivilServant;
  EXPECT_FALSE(ValidateRegistryChange(RegistryChange{role, false}, "changes[0]").ok());
  const Status removal = ValidateRegistryChange(RegistryChange{role, true}, "changes[0]");
  EXPECT_TRUE(removal.ok()) << removal.error().Message();
}

TEST(RegistryChangeTest, ARemovalNamingSomethingNotShapedAsAnIdIsStillRefused) {
  RegistryRoleChange role;
  role.national_id = "11010519491231002";  // 17 characters
  role.role.role = PersonRole::kCivilServant;
  const Status removal = ValidateRegistryChange(RegistryChange{role, true}, "changes[0]");
  ASSERT_FALSE(removal.ok());
  EXPECT_EQ(removal.error().field, "changes[0].role.national_id");
}

TEST(RegistryChangeTest, AListEntryForAnOrganisationWhoseCreditCodeIsAllDigitsIsAccepted) {
  RegistryListChange entry;
  entry.identifier = "911100001000044477";  // a valid credit code, no valid national ID
  ASSERT_TRUE(ValidateCreditCode(entry.identifier).ok());
  entry.source = "最高人民法院失信被执行人名单";
  entry.list_version = "2026-11-01";
  const Status status = ValidateRegistryChange(RegistryChange{entry, false}, "changes[0]");
  EXPECT_TRUE(status.ok()) << status.error().field << ": " << status.error().reason;
}

TEST(RegistryCsvTest, QuotedFieldsMayHoldCommasAndQuotes) {
  const auto organization = Entry<OrganizationEntry>(ParseRegistryCsvLine(
      "organization,\"" + kCompany + "\",\"某资产管理公司,北京分公司 \"\"东区\"\"\",\"1\"",
      kToday));
  EXPECT_EQ(organization.credit_code, kCompany);
  EXPECT_EQ(organization.name, "某资产管理公司,北京分公司 \"东区\"");
  EXPECT_TRUE(organization.financial_institution);
  const auto empty_quoted = Entry<RegistryRoleChange>(
      ParseRegistryCsvLine("role," + kZhang + ",lawyer,\"\",\"\",2020-01-01", kToday));
  EXPECT_EQ(empty_quoted.role.employer, "");
}

TEST(RegistryCsvTest, TrailingCarriageReturnAndByteOrderMarkAreIgnored) {
  EXPECT_EQ(
      Entry<RegistryPersonChange>(ParseRegistryCsvLine("person," + kZhang + ",张三\r", kToday))
          .name,
      "张三");
  EXPECT_EQ(Entry<RegistryPersonChange>(
                ParseRegistryCsvLine("\xEF\xBB\xBFperson," + kZhang + ",\"张三\"\r", kToday))
                .name,
            "张三");
}

TEST(RegistryCsvTest, LeadingMinusRemoves) {
  const Result<RegistryChange> removed =
      ParseRegistryCsvLine("-relation," + kZhang + ",spouse," + kLi, kToday);
  ASSERT_TRUE(removed.ok()) << removed.error().Message();
  EXPECT_TRUE(removed.value().remove);
  EXPECT_TRUE(std::holds_alternative<RegistryRelationChange>(removed.value().entry));
  const Result<RegistryChange> added =
      ParseRegistryCsvLine("relation," + kZhang + ",spouse," + kLi, kToday);
  ASSERT_TRUE(added.ok()) << added.error().Message();
  EXPECT_FALSE(added.value().remove);
}

TEST(RegistryCsvTest, RefusesUnknownKinds) {
  EXPECT_TRUE(
      RefusedWith("employee," + kZhang + ",张三", "column 1 (kind): unknown kind \"employee\""));
  EXPECT_TRUE(RefusedWith("Person," + kZhang + ",张三", "column 1 (kind): unknown kind"));
  EXPECT_TRUE(RefusedWith("--person," + kZhang + ",张三", "column 1 (kind): unknown kind"));
}

TEST(RegistryCsvTest, RefusesWrongColumnCounts) {
  EXPECT_TRUE(RefusedWith("person," + kZhang, "column 3 (name): missing; person rows have 3 to 4"));
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",张三,0,extra", "column 5: unexpected"));
  EXPECT_TRUE(RefusedWith("relation," + kZhang + ",spouse",
                          "column 4 (other_national_id): missing; relation rows have 4 columns"));
  EXPECT_TRUE(RefusedWith("role," + kZhang + ",lawyer,某律所,", "column 6 (valid_from): missing"));
  EXPECT_TRUE(RefusedWith("engagement," + kDisposal + "," + kZhang + ",appraiser,",
                          "column 5: unexpected"));
}

// A line of a million commas is refused as too wide, not split into a million strings first.
TEST(RegistryCsvTest, ALineOfVeryManyColumnsIsRefusedAsTooWide) {
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",张三" + std::string(1'000'000, ','),
                          "column 5: unexpected; person rows have 3 to 4 columns, got more "
                          "than 7"));
}

TEST(RegistryCsvTest, ARowWiderThanItsKindButNoWiderThanAnyKindSaysHowManyColumnsItHas) {
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",张三,0,x,y",
                          "column 5: unexpected; person rows have 3 to 4 columns, got 6"));
}

TEST(RegistryCsvTest, RefusesMalformedQuoting) {
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",\"张三", "column 3: the opening quote is never"));
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",\"张\"三", "column 3: text after the closing"));
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",张\"三\"", "column 3: a quote inside"));
}

TEST(RegistryCsvTest, RefusesBadValuesNamingTheColumn) {
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",张三,yes",
                          "column 4 (declared_incapacitated): must be 0 or 1, got \"yes\""));
  EXPECT_TRUE(RefusedWith("organization," + kCompany + ",某公司,0,2",
                          "column 5 (state_owned): must be 0 or 1"));
  EXPECT_TRUE(
      RefusedWith("role," + kZhang + ",judge,某法院,,2020-01-01",
                  "column 3 (role): unknown value \"judge\"; expected one of civil_servant"));
  // An error message echoes at most the value's first 40 characters, however long it is: a file
  // of such rows must not make the answer listing them too large to send.
  const Result<RegistryChange> long_role = ParseRegistryCsvLine(
      "role," + kZhang + "," + std::string(100'000, 'a') + ",某法院,,2020-01-01", kToday);
  ASSERT_FALSE(long_role.ok());
  EXPECT_LT(long_role.error().Message().size(), 400u) << long_role.error().Message().substr(0, 400);
  EXPECT_TRUE(RefusedWith("relation," + kZhang + ",cousin," + kLi, "column 3 (relation_kind)"));
  EXPECT_TRUE(RefusedWith("participation," + kZhang + "," + kCompany + ",owner,,2020-01-01",
                          "column 4 (participation_kind)"));
  EXPECT_TRUE(RefusedWith("list,blacklist," + kZhang + ",x,1", "column 2 (list_kind)"));
  EXPECT_TRUE(RefusedWith("role," + kZhang + ",lawyer,某律所,,2020/01/01",
                          "column 6 (valid_from): '2020/01/01' is not a date"));
  EXPECT_TRUE(RefusedWith("role," + kZhang + ",lawyer,某律所,,2020-01-01,2021-02-30",
                          "column 7 (valid_to): 2021-02-30 is not a real date"));
}

TEST(RegistryCsvTest, ValidationErrorsNameTheColumn) {
  std::string bad_check = kZhang;
  bad_check.back() = bad_check.back() == '3' ? '4' : '3';
  const std::string expected_check(1, kZhang.back());
  EXPECT_TRUE(RefusedWith("person," + bad_check + ",张三",
                          "column 2 (national_id): check character is " +
                              std::string(1, bad_check.back()) + ", expected " + expected_check));
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",", "column 3 (name): is required"));
  EXPECT_TRUE(RefusedWith("relation," + kZhang + ",spouse," + kZhang,
                          "column 4 (other_national_id): is the same person"));
  EXPECT_TRUE(RefusedWith("relation," + kZhang + ",spouse,123", "column 4 (other_national_id)"));
  EXPECT_TRUE(RefusedWith("role," + kZhang + ",debtor_management,某国企,,2020-01-01",
                          "column 5 (employer_credit_code)"));
  EXPECT_TRUE(RefusedWith("role," + kZhang + ",lawyer,某律所,,2021-01-01,2020-01-01",
                          "column 7 (valid_to): is before valid_from"));
  EXPECT_TRUE(
      RefusedWith("participation," + kZhang + "," + kCompany + ",shareholder,130,2020-01-01",
                  "column 5 (percent)"));
  EXPECT_TRUE(
      RefusedWith("participation," + kZhang + "," + kCompany + ",shareholder,30%,2020-01-01",
                  "column 5 (percent)"));
  EXPECT_TRUE(
      RefusedWith("participation," + kZhang + "," + kCompany + ",shareholder,0.00001,2020-01-01",
                  "column 5 (percent)"));
  EXPECT_TRUE(RefusedWith("participation," + kZhang + "," + kCompany + ",shareholder,0,2020-01-01",
                          "column 5 (percent)"));
  EXPECT_TRUE(
      RefusedWith("participation," + kZhang + "," + kCompany + ",shareholder,100.01,2020-01-01",
                  "column 5 (percent)"));
  EXPECT_TRUE(RefusedWith("person," + kZhang + ",\xD5\xC5\xC8\xFD", "not UTF-8"));
  EXPECT_TRUE(RefusedWith("participation," + kZhang + ",91110000100000000A,director,,2020-01-01",
                          "column 3 (credit_code)"));
  EXPECT_TRUE(RefusedWith("engagement,not-a-uuid," + kZhang + ",lawyer", "column 2 (disposal_id)"));
  EXPECT_TRUE(
      RefusedWith("engagement," + kDisposal + "," + kZhang + ",civil_servant", "column 4 (role)"));
  EXPECT_TRUE(RefusedWith("list,sanctions," + kZhang + ",,2026-10", "column 4 (source)"));
}

// 36 characters is not enough: the database's uuid cast would refuse the whole import later,
// without the line number.
TEST(RegistryCsvTest, EngagementDisposalOfUuidLengthButNotAUuidIsRefusedWithItsColumn) {
  EXPECT_TRUE(RefusedWith("engagement,zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz," + kZhang + ",lawyer",
                          "column 2 (disposal_id): must be a UUID"));
}

TEST(RegistryCsvTest, PersonBornAfterTodayIsRefusedWithItsColumnAndBornTodayIsAccepted) {
  const std::string tomorrow = NationalId(
      "110105"
      "20261129"
      "001");
  EXPECT_TRUE(RefusedWith("person," + tomorrow + ",张三",
                          "column 2 (national_id): birth date 20261129 is in the future"));
  // A list entry's identifier is a person's only where it is not also a valid credit code
  // (as the first one happens to be).
  const std::string listed_tomorrow = NationalId(
      "110105"
      "20261129"
      "002");
  ASSERT_FALSE(ValidateCreditCode(listed_tomorrow).ok());
  EXPECT_TRUE(RefusedWith("list,sanctions," + listed_tomorrow + ",OFAC SDN,2026-10",
                          "column 3 (identifier): birth date 20261129 is in the future"));
  const std::string today = NationalId(
      "110105"
      "20261128"
      "001");
  EXPECT_EQ(Entry<RegistryPersonChange>(ParseRegistryCsvLine("person," + today + ",张三", kToday))
                .national_id,
            today);
  // A removal of such an entry passes, so that one stored earlier can be taken out.
  EXPECT_TRUE(ParseRegistryCsvLine("-person," + tomorrow + ",张三", kToday).ok());
}

// Some all-digit credit codes also read as national IDs of people born centuries ahead: such a
// list entry names an organisation (as its validation decides) and has no birth date to check.
TEST(RegistryCsvTest, ListEntryOfCreditCodeThatAlsoReadsAsFutureBornNationalIdIsAccepted) {
  const std::string code = "913203241401093151";  // region 320324, organisation 14010931-5
  ASSERT_TRUE(ValidateCreditCode(code).ok());
  ASSERT_TRUE(ValidateNationalId(code).ok());           // "born" 2414-01-09
  ASSERT_FALSE(ValidateNationalId(code, kToday).ok());  // so, as a person, in the future
  EXPECT_EQ(
      Entry<RegistryListChange>(
          ParseRegistryCsvLine("list,dishonest_judgment_debtor," + code + ",court,2026-10", kToday))
          .identifier,
      code);
}

// Counted in characters (200), not bytes: a Latin name has no more room than a Chinese one.
TEST(RegistryCsvTest, NameOfTwoHundredCharactersIsAcceptedAndOneMoreIsRefused) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "张";
  EXPECT_EQ(
      Entry<RegistryPersonChange>(ParseRegistryCsvLine("person," + kZhang + "," + name, kToday))
          .name,
      name);
  EXPECT_TRUE(RefusedWith("person," + kZhang + "," + name + "三", "column 3 (name)"));
  EXPECT_TRUE(RefusedWith("person," + kZhang + "," + std::string(201, 'a'), "column 3 (name)"));
}

TEST(RegistryCsvTest, SkipsBlankAndCommentLines) {
  EXPECT_TRUE(IsRegistryCsvSkippable(""));
  EXPECT_TRUE(IsRegistryCsvSkippable("\r"));
  EXPECT_TRUE(IsRegistryCsvSkippable("  \t "));
  EXPECT_TRUE(IsRegistryCsvSkippable("# kind,national_id,name"));
  EXPECT_TRUE(IsRegistryCsvSkippable("   # indented comment"));
  EXPECT_TRUE(IsRegistryCsvSkippable("\xEF\xBB\xBF# exported by Excel"));
  EXPECT_FALSE(IsRegistryCsvSkippable("person," + kZhang + ",张三"));
  EXPECT_FALSE(IsRegistryCsvSkippable(","));
  EXPECT_FALSE(IsRegistryCsvSkippable("person,#1"));
}

// Records and the lines they start on, as a CsvRecordSplitter fed `pieces` gives them.
std::vector<std::pair<std::string, int64_t>> Records(const std::vector<std::string>& pieces) {
  std::vector<std::pair<std::string, int64_t>> records;
  CsvRecordSplitter splitter;
  const CsvRecordSplitter::Take take = [&](const std::string& record, int64_t line) {
    records.emplace_back(record, line);
  };
  for (const std::string& piece : pieces) splitter.Feed(piece, take);
  splitter.Finish(take);
  return records;
}

using RecordList = std::vector<std::pair<std::string, int64_t>>;

// A spreadsheet cell of two lines is exported as one quoted field holding the line break.
TEST(CsvRecordSplitterTest, LineBreakInsideAQuotedFieldStaysInTheRecord) {
  const std::string text = "organization,X,\"某公司\n北京分公司\",1\nperson,Y,张三\nperson,Z,李四";
  EXPECT_EQ(Records({text}), (RecordList{{"organization,X,\"某公司\n北京分公司\",1", 1},
                                         {"person,Y,张三", 3},
                                         {"person,Z,李四", 4}}));
  EXPECT_TRUE(
      ParseRegistryCsvLine("organization," + kCompany + ",\"某公司\n北京分公司\",1", kToday).ok());
}

TEST(CsvRecordSplitterTest, RecordsSpanningPiecesComeOutWhole) {
  const std::string text = "a,\"x\"\"\ny\",b\r\nc,d\n";
  std::vector<std::string> bytes;
  for (char c : text) bytes.emplace_back(1, c);
  const RecordList expected = {{"a,\"x\"\"\ny\",b\r", 1}, {"c,d", 3}};
  EXPECT_EQ(Records(bytes), expected);
  EXPECT_EQ(Records({text}), expected);
}

// A comment is one line whatever quotes it holds: a quote in it must not join the rows after
// it to the comment, which would then be skipped with them.
TEST(CsvRecordSplitterTest, AQuoteInACommentDoesNotSwallowTheNextLines) {
  EXPECT_EQ(
      Records({"#note,\"draft\nperson,Y,张三\n  # \"another\nperson,Z,李四\n"}),
      (RecordList{
          {"#note,\"draft", 1}, {"person,Y,张三", 2}, {"  # \"another", 3}, {"person,Z,李四", 4}}));
}

// A spreadsheet's byte order mark comes before the first field: a quote after it still opens
// that field, as the parser reads it.
TEST(CsvRecordSplitterTest, AQuotedFirstFieldAfterAByteOrderMarkIsQuoted) {
  EXPECT_EQ(Records({"\xEF\xBB\xBF\"person\",Y,\"张\n三\"\nperson,Z,李四"}),
            (RecordList{{"\xEF\xBB\xBF\"person\",Y,\"张\n三\"", 1}, {"person,Z,李四", 3}}));
}

TEST(CsvRecordSplitterTest, AnUnclosedQuoteTakesTheRestIntoOneRecordTheParserRefuses) {
  const RecordList records = Records({"person,Y,\"张三\nperson,Z,李四\n"});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].second, 1);
  EXPECT_FALSE(ParseRegistryCsvLine(records[0].first, kToday).ok());
}

// A quote opens a field only at its start: one inside an unquoted field is the parser's to
// refuse on its own line, and must not swallow the lines after it.
TEST(CsvRecordSplitterTest, StrayQuoteInsideAFieldDoesNotSwallowTheNextLines) {
  EXPECT_EQ(Records({"person,Y,张\"三\nperson,Z,李四\n"}),
            (RecordList{{"person,Y,张\"三", 1}, {"person,Z,李四", 2}}));
}

}  // namespace
}  // namespace disposal::domain
