// Internal to the domain layer (include from accrual_plan.cc and accrual_terms.cc only): the
// resolution of an accrual request's terms and the checks on pending corrections, split from
// accrual_plan.cc. Their public functions are declared in accrual_plan.h.
#ifndef DISPOSAL_SERVER_DOMAIN_ACCRUAL_TERMS_H_
#define DISPOSAL_SERVER_DOMAIN_ACCRUAL_TERMS_H_

#include "domain/accrual_plan.h"
#include "domain/ledger_repository.h"
#include "domain/result.h"

// Internal: shared by accrual_plan.cc and accrual_terms.cc, not part of the domain's interface.
namespace disposal::domain::accrual_internal {

// FAILED_PRECONDITION when `request` leaves compound interest off while a correction of a
// compounded period waits (FirstPendingCompoundCorrection): only a compounding accrual books it.
Status CheckCompoundCorrectionBooked(const ClaimLedgerState& state, const AccrualRequest& request);

}  // namespace disposal::domain::accrual_internal

#endif  // DISPOSAL_SERVER_DOMAIN_ACCRUAL_TERMS_H_
