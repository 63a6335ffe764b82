#include "api/wire_values.h"

#include "domain/text_rules.h"

namespace disposal::api {

v1::Money MoneyToProto(const domain::Money& amount) {
  v1::Money money;
  money.set_currency_code("CNY");
  money.set_units(amount.units());
  money.set_nanos(amount.nanos());
  return money;
}

Result<domain::Money> MoneyFromProto(const v1::Money& money, const std::string& field) {
  if (!money.currency_code().empty() && money.currency_code() != "CNY") {
    return Error::InvalidArgument(
        field + ".currency_code",
        "only CNY is supported, got " + domain::Quoted(money.currency_code()));
  }
  auto amount = domain::Money::FromUnitsNanos(money.units(), money.nanos());
  if (!amount.ok()) return Error::InvalidArgument(field, amount.error().reason);
  return amount;
}

Result<std::optional<domain::Rate>> RateFromProto(const v1::Decimal& rate,
                                                  const std::string& field) {
  if (rate.value().empty()) return std::optional<domain::Rate>();
  auto parsed = domain::Rate::Parse(rate.value());
  if (!parsed.ok()) return Error::InvalidArgument(field, parsed.error().reason);
  return std::optional<domain::Rate>(parsed.value());
}

v1::Decimal RateToProto(const domain::Rate& rate) {
  v1::Decimal decimal;
  decimal.set_value(rate.ToString());
  return decimal;
}

Result<domain::Date> DateFromProto(const v1::Date& date, const std::string& field) {
  // An unset date reads as all zeros: say it is missing rather than "0000-00-00".
  if (IsEmptyDate(date)) {
    return Error::InvalidArgument(field, "is required");
  }
  auto made = domain::MakeDate(date.year(), date.month(), date.day());
  if (!made.ok()) return Error::InvalidArgument(field, made.error().reason);
  return made;
}

v1::Date DateToProto(const domain::Date& date) {
  v1::Date proto;
  proto.set_year(date.year);
  proto.set_month(date.month);
  proto.set_day(date.day);
  return proto;
}

Result<domain::Party> PartyFromProto(const v1::Party& party, const std::string& field) {
  domain::Party out;
  switch (party.kind_case()) {
    case v1::Party::kPerson:
      out.kind = domain::PartyKind::kPerson;
      out.name = party.person().name();
      out.identifier = party.person().national_id();
      return out;
    case v1::Party::kOrganization:
      out.kind = domain::PartyKind::kOrganization;
      out.name = party.organization().name();
      out.identifier = party.organization().credit_code();
      out.financial_institution = party.organization().financial_institution();
      out.state_owned = party.organization().state_owned();
      return out;
    case v1::Party::KIND_NOT_SET:
      break;
  }
  return Error::InvalidArgument(field, "is required: give a person or an organization");
}

v1::Party PartyToProto(const domain::Party& party) {
  v1::Party proto;
  if (party.kind == domain::PartyKind::kPerson) {
    proto.mutable_person()->set_name(party.name);
    proto.mutable_person()->set_national_id(party.identifier);
  } else {
    v1::Organization* org = proto.mutable_organization();
    org->set_name(party.name);
    org->set_credit_code(party.identifier);
    org->set_financial_institution(party.financial_institution);
    org->set_state_owned(party.state_owned);
  }
  return proto;
}

}  // namespace disposal::api
