// Disposals rendered for people: one notice in full, the table of many, and the answer of
// the award gate.

#ifndef DISPOSAL_CLIENT_DISPOSAL_VIEW_H_
#define DISPOSAL_CLIENT_DISPOSAL_VIEW_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>
#include <string>

#include "disposal/v1/disposals.pb.h"

namespace disposalctl {

// The disposal as staff read a notice: title, state, publication date, objection deadline
// ("2021-08-25 24:00 Asia/Shanghai"), working days left, validity, book value in 元 and
// 万元, open objections; the lots; methods, payment terms, deposit and reserve; the
// publication channels; and who receives inquiries and objections.
void PrintDisposalNotice(const disposal::v1::Disposal& disposal, std::ostream& out);

// One row per disposal: id, title, state, publication date, deadline, book value in 万元,
// open objections, version.
void PrintDisposalTable(const google::protobuf::RepeatedPtrField<disposal::v1::Disposal>& disposals,
                        std::ostream& out);

// "award allowed", or "award refused:" and one line per reason (short code and message),
// then the instant the decision was made for.
void PrintGateDecision(const disposal::v1::AwardGateDecision& decision, std::ostream& out);

// "2021-08-25 24:00 Asia/Shanghai" for a deadline date; "-" for an unset one.
std::string DeadlineText(const disposal::v1::Date& deadline);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_DISPOSAL_VIEW_H_
