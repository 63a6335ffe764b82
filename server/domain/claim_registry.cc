#include "domain/claim_registry.h"

#include <cctype>

#include "domain/paging.h"
#include "domain/text_rules.h"

namespace disposal::domain {
namespace {

Status CheckId(const std::string& id, const std::string& field) {
  if (id.empty()) return Error::InvalidArgument(field, "is required");
  if (!IsUuid(id)) return Error::InvalidArgument(field, "must be a UUID, got " + Quoted(id));
  return OkStatus();
}

}  // namespace

Result<Claim> ClaimRegistry::Create(const ClaimContent& content, const RequestKey& key,
                                    const AuditContext& audit) {
  if (auto s = ValidateClaimContent(content, today_()); !s.ok()) return s.error();
  if (auto s = CheckPenaltyRates(content, nullptr); !s.ok()) return s.error();
  return repository_.Create(content, key, audit);
}

Result<std::optional<Claim>> ClaimRegistry::Earlier(const RequestKey& key, const std::string& rpc) {
  if (key.request_id.empty()) return std::optional<Claim>();
  return repository_.Earlier(key, rpc);
}

Result<Claim> ClaimRegistry::Get(const std::string& id) {
  if (auto s = CheckId(id, "id"); !s.ok()) return s.error();
  return repository_.Get(id);
}

Result<Claim> ClaimRegistry::Get(const std::string& id, std::optional<int64_t> as_of_micros) {
  if (!as_of_micros) return Get(id);
  if (auto s = CheckId(id, "id"); !s.ok()) return s.error();
  return repository_.GetAsOf(id, *as_of_micros);
}

Result<ClaimPage> ClaimRegistry::List(const ClaimFilter& filter,
                                      const std::optional<ClaimCursor>& after, int page_size) {
  ASSIGN_OR_RETURN(const int size, EffectivePageSize(page_size));
  return repository_.List(filter, after, size);
}

Result<Claim> ClaimRegistry::Update(const std::string& id, int64_t expected_version,
                                    const ClaimContent& content, const RequestKey& key,
                                    const AuditContext& audit,
                                    const std::optional<Date>& penalty_fixed_date,
                                    const ClaimContent* before) {
  if (auto s = CheckId(id, "claim.id"); !s.ok()) return s.error();
  if (expected_version < 1) {
    return Error::InvalidArgument("claim.version",
                                  "is required: send the version you read (1 or more)");
  }
  if (auto s = ValidateClaimContent(content, today_()); !s.ok()) return s.error();
  if (auto s = CheckPenaltyRates(content, before); !s.ok()) return s.error();
  const Date today = today_();
  if (penalty_fixed_date && today < *penalty_fixed_date) {
    return Error::InvalidArgument("penalty_fixed_date", "must not be in the future");
  }
  return repository_.Update(id, expected_version, content, key, audit,
                            penalty_fixed_date.value_or(today));
}

}  // namespace disposal::domain
