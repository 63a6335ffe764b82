// Translation between disposal.v1 disposal/calendar messages and the domain types.
#ifndef DISPOSAL_SERVER_API_DISPOSAL_MAPPING_H_
#define DISPOSAL_SERVER_API_DISPOSAL_MAPPING_H_

#include "disposal/v1/calendar.pb.h"
#include "disposal/v1/disposals.pb.h"
#include "domain/disposal_registry.h"

namespace disposal::api {

// Wire -> domain for what a client writes; INVALID_ARGUMENT names the field under `prefix`.
Result<domain::DisposalContent> DisposalContentFromProto(const v1::Disposal& disposal,
                                                         const std::string& prefix);
// Everything, including derived fields.
v1::Disposal DisposalToProto(const domain::DisposalView& view);

Result<domain::Submission> SubmissionFromProto(const v1::Submission& submission);
v1::Submission SubmissionToProto(const domain::Submission& submission);

Result<domain::SubmissionKind> SubmissionKindFromProto(v1::SubmissionKind kind,
                                                       const std::string& field);
Result<domain::Resolution> ResolutionFromProto(v1::Resolution resolution, const std::string& field);
Result<domain::Transition> TransitionFromProto(v1::Transition transition, const std::string& field);

v1::AwardGateDecision GateDecisionToProto(const domain::AwardGateDecision& decision);

Result<domain::CalendarYear> CalendarYearFromProto(const v1::CalendarYear& year);
v1::CalendarYear CalendarYearToProto(const domain::CalendarYear& year);

// One disposal method; INVALID_ARGUMENT naming `field` for UNSPECIFIED or an unknown value.
Result<domain::DisposalMethod> DisposalMethodFromProto(v1::DisposalMethod method,
                                                       const std::string& field);
v1::DisposalMethod DisposalMethodToProto(domain::DisposalMethod method);

}  // namespace disposal::api

#endif  // DISPOSAL_SERVER_API_DISPOSAL_MAPPING_H_
