#include "domain/identifiers.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace disposal::domain {
namespace {

// The check characters computed here follow the standards' text directly (GB 11643-1999, GB
// 32100-2015) and do not call the code under test.
char ReferenceNationalIdCheck(const std::string& first17) {
  const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  const char by_remainder[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return by_remainder[sum % 11];
}

const std::string kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char ReferenceCreditCodeCheck(const std::string& first17) {
  const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i)
    sum += static_cast<int>(kCreditAlphabet.find(first17[i])) * weights[i];
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

// A national ID for the given birth date and 3-digit sequence, with a correct check character.
std::string MakeNationalId(const std::string& region, const std::string& yyyymmdd,
                           const std::string& sequence) {
  const std::string first17 = region + yyyymmdd + sequence;
  return first17 + ReferenceNationalIdCheck(first17);
}

template <typename T>
::testing::AssertionResult RefusedWith(const Result<T>& result, const std::string& field,
                                       const std::string& part) {
  if (result.ok()) return ::testing::AssertionFailure() << "accepted";
  const Error& error = result.error();
  if (error.code != ErrorCode::kInvalidArgument || error.field != field ||
      error.reason.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "unexpected error: " << error.Message();
  }
  return ::testing::AssertionSuccess();
}

TEST(NationalIdTest, AcceptsTheStandardsExamplesAndReadsBirthDateAndSex) {
  const Result<NationalIdInfo> beijing = ValidateNationalId("11010519491231002X");
  ASSERT_TRUE(beijing.ok()) << beijing.error().Message();
  EXPECT_EQ(beijing.value().birth_date, (Date{1949, 12, 31}));
  EXPECT_FALSE(beijing.value().male);  // 17th digit 2

  const Result<NationalIdInfo> guangdong = ValidateNationalId("440524188001010014");
  ASSERT_TRUE(guangdong.ok()) << guangdong.error().Message();
  EXPECT_EQ(guangdong.value().birth_date, (Date{1880, 1, 1}));
  EXPECT_TRUE(guangdong.value().male);  // 17th digit 1
}

// A valid check character over nonsense: the address code and the birth year are checked too.
std::string WithCheck(const std::string& first17) {
  return first17 + NationalIdCheckCharacter(first17);
}

TEST(NationalIdTest, AddressCodeNamingNoProvinceIsRefused) {
  const auto info = ValidateNationalId(WithCheck("00000019900101001"));
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().reason.find("address code 000000"), std::string::npos)
      << info.error().reason;
}

TEST(NationalIdTest, BirthYearBefore1800IsRefused) {
  const auto info = ValidateNationalId(WithCheck("11010500010101001"));
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().reason.find("before 1800"), std::string::npos) << info.error().reason;
}

TEST(NationalIdTest, AcceptsRandomlyGeneratedValidIds) {
  std::mt19937_64 random(20210728);
  for (int i = 0; i < 2000; ++i) {
    const int year = std::uniform_int_distribution<int>(1900, 2020)(random);
    const int month = std::uniform_int_distribution<int>(1, 12)(random);
    const int day = std::uniform_int_distribution<int>(1, 28)(random);  // real in every month
    static constexpr int kProvinces[] = {11, 23, 31, 44, 51, 65, 81, 91};
    const int region = kProvinces[std::uniform_int_distribution<size_t>(0, 7)(random)] * 10000 +
                       std::uniform_int_distribution<int>(0, 9999)(random);
    const int sequence = std::uniform_int_distribution<int>(0, 999)(random);
    char first17[18];
    std::snprintf(first17, sizeof first17, "%06d%04d%02d%02d%03d", region, year, month, day,
                  sequence);
    const std::string id = std::string(first17) + ReferenceNationalIdCheck(first17);

    const Result<NationalIdInfo> info = ValidateNationalId(id, Date{2021, 7, 28});
    ASSERT_TRUE(info.ok()) << id << ": " << info.error().Message();
    EXPECT_EQ(info.value().birth_date, (Date{year, month, day})) << id;
    EXPECT_EQ(info.value().male, sequence % 2 == 1) << id;
    EXPECT_EQ(NationalIdCheckCharacter(first17), ReferenceNationalIdCheck(first17)) << id;
  }
}

