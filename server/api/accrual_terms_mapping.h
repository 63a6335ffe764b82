// Translation of the accrual terms shared by claims and ledger calls: the day-count basis and
// the court's doubled-part interest.
#ifndef DISPOSAL_SERVER_API_ACCRUAL_TERMS_MAPPING_H_
#define DISPOSAL_SERVER_API_ACCRUAL_TERMS_MAPPING_H_

#include <string>

#include "api/wire_values.h"
#include "disposal/v1/claims.pb.h"
#include "disposal/v1/common.pb.h"
#include "domain/accrual.h"

namespace disposal::api {

// UNSPECIFIED means the usual basis of PRC loan contracts, ACT/360.
Result<domain::DayCountBasis> BasisFromProto(v1::DayCountBasis basis, const std::string& field);
v1::DayCountBasis BasisToProto(domain::DayCountBasis basis);

// `prefix` names the message in errors: "court_delay", or "accrue_first.court_delay".
Result<domain::CourtDelayTerms> CourtFromProto(const v1::CourtDelayInterest& court,
                                               const std::string& prefix);
v1::CourtDelayInterest CourtToProto(const domain::CourtDelayTerms& court);

// A claim's own terms; errors name fields under `prefix` ("claim.accrual_terms").
Result<domain::AccrualCallTerms> ClaimAccrualTermsFromProto(const v1::ClaimAccrualTerms& terms,
                                                            const std::string& prefix);
v1::ClaimAccrualTerms ClaimAccrualTermsToProto(const domain::AccrualCallTerms& terms);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_ACCRUAL_TERMS_MAPPING_H_
