// A disposal's eligibility context (its deposit and the parties behind the claims it offers)
// built from its stored record and claims, as they are now or were at a past time.
#ifndef DISPOSAL_SERVER_DOMAIN_DISPOSAL_CONTEXT_H_
#define DISPOSAL_SERVER_DOMAIN_DISPOSAL_CONTEXT_H_

#include <string>
#include <vector>

#include "domain/claim.h"
#include "domain/disposal.h"
#include "domain/eligibility.h"

namespace disposal::domain {

// The debtors of `claims`, and their guarantors and pledgors (a pledgor recorded without an
// identifier is left out), each party once, in the order of the claims; and each claim's own
// (DisposalContext::obligors).
DisposalContext DisposalContextOf(const std::string& disposal_id, const DisposalContent& disposal,
                                  const std::vector<Claim>& claims);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_DISPOSAL_CONTEXT_H_
