#include "domain/identifiers.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace disposal::domain {
namespace {

constexpr char kNationalIdField[] = "national_id";
constexpr char kCreditCodeField[] = "credit_code";
constexpr size_t kIdentifierLength = 18;  // both identifiers

// GB 11643-1999: weights for digits 1-17, and the check character for each S mod 11.
constexpr int kNationalIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kNationalIdChecks[] = "10X98765432";

// GB 32100-2015: the alphabet (a character's value is its index) and weights for 1-17.
constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditCodeWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                        29, 25, 13, 8,  24, 10, 30, 28};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits text into UTF-8 characters so that lengths and positions in reasons match what a
// person sees, even for full-width digits pasted from a document.
std::vector<std::string_view> Utf8Characters(std::string_view text) {
  std::vector<std::string_view> characters;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i++;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    characters.push_back(text.substr(start, i - start));
  }
  return characters;
}

std::string LengthReason(size_t length) {
  return "must be 18 characters, got " + std::to_string(length);
}

// Value of the i-th (0-based) digit; the caller has checked it is a digit.
int DigitAt(std::string_view text, size_t i) { return text[i] - '0'; }

// The common case, checked without splitting into characters: 18 bytes, 17 digits and a digit
// or X. Every check of a bidder passes here, so it must not allocate.
bool IsWellShapedNationalId(std::string_view id) {
  if (id.size() != kIdentifierLength) return false;
  for (size_t i = 0; i + 1 < kIdentifierLength; ++i) {
    if (!IsDigit(id[i])) return false;
  }
  return IsDigit(id.back()) || id.back() == 'X';
}

// Shape checks of a national ID: length, 17 digits, check character 0-9 or X.
Status CheckNationalIdShape(std::string_view id) {
  if (IsWellShapedNationalId(id)) return OkStatus();
  // Otherwise say what is wrong, counting characters as a person sees them.
  const std::vector<std::string_view> characters = Utf8Characters(id);
  if (characters.size() != kIdentifierLength) {
    return Error::InvalidArgument(kNationalIdField, LengthReason(characters.size()));
  }
  for (size_t i = 0; i + 1 < kIdentifierLength; ++i) {
    if (characters[i].size() != 1 || !IsDigit(characters[i][0])) {
      return Error::InvalidArgument(kNationalIdField,
                                    "character " + std::to_string(i + 1) + " is not a digit");
    }
  }
  const std::string_view check = characters.back();
  if (check == "x") {
    return Error::InvalidArgument(kNationalIdField, "check character must be an uppercase X");
  }
  if (check.size() != 1 || !(IsDigit(check[0]) || check[0] == 'X')) {
    return Error::InvalidArgument(
        kNationalIdField, "check character '" + std::string(check) + "' must be a digit or X");
  }
  return OkStatus();
}

// The common case, checked without splitting into characters: 18 bytes, all of the alphabet.
bool IsWellShapedCreditCode(std::string_view code) {
  if (code.size() != kIdentifierLength) return false;
  for (char c : code) {
    if (kCreditCodeAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool IsNationalIdShaped(std::string_view id) {
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return (id[17] >= '0' && id[17] <= '9') || id[17] == 'X';
}

bool IsCreditCodeShaped(std::string_view code) {
  return code.size() == 18 &&
         code.find_first_not_of("0123456789ABCDEFGHJKLMNPQRTUWXY") == std::string_view::npos;
}

char NationalIdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '\0';
    sum += DigitAt(first17, i) * kNationalIdWeights[i];
  }
  return kNationalIdChecks[sum % 11];
}

char CreditCodeCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t value = kCreditCodeAlphabet.find(first17[i]);
    if (value == std::string_view::npos) return '\0';
    sum += static_cast<int>(value) * kCreditCodeWeights[i];
  }
  return kCreditCodeAlphabet[(31 - sum % 31) % 31];
}

