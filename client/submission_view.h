// Inquiries, objections and reports of obstruction rendered for people.

#ifndef DISPOSAL_CLIENT_SUBMISSION_VIEW_H_
#define DISPOSAL_CLIENT_SUBMISSION_VIEW_H_

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>

#include "disposal/v1/disposals.pb.h"

namespace disposalctl {

// One submission in full: its number, whether it is late, who sent it and when
// (Asia/Shanghai), how it was resolved, and its text.
void PrintSubmission(const disposal::v1::Submission& submission, std::ostream& out);

// One row per submission: number, kind, received (Asia/Shanghai), submitter, late,
// resolution, and the start of the text.
void PrintSubmissionTable(
    const google::protobuf::RepeatedPtrField<disposal::v1::Submission>& submissions,
    std::ostream& out);

}  // namespace disposalctl

#endif  // DISPOSAL_CLIENT_SUBMISSION_VIEW_H_
