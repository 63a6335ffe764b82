// Amounts and rates as people write them, converted exactly to and from the wire types.
//
// Chinese disposal notices state amounts in 万元 ("38865.89万元") and sometimes 亿元;
// statements are read in 元 with thousands separators. Every conversion here moves a
// decimal point in a digit string, so no amount is ever rounded by accident.

#ifndef DISPOSAL_CLIENT_AMOUNT_TEXT_H_
#define DISPOSAL_CLIENT_AMOUNT_TEXT_H_

#include <string>
#include <string_view>

#include "disposal/v1/common.pb.h"
#include "status.h"

namespace disposalctl {

// Reads an amount in yuan: "806,450,600.00", "38865.89万", "6000万元", "1.5亿", "12元",
// "¥1,000" or a plain number. Sets units and nanos (same sign); leaves currency_code
// alone. Fails, naming the text, when it is not a number, is finer than a fen (0.01 元),
// or exceeds 999,999,999,999,999,999.99 元 (the service's NUMERIC(20,2) limit).
Status ParseAmountText(std::string_view text, disposal::v1::Money* money);

// ParseAmountText, refusing an amount below zero (a deposit paid, funds proved).
Status ParseAmountNotNegative(std::string_view text, disposal::v1::Money* money);

// "448,658,900.00": yuan with thousands separators and at least two decimals (more only
// when the amount is finer than a fen, so nothing is hidden).
std::string FormatYuan(const disposal::v1::Money& money);

// "44865.89": 万元 (units of 10,000 yuan), at least two decimals, more when needed.
std::string FormatWanYuan(const disposal::v1::Money& money);

// Reads a rate: "0.0435" or "4.35%" (also "4.35 %"), giving the canonical fraction
// "0.0435" for disposal.v1.Decimal.value. Fails, naming the text, on anything else.
Status ParseRateText(std::string_view text, std::string* decimal_value);

// "4.35%" for the fraction "0.0435"; the raw text when it is not a plain decimal.
std::string FormatRatePercent(const disposal::v1::Decimal& rate);

// a + b, exactly. Fails, leaving *sum unchanged, only when the units of the sum would
// overflow int64 (beyond ±9,223,372,036,854,775,807 元). Neither the operands nor the sum
// are held to the service's ±999,999,999,999,999,999.99 元 per-amount range: a total of
// several amounts (tranches of a claim, principal plus interest) may rightly exceed it,
// and is still worth showing exactly. Sums of up to nine amounts in the service's range
// therefore always succeed.
// REQUIRES: both are valid Money (nanos in range, same sign as units).
Status AddMoney(const disposal::v1::Money& a, const disposal::v1::Money& b,
                disposal::v1::Money* sum);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_AMOUNT_TEXT_H_
