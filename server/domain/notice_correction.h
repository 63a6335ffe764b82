// A claim's figures corrected after a notice offering it was published (allowed until the
// claim's ledger opens): the notice was tiered under 财金〔2008〕87号 on the book value it
// published, and an award books the corrected figures.
#ifndef DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_
#define DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_

#include <map>
#include <string>

#include "domain/claim.h"
#include "domain/disposal_repository.h"

namespace disposal::domain {

// The claims whose figures a notice's lots are valued on, by id, as they stand (the one being
// corrected as corrected). A lot on a claim not in it keeps its published (frozen) value.
using ClaimsAsTheyStand = std::map<std::string, const Claim*>;

// The book value `record`'s notice has with its lots on `claims` valued on their figures: those
// of `corrected_claim_id` on its figures alone, the others' on the larger of their figures and
// their published value (a claim whose books were open at publication was valued on them,
// accruals included; one whose books opened since froze its figures, as corrected, then).
Result<Money> NoticeValueOn(const DisposalRecord& record, const ClaimsAsTheyStand& claims,
                            const std::string& corrected_claim_id);

// FAILED_PRECONDITION (field "claim.tranches") when the published notice of `record` does not
// meet the publication rules (CheckPublicationRules: window and channels as published) for its
// book value on `claims` (NoticeValueOn): a correction lifting the value past 1000万, 5000万 or
// 1亿 would have the lot sold on a notice published for a smaller claim. Naming the values,
// the rule broken and the way out (withdraw the disposal, publish it again). OK when the
// notice still fits.
Status CheckNoticeFitsCorrection(const DisposalRecord& record, const ClaimsAsTheyStand& claims,
                                 const std::string& corrected_claim_id,
                                 bool publication_day_is_working);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_
