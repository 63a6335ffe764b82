#include "domain/notice_correction.h"

#include <vector>

#include "domain/disposal.h"

namespace disposal::domain {

Result<Money> NoticeValueOn(const DisposalRecord& record, const ClaimsAsTheyStand& claims,
                            const std::string& corrected_claim_id) {
  const std::vector<Lot>& lots = record.disposal.content.lots;
  std::vector<Money> values;
  values.reserve(lots.size());
  for (size_t i = 0; i < lots.size(); ++i) {
    const auto claim = claims.find(lots[i].claim_id);
    if (claim == claims.end()) {
      values.push_back(i < record.lot_book_values.size() ? record.lot_book_values[i] : Money());
      continue;
    }
    ASSIGN_OR_RETURN(Money value, BookValueOf(*claim->second, lots[i].tranche_number));
    if (lots[i].claim_id != corrected_claim_id && i < record.lot_book_values.size() &&
        value < record.lot_book_values[i]) {
      value = record.lot_book_values[i];
    }
    values.push_back(value);
  }
  return Sum(values);
}

Status CheckNoticeFitsCorrection(const DisposalRecord& record, const ClaimsAsTheyStand& claims,
                                 const std::string& corrected_claim_id,
                                 bool publication_day_is_working) {
  const Result<Money> published = Sum(record.lot_book_values);
  const Result<Money> value = NoticeValueOn(record, claims, corrected_claim_id);
  const std::string disposal = "disposal " + record.disposal.id;
  if (!value.ok()) {
    return Error{
        ErrorCode::kFailedPrecondition, "claim.tranches",
        "the published notice of " + disposal +
            " cannot be valued on its claims' figures as corrected: " + value.error().reason};
  }
  const Status fits =
      CheckPublicationRules(record.disposal.content, value.value(), publication_day_is_working);
  if (fits.ok()) return fits;
  std::string was = published.ok() ? " at " + published.value().ToGroupedString() + " yuan" : "";
  if (record.disposal.publication) {
    was = " (published " + FormatIsoDate(record.disposal.publication->publication_date) + was + ")";
  }
  return Error{ErrorCode::kFailedPrecondition, "claim.tranches",
               "with this correction the book value of " + disposal + was + " would be " +
                   value.value().ToGroupedString() +
                   " yuan, and the notice as published does not meet the rules for that value: " +
                   fits.error().reason + "; withdraw the disposal and publish it again"};
}

}  // namespace disposal::domain
