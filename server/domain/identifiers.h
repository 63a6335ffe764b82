// Check-digit validation of Chinese identifiers: the resident identity card number
// (居民身份证号码, GB 11643-1999) and the unified social credit code (统一社会信用代码,
// GB 32100-2015), each with its ISO 7064-style check character.
#ifndef DISPOSAL_SERVER_DOMAIN_IDENTIFIERS_H_
#define DISPOSAL_SERVER_DOMAIN_IDENTIFIERS_H_

#include <string_view>

#include "domain/date.h"
#include "domain/result.h"

namespace disposal::domain {

// What a valid national ID number says about its holder.
struct NationalIdInfo {
  Date birth_date;  // digits 7-14
  bool male;        // digit 17: odd = male, even = female
};

// Validates an 18-character national ID: 17 digits, then a check character 0-9 or X computed
// with ISO 7064 MOD 11-2. The check character must be an uppercase 'X': a lowercase 'x' is
// refused ("check character must be an uppercase X") so that stored numbers have one spelling;
// callers that want to be lenient upper-case it before calling.
// Checks, in this order, each failing with InvalidArgument (field "national_id") and a specific
// reason: length ("must be 18 characters, got 17", counted in UTF-8 characters), digits
// ("character 5 is not a digit", 1-based), the check character's form, the address code's
// first two digits ("address code 000000 names no province (GB/T 2260)"), the birth date
// ("birth date 19491331 is not a real date", or one before 1800, which belongs to nobody
// alive), then the check character's value ("check character is 3, expected X"). Birth years
// from 1800 to 1899 are accepted (the standard's own example is 1880). This overload performs
// no "birth date in the future" check.
Result<NationalIdInfo> ValidateNationalId(std::string_view id);

// As above, and also refuses a birth date after `today`
// ("birth date 20991231 is in the future"). A birth date equal to `today` is accepted.
Result<NationalIdInfo> ValidateNationalId(std::string_view id, const Date& today);

// Validates an 18-character unified social credit code: characters from
// "0123456789ABCDEFGHJKLMNPQRTUWXY" (values 0-30; I, O, S, V, Z and lowercase letters are
// refused), the 18th being (31 - S mod 31) mod 31 for S = sum of value x weight over the first
// 17 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
// Fails with InvalidArgument (field "credit_code") and a specific reason:
// "must be 18 characters, got 17", "character 3 'I' is not allowed",
// "check character is 1, expected L".
Status ValidateCreditCode(std::string_view code);

// The shapes the registry and the decision receipts store identifiers in, without the check
// character's value or the other rules above: 17 digits and a digit or 'X'; 18 characters of
// the credit code's alphabet. For finding what was stored under rules that may since have
// grown stricter.
bool IsNationalIdShaped(std::string_view id);
bool IsCreditCodeShaped(std::string_view code);

// The national ID check character ('0'-'9' or 'X') for 17 digits; '\0' when `first17` is not
// exactly 17 ASCII digits.
char NationalIdCheckCharacter(std::string_view first17);

// The credit code check character for 17 characters of the code alphabet; '\0' when `first17`
// is not exactly 17 such characters.
char CreditCodeCheckCharacter(std::string_view first17);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_IDENTIFIERS_H_
