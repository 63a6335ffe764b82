// Bidders as the `eligibility` commands read them: from command-line options, and from the
// bidder CSV file of `check-batch`.
//
//   # kind,identifier,name[,own_labour_income]
//   person,11010519491231002X,张三
//   person,110105200901010011,李小明,1
//   organization,91110000100000000R,"某某投资有限公司,北京分公司"

#ifndef DISPOSAL_CLIENT_ELIGIBILITY_INPUT_H_
#define DISPOSAL_CLIENT_ELIGIBILITY_INPUT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disposal/v1/eligibility.pb.h"
#include "status.h"

namespace disposalctl {

// `eligibility check` as typed. Empty strings are options left out.
struct CheckBidderOptions {
  std::string disposal_id;
  std::string person;        // --person NATIONAL_ID
  std::string organization;  // --organization CREDIT_CODE
  std::string name;
  bool own_labour_income = false;
  std::string deposit_paid;    // amount text, "50万"
  std::string proof_of_funds;  // amount text
  std::string as_of;           // YYYY-MM-DD; empty: today on the server's calendar
};

// The request `options` describe. Fails (exit status 2), naming the option, when neither or
// both of --person and --organization are given, --name is empty, an amount is not one
// (see ParseAmountText) or --as-of is not a date. Identifiers are the server's to check.
Status BuildCheckRequest(const CheckBidderOptions& options,
                         disposal::v1::CheckBidderEligibilityRequest* request);

// One bidder of a bidder file.
struct BidderRow {
  std::size_t line = 0;  // 1-based line of the file, for messages
  disposal::v1::Party bidder;
  bool own_labour_income = false;
  std::optional<disposal::v1::Money> deposit_paid;    // yuan, as the column gave it
  std::optional<disposal::v1::Money> proof_of_funds;  // yuan, as the column gave it
};

// Reads a bidder file: one bidder a line,
// "person|organization,IDENTIFIER,NAME[,0|1[,DEPOSIT_PAID[,PROOF_OF_FUNDS]]]" (the fourth
// column: declared to live on their own labour's income, persons only; the last two: amounts
// in yuan, e.g. 500000 or 50万, empty for none: a disposal with a deposit needs one of them,
// or the bidder is ineligible for want of it). Fields may be
// in quotes ("" for a quote) and are trimmed of surrounding spaces; blank lines, lines
// starting with '#', a trailing '\r', a byte order mark and a first line that is a header
// ("kind,...") are skipped. Fails, naming the line ("line 4: ..."), on an unknown kind, a
// wrong number of columns, an empty identifier or name, a flag other than 0 or 1 (or 1 for
// an organisation), an amount that is not one, or bad quoting; and when the file holds no
// bidder.
Status ParseBidderCsv(std::string_view text, std::vector<BidderRow>* bidders);

// "person" or "organization", then the identifier and the name of a party; empty strings
// for a party with neither kind set.
std::string PartyKindName(const disposal::v1::Party& party);
const std::string& PartyIdentifier(const disposal::v1::Party& party);
const std::string& PartyName(const disposal::v1::Party& party);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_ELIGIBILITY_INPUT_H_