TEST(NationalIdTest, RefusesEveryWrongCheckCharacterNamingTheExpectedOne) {
  const std::string first17 = "11010519491231002";
  for (char wrong : std::string("0123456789")) {  // the right one is X
    EXPECT_TRUE(RefusedWith(ValidateNationalId(first17 + wrong), "national_id",
                            std::string("check character is ") + wrong + ", expected X"));
  }
  EXPECT_TRUE(RefusedWith(ValidateNationalId("440524188001010013"), "national_id",
                          "check character is 3, expected 4"));
}

TEST(NationalIdTest, RefusesWrongLengthCountingCharacters) {
  EXPECT_TRUE(RefusedWith(ValidateNationalId("11010519491231002"), "national_id",
                          "must be 18 characters, got 17"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId("11010519491231002X1"), "national_id",
                          "must be 18 characters, got 19"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId(""), "national_id", "must be 18 characters, got 0"));
  // Full-width digits are three bytes each in UTF-8 but one character to the reader.
  EXPECT_TRUE(RefusedWith(ValidateNationalId("\xEF\xBC\x91\xEF\xBC\x91"), "national_id",
                          "must be 18 characters, got 2"));
}

TEST(NationalIdTest, RefusesNonDigitsNamingTheirPosition) {
  EXPECT_TRUE(RefusedWith(ValidateNationalId("1101A519491231002X"), "national_id",
                          "character 5 is not a digit"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId("X10105194912310020"), "national_id",
                          "character 1 is not a digit"));
  // A full-width digit two (U+FF12) in place of the 17th digit.
  EXPECT_TRUE(RefusedWith(ValidateNationalId("1101051949123100\xEF\xBC\x92X"), "national_id",
                          "character 17 is not a digit"));
}

TEST(NationalIdTest, RefusesLowercaseXAndOtherCheckCharacters) {
  EXPECT_TRUE(RefusedWith(ValidateNationalId("11010519491231002x"), "national_id",
                          "check character must be an uppercase X"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId("11010519491231002A"), "national_id",
                          "check character 'A' must be a digit or X"));
}

TEST(NationalIdTest, LeapDayBirthDatesAreRealOnlyInLeapYears) {
  EXPECT_TRUE(ValidateNationalId(MakeNationalId("110105", "19960229", "123")).ok());
  EXPECT_TRUE(ValidateNationalId(MakeNationalId("110105", "20000229", "123")).ok());
  EXPECT_TRUE(RefusedWith(ValidateNationalId(MakeNationalId("110105", "19970229", "123")),
                          "national_id", "birth date 19970229 is not a real date"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId(MakeNationalId("110105", "19000229", "123")),
                          "national_id", "birth date 19000229 is not a real date"));
}

TEST(NationalIdTest, RefusesImpossibleBirthDates) {
  for (const char* birth : {"19491331", "19490001", "19491200", "19490431", "00000101"}) {
    EXPECT_TRUE(RefusedWith(ValidateNationalId(MakeNationalId("110105", birth, "002")),
                            "national_id",
                            std::string("birth date ") + birth + " is not a real date"));
  }
}

TEST(NationalIdTest, RefusesBirthDatesAfterTodayButAcceptsToday) {
  const Date today{2021, 7, 28};
  EXPECT_TRUE(RefusedWith(ValidateNationalId(MakeNationalId("110105", "20991231", "002"), today),
                          "national_id", "birth date 20991231 is in the future"));
  EXPECT_TRUE(RefusedWith(ValidateNationalId(MakeNationalId("110105", "20210729", "002"), today),
                          "national_id", "birth date 20210729 is in the future"));
  EXPECT_TRUE(ValidateNationalId(MakeNationalId("110105", "20210728", "002"), today).ok());
}

