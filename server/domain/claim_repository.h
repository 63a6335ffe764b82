// What the claims use cases need from storage. store/ implements it on PostgreSQL;
// domain code depends only on this interface, never on the database.
#ifndef DISPOSAL_SERVER_DOMAIN_CLAIM_REPOSITORY_H_
#define DISPOSAL_SERVER_DOMAIN_CLAIM_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/claim.h"
#include "domain/result.h"

namespace disposal::domain {

// Who changed what, through which call: written as an audit event in the change's transaction.
struct AuditContext {
  std::string actor;          // who asked: the access token's name
  std::string rpc;            // e.g. "disposal.v1.ClaimService/CreateClaim"
  std::string request_id;     // the client's request id, may be empty
  std::string payload_json;   // the change as JSON (the request body)
  std::string role = {};      // the token's role ("staff", ...); "" when unknown
  std::string token_id = {};  // the token's id; "" when unknown
};

// A client's request id and a digest of the request body it came with. An empty
// request_id means the call is not retry-protected.
struct RequestKey {
  std::string request_id;
  std::string body_sha256;  // lowercase hex
};

// Where a page of claims continues: claims strictly older than (create_time, id).
struct ClaimCursor {
  int64_t create_time_micros = 0;
  std::string id;
};

struct ClaimFilter {
  std::optional<std::string> debtor_identifier;
  std::optional<ClaimStatus> status;
};

struct ClaimPage {
  std::vector<Claim> claims;
  std::optional<ClaimCursor> next;  // set when more claims may follow
};

class ClaimRepository {
 public:
  virtual ~ClaimRepository() = default;

  // Inserts a new claim at version 1 with its audit event, in one transaction.
  // With a request id already used: the same body returns the claim it created (nothing is
  // written); a different body fails with ALREADY_EXISTS. UNAVAILABLE when storage is down.
  virtual Result<Claim> Create(const ClaimContent& content, const RequestKey& key,
                               const AuditContext& audit) = 0;

  // The claim, as it is now, that a call of `rpc` with this request key already produced;
  // nullopt when the key is new; ALREADY_EXISTS when it was used with another body. Asked
  // before a retry is checked again: the rules, or the claim, may have changed since.
  virtual Result<std::optional<Claim>> Earlier(const RequestKey& key, const std::string& rpc) = 0;

  // NOT_FOUND when no claim has `id`.
  virtual Result<Claim> Get(const std::string& id) = 0;

  // The claim as it was at `as_of_micros` (microseconds since the Unix epoch, not in the
  // future): NOT_FOUND when it did not exist then; FAILED_PRECONDITION when that precedes the
  // kept history and the claim existed before it (its state then is not known).
  virtual Result<Claim> GetAsOf(const std::string& id, int64_t as_of_micros) = 0;

  // Newest first. REQUIRES: 1 <= page_size <= 200.
  virtual Result<ClaimPage> List(const ClaimFilter& filter, const std::optional<ClaimCursor>& after,
                                 int page_size) = 0;

  // Replaces the content of claim `id` if its version is still `expected_version`, bumps the
  // version and writes the audit event, in one transaction. ABORTED on a stale version,
  // NOT_FOUND on an unknown id; request ids behave as in Create. Once the claim's ledger is
  // open, a change of the penalty is booked in the same transaction, dated
  // `penalty_fixed_date` (PenaltyChangeEntry).
  virtual Result<Claim> Update(const std::string& id, int64_t expected_version,
                               const ClaimContent& content, const RequestKey& key,
                               const AuditContext& audit, const Date& penalty_fixed_date) = 0;
};

}  // namespace disposal::domain

#endif  // DISPOSAL_SERVER_DOMAIN_CLAIM_REPOSITORY_H_
