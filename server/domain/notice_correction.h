// A claim's figures corrected after a notice offering it was published (allowed until the
// claim's ledger opens): the notice was tiered under 财金〔2008〕87号 on the book value it
// published, and an award books the corrected figures.
#ifndef DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_
#define DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_

#include "domain/claim.h"
#include "domain/disposal_repository.h"

namespace disposal::domain {

// The book value `record`'s notice would have with its lots on `corrected` read from the
// claim as corrected, its other lots at their published (frozen) values.
Result<Money> CorrectedNoticeValue(const DisposalRecord& record, const Claim& corrected);

// FAILED_PRECONDITION (field "claim.tranches") when the published notice of `record` no longer
// meets the publication rules (CheckPublicationRules: window and channels as published) for
// its book value with `corrected`'s figures: a correction lifting the value past 1000万, 5000万
// or 1亿 would have the lot sold on a notice published for a smaller claim. Naming both values,
// the rule broken and the way out (withdraw the disposal, publish it again). OK when the
// notice still fits, whichever way the value moved.
Status CheckNoticeFitsCorrection(const DisposalRecord& record, const Claim& corrected,
                                 bool publication_day_is_working);

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_NOTICE_CORRECTION_H_