TEST(NationalIdTest, OneArgumentFormDoesNotCheckForTheFuture) {
  const Result<NationalIdInfo> info =
      ValidateNationalId(MakeNationalId("110105", "20991231", "001"));
  ASSERT_TRUE(info.ok()) << info.error().Message();
  EXPECT_EQ(info.value().birth_date, (Date{2099, 12, 31}));
}

TEST(NationalIdTest, CheckCharacterHelperRefusesBadInputWithNul) {
  EXPECT_EQ(NationalIdCheckCharacter("1101051949123100"), '\0');
  EXPECT_EQ(NationalIdCheckCharacter("1101051949123100A"), '\0');
  EXPECT_EQ(NationalIdCheckCharacter("11010519491231002"), 'X');
}

TEST(CreditCodeTest, AcceptsTheStandardsExample) {
  const Status status = ValidateCreditCode("91110000600037341L");
  EXPECT_TRUE(status.ok()) << status.error().Message();
}

TEST(CreditCodeTest, AcceptsRandomlyGeneratedValidCodes) {
  std::mt19937_64 random(32100);
  std::uniform_int_distribution<size_t> pick(0, kCreditAlphabet.size() - 1);
  for (int i = 0; i < 2000; ++i) {
    std::string first17;
    for (int j = 0; j < 17; ++j) first17 += kCreditAlphabet[pick(random)];
    const std::string code = first17 + ReferenceCreditCodeCheck(first17);
    const Status status = ValidateCreditCode(code);
    ASSERT_TRUE(status.ok()) << code << ": " << status.error().Message();
    EXPECT_EQ(CreditCodeCheckCharacter(first17), ReferenceCreditCodeCheck(first17)) << code;
  }
}

TEST(CreditCodeTest, RefusesWrongCheckCharacterNamingTheExpectedOne) {
  EXPECT_TRUE(RefusedWith(ValidateCreditCode("911100006000373411"), "credit_code",
                          "check character is 1, expected L"));
  for (char wrong : kCreditAlphabet) {
    if (wrong == 'L') continue;
    EXPECT_TRUE(RefusedWith(ValidateCreditCode(std::string("91110000600037341") + wrong),
                            "credit_code",
                            std::string("check character is ") + wrong + ", expected L"));
  }
}

TEST(CreditCodeTest, RefusesLettersOutsideTheAlphabetNamingPositionAndLetter) {
  for (char unused : std::string("IOSVZ")) {
    std::string code = "91110000600037341L";
    code[2] = unused;
    EXPECT_TRUE(RefusedWith(ValidateCreditCode(code), "credit_code",
                            std::string("character 3 '") + unused + "' is not allowed"));
  }
  EXPECT_TRUE(RefusedWith(ValidateCreditCode("91110000600037341l"), "credit_code",
                          "character 18 'l' is not allowed (letters must be uppercase)"));
  EXPECT_TRUE(RefusedWith(ValidateCreditCode("9111000060003734-L"), "credit_code",
                          "character 17 '-' is not allowed"));
}

TEST(CreditCodeTest, RefusesWrongLength) {
  EXPECT_TRUE(RefusedWith(ValidateCreditCode("91110000600037341"), "credit_code",
                          "must be 18 characters, got 17"));
  EXPECT_TRUE(RefusedWith(ValidateCreditCode("91110000600037341LL"), "credit_code",
                          "must be 18 characters, got 19"));
}

TEST(CreditCodeTest, CheckCharacterHelperRefusesBadInputWithNul) {
  EXPECT_EQ(CreditCodeCheckCharacter("9111000060003734"), '\0');
  EXPECT_EQ(CreditCodeCheckCharacter("911100006000373I1"), '\0');
  EXPECT_EQ(CreditCodeCheckCharacter("91110000600037341"), 'L');
}

}  // namespace
}  // namespace disposal::domain
