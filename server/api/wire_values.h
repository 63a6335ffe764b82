// Wire scalars (Money, Decimal, Date, Party) to and from domain values.
#ifndef DISPOSAL_SERVER_API_WIRE_VALUES_H_
#define DISPOSAL_SERVER_API_WIRE_VALUES_H_

#include <optional>
#include <string>

#include "disposal/v1/common.pb.h"
#include "domain/claim.h"

namespace disposal::api {

v1::Money MoneyToProto(const domain::Money& amount);
// Refuses a currency other than CNY and amounts finer than a fen.
Result<domain::Money> MoneyFromProto(const v1::Money& money, const std::string& field);

// An empty Decimal means "not given".
Result<std::optional<domain::Rate>> RateFromProto(const v1::Decimal& rate,
                                                  const std::string& field);
v1::Decimal RateToProto(const domain::Rate& rate);

Result<domain::Date> DateFromProto(const v1::Date& date, const std::string& field);
// A date message present but all zeros, as JSON clients send `{}` for a field they leave out.
inline bool IsEmptyDate(const v1::Date& date) {
  return date.year() == 0 && date.month() == 0 && date.day() == 0;
}
v1::Date DateToProto(const domain::Date& date);

// Party needs exactly one of person / organization.
Result<domain::Party> PartyFromProto(const v1::Party& party, const std::string& field);
v1::Party PartyToProto(const domain::Party& party);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_WIRE_VALUES_H_
