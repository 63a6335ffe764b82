// The claims use cases: validate with the domain rules, then persist through the repository.
#ifndef DISPOSAL_SERVER_DOMAIN_CLAIM_REGISTRY_H_
#define DISPOSAL_SERVER_DOMAIN_CLAIM_REGISTRY_H_

#include <functional>

#include "domain/claim_repository.h"

namespace disposal::domain {

class ClaimRegistry {
 public:
  // `today` gives the current date in Asia/Shanghai (bounds birth dates in national IDs).
  ClaimRegistry(ClaimRepository& repository, std::function<Date()> today)
      : repository_(repository), today_(std::move(today)) {}

  // INVALID_ARGUMENT naming the field when the content breaks a rule; otherwise as
  // ClaimRepository::Create.
  Result<Claim> Create(const ClaimContent& content, const RequestKey& key,
                       const AuditContext& audit);
  // As ClaimRepository::Earlier.
  Result<std::optional<Claim>> Earlier(const RequestKey& key, const std::string& rpc);
  Result<Claim> Get(const std::string& id);
  // As ClaimRepository::GetAsOf; `as_of_micros` absent means now.
  Result<Claim> Get(const std::string& id, std::optional<int64_t> as_of_micros);
  // `page_size` 0 means the default; above the maximum is INVALID_ARGUMENT.
  Result<ClaimPage> List(const ClaimFilter& filter, const std::optional<ClaimCursor>& after,
                         int page_size);
  // `penalty_fixed_date`: the day a changed penalty was fixed (its booking's date once the
  // ledger is open); today when absent, and never in the future. `before`: the content the
  // update replaces, as the caller read it (CheckPenaltyRates); nullptr checks every tranche.
  Result<Claim> Update(const std::string& id, int64_t expected_version, const ClaimContent& content,
                       const RequestKey& key, const AuditContext& audit,
                       const std::optional<Date>& penalty_fixed_date = std::nullopt,
                       const ClaimContent* before = nullptr);

 private:
  ClaimRepository& repository_;
  std::function<Date()> today_;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_CLAIM_REGISTRY_H_