namespace {

// The first two digits of GB/T 2260's address codes: the provinces, autonomous regions and
// municipalities, Taiwan (71), Hong Kong, Macao and Taiwan residents' permits (81-83), and 9x
// (foreigners' permanent residence cards).
bool IsProvinceCode(int code) {
  static constexpr int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                       35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                       53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  return code >= 90 ||
         std::find(std::begin(kProvinces), std::end(kProvinces), code) != std::end(kProvinces);
}

// GB 11643 gives birth years in full; none before 1800 belongs to anyone alive.
constexpr int kEarliestBirthYear = 1800;

}  // namespace

Result<NationalIdInfo> ValidateNationalId(std::string_view id) {
  if (Status shape = CheckNationalIdShape(id); !shape.ok()) return shape.error();
  // Shape passed, so id is 18 ASCII bytes.
  const int province = DigitAt(id, 0) * 10 + DigitAt(id, 1);
  if (!IsProvinceCode(province)) {
    return Error::InvalidArgument(kNationalIdField, "address code " + std::string(id.substr(0, 6)) +
                                                        " names no province (GB/T 2260)");
  }
  const std::string_view birth_digits = id.substr(6, 8);
  const int year =
      DigitAt(id, 6) * 1000 + DigitAt(id, 7) * 100 + DigitAt(id, 8) * 10 + DigitAt(id, 9);
  const int month = DigitAt(id, 10) * 10 + DigitAt(id, 11);
  const int day = DigitAt(id, 12) * 10 + DigitAt(id, 13);
  if (!IsRealDate(year, month, day)) {
    return Error::InvalidArgument(
        kNationalIdField, "birth date " + std::string(birth_digits) + " is not a real date");
  }
  if (year < kEarliestBirthYear) {
    return Error::InvalidArgument(kNationalIdField, "birth date " + std::string(birth_digits) +
                                                        " is before " +
                                                        std::to_string(kEarliestBirthYear));
  }
  const char expected = NationalIdCheckCharacter(id.substr(0, 17));
  if (id[17] != expected) {
    return Error::InvalidArgument(
        kNationalIdField, std::string("check character is ") + id[17] + ", expected " + expected);
  }
  return NationalIdInfo{Date{year, month, day}, DigitAt(id, 16) % 2 == 1};
}

Result<NationalIdInfo> ValidateNationalId(std::string_view id, const Date& today) {
  Result<NationalIdInfo> info = ValidateNationalId(id);
  if (info.ok() && info.value().birth_date > today) {
    return Error::InvalidArgument(
        kNationalIdField, "birth date " + std::string(id.substr(6, 8)) + " is in the future");
  }
  return info;
}

namespace {

// The 18th character against GB 32100's check over the first 17; the shape is already known.
Status CheckCreditCodeCharacter(std::string_view code) {
  const char expected = CreditCodeCheckCharacter(code.substr(0, 17));
  if (code[17] != expected) {
    return Error::InvalidArgument(
        kCreditCodeField, std::string("check character is ") + code[17] + ", expected " + expected);
  }
  return OkStatus();
}

}  // namespace

Status ValidateCreditCode(std::string_view code) {
  if (IsWellShapedCreditCode(code)) return CheckCreditCodeCharacter(code);
  // Otherwise say what is wrong, counting characters as a person sees them.
  const std::vector<std::string_view> characters = Utf8Characters(code);
  if (characters.size() != kIdentifierLength) {
    return Error::InvalidArgument(kCreditCodeField, LengthReason(characters.size()));
  }
  for (size_t i = 0; i < kIdentifierLength; ++i) {
    const std::string_view character = characters[i];
    if (character.size() == 1 && kCreditCodeAlphabet.find(character[0]) != std::string_view::npos) {
      continue;
    }
    const bool lowercase = character.size() == 1 && character[0] >= 'a' && character[0] <= 'z';
    return Error::InvalidArgument(
        kCreditCodeField, "character " + std::to_string(i + 1) + " '" + std::string(character) +
                              "' is not allowed" +
                              (lowercase ? " (letters must be uppercase)" : ""));
  }
  return CheckCreditCodeCharacter(code);
}

}  // namespace disposal::domain
