// Internal to store/: text codes for the disposal enums.
#ifndef DISPOSAL_SERVER_STORE_DISPOSAL_CODES_H_
#define DISPOSAL_SERVER_STORE_DISPOSAL_CODES_H_

#include <optional>
#include <string>

#include "domain/disposal.h"

namespace disposal::store {

std::string ToCode(domain::DisposalMethod method);
std::string ToCode(domain::PaymentTerm term);
std::string ToCode(domain::ChannelKind kind);
std::string ToCode(domain::NewspaperLevel level);
std::string ToCode(domain::StoredState state);
std::string ToCode(domain::SubmissionKind kind);
std::string ToCode(domain::Resolution resolution);
std::string ToCode(domain::PeriodCounting counting);

domain::DisposalMethod DisposalMethodFromCode(const std::string& code);
domain::PaymentTerm PaymentTermFromCode(const std::string& code);
domain::ChannelKind ChannelKindFromCode(const std::string& code);
domain::NewspaperLevel NewspaperLevelFromCode(const std::string& code);
domain::StoredState StoredStateFromCode(const std::string& code);
domain::SubmissionKind SubmissionKindFromCode(const std::string& code);
domain::Resolution ResolutionFromCode(const std::string& code);
// NULL (a disposal stored before the method was kept) is art. 201's method.
domain::PeriodCounting PeriodCountingFromCode(const std::optional<std::string>& code);

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DISPOSAL_CODES_H_
