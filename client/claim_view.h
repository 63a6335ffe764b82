// Claims rendered for people: the statement of one claim and the table of many.

#ifndef DISPOSAL_CLIENT_CLAIM_VIEW_H_
#define DISPOSAL_CLIENT_CLAIM_VIEW_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>

#include "disposal/v1/claims.pb.h"

namespace disposalctl {

// The statement of one claim: heading, parties, tranches with a totals row, the totals
// block (amounts in 元 and 万元), collateral with encumbrances, guarantees, pledges and
// litigation. Uses the server's totals; when a claim carries none, sums the tranches.
void PrintClaimStatement(const disposal::v1::Claim& claim, std::ostream& out);

// One row per claim: id, title, debtor, status, principal and total in 万元, version.
void PrintClaimTable(const google::protobuf::RepeatedPtrField<disposal::v1::Claim>& claims,
                     std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_CLAIM_VIEW_H_
