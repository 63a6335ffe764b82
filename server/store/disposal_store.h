// DisposalRepository on PostgreSQL.
#ifndef DISPOSAL_SERVER_STORE_DISPOSAL_STORE_H_
#define DISPOSAL_SERVER_STORE_DISPOSAL_STORE_H_

#include "domain/disposal_repository.h"
#include "store/database.h"

namespace disposal::store {

class PgDisposalRepository : public domain::DisposalRepository {
 public:
  explicit PgDisposalRepository(Database& database) : database_(database) {}

  Result<std::optional<std::string>> EarlierResult(const domain::RequestKey& key,
                                                   const std::string& rpc) override;
  Result<domain::OfferedClaims> LoadClaims(const std::vector<std::string>& ids,
                                           const domain::Date& books_through) override;
  Result<domain::DisposalRecord> Create(const domain::DisposalContent& content,
                                        const domain::ClaimVersions& claim_versions,
                                        const domain::RequestKey& key,
                                        const domain::AuditContext& audit) override;
  Result<domain::DisposalRecord> Get(const std::string& id) override;
  Result<domain::DisposalRecord> GetAsOf(const std::string& id, int64_t as_of_micros) override;
  Result<domain::OfferedClaims> LoadClaimsAsOf(const std::vector<std::string>& ids,
                                               int64_t as_of_micros) override;
  Result<domain::DisposalPage> List(const std::optional<domain::ClaimCursor>& after,
                                    int page_size) override;
  Result<domain::DisposalRecord> UpdateDraft(const std::string& id, int64_t expected_version,
                                             const domain::DisposalContent& content,
                                             const domain::ClaimVersions& claim_versions,
                                             const domain::RequestKey& key,
                                             const domain::AuditContext& audit) override;
  Result<domain::DisposalRecord> Publish(const std::string& id, int64_t expected_version,
                                         const domain::Publication& publication,
                                         const LiveOn& still_live,
                                         const std::vector<domain::Money>& lot_book_values,
                                         const domain::ClaimVersions& claim_versions,
                                         const domain::BookedValues& booked,
                                         int64_t calendar_revision, const domain::RequestKey& key,
                                         const domain::AuditContext& audit) override;
  Result<domain::DisposalRecord> SetState(const std::string& id, int64_t expected_version,
                                          domain::StoredState from, domain::StoredState to,
                                          const TransitionCheck& check, int64_t calendar_revision,
                                          const domain::RequestKey& key,
                                          const domain::AuditContext& audit) override;
  Result<domain::Submission> AddSubmission(const domain::Submission& submission,
                                           const SubmissionPlan& plan, int64_t calendar_revision,
                                           const domain::RequestKey& key,
                                           const domain::AuditContext& audit) override;
  Result<std::vector<domain::Submission>> ListSubmissions(const std::string& disposal_id,
                                                          const domain::SubmissionFilter& filter,
                                                          int after_number, int page_size) override;
  Result<domain::Submission> Resolve(const std::string& submission_id,
                                     domain::Resolution resolution, const std::string& note,
                                     int64_t resolve_micros, const domain::RequestKey& key,
                                     const domain::AuditContext& audit) override;

 private:
  Database& database_;
};

}  // namespace disposal::store

#endif  // DISPOSAL_SERVER_STORE_DISPOSAL_STORE_H_
